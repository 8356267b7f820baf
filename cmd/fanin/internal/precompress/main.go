// Command precompress writes the compressed copies of a file that `fanin
// serve` sends to browsers that accept them: FILE.br (brotli, quality 11,
// largest window) and FILE.gz (gzip -9). It runs at build time, from the
// Makefile, because brotli at its best quality takes seconds on the wasm,
// far too long to do per request:
//
//	go run ./cmd/fanin/internal/precompress [-format br|gz|all] [-brotli-quality Q] FILE
//
// Each copy is written to a temporary file and renamed into place, so a
// server never sees half of one.
package main

import (
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

func main() {
	format := flag.String("format", "all", "which copy to write: br, gz or all")
	// Tests lower the quality: the bytes differ, the serving does not.
	flag.IntVar(&brotliQuality, "brotli-quality", brotli.BestCompression, "brotli quality, 0-11")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "Usage: precompress [-format br|gz|all] [-brotli-quality Q] FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || brotliQuality < brotli.BestSpeed || brotliQuality > brotli.BestCompression {
		flag.Usage()
		os.Exit(2)
	}
	var formats []string
	switch *format {
	case "all":
		formats = []string{"br", "gz"}
	case "br", "gz":
		formats = []string{*format}
	default:
		fmt.Fprintf(os.Stderr, "precompress: unknown format %q\n", *format)
		os.Exit(2)
	}
	for _, f := range formats {
		if err := compressFile(flag.Arg(0), f); err != nil {
			fmt.Fprintf(os.Stderr, "precompress: %v\n", err)
			os.Exit(1)
		}
	}
}

// compressFile writes src+"."+format next to src.
func compressFile(src, format string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	dst := src + "." + format
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*")
	if err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := compress(tmp, in, format); err != nil {
		return fmt.Errorf("compress %s to %s: %w", src, format, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	return nil
}

var brotliQuality = brotli.BestCompression

func compress(w io.Writer, r io.Reader, format string) error {
	var zw io.WriteCloser
	switch format {
	case "br":
		zw = brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: brotliQuality, LGWin: 24})
	case "gz":
		gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
		if err != nil {
			return err
		}
		zw = gz
	default:
		return errors.New("unknown format " + format)
	}
	if _, err := io.Copy(zw, r); err != nil {
		return err
	}
	return zw.Close()
}
