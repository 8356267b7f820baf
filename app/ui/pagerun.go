package ui

import (
	"context"
	"fmt"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
	"fanin/app/result"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Start fetches the current list, unless a run is already going.
func (c *Page) Start(ctx app.Context) {
	if c.run.State == run.Running {
		return
	}
	urls, dups := c.plan.Expand()
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
	rule, err := c.pages.rule(c.nextJQ)
	if err != nil {
		c.problem = err.Error()
		return
	}
	c.rule = rule
	c.recent = withRecent(c.recent, c.plan.Text)
	// Stored after the frame that follows, not before the run starts:
	// localStorage's setItem is synchronous, and with a few lists of 100
	// URLs it took 2.8 ms of the page's thread ahead of the first request
	// (CPU profile of the bench's HTTP/2 100-URL row).
	recent := c.recent
	ctx.Defer(func(app.Context) { storeRecent(c.env, recent) })
	runCtx, cancel := context.WithCancel(context.Background())
	c.noteDropped()
	if rule.On() {
		c.fetch(ctx, runCtx, cancel, c.run.StartChains(urls, time.Now(), cancel), headers)
		return
	}
	c.fetch(ctx, runCtx, cancel, c.run.Start(urls, time.Now(), cancel), headers)
}

// RetryFailed fetches again the URLs of the last run that failed (except
// invalid ones, which would fail the same way), keeping the others.
func (c *Page) RetryFailed(ctx app.Context) {
	if c.fetcher == nil || !c.run.Retryable() {
		return
	}
	headers, err := fanout.ParseHeaders(c.headers)
	if err != nil {
		c.problem = "Request headers: " + err.Error()
		return
	}
	runCtx, cancel := context.WithCancel(context.Background())
	c.noteDropped()
	l, ok := c.run.RetryFailed(time.Now(), cancel)
	if !ok {
		cancel()
		return
	}
	c.problem = ""
	c.fetch(ctx, runCtx, cancel, l, headers)
}

// noteDropped remembers the size of the result a new run lets go, so the
// collector can take it back before the new one grows.
func (c *Page) noteDropped() {
	if r := c.run.Result; r != nil {
		c.dropped = len(r.Doc.Bytes)
	}
}

// Cancel stops the running fetches; finished rows keep their results.
func (c *Page) Cancel() { c.run.Cancel() }

func (c *Page) onFetch(ctx app.Context, e app.Event)       { c.Start(ctx) }
func (c *Page) onCancel(ctx app.Context, e app.Event)      { c.Cancel() }
func (c *Page) onRetryFailed(ctx app.Context, e app.Event) { c.RetryFailed(ctx) }

// onConfirm is the click on "Fetch them". The click's context is the
// confirmation's, which unmounts with the click, and go-app drops the
// dispatches of an unmounted source: the page starts the run from its own
// context, through an action it handles.
func (c *Page) onConfirm(ctx app.Context, e app.Event) { ctx.NewAction(confirmAction) }

// confirmAction is the confirmation's click, handled by the page.
const confirmAction = "fanin.confirm-run"

func (c *Page) onDismiss(ctx app.Context, e app.Event) { c.confirm = nil }

// runFetcher is the fetcher for a run: through the proxy after CORS
// failures when the server offers one.
func (c *Page) runFetcher() fanout.Fetcher {
	if !c.proxy {
		return c.fetcher
	}
	return fanout.Proxied{Direct: c.fetcher, Endpoint: c.env.Origin() + "/proxy", Always: c.always}
}

// fetch runs launch l off the UI goroutine. Each body is checked and
// indexed as it arrives, sharing the page's thread through the pacer;
// rows change in batches a few times a second (one re-render per batch,
// not per request, keeps thousands of URLs smooth); the finished run is
// encoded into its result.
func (c *Page) fetch(ctx app.Context, runCtx context.Context, cancel context.CancelFunc, l run.Launch, headers []fanout.Header) {
	if old := c.dropped; old > 0 {
		c.dropped = 0
		ctx.Defer(func(app.Context) { result.Reclaim(old) }) // once the views have let the old result go
	}
	r, fetcher, opts := c.run, c.runFetcher(), c.options
	checker := bodycheck.Indexing(len(l.URLs), c.pacer.Pause)
	opts.Headers, opts.Check = headers, checker.Check
	if l.Chains {
		opts.Next = c.rule.Next
	}
	c.showBoard()
	c.keepFrames(ctx, l.ID)
	began := time.Now()
	updates := &run.Updates{}
	done := make(chan struct{})
	ctx.Async(func() {
		defer close(done)
		defer cancel()
		results := run.Fetch(runCtx, l.URLs, fetcher, opts, updates.Add)
		wall, trees := time.Since(began), checker.Trees()
		ctx.Dispatch(func(ctx app.Context) {
			if e, ok := r.Finish(l, results, trees, wall); ok {
				c.showBoard()
				c.encode(ctx, e)
			}
		})
	})
	ctx.Async(func() {
		updates.FlushEvery(done, run.FlushInterval(len(l.URLs)), func(batch []fanout.Result) {
			ctx.Dispatch(func(ctx app.Context) {
				for i := range batch {
					batch[i] = l.Place(batch[i])
				}
				if r.Apply(l.ID, batch, time.Now()) {
					c.showBoard()
				}
			})
		})
	})
}

// keepFrames keeps go-app's frames coming while run id is running, so
// that the frame showing its result comes soon after the result is there.
//
// Why: go-app renders in a frame that it starts 1/120 s after the first
// dispatch since its last frame, and a Go timer in wasm fires about 1 ms
// late. The dispatch that shows a finished run arrived when no frame was
// coming, so it waited a whole frame, 9–10 ms (performance marks in the
// bench's 3-URL row), against 1 ms from the last byte to the result for
// the plain-JavaScript page. With a frame always coming, it waits what is
// left of the current one: half a frame on average. Each kept frame is
// one dispatch that marks nothing (PreventUpdate takes back what Dispatch
// marks) and one frame with nothing to render: no re-render of the page.
func (c *Page) keepFrames(ctx app.Context, id int) {
	ctx.Dispatch(func(ctx app.Context) {
		ctx.PreventUpdate()
		if c.run.ID == id && c.run.State == run.Running {
			ctx.Defer(func(ctx app.Context) { c.keepFrames(ctx, id) })
		}
	})
}

// encode builds the result off the UI goroutine and shows it; a Quick one
// is built and read at once, so that it shows in the frame that follows.
// A response the mode cannot use (concat wants arrays) becomes an error in
// its row.
func (c *Page) encode(ctx app.Context, e run.Encoding) {
	r, jq := c.run, c.jq
	show := func(ctx app.Context, res *result.Result, err error) {
		if !r.Encoded(e, res, err) {
			return
		}
		if err != nil {
			c.problem = err.Error()
		}
		c.showBoard()
	}
	if e.Quick() {
		res, err := e.Encode(jq)
		if err == nil {
			res.ReadWhole() // now, while go-app's next frame is still to come, not in it
		}
		show(ctx, res, err)
		return
	}
	ctx.Async(func() {
		res, err := e.Encode(jq)
		ctx.Dispatch(func(ctx app.Context) { show(ctx, res, err) })
	})
}
