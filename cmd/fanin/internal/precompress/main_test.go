package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCompressFile(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "app.wasm")
	want := bytes.Repeat([]byte("\x00asm a page compiled to wasm "), 2000)
	if err := os.WriteFile(src, want, 0o644); err != nil {
		t.Fatal(err)
	}
	for format, open := range map[string]func(io.Reader) (io.Reader, error){
		"br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	} {
		t.Run(format+" holds exactly the file's bytes, smaller", func(t *testing.T) {
			if err := compressFile(src, format); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(src + "." + format)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info, _ := f.Stat()
			r, err := open(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("decoded %d bytes (%v), want the %d of the file", len(got), err, len(want))
			}
			if info.Size() >= int64(len(want))/10 || info.Mode().Perm() != 0o644 {
				t.Errorf("%d bytes, mode %v", info.Size(), info.Mode())
			}
		})
	}
	t.Run("a missing file is an error and leaves nothing behind", func(t *testing.T) {
		dir := t.TempDir()
		if err := compressFile(filepath.Join(dir, "none.wasm"), "br"); err == nil {
			t.Fatal("no error")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left %v", entries)
		}
	})
}
