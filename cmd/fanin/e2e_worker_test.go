//go:build !(js && wasm)

package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestWorkerLeavesRunsToTheNetwork: the service worker serves the page's
// own files, but a run's requests to other origins never go through it
// (each would cost a trip to the worker, a cache lookup and a second
// fetch). Chromium says where each response came from.
func TestWorkerLeavesRunsToTheNetwork(t *testing.T) {
	base := startFanin(t)
	api := testserver.Start()
	defer api.Close()
	ctx := testbrowser.New(t)

	var mu sync.Mutex
	fromWorker := map[string]bool{}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventResponseReceived); ok {
			mu.Lock()
			fromWorker[e.Response.URL] = fromWorker[e.Response.URL] || e.Response.FromServiceWorker
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, base+"/")
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`)); err != nil {
		openPage(t, ctx, base+"/")
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`)); err != nil {
			t.Fatalf("no service worker controls the page: %v", err)
		}
	}
	openPage(t, ctx, base+"/") // its files now come from the worker
	urls := []string{api.URL("/json/a"), api.URL("/json/b"), api.URL("/json/c")}
	setURLs(t, ctx, urls...)
	rows, _ := fetchAndWait(t, ctx)
	for i, r := range rows {
		if r.Status != "ok" {
			t.Fatalf("row %d: %+v", i, r)
		}
	}

	// The jq worker's wasm is not precached, and is kept on its first use.
	const keptJQ = `(async () => {
		for (const name of await caches.keys()) {
			for (const req of await (await caches.open(name)).keys()) {
				if (new URL(req.url).pathname.endsWith("/jq.wasm")) return true;
			}
		}
		return false;
	})()`
	if evalAwait[bool](t, ctx, keptJQ) {
		t.Fatal("jq.wasm is in the service worker's cache before any filter ran: a first visit downloads it")
	}
	enter(t, ctx, "#jq", ".[0]")
	waitFor(t, ctx, 30*time.Second, `/output in/.test(document.querySelector("#jq-status")?.textContent ?? "")`)
	kept := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !kept; {
		if kept = evalAwait[bool](t, ctx, keptJQ); !kept {
			time.Sleep(100 * time.Millisecond) // the copy is stored after the worker has its response
		}
	}
	if !kept {
		t.Error("jq.wasm was not kept in the service worker's cache on its first use")
	}

	mu.Lock()
	defer mu.Unlock()
	own := 0
	for u, w := range fromWorker {
		if strings.HasPrefix(u, base+"/") && w {
			own++
		}
	}
	if own == 0 {
		t.Fatalf("none of the page's own files came from the worker, so this test proves nothing: %v", fromWorker)
	}
	for _, u := range urls {
		w, seen := fromWorker[u]
		if !seen {
			t.Fatalf("no response seen for %s", u)
		}
		if w {
			t.Errorf("%s went through the service worker", u)
		}
	}
}
