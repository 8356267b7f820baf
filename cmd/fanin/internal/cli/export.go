package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"fanin/cmd/fanin/internal/site"
)

// Export is `fanin export [-root DIR] [-base PATH] DIR`: it writes the page
// as a static site that any static file server can serve, from its root or
// (with -base) from a sub-path such as a project page's /fanin/.
func Export(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("fanin export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "folder holding web/ with the built web/app.wasm")
	base := flags.String("base", "/", "URL path the site will be served under, e.g. /fanin/")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: fanin export [-root DIR] [-base /PATH/] DIR")
		return ExitUsage
	}
	if _, err := site.CleanBase(*base); err != nil {
		fmt.Fprintf(stderr, "fanin export: %v\n", err)
		return ExitUsage
	}
	dir := flags.Arg(0)
	if err := export(*root, *base, dir); err != nil {
		fmt.Fprintf(stderr, "fanin export: %v\n", err)
		return ExitPartial
	}
	fmt.Fprintf(stdout, "fanin: static site written to %s (serve it at %s)\n", dir, mustBase(*base))
	return ExitOK
}

func export(root, base, dir string) error {
	s, err := site.New(site.Config{Root: root, Base: base})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.WriteStatic(dir)
}

func mustBase(base string) string {
	b, _ := site.CleanBase(base)
	return b
}
