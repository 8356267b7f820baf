package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// The page's memory over runs in one tab (issue 18): wasm memory never
// shrinks, so what a run leaves behind is what the next one starts from.
// One tab fetches the 100 MB case three times (Fetch pressed again on the
// same URLs), then the same 100 MB split another way (4 × 25 MB), and
// reads the page's wasm memory after each run has settled.

// repeatRun is one run of the tab and the wasm memory after it.
type repeatRun struct {
	Label string // "run 1", …
	What  string // the URLs, "100 MB (2 × 50 MB)"
	Wasm  float64
	Note  string // why there is no figure
}

// repeatLimit bounds one run of the tab, fetch to the tree indexed.
const repeatLimit = 3 * time.Minute

// repeatRatioMax is the target: run 3 ends within this factor of run 1.
const repeatRatioMax = 1.25

// viewMemoryMax is the target for one 100 MB result: 4× the result.
const viewMemoryMax = 400 << 20

// runRepeats measures the runs in one fresh tab of a new browser. A run
// that fails leaves its note and ends the series.
func runRepeats(ctx context.Context, pageURL string, a *apis, smoke bool, logw io.Writer) ([]repeatRun, error) {
	size, split := 100<<20, 2
	what, other := "100 MB (2 × 50 MB)", "100 MB (4 × 25 MB)"
	if smoke {
		size, what, other = 1<<20, "1 MB (2 × 512 KB)", "1 MB (4 × 256 KB)"
	}
	urls := func(parts int) []string {
		out := make([]string, parts)
		for i := range out {
			out[i] = fmt.Sprintf("%s/records/%d/%d", a.h1[0], size/parts, i)
		}
		return out
	}
	runs := []repeatRun{{Label: "run 1", What: what}, {Label: "run 2", What: what}, {Label: "run 3", What: what}, {Label: "run 4", What: other}}
	b, err := startBrowser(a.spki)
	if err != nil {
		return nil, err
	}
	defer b.close()
	t, err := b.newTab()
	if err != nil {
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	defer t.close()
	if err := t.open(pageURL, `main[data-ready="true"]`); err != nil {
		return nil, err
	}
	failed := ""
	for i := range runs {
		r := &runs[i]
		if failed != "" {
			r.Note = failed
			continue
		}
		if ctx.Err() != nil {
			failed = "not measured: the bench's time was spent"
			r.Note = failed
			continue
		}
		list := urls(split)
		if i == 3 {
			list = urls(4)
		}
		if err := t.repeatOnce(i+1, list, !smoke); err != nil {
			failed = "not measured: an earlier run failed"
			r.Note = "error: " + cellText(err.Error())
			fmt.Fprintf(logw, "bench: view memory %s (%s): %v\n", r.Label, r.What, err)
			continue
		}
		r.Wasm, _ = t.wasmMemory()
		fmt.Fprintf(logw, "bench: view memory %s (%s): wasm %s\n", r.Label, r.What, mib(r.Wasm))
	}
	return runs, nil
}

// repeatOnce sets the URL box to urls (unless it holds them), presses
// Fetch and waits until run n is done, every URL gave JSON and the tree is
// indexed (onTree: a result big enough to open on the tree) or Raw shows
// the text, then half a second more.
func (t *browser) repeatOnce(n int, urls []string, onTree bool) error {
	has, _ := evalIn[string](t, 5*time.Second, `document.querySelector("textarea#urls").value`)
	if has != strings.Join(urls, "\n") {
		if err := t.setURLs(urls, true); err != nil {
			return err
		}
	}
	// The tree of the run before stays on screen until the new result
	// replaces it: for a result that opens on the tree, the run is over
	// once its own indexing has shown (#tree-progress) and gone.
	if _, err := evalIn[bool](t, 10*time.Second, `(() => { window.__indexing = false;
		const obs = new MutationObserver(() => { if (document.querySelector("#tree-progress")) { window.__indexing = true; obs.disconnect(); } });
		obs.observe(document.body, {subtree: true, childList: true});
		document.querySelector("button#fetch").click(); return true })()`); err != nil {
		return fmt.Errorf("clicking Fetch: %w", err)
	}
	done := fmt.Sprintf(`document.querySelector('main[data-state="done"][data-run="%d"]') !== null && document.querySelector("#tree-progress") === null &&
		(%t ? window.__indexing && document.querySelector("#tree .tree-row") !== null : (document.querySelector("#result-raw")?.textContent ?? "") !== "")`, n, onTree)
	if err := t.waitJS(repeatLimit, done); err != nil {
		state, _ := evalIn[string](t, 5*time.Second, `(m => m.dataset.state + " run " + m.dataset.run + " " + (m.dataset.error || ""))(document.querySelector("main"))`)
		return fmt.Errorf("run %d did not finish with its tree (the page is %q): %w", n, state, err)
	}
	ok, _ := evalIn[int](t, 5*time.Second, `Number(document.querySelector("#rows").dataset.ok)`)
	if ok != len(urls) {
		return fmt.Errorf("run %d: %d of %d URLs gave JSON", n, ok, len(urls))
	}
	time.Sleep(500 * time.Millisecond)
	return nil
}

// repeatRatio is run 3's wasm memory over run 1's, if both were taken.
func (r *report) repeatRatio() (float64, bool) {
	if len(r.Repeats) < 3 || r.Repeats[0].Wasm <= 0 || r.Repeats[2].Wasm <= 0 {
		return 0, false
	}
	return r.Repeats[2].Wasm / r.Repeats[0].Wasm, true
}

// repeatsMarkdown is the memory-over-runs table.
func (r *report) repeatsMarkdown() string {
	if len(r.Repeats) == 0 {
		return ""
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("\n### Wasm memory over runs in one tab\n\n")
	p("One fresh tab (a browser of its own, no warm-up) fetches the same URLs three times, Fetch pressed again after each run has settled (done, every URL JSON, the tree indexed, then 0.5 s), then the same bytes split over 4 URLs. ")
	p("**Wasm memory** is the page's linear memory after each run: it never shrinks, so it is the peak so far. The target is run 3 within %.2f× of run 1.\n\n", repeatRatioMax)
	p("| run | result | wasm memory after the run | × run 1 |\n| --- | --- | ---: | ---: |\n")
	for i, x := range r.Repeats {
		cell, xr := mibOr(x.Wasm), "—"
		if x.Note != "" {
			cell = x.Note
		} else if i > 0 && r.Repeats[0].Wasm > 0 {
			xr = fmt.Sprintf("%.2f", x.Wasm/r.Repeats[0].Wasm)
			if i == 2 {
				if xr += " ✓"; x.Wasm/r.Repeats[0].Wasm > repeatRatioMax {
					xr = strings.TrimSuffix(xr, " ✓") + " ✗"
				}
			}
		}
		p("| %s | %s | %s | %s |\n", x.Label, x.What, cell, xr)
	}
	return b.String()
}

// memoryTargets are issue 18's memory targets, for what this run measured.
func (r *report) memoryTargets() []target {
	var ts []target
	if v, ok := r.findView("100 MB", clientPage); ok {
		note := v.ShownNote
		if note == "" && v.Wasm <= 0 {
			note = "not measured"
		}
		ts = append(ts, target{What: "result view: wasm memory after a 100 MB result (4× the result)", Got: v.Wasm / (1 << 20), Limit: viewMemoryMax / (1 << 20), Unit: "MiB", Note: note})
	}
	if len(r.Repeats) > 0 {
		t := target{What: "wasm memory after three runs of the same result in one tab, run 3 ÷ run 1 (" + r.Repeats[0].What + ")", Limit: repeatRatioMax, Unit: "×"}
		if x, ok := r.repeatRatio(); ok {
			t.Got = x
		} else {
			t.Note = "not measured"
			for _, x := range r.Repeats[:min(3, len(r.Repeats))] {
				if x.Note != "" {
					t.Note = x.Note
					break
				}
			}
		}
		ts = append(ts, t)
	}
	return ts
}
