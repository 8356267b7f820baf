package ui

import (
	"context"
	"fmt"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/urllist"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Run states, as shown in <main data-state>.
const (
	StateIdle    = "idle"
	StateRunning = "running"
	StateDone    = "done"
)

// Page is fanin's single page: the URL box, the controls, one row per URL
// and the combined JSON.
type Page struct {
	app.Compo

	fetcher fanout.Fetcher
	options fanout.Options

	text    string
	list    urllist.List
	mode    combine.Mode
	state   string
	rows    []fanout.Result // one per URL, updated as the run goes
	tally   tally           // counts over rows
	page    int             // the board's page
	shown   []*resultRow    // the rows of that page
	results []fanout.Result // the finished run, kept to re-encode in another mode
	raw     string          // the combined JSON, exactly as Download would save it
	summary string
	problem string // a page-level message, e.g. nothing to fetch
	run     int    // increments per run so late updates of an old run are dropped
	cancel  context.CancelFunc
	autorun bool // start a run as soon as the page is mounted with a fetcher
	ready   bool // mounted in a browser: the page reacts to input
}

// NewPage returns the page; fetcher does the requests (nil: none allowed).
func NewPage(fetcher fanout.Fetcher) *Page {
	return &Page{fetcher: fetcher, mode: combine.Array, state: StateIdle}
}

// SetText replaces the URL box's content, as typing would.
func (c *Page) SetText(text string) {
	c.text = text
	c.list = urllist.Parse(text)
}

// Prefill sets the URL box before the page is mounted; with run set, the
// page starts fetching once mounted (never during server pre-rendering,
// where there is no fetcher).
func (c *Page) Prefill(text string, run bool) {
	c.SetText(text)
	c.autorun = run
}

// OnMount marks the page ready and starts a prefilled run.
func (c *Page) OnMount(ctx app.Context) {
	c.ready = app.IsClient
	if c.autorun && c.fetcher != nil {
		c.autorun = false
		c.Start(ctx)
	}
}

func (c *Page) onURLsInput(ctx app.Context, e app.Event) {
	c.SetText(ctx.JSSrc().Get("value").String())
}

func (c *Page) onModeChange(ctx app.Context, e app.Event) {
	mode, err := combine.ParseMode(ctx.JSSrc().Get("value").String())
	if err != nil {
		c.problem = err.Error()
		return
	}
	c.mode = mode
	if c.state == StateDone {
		c.encode(ctx, c.run, c.results, mode)
	}
}

func (c *Page) onFetch(ctx app.Context, e app.Event) { c.Start(ctx) }

func (c *Page) onCancel(ctx app.Context, e app.Event) { c.Cancel() }

// Start fetches the current list, unless a run is already going.
func (c *Page) Start(ctx app.Context) {
	if c.state == StateRunning {
		return
	}
	c.list = urllist.Parse(c.text)
	urls := c.list.URLs()
	c.problem = ""
	switch {
	case len(urls) == 0:
		c.problem = "Nothing to fetch: paste one URL per line."
		return
	case c.fetcher == nil:
		c.problem = "Fetching runs only in the browser."
		return
	}
	runCtx, cancel := context.WithCancel(context.Background())
	c.run++
	run, fetcher, opts, mode := c.run, c.fetcher, c.options, c.mode
	c.cancel = cancel
	c.state = StateRunning
	c.raw, c.summary, c.results = "", "", nil
	rows := make([]fanout.Result, len(urls))
	for i, u := range urls {
		rows[i] = fanout.Result{Index: i, URL: u}
	}
	c.setRows(rows, 0)
	began := time.Now()
	updates := newUpdateBuffer()
	done := make(chan struct{})
	ctx.Async(func() {
		defer close(done)
		results := fanout.Run(runCtx, urls, fetcher, opts, updates.add)
		wall := time.Since(began)
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run {
				return
			}
			cancel()
			c.cancel = nil
			c.results = results
			c.setRows(results, c.page)
			c.summary = summarize(results, wall)
			c.encode(ctx, run, results, mode)
		})
	})
	// Rows change in batches, a few times a second: one re-render per
	// batch, not per request, keeps thousands of URLs smooth.
	ctx.Async(func() {
		updates.flushEvery(done, flushInterval, func(batch []fanout.Result) {
			ctx.Dispatch(func(ctx app.Context) {
				if c.run == run && c.state == StateRunning {
					c.applyUpdates(batch)
				}
			})
		})
	})
}

// setRows replaces the rows and shows page p of them.
func (c *Page) setRows(rows []fanout.Result, p int) {
	c.rows = rows
	c.tally = countRows(rows)
	c.showPage(p)
}

// applyUpdates merges reports from the run into the rows; a row never goes
// back to an earlier state.
func (c *Page) applyUpdates(batch []fanout.Result) {
	for _, r := range batch {
		if r.Index < len(c.rows) && r.State >= c.rows[r.Index].State {
			c.rows[r.Index] = r
		}
	}
	c.tally = countRows(c.rows)
	c.showPage(c.page)
}

func (c *Page) showPage(p int) {
	c.page = min(max(p, 0), pageCount(len(c.rows))-1)
	c.shown = boardRows(c.rows, c.page)
}

func (c *Page) onBoardPage(ctx app.Context, p int) { c.showPage(p) }

// Cancel stops the running fetches; finished rows keep their results.
func (c *Page) Cancel() {
	if c.cancel != nil {
		c.cancel()
	}
}

// encode builds the combined document off the UI goroutine and shows it.
func (c *Page) encode(ctx app.Context, run int, results []fanout.Result, mode combine.Mode) {
	ctx.Async(func() {
		raw, err := combine.Encode(results, mode)
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run {
				return
			}
			c.state = StateDone
			if err != nil {
				c.problem = err.Error()
				return
			}
			c.raw = string(raw)
		})
	})
}

func summarize(results []fanout.Result, wall time.Duration) string {
	ok := 0
	for _, r := range results {
		if r.OK() {
			ok++
		}
	}
	return fmt.Sprintf("%d of %d URLs gave JSON, %d failed, in %.2f s.", ok, len(results), len(results)-ok, wall.Seconds())
}

// Render shows the page.
func (c *Page) Render() app.UI {
	return app.Main().
		Class("fanin").
		DataSet("state", c.state).
		DataSet("ready", c.ready).
		DataSet("run", c.run).
		Body(
			app.Header().Class("masthead").Body(
				app.H1().Text("fanin"),
				app.P().Class("tagline").Text("Fetch JSON from many URLs at once and see it as one document."),
			),
			app.Section().Class("input").Body(
				app.Label().For("urls").Text("URLs, one per line (# starts a comment)"),
				app.Textarea().ID("urls").
					Rows(8).
					Spellcheck(false).
					Placeholder("https://api.example.com/users/1\nhttps://api.example.com/users/2").
					Attr("value", c.text).
					Text(c.text).
					OnInput(c.onURLsInput),
				&urlNotes{Count: len(c.list.Entries), Invalid: c.list.Invalid(), Duplicates: c.list.Duplicates},
			),
			app.Div().Class("controls").Body(
				disabledIf(app.Button().ID("fetch").Class("primary").OnClick(c.onFetch), c.state == StateRunning).Text("Fetch"),
				disabledIf(app.Button().ID("cancel").OnClick(c.onCancel), c.state != StateRunning).Text("Cancel"),
				app.Label().For("merge").Text("Merge"),
				app.Select().ID("merge").OnChange(c.onModeChange).Body(
					app.Range(combine.Modes).Slice(func(i int) app.UI {
						m := combine.Modes[i]
						option := app.Option().Value(string(m)).Text(string(m))
						if m == c.mode {
							option = option.Selected(true)
						}
						return option
					}),
				),
			),
			app.If(c.problem != "", func() app.UI {
				return app.P().ID("problem").Class("problem").Aria("live", "assertive").Text(c.problem)
			}),
			app.If(len(c.rows) > 0, func() app.UI {
				return &board{
					Rows: c.shown, Page: c.page, Pages: pageCount(len(c.rows)),
					Total: len(c.rows), OK: c.tally.ok, Failed: c.tally.failed, Pending: c.tally.pending,
					OnPage: c.onBoardPage,
				}
			}),
			&resultView{Raw: c.raw, Summary: c.summary},
		)
}

// disabledIf sets disabled only when it is true: go-app pre-renders
// Disabled(false) as disabled="false", which HTML reads as disabled.
func disabledIf(b app.HTMLButton, disabled bool) app.HTMLButton {
	if disabled {
		return b.Disabled(true)
	}
	return b
}
