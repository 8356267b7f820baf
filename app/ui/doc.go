// Package ui holds fanin's go-app components. Components render and react
// to the user; the work itself (parsing the URL list, fetching, combining)
// is done by the core packages, started from event handlers in ctx.Async
// and brought back with ctx.Dispatch so the page never blocks. Nothing here
// fetches during pre-rendering on the server: runs start from user actions.
package ui

import (
	"fanin/app/fanout"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Route registers fanin's page at "/". In the browser fetcher is the
// browser's fetch; on the server, where pages are only pre-rendered, it is
// nil and the page refuses to run.
func Route(fetcher fanout.Fetcher) {
	app.Route("/", func() app.Composer { return NewPage(fetcher, webenv.Default()) })
}
