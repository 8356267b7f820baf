package ui

import (
	"context"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
	"fanin/app/jsontree"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The browser compiles each function of the wasm the first time it is
// called (V8 compiles WebAssembly lazily: a warm start compiles 1,272
// functions, 94 ms of its trace). A visitor's first run paid for
// compiling everything a run calls, on the page's one thread and on top
// of the run itself: the fan-out, the body checks and their indexes, the
// board's figures and waterfall, the encoding, the reading of the result
// and the renders of the board, the waterfall and the result view. On the
// bench's 3-URL row the first run after a load showed its result 120–260
// ms after the click, the runs after it 70–80 ms; with the rehearsal the
// first Fetch after a load takes 83 ms at the median (bench -only load:
// 118 ms before), the JS page's 58.
//
// So once the page is up, it rehearses: a made-up run of a few in-memory
// responses goes through that same code, on a run.Run of its own, and the
// page and its views render it without mounting it (as go-app renders on
// the server). Nothing is fetched, stored or shown, and the page's own run
// is not touched. It happens once, a moment after the page shows ready,
// and not at all once a run has started.

// RehearsedMark is the performance mark the page sets once it has
// rehearsed.
const RehearsedMark = "fanin:rehearsed"

// rehearsalDelay is how long after the page's first frame it rehearses:
// past the frames of the start, and the proxy check's request.
const rehearsalDelay = 150 * time.Millisecond

// rehearsalResponses are the made-up responses, in the rehearsal's
// order: objects, an array, nesting and every kind of value, a body that
// is not JSON and a failed request, so that the checks' and the board's
// failure paths run too.
var rehearsalResponses = []struct {
	url    string
	status int
	body   string
}{
	{"https://rehearsal.invalid/user.json", 200, `{"id":1,"name":"Ada","tags":["x","y"],"active":true,"score":9.5,"manager":null}`},
	{"https://rehearsal.invalid/list.json", 200, `[{"id":2,"nested":{"deep":[1,2,{"k":"v"}]}},{"id":3,"text":"caf\u00e9 \"quoted\""}]`},
	{"https://rehearsal.invalid/count.json", 200, `42`},
	{"https://rehearsal.invalid/page.html", 200, `<!doctype html><p>not JSON</p>`},
	{"https://rehearsal.invalid/broken.json", 500, `{"error":"made up"}`},
}

// rehearsalURLs lists rehearsalResponses' URLs.
func rehearsalURLs() []string {
	urls := make([]string, len(rehearsalResponses))
	for i, r := range rehearsalResponses {
		urls[i] = r.url
	}
	return urls
}

// rehearsalFetcher answers rehearsalResponses' URLs from memory.
type rehearsalFetcher struct{}

func (rehearsalFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	for _, r := range rehearsalResponses {
		if r.url == req.URL {
			return &fanout.Response{Status: r.status, Body: []byte(r.body)}, nil
		}
	}
	return nil, fanout.Errorf(fanout.KindNetwork, "not a rehearsal URL")
}

// scheduleRehearsal has the page rehearse a moment after its first frame.
func (c *Page) scheduleRehearsal(ctx app.Context) {
	if c.fetcher == nil {
		return // no runs here, so nothing to rehearse for
	}
	ctx.After(rehearsalDelay, c.rehearse)
}

// rehearse fetches the made-up run off the UI goroutine, as a real run is
// fetched, and renders it back on it; see the comment at the top.
func (c *Page) rehearse(ctx app.Context) {
	ctx.PreventUpdate()
	if c.rehearsed || c.run.ID != 0 {
		return
	}
	c.rehearsed = true
	r := run.New(c.run.Mode)
	l := r.Start(rehearsalURLs(), time.Now(), func() {})
	checker := bodycheck.Indexing(len(l.URLs), nil)
	// The page's defaults, not a link's options: a rate or retries would
	// only draw the rehearsal out.
	opts := fanout.Options{Check: checker.Check}
	ctx.Async(func() {
		began := time.Now()
		updates := &run.Updates{}
		results := run.Fetch(context.Background(), l.URLs, rehearsalFetcher{}, opts, updates.Add)
		wall, trees := time.Since(began), checker.Trees()
		ctx.Dispatch(func(ctx app.Context) {
			ctx.PreventUpdate()
			c.rehearsal = c.renderRehearsal(r, l, updates.Take(), results, trees, wall)
			c.env.Mark(RehearsedMark)
		})
	})
}

// renderRehearsal takes the made-up run through the page's steps — its
// running board, its finish and its encoding — rendering the page at each
// as a frame would, and returns its combined JSON (for tests).
func (c *Page) renderRehearsal(r *run.Run, l run.Launch, batch, results []fanout.Result, trees []*jsontree.Tree, wall time.Duration) string {
	for i := range batch {
		batch[i] = l.Place(batch[i])
	}
	r.Apply(l.ID, batch, time.Now())
	c.renderAs(r)
	e, ok := r.Finish(l, results, trees, wall)
	if !ok {
		return ""
	}
	c.renderAs(r)
	res, err := e.Encode(nil)
	if err != nil {
		return ""
	}
	defer res.Close()
	res.ReadWhole()
	r.Encoded(e, res, nil)
	c.renderAs(r)
	return string(res.Doc.Bytes)
}

// renderAs renders the page as it would look with run r, and the views
// go-app would render below it, on copies that are never mounted.
func (c *Page) renderAs(r *run.Run) {
	p := *c
	p.run, p.shown = r, boardRows(r)
	_ = p.Render()
	_ = p.progressView().Render()
	_ = p.filterView().Render()
	_ = p.boardView().Render()
	if w := r.Board.Waterfall; w != nil {
		_ = (&waterfall{W: w}).Render()
	}
	v := p.resultViewOf()
	v.OnInit()
	_ = v.Render()
	if r.Result != nil {
		_ = (&jqPanel{Result: r.Result}).Render()
	}
}
