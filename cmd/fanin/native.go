//go:build !(js && wasm)

package main

import (
	"os"

	"fanin/app/ui"
	"fanin/app/webenv"
	"fanin/cmd/fanin/internal/cli"
)

// pageBrowser has no fetcher natively: the server only pre-renders the
// page, and a page rendered on the server must never fetch the URLs it is
// given.
func pageBrowser() ui.Browser { return ui.Browser{Env: webenv.Default()} }

// framed is false natively: there is no frame to be in.
func framed() bool { return false }

// markStart marks nothing natively: there is no page to time.
func markStart() {}

func runCommand(args []string) int {
	return cli.Main(args, os.Stdin, os.Stdout, os.Stderr)
}
