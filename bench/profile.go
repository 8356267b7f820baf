package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// profileInterval is the CPU profiler's sampling interval.
const profileInterval = 200 * time.Microsecond

// profiled runs once under the tab's CPU profiler (CDP Profiler.start and
// stop), writes the profile as NAME.cpuprofile (which DevTools opens) and
// the top functions by self time as NAME.top.txt in dir, and returns the
// top list too.
func (b *browser) profiled(dir, name string, once func() (time.Duration, error)) (time.Duration, string, error) {
	call := func(f func(ctx context.Context, t *chromedp.Target) error) error {
		return b.within(20*time.Second, chromedp.Func(f))
	}
	if err := call(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: profileInterval.Microseconds()}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}); err != nil {
		return 0, "", fmt.Errorf("starting the profiler: %w", err)
	}
	d, runErr := once()
	var prof *profiler.Profile
	if err := call(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		prof = res.Profile
		return err
	}); err != nil {
		return 0, "", fmt.Errorf("stopping the profiler: %w", err)
	}
	if runErr != nil {
		return 0, "", runErr
	}
	if err := writeJSON(dir, name+".cpuprofile", prof); err != nil {
		return 0, "", err
	}
	top := topSelf(prof, 25)
	if err := os.WriteFile(filepath.Join(dir, name+".top.txt"), []byte(top), 0o644); err != nil {
		return 0, "", err
	}
	return d, top, nil
}

// writeJSON writes v as JSON to file in dir, making dir if need be.
func writeJSON(dir, file string, v any) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, file), raw, 0o644)
}

// topSelf lists the functions with the most self time in a profile,
// summed over every node of the same function and script.
func topSelf(p *profiler.Profile, n int) string {
	if p == nil {
		return "(no profile)\n"
	}
	byID := map[int64]*profiler.ProfileNode{}
	for _, nd := range p.Nodes {
		byID[nd.ID] = nd
	}
	self := map[string]int64{}
	var total int64
	for i, id := range p.Samples {
		if i >= len(p.TimeDeltas) {
			break
		}
		// A sample's time is the delta to the next one.
		var d int64
		if i+1 < len(p.TimeDeltas) {
			d = p.TimeDeltas[i+1]
		}
		nd := byID[id]
		if nd == nil || nd.CallFrame == nil {
			continue
		}
		script := nd.CallFrame.URL
		if k := strings.LastIndex(script, "/"); k >= 0 {
			script = script[k+1:]
		}
		if k := strings.IndexByte(script, '?'); k >= 0 {
			script = script[:k]
		}
		fn := nd.CallFrame.FunctionName
		if fn == "" {
			fn = "(anonymous)"
		}
		self[fn+"  "+script] += d
		total += d
	}
	type entry struct {
		name string
		us   int64
	}
	var es []entry
	for k, v := range self {
		es = append(es, entry{k, v})
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(b.us, a.us) })
	var sb strings.Builder
	fmt.Fprintf(&sb, "total sampled %.0f ms\n%9s %6s  function  script\n", float64(total)/1000, "self ms", "%")
	for i, e := range es {
		if i == n {
			break
		}
		fmt.Fprintf(&sb, "%9.1f %5.1f%%  %s\n", float64(e.us)/1000, 100*float64(e.us)/float64(max(total, 1)), e.name)
	}
	return sb.String()
}
