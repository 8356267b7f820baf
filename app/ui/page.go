package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fanin/app/cmdline"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqwork"
	"fanin/app/jsontree"
	"fanin/app/urllist"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Run states, as shown in <main data-state>.
const (
	StateIdle    = "idle"
	StateRunning = "running"
	StateDone    = "done"
)

// Outcome is a finished run as the result view shows it.
type Outcome struct {
	Results []fanout.Result
	// Doc is the combined document without added white space
	// (combine.Build): the tree and jq read it at once, and the result view
	// indents it, a slice at a time, into the text Raw shows and Download saves.
	Doc []byte
	// Parts are the responses' trees, built as each response was checked,
	// at their places in Doc: indexing Doc takes them in and scans only
	// the rest. The result view drops them once it has.
	Parts []jsontree.Part
	Mode  combine.Mode

	jq *jqwork.Client // runs the jq panel's and compare table's filters, made on first use
}

// jqClient returns the runner of jq filters over this outcome. It is
// called on the UI goroutine; the client itself may be used from any.
func (o *Outcome) jqClient() *jqwork.Client {
	if o.jq == nil {
		values := make([][]byte, len(o.Results))
		for i, r := range o.Results {
			if r.OK() {
				values[i] = r.Data
			}
		}
		o.jq = jqwork.NewClient(o.Doc, values)
	}
	return o.jq
}

// release ends the outcome's jq worker, if it has one.
func (o *Outcome) release() {
	if o != nil && o.jq != nil {
		o.jq.Close()
	}
}

// Page is fanin's single page: the URL box, the controls, one row per URL
// and the combined JSON.
type Page struct {
	app.Compo

	fetcher fanout.Fetcher
	env     webenv.Env
	options fanout.Options

	text    string
	list    urllist.List
	mode    combine.Mode
	jq      string
	state   string
	rows    []fanout.Result // one per URL, updated as the run goes
	tally   tally           // counts over rows
	page    int             // the board's page
	shown   []*resultRow    // the rows of that page
	outcome *Outcome        // the finished run
	summary string
	problem string   // a page-level message, e.g. nothing to fetch
	notes   []string // what a link could not carry over
	confirm []string // URLs a link wants to fetch that need the user's click
	run     int      // increments per run so late updates of an old run are dropped
	cancel  context.CancelFunc
	ready   bool // mounted in a browser: the page reacts to input
	link    linkState
	recent  []string
	headers string // the request headers box; never part of a link
	proxy   bool   // the server offers /proxy
	always  bool   // send every URL through the proxy

	began     time.Time // when the current run started
	wall      time.Duration
	filter    Filter
	visible   []int // indices of the rows the filter keeps; nil: all
	counts    struct{ failed, slow int }
	fall      *waterfall
	progress  *progressBar
	announced time.Time // when the progress was last announced
	theme     *themeToggle
	fileNote  string
	cmd       string // the equivalent fanin command, for Copy as command
	updated   bool   // a new version of the page is ready
}

// NewPage returns the page; fetcher does the requests (nil: none allowed),
// env is the browser around it (nil: an empty in-memory one).
func NewPage(fetcher fanout.Fetcher, env webenv.Env) *Page {
	if env == nil {
		env = webenv.NewMemory("localhost", "")
	}
	return &Page{fetcher: fetcher, env: env, mode: combine.Array, state: StateIdle,
		filter: FilterAll, theme: newThemeToggle(env)}
}

// SetText replaces the URL box's content, as typing would.
func (c *Page) SetText(text string) {
	c.text = text
	c.list = urllist.Parse(text)
}

// OnMount marks the page ready, loads the recent lists and reads a shared
// link from the address (running it if it asks to and may).
func (c *Page) OnMount(ctx app.Context) {
	c.ready = app.IsClient
	c.recent = loadRecent(c.env)
	ctx.Handle(confirmAction, func(ctx app.Context, _ app.Action) {
		c.confirm = nil
		c.Start(ctx)
	})
	c.readLink(ctx, true)
	c.detectProxy(ctx)
}

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

// runFetcher is the fetcher for a run: through the proxy after CORS
// failures when the server offers one.
func (c *Page) runFetcher() fanout.Fetcher {
	if !c.proxy {
		return c.fetcher
	}
	return fanout.Proxied{Direct: c.fetcher, Endpoint: c.env.Origin() + "/proxy", Always: c.always}
}

func (c *Page) onRetries(ctx app.Context, e app.Event) {
	c.options.Retries = clampInt(inputInt(ctx), 0, 10, 0)
}

func (c *Page) onHeaders(ctx app.Context, e app.Event) {
	c.headers = ctx.JSSrc().Get("value").String()
}

func (c *Page) onAlways(ctx app.Context, e app.Event) {
	c.always = ctx.JSSrc().Get("checked").Bool()
}

// OnAppUpdate is go-app telling that a new version of the page has been
// downloaded by the service worker: say so, and offer to reload.
func (c *Page) OnAppUpdate(ctx app.Context) { c.updated = true }

func (c *Page) onReload(ctx app.Context, e app.Event) { ctx.Reload() }

// OnNav re-reads the link when its fragment changes (back, forward, a
// pasted link). It never starts a run: go-app also calls OnNav while it
// pre-renders on the server.
func (c *Page) OnNav(ctx app.Context) { c.readLink(ctx, false) }

func (c *Page) onURLsInput(ctx app.Context, e app.Event) {
	c.SetText(ctx.JSSrc().Get("value").String())
	c.linkChanged(ctx)
}

func (c *Page) onModeChange(ctx app.Context, e app.Event) {
	mode, err := combine.ParseMode(ctx.JSSrc().Get("value").String())
	if err != nil {
		c.problem = err.Error()
		return
	}
	c.mode = mode
	c.linkChanged(ctx)
	if c.state == StateDone && c.outcome != nil {
		c.encode(ctx, c.run, c.outcome.Results, mode)
	}
}

func (c *Page) onConcurrency(ctx app.Context, e app.Event) {
	c.options.Concurrency = clampInt(inputInt(ctx), 1, 64, fanout.DefaultConcurrency)
	c.linkChanged(ctx)
}

func (c *Page) onTimeout(ctx app.Context, e app.Event) {
	secs := clampInt(inputInt(ctx), 1, 600, int(fanout.DefaultTimeout/time.Second))
	c.options.Timeout = time.Duration(secs) * time.Second
	c.linkChanged(ctx)
}

func (c *Page) onJQ(ctx app.Context, expr string) {
	c.jq = expr
	c.linkChanged(ctx)
}

func (c *Page) onFetch(ctx app.Context, e app.Event) { c.Start(ctx) }

// onKeyDown runs the list on Ctrl+Enter (Cmd+Enter on a Mac).
func (c *Page) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
		e.PreventDefault()
		c.SetText(ctx.JSSrc().Get("value").String())
		c.Start(ctx)
	}
}

func (c *Page) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

// onDrop and onFilePicked fill the box from a .txt, .csv or .json file.
func (c *Page) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	app.Window().Set(webenv.FilesGlobal, e.Get("dataTransfer").Get("files"))
	c.readFile(ctx)
}

func (c *Page) onFilePicked(ctx app.Context, e app.Event) {
	app.Window().Set(webenv.FilesGlobal, ctx.JSSrc().Get("files"))
	c.readFile(ctx)
}

func (c *Page) readFile(ctx app.Context) {
	wait := c.env.ReadFile()
	ctx.Async(func() {
		name, text, err := wait()
		if err == nil {
			text, err = urllist.FromFile(name, text)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.fileNote = fmt.Sprintf("Could not use %s: %v", name, err)
				return
			}
			c.fileNote = fmt.Sprintf("Read %s.", name)
			c.SetText(text)
			c.linkChanged(ctx)
		})
	})
}

func (c *Page) onFilter(ctx app.Context, f Filter) {
	c.filter = f
	c.refreshBoard(0)
}

func (c *Page) onCancel(ctx app.Context, e app.Event) { c.Cancel() }

// onConfirm starts the run a link asked for. The click's context is the
// confirmation's, which unmounts with the click, and go-app drops the
// dispatches of an unmounted source: the page starts the run from its own
// context, through an action it handles.
func (c *Page) onConfirm(ctx app.Context, e app.Event) { ctx.NewAction(confirmAction) }

// confirmAction is the confirmation's click, handled by the page.
const confirmAction = "fanin.confirm-run"

func (c *Page) onDismiss(ctx app.Context, e app.Event) { c.confirm = nil }

func (c *Page) onRecent(ctx app.Context, text string) {
	c.SetText(text)
	c.linkChanged(ctx)
}

func (c *Page) onClearRecent(ctx app.Context) {
	c.recent = nil
	c.env.Remove(recentKey)
}

// Start fetches the current list, unless a run is already going.
func (c *Page) Start(ctx app.Context) {
	if c.state == StateRunning {
		return
	}
	c.list = urllist.Parse(c.text)
	urls, dups := c.list.URLs()
	c.problem, c.confirm = "", nil
	switch {
	case len(urls) == 0:
		c.problem = "Nothing to fetch: paste one URL per line."
		return
	case c.fetcher == nil:
		c.problem = "Fetching runs only in the browser."
		return
	}
	if len(dups) > 0 {
		c.notes = []string{fmt.Sprintf("%d URLs from templates repeat earlier ones; each is fetched once.", len(dups))}
	}
	headers, err := fanout.ParseHeaders(c.headers)
	if err != nil {
		c.problem = "Request headers: " + err.Error()
		return
	}
	c.recent = rememberRecent(c.env, c.recent, c.text)
	rows := make([]fanout.Result, len(urls))
	all := make([]int, len(urls))
	for i, u := range urls {
		rows[i], all[i] = fanout.Result{Index: i, URL: u}, i
	}
	c.launch(ctx, rows, all, headers)
}

// RetryFailed fetches again the URLs of the last run that failed (except
// invalid ones, which would fail the same way), keeping the others.
func (c *Page) RetryFailed(ctx app.Context) {
	if c.state != StateDone || c.outcome == nil || c.fetcher == nil {
		return
	}
	headers, err := fanout.ParseHeaders(c.headers)
	if err != nil {
		c.problem = "Request headers: " + err.Error()
		return
	}
	rows := append([]fanout.Result(nil), c.outcome.Results...)
	var again []int
	for i, r := range rows {
		if r.Err != nil && r.Err.Kind != fanout.KindInvalidURL {
			again = append(again, i)
			rows[i] = fanout.Result{Index: i, URL: r.URL}
		}
	}
	if len(again) == 0 {
		return
	}
	c.problem = ""
	c.launch(ctx, rows, again, headers)
}

func (c *Page) onRetryFailed(ctx app.Context, e app.Event) { c.RetryFailed(ctx) }

// launch fetches rows[i].URL for each i in which (fanout indexes them
// 0..len(which)-1) and merges the results into rows as they come.
func (c *Page) launch(ctx app.Context, rows []fanout.Result, which []int, headers []fanout.Header) {
	urls := make([]string, len(which))
	for k, i := range which {
		urls[k] = rows[i].URL
	}
	runCtx, cancel := context.WithCancel(context.Background())
	c.run++
	run, fetcher, opts, mode := c.run, c.runFetcher(), c.options, c.mode
	opts.Headers, opts.Pause, opts.Index = headers, pause, true
	c.cancel = cancel
	c.state = StateRunning
	c.outcome, c.summary = nil, ""
	c.began = time.Now()
	c.setRows(rows, 0)
	began := c.began
	place := func(r fanout.Result) fanout.Result {
		r.Index = which[r.Index]
		return r
	}
	updates := newUpdateBuffer()
	done := make(chan struct{})
	ctx.Async(func() {
		defer close(done)
		results := fanout.Run(runCtx, urls, fetcher, opts, func(r fanout.Result) { updates.add(place(r)) })
		wall := time.Since(began)
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run {
				return
			}
			cancel()
			c.cancel = nil
			c.wall = wall
			c.announced = time.Time{}
			merged := append([]fanout.Result(nil), rows...)
			for _, r := range results {
				r = place(r)
				merged[r.Index] = r
			}
			c.setRows(merged, c.page)
			c.summary = summarize(merged, wall)
			c.encode(ctx, run, merged, mode)
		})
	})
	// Rows change in batches, a few times a second: one re-render per
	// batch, not per request, keeps thousands of URLs smooth.
	ctx.Async(func() {
		updates.flushEvery(done, flushInterval(len(which)), func(batch []fanout.Result) {
			ctx.Dispatch(func(ctx app.Context) {
				if c.run == run && c.state == StateRunning {
					c.applyUpdates(batch)
				}
			})
		})
	})
}

// Cancel stops the running fetches; finished rows keep their results.
func (c *Page) Cancel() {
	if c.cancel != nil {
		c.cancel()
	}
}

// encode builds the combined document off the UI goroutine and shows it.
// A response the mode cannot use (concat wants arrays) becomes an error in
// its row.
func (c *Page) encode(ctx app.Context, run int, results []fanout.Result, mode combine.Mode) {
	ctx.Async(func() {
		doc, err := combine.Build(results, mode)
		var parts []jsontree.Part
		if err == nil {
			for i := range results {
				if at := doc.At[i]; at >= 0 && results[i].Tree != nil {
					parts = append(parts, jsontree.Part{Offset: at, Tree: results[i].Tree})
				}
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			for i := range results {
				results[i].Tree = nil // the parts hold it until the view has taken it in
			}
			if c.run != run {
				return
			}
			c.state = StateDone
			if err != nil {
				c.problem = err.Error()
				return
			}
			shown := results
			if len(doc.Problems) > 0 {
				shown = append([]fanout.Result(nil), results...)
				for _, p := range doc.Problems {
					shown[p.Index].Err = p.Err
				}
			}
			c.setRows(shown, c.page)
			c.outcome = &Outcome{Results: results, Doc: doc.Bytes, Parts: parts, Mode: mode}
		})
	})
}

// setRows replaces the rows and shows page p of them.
func (c *Page) setRows(rows []fanout.Result, p int) {
	c.rows = rows
	c.refreshBoard(p)
}

// refreshBoard recomputes everything drawn from the rows: counts, the
// filter, the page of rows, the waterfall and the progress (announced to
// screen readers at most every AnnounceInterval, and at the end).
func (c *Page) refreshBoard(p int) {
	c.tally = countRows(c.rows)
	failed, slow := filterRows(c.rows, FilterFailed), filterRows(c.rows, FilterSlow)
	c.counts.failed, c.counts.slow = len(failed), len(slow)
	switch c.filter {
	case FilterFailed:
		c.visible = failed
	case FilterSlow:
		c.visible = slow
	default:
		c.visible = nil
	}
	wall := c.wall
	if c.state == StateRunning {
		wall = time.Since(c.began)
	}
	c.fall = newWaterfall(c.rows, wall)
	c.progress = newProgressBar(c.rows, wall)
	if now := time.Now(); c.state != StateRunning || now.Sub(c.announced) >= AnnounceInterval {
		c.announced = now
		c.progress.Announcement = progressAnnouncement(c.progress.Done, c.progress.Total, c.progress.Failed)
	} else if c.progress != nil {
		c.progress.Announcement = ""
	}
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
	c.refreshBoard(c.page)
}

func (c *Page) shownCount() int {
	if c.visible != nil {
		return len(c.visible)
	}
	return len(c.rows)
}

func (c *Page) showPage(p int) {
	c.page = min(max(p, 0), pageCount(c.shownCount())-1)
	c.shown = boardRows(c.rows, c.visible, c.page)
}

func (c *Page) onBoardPage(ctx app.Context, p int) { c.showPage(p) }

func summarize(results []fanout.Result, wall time.Duration) string {
	ok := 0
	for _, r := range results {
		if r.OK() {
			ok++
		}
	}
	return fmt.Sprintf("%d of %d URLs gave JSON, %d failed, in %.2f s.", ok, len(results), len(results)-ok, wall.Seconds())
}

// inputInt reads a number input's value: a string in JavaScript (reading
// it as a number would panic); -1 when it is not a whole number.
func inputInt(ctx app.Context) int {
	n, err := strconv.Atoi(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
	if err != nil {
		return -1
	}
	return n
}

func clampInt(v, lo, hi, def int) int {
	if v < lo || v > hi {
		return def
	}
	return v
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
				c.theme,
			),
			app.If(c.updated, func() app.UI {
				return app.Div().ID("update").Class("update").Aria("live", "polite").Body(
					app.Span().Text("A new version of fanin is ready. "),
					app.Button().ID("reload").OnClick(c.onReload).Text("Reload to use it"),
				)
			}),
			app.Section().Class("input").Body(
				app.Label().For("urls").Text("URLs, one per line (# starts a comment; templates like ?page=[1-50] or {a,b} expand)"),
				app.Textarea().ID("urls").
					Rows(8).
					Spellcheck(false).
					Placeholder("https://api.example.com/users/1\nhttps://api.example.com/items?page=[1-5]").
					Attr("value", c.text).
					Text(c.text).
					OnInput(c.onURLsInput).
					OnKeyDown(c.onKeyDown).
					OnDragOver(c.onDragOver).
					OnDrop(c.onDrop),
				app.Div().Class("file-pick").Body(
					app.Label().For("url-file").Text("Or open a file of URLs (.txt, .csv, .json), or drop it on the box; Ctrl+Enter fetches:"),
					app.Input().ID("url-file").Type("file").Accept(".txt,.csv,.json,text/plain,text/csv,application/json").OnChange(c.onFilePicked),
					app.If(c.fileNote != "", func() app.UI { return app.Span().ID("file-note").Text(c.fileNote) }),
				),
				&urlNotes{Count: c.list.Total(), Lines: len(c.list.Entries), Templates: c.list.Templates(),
					Invalid: c.list.Invalid(), Duplicates: c.list.Duplicates, LinkNotes: c.notes},
			),
			app.If(len(c.confirm) > 0, func() app.UI {
				return &confirmRun{URLs: c.confirm, OnConfirm: c.onConfirm, OnDismiss: c.onDismiss}
			}),
			app.Div().Class("controls").Body(
				disabledIf(app.Button().ID("fetch").Class("primary").OnClick(c.onFetch), c.state == StateRunning).Text("Fetch"),
				disabledIf(app.Button().ID("cancel").OnClick(c.onCancel), c.state != StateRunning).Text("Cancel"),
				disabledIf(app.Button().ID("retry-failed").OnClick(c.onRetryFailed), c.state != StateDone || c.tally.failed == 0).Text("Retry failed"),
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
				app.Label().For("concurrency").Text("At once"),
				app.Input().ID("concurrency").Type("number").Min(1).Max(64).
					Value(orDefault(c.options.Concurrency, fanout.DefaultConcurrency)).OnChange(c.onConcurrency),
				app.Label().For("timeout").Text("Timeout (s)"),
				app.Input().ID("timeout").Type("number").Min(1).Max(600).
					Value(orDefault(int(c.options.Timeout/time.Second), int(fanout.DefaultTimeout/time.Second))).OnChange(c.onTimeout),
				app.Label().For("retries").Text("Retries"),
				app.Input().ID("retries").Type("number").Min(0).Max(10).Value(c.options.Retries).OnChange(c.onRetries),
				&sharePanel{Link: c.link.url, Length: c.link.length, Env: c.env, Command: c.cmd},
			),
			app.Details().Class("more-options").Body(
				app.Summary().Text("Request headers and proxy"),
				app.Label().For("headers").Text("Headers sent with every request, one per line (Name: value). They are never put into links."),
				app.Textarea().ID("headers").Rows(3).Spellcheck(false).
					Placeholder("Authorization: Bearer …\nAccept: application/json").
					Attr("value", c.headers).Text(c.headers).OnInput(c.onHeaders),
				app.If(c.proxy, func() app.UI {
					return app.Label().Class("check").Body(
						checkedIf(app.Input().ID("always-proxy").Type("checkbox").OnChange(c.onAlways), c.always),
						app.Text(" Send every URL through this server's proxy (otherwise only URLs that fail for CORS)"),
					)
				}).Else(func() app.UI {
					return app.P().ID("proxy-off").Class("hint").Text("This server offers no fetch proxy; URLs without CORS headers fail here (run `fanin serve -proxy`, or use `fanin get`).")
				}),
			),
			app.If(c.problem != "", func() app.UI {
				return app.P().ID("problem").Class("problem").Aria("live", "assertive").Text(c.problem)
			}),
			app.If(len(c.rows) > 0 && c.progress != nil, func() app.UI { return c.progress }),
			app.If(len(c.rows) > 0, func() app.UI {
				return &rowFilter{Value: c.filter, Failed: c.counts.failed, Slow: c.counts.slow, OnChange: c.onFilter}
			}),
			app.If(len(c.rows) > 0, func() app.UI {
				return &board{
					Rows: c.shown, Page: c.page, Pages: pageCount(c.shownCount()),
					Total: len(c.rows), Shown: c.shownCount(), OK: c.tally.ok, Failed: c.tally.failed, Pending: c.tally.pending,
					OnPage: c.onBoardPage,
				}
			}),
			app.If(len(c.rows) > 0 && c.fall != nil, func() app.UI { return c.fall }),
			&resultView{Outcome: c.outcome, Summary: c.summary, JQ: c.jq, Env: c.env, OnJQ: c.onJQ},
			app.If(len(c.recent) > 0, func() app.UI {
				return &recentLists{Lists: c.recent, OnPick: c.onRecent, OnClear: c.onClearRecent}
			}),
		)
}

// command is the fanin command line that does what the page does (no
// headers: they may hold secrets).
func (c *Page) command() string {
	if c.list.Total() == 0 {
		return ""
	}
	lines := make([]string, 0, len(c.list.Entries))
	for _, e := range c.list.Entries {
		lines = append(lines, e.URL)
	}
	return cmdline.Command(lines, cmdline.Options{Fetch: c.options, Merge: string(c.mode), JQ: c.jq})
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// checkedIf sets checked only when it is true, for the same reason as
// disabledIf.
func checkedIf(in app.HTMLInput, checked bool) app.HTMLInput {
	if checked {
		return in.Checked(true)
	}
	return in
}

// disabledIf sets disabled only when it is true: go-app pre-renders
// Disabled(false) as disabled="false", which HTML reads as disabled.
func disabledIf(b app.HTMLButton, disabled bool) app.HTMLButton {
	if disabled {
		return b.Disabled(true)
	}
	return b
}
