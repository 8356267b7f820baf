//go:build js && wasm

package main

import (
	"fanin/app/jqwork"
	"fanin/app/ui"
	"fanin/app/webenv"
	"fanin/app/webfetch"
)

// pageBrowser is the page's world in the browser: its fetch, its
// environment and jq in a Web Worker.
func pageBrowser() ui.Browser {
	return ui.Browser{Fetcher: webfetch.New(), Env: webenv.Default(), JQ: jqwork.NewWorker}
}

// runCommand is never reached in the browser: RunWhenOnBrowser does not
// return there.
func runCommand([]string) int { return 0 }
