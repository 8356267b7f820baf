//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func setInput(t testing.TB, ctx context.Context, sel, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.value = %q;
		el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, sel, value)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatal(err)
	}
}

func TestBoardEndToEnd(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base, server := startFaninCmd(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")

	t.Run("retries wait as Retry-After says, and the row counts the attempts", func(t *testing.T) {
		api.Fail("ra", 1)
		setInput(t, ctx, "input#retries", "2")
		setURLs(t, ctx, api.URL("/flaky/ra?retry-after=1"))
		rows, _ := fetchAndWait(t, ctx)
		times := api.Times("/flaky/ra")
		if len(rows) != 1 || rows[0].Status != "ok" || !strings.Contains(rows[0].Text, "2 attempts") || len(times) != 2 {
			t.Fatalf("got rows %+v after %d requests", rows, len(times))
		}
		if gap := times[1].Sub(times[0]); gap < 900*time.Millisecond {
			t.Fatalf("the retry came %v after the 503, want about the 1 s of Retry-After", gap)
		}
		setInput(t, ctx, "input#retries", "0")
	})
	t.Run("Retry failed fetches only the failed URLs again once the server heals", func(t *testing.T) {
		api.Fail("heal", 100)
		setURLs(t, ctx, api.URL("/flaky/heal"), api.URL("/json/steady"))
		rows, _ := fetchAndWait(t, ctx)
		if rows[0].Kind != "http-status" || rows[1].Status != "ok" {
			t.Fatalf("got rows %+v", rows)
		}
		api.Fail("heal", 0)
		steady := api.Hits("/json/steady")
		next := currentRun(t, ctx) + 1
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.Click(chromedp.CSS("button#retry-failed")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="done"][data-run="%d"] #result-raw`, next))),
		); err != nil {
			t.Fatal(err)
		}
		rows = readRows(t, ctx)
		if rows[0].Status != "ok" || rows[1].Status != "ok" || api.Hits("/json/steady") != steady {
			t.Fatalf("got rows %+v; the steady URL was fetched %d more times", rows, api.Hits("/json/steady")-steady)
		}
		if raw := readRaw(t, ctx); !strings.Contains(raw, `"flaky": "heal"`) || !strings.Contains(raw, `"name": "steady"`) {
			t.Fatalf("got %s", raw)
		}
	})
	t.Run("the progress bar, speed-up, filter and waterfall follow the run", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/slow/300/w1"), api.URL("/slow/300/w2"), api.URL("/slow/300/w3"), api.URL("/status/404"))
		fetchAndWait(t, ctx)
		speed := evalString(t, ctx, `document.querySelector("#speedup").textContent`)
		if !strings.Contains(speed, "4 URLs in") || !strings.Contains(speed, "one after another would take") {
			t.Fatalf("got speed-up %q", speed)
		}
		if bars := evalString(t, ctx, `String(document.querySelectorAll("#waterfall rect.bar").length)`); bars != "4" {
			t.Fatalf("got %s waterfall bars, want 4", bars)
		}
		if done := evalString(t, ctx, `document.querySelector("#progress-count").textContent`); done != "4 / 4 done" {
			t.Fatalf("got %q", done)
		}
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.Click(chromedp.CSS("#filter-failed"))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`document.querySelectorAll("#rows li.row").length === 1`)); err != nil {
			t.Fatalf("the failed filter did not leave one row: %v", err)
		}
		if err := chromedp.Do(wctx, chromedp.Click(chromedp.CSS("#filter-all"))); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Ctrl+Enter in the box runs the list", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/json/keyboard"))
		next := currentRun(t, ctx) + 1
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.Focus(chromedp.CSS("textarea#urls")),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="done"][data-run="%d"] #result-raw`, next))),
		); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("opening a CSV file of URLs fills the box", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "urls.csv")
		os.WriteFile(file, []byte("name,url\na,"+api.URL("/json/csv1")+"\nb,"+api.URL("/json/csv2")+"\n"), 0o644)
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.SetUploadFiles(chromedp.CSS("input#url-file"), []string{file})); err != nil {
			t.Fatal(err)
		}
		want := api.URL("/json/csv1") + "\n" + api.URL("/json/csv2")
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("textarea#urls").value === %q`, want))); err != nil {
			t.Fatalf("the box was not filled from the file: %v", err)
		}
	})
	t.Run("the page has no serious accessibility violations", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/json/a11y"), api.URL("/status/500"))
		fetchAndWait(t, ctx)
		violations, err := testbrowser.Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Errorf("axe: %+v", v)
		}
	})
	t.Run("screenshots in light and dark", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/slow/300/a"), api.URL("/exact"), api.URL("/slow/200/b"), api.URL("/status/500"), api.URL("/html"), api.URL("/slow/100/c"))
		fetchAndWait(t, ctx)
		for _, scheme := range []string{"light", "dark"} {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "page-"+scheme+".png")
		}
	})
	t.Run("two thousand URLs: the board keeps up (long tasks and heap logged)", func(t *testing.T) {
		urls := make([]string, 2000)
		for i := range urls {
			urls[i] = api.URL(fmt.Sprintf("/json/b%d", i))
		}
		setURLs(t, ctx, urls...)
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__long = [];
			new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration))).observe({type: "longtask"})`)); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		fetchAndWait(t, ctx)
		wall := time.Since(began)
		if ok := evalString(t, ctx, `document.querySelector("#rows").dataset.ok`); ok != "2000" {
			t.Fatalf("got %s ok rows, want 2000", ok)
		}
		stats := evalString(t, ctx, `(() => { const l = window.__long; const over = l.filter(d => d > 100).length;
			return "long tasks: " + l.length + " (" + over + " over 100 ms), longest " + Math.round(Math.max(0, ...l)) +
			" ms; JS heap " + Math.round(performance.memory.usedJSHeapSize / 1048576) + " MiB" })()`)
		t.Logf("2,000 URLs in %v; %s", wall.Round(time.Millisecond), stats)
	})
	t.Run("after one visit the page loads with its server gone", func(t *testing.T) {
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`)); err != nil {
			if err := chromedp.Do(wctx, chromedp.Reload()); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`)); err != nil {
				t.Fatalf("no service worker controls the page: %v", err)
			}
		}
		server.Process.Signal(os.Interrupt)
		server.Wait()
		openPage(t, ctx, base+"/")
	})
}
