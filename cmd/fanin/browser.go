//go:build js && wasm

package main

import (
	"fanin/app/fanout"
	"fanin/app/urlhost"
	"fanin/app/webfetch"
)

// pageFetcher is the browser's fetch, refusing responses that a public URL
// redirected into the visitor's own machine or network.
func pageFetcher() fanout.Fetcher {
	return fanout.Guarded{Fetcher: webfetch.New(), Hostname: urlhost.Hostname}
}

// runCommand is never reached in the browser: RunWhenOnBrowser does not
// return there.
func runCommand([]string) int { return 0 }
