//go:build js && wasm

package main

import (
	"fanin/app/fanout"
	"fanin/app/jqwork"
	"fanin/app/ui"
	"fanin/app/urlhost"
	"fanin/app/webenv"
	"fanin/app/webfetch"

	"github.com/hack-pad/safejs"
)

// pageBrowser is the page's world in the browser: its fetch (refusing
// responses that a public URL redirected into the visitor's own machine or
// network), its environment and jq in Web Workers (web/jq.wasm: the
// page's own wasm links no jq).
func pageBrowser() ui.Browser {
	return ui.Browser{
		Fetcher: fanout.Guarded{Fetcher: webfetch.New(), Hostname: urlhost.Hostname},
		Env:     webenv.Default(),
		JQ:      jqwork.NewWorker,
		Next:    jqwork.NewNextWorker(),
	}
}

// framed tells whether the page runs inside a frame (or cannot tell):
// then it refuses to start, since a framing page could trick a click, and
// marks the document (<html data-framed="stopped">) for tests.
func framed() bool {
	top, err := safejs.Global().Get("top")
	if err == nil {
		var self safejs.Value
		if self, err = safejs.Global().Get("self"); err == nil && top.Equal(self) {
			return false
		}
	}
	if doc, err := safejs.Global().Get("document"); err == nil {
		if root, err := doc.Get("documentElement"); err == nil {
			_, _ = root.Call("setAttribute", "data-framed", "stopped")
		}
	}
	return true
}

// markStart sets the performance mark "fanin:main" as Go's main begins
// (the runtime and every package's init done), so a load's timeline shows
// how long the wasm took to start (the bench reads it; DevTools shows it).
func markStart() {
	if perf, err := safejs.Global().Get("performance"); err == nil {
		_, _ = perf.Call("mark", "fanin:main")
	}
}

// runCommand is never reached in the browser: RunWhenOnBrowser does not
// return there.
func runCommand([]string) int { return 0 }
