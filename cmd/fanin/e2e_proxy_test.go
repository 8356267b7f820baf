//go:build !(js && wasm)

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/chromedp"
)

// proxiedPage starts the test API and `fanin serve -proxy` allowing it, and
// opens the page in a new browser.
func proxiedPage(t *testing.T) (*testserver.Server, context.Context) {
	t.Helper()
	api := testserver.Start()
	t.Cleanup(api.Close)
	apiHost := strings.TrimPrefix(api.URL(""), "http://")
	base := startFanin(t, "-proxy", "-proxy-allow", apiHost)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")
	return api, ctx
}

func TestProxyEndToEnd(t *testing.T) {
	api, ctx := proxiedPage(t)

	t.Run("the page learns that the server offers the proxy", func(t *testing.T) {
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS("#always-proxy"))); err != nil {
			t.Fatalf("no proxy option on the page: %v", err)
		}
	})
	t.Run("a URL without CORS headers fails directly, then comes through the proxy, and its row says so", func(t *testing.T) {
		before := api.Hits("/nocors/p")
		setURLs(t, ctx, api.URL("/nocors/p"), api.URL("/json/direct"))
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 2 || rows[0].Status != "ok" || !strings.Contains(rows[0].Text, "via proxy") || strings.Contains(rows[1].Text, "via proxy") {
			t.Fatalf("got rows %+v", rows)
		}
		if !strings.Contains(raw, `"nocors": "p"`) {
			t.Fatalf("got %s", raw)
		}
		if hits := api.Hits("/nocors/p") - before; hits < 2 {
			t.Fatalf("the API saw %d requests for the URL, want the direct try and the proxied one", hits)
		}
	})
	t.Run("the proxy refuses a target the operator did not allow", func(t *testing.T) {
		other := testserver.Start()
		defer other.Close()
		setURLs(t, ctx, other.URL("/nocors/x"))
		rows, _ := fetchAndWait(t, ctx)
		if len(rows) != 1 || rows[0].Status != "error" || !strings.Contains(rows[0].Text, "proxy-refused") {
			t.Fatalf("got rows %+v", rows)
		}
		// The page's direct try and its no-cors check (which tells CORS
		// from a network failure) make two; a third would be the proxy's.
		if other.Hits("/nocors/x") != 2 {
			t.Fatalf("the other server saw %d requests, want only the page's own two", other.Hits("/nocors/x"))
		}
	})
}
