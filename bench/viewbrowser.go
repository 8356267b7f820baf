package main

import (
	"context"
	"fmt"
	"time"

	"fanin/internal/testbrowser"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The result view's browser side: the tab, the scripts it runs in the page
// and the actions it times (Expand all, a jq filter).

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

// waitJS polls a condition in the tab for up to d.
func (b *browser) waitJS(d time.Duration, js string) error {
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond)))
	return err
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

// runJQ times viewJQ, the view table's filter (runJQExpr).
func (t *browser) runJQ(d time.Duration) (took, long time.Duration, status, note string, err error) {
	return t.runJQExpr(d, viewJQ)
}
