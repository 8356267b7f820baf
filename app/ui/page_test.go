package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tableFetcher answers each URL with a fixed response or error.
type tableFetcher map[string]any

func (f tableFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	switch v := f[req.URL].(type) {
	case error:
		return nil, v
	case string:
		return &fanout.Response{Status: 200, Body: []byte(v)}, nil
	case int:
		return &fanout.Response{Status: v, Body: []byte("nope")}, nil
	default:
		return nil, fmt.Errorf("no answer for %s", req.URL)
	}
}

func mount(t *testing.T, c app.Composer) {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
}

func TestPage(t *testing.T) {
	t.Run("a new page is idle with an empty box", func(t *testing.T) {
		p := NewPage(Browser{})
		mount(t, p)
		if err := app.Match(app.Main().Class("fanin").DataSet("state", run.Idle).DataSet("ready", false).DataSet("run", 0), p, 0); err != nil {
			t.Fatal(err)
		}
		if html := app.HTMLString(p); !strings.Contains(html, `id="urls"`) || strings.Contains(html, `id="rows"`) {
			t.Fatalf("an idle page should show the URL box and no rows:\n%s", html)
		}
	})
	t.Run("a finished run shows one row per URL and the combined JSON", func(t *testing.T) {
		f := tableFetcher{
			"https://a.test/1": `{"n":12345678901234567890123}`,
			"https://a.test/2": 503,
			"https://a.test/3": `[1E400]`,
		}
		p := NewPage(Browser{Fetcher: f})
		p.SetText("https://a.test/1\n# comment\nhttps://a.test/2\nnot a url\nhttps://a.test/3\n")
		ctx, e := liveContext(t)
		p.Start(ctx)
		e.ConsumeAll()
		mount(t, p)

		if err := app.Match(app.Main().Class("fanin").DataSet("state", run.Done).DataSet("ready", false).DataSet("run", 1), p, 0); err != nil {
			t.Fatal(err)
		}
		want := "[\n  {\n    \"n\": 12345678901234567890123\n  },\n  null,\n  null,\n  [\n    1E400\n  ]\n]\n"
		got, err := p.run.Result.JSON()
		if err != nil || string(got) != want {
			t.Fatalf("combined JSON: got\n%s\nwant\n%s", got, want)
		}
		html := app.HTMLString(p)
		statuses := []string{RowOK, RowError, RowError, RowOK}
		for i, status := range statuses {
			tag := tagWith(html, "li", fmt.Sprintf(`data-index="%d"`, i))
			kind := p.run.Rows[i].Err.KindOr("")
			if !strings.Contains(tag, fmt.Sprintf(`data-status="%s"`, status)) || kind != "" && !strings.Contains(tag, fmt.Sprintf(`data-kind="%s"`, kind)) {
				t.Errorf("row %d: got %s, want status %s", i, tag, status)
			}
		}
		if !strings.Contains(p.run.Summary, "2 of 4 URLs gave JSON, 2 failed") {
			t.Errorf("got summary %q", p.run.Summary)
		}

	})
	t.Run("invalid and repeated lines are flagged under the box", func(t *testing.T) {
		p := NewPage(Browser{})
		p.SetText("https://a.test/1\nftp://a.test/\nhttps://a.test/1\n")
		mount(t, p)
		html := app.HTMLString(p)
		for _, want := range []string{">2 URLs.<", "Line 2: ftp://a.test/ — scheme &#34;ftp&#34; is not fetched: only http and https are", "Line 3 repeats line 1; fetched once."} {
			if !strings.Contains(html, want) {
				t.Errorf("the notes lack %q", want)
			}
		}
	})
	t.Run("the server-side page never fetches, even when asked to", func(t *testing.T) {
		p := NewPage(Browser{})
		p.SetText("https://a.test/1")
		mount(t, p)
		p.Start(app.Context{})
		if p.run.State != run.Idle || p.run.ID != 0 || !strings.Contains(p.problem, "only in the browser") {
			t.Fatalf("got state %q after %d runs (%q), want idle and none", p.run.State, p.run.ID, p.problem)
		}
	})
}

// setRows puts rows on the page's board as a run's updates would, and
// shows page pg of them.
func setRows(p *Page, rows []fanout.Result, pg int) {
	urls := make([]string, len(rows))
	for i, r := range rows {
		urls[i] = r.URL
	}
	l := p.run.Start(urls, time.Now(), nil)
	p.run.Apply(l.ID, rows, time.Now())
	p.run.ShowPage(pg)
	p.showBoard()
}

func TestModes(t *testing.T) {
	t.Run("the mode select lists every merge mode", func(t *testing.T) {
		if len(combine.Modes) < 3 {
			t.Fatalf("got %v", combine.Modes)
		}
	})
}

// tagWith returns the first opening tag of the element name whose
// attributes include attr (go-app writes attributes in any order).
func tagWith(html, name, attr string) string {
	for rest := html; ; {
		i := strings.Index(rest, "<"+name+" ")
		if i < 0 {
			return ""
		}
		rest = rest[i:]
		tag := rest[:strings.IndexByte(rest, '>')+1]
		if strings.Contains(tag, attr) {
			return tag
		}
		rest = rest[len(tag):]
	}
}

func TestFilteredBoard(t *testing.T) {
	rows := make([]fanout.Result, 30)
	for i := range rows {
		rows[i] = fanout.Result{Index: i, URL: fmt.Sprintf("https://a.test/%d", i), State: fanout.Done, Status: 200, Data: []byte("1")}
	}
	rows[7].Err = &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 500"}
	rows[21].Err = &fanout.Error{Kind: fanout.KindTimeout, Message: "slow"}
	p := NewPage(Browser{})
	setRows(p, rows, 0)
	p.onFilter(app.Context{}, FilterFailed)
	b := &p.run.Board
	if len(p.shown) != 2 || p.shown[0].Index != 7 || p.shown[1].Index != 21 || len(b.FailedRows) != 2 {
		t.Fatalf("got %d rows shown, first %+v, failed count %d", len(p.shown), p.shown[0], len(b.FailedRows))
	}
	if b.Waterfall == nil || b.Done != 30 || b.Failed != 2 {
		t.Fatalf("got board %+v", b)
	}
	p.onFilter(app.Context{}, FilterSlow)
	if len(p.shown) != 0 || b.ShownCount(len(p.run.Rows)) != 0 {
		t.Fatalf("no row is slow, yet %d are shown", len(p.shown))
	}
	p.onFilter(app.Context{}, FilterAll)
	if len(p.shown) != 30 {
		t.Fatalf("got %d rows, want all 30", len(p.shown))
	}
}

func TestCommand(t *testing.T) {
	p := NewPage(Browser{})
	p.SetText("https://a.test/1\nhttps://a.test/[1-3]")
	p.run.SetMode(combine.Object)
	p.headers = "Authorization: Bearer secret"
	if got := p.command(); got != "fanin get -merge object https://a.test/1 'https://a.test/[1-3]'" {
		t.Fatalf("got %q", got)
	}
}

func TestUpdateNotice(t *testing.T) {
	p := NewPage(Browser{})
	mount(t, p)
	if strings.Contains(app.HTMLString(p), `id="update"`) {
		t.Fatal("a notice before any update")
	}
	p.OnAppUpdate(app.Context{})
	if html := app.HTMLString(p.Render()); !strings.Contains(html, "A new version of fanin is ready.") || !strings.Contains(html, `id="reload"`) {
		t.Fatalf("no update notice:\n%s", html)
	}
}

// TestKeptFrames: while a run is on, every frame ends by asking for the
// next one; once the run is over, the last one asks for none.
func TestKeptFrames(t *testing.T) {
	p := NewPage(Browser{})
	ctx, e := liveContext(t)
	l := p.run.Start([]string{"https://a.test/1"}, time.Now(), nil)
	p.keepFrames(ctx, l.ID)
	within := func(what string, step func()) {
		t.Helper()
		done := make(chan struct{})
		go func() { step(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still waiting after 10 s", what)
		}
	}
	for i := range 3 {
		// ConsumeNext waits for a dispatch: only a kept frame queues one.
		within(fmt.Sprintf("kept frame %d", i+1), e.ConsumeNext)
	}
	enc, ok := p.run.Finish(l, []fanout.Result{{Index: 0, URL: "https://a.test/1", State: fanout.Done, Status: 200, Data: []byte("1")}}, nil, time.Millisecond)
	if !ok {
		t.Fatal("the run did not finish")
	}
	within("a frame while the result is encoded", e.ConsumeNext) // a run is on until its result is in
	res, err := enc.Encode(nil)
	if !p.run.Encoded(enc, res, err) || err != nil {
		t.Fatalf("the result was not taken in: %v", err)
	}
	// ConsumeAll returns once no dispatch is left: the frames stopped.
	within("the frames after the run", e.ConsumeAll)
	if p.run.State == run.Running {
		t.Fatalf("state %q", p.run.State)
	}
}
