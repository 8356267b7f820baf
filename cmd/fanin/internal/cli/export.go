package cli

import (
	"fmt"
	"io"

	"fanin/cmd/fanin/internal/site"
)

// Export is `fanin export [-root DIR] [-base PATH] DIR`: it writes the page
// as a static site that any static file server can serve, from its root or
// (with -base) from a sub-path such as a project page's /fanin/.
func Export(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("fanin export", "Usage: fanin export [-root DIR] [-base /PATH/] DIR\n\nWrites the page as a static site into DIR, for any static host or CDN.", stderr)
	root := flags.String("root", "", rootHelp)
	base := flags.String("base", "/", "URL path the site will be served under, e.g. /fanin/")
	rest, code, ok := parseArgs(flags, args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "Usage: fanin export [-root DIR] [-base /PATH/] DIR")
		return ExitUsage
	}
	if _, err := site.CleanBase(*base); err != nil {
		fmt.Fprintf(stderr, "fanin export: %v\n", err)
		return ExitUsage
	}
	dir := rest[0]
	if err := export(*root, *base, dir); err != nil {
		fmt.Fprintf(stderr, "fanin export: %v\n", err)
		return ExitPartial
	}
	fmt.Fprintf(stdout, "fanin: static site written to %s (serve it at %s)\n", dir, mustBase(*base))
	return ExitOK
}

func export(root, base, dir string) error {
	s, err := openSite(root, base, nil)
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
