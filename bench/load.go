package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// loadStep is one page load, in milliseconds after navigation start (as
// the page's own clock, performance.now(), reads them): Resource Timing for
// the HTML and app.wasm, newDocumentJS's marks for instantiate, go-app's
// mount and data-ready, and the page's own "fanin:main" mark for Go's main.
type loadStep struct {
	HTML         float64 `json:"html"`    // the HTML's last byte
	Parsed       float64 `json:"parsed"`  // domInteractive: the HTML parsed, deferred scripts next
	Scripts      float64 `json:"scripts"` // the page's scripts and styles all in
	DCL          float64 `json:"dcl"`     // DOMContentLoaded: deferred scripts (app.js) ran
	WasmRequests int     `json:"wasmRequests"`
	WasmBy       string  `json:"wasmBy"` // initiatorType of the first: "link" for a preload, "fetch" for app.js
	WasmStart    float64 `json:"wasmStart"`
	WasmEnd      float64 `json:"wasmEnd"`
	WasmTransfer int64   `json:"wasmTransfer"` // bytes over the network (0 from a cache)
	Compile      float64 `json:"compile"`      // web/wasmstart.js hands the response to compileStreaming
	Compiled     float64 `json:"compiled"`     // the module compiled
	Instantiate  float64 `json:"instantiate"`  // app.js hands the response (or module) to WebAssembly
	Instantiated float64 `json:"instantiated"` // compiled and instantiated
	GoMain       float64 `json:"goMain"`       // Go's main starts: runtime and package init done
	Mounted      float64 `json:"mounted"`      // go-app has put its <main> in the body
	Ready        float64 `json:"ready"`        // main[data-ready=true]
	Controlled   bool    `json:"controlled"`   // a service worker answered the navigation
	Resources    string  `json:"resources"`    // every request before data-ready: name start→end
	Console      []string
}

const loadStepJS = `JSON.stringify((() => {
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const wasm = performance.getEntriesByType("resource").filter(e => new URL(e.name).pathname.endsWith("/app.wasm"));
  const w = wasm[0] || {}, m = window.__benchMarks || {}, main = performance.getEntriesByName("fanin:main")[0];
  const subs = performance.getEntriesByType("resource").filter(e => e.startTime < (m.dcl ?? 1e9) && /\.(js|css)$/.test(new URL(e.name).pathname));
  return {html: nav.responseEnd, parsed: nav.domInteractive || 0, scripts: Math.max(0, ...subs.map(e => e.responseEnd)), dcl: m.dcl ?? nav.domContentLoadedEventStart, wasmRequests: wasm.length,
    wasmBy: w.initiatorType || "", wasmStart: w.startTime || 0, wasmEnd: w.responseEnd || 0, wasmTransfer: w.transferSize || 0,
    compile: m.compile || 0, compiled: m.compiled || 0, instantiate: m.instantiate || 0, instantiated: m.instantiated || 0, goMain: main ? main.startTime : 0,
    mounted: m.mounted || 0,
    resources: performance.getEntriesByType("resource").filter(e => e.startTime < (m.ready || 1e9)).map(e =>
      new URL(e.name).pathname.split("/").pop() + " " + e.startTime.toFixed(0) + "→" + e.responseEnd.toFixed(0)).join(", "), ready: m.ready || 0, controlled: (nav.workerStart || 0) > 0};
})())`

// String is the load's timeline on one line.
func (s loadStep) String() string {
	f := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	sw := "no"
	if s.Controlled {
		sw = "yes"
	}
	line := fmt.Sprintf("HTML %s · parsed %s · scripts and styles in %s · DOMContentLoaded %s · app.wasm %s→%s (%d request(s), by %q, %s over the network) · compile %s→%s · instantiate %s→%s · Go main %s · mounted %s · data-ready %s · service worker %s",
		f(s.HTML), f(s.Parsed), f(s.Scripts), f(s.DCL), f(s.WasmStart), f(s.WasmEnd), s.WasmRequests, s.WasmBy, mib(float64(s.WasmTransfer)),
		f(s.Compile), f(s.Compiled), f(s.Instantiate), f(s.Instantiated), f(s.GoMain), f(s.Mounted), f(s.Ready), sw)
	line += "\n    requests: " + s.Resources
	if len(s.Console) > 0 {
		line += "\n    console: " + strings.Join(s.Console, "\n    console: ")
	}
	return line
}

// loadPair is a cold load and a warm one in the same profile, and the
// first Fetch after the warm load, on the page and on the JS peer.
type loadPair struct {
	Cold, Warm loadStep
	Bytes      int64 // over the network in the cold load
	FirstPage  time.Duration
	FirstPeer  time.Duration
}

// firstFetch is what the first Fetch after a load fetches: the article's
// case, 3 URLs × 50 ms on one port.
var firstFetch = scenario{Ports: 1, Latency: 50 * time.Millisecond, N: 3}

// loadTimes loads the page in a fresh profile (cold), then again in the
// same profile once its service worker is ready (warm), and returns both
// loads and the bytes the cold one moved over the network. With profileDir
// set, each load runs under the CPU profiler (load_cold and load_warm);
// with traceDir, under Chrome's tracing.
//
// Then it times the first run after that warm load, as a person would have
// it (firstURLs pasted, Fetch pressed), and the JS peer's first run after
// its own load in the same browser (peerURL): a run after a load is the
// one a visitor with a shared link gets, and it pays for whatever the page
// does only once.
func loadTimes(url, spki, profileDir, traceDir string, firstURLs []string, peerURL string, logw io.Writer) (loadPair, error) {
	var lp loadPair
	b, err := startBrowser(spki)
	if err != nil {
		return lp, err
	}
	defer b.close()
	var mu sync.Mutex
	counting := true
	var console []string
	if err := chromedp.Listen(b.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventLoadingFinished:
			if counting {
				lp.Bytes += int64(e.EncodedDataLength)
			}
		case *cdplog.EventEntryAdded:
			if e.Entry != nil && (e.Entry.Level == cdplog.EntryLevelWarning || e.Entry.Level == cdplog.EntryLevelError) {
				console = append(console, string(e.Entry.Level)+": "+e.Entry.Text)
			}
		}
	}); err != nil {
		return lp, err
	}
	load := func(name string) (loadStep, error) {
		var s loadStep
		if err := b.within(60*time.Second, chromedp.Navigate("about:blank")); err != nil {
			return s, err
		}
		mu.Lock()
		console = nil
		mu.Unlock()
		once := func() (time.Duration, error) {
			if err := b.within(60*time.Second, chromedp.Navigate(url)); err != nil {
				return 0, err
			}
			ms, err := evalIn[float64](b, 60*time.Second, `window.__benchReady`, chromedp.EvalAwaitPromise)
			return time.Duration(ms * float64(time.Millisecond)), err
		}
		if traceDir != "" {
			sum, err := b.traced(traceDir, "load_"+name, func() error { _, err := once(); return err })
			if err != nil {
				return s, err
			}
			fmt.Fprintf(logw, "bench: trace of a %s load (in %s/load_%s.json):\n%s", name, traceDir, name, sum)
		} else if profileDir != "" {
			_, top, err := b.profiled(profileDir, "load_"+name, once)
			if err != nil {
				return s, err
			}
			fmt.Fprintf(logw, "bench: CPU profile of a %s load (in %s/load_%s.cpuprofile):\n%s", name, profileDir, name, top)
		} else if _, err := once(); err != nil {
			return s, err
		}
		raw, err := evalIn[string](b, 10*time.Second, loadStepJS)
		if err != nil {
			return s, err
		}
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return s, fmt.Errorf("%v: %s", err, raw)
		}
		mu.Lock()
		s.Console = console
		mu.Unlock()
		return s, nil
	}
	if lp.Cold, err = load("cold"); err != nil {
		return lp, fmt.Errorf("cold load: %w", err)
	}
	// The worker fetches its cache in the background after the first load;
	// the warm load is the one a returning user gets.
	if _, err := evalIn[bool](b, 30*time.Second, `navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise); err != nil {
		return lp, fmt.Errorf("waiting for the service worker: %w", err)
	}
	time.Sleep(time.Second)
	mu.Lock()
	counting = false
	mu.Unlock()
	if lp.Warm, err = load("warm"); err != nil {
		return lp, fmt.Errorf("warm load: %w", err)
	}
	if len(firstURLs) == 0 {
		return lp, nil
	}
	if err := b.noNetworkEvents(); err != nil { // as in the wall-time rows
		return lp, err
	}
	first := func(isPage bool) (time.Duration, error) {
		if err := b.setURLs(firstURLs, isPage); err != nil {
			return 0, err
		}
		return b.runOnce(len(firstURLs), isPage)
	}
	if lp.FirstPage, err = first(true); err != nil {
		return lp, fmt.Errorf("the page's first Fetch: %w", err)
	}
	if err := b.open(peerURL, "main"); err != nil {
		return lp, fmt.Errorf("loading the JS peer: %w", err)
	}
	if lp.FirstPeer, err = first(false); err != nil {
		return lp, fmt.Errorf("the JS peer's first run: %w", err)
	}
	return lp, nil
}

// msOf turns a load's milliseconds into a duration.
func msOf(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }

// runLoads measures time to interactive n times, cold and warm, and the
// first Fetch after each warm load, printing each pair and keeping the
// first pair's timelines in the report.
func runLoads(ctx context.Context, url string, apis *apis, n int, profileDir, traceDir string, rep *report, logw io.Writer) error {
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		pdir, tdir := "", ""
		if i == 0 {
			pdir, tdir = profileDir, traceDir
		}
		lp, err := loadTimes(url, apis.spki, pdir, tdir, apis.urls(firstFetch), apis.peer, logw)
		if err != nil {
			return fmt.Errorf("time to interactive: %w", err)
		}
		if lp.Cold.Ready == 0 || lp.Warm.Ready == 0 {
			return fmt.Errorf("time to interactive: no data-ready mark (cold %v, warm %v)", lp.Cold, lp.Warm)
		}
		rep.Cold, rep.Warm, rep.FirstLoad = append(rep.Cold, msOf(lp.Cold.Ready)), append(rep.Warm, msOf(lp.Warm.Ready)), lp.Bytes
		rep.FirstPage, rep.FirstPeer = append(rep.FirstPage, lp.FirstPage), append(rep.FirstPeer, lp.FirstPeer)
		if i == 0 {
			rep.Loads = append(rep.Loads, lp)
		}
		fmt.Fprintf(logw, "bench: time to interactive: cold %v, warm %v; first Fetch after it (%s): page %v, JS peer %v\n",
			ms(msOf(lp.Cold.Ready)), ms(msOf(lp.Warm.Ready)), firstFetch, ms(lp.FirstPage), ms(lp.FirstPeer))
		if i == 0 {
			fmt.Fprintf(logw, "bench:   cold: %s\nbench:   warm: %s\n", lp.Cold, lp.Warm)
		}
	}
	return nil
}
