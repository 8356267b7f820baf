//go:build js && wasm

package main

import (
	"fanin/app/fanout"
	"fanin/app/webfetch"
)

func pageFetcher() fanout.Fetcher { return webfetch.New() }

// runCommand is never reached in the browser: RunWhenOnBrowser does not
// return there.
func runCommand([]string) int { return 0 }
