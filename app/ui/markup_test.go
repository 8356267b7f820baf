package ui

import (
	"fmt"
	"strings"
	"testing"

	"fanin/app/fanout"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"
)

// parsed is the markup of c as the browser's parser reads it: the children
// of <body> after parsing the HTML go-app writes for c.
func parsed(t *testing.T, c app.UI) []*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(app.HTMLString(c)))
	if err != nil {
		t.Fatal(err)
	}
	body := find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "body" })
	var out []*html.Node
	for n := body.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
	}
	return out
}

// find is the first node under n (n included) that matches.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

// all is every element under n named tag, in document order.
func all(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// wantAttrs fails unless n has each name, value pair.
func wantAttrs(t *testing.T, n *html.Node, pairs ...string) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if got, ok := attr(n, pairs[i]); !ok || got != pairs[i+1] {
			t.Errorf("<%s> %s = %q (present %v), want %q", n.Data, pairs[i], got, ok, pairs[i+1])
		}
	}
}

// rowsOf renders one board of rows and returns its <ol> and its <li>s.
func rowsOf(t *testing.T, rows ...*resultRow) (*html.Node, []*html.Node) {
	t.Helper()
	b := &board{Rows: rows, Total: len(rows)}
	mount(t, b)
	top := parsed(t, b)
	if len(top) != 1 {
		t.Fatalf("got %d root elements", len(top))
	}
	ol := find(top[0], func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "rows" })
	if ol == nil || ol.Data != "ol" {
		t.Fatalf("no ol#rows in %s", app.HTMLString(b))
	}
	return ol, all(ol, "li")
}

func TestResultRow(t *testing.T) {
	t.Run("a failed URL shows its kind and message", func(t *testing.T) {
		_, lis := rowsOf(t, newResultRow(fanout.Result{Index: 2, URL: "https://a.test/x", State: fanout.Done, Status: 500,
			Err: &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 500: boom"}}))
		if len(lis) != 1 {
			t.Fatalf("got %d rows", len(lis))
		}
		wantAttrs(t, lis[0], "class", "row", "data-status", RowError, "data-index", "2", "data-kind", "http-status")
		spans := all(lis[0], "span")
		if len(spans) != 3 || textOf(spans[0]) != "http-status" || textOf(spans[1]) != "https://a.test/x" {
			t.Fatalf("got spans %q", textOf(lis[0]))
		}
		ps := all(lis[0], "p")
		if len(ps) != 1 || textOf(ps[0]) != "HTTP 500: boom" {
			t.Fatalf("got %d paragraphs: %q", len(ps), textOf(lis[0]))
		}
		wantAttrs(t, ps[0], "class", "message")
	})
	t.Run("a running URL is pending and says it is fetching", func(t *testing.T) {
		row := newResultRow(fanout.Result{URL: "https://a.test/x", State: fanout.Running})
		_, lis := rowsOf(t, row)
		if got := textOf(all(lis[0], "span")[0]); got != "fetching" {
			t.Fatalf("got badge %q", got)
		}
		if row.Status != RowPending {
			t.Fatalf("got %s, want pending", row.Status)
		}
	})
	t.Run("a chain's first page heads the chain", func(t *testing.T) {
		row := newResultRow(fanout.Result{URL: "https://a.test/p?page=1", State: fanout.Done, Status: 200, Page: 1})
		row.ChainHead, row.ChainPages, row.ChainRunning = "https://a.test/p", 3, true
		_, lis := rowsOf(t, row)
		wantAttrs(t, lis[0], "data-page", "1")
		chain := all(lis[0], "p")[0]
		wantAttrs(t, chain, "class", "chain", "data-pages", "3", "title", "https://a.test/p")
		if got := textOf(chain); got != "https://a.test/p · 3 pages so far" {
			t.Fatalf("got %q", got)
		}
	})
}

// TestRowMarkupEscapes proves that what a server or a link controls (the
// URL, the error message, a chain's note) stays text: the parsed rows hold
// exactly the elements the board writes, and every string comes back equal.
func TestRowMarkupEscapes(t *testing.T) {
	hostile := []string{
		`"><script>alert(1)</script>`,
		`' onmouseover='alert(1)`,
		`</span></li></ol><img src=x onerror=alert(1)>`,
		"&lt;b&gt; &amp; <!-- --> <![CDATA[x]]>",
		"tab\tnew\nline \u00a0 \u2028 é 😀",
	}
	for _, s := range hostile {
		row := newResultRow(fanout.Result{Index: 1, URL: "https://a.test/" + s, State: fanout.Done, Page: 2, Note: s,
			Err: &fanout.Error{Kind: fanout.KindNetwork, Message: s}})
		row.ChainHead, row.ChainPages = s, 1
		ol, lis := rowsOf(t, row)
		if len(lis) != 1 {
			t.Fatalf("%q: got %d rows", s, len(lis))
		}
		var tags []string
		for n := range ol.Descendants() {
			if n.Type == html.ElementNode {
				tags = append(tags, n.Data)
			}
		}
		if got, want := strings.Join(tags, " "), "li p span span span p p"; got != want {
			t.Fatalf("%q: got elements %q, want %q", s, got, want)
		}
		url := all(lis[0], "span")[1]
		wantAttrs(t, url, "title", "https://a.test/"+s)
		if got := textOf(url); got != "https://a.test/"+s {
			t.Errorf("%q: URL text came back as %q", s, got)
		}
		ps := all(lis[0], "p")
		wantAttrs(t, ps[0], "title", s)
		if textOf(ps[1]) != s || textOf(ps[2]) != s {
			t.Errorf("%q: message %q, note %q", s, textOf(ps[1]), textOf(ps[2]))
		}
	}
}

func TestBoard(t *testing.T) {
	rows := make([]fanout.Result, 250)
	for i := range rows {
		rows[i] = fanout.Result{Index: i, URL: fmt.Sprintf("https://a.test/%d", i), State: fanout.Done, Status: 200, Data: []byte("1")}
	}
	rows[120].Err = &fanout.Error{Kind: fanout.KindTimeout, Message: "slow"}
	t.Run("only one page of rows is rendered, with counts for all", func(t *testing.T) {
		p := NewPage(Browser{})
		setRows(p, rows, 1)
		mount(t, p)
		if len(p.shown) != run.BoardPageSize || p.shown[0].Index != 100 {
			t.Fatalf("got %d rows from %d, want %d from 100", len(p.shown), p.shown[0].Index, run.BoardPageSize)
		}
		rb := p.run.Board
		fresh := make([]*resultRow, len(rb.Shown))
		for k, i := range rb.Shown {
			fresh[k] = newResultRow(p.run.Rows[i])
		}
		b := &board{Rows: fresh, Page: rb.Page, Pages: rb.Pages, Total: len(p.run.Rows), OK: rb.OK, Failed: rb.Failed}
		mount(t, b)
		top := parsed(t, b)
		ol := find(top[0], func(n *html.Node) bool { return n.Data == "ol" })
		wantAttrs(t, ol, "id", "rows", "start", "101", "data-total", "250", "data-ok", "249", "data-error", "1", "data-pending", "0")
		lis := all(ol, "li")
		if len(lis) != run.BoardPageSize {
			t.Fatalf("got %d rows", len(lis))
		}
		wantAttrs(t, lis[20], "class", "row", "data-status", RowError, "data-index", "120", "data-kind", "timeout")
	})
	t.Run("the last page holds the rest, and pages are clamped", func(t *testing.T) {
		p := NewPage(Browser{})
		setRows(p, rows, 99)
		if p.run.Board.Page != 2 || len(p.shown) != 50 {
			t.Fatalf("got page %d with %d rows, want page 2 with 50", p.run.Board.Page, len(p.shown))
		}
	})
}
