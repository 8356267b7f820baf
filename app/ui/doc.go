// Package ui holds fanin's go-app components. Components render and react
// to the user; the work itself is done by the core packages: app/run owns
// the plan and the run with its board's figures, app/result the finished
// result, app/fanout the fetching. Handlers start that work in ctx.Async
// and bring it back with ctx.Dispatch, so the page never blocks. The
// browser is reached only through what NewPage is handed (Browser: the
// fetcher, webenv.Env, the jq runner's factory) and go-app itself; nothing
// here fetches during pre-rendering on the server: runs start from user
// actions.
package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Route registers fanin's page at "/". In the browser b holds the
// browser's fetch, environment and jq worker; on the server, where pages
// are only pre-rendered, b.Fetcher is nil and the page refuses to run.
func Route(b Browser) {
	app.Route("/", func() app.Composer { return NewPage(b) })
}
