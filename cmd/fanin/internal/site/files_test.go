package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFilesInMemory(t *testing.T) {
	files := fstest.MapFS{
		"app.wasm":    {Data: wasmStandIn},
		"app.wasm.gz": {Data: mustCompress(t, wasmStandIn, "gzip")},
		"jq.wasm":     {Data: jqWasmStandIn},
		"fanin.css":   {Data: []byte("body{}")},
		"embed.go":    {Data: []byte("package web")},
	}
	s, err := New(Config{Files: files})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(path, encoding string) (int, string, string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		b, _ := io.ReadAll(rec.Body)
		return rec.Code, rec.Header().Get("Content-Encoding"), string(b)
	}
	t.Run("embedded files are served like files on disk, precompressed copies included", func(t *testing.T) {
		v := s.Version()
		if code, _, body := get("/web/"+v+"/fanin.css", ""); code != 200 || body != "body{}" {
			t.Errorf("fanin.css: got %d %q", code, body)
		}
		if code, enc, _ := get("/web/"+v+"/app.wasm", "gzip"); code != 200 || enc != "gzip" {
			t.Errorf("app.wasm with gzip: got %d, Content-Encoding %q", code, enc)
		}
	})
	t.Run("Go sources among them are not assets", func(t *testing.T) {
		if code, _, _ := get("/web/"+s.Version()+"/embed.go", ""); code != http.StatusNotFound {
			t.Errorf("embed.go: got %d, want 404", code)
		}
	})
	t.Run("without app.wasm it is not built", func(t *testing.T) {
		if _, err := New(Config{Files: fstest.MapFS{"fanin.css": {Data: []byte("x")}, "jq.wasm": {Data: jqWasmStandIn}}}); err == nil {
			t.Error("a site without app.wasm was made")
		}
	})
	t.Run("without jq.wasm, the page's jq worker, it is not built", func(t *testing.T) {
		_, err := New(Config{Files: fstest.MapFS{"fanin.css": {Data: []byte("x")}, "app.wasm": {Data: wasmStandIn}}})
		if err == nil || !strings.Contains(err.Error(), "jq.wasm") {
			t.Errorf("a site without jq.wasm: got %v, want an error naming jq.wasm", err)
		}
	})
}
