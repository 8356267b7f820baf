// Package cli is the native fanin command: `fanin get` fetches URLs and
// prints the combined JSON, `fanin serve` serves the page (the copy built
// into the binary, or -root DIR), `fanin export` writes the page as a
// static site, `fanin version` says which build this is. Main takes its
// streams and arguments as parameters so that tests run it in-process.
package cli

import (
	"fmt"
	"io"
)

// Exit statuses of the fanin command.
const (
	ExitOK      = 0 // every URL gave JSON
	ExitPartial = 1 // some URL failed; the combined JSON was still printed
	ExitUsage   = 2 // bad command line or input
)

const usage = `fanin gathers JSON from many URLs at once and prints it as one document.

Usage:
  fanin get [-c N] [-timeout D] [-max-bytes N] [-retries N] [-H 'Name: value'] [-merge MODE] [-jq EXPR] [-o json|ndjson] [-f FILE] [URL...]
  fanin serve [-addr 127.0.0.1:8000] [-root DIR] [-proxy [-proxy-allow HOST:PORT]...]
  fanin export [-root DIR] [-base /PATH/] DIR
  fanin version

Flags may come before or after the arguments; -- ends them.
Run 'fanin COMMAND -h' for a command's flags.
`

// Main runs the fanin command with args (without the program name) and
// returns its exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "get":
		return Get(args[1:], stdin, stdout, stderr)
	case "serve":
		return Serve(args[1:], stdout, stderr)
	case "export":
		return Export(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		return Version(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(stderr, "fanin: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
}
