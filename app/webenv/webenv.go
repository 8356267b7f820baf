// Package webenv is what the page needs from the browser besides fetch and
// the jq worker: the address's fragment (where share links keep their
// state), the page's own host, the clipboard, localStorage, files the user
// picked, downloads, the document's theme and the browser's next task. The Env interface has a browser
// implementation over github.com/hack-pad/safejs (js/wasm only) and an
// in-memory one (Memory) that tests and the server-side pre-render use.
package webenv

import (
	"context"
	"errors"
	"sync"

	"fanin/app/pace"
)

// Env is the page's view of its browser.
type Env interface {
	// Fragment is the address's fragment, without '#'.
	Fragment() string
	// ReplaceFragment sets the fragment without adding a history entry.
	ReplaceFragment(fragment string)
	// PageHost is the host name the page was loaded from.
	PageHost() string
	// CopyText starts copying text to the clipboard; call it from a click
	// handler (browsers require a user gesture), and wait for the outcome
	// off the UI goroutine.
	CopyText(text string) (wait func() error)
	// PageURL is the page's address without its fragment.
	PageURL() string
	// Origin is the page's scheme, host and port.
	Origin() string
	// Download offers data to the user as a file named name.
	Download(name, mimeType string, data []byte) error
	// NewDownload starts a file for the user written in pieces, so a big
	// one is never held whole in Go; Save offers it.
	NewDownload(name, mimeType string) (FileWriter, error)
	// ReadFile starts reading the first file chosen in the file input
	// with id inputID (a drop handler puts the dropped files there), at
	// most MaxFileBytes; wait off the UI goroutine for its name and text.
	ReadFile(inputID string) (wait func() (name, text string, err error))
	// SetTheme sets the document's colour scheme: "light", "dark", or
	// "system" to follow prefers-color-scheme.
	SetTheme(theme string) error
	// NextTask waits until the browser has painted and handled input
	// (its next task), or ctx is done: heavy work yields with it.
	NextTask(ctx context.Context) error
	// BoxValue is the value of the document's form field with this id as
	// it stands ("" when there is none): the pre-rendered page's URL box
	// holds what a person typed or pasted before the wasm mounted.
	BoxValue(id string) string
	// Load, Store and Remove use localStorage.
	Load(key string) (string, bool)
	Store(key, value string) error
	Remove(key string)
	// Mark sets a performance mark (performance.mark): a moment of the
	// page's own that DevTools' timeline, tests and the bench can see.
	Mark(name string)
}

// MaxFileBytes is the largest URL file the page reads.
const MaxFileBytes = 8 << 20

// FileWriter is a download being written.
type FileWriter interface {
	Write(p []byte) (int, error)
	Save() error
}

// Memory is an Env kept in memory.
type Memory struct {
	mu       sync.Mutex
	fragment string
	host     string
	copied   []string
	files    map[string][]byte
	storage  map[string]string
	theme    string
	boxes    map[string]string
	marks    []string
	// Picked is what ReadFile returns.
	Picked struct{ Name, Text string }
}

// NewMemory returns a Memory Env for a page at host with a fragment.
func NewMemory(host, fragment string) *Memory {
	return &Memory{host: host, fragment: fragment, storage: map[string]string{}, files: map[string][]byte{}, boxes: map[string]string{}}
}

func (m *Memory) Fragment() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fragment
}

func (m *Memory) ReplaceFragment(f string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fragment = f
}

func (m *Memory) PageHost() string { return m.host }

func (m *Memory) PageURL() string { return m.Origin() + "/" }

func (m *Memory) Origin() string { return "http://" + m.host }

func (m *Memory) Download(name, mimeType string, data []byte) error {
	f, _ := m.NewDownload(name, mimeType)
	f.Write(data)
	return f.Save()
}

// memoryFile is a download being written into a Memory.
type memoryFile struct {
	m    *Memory
	name string
	data []byte
}

func (m *Memory) NewDownload(name, mimeType string) (FileWriter, error) {
	return &memoryFile{m: m, name: name}, nil
}

func (f *memoryFile) Write(p []byte) (int, error) {
	f.data = append(f.data, p...)
	return len(p), nil
}

func (f *memoryFile) Save() error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	f.m.files[f.name] = f.data
	return nil
}

// Downloaded returns what Download saved under name.
func (m *Memory) Downloaded(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

func (m *Memory) CopyText(text string) func() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.copied = append(m.copied, text)
	return func() error { return nil }
}

func (m *Memory) ReadFile(string) func() (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name, text := m.Picked.Name, m.Picked.Text
	return func() (string, string, error) {
		if name == "" {
			return "", "", errors.New("no file chosen")
		}
		return name, text, nil
	}
}

func (m *Memory) BoxValue(id string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.boxes[id]
}

// SetBox puts text in the form field id, as typing into the page before
// its wasm mounted would.
func (m *Memory) SetBox(id, text string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.boxes[id] = text
}

// Copied lists what CopyText was given.
func (m *Memory) Copied() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.copied...)
}

func (m *Memory) Load(key string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.storage[key]
	return v, ok
}

func (m *Memory) Store(key, value string) error {
	if len(value) > 5<<20 {
		return errors.New("storage quota exceeded")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.storage[key] = value
	return nil
}

func (m *Memory) Mark(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.marks = append(m.marks, name)
}

// Marks lists the marks set, in order.
func (m *Memory) Marks() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.marks...)
}

func (m *Memory) Remove(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.storage, key)
}

func (m *Memory) SetTheme(theme string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.theme = theme
	return nil
}

// Theme is what SetTheme was last given.
func (m *Memory) Theme() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.theme
}

// NextTask outside a browser waits on a 1 ms timer: there is no page to
// let paint, only other goroutines to let run.
func (m *Memory) NextTask(ctx context.Context) error { return pace.TimerYield(ctx) }
