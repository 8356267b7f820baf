package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// embeddedCopy reads a site root's web/ into memory, as go:embed would
// hold it (no modification times, not an *os.File).
func embeddedCopy(t *testing.T, root string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	entries, err := os.ReadDir(filepath.Join(root, "web"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			b, err := os.ReadFile(filepath.Join(root, "web", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	return files
}

func TestEmbeddedPage(t *testing.T) {
	t.Run("without -root, serve uses the page built into the binary", func(t *testing.T) {
		withPage(t, embeddedCopy(t, siteRoot(t)))
		srv := startServe(t, context.Background(), serveConfig{})
		resp, err := http.Get(srv.url + "/app.wasm")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(b) != "\x00asm stand-in" {
			t.Fatalf("GET /app.wasm: %d %q", resp.StatusCode, b)
		}
		resp, err = http.Get(srv.url + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `id="urls"`) {
			t.Fatalf("GET /: %d, no URL box in\n%.500s", resp.StatusCode, b)
		}
	})
	t.Run("without -root, export writes the embedded page", func(t *testing.T) {
		withPage(t, embeddedCopy(t, siteRoot(t)))
		dir := filepath.Join(t.TempDir(), "out")
		if got := fanin(t, "", "export", dir); got.code != ExitOK {
			t.Fatalf("got %+v", got)
		}
		found, _ := filepath.Glob(filepath.Join(dir, "web", "*", "app.wasm"))
		if len(found) != 1 {
			t.Fatalf("no web/VERSION/app.wasm in the export: %q", found)
		}
	})
	t.Run("a binary built without the page says so, and what to do", func(t *testing.T) {
		withPage(t, nil)
		const want = "this fanin was built without the page; run make, or pass -root DIR"
		if got := fanin(t, "", "serve", "-addr", "127.0.0.1:0"); got.code != ExitPartial || !strings.Contains(got.stderr, want) {
			t.Errorf("serve: got %+v", got)
		}
		if got := fanin(t, "", "export", t.TempDir()); got.code != ExitPartial || !strings.Contains(got.stderr, want) {
			t.Errorf("export: got %+v", got)
		}
		root := siteRoot(t)
		os.Remove(filepath.Join(root, "web", "link.txt"))
		os.Remove(filepath.Join(root, "web", "rel-link.txt"))
		if got := fanin(t, "", "export", "-root", root, filepath.Join(t.TempDir(), "out")); got.code != ExitOK {
			t.Errorf("-root still works: got %+v", got)
		}
	})
}
