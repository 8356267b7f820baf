//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/app/sharelink"
	"fanin/internal/testbrowser"

	"github.com/chromedp/chromedp"
)

// hitCounter is a loopback JSON API that counts what it is asked, by path.
type hitCounter struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newHitCounter(t *testing.T) *hitCounter {
	t.Helper()
	c := &hitCounter{hits: map[string]int{}}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.hits[r.URL.Path]++
		c.mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"path":%q}`, r.URL.Path)
	}))
	t.Cleanup(c.Close)
	return c
}

func (c *hitCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.hits {
		n += v
	}
	return n
}

func (c *hitCounter) port() string {
	_, port, _ := net.SplitHostPort(c.Listener.Addr().String())
	return port
}

// publicSite exports the page (`fanin export`) and serves it with a plain
// static file server, as a CDN would: no headers of fanin's, so nothing
// but the page itself forbids framing. It returns the folder's server.
func publicSite(t *testing.T) *httptest.Server {
	t.Helper()
	out := t.TempDir()
	if b, err := exec.Command(site.bin, "export", "-root", site.root, out).CombinedOutput(); err != nil {
		t.Fatalf("fanin export: %v\n%s", err, b)
	}
	static := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(static.Close)
	return static
}

// TestPublicDeployment opens a static export on a name that is not
// loopback (fanin.example, mapped to 127.0.0.1 by Chromium's resolver
// rules, as a CDN's name would resolve elsewhere): a link's run=1 may reach
// public-looking names at once, and must ask before anything else.
func TestPublicDeployment(t *testing.T) {
	api := newHitCounter(t)
	static := publicSite(t)
	_, staticPort, _ := net.SplitHostPort(static.Listener.Addr().String())
	ctx := testbrowser.New(t, chromedp.Flag("host-resolver-rules",
		"MAP fanin.example 127.0.0.1, MAP api.fanin.example 127.0.0.1, MAP fanin-api 127.0.0.1"))
	page := "http://fanin.example:" + staticPort + "/"
	p := api.port()

	t.Run("a run=1 link to loopback, full-width and single-label hosts asks first and fetches nothing until clicked", func(t *testing.T) {
		urls := []string{
			"http://127.0.0.1:" + p + "/loopback",
			"http://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11:" + p + "/fullwidth",
			"http://127\u30020\u30020\u30021:" + p + "/ideographic",
			"http://fanin-api:" + p + "/single-label",
		}
		frag := sharelink.Encode(sharelink.State{Lines: urls, Run: true})
		openPage(t, ctx, page+"#"+frag)
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS("button#confirm-run"))); err != nil {
			t.Fatalf("no confirmation: %v", err)
		}
		listed := evalString(t, ctx, `document.querySelector("#confirm").textContent`)
		for _, u := range []string{"/loopback", "/fullwidth", "/ideographic", "/single-label"} {
			if !strings.Contains(listed, u) {
				t.Errorf("the confirmation does not list the %s URL: %q", u, listed)
			}
		}
		if n := currentRun(t, ctx); n != 0 || api.total() != 0 {
			t.Fatalf("before the click: %d runs, %d requests reached the API", n, api.total())
		}
		if err := chromedp.Do(wctx, chromedp.Click(chromedp.CSS("button#confirm-run"))); err != nil {
			t.Fatal(err)
		}
		waitRun(t, ctx, 1)
		if got := evalString(t, ctx, `document.querySelector("#rows").dataset.ok`); got != "4" {
			t.Fatalf("after the click %s rows are ok, want 4 (rows: %v)", got, readRows(t, ctx))
		}
		if n := api.total(); n != 4 {
			t.Fatalf("the API saw %d requests, want 4", n)
		}
	})
	t.Run("a run=1 link to public-looking names runs without asking", func(t *testing.T) {
		before := api.total()
		frag := sharelink.Encode(sharelink.State{Lines: []string{"http://api.fanin.example:" + p + "/public/1", "http://api.fanin.example:" + p + "/public/2"}, Run: true})
		openPage(t, ctx, page+"#"+frag)
		waitRun(t, ctx, 1)
		if n := api.total() - before; n != 2 {
			t.Fatalf("the API saw %d requests, want 2", n)
		}
		if n := evalString(t, ctx, `String(document.querySelectorAll("#confirm-run").length)`); n != "0" {
			t.Fatal("a public list asked for confirmation")
		}
	})
}

// TestFramedPageRefuses frames the static export from a page of another
// origin: the framed page shows only its refusal, and its link — public
// names with run=1, which would run at once in a tab — fetches nothing.
func TestFramedPageRefuses(t *testing.T) {
	api := newHitCounter(t)
	static := publicSite(t)
	_, staticPort, _ := net.SplitHostPort(static.Listener.Addr().String())
	framed := "http://fanin.example:" + staticPort + "/#" +
		sharelink.Encode(sharelink.State{Lines: []string{"http://api.fanin.example:" + api.port() + "/framed"}, Run: true})
	framer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>framer</title><iframe id="victim" src="%s" width="800" height="600"></iframe>`, framed)
	}))
	t.Cleanup(framer.Close)
	ctx := testbrowser.New(t, chromedp.Flag("host-resolver-rules", "MAP fanin.example 127.0.0.1, MAP api.fanin.example 127.0.0.1"))

	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.Navigate(framer.URL)); err != nil {
		t.Fatal(err)
	}
	// The frame is of another site: Chrome runs it as a target of its own.
	var frameCtx context.Context
	for tries := 0; frameCtx == nil; tries++ {
		if tries > 0 {
			time.Sleep(50 * time.Millisecond) // polling for the target, not a wait to pass
		}
		infos, err := chromedp.Targets(wctx)
		if err != nil {
			t.Fatalf("no iframe target for the framed page: %v", err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, "http://fanin.example:") {
				var cancelFrame context.CancelFunc
				frameCtx, cancelFrame = chromedp.NewContext(wctx, chromedp.WithTargetID(info.TargetID))
				defer cancelFrame()
			}
		}
	}
	// The wasm has loaded, seen the frame and stopped (it marks the
	// document), so a run would have started by now if it could.
	if _, err := chromedp.Run(frameCtx, chromedp.Poll[bool](`document.documentElement.dataset.framed === "stopped"`)); err != nil {
		t.Fatalf("the framed page's wasm did not refuse to start: %v", err)
	}
	text, err := chromedp.Run(frameCtx, chromedp.Evaluate[string](`document.querySelector("#framed") ? document.querySelector("#framed").textContent : ""`))
	if err != nil || !strings.Contains(text, "does not run inside a frame") {
		t.Fatalf("the framed page shows %q (%v), want the refusal", text, err)
	}
	visible, err := chromedp.Run(frameCtx, chromedp.Evaluate[int](`[...document.body.children].filter(e => e.id !== "framed" && getComputedStyle(e).display !== "none").length`))
	if err != nil || visible != 0 {
		t.Fatalf("%d other elements of the page are visible in the frame (%v)", visible, err)
	}
	if n := api.total(); n != 0 {
		t.Fatalf("the framed page fetched %d URLs", n)
	}

	t.Run("the same link in a tab of its own runs, so the refusal above is the frame's", func(t *testing.T) {
		openPage(t, ctx, framed)
		waitRun(t, ctx, 1)
		if n := api.total(); n != 1 {
			t.Fatalf("the API saw %d requests, want 1", n)
		}
	})
}
