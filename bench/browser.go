package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fanin/internal/testbrowser"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser is one headless Chromium with a fresh profile and one tab.
type browser struct {
	ctx    context.Context
	cancel func()
	dir    string
}

// startBrowser starts Chromium with the test flags, trusting only the
// bench's throwaway certificate (by its key's hash).
func startBrowser(spki string) (*browser, error) {
	path, err := testbrowser.Path()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", testbrowser.InstallHint, err)
	}
	dir, err := os.MkdirTemp("", "fanin-bench-profile-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1200, 900),
		chromedp.Flag("ignore-certificate-errors-spki-list", spki),
		// Timers and rendering at full speed for the whole run.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	}
	for _, f := range testbrowser.Flags {
		name, value, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, dir: dir, cancel: func() {
		cancelTab()
		cancelAlloc()
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}}
	err = testbrowser.Start(ctx)
	if err == nil {
		err = b.within(10*time.Second, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: newDocumentJS})
			return err
		}))
	}
	if err != nil {
		b.cancel()
		return nil, fmt.Errorf("starting Chromium (%s): %v", path, err)
	}
	return b, nil
}

func (b *browser) close() { b.cancel() }

// within runs actions with a time limit.
func (b *browser) within(d time.Duration, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// noNetworkEvents turns off DevTools' network events in the tab: they
// cost the browser about 1 ms a request (more for the page than for the
// peer), and a timed run needs none.
func (b *browser) noNetworkEvents() error {
	return b.within(10*time.Second, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.Disable, cdp.Empty{})
		return err
	}))
}

func evalIn[T any](b *browser, d time.Duration, js string, opts ...chromedp.EvaluateOption) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
}

// open loads url afresh and waits for sel.
func (b *browser) open(url, sel string) error {
	return b.within(60*time.Second,
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	)
}

// setConcurrency sets the page's requests in flight through its link
// (#c=N), which the page re-reads when the fragment changes: one step,
// where typing into "At once" would take several.
//
// The default row (pageDefault) sets no c= at all, so that the page runs at
// its own default, whatever that is.
func (b *browser) setConcurrency(c int) error {
	frag, want := fmt.Sprintf("c=%d", c), strconv.Itoa(c)
	if c == pageDefault {
		frag, want = "merge=array", "" // At once left empty: the browser's limits per origin
	}
	if _, err := evalIn[bool](b, 10*time.Second, fmt.Sprintf(`(() => { location.hash = %q; return true })()`, frag)); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("input#concurrency").value === %q`, want)))
	if err != nil {
		return fmt.Errorf("the page did not take c=%d from its link: %w", c, err)
	}
	return nil
}

// setURLs fills the URL box as a paste would and waits until the page has
// counted the list and its debounced link update has passed, so that no
// timer of the edit fires inside a measured run.
func (b *browser) setURLs(urls []string, isPage bool) error {
	text, _ := json.Marshal(strings.Join(urls, "\n"))
	js := fmt.Sprintf(`(() => { const el = document.querySelector("textarea#urls"); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, text)
	if _, err := evalIn[bool](b, 20*time.Second, js); err != nil {
		return err
	}
	want := fmt.Sprintf("%d URL", len(urls))
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("#url-count").textContent.startsWith(%q)`, want))); err != nil {
		shown, _ := evalIn[string](b, 5*time.Second, `document.querySelector("#url-count")?.textContent ?? "(no #url-count)"`)
		return fmt.Errorf("the page did not count %d URLs (it shows %q): %w", len(urls), shown, err)
	}
	if isPage {
		time.Sleep(400 * time.Millisecond)
	}
	return nil
}

// measureJS clicks Fetch and resolves with the milliseconds, by the page's
// own clock, from the click to the combined JSON of that run in the DOM.
// The click time comes from a capturing listener, which runs before the
// page's own handler; a MutationObserver catches the finished run (a result
// over 2 MiB opens on the Tree: its first row counts as shown).
//
// With clear set (the JS peer), the <pre> is emptied as soon as the run is
// timed, before the browser lays it out: laying out 60 MB of text would
// freeze the tab for a minute after every big run, outside the measure.
const measureJS = `(async clear => {
  const main = document.querySelector("main");
  const next = Number(main.dataset.run || 0) + 1;
  let t0 = 0;
  const onClick = e => { if (e.target.closest("#fetch")) t0 = performance.now(); };
  document.addEventListener("click", onClick, true);
  const done = new Promise(resolve => {
    const sel = 'main[data-state="done"][data-run="' + next + '"]';
    const obs = new MutationObserver(() => {
      const m = document.querySelector(sel);
      const raw = m && m.querySelector("#result-raw");
      if ((raw && raw.textContent.length > 0) || (m && m.querySelector("#tree .tree-row"))) {
        const t = performance.now(); obs.disconnect();
        if (clear && raw) raw.textContent = "";
        resolve(t);
      }
    });
    obs.observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  document.querySelector("button#fetch").click();
  const t1 = await done;
  window.__benchRun = {t0, t1};
  document.removeEventListener("click", onClick, true);
  return t1 - t0;
})(%t)`

// runOnce measures one run and checks that every URL gave JSON.
func (b *browser) runOnce(n int, isPage bool) (time.Duration, error) {
	ms, err := evalIn[float64](b, 3*time.Minute, fmt.Sprintf(measureJS, !isPage), chromedp.EvalAwaitPromise)
	if err != nil {
		return 0, fmt.Errorf("waiting for the run: %w", err)
	}
	okJS := `Number(document.querySelector("main").dataset.ok)`
	if isPage {
		okJS = `Number(document.querySelector("#rows").dataset.ok)`
	}
	ok, err := evalIn[int](b, 10*time.Second, okJS)
	if err != nil {
		return 0, err
	}
	if ok != n {
		return 0, fmt.Errorf("%d of %d URLs gave JSON", ok, n)
	}
	return time.Duration(ms * float64(time.Millisecond)), nil
}

// heapSampler records the tab's peak JS heap while it runs.
type heapSampler struct {
	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	used float64
}

func (b *browser) sampleHeap() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
			u, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (runtime.GetHeapUsageResult, error) {
				return cdp.Call(ctx, t, runtime.GetHeapUsage, cdp.Empty{})
			})
			cancel()
			if err == nil {
				h.mu.Lock()
				h.used = max(h.used, u.UsedSize)
				h.mu.Unlock()
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) finish() float64 {
	close(h.stop)
	<-h.done
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.used
}

// newDocumentJS runs in every document the bench's tabs load. It resolves
// window.__benchReady with performance.now() (milliseconds since navigation
// start) once the wasm has mounted the page, keeps the wasm's memory (Go
// exports it as "mem") where the bench can read its size, and marks the
// steps of a load for loadStepJS: the wasm handed to compileStreaming and
// compiled, to instantiate and instantiated, go-app's mount (the first <main> put into the body after
// DOMContentLoaded: go-app replaces the pre-rendered one) and data-ready.
const newDocumentJS = `performance.setResourceTimingBufferSize(100000);
window.__benchMarks = {};
const __benchMark = k => { if (!(k in window.__benchMarks)) window.__benchMarks[k] = performance.now(); };
window.__benchReady = new Promise(resolve => {
  const check = () => document.querySelector('main[data-ready="true"]');
  const obs = new MutationObserver(muts => {
    if (window.__benchMarks.instantiated !== undefined && !("mounted" in window.__benchMarks) &&
        muts.some(m => [...m.addedNodes].some(n => n.nodeName === "MAIN"))) __benchMark("mounted");
    if (check()) { const t = performance.now(); __benchMark("ready"); obs.disconnect(); resolve(t); }
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true});
});
document.addEventListener("DOMContentLoaded", () => __benchMark("dcl"));
for (const name of ["instantiateStreaming", "instantiate"]) {
  const orig = WebAssembly[name];
  WebAssembly[name] = async function (...args) {
    __benchMark("instantiate");
    const r = await orig.apply(this, args);
    __benchMark("instantiated");
    const inst = r.instance || r;
    if (inst.exports && inst.exports.mem) window.__benchWasmMemory = inst.exports.mem;
    return r;
  };
}
if (WebAssembly.compileStreaming) {
  const orig = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = async function (...args) {
    __benchMark("compile");
    const r = await orig.apply(this, args);
    __benchMark("compiled");
    return r;
  };
}`

// timelineJS reads the last run's timeline from Resource Timing, in ms
// after the click: the first, median and last request's start (how soon
// the client hands its requests to the browser), the last response's end, and
// the combined JSON shown; then clears the entries for the next run.
const timelineJS = `(() => {
  const r = window.__benchRun, es = performance.getEntriesByType("resource").filter(e => e.startTime >= r.t0 && e.initiatorType === "fetch");
  performance.clearResourceTimings();
  const starts = es.map(e => e.startTime - r.t0).sort((a, b) => a - b);
  const start = starts[0], end = Math.max(...es.map(e => e.responseEnd)) - r.t0;
  const protos = [...new Set(es.map(e => e.nextHopProtocol || "(hidden)"))].join(",");
  return "first request " + start.toFixed(0) + " ms, median start " + starts[starts.length >> 1].toFixed(0) + " ms, last start " +
    starts[starts.length - 1].toFixed(0) + " ms, last byte " + end.toFixed(0) + " ms, shown " + (r.t1 - r.t0).toFixed(0) +
    " ms (" + (r.t1 - r.t0 - end).toFixed(0) + " ms after the last byte), " + es.length + " requests, protocol " + protos;
})()`

// timeline is the last run's timeline (timelineJS).
func (b *browser) timeline() (string, error) {
	return evalIn[string](b, 10*time.Second, timelineJS)
}

// wasmMemory is the size of the page's wasm linear memory, which only
// grows: its peak.
func (b *browser) wasmMemory() (float64, error) {
	return evalIn[float64](b, 10*time.Second, `window.__benchWasmMemory ? window.__benchWasmMemory.buffer.byteLength : 0`)
}
