// Package testbrowser starts headless Chromium for tests and benchmarks:
// with the flags this machine needs (no sandbox as root, no background
// networking that would reach for outside hosts), a fresh profile each time,
// and a clear failure — never a skip — when Chromium is not installed.
package testbrowser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// InstallHint says how to get the browser the tests need.
const InstallHint = "headless Chromium is required: on Debian run `apt-get update && apt-get install -y chromium` (or set FANIN_CHROMIUM to a Chromium binary)"

// Flags are the command-line flags every Chromium started for fanin's tests
// gets, besides a fresh --user-data-dir.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--no-default-browser-check", "--disable-extensions",
	"--disable-features=Translate,OptimizationHints,MediaRouter",
	"--metrics-recording-only", "--password-store=basic", "--use-mock-keychain",
}

// Path finds the Chromium binary: $FANIN_CHROMIUM, else chromium or
// chromium-browser on PATH.
func Path() (string, error) {
	if p := os.Getenv("FANIN_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	var err error
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		var p string
		if p, err = exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", err
}

// New starts a browser for t and returns a chromedp context for one tab in
// it. The browser stops when the test ends. extra adds allocator options.
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path, err := Path()
	if err != nil {
		t.Fatalf("%s: %v", InstallHint, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	for _, f := range Flags {
		opts = append(opts, flag(f))
	}
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := Start(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v\n%s", path, err, InstallHint)
	}
	return ctx
}

func flag(f string) chromedp.ExecAllocatorOption {
	name, value := f[2:], any(true)
	for i := range name {
		if name[i] == '=' {
			name, value = name[:i], name[i+1:]
			break
		}
	}
	return chromedp.Flag(name, value)
}

// WrapperDir writes an executable named chromium into a temporary folder
// that starts the real one with Flags. Put the folder first on PATH for
// tools that start Chromium themselves (wasmbrowsertest).
func WrapperDir(t testing.TB) string {
	t.Helper()
	path, err := Path()
	if err != nil {
		t.Fatalf("%s: %v", InstallHint, err)
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nexec " + shellQuote(path)
	for _, f := range Flags {
		script += " " + shellQuote(f)
	}
	script += " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "chromium"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func shellQuote(s string) string {
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
		} else {
			out += string(r)
		}
	}
	return out + "'"
}

// OpenPage loads fanin's page at url afresh and waits until the wasm has
// mounted it (main[data-ready="true"]). It goes through about:blank: from
// the page to the same page with another fragment would only be a fragment
// change, not a load.
func OpenPage(ctx context.Context, url string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`main[data-ready="true"]`)),
	)
}

// Start starts the browser and the first tab of a chromedp context, giving
// up after a minute. It runs on ctx itself: an action on a context derived
// with a timeout would stop the browser when that context ends.
func Start(ctx context.Context) error {
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		return err
	case <-time.After(60 * time.Second):
		return context.DeadlineExceeded
	}
}
