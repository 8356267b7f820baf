//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/chromedp"
)

// wasmLoad is how one page load asked for app.wasm, by Resource Timing
// (milliseconds after navigation start) and by the requests DevTools saw.
type wasmLoad struct {
	Entries   int      `json:"entries"`   // Resource Timing entries for app.wasm
	Initiator string   `json:"initiator"` // the first one's initiatorType: "link" for the preload
	Start     float64  `json:"start"`
	Parsed    float64  `json:"parsed"` // domInteractive: the HTML parsed, deferred scripts (app.js) next
	Path      string   `json:"path"`
	Worker    bool     `json:"worker"` // a service worker answered the navigation
	Requests  []string `json:"-"`      // app.wasm requests DevTools saw
}

const wasmLoadJS = `JSON.stringify((() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const es = performance.getEntriesByType("resource").filter(e => new URL(e.name).pathname.endsWith("/app.wasm"));
  return {entries: es.length, initiator: es.length ? es[0].initiatorType : "", start: es.length ? es[0].startTime : -1,
    parsed: nav.domInteractive, path: es.length ? new URL(es[0].name).pathname : "", worker: nav.workerStart > 0};
})())`

// loadAndCount opens url in the tab and reports how it loaded app.wasm.
func loadAndCount(t *testing.T, ctx context.Context, url string) wasmLoad {
	t.Helper()
	var log requestLog
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log.listen(t, lctx)
	openPage(t, ctx, url)
	var w wasmLoad
	if err := json.Unmarshal([]byte(evalString(t, ctx, wasmLoadJS)), &w); err != nil {
		t.Fatal(err)
	}
	log.mu.Lock()
	for _, u := range log.urls {
		if strings.Contains(u, "/app.wasm") {
			w.Requests = append(w.Requests, u)
		}
	}
	log.mu.Unlock()
	return w
}

// checkOneEarlyRequest fails unless the page asked for app.wasm exactly once,
// through its preload (so the request began with the HTML, before the
// parse ended and app.js ran), at wantPath.
func checkOneEarlyRequest(t *testing.T, w wasmLoad, wantPath string) {
	t.Helper()
	if w.Entries != 1 || len(w.Requests) != 1 {
		t.Errorf("app.wasm: %d Resource Timing entries and requests %q, want exactly one (the preload, used by app.js)", w.Entries, w.Requests)
	}
	if w.Initiator != "link" {
		t.Errorf("app.wasm was first asked for by %q, want the preload link", w.Initiator)
	}
	if w.Start < 0 || w.Start >= w.Parsed {
		t.Errorf("app.wasm requested at %.0f ms, the HTML parsed at %.0f ms: want the request during the parse", w.Start, w.Parsed)
	}
	if w.Path != wantPath {
		t.Errorf("app.wasm came from %s, want %s", w.Path, wantPath)
	}
}

// versionedWasm is where the page's assets say app.wasm is: next to
// go-app's wasm_exec.js, under /web/VERSION/.
func versionedWasm(t *testing.T, ctx context.Context) string {
	t.Helper()
	return evalString(t, ctx, `new URL("app.wasm", document.querySelector('script[src$="/wasm_exec.js"]').src).pathname`)
}

// TestWasmStartsWithTheHTML loads the page served by `fanin serve` (cold,
// then warm from the service worker) and from a static export on a plain
// file server, at the root and under a sub-path: each time the wasm is
// requested once, by the page's preload, while the HTML is still parsed,
// and the page then fetches a URL.
func TestWasmStartsWithTheHTML(t *testing.T) {
	t.Parallel()
	api := testserver.Start()
	t.Cleanup(api.Close)
	fetchOneURL := func(t *testing.T, ctx context.Context, name string) {
		t.Helper()
		setURLs(t, ctx, api.URL("/json/"+name))
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 1 || rows[0].Status != "ok" || !strings.Contains(raw, `"name": "`+name+`"`) {
			t.Fatalf("after the load, a fetch gave rows %+v, raw %s", rows, raw)
		}
	}

	t.Run("fanin serve: cold, then warm from the service worker", func(t *testing.T) {
		t.Parallel()
		base := startFanin(t)
		ctx := testbrowser.New(t)
		cold := loadAndCount(t, ctx, base+"/")
		checkOneEarlyRequest(t, cold, versionedWasm(t, ctx))
		if cold.Worker {
			t.Error("a fresh profile's first load was answered by a service worker")
		}
		fetchOneURL(t, ctx, "cold")
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := chromedp.Run(wctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`))
		cancel()
		if err != nil {
			t.Fatalf("the service worker never took control: %v", err)
		}
		warm := loadAndCount(t, ctx, base+"/")
		checkOneEarlyRequest(t, warm, versionedWasm(t, ctx))
		if !warm.Worker {
			t.Error("the second load was not answered by the service worker")
		}
		fetchOneURL(t, ctx, "warm")
	})

	for _, sub := range []string{"/", "/fanin/"} {
		t.Run("exported, on a plain file server at "+sub, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if b, err := exec.Command(site.bin, "export", "-root", site.root, "-base", sub, dir).CombinedOutput(); err != nil {
				t.Fatalf("fanin export: %v\n%s", err, b)
			}
			var h http.Handler = http.FileServer(http.Dir(dir))
			if sub != "/" {
				h = http.StripPrefix(strings.TrimSuffix(sub, "/"), h)
			}
			static := httptest.NewServer(h)
			t.Cleanup(static.Close)
			ctx := testbrowser.New(t)
			w := loadAndCount(t, ctx, static.URL+sub)
			wasm := versionedWasm(t, ctx)
			if !strings.HasPrefix(wasm, sub+"web/") {
				t.Errorf("the page's wasm is %s, want it under %sweb/", wasm, sub)
			}
			checkOneEarlyRequest(t, w, wasm)
			fetchOneURL(t, ctx, "static")
		})
	}
}
