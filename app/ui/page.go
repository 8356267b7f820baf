package ui

import (
	"context"
	"strings"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqwork"
	"fanin/app/pace"
	"fanin/app/pages"
	"fanin/app/run"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Browser is what the page needs from around it, handed to NewPage. The
// zero value is the page as the server pre-renders it: no fetching, an
// in-memory browser, no jq. This package links no jq: the page's wasm
// gets its jq workers (app/jqwork), native tests app/jqengine's.
type Browser struct {
	Fetcher fanout.Fetcher // the browser's fetch; nil: the page refuses to run
	Env     webenv.Env     // fragment, clipboard, storage, files, theme, next task
	JQ      jqwork.Factory // jq over a result; nil: its runs fail with jqwork.ErrNoJQ
	Next    pages.JQ       // next-page expressions; nil: a jq rule is refused
}

// Page is fanin's single page: the URL box, the controls, one row per URL
// and the combined JSON. It is a shell: the plan and the run (app/run) and
// the result (app/result) compute; the page renders them and starts the
// work they describe.
type Page struct {
	app.Compo

	fetcher fanout.Fetcher
	env     webenv.Env
	jq      jqwork.Factory
	nextJQ  pages.JQ
	pacer   *pace.Pacer
	options fanout.Options

	plan     run.Plan
	run      *run.Run
	shown    []*resultRow // the board's page of rows, made when the run changes
	jqExpr   string
	problem  string   // a page-level message, e.g. nothing to fetch
	notes    []string // what a link could not carry over
	confirm  []string // URLs a link wants to fetch that need the user's click
	ready    bool     // mounted in a browser: the page reacts to input
	early    string   // the pre-rendered box's text, typed before the wasm mounted
	inited   bool     // initClient ran
	fromLink linkTaken
	// typedEarly: early replaced the link's list; the link is written anew
	typedEarly bool
	link       linkState
	recent     []string
	headers    string // the request headers box; never part of a link
	proxy      bool   // the server offers /proxy
	always     bool   // send every URL through the proxy
	theme      *themeToggle
	fileNote   string
	cmd        string // the equivalent fanin command, for Copy as command
	updated    bool   // a new version of the page is ready
	dropped    int    // bytes of the result the current run let go, to reclaim
	pages      pagesOptions
	rule       pages.Rule // the rule of the last run started
	rehearsed  bool       // the page has rehearsed a run (rehearsal.go), or begun to
	rehearsal  string     // the rehearsal's combined JSON, for tests
}

// NewPage returns the page over b.
func NewPage(b Browser) *Page {
	if b.Env == nil {
		b.Env = webenv.NewMemory("localhost", "")
	}
	// The pre-rendered box holds what was typed before the wasm mounted; by
	// OnMount go-app has replaced it with its own, so read it now.
	return &Page{fetcher: b.Fetcher, env: b.Env, jq: b.JQ, nextJQ: b.Next, pacer: pace.New(b.Env.NextTask, nil),
		run: run.New(combine.Array), theme: newThemeToggle(b.Env), early: b.Env.BoxValue("urls")}
}

// SetText replaces the URL box's content, as typing would.
func (c *Page) SetText(text string) { c.plan = run.NewPlan(text) }

// OnInit, in a browser, takes in what the first render should already
// show: the link's list and options, the recent lists, what was typed
// before the wasm mounted, and that the page is ready. go-app calls it
// before the page's first render, so the page mounts as it will stay; in
// OnMount's frame (go-app re-renders the page after it) only what needs a
// context is left. Reading these in OnMount instead left the mounted page
// not ready for that frame's wait and second render: 30 ms of a warm start.
func (c *Page) OnInit() {
	if app.IsClient {
		c.initClient()
	}
}

// initClient is OnInit's work, done once (OnMount does it when go-app did
// not call OnInit, as in the native tests).
func (c *Page) initClient() {
	if c.inited {
		return
	}
	c.inited = true
	c.ready = app.IsClient
	c.recent = loadRecent(c.env)
	c.fromLink = c.takeLink()
	if c.early != "" && c.early != c.plan.Text { // keep what was typed or pasted before the wasm mounted
		c.SetText(c.early)
		c.typedEarly = true
		c.fromLink.run = false // the visitor's own list: they start it
	}
}

// OnMount does what OnInit's reading left for a context: the confirm
// handler, the link's run (if it asks to and may), the proxy check.
func (c *Page) OnMount(ctx app.Context) {
	c.initClient()
	ctx.Handle(confirmAction, func(ctx app.Context, _ app.Action) {
		c.confirm = nil
		c.Start(ctx)
	})
	c.applyLink(ctx, c.fromLink, true)
	c.warmNextJQ()
	if c.typedEarly {
		c.linkChanged(ctx)
	}
	// After the frame that shows the page ready: the first request's path
	// (the fetch helper's setup, its first batch) cost a warm start about
	// 10 ms before that frame, most of it the browser compiling the
	// functions it runs for the first time.
	ctx.Defer(c.detectProxy)
	ctx.Defer(c.scheduleRehearsal)
}

// OnNav re-reads the link when its fragment changes (back, forward, a
// pasted link). It never starts a run: go-app also calls OnNav while it
// pre-renders on the server.
func (c *Page) OnNav(ctx app.Context) { c.readLink(ctx, false) }

// OnAppUpdate is go-app telling that a new version of the page has been
// downloaded by the service worker: say so, and offer to reload.
func (c *Page) OnAppUpdate(ctx app.Context) { c.updated = true }

// detectProxy asks the page's own server whether it offers the fetch
// proxy (fanin serve -proxy), so the page never guesses.
func (c *Page) detectProxy(ctx app.Context) {
	if c.fetcher == nil {
		return
	}
	fetcher, info := c.fetcher, c.env.Origin()+"/proxy/info"
	ctx.Async(func() {
		rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		resp, err := fetcher.Fetch(rctx, fanout.Request{URL: info, MaxBytes: 4096})
		on := err == nil && resp.Status == 200 && strings.Contains(string(resp.Body), `"proxy":true`)
		ctx.Dispatch(func(ctx app.Context) { c.proxy = on })
	})
}

// showBoard makes the board's page of rows from the run's figures.
func (c *Page) showBoard() { c.shown = boardRows(c.run) }

// boardRows is the board's page of rows of run r.
func boardRows(r *run.Run) []*resultRow {
	b := &r.Board
	shown := make([]*resultRow, len(b.Shown))
	for k, i := range b.Shown {
		shown[k] = newResultRow(r.Rows[i])
		if ch, ok := b.ChainAt(i); ok {
			shown[k].ChainHead, shown[k].ChainPages, shown[k].ChainRunning = ch.Start, ch.Pages, ch.Running
		}
	}
	return shown
}

// The run's views as the page shows them (the rehearsal renders the same,
// unmounted).

func (c *Page) progressView() *progressBar {
	r, b := c.run, &c.run.Board
	return &progressBar{Done: b.Done, Total: len(r.Rows), Failed: b.Failed, Speedup: b.Speedup, Announcement: b.Announcement}
}

func (c *Page) filterView() *rowFilter {
	b := &c.run.Board
	return &rowFilter{Value: c.run.Filter(), Failed: len(b.FailedRows), Slow: len(b.SlowRows), OnChange: c.onFilter}
}

func (c *Page) boardView() *board {
	r, b := c.run, &c.run.Board
	return &board{
		Rows: c.shown, Page: b.Page, Pages: b.Pages,
		Total: len(r.Rows), Shown: b.ShownCount(len(r.Rows)), OK: b.OK, Failed: b.Failed, Pending: b.Pending,
		OnPage: c.onBoardPage,
	}
}

func (c *Page) resultViewOf() *resultView {
	r := c.run
	return &resultView{Result: r.Result, Running: r.State == run.Running, Summary: r.Summary, JQ: c.jqExpr, Env: c.env, Pacer: c.pacer, OnJQ: c.onJQ}
}

// Render shows the page.
func (c *Page) Render() app.UI {
	r, b := c.run, &c.run.Board
	return app.Main().
		Class("fanin").
		DataSet("state", string(r.State)).
		DataSet("ready", c.ready).
		DataSet("run", r.ID).
		Body(
			app.Header().Class("masthead").Body(
				app.H1().Text("fanin"),
				app.P().Class("tagline").Text("Fetch JSON from many URLs at once and see it as one document."),
				c.theme,
			),
			app.If(c.updated, func() app.UI {
				return app.Div().ID("update").Class("update").Aria("live", "polite").Body(
					app.Span().Text("A new version of fanin is ready. "),
					app.Button().ID("reload").OnClick(c.onReload).Text("Reload to use it"),
				)
			}),
			c.renderInput(),
			app.If(len(c.confirm) > 0, func() app.UI {
				return &confirmRun{URLs: c.confirm, OnConfirm: c.onConfirm, OnDismiss: c.onDismiss}
			}),
			c.renderControls(),
			c.renderMoreOptions(),
			app.If(c.problem != "", func() app.UI {
				return app.P().ID("problem").Class("problem").Aria("live", "assertive").Text(c.problem)
			}),
			app.If(len(r.Rows) > 0, func() app.UI { return c.progressView() }),
			app.If(len(r.Rows) > 0, func() app.UI { return c.filterView() }),
			app.If(len(r.Rows) > 0, func() app.UI { return c.boardView() }),
			app.If(len(r.Rows) > 0 && b.Waterfall != nil, func() app.UI { return &waterfall{W: b.Waterfall} }),
			c.resultViewOf(),
			app.If(len(c.recent) > 0, func() app.UI {
				return &recentLists{Lists: c.recent, OnPick: c.onRecent, OnClear: c.onClearRecent}
			}),
		)
}
