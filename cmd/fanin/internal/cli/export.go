package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fanin/cmd/fanin/internal/site"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Export is `fanin export DIR`: it writes the page as a static site that
// any static file server can serve from its root.
func Export(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("fanin export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "folder holding web/ with the built web/app.wasm")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: fanin export [-root DIR] DIR")
		return ExitUsage
	}
	dir := flags.Arg(0)
	if err := export(*root, dir); err != nil {
		fmt.Fprintf(stderr, "fanin export: %v\n", err)
		return ExitPartial
	}
	fmt.Fprintf(stdout, "fanin: static site written to %s\n", dir)
	return ExitOK
}

func export(root, dir string) error {
	h, err := site.Handler(root)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return err
	}
	return copyTree(os.DirFS(filepath.Join(root, "web")), filepath.Join(dir, "web"))
}

// copyTree copies regular files, skipping dotfiles and anything that is not
// a plain file or folder (symlinks included).
func copyTree(src fs.FS, dst string) error {
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, filepath.FromSlash(path))
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			data, err := fs.ReadFile(src, path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		default:
			return nil
		}
	})
}
