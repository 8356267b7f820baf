package testsite

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// fakeRepo lays out the files stale looks at, every one dated at base.
func fakeRepo(t *testing.T, base time.Time) string {
	t.Helper()
	repo := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", "app/run/run.go", "app/run/run_test.go", "cmd/fanin/main.go",
		"internal/testsite/testsite.go", "web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz"} {
		touch(t, filepath.Join(repo, f), base)
	}
	return repo
}

func touch(t *testing.T, path string, at time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestStale checks that the wasm and its copies are remade exactly when
// `make` would remake them.
func TestStale(t *testing.T) {
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	later := base.Add(time.Second)
	cases := []struct {
		name    string
		change  func(repo string)
		wasm    bool
		formats []string
	}{
		{"all built together: nothing to do", func(string) {}, false, nil},
		{"a Go source changed", func(r string) { touch(t, filepath.Join(r, "app/run/run.go"), later) }, true, []string{"br", "gz"}},
		{"a command source changed", func(r string) { touch(t, filepath.Join(r, "cmd/fanin/main.go"), later) }, true, []string{"br", "gz"}},
		{"go.sum changed", func(r string) { touch(t, filepath.Join(r, "go.sum"), later) }, true, []string{"br", "gz"}},
		{"only a test changed", func(r string) { touch(t, filepath.Join(r, "app/run/run_test.go"), later) }, false, nil},
		{"only test support changed", func(r string) { touch(t, filepath.Join(r, "internal/testsite/testsite.go"), later) }, false, nil},
		{"the wasm is missing", func(r string) { os.Remove(filepath.Join(r, "web/app.wasm")) }, true, []string{"br", "gz"}},
		{"the brotli copy is missing", func(r string) { os.Remove(filepath.Join(r, "web/app.wasm.br")) }, false, []string{"br"}},
		{"the wasm is newer than its gzip copy", func(r string) {
			touch(t, filepath.Join(r, "web/app.wasm"), later)
			touch(t, filepath.Join(r, "web/app.wasm.br"), later)
		}, false, []string{"gz"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo := fakeRepo(t, base)
			c.change(repo)
			newest, err := newestSource(repo)
			if err != nil {
				t.Fatal(err)
			}
			wasm, formats, err := stale(filepath.Join(repo, "web", "app.wasm"), newest)
			if err != nil {
				t.Fatal(err)
			}
			if wasm != c.wasm || !slices.Equal(formats, c.formats) {
				t.Errorf("stale: wasm %v, copies %q; want %v, %q", wasm, formats, c.wasm, c.formats)
			}
		})
	}
}

// TestCopyWeb checks that the site gets web/'s own files and nothing else.
func TestCopyWeb(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "web")
	now := time.Now()
	for _, f := range []string{"app.wasm", "app.wasm.br", "fanin.css", ".app.wasm.123", "screenshots/page.png"} {
		touch(t, filepath.Join(src, f), now)
	}
	if err := os.Symlink(filepath.Join(src, "fanin.css"), filepath.Join(src, "link.css")); err != nil {
		t.Fatal(err)
	}
	if err := copyWeb(src, dst); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := []string{"app.wasm", "app.wasm.br", "fanin.css"}; !slices.Equal(got, want) {
		t.Errorf("copied %q, want %q", got, want)
	}
	// The copy is the caller's: changing it leaves the repository's alone.
	if err := os.WriteFile(filepath.Join(dst, "fanin.css"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(src, "fanin.css")); string(b) != "x" {
		t.Errorf("changing the copy changed the source: %q", b)
	}
}

func TestRepo(t *testing.T) {
	repo, err := Repo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(repo, "cmd", "fanin", "main.go")); err != nil {
		t.Errorf("Repo() = %s, which has no cmd/fanin/main.go: %v", repo, err)
	}
}
