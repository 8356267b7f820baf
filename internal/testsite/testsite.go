// Package testsite gives the end-to-end tests, the CLI's browser tests and
// the bench a fanin site root built from this tree: the wasms that `make`
// built (web/app.wasm, the page, and web/jq.wasm, its jq worker, each with
// its .br and .gz), rebuilt as `make` would only when missing or older
// than a Go source, and web/'s files copied into a folder of the caller's,
// which it may change freely.
//
// The check and the build run under a lock, so that test packages running
// at once build the wasm once and never read half of one.
package testsite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// What `make` produces: the precompressed copies come from
// cmd/fanin/internal/precompress at its defaults.
const (
	GzipLevel     = 9
	BrotliQuality = 11
)

// wasms are the wasms of web/ and the main packages they are built from.
var wasms = []struct{ name, pkg string }{
	{"app.wasm", "./cmd/fanin"},
	{"jq.wasm", "./cmd/fanin/jqworker"},
}

// Site is a site root for `fanin serve -root`.
type Site struct {
	Root string // holds web/
	Bin  string // the fanin binary, when asked for
}

// Wasm is web/app.wasm, the page, inside the site.
func (s *Site) Wasm() string { return filepath.Join(s.Root, "web", "app.wasm") }

// JQWasm is web/jq.wasm, the page's jq worker, inside the site.
func (s *Site) JQWasm() string { return filepath.Join(s.Root, "web", "jq.wasm") }

// Options say what Build makes besides web/.
type Options struct {
	// Repo is the repository root (empty: Repo()).
	Repo string
	// Binary also builds the fanin command into ROOT/fanin.
	Binary bool
	// Log gets a line for each build step that runs (nil: none).
	Log io.Writer
	// Symbols replaces the site's wasm with one built with its symbol
	// table (no -s -w) and drops its precompressed copies, so that CPU
	// profiles of the page name Go functions instead of wasm-function[N].
	Symbols bool
}

// Build brings the repository's wasms and their precompressed copies up to
// date, then makes a site root in dir: web/ with a copy of every
// top-level file of the repository's web/ (the screenshots folder is not
// part of the site).
func Build(ctx context.Context, dir string, opt Options) (*Site, error) {
	repo := opt.Repo
	if repo == "" {
		var err error
		if repo, err = Repo(); err != nil {
			return nil, err
		}
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if err := Ensure(ctx, repo, opt.Log); err != nil {
		return nil, err
	}
	s := &Site{Root: dir}
	if err := copyWeb(filepath.Join(repo, "web"), filepath.Join(dir, "web")); err != nil {
		return nil, fmt.Errorf("copying web/ into the test site: %w", err)
	}
	if opt.Symbols {
		fmt.Fprintln(opt.Log, "testsite: building the site's wasm with symbols")
		if err := buildSymbolWasm(ctx, repo, s.Wasm()); err != nil {
			return nil, err
		}
	}
	if opt.Binary {
		s.Bin = filepath.Join(dir, "fanin")
		fmt.Fprintln(opt.Log, "testsite: building fanin")
		if err := goCmd(ctx, repo, nil, "build", "-trimpath", "-o", s.Bin, "./cmd/fanin"); err != nil {
			return nil, fmt.Errorf("building fanin: %w", err)
		}
	}
	return s, nil
}

// Repo is the repository root: the folder of the go.mod that the working
// directory belongs to.
func Repo() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module fanin\n") {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("testsite: not inside fanin's module")
		}
		dir = up
	}
}

// Ensure does what `make` does for web/app.wasm and web/jq.wasm with their
// .br and .gz copies in repo: a wasm is built (same command, same flags)
// when it is missing or older than a Go source under app/ or cmd/, or
// go.mod or go.sum; each copy is remade when missing or older than its
// wasm.
func Ensure(ctx context.Context, repo string, log io.Writer) error {
	unlock, err := lock(repo)
	if err != nil {
		return err
	}
	defer unlock()
	newest, err := newestSource(repo)
	if err != nil {
		return err
	}
	for _, w := range wasms {
		wasm := filepath.Join(repo, "web", w.name)
		rebuild, formats, err := stale(wasm, newest)
		if err != nil {
			return err
		}
		if rebuild {
			fmt.Fprintf(log, "testsite: building web/%s (it is missing or older than the Go sources)\n", w.name)
			if err := buildWasm(ctx, repo, wasm, w.pkg); err != nil {
				return err
			}
		}
		for _, format := range formats {
			fmt.Fprintf(log, "testsite: writing web/%s.%s\n", w.name, format)
			if err := goCmd(ctx, repo, nil, "run", "./cmd/fanin/internal/precompress", "-format", format, wasm); err != nil {
				return fmt.Errorf("precompressing web/%s (%s): %w", w.name, format, err)
			}
		}
	}
	return nil
}

// stale says what `make` would remake of the wasm at path, given the
// newest source's time: the wasm, and which of its precompressed copies
// ("br", "gz"; both when the wasm is remade).
func stale(path string, newest time.Time) (wasm bool, formats []string, err error) {
	built, err := modTime(path)
	if err != nil {
		return false, nil, err
	}
	wasm = built.IsZero() || newest.After(built)
	for _, format := range []string{"br", "gz"} {
		made, err := modTime(path + "." + format)
		if err != nil {
			return false, nil, err
		}
		if wasm || made.IsZero() || built.After(made) {
			formats = append(formats, format)
		}
	}
	return wasm, formats, nil
}

// buildWasm builds pkg into a dotfile next to the wasm and renames it into
// place: a server scanning web/ skips dotfiles and never sees half a wasm.
func buildWasm(ctx context.Context, repo, wasm, pkg string) error {
	name := filepath.Base(wasm)
	tmp, err := os.CreateTemp(filepath.Dir(wasm), "."+name+".*")
	if err != nil {
		return fmt.Errorf("building web/%s: %w", name, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	env := []string{"GOOS=js", "GOARCH=wasm"}
	if err := goCmd(ctx, repo, env, "build", "-trimpath", "-ldflags", "-s -w", "-o", tmp.Name(), pkg); err != nil {
		return fmt.Errorf("building web/%s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), wasm)
}

// buildSymbolWasm builds the wasm with its symbols at path and removes
// the .br and .gz copies beside it, which would be served instead.
func buildSymbolWasm(ctx context.Context, repo, path string) error {
	env := []string{"GOOS=js", "GOARCH=wasm"}
	if err := goCmd(ctx, repo, env, "build", "-trimpath", "-o", path, "./cmd/fanin"); err != nil {
		return fmt.Errorf("building the wasm with symbols: %w", err)
	}
	for _, ext := range []string{".br", ".gz"} {
		if err := os.Remove(path + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func goCmd(ctx context.Context, repo string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// newestSource is the latest modification among the files the Makefile
// lists as the wasm's sources.
func newestSource(repo string) (time.Time, error) {
	var newest time.Time
	see := func(path string) error {
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := see(filepath.Join(repo, f)); err != nil {
			return time.Time{}, err
		}
	}
	for _, top := range []string{"app", "cmd", "web"} {
		err := filepath.WalkDir(filepath.Join(repo, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			return see(path)
		})
		if err != nil {
			return time.Time{}, fmt.Errorf("looking at the Go sources: %w", err)
		}
	}
	return newest, nil
}

// modTime is a file's modification time, zero when it does not exist.
func modTime(path string) (time.Time, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return info.ModTime(), nil
}

// copyWeb copies src's top-level regular files, dotfiles excepted, into dst.
func copyWeb(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", dst, err)
	}
	return out.Close()
}
