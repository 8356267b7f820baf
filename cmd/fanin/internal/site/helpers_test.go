package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"fanin/app/ui"

	"github.com/andybalholm/brotli"
)

func TestMain(m *testing.M) {
	ui.Route(ui.Browser{})
	os.Exit(m.Run())
}

// jqWasmStandIn is what the test sites serve as jq.wasm.
var jqWasmStandIn = []byte("\x00asm jq worker stand-in")

// wasmStandIn is what the test sites serve as app.wasm: long and
// repetitive enough that compression shows.
var wasmStandIn = bytes.Repeat([]byte("\x00asm stand-in for the page; "), 4000)

// newRoot makes a site root with the real web/ assets, a stand-in wasm with
// its .br and .gz copies, and a dotfile that must never be served.
func newRoot(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	for _, name := range []string{"fanin.css", "icon.svg", "icon-192.png", "icon-512.png", "jqworker.js", "frameguard.js", "fetchone.js"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "web", name))
		if err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(web, name), b)
	}
	put(t, filepath.Join(web, "app.wasm"), wasmStandIn)
	put(t, filepath.Join(web, "app.wasm.br"), mustCompress(t, wasmStandIn, "br"))
	put(t, filepath.Join(web, "app.wasm.gz"), mustCompress(t, wasmStandIn, "gzip"))
	put(t, filepath.Join(web, "jq.wasm"), jqWasmStandIn)
	put(t, filepath.Join(web, "jq.wasm.br"), mustCompress(t, jqWasmStandIn, "br"))
	put(t, filepath.Join(web, ".secret"), []byte("dotfile"))
	put(t, filepath.Join(web, ".git", "config"), []byte("[core] dotfolder"))
	put(t, filepath.Join(root, "outside.txt"), []byte("outside web"))
	return root
}

func put(t testing.TB, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustCompress(t testing.TB, b []byte, encoding string) []byte {
	t.Helper()
	out, err := compressBytes(b, encoding)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func decompress(t testing.TB, b []byte, encoding string) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(b)
	switch encoding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", encoding, err)
	}
	return out
}

func newSite(t testing.TB, root, base string) *Site {
	t.Helper()
	s, err := New(Config{Root: root, Base: base})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// do sends one request to h and returns the recorded response.
func do(h http.Handler, method, target string, header ...string) *http.Response {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
