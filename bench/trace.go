package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what a load's trace records: the renderer's tasks
// (parse, style, layout, paint, script), V8's compiles and wasm's.
var traceCategories = []string{
	"toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading",
	"v8", "v8.wasm", "disabled-by-default-v8.wasm.detailed", "v8.execute", "navigation", "ServiceWorker",
}

// traceEvent is one Chrome trace event.
type traceEvent struct {
	Name string  `json:"name"`
	Cat  string  `json:"cat"`
	Ph   string  `json:"ph"`
	TS   float64 `json:"ts"`  // µs
	Dur  float64 `json:"dur"` // µs, complete events
	PID  int     `json:"pid"`
	TID  int     `json:"tid"`
	Args struct {
		Name string `json:"name"` // thread_name metadata
		Data struct {
			URL    string `json:"url"`
			DocURL string `json:"documentLoaderURL"`
		} `json:"data"`
	} `json:"args"`
}

// traced runs once under Chrome's tracing, writes the trace as NAME.json
// in dir (DevTools' Performance panel opens it) and returns a summary: the
// renderer main thread's long tasks after the navigation (start and length
// in ms after the page's navigationStart) and the busiest kinds of work on
// every thread, by total time.
func (b *browser) traced(dir, name string, once func() error) (string, error) {
	var mu sync.Mutex
	var events []traceEvent
	var raws []json.RawMessage // as Chrome sent them, for the file
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil {
					events = append(events, te)
					raws = append(raws, json.RawMessage(v))
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		return "", err
	}
	if err := b.within(10*time.Second, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
			TraceConfig: &tracing.TraceConfig{IncludedCategories: traceCategories, ExcludedCategories: []string{"*"}}})
		return err
	})); err != nil {
		return "", fmt.Errorf("starting the trace: %w", err)
	}
	runErr := once()
	if err := b.within(10*time.Second, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, tracing.End, cdp.Empty{})
		return err
	})); err != nil {
		return "", fmt.Errorf("ending the trace: %w", err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		return "", fmt.Errorf("the trace never completed")
	}
	if runErr != nil {
		return "", runErr
	}
	mu.Lock()
	defer mu.Unlock()
	if err := writeJSON(dir, name+".json", map[string]any{"traceEvents": raws}); err != nil {
		return "", err
	}
	return summarizeTrace(events), nil
}

// summarizeTrace lists the renderer main thread's tasks of 5 ms or more
// after navigationStart, and the top kinds of work by total time.
func summarizeTrace(events []traceEvent) string {
	threads := map[[2]int]string{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			threads[[2]int{e.PID, e.TID}] = e.Args.Name
		}
	}
	var start float64
	for _, e := range events {
		if e.Name == "navigationStart" && strings.HasPrefix(e.Args.Data.DocURL, "http") {
			start = e.TS
		}
	}
	var sb strings.Builder
	type key struct{ thread, name string }
	total := map[key]float64{}
	var long []traceEvent
	for _, e := range events {
		if e.Ph != "X" || e.TS < start {
			continue
		}
		th := threads[[2]int{e.PID, e.TID}]
		total[key{th, e.Name}] += e.Dur
		if th == "CrRendererMain" && e.Name == "RunTask" && e.Dur >= 5000 {
			long = append(long, e)
		}
	}
	slices.SortFunc(long, func(a, b traceEvent) int { return cmp.Compare(a.TS, b.TS) })
	fmt.Fprintf(&sb, "renderer main thread, tasks of 5 ms or more (ms after navigationStart: start+length, then what ran inside for 2 ms or more):\n")
	for _, t := range long {
		inside := map[string]float64{}
		for _, e := range events {
			if e.Ph == "X" && e.PID == t.PID && e.TID == t.TID && e.TS >= t.TS && e.TS+e.Dur <= t.TS+t.Dur && e.Name != "RunTask" {
				inside[e.Name] += e.Dur
			}
		}
		var parts []string
		for n, d := range inside {
			if d >= 2000 {
				parts = append(parts, fmt.Sprintf("%s %.0f", n, d/1000))
			}
		}
		slices.Sort(parts)
		fmt.Fprintf(&sb, "  %6.0f+%-5.0f %s\n", (t.TS-start)/1000, t.Dur/1000, strings.Join(parts, ", "))
	}
	type entry struct {
		k key
		d float64
	}
	var es []entry
	for k, d := range total {
		if k.name != "RunTask" && k.name != "ThreadControllerImpl::RunTask" {
			es = append(es, entry{k, d})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(b.d, a.d) })
	fmt.Fprintf(&sb, "busiest work by total ms (nested events overlap), thread: event\n")
	for i, e := range es {
		if i == 25 {
			break
		}
		fmt.Fprintf(&sb, "  %7.1f  %s: %s\n", e.d/1000, e.k.thread, e.k.name)
	}
	return sb.String()
}
