//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/sharelink"
	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// waitRun waits until run n of the page is done.
func waitRun(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="done"][data-run="%d"] #result-raw`, n)))); err != nil {
		t.Fatalf("run %d did not finish: %v", n, err)
	}
}

// confirmLinkRun clicks the confirmation a link's run=1 shows before it
// fetches loopback URLs (the test APIs are on loopback).
func confirmLinkRun(t testing.TB, ctx context.Context) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS("button#confirm-run")), chromedp.Click(chromedp.CSS("button#confirm-run"))); err != nil {
		t.Fatalf("no confirmation to click: %v", err)
	}
}

func evalString(t testing.TB, ctx context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return s
}

func TestShareLinks(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)

	t.Run("a u= link with run=1 fills the box and fetches on open", func(t *testing.T) {
		frag := sharelink.Encode(sharelink.State{Lines: []string{api.URL("/json/a"), api.URL("/json/b")}, Merge: "object", Run: true})
		if !strings.HasPrefix(frag, "u=") {
			t.Fatalf("want the plain form for two URLs, got %s", frag)
		}
		openPage(t, ctx, base+"/#"+frag)
		confirmLinkRun(t, ctx)
		waitRun(t, ctx, 1)
		raw := readRaw(t, ctx)
		if !strings.HasPrefix(raw, "{\n  \""+api.URL("/json/a")+"\": {") || !strings.Contains(raw, `"name": "b"`) {
			t.Fatalf("got %s", raw)
		}
		if box := evalString(t, ctx, `document.querySelector("textarea#urls").value`); box != api.URL("/json/a")+"\n"+api.URL("/json/b") {
			t.Fatalf("the box holds %q", box)
		}
	})
	t.Run("a z= link of 200 URLs with run=1 fetches them all", func(t *testing.T) {
		var lines []string
		for i := range 200 {
			lines = append(lines, api.URL(fmt.Sprintf("/json/z%03d", i)))
		}
		frag := sharelink.Encode(sharelink.State{Lines: lines}) + "&run=1"
		if !strings.HasPrefix(frag, "z=1") {
			t.Fatalf("want the compressed form for 200 URLs, got %.40s…", frag)
		}
		t.Logf("a link of 200 URLs is %d characters", len(base)+2+len(frag))
		openPage(t, ctx, base+"/#"+frag)
		confirmLinkRun(t, ctx)
		waitRun(t, ctx, 1)
		counts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`({...document.querySelector("#rows").dataset})`))
		if err != nil || counts["total"] != "200" || counts["ok"] != "200" || counts["pending"] != "0" {
			t.Fatalf("got counts %v, %v", counts, err)
		}
		if raw := readRaw(t, ctx); !strings.Contains(raw, `"name": "z199"`) {
			t.Fatal("the last URL's value is missing")
		}
	})
	t.Run("a template link stays short and expands in the page", func(t *testing.T) {
		frag := sharelink.Encode(sharelink.State{Lines: []string{api.URL("/json/p[1-50]")}, Run: true})
		openPage(t, ctx, base+"/#"+frag)
		confirmLinkRun(t, ctx)
		waitRun(t, ctx, 1)
		if got := evalString(t, ctx, `document.querySelector("#rows").dataset.ok`); got != "50" {
			t.Fatalf("got %s ok rows, want 50", got)
		}
		if got := evalString(t, ctx, `document.querySelector("#url-count").textContent`); !strings.HasPrefix(got, "50 URLs from 1 lines") {
			t.Fatalf("got count %q", got)
		}
	})
	t.Run("editing the list rewrites the fragment without new history entries", func(t *testing.T) {
		openPage(t, ctx, base+"/")
		before := evalString(t, ctx, `String(history.length)`)
		setURLs(t, ctx, api.URL("/json/e1"), api.URL("/json/e2"))
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`location.hash.startsWith("#u=") || location.hash.startsWith("#z=1")`)); err != nil {
			t.Fatalf("the fragment did not follow the list: %v", err)
		}
		state, problems, err := sharelink.Decode(evalString(t, ctx, `location.hash`))
		if err != nil || len(problems) > 0 || len(state.Lines) != 2 || state.Lines[1] != api.URL("/json/e2") {
			t.Fatalf("the fragment decodes to %+v %v %v", state, problems, err)
		}
		if after := evalString(t, ctx, `String(history.length)`); after != before {
			t.Fatalf("history grew from %s to %s", before, after)
		}
	})
	t.Run("a new fragment pasted into the open page is read again, without fetching", func(t *testing.T) {
		runs := currentRun(t, ctx)
		frag := sharelink.Encode(sharelink.State{Lines: []string{api.URL("/json/pasted")}, Run: true})
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, "#"+frag))); err != nil {
			t.Fatal(err)
		}
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("textarea#urls").value === %q`, api.URL("/json/pasted")))); err != nil {
			t.Fatalf("the pasted link was not read: %v", err)
		}
		if currentRun(t, ctx) != runs {
			t.Fatal("a fragment change started a run")
		}
	})
	t.Run("a garbled link says so and keeps the list", func(t *testing.T) {
		openPage(t, ctx, base+"/#z=1!!!not-base64")
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS("#problem"))); err != nil {
			t.Fatal(err)
		}
		if msg := evalString(t, ctx, `document.querySelector("#problem").textContent`); !strings.Contains(msg, "could not be read") {
			t.Fatalf("got %q", msg)
		}
	})
	t.Run("Copy link puts the link on the clipboard and shows its length", func(t *testing.T) {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted,
			}); err != nil {
				t.Fatal(err)
			}
		}
		openPage(t, ctx, base+"/")
		setURLs(t, ctx, api.URL("/json/[1-50]"))
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.WaitEnabled(chromedp.CSS("button#share-link")),
			chromedp.Click(chromedp.CSS("button#share-link")),
		); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`document.querySelector("#share-status").textContent !== ""`)); err != nil {
			t.Fatalf("no confirmation: %v", err)
		}
		if status := evalString(t, ctx, `document.querySelector("#share-status").textContent`); !strings.HasPrefix(status, "Link copied") {
			t.Fatalf("got status %q", status)
		}
		// fanin's Permissions-Policy allows the page to write the clipboard
		// only, so read it back from a page of the test API's origin.
		reader, cancelReader := chromedp.NewContext(ctx)
		defer cancelReader()
		if err := chromedp.Do(reader, chromedp.Navigate(api.URL("/json/clipboard"))); err != nil {
			t.Fatal(err)
		}
		copied, err := chromedp.Run(reader, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if want := base + "/#" + sharelink.Encode(sharelink.State{Lines: []string{api.URL("/json/[1-50]")}}); copied != want {
			t.Fatalf("copied %q, want %q", copied, want)
		}
		if status := evalString(t, ctx, `document.querySelector("#share-status").textContent`); status != fmt.Sprintf("Link copied: %d characters.", len(copied)) {
			t.Fatalf("got %q", status)
		}
	})
}
