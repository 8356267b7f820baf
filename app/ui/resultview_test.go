package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqengine"
	"fanin/app/jsontree"
	"fanin/app/pace"
	"fanin/app/result"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// resultOf builds the result as a finished run would.
func resultOf(t *testing.T, mode combine.Mode, results ...fanout.Result) *result.Result {
	t.Helper()
	// the page indexes each response as it arrives and hands the trees on
	trees := make([]*jsontree.Tree, len(results))
	for i, r := range results {
		if tr, err := jsontree.Index(r.Data); err == nil && r.OK() {
			trees[i] = tr
		}
	}
	res, err := result.Build(results, trees, mode, jqengine.NewLocal)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// view is a result view of o, as the page makes it.
func view(o *result.Result, env webenv.Env) *resultView {
	return &resultView{Result: o, Env: env, Pacer: pace.New(nil, nil)}
}

// encoded is the document the CLI writes for o: what Raw must show.
func encoded(t *testing.T, o *result.Result) string {
	t.Helper()
	raw, err := combine.Encode(o.Results, o.Mode)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// read lets the view index and indent its outcome, as OnMount does in a browser.
func read(t *testing.T, c *resultView) {
	t.Helper()
	ctx, e := liveContext(t)
	c.sync()
	c.index(ctx)
	e.ConsumeAll()
	if c.doc == nil || c.pretty == nil {
		t.Fatalf("not read: tree %v, %d bytes of text (%s %s)", c.doc != nil, len(c.pretty), c.indexErr, c.status)
	}
}

func okResult(i int, url, data string) fanout.Result {
	return fanout.Result{Index: i, URL: url, State: fanout.Done, Status: 200, Bytes: len(data), Data: []byte(data)}
}

func failedResult(i int, url string) fanout.Result {
	return fanout.Result{Index: i, URL: url, State: fanout.Done, Status: 503,
		Err: &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 503: nope"}}
}

func sampleResults() []fanout.Result {
	return []fanout.Result{
		okResult(0, "https://a.test/1", `{"id": 1, "big": 12345678901234567890123}`),
		failedResult(1, "https://a.test/2"),
		okResult(2, "https://a.test/3", `{"id":3,"url":"https://b.test/"}`),
	}
}

func TestResultView(t *testing.T) {
	t.Run("a small result opens on the raw view, holding the exact document from its first frame", func(t *testing.T) {
		o := resultOf(t, combine.Array, sampleResults()...)
		if !o.Quick() {
			t.Fatal("the sample is not Quick")
		}
		c := view(o, webenv.NewMemory("localhost", ""))
		mount(t, c)
		if c.tab != TabRaw || strings.Join(c.raw, "") != encoded(t, o) || c.doc == nil {
			t.Fatalf("got tab %q, tree %v and text %q, want the raw tab, a tree and %q", c.tab, c.doc != nil, c.raw, encoded(t, o))
		}
		html := app.HTMLString(c)
		if !strings.Contains(html, `id="result-raw"`) || !strings.Contains(html, `role="tablist"`) || strings.Contains(html, `id="raw-progress"`) {
			t.Fatalf("got %s", html)
		}
	})
	t.Run("a result that opens on Raw mounts its tree only when the tree tab is shown", func(t *testing.T) {
		o := resultOf(t, combine.Array, sampleResults()...)
		c := view(o, webenv.NewMemory("localhost", ""))
		mount(t, c)
		if html := app.HTMLString(c); strings.Contains(html, `id="tree"`) || !strings.Contains(html, `id="tree-ready"`) {
			t.Fatalf("on Raw, got a tree: %s", html)
		}
		c.showTab(TabTree)
		if !c.treeShown {
			t.Fatal("the tree tab was shown, yet its tree would not be mounted")
		}
		c.showTab(TabRaw)
		if !c.treeShown {
			t.Fatal("the tree, once shown, is kept (its open nodes and scroll) when Raw is shown again")
		}
	})
	t.Run("a result over QuickMax shows progress, then its text", func(t *testing.T) {
		mid := okResult(0, "https://a.test/mid", `["`+strings.Repeat("x", result.QuickMax)+`"]`)
		o := resultOf(t, combine.Array, mid)
		if o.Quick() || !o.OpensOnRaw() {
			t.Fatalf("quick %v, opens on raw %v: want neither quick nor big", o.Quick(), o.OpensOnRaw())
		}
		c := view(o, webenv.NewMemory("localhost", ""))
		mount(t, c)
		if html := app.HTMLString(c); !strings.Contains(html, `id="raw-progress"`) || strings.Contains(html, `id="result-raw"`) {
			t.Fatalf("before indenting, got %.2000s", html)
		}
		read(t, c)
		if c.tab != TabRaw || strings.Join(c.raw, "") != encoded(t, o) {
			t.Fatalf("got tab %q and %d bytes of text, want the raw tab and the document", c.tab, len(strings.Join(c.raw, "")))
		}
	})
	t.Run("a big result opens on the tree and converts no text", func(t *testing.T) {
		big := okResult(0, "https://a.test/big", `["`+strings.Repeat("x", result.RawFirstMax)+`"]`)
		c := view(resultOf(t, combine.Array, big), nil)
		c.sync()
		if c.tab != TabTree || c.raw != nil {
			t.Fatalf("got tab %q and %d bytes of text", c.tab, len(c.raw))
		}
	})
	t.Run("the result is indexed off the UI goroutine, one node per URL with its label", func(t *testing.T) {
		ctx, e := liveContext(t)
		for mode, want := range map[combine.Mode][]string{
			combine.Array:    {"https://a.test/1 · HTTP 200 · 41 B", "https://a.test/2 · HTTP 503 · 0 B · http-status", "https://a.test/3 · HTTP 200 · 32 B"},
			combine.Object:   {"HTTP 200 · 41 B", "HTTP 503 · 0 B · http-status", "HTTP 200 · 32 B"},
			combine.Envelope: {"https://a.test/1 · HTTP 200 · 41 B", "https://a.test/2 · HTTP 503 · 0 B · http-status", "https://a.test/3 · HTTP 200 · 32 B"},
			combine.Concat:   nil,
		} {
			c := view(resultOf(t, mode, sampleResults()...), nil)
			c.sync()
			c.index(ctx)
			e.ConsumeAll()
			if c.doc == nil {
				t.Fatalf("%s: not indexed (%s)", mode, c.indexErr)
			}
			var got []string
			for _, l := range c.doc.labels {
				got = append(got, l.Text)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: got labels %q, want %q", mode, got, want)
			}
		}
	})
	t.Run("downloads save the exact document and one NDJSON line per URL", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		day := time.Now().Format("2006-01-02")
		mid := view(resultOf(t, combine.Array, okResult(0, "https://a.test/mid", `["`+strings.Repeat("x", result.QuickMax)+`"]`)), env)
		mid.sync()
		mid.onDownload(app.Context{}, app.Event{})
		if _, ok := env.Downloaded("fanin-" + day + ".json"); ok || !strings.Contains(mid.status, "Still indenting") {
			t.Fatalf("Download before the text is ready: saved %v, status %q", ok, mid.status)
		}
		o := resultOf(t, combine.Array, sampleResults()...)
		c := view(o, env)
		read(t, c)
		c.onDownload(app.Context{}, app.Event{})
		c.onDownloadNDJSON(app.Context{}, app.Event{})
		if got, _ := env.Downloaded("fanin-" + day + ".json"); string(got) != encoded(t, o) {
			t.Fatalf("got %q", got)
		}
		want := "{\"id\":1,\"big\":12345678901234567890123}\nnull\n{\"id\":3,\"url\":\"https://b.test/\"}\n"
		if got, _ := env.Downloaded("fanin-" + day + ".ndjson"); string(got) != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	t.Run("copy all copies the whole document", func(t *testing.T) {
		ctx, e := liveContext(t)
		env := webenv.NewMemory("localhost", "")
		o := resultOf(t, combine.Object, sampleResults()...)
		c := view(o, env)
		read(t, c)
		c.onCopyAll(ctx, app.Event{})
		e.ConsumeAll()
		if got := env.Copied(); len(got) != 1 || got[0] != encoded(t, o) || c.status != "Result copied." {
			t.Fatalf("got %q, status %q", got, c.status)
		}
	})
}

func TestJQPanel(t *testing.T) {
	ctx, e := liveContext(t)
	o := resultOf(t, combine.Array, sampleResults()...)
	var echoed []string
	c := &jqPanel{Result: o, OnExpr: func(ctx app.Context, expr string) { echoed = append(echoed, expr) }}
	c.sync()
	run := func(expr string) {
		t.Helper()
		c.expr = expr
		c.start(ctx)
		e.ConsumeAll()
	}
	t.Run("a filter runs over the whole result, literals kept", func(t *testing.T) {
		run(`.[] | select(. != null) | .big // .id`)
		if got := string(c.output); got != "12345678901234567890123\n3\n" || c.errText != "" {
			t.Fatalf("got %q, error %q", got, c.errText)
		}
	})
	t.Run("a syntax error shows inline with its position", func(t *testing.T) {
		run(`.[] | {`)
		if !strings.Contains(c.errText, "column") || c.output != nil || c.job.running {
			t.Fatalf("got %q", c.errText)
		}
	})
	t.Run("a runtime error shows inline", func(t *testing.T) {
		run(`.[0].id | ascii_downcase`)
		if !strings.Contains(c.errText, "ascii_downcase") {
			t.Fatalf("got %q", c.errText)
		}
	})
	t.Run("a long run can be cancelled", func(t *testing.T) {
		c.expr = `last(range(1e12))`
		c.start(ctx)
		if !c.job.running {
			t.Fatal("not running")
		}
		c.stop()
		e.ConsumeAll() // a filter that kept running after the stop would hold this until the test's timeout
		if c.job.running || c.output != nil {
			t.Fatalf("got running %v output %q", c.job.running, c.output)
		}
	})
	t.Run("a filter from a link runs when the result arrives", func(t *testing.T) {
		p := &jqPanel{Expr: ".[2].id"}
		p.sync()
		p.Result = o
		if !p.sync() || p.expr != ".[2].id" {
			t.Fatalf("sync did not ask to run %q", p.expr)
		}
		p.start(ctx)
		e.ConsumeAll()
		if string(p.output) != "3\n" {
			t.Fatalf("got %q", p.output)
		}
	})
}

func TestCompareTable(t *testing.T) {
	ctx, e := liveContext(t)
	c := &compareTable{Result: resultOf(t, combine.Array, sampleResults()...)}
	c.sync()
	c.expr = ".id"
	c.start(ctx)
	e.ConsumeAll()
	want := []compareRow{
		{URL: "https://a.test/1", Status: "ok", Value: "1"},
		{URL: "https://a.test/2", Status: "error", Value: "no value: http-status"},
		{URL: "https://a.test/3", Status: "ok", Value: "3"},
	}
	if len(c.rows) != len(want) {
		t.Fatalf("got %+v", c.rows)
	}
	for i := range want {
		if c.rows[i] != want[i] {
			t.Errorf("row %d: got %+v, want %+v", i, c.rows[i], want[i])
		}
	}
	c.expr = ".id | ascii_downcase"
	c.start(ctx)
	e.ConsumeAll()
	if c.rows[0].Status != "jq-error" {
		t.Errorf("got %+v", c.rows[0])
	}
}

func TestShownText(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&out, "%d\n", i)
	}
	text, note := shownText([]byte(out.String()))
	if got := strings.Count(text, "\n"); got != maxJQShownLines || !strings.HasSuffix(text, "1999\n…") {
		t.Errorf("shown %d lines ending %q, want the first %d", got, text[len(text)-8:], maxJQShownLines)
	}
	if !strings.Contains(note, "first 2000 of 5000 lines") {
		t.Errorf("note %q", note)
	}
	if text, note := shownText([]byte("1\n2\n")); text != "1\n2\n" || note != "" {
		t.Errorf("short output: got %q, %q", text, note)
	}
}

func TestRawBlocks(t *testing.T) {
	t.Parallel()
	var text strings.Builder
	for i := range 1234 {
		fmt.Fprintf(&text, "  %d,\n", i)
	}
	text.WriteString("]")
	blocks := rawBlocks([]byte(text.String()))
	if len(blocks) != 3 || strings.Join(blocks, "") != text.String() {
		t.Fatalf("got %d blocks, joined equal: %v", len(blocks), strings.Join(blocks, "") == text.String())
	}
	if n := strings.Count(blocks[0], "\n"); n != rawBlockLines || !strings.HasSuffix(blocks[0], "\n") {
		t.Errorf("first block has %d lines", n)
	}
	if rawBlocks(nil) != nil {
		t.Error("no text, yet blocks")
	}
}

func TestBigResultText(t *testing.T) {
	t.Parallel()
	big := "[" + strings.Repeat(`{"id":1,"name":"a record","tags":["x","y"]},`, result.KeepTextMax/44+10) + `{"id":2}]`
	env := webenv.NewMemory("localhost", "")
	o := resultOf(t, combine.Array, okResult(0, "https://a.test/big", big))
	if o.KeepsText() {
		t.Fatalf("a %d-byte result keeps its text", len(big))
	}
	c := view(o, env)
	read(t, c)
	want, err := o.JSON()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Raw shows the beginning, marked as such, not as #result-raw", func(t *testing.T) {
		if !c.preview || len(c.pretty) > previewBytes || len(c.pretty) < previewBytes/2 || !strings.HasPrefix(string(want), string(c.pretty)) || c.pretty[len(c.pretty)-1] != '\n' {
			t.Fatalf("preview %v of %d bytes", c.preview, len(c.pretty))
		}
		c.showTab(TabRaw)
		html := app.HTMLString(c.Render())
		if strings.Contains(html, `id="result-raw"`) || !strings.Contains(html, `id="result-raw-preview"`) || !strings.Contains(html, "Download JSON saves all of it") {
			t.Fatalf("the Raw panel does not say it shows the beginning")
		}
	})
	t.Run("Download JSON writes the whole text in pieces, Copy all declines", func(t *testing.T) {
		ctx, e := liveContext(t)
		c.onDownload(ctx, app.Event{})
		e.ConsumeAll()
		name := "fanin-" + time.Now().Format("2006-01-02") + ".json"
		if got, _ := env.Downloaded(name); string(got) != string(want) {
			t.Fatalf("downloaded %d bytes, want the %d of the whole text (status %q)", len(got), len(want), c.status)
		}
		c.onCopyAll(ctx, app.Event{})
		if len(env.Copied()) != 0 || !strings.Contains(c.status, "too big for the clipboard") {
			t.Fatalf("copied %d, status %q", len(env.Copied()), c.status)
		}
	})
}
