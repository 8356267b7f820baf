package web

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	t.Run("every top-level file of web/ is embedded, the screenshots are not", func(t *testing.T) {
		entries, err := os.ReadDir(".")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			if _, err := fs.Stat(Files(), e.Name()); err != nil {
				t.Errorf("web/%s is not embedded: %v", e.Name(), err)
			}
		}
		if _, err := fs.Stat(Files(), "screenshots"); err == nil {
			t.Error("web/screenshots is embedded")
		}
	})
	t.Run("Page reports app.wasm exactly when it was there to embed", func(t *testing.T) {
		info, statErr := os.Stat(WasmName)
		size, ok := Page()
		if ok != (statErr == nil) || (ok && size != info.Size()) {
			t.Fatalf("Page() = %d, %v; web/app.wasm on disk: %v", size, ok, statErr)
		}
	})
}
