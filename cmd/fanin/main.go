// Command fanin gathers JSON from many URLs at once and shows it as one
// document. Compiled to WebAssembly it is the page; compiled natively it is
// the fanin command: serve (the page), get (the CLI) and export (a static
// site).
package main

import (
	"os"

	"fanin/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	markStart()
	if framed() { // web/frameguard.js shows why; nothing starts, nothing fetches
		return
	}
	ui.Route(pageBrowser())
	app.RunWhenOnBrowser()
	os.Exit(runCommand(os.Args[1:]))
}
