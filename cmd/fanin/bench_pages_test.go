//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/chromedp"
)

// BenchmarkPagesInPage is BenchmarkPages (cmd/fanin/internal/cli) in the
// page: one chain of 50 pages by Link header, and 10 chains of 10 pages
// by a cursor in the body, every page taking 50 ms on the server, against
// the bound (pages × latency per chain, chains in parallel). ns/op runs
// from the Fetch click to the run shown as done; run-ms is the page's own
// wall time for the fetches (its speed-up line).
//
//	go test -run '^$' -bench PagesInPage -benchtime 3x ./cmd/fanin
func BenchmarkPagesInPage(b *testing.B) {
	api := testserver.Start()
	b.Cleanup(api.Close)
	base := startFanin(b)
	ctx := testbrowser.New(b)
	openPage(b, ctx, base+"/")
	const latency = 50 * time.Millisecond
	ms := strconv.Itoa(int(latency / time.Millisecond))
	var cursors []string
	for i := range 10 {
		cursors = append(cursors, api.URL(fmt.Sprintf("/pages/cursor/c%d?pages=10&ms=%s", i, ms)))
	}
	for _, bc := range []struct {
		name  string
		kind  string
		jq    string
		urls  []string
		pages int
		bound time.Duration
	}{
		{"link-50-pages", "link", "", []string{api.URL("/pages/link/a?pages=50&ms=" + ms)}, 50, 50 * latency},
		{"cursor-10-chains-of-10", "jq", testserver.CursorNext, cursors, 100, 10 * latency},
	} {
		b.Run(bc.name, func(b *testing.B) {
			setInput(b, ctx, "select#next-kind", bc.kind)
			if bc.jq != "" {
				wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS("input#next-jq")))
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				setInput(b, ctx, "input#next-jq", bc.jq)
			}
			setURLs(b, ctx, bc.urls...)
			var runs time.Duration
			for b.Loop() {
				runs += clickAndWait(b, ctx, bc.pages)
			}
			perOp := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(bc.bound.Milliseconds()), "bound-ms")
			b.ReportMetric(float64(runs.Milliseconds())/float64(b.N), "run-ms")
			b.ReportMetric(float64(perOp)/float64(bc.bound), "x-bound")
		})
	}
}

var runWall = regexp.MustCompile(` in ([0-9.]+) s`)

// clickAndWait starts a run, waits for it to be shown done with the
// pages it should have, and returns the page's own wall time of it.
func clickAndWait(b *testing.B, tab context.Context, pages int) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(tab, 120*time.Second)
	defer cancel()
	if next, err := clickFetch(b, ctx); err != nil {
		b.Fatalf("run %d: %v", next, err)
	}
	b.StopTimer()
	defer b.StartTimer()
	if rows := readRows(b, ctx); len(rows) != pages {
		b.Fatalf("got %d rows, want %d pages", len(rows), pages)
	}
	speed := evalString(b, ctx, `document.querySelector("#speedup").textContent`)
	m := runWall.FindStringSubmatch(speed)
	if m == nil {
		b.Fatalf("no wall time in %q", speed)
	}
	secs, _ := strconv.ParseFloat(m[1], 64)
	return time.Duration(secs * float64(time.Second))
}
