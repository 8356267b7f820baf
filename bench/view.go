package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// The result view's measures (issue 5): for combined results of 100 KB to
// 100 MB, how long after the last response is in the result is on screen,
// the longest task that blocked the page meanwhile, expand-all, a jq
// filter, and the memory it took; the same for a plain-JS viewer page
// (fetch, res.json(), JSON.stringify(…, null, 2) into a <pre>). Every case
// runs in a fresh tab, so that no earlier result is on screen or in the heap.
// This file measures; viewbrowser.go drives the tab, viewreport.go writes
// the table.

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
			PeerShown: 60 * time.Second, Budget: 9 * time.Minute}
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

	JQRuns  []jqRun    // the page's filters against Debian's jq (viewjq.go)
	Compare compareRun // Compare's run after them

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
			if client == clientPage && vc.JQ {
				a.nativeJQ(ctx, &r)
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
		t.runJQFilters(ctx, lim, r)
	}
	return nil
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
