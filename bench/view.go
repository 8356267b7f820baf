package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fanin/internal/testbrowser"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The result view's measures (issue 5): for combined results of 100 KB to
// 100 MB, how long after the last response is in the result is on screen,
// the longest task that blocked the page meanwhile, expand-all, a jq
// filter, and the memory it took; the same for a plain-JS viewer page
// (fetch, res.json(), JSON.stringify(…, null, 2) into a <pre>). Every case
// runs in a fresh tab, so that no earlier result is on screen or in the heap.

// viewCase is one combined result: its size and how it is split over URLs.
type viewCase struct {
	Label  string
	Size   int // bytes, all parts together
	Parts  int
	Expand bool // measure expand-all
	JQ     bool // measure the jq filter
}

// viewJQ is the filter the bench types: the combined document in array
// mode is an array of the responses, and each response is an array of
// records, hence two .[].
const viewJQ = ".[] | .[] | .id"

// Time limits of the view's steps: a step that runs out is reported as
// "timed out", not as a failure of the bench.
type viewLimits struct {
	Shown, Settle, Expand, JQ time.Duration
	// PeerShown is the plain-JS viewer's limit: it lays out the whole
	// result as text, which at 100 MB takes minutes the bench cannot spend.
	PeerShown time.Duration
	Budget    time.Duration // all of the view's cases together
}

func viewCases(smoke bool) ([]viewCase, viewLimits) {
	if smoke {
		return []viewCase{
				{Label: "100 KB", Size: 100 << 10, Parts: 1, Expand: true, JQ: true},
				{Label: "1 MB", Size: 1 << 20, Parts: 1, Expand: true, JQ: true},
			}, viewLimits{Shown: 60 * time.Second, Settle: 30 * time.Second, Expand: 30 * time.Second, JQ: 30 * time.Second,
				PeerShown: 30 * time.Second, Budget: 90 * time.Second}
	}
	return []viewCase{
			{Label: "100 KB", Size: 100 << 10, Parts: 1, Expand: true, JQ: true},
			{Label: "1 MB", Size: 1 << 20, Parts: 1, Expand: true, JQ: true},
			{Label: "10 MB", Size: 10 << 20, Parts: 1, Expand: true, JQ: true},
			{Label: "100 MB", Size: 100 << 20, Parts: 2, Expand: true, JQ: true},
		}, viewLimits{Shown: 180 * time.Second, Settle: 60 * time.Second, Expand: 60 * time.Second, JQ: 120 * time.Second,
			PeerShown: 60 * time.Second, Budget: 6 * time.Minute}
}

// viewResult is one client's figures on one case. A figure that could not
// be taken is zero with a note saying why ("timed out after 180 s").
type viewResult struct {
	Case   viewCase
	Client string
	Bytes  int // the responses' bodies, all together
	URLs   int

	Fetch     time.Duration // Fetch click to the last response in
	Shown     time.Duration // last response in to the result on screen
	ShownBy   string        // "raw text" or "tree": what appeared first
	LongShown time.Duration // longest task overlapping [responses in, shown]
	LongRun   time.Duration // longest task from the click until the page settled
	ShownNote string

	Expand       time.Duration // click on Expand all to its rows on screen, the first time
	ExpandAgain  time.Duration // the median of expandRepeats more, each after Collapse all
	ExpandLong   time.Duration // the longest task of the first
	ExpandStatus string
	ExpandNote   string

	JQ       time.Duration // Enter in the jq box to its output on screen
	JQLong   time.Duration
	JQStatus string // the page's own line, "N bytes of output in X s."
	JQNote   string

	Heap float64 // peak JS heap used, CDP Runtime.getHeapUsage sampled
	Wasm float64 // the page's wasm linear memory at the end
}

// viewURLs are a case's URLs on the first HTTP/1.1 server.
func (a *apis) viewURLs(vc viewCase) []string {
	urls := make([]string, vc.Parts)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/records/%d/%d", a.h1[0], vc.Size/vc.Parts, i)
	}
	return urls
}

// newViewResult is a case to measure, with what its URLs serve.
func (a *apis) newViewResult(vc viewCase, client string) viewResult {
	return viewResult{Case: vc, Client: client, URLs: vc.Parts, Bytes: vc.Parts * len(a.docs.get(vc.Size/vc.Parts))}
}

// runView measures every view case, the page then the plain-JS viewer,
// within the cases' time budget.
func runView(ctx context.Context, pageURL string, a *apis, smoke bool, logw io.Writer) ([]viewResult, error) {
	cases, lim := viewCases(smoke)
	ctx, cancel := context.WithTimeout(ctx, lim.Budget)
	defer cancel()
	b, err := startBrowser(a.spki)
	if err != nil {
		return nil, err
	}
	defer b.close()
	// A first, unrecorded run: the browser's first load of the page compiles
	// the wasm and optimises it in the background for seconds (on two
	// cores that slows the page's first clicks several times over); later
	// loads get the compiled code from the cache, as a returning user does.
	warm := a.newViewResult(cases[0], clientPage)
	if err := measureView(ctx, b, pageURL, a.viewURLs(cases[0]), lim, &warm); err != nil {
		fmt.Fprintf(logw, "bench: view warm-up (not recorded) failed: %v\n", err)
	} else {
		fmt.Fprintf(logw, "bench: view warm-up (not recorded): %s\n", warm.line())
	}
	var out []viewResult
	for _, vc := range cases {
		urls := a.viewURLs(vc)
		for _, client := range []string{clientPage, clientPeerJS} {
			r := a.newViewResult(vc, client)
			if ctx.Err() != nil {
				r.ShownNote = fmt.Sprintf("not measured: the view's %.0f s were spent", lim.Budget.Seconds())
				out = append(out, r)
				continue
			}
			url := pageURL
			if client == clientPeerJS {
				url = a.peer
			}
			// A harness failure (the page changed under the bench) is the
			// case's note, not the end of the run: the other figures stand.
			if err := measureView(ctx, b, url, urls, lim, &r); err != nil {
				r.ShownNote = "error: " + cellText(err.Error())
			}
			fmt.Fprintf(logw, "bench: view %-7s %-8s %s\n", vc.Label, client, r.line())
			out = append(out, r)
		}
	}
	return out, nil
}

// line is a progress line for the log.
func (r viewResult) line() string {
	s := fmt.Sprintf("shown %s (%s) after the responses, longest task %s (run %s), fetch %s", msOr(r.Shown, r.ShownNote), r.ShownBy,
		longest(r.LongShown), longest(r.LongRun), ms(r.Fetch))
	if r.Client == clientPage && r.Case.Expand {
		s += fmt.Sprintf("; expand all %s, again %s (%s)", msOr(r.Expand, r.ExpandNote), ms(r.ExpandAgain), r.ExpandStatus)
	}
	if r.Client == clientPage && r.Case.JQ {
		s += fmt.Sprintf("; jq %s (%s)", msOr(r.JQ, r.JQNote), r.JQStatus)
	}
	return s + fmt.Sprintf("; heap %s, wasm %s", mib(r.Heap), mib(r.Wasm))
}

// msOr is d, or the note when there is one.
func msOr(d time.Duration, note string) string {
	if note != "" {
		return note
	}
	return ms(d)
}

// longest formats a longest task: the long-task API reports only tasks of
// 50 ms or more, so none is "< 50 ms".
func longest(d time.Duration) string {
	if d <= 0 {
		return "< 50 ms"
	}
	return ms(d)
}

// newTab opens a tab in b's browser (its own window, so it is visible and
// gets animation frames) with the bench's new-document script.
func (b *browser) newTab() (*browser, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t := &browser{ctx: ctx, cancel: cancel}
	err := testbrowser.Start(ctx)
	if err == nil {
		err = t.within(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: newDocumentJS}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, network.Disable, cdp.Empty{})
			return err
		}))
	}
	if err != nil {
		cancel()
		return nil, err
	}
	return t, nil
}

// viewRecorderJS starts watching a run in the open tab: long tasks, the
// resource timings of the run's URLs (cleared first), and the moment the
// result is on screen, which is the first frame after #result-raw has text
// or #tree has a row, whichever comes first.
const viewRecorderJS = `(urls => {
  const v = window.__view = {long: [], urls, click: 0, shown: 0, shownDOM: 0, by: ""};
  new PerformanceObserver(l => { for (const e of l.getEntries()) v.long.push([e.startTime, e.duration]); }).observe({type: "longtask"});
  performance.setResourceTimingBufferSize(100000);
  performance.clearResourceTimings();
  const seen = () => {
    const raw = document.querySelector("#result-raw");
    if (raw && raw.firstChild && raw.textContent.length > 0) return "raw text";
    if (document.querySelector("#tree .tree-row")) return "tree";
    return "";
  };
  const obs = new MutationObserver(() => {
    const by = seen();
    if (!by) return;
    v.shownDOM = performance.now(); v.by = by; obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => { v.shown = performance.now(); }, 0));
  });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  return true;
})(%s)`

const viewClickJS = `(() => { window.__view.click = performance.now(); document.querySelector("button#fetch").click(); return true })()`

// viewFiguresJS reads the run's figures: "in" is the latest responseEnd of
// the run's URLs by Resource Timing.
const viewFiguresJS = `(() => {
  const v = window.__view;
  const es = performance.getEntriesByType("resource").filter(e => v.urls.includes(e.name));
  const tin = Math.max(0, ...es.map(e => e.responseEnd));
  const longest = (a, b) => Math.max(0, ...v.long.filter(([s, d]) => s < b && s + d > a).map(([s, d]) => d));
  return {n: es.length, bytes: es.reduce((n, e) => n + e.decodedBodySize, 0), click: v.click, in: tin, shown: v.shown, shownDOM: v.shownDOM, by: v.by,
    longShown: longest(tin, v.shown), longRun: longest(v.click, performance.now())};
})()`

type viewFigures struct {
	N         int     `json:"n"`
	Bytes     int     `json:"bytes"`
	Click     float64 `json:"click"`
	In        float64 `json:"in"`
	Shown     float64 `json:"shown"`
	ShownDOM  float64 `json:"shownDOM"`
	By        string  `json:"by"`
	LongShown float64 `json:"longShown"`
	LongRun   float64 `json:"longRun"`
}

// viewActJS times one action in the page: it runs act, then waits for the
// first frame after done() holds, and reports the time from the action to
// that frame and the longest task since the action (after a pause for the
// long-task observer to report).
const viewActJS = `(async () => {
  const v = window.__view;
  const main = document.querySelector("main");
  const text = sel => { const el = document.querySelector(sel); return el ? el.textContent : ""; };
  const done = () => %s;
  const act = () => { %s };
  const finished = new Promise(resolve => {
    const obs = new MutationObserver(() => {
      if (!done()) return;
      const t = performance.now(); obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve([t, performance.now()]), 0));
    });
    obs.observe(main, {subtree: true, childList: true, characterData: true, attributes: true});
  });
  const t0 = performance.now();
  act();
  const [dom, painted] = await finished;
  await new Promise(r => setTimeout(r, 250));
  const long = Math.max(0, ...v.long.filter(([s, d]) => s + d > t0).map(([s, d]) => d));
  return {dom: dom - t0, painted: painted - t0, long, status: %s};
})()`

type actFigures struct {
	DOM     float64 `json:"dom"`
	Painted float64 `json:"painted"`
	Long    float64 `json:"long"`
	Status  string  `json:"status"`
}

func msDur(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }

// timedOut turns a wait's error into a note when it ran out of time.
func timedOut(err error, d time.Duration) (string, bool) {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("timed out after %.0f s", d.Seconds()), true
	}
	return "", false
}

// limit is d, or less when the view's budget ends sooner.
func limit(ctx context.Context, d time.Duration) time.Duration {
	if dl, ok := ctx.Deadline(); ok {
		return max(time.Second, min(d, time.Until(dl)))
	}
	return d
}

// waitJS polls a condition in the tab for up to d.
func (b *browser) waitJS(d time.Duration, js string) error {
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond)))
	return err
}

// measureView runs one case in a fresh tab of b and fills r. Only a
// failure of the harness is an error; a page that is too slow gives notes.
func measureView(ctx context.Context, b *browser, url string, urls []string, lim viewLimits, r *viewResult) error {
	isPage := r.Client == clientPage
	t, err := b.newTab()
	if err != nil {
		return fmt.Errorf("opening a tab: %w", err)
	}
	defer t.close()
	ready := "main"
	if isPage {
		ready = `main[data-ready="true"]`
	}
	if err := t.open(url, ready); err != nil {
		return err
	}
	if err := t.setURLs(urls, isPage); err != nil {
		return err
	}
	list, _ := json.Marshal(urls)
	if _, err := evalIn[bool](t, 10*time.Second, fmt.Sprintf(viewRecorderJS, list)); err != nil {
		return fmt.Errorf("installing the recorder: %w", err)
	}
	sampler := t.sampleHeap()
	defer func() {
		r.Heap = sampler.finish()
		if isPage {
			r.Wasm, _ = t.wasmMemory()
		}
	}()
	if _, err := evalIn[bool](t, 10*time.Second, viewClickJS); err != nil {
		return fmt.Errorf("clicking Fetch: %w", err)
	}
	d := lim.Shown
	if !isPage {
		d = lim.PeerShown
	}
	d = limit(ctx, d)
	if err := t.waitJS(d, `window.__view.shown > 0 || document.querySelector('main[data-state="failed"]') !== null`); err != nil {
		if note, ok := timedOut(err, d); ok {
			r.ShownNote = note
			return nil
		}
		return fmt.Errorf("waiting for the result: %w", err)
	}
	// Settled: the run is over and, on the page, the tree is indexed (the
	// Raw tab shows before that for small results).
	settled := `document.querySelector('main[data-state="done"]') !== null`
	if isPage {
		settled += ` && document.querySelector("#tree-progress") === null`
	}
	settleNote := ""
	d = limit(ctx, lim.Settle)
	if err := t.waitJS(d, settled); err != nil {
		note, ok := timedOut(err, d)
		if !ok {
			return fmt.Errorf("waiting for the page to settle: %w", err)
		}
		settleNote = note
	}
	time.Sleep(500 * time.Millisecond)
	f, err := evalIn[viewFigures](t, 30*time.Second, viewFiguresJS)
	if err != nil {
		return fmt.Errorf("reading the figures: %w", err)
	}
	if f.N != len(urls) || f.In <= 0 || f.Shown <= 0 {
		failed, _ := evalIn[string](t, 5*time.Second, `document.querySelector("main").dataset.error || document.querySelector("main").dataset.state`)
		return fmt.Errorf("resource timing has %d of %d URLs (responses in at %.0f ms, shown at %.0f ms; the page says %q)", f.N, len(urls), f.In, f.Shown, failed)
	}
	okJS := `Number(document.querySelector("main").dataset.ok)`
	if isPage {
		okJS = `Number(document.querySelector("#rows").dataset.ok)`
	}
	ok, _ := evalIn[int](t, 5*time.Second, okJS)
	if ok != len(urls) {
		return fmt.Errorf("%d of %d URLs gave JSON", ok, len(urls))
	}
	if f.Bytes != r.Bytes {
		return fmt.Errorf("resource timing has %d bytes of responses, the server sent %d", f.Bytes, r.Bytes)
	}
	r.Fetch, r.Shown, r.ShownBy = msDur(f.In-f.Click), msDur(f.Shown-f.In), f.By
	r.LongShown, r.LongRun = msDur(f.LongShown), msDur(f.LongRun)
	if settleNote != "" || !isPage {
		if settleNote != "" {
			r.ExpandNote, r.JQNote = "not measured: the page did not settle ("+settleNote+")", "not measured: the page did not settle"
		}
		return nil
	}

	if r.Case.Expand {
		r.Expand, r.ExpandAgain, r.ExpandLong, r.ExpandStatus, r.ExpandNote, err = t.expandAll(limit(ctx, lim.Expand))
		if err != nil {
			r.ExpandNote = "error: " + cellText(err.Error())
		}
	}
	if r.Case.JQ {
		r.JQ, r.JQLong, r.JQStatus, r.JQNote, err = t.runJQ(limit(ctx, lim.JQ))
		if err != nil {
			r.JQNote = "error: " + cellText(err.Error())
		}
	}
	return nil
}

// expandRepeats is how many more times Expand all is timed after the
// first (which is what a user gets, with the code paths still cold).
const expandRepeats = 2

// expandAll shows the Tree tab and times Expand all, to the first frame
// after the status line says how many rows are open, then again after
// Collapse all.
func (t *browser) expandAll(d time.Duration) (took, again, long time.Duration, status, note string, err error) {
	took, long, status, note, err = t.expandOnce(d)
	if err != nil || note != "" {
		return took, 0, long, status, note, err
	}
	var more []time.Duration
	for range expandRepeats {
		if _, err := evalIn[bool](t, 10*time.Second, `(() => { document.querySelector("#collapse-all").click(); return true })()`); err != nil {
			return 0, 0, 0, "", "", err
		}
		if err := t.waitJS(30*time.Second, `!/rows open|Opened the first/.test(document.querySelector("#tree-status").textContent)`); err != nil {
			return 0, 0, 0, "", "", fmt.Errorf("collapse all: %w", err)
		}
		time.Sleep(300 * time.Millisecond)
		d, _, _, note, err := t.expandOnce(d)
		if err != nil || note != "" {
			break
		}
		more = append(more, d)
	}
	return took, median(more), long, status, "", nil
}

// expandOnce times one Expand all.
func (t *browser) expandOnce(d time.Duration) (took, long time.Duration, status, note string, err error) {
	if _, err := evalIn[bool](t, 10*time.Second, `(() => { const tab = document.querySelector("#tab-tree");
		if (tab.getAttribute("aria-selected") !== "true") tab.click(); return true })()`); err != nil {
		return 0, 0, "", "", err
	}
	if err := t.waitJS(30*time.Second, `document.querySelector("#tree .tree-row") !== null && document.querySelector("#expand-all") !== null`); err != nil {
		return 0, 0, "", "", fmt.Errorf("the tree did not show: %w", err)
	}
	time.Sleep(300 * time.Millisecond)
	js := fmt.Sprintf(viewActJS, `/rows open|Opened the first/.test(text("#tree-status"))`,
		`document.querySelector("#expand-all").click();`, `text("#tree-status")`)
	f, err := evalIn[actFigures](t, d, js, chromedp.EvalAwaitPromise)
	if err != nil {
		if note, ok := timedOut(err, d); ok {
			return 0, 0, "", note, nil
		}
		return 0, 0, "", "", err
	}
	return msDur(f.Painted), msDur(f.Long), f.Status, "", nil
}

// runJQ types viewJQ into the jq box, then times Enter to the first frame
// after the status line reports the output (or an error shows).
func (t *browser) runJQ(d time.Duration) (took, long time.Duration, status, note string, err error) {
	q, _ := json.Marshal(viewJQ)
	if _, err := evalIn[bool](t, 10*time.Second, fmt.Sprintf(`(() => { const el = document.querySelector("#jq"); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, q)); err != nil {
		return 0, 0, "", "", err
	}
	time.Sleep(300 * time.Millisecond)
	js := fmt.Sprintf(viewActJS, `/output in|Cancelled/.test(text("#jq-status")) || document.querySelector("#jq-error") !== null`,
		`document.querySelector("#jq").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));`,
		`text("#jq-status") + text("#jq-error")`)
	f, err := evalIn[actFigures](t, d, js, chromedp.EvalAwaitPromise)
	if err != nil {
		if note, ok := timedOut(err, d); ok {
			return 0, 0, "", note, nil
		}
		return 0, 0, "", "", err
	}
	if !jqDone.MatchString(f.Status) {
		return 0, 0, f.Status, "failed: " + cellText(f.Status), nil
	}
	return msDur(f.Painted), msDur(f.Long), f.Status, "", nil
}

var jqDone = regexp.MustCompile(`^(\d+) bytes of output in ([0-9.]+) s\.`)

// jqOwnTime is the page's own figure from its status line.
func jqOwnTime(status string) (time.Duration, bool) {
	m := jqDone.FindStringSubmatch(status)
	if m == nil {
		return 0, false
	}
	s, err := strconv.ParseFloat(m[2], 64)
	return time.Duration(s * float64(time.Second)), err == nil
}

// viewMarkdown is the result view's section of the table.
func (r *report) viewMarkdown() string {
	if len(r.View) == 0 {
		return ""
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("\n## Result view\n\n")
	p("Each case is one run in a fresh tab: the page, and the plain-JS peer as a viewer (`bench/peer.html`: `fetch()`, `JSON.parse` of each body, then `JSON.stringify(combined, null, 2)` into a `<pre>`) on the same URLs. ")
	p("The URLs serve arrays of flat records (`{\"id\":…,\"name\":…,\"tags\":[…],\"score\":…,\"url\":…}`, about 90 bytes each) from a loopback server without latency; ")
	p("100 MB is 2 responses of 50 MB, the others 1 response (MB = 2²⁰ bytes). ")
	p("**Responses in** is the latest `responseEnd` of the run's URLs in Resource Timing. **On screen** is the first frame (`requestAnimationFrame`, then a task) after `#result-raw` has text or `#tree` has a row, whichever comes first: the page opens results of up to 2 MiB (combined, before indenting) on its Raw tab, bigger ones on the tree. ")
	p("**Longest task** comes from the long-task API, which reports tasks of 50 ms or more: the longest overlapping the time from responses in to on screen, and the longest over the whole run, from the Fetch click until the page settled (the run done and, on the page, the tree indexed) plus 0.5 s. ")
	p("**Peak JS heap** is CDP `Runtime.getHeapUsage` every 50 ms over the tab's whole run (a blocked page answers late, so a peak inside a long task can be missed); **wasm memory** is the page's linear memory at the end, which only grows. Both are the page's main thread only: a Web Worker the page starts (jq's) has a heap and a wasm memory of its own, not counted here. ")
	_, lim := viewCases(r.Smoke)
	p("The page's figures follow one unrecorded warm-up run in the same browser: its first load compiles the wasm and optimises it in the background for seconds, which a returning user's cached copy skips. ")
	p("A result not on screen within %.0f s (the viewer: %.0f s) is reported as timed out. ", lim.Shown.Seconds(), lim.PeerShown.Seconds())
	p("✓/✗ mark the figures with a target (listed under Targets).\n\n")
	p("| result | client | responses in (after Fetch) | on screen, after responses in | shown first | longest task, in → on screen | longest task, whole run | × JS viewer (on screen) | peak JS heap | wasm memory |\n")
	p("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
	mark := func(cell string, ok bool) string {
		if ok {
			return cell + " ✓"
		}
		return cell + " ✗"
	}
	for _, v := range r.View {
		if v.ShownNote != "" {
			cell := v.ShownNote
			if v.Client == clientPage && v.Case.Label == "100 MB" {
				cell = mark(cell, false)
			}
			p("| %s | %s | — | %s | — | — | — | — | %s | %s |\n", v.caseCell(), v.Client, cell, mibOr(v.Heap), mibOr(v.Wasm))
			continue
		}
		shown, longIn, longRun := ms(v.Shown), longest(v.LongShown), longest(v.LongRun)
		if v.Client == clientPage && v.Case.Label == "100 MB" {
			shown = mark(shown, v.Shown <= 3*time.Second)
			longIn = mark(longIn, v.LongShown <= 200*time.Millisecond)
			longRun = mark(longRun, v.LongRun <= 200*time.Millisecond)
		}
		xp := "—"
		if v.Client == clientPage {
			if q, ok := r.findView(v.Case.Label, clientPeerJS); ok {
				if q.ShownNote != "" {
					// the viewer took at least its limit
					_, lim := viewCases(r.Smoke)
					xp = fmt.Sprintf("< %.2f (viewer %s)", ratio(v.Shown, lim.PeerShown), q.ShownNote)
				} else {
					xp = fmt.Sprintf("%.2f", ratio(v.Shown, q.Shown))
				}
			}
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v.caseCell(), v.Client, ms(v.Fetch), shown, v.ShownBy, longIn, longRun, xp, mibOr(v.Heap), mibOr(v.Wasm))
	}

	p("\n### Expand all and jq, on the page\n\n")
	p("Times from the click on **Expand all** (after switching to the Tree tab; the first time, as a user gets it, then again after Collapse all), or from Enter in the jq box, to the first frame after the status line reports the result; the longest task since then; the page's status line. ")
	p("The jq filter is `%s`: in array mode the combined document is an array of the responses, each of them an array of records. ", strings.ReplaceAll(viewJQ, "|", "\\|"))
	p("The page's own jq time is the figure in its status line.\n\n")
	p("| result | expand all, first | longest task | again (median of %d, after Collapse all) | status | jq `%s` | page's own jq time | longest task | status |\n", expandRepeats, strings.ReplaceAll(viewJQ, "|", "\\|"))
	p("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |\n")
	for _, v := range r.View {
		if v.Client != clientPage || (!v.Case.Expand && !v.Case.JQ) {
			continue
		}
		ex, exLong, exAgain, exStatus := "—", "—", "—", "—"
		if v.Case.Expand {
			missing, measured := v.unmeasured(v.ExpandNote)
			if ex = missing; measured {
				ex, exLong, exStatus = ms(v.Expand), longest(v.ExpandLong), v.ExpandStatus
				if v.ExpandAgain > 0 {
					exAgain = ms(v.ExpandAgain)
				}
			}
			if v.Case.Label == "100 KB" {
				ex = mark(ex, measured && v.Expand <= 100*time.Millisecond)
			}
		}
		jq, own, jqLong, jqStatus := "—", "—", "—", "—"
		if v.Case.JQ {
			missing, measured := v.unmeasured(v.JQNote)
			if jq = missing; measured {
				jq, jqLong, jqStatus = ms(v.JQ), longest(v.JQLong), v.JQStatus
				if d, ok := jqOwnTime(v.JQStatus); ok {
					own = ms(d)
				}
			}
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v.Case.Label, ex, exLong, exAgain, exStatus, jq, own, jqLong, jqStatus)
	}
	return b.String()
}

// unmeasured says why a figure of the case was not taken (the result never
// showed, or note, the step's own failure), or reports it measured.
func (v viewResult) unmeasured(note string) (cell string, measured bool) {
	switch {
	case v.ShownNote != "":
		return "not measured (the result did not show)", false
	case note != "":
		return note, false
	}
	return "", true
}

// caseCell names the case with its size in bytes and URLs.
func (v viewResult) caseCell() string {
	return fmt.Sprintf("%s (%s bytes, %d URL%s)", v.Case.Label, thousands(v.Bytes), v.URLs, plural(v.URLs))
}

// cellText fits a message into a table cell: one line, no pipes, short.
func cellText(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "|", "/")), " ")
	return clip(s, 200)
}

func mibOr(n float64) string {
	if n <= 0 {
		return "—"
	}
	return mib(n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// thousands writes n with commas: 104,857,600.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
