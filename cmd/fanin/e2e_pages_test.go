//go:build !(js && wasm)

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"fanin/app/sharelink"
	"fanin/internal/testserver"

	"github.com/chromedp/chromedp"
)

// pagesBoard is what the board shows of a paginated run: each row's page
// number and each chain heading's page count.
type pagesBoard struct {
	Pages  []string // data-page of each row
	Chains []string // "START PAGES" of each heading
}

func readPagesBoard(t *testing.T, ctx context.Context) pagesBoard {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.Evaluate[pagesBoard](`({
		Pages: Array.from(document.querySelectorAll("#rows li.row")).map(li => li.dataset.page || ""),
		Chains: Array.from(document.querySelectorAll("#rows .chain")).map(h => h.title + " " + h.dataset.pages)})`))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// waitLink waits until the address's fragment carries what ok looks for
// (it follows edits after a pause).
func waitLink(t *testing.T, ctx context.Context, what string, ok func(sharelink.State) bool) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		last = evalString(t, ctx, `location.hash`)
		if s, _, err := sharelink.Decode(last); err == nil && ok(s) {
			return
		}
		time.Sleep(50 * time.Millisecond) // polling: the link is written 300 ms after the last edit
	}
	t.Errorf("the link does not carry %s: %s", what, last)
}

func setJQNext(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	setInput(t, ctx, "select#next-kind", "jq")
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS("input#next-jq"))); err != nil {
		t.Fatalf("no jq box for the next page: %v", err)
	}
	setInput(t, ctx, "input#next-jq", expr)
}

func TestPagesEndToEnd(t *testing.T) {
	api, ctx := proxiedPage(t)

	t.Run("Link headers: chains grouped under their start URLs with page counts, the same bytes as fanin get", func(t *testing.T) {
		setInput(t, ctx, "select#next-kind", "link")
		a, b := api.URL("/pages/link/a?pages=3"), api.URL("/pages/link/b?pages=2")
		setURLs(t, ctx, a, b)
		rows, raw := fetchAndWait(t, ctx)
		got := readPagesBoard(t, ctx)
		if len(rows) != 5 || strings.Join(got.Pages, ",") != "1,2,3,1,2" || strings.Join(got.Chains, " | ") != a+" 3 | "+b+" 2" {
			t.Fatalf("got rows %+v, board %+v", rows, got)
		}
		for _, r := range rows {
			if r.Status != "ok" {
				t.Fatalf("a page failed: %+v", r)
			}
		}
		if cli := cliGet(t, "-next", "link", a, b); raw != cli {
			t.Errorf("page and CLI differ:\npage:\n%s\ncli:\n%s", raw, cli)
		}
		if caption := evalString(t, ctx, `document.querySelector("#waterfall-caption").textContent`); !strings.Contains(caption, "5 pages in 2 chains") {
			t.Errorf("waterfall caption %q", caption)
		}
		if n := evalString(t, ctx, `String(document.querySelectorAll("#waterfall rect.chain-odd").length) + "/" + document.querySelectorAll("#waterfall rect.chain-even").length`); n != "3/2" {
			t.Errorf("waterfall bars by chain: %s, want 3 odd and 2 even", n)
		}
		waitLink(t, ctx, "next=link", func(s sharelink.State) bool { return s.Next == "link" })
	})
	t.Run("a cursor in the body, followed by jq, and page + total", func(t *testing.T) {
		setJQNext(t, ctx, testserver.CursorNext)
		c := api.URL("/pages/cursor/c?pages=3")
		setURLs(t, ctx, c)
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 3 || strings.Count(raw, `"next_cursor"`) != 3 {
			t.Fatalf("got rows %+v\n%s", rows, raw)
		}
		if cli := cliGet(t, "-next", testserver.CursorNext, c); raw != cli {
			t.Errorf("page and CLI differ:\npage:\n%s\ncli:\n%s", raw, cli)
		}
		setJQNext(t, ctx, testserver.NumberedNext)
		setURLs(t, ctx, api.URL("/pages/numbered/n?per=2&total=5"))
		rows, _ = fetchAndWait(t, ctx)
		if got := readPagesBoard(t, ctx); len(rows) != 3 || strings.Join(got.Pages, ",") != "1,2,3" {
			t.Fatalf("got rows %+v, board %+v", rows, got)
		}
	})
	t.Run("a next-page expression that does not compile: each first page is kept, and its row gives jq's error", func(t *testing.T) {
		// The page's jq runs in its worker, so the syntax error comes with
		// the first page rather than before it.
		setJQNext(t, ctx, ".next_cursor |")
		setURLs(t, ctx, api.URL("/pages/cursor/e?pages=3"), api.URL("/pages/cursor/f?pages=3"))
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 2 || strings.Count(raw, `"next_cursor"`) != 2 {
			t.Fatalf("got rows %+v\n%s", rows, raw)
		}
		for _, r := range rows {
			if !strings.Contains(r.Text, "next page:") || !strings.Contains(r.Text, "column") {
				t.Errorf("row %+v does not give the expression's syntax error", r)
			}
		}
	})
	t.Run("the page cap cuts a chain and its row says so; a failed page ends its chain", func(t *testing.T) {
		setInput(t, ctx, "select#next-kind", "link")
		setInput(t, ctx, "input#max-pages", "2")
		setURLs(t, ctx, api.URL("/pages/link/m?pages=5"), api.URL("/pages/link/f?pages=3&fail=2"))
		rows, _ := fetchAndWait(t, ctx)
		if len(rows) != 4 || !strings.Contains(rows[1].Text, "page cap (2 pages)") || rows[3].Kind != "http-status" {
			t.Fatalf("got rows %+v", rows)
		}
		waitLink(t, ctx, "max-pages=2", func(s sharelink.State) bool { return s.Next == "link" && s.MaxPages == 2 })
		setInput(t, ctx, "input#max-pages", "100")
	})
	t.Run("a Link header the server does not expose: the row says so; through the proxy it is followed", func(t *testing.T) {
		h := api.URL("/pages/hidden/h?pages=2")
		setURLs(t, ctx, h)
		rows, _ := fetchAndWait(t, ctx)
		if len(rows) != 1 || !strings.Contains(rows[0].Text, "Access-Control-Expose-Headers") || !strings.Contains(rows[0].Text, "proxy") {
			t.Fatalf("got rows %+v", rows)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details.more-options summary")), chromedp.Click(chromedp.CSS("#always-proxy"))); err != nil {
			t.Fatal(err)
		}
		rows, _ = fetchAndWait(t, ctx)
		if len(rows) != 2 || !strings.Contains(rows[1].Text, "via proxy") || rows[1].Status != "ok" {
			t.Fatalf("through the proxy: got rows %+v", rows)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#always-proxy"))); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("rate and per-host are in the link, and every page still comes", func(t *testing.T) {
		setInput(t, ctx, "input#rate", "20")
		setInput(t, ctx, "input#per-host", "1")
		setURLs(t, ctx, api.URL("/pages/link/r?pages=2"), api.URL("/pages/link/s?pages=2"))
		rows, _ := fetchAndWait(t, ctx)
		if len(rows) != 4 {
			t.Fatalf("got rows %+v", rows)
		}
		waitLink(t, ctx, "rate=20 and per-host=1", func(s sharelink.State) bool { return s.Rate == 20 && s.PerHost == 1 })
	})
}
