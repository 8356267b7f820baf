//go:build js && wasm

package webenv

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"fanin/app/jspromise"
	"fanin/app/pace"

	"github.com/hack-pad/safejs"
)

// Browser is the Env of the page the wasm runs in. Every call goes through
// safejs: a JavaScript exception becomes an error or a no-op, never a panic.
type Browser struct{}

func global(path ...string) (safejs.Value, error) {
	v := safejs.Global()
	for _, p := range path {
		var err error
		if v, err = v.Get(p); err != nil {
			return safejs.Undefined(), err
		}
		if v.IsUndefined() || v.IsNull() {
			return v, fmt.Errorf("%s is not available", strings.Join(path, "."))
		}
	}
	return v, nil
}

func str(path ...string) string {
	v, err := global(path...)
	if err != nil {
		return ""
	}
	s, _ := v.String()
	return s
}

func (Browser) Fragment() string { return strings.TrimPrefix(str("location", "hash"), "#") }

func (Browser) PageHost() string { return str("location", "hostname") }

func (Browser) Origin() string { return str("location", "origin") }

func (Browser) PageURL() string {
	return str("location", "origin") + str("location", "pathname") + str("location", "search")
}

// Download hands data to the browser as a Blob behind a temporary object
// URL and clicks a download link for it.
func (b Browser) Download(name, mimeType string, data []byte) error {
	f, err := b.NewDownload(name, mimeType)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Save()
}

// blobParts is a file being written: its pieces as JavaScript Uint8Arrays,
// made into one Blob when it is saved.
type blobParts struct {
	name, mimeType string
	parts          safejs.Value
	n              int
}

func (Browser) NewDownload(name, mimeType string) (FileWriter, error) {
	parts, err := safejs.ValueOf([]any{})
	if err != nil {
		return nil, err
	}
	return &blobParts{name: name, mimeType: mimeType, parts: parts}, nil
}

func (f *blobParts) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	u8ctor, err := global("Uint8Array")
	if err != nil {
		return 0, err
	}
	piece, err := u8ctor.New(len(p))
	if err != nil {
		return 0, err
	}
	if _, err := safejs.CopyBytesToJS(piece, p); err != nil {
		return 0, err
	}
	if err := f.parts.SetIndex(f.n, piece); err != nil {
		return 0, err
	}
	f.n++
	return len(p), nil
}

func (f *blobParts) Save() error {
	blobCtor, err := global("Blob")
	if err != nil {
		return err
	}
	blob, err := blobCtor.New(f.parts, map[string]any{"type": f.mimeType})
	if err != nil {
		return err
	}
	f.parts = safejs.Null()
	urls, err := global("URL")
	if err != nil {
		return err
	}
	href, err := urls.Call("createObjectURL", blob)
	if err != nil {
		return err
	}
	defer urls.Call("revokeObjectURL", href) //nolint:errcheck
	doc, err := global("document")
	if err != nil {
		return err
	}
	a, err := doc.Call("createElement", "a")
	if err != nil {
		return err
	}
	if err := a.Set("href", href); err != nil {
		return err
	}
	if err := a.Set("download", f.name); err != nil {
		return err
	}
	if err := a.Set("rel", "noopener"); err != nil {
		return err
	}
	_, err = a.Call("click")
	return err
}

func (Browser) ReplaceFragment(f string) {
	history, err := global("history")
	if err != nil {
		return
	}
	target := "#" + f
	if f == "" {
		target = str("location", "pathname") + str("location", "search")
	}
	_, _ = history.Call("replaceState", safejs.Null(), "", target)
}

func (Browser) CopyText(text string) func() error {
	clipboard, err := global("navigator", "clipboard")
	if err != nil {
		return func() error { return fmt.Errorf("no clipboard here (it needs https or localhost): %w", err) }
	}
	promise, err := clipboard.Call("writeText", text)
	return func() error {
		_, err := jspromise.Await(promise, err)
		return err
	}
}

func (Browser) ReadFile(inputID string) func() (string, string, error) {
	fail := func(err error) func() (string, string, error) {
		return func() (string, string, error) { return "", "", err }
	}
	doc, err := global("document")
	if err != nil {
		return fail(err)
	}
	input, err := doc.Call("getElementById", inputID)
	if err != nil || input.IsNull() || input.IsUndefined() {
		return fail(fmt.Errorf("no file input #%s", inputID))
	}
	files, err := input.Get("files")
	if err != nil || files.IsNull() || files.IsUndefined() {
		return fail(errors.New("no file chosen"))
	}
	file, err := files.Index(0)
	if err != nil || file.IsUndefined() || file.IsNull() {
		return fail(errors.New("no file chosen"))
	}
	name := ""
	if v, err := file.Get("name"); err == nil {
		name, _ = v.String()
	}
	if v, err := file.Get("size"); err == nil {
		if size, err := v.Int(); err == nil && size > MaxFileBytes {
			return fail(fmt.Errorf("%s is %d bytes; the limit is %d", name, size, MaxFileBytes))
		}
	}
	promise, err := file.Call("text")
	return func() (string, string, error) {
		v, err := jspromise.Await(promise, err)
		if err != nil {
			return name, "", err
		}
		text, err := v.String()
		return name, text, err
	}
}

func (Browser) BoxValue(id string) string {
	doc, err := global("document")
	if err != nil {
		return ""
	}
	el, err := doc.Call("getElementById", id)
	if err != nil || el.IsNull() || el.IsUndefined() {
		return ""
	}
	v, err := el.Get("value")
	if err != nil {
		return ""
	}
	s, _ := v.String()
	return s
}

func storage() (safejs.Value, error) { return global("localStorage") }

func (Browser) Load(key string) (string, bool) {
	s, err := storage()
	if err != nil {
		return "", false
	}
	v, err := s.Call("getItem", key)
	if err != nil || v.IsNull() || v.IsUndefined() {
		return "", false
	}
	out, err := v.String()
	return out, err == nil
}

func (Browser) Store(key, value string) error {
	s, err := storage()
	if err != nil {
		return err
	}
	_, err = s.Call("setItem", key, value)
	return err
}

func (Browser) Remove(key string) {
	if s, err := storage(); err == nil {
		_, _ = s.Call("removeItem", key)
	}
}

// SetTheme sets <html data-theme>, which the style sheet's [data-theme]
// rules read; "system" removes it so that prefers-color-scheme decides.
func (Browser) SetTheme(theme string) error {
	data, err := global("document", "documentElement", "dataset")
	if err != nil {
		return err
	}
	if theme == "system" {
		return data.Delete("theme")
	}
	return data.Set("theme", theme)
}

// NextTask waits until the browser starts a new task (a message posted to
// a MessageChannel), so it has painted and handled input in between. A Go
// timer is not enough: a page reading a response body resumes Go from
// promise callbacks, which are microtasks of the same task, and a goroutine
// whose timer ran out would carry on inside them, holding the task for
// seconds.
func (Browser) Mark(name string) {
	if perf, err := global("performance"); err == nil {
		_, _ = perf.Call("mark", name)
	}
}

func (Browser) NextTask(ctx context.Context) error {
	done := make(chan struct{})
	if err := postTask(func() { close(done) }); err != nil {
		return pace.TimerYield(ctx) // no MessageChannel: a timer still lets timers and I/O in
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tasks is the page's one MessageChannel for NextTask, with the callbacks
// waiting for their turn: made once, so a yield costs one postMessage, not
// a channel and a Go function each (NextTask runs every slice of a run).
var tasks struct {
	mu      sync.Mutex
	port2   safejs.Value
	ready   bool
	waiting []func()
}

func postTask(fn func()) error {
	tasks.mu.Lock()
	defer tasks.mu.Unlock()
	if !tasks.ready {
		if err := openTasks(); err != nil {
			return err
		}
	}
	tasks.waiting = append(tasks.waiting, fn)
	if _, err := tasks.port2.Call("postMessage", nil); err != nil {
		tasks.waiting = tasks.waiting[:len(tasks.waiting)-1]
		return err
	}
	return nil
}

// openTasks makes the channel; tasks.mu is held. Each message runs the
// oldest waiting callback: one message was posted for each.
func openTasks() error {
	ch, err := newMessageChannel()
	if err != nil {
		return err
	}
	port1, err := ch.Get("port1")
	if err != nil {
		return err
	}
	port2, err := ch.Get("port2")
	if err != nil {
		return err
	}
	cb, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		tasks.mu.Lock()
		if len(tasks.waiting) == 0 {
			tasks.mu.Unlock()
			return nil
		}
		fn := tasks.waiting[0]
		tasks.waiting = tasks.waiting[1:]
		tasks.mu.Unlock()
		fn()
		return nil
	})
	if err != nil {
		return err
	}
	if err := port1.Set("onmessage", cb); err != nil {
		cb.Release()
		return err
	}
	tasks.port2, tasks.ready = port2, true // cb lives as long as the page
	return nil
}

func newMessageChannel() (safejs.Value, error) {
	ctor, err := safejs.Global().Get("MessageChannel")
	if err != nil {
		return safejs.Undefined(), err
	}
	return ctor.New()
}
