package run

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"fanin/app/fanout"
)

// MaxWaterfallBars is the most bars the waterfall draws; longer runs are
// drawn one bar per group of neighbouring rows, so the SVG stays small.
const MaxWaterfallBars = 300

// The drawing's coordinates; the SVG scales to the width of its box.
const (
	WaterfallWidth = 1000.0
	WaterfallAxis  = 24.0 // room for the tick labels above the bars
	wfMinBar       = 1.5  // so instant failures still show
)

// Waterfall is the geometry of each request from its start to its end on
// the run's time axis (concurrency and the slow ones show at a glance),
// ready for the page to draw.
type Waterfall struct {
	Bars    []WaterfallBar
	Ticks   []WaterfallTick
	Height  float64 // of the drawing, in the same units as its width
	Caption string
}

// WaterfallBar is one request, or a group of neighbouring ones.
type WaterfallBar struct {
	X, Y, W, H float64
	Status     string // RowPending, RowOK or RowError
	Title      string
	// Chain is the bar's chain in a paginated run, counted from 1 (0:
	// not paginated), so a chain's pages, one after another, read as one
	// staircase and neighbouring chains can be told apart.
	Chain int
}

// WaterfallTick is a mark on the time axis.
type WaterfallTick struct {
	X      float64
	Label  string
	Anchor string // text-anchor of the label
}

// NewWaterfall lays out results on an axis that covers wall (the run's
// time so far) and every request's end. Requests still running are drawn
// up to wall; those not started yet are left out.
func NewWaterfall(results []fanout.Result, wall time.Duration) *Waterfall {
	span := max(wall, time.Millisecond)
	for _, r := range results {
		span = max(span, r.End)
	}
	step := niceStep(span / 6)
	domain := time.Duration(math.Ceil(float64(span)/float64(step))) * step
	xOf := func(d time.Duration) float64 { return WaterfallWidth * float64(d) / float64(domain) }

	group := max(1, (len(results)+MaxWaterfallBars-1)/MaxWaterfallBars)
	n := (len(results) + group - 1) / group
	pitch := max(2.5, min(14, 420/float64(max(n, 1))))
	w := &Waterfall{Height: WaterfallAxis + pitch*float64(n) + 2}
	for i := 0; i < n; i++ {
		rows := results[i*group : min((i+1)*group, len(results))]
		from, to, status, started := barSpan(rows, wall)
		if !started {
			continue
		}
		w.Bars = append(w.Bars, WaterfallBar{
			X: xOf(from), Y: WaterfallAxis + pitch*float64(i), W: max(wfMinBar, xOf(to)-xOf(from)), H: max(1.5, pitch*0.7),
			Status: status, Title: barTitle(rows, i*group, wall), Chain: chainOf(rows),
		})
	}
	for t := time.Duration(0); t <= domain; t += step {
		anchor := "middle"
		switch {
		case t == 0:
			anchor = "start"
		case t+step > domain:
			anchor = "end"
		}
		w.Ticks = append(w.Ticks, WaterfallTick{X: xOf(t), Label: tickLabel(t, step), Anchor: anchor})
	}
	w.Caption = fmt.Sprintf("Timing of %d requests; ticks every %s.", len(results), tickLabel(step, step))
	if chains := len(chainsOf(results)); chains > 0 {
		w.Caption = fmt.Sprintf("Timing of %d pages in %d chains, each chain's pages one after another; ticks every %s.", len(results), chains, tickLabel(step, step))
	}
	if group > 1 {
		w.Caption = fmt.Sprintf("Timing of %d requests, drawn as %d bars of %d neighbouring requests each (from the first start to the last end; red when any failed); ticks every %s.",
			len(results), n, group, tickLabel(step, step))
	}
	return w
}

// barSpan is where rows' bar goes: from the first start to the last end
// (wall for requests still running), failed when any failed.
func barSpan(rows []fanout.Result, wall time.Duration) (from, to time.Duration, status string, started bool) {
	status = RowOK
	for _, r := range rows {
		if r.State == fanout.Pending {
			status = worse(status, RowPending)
			continue
		}
		end := r.End
		if r.State == fanout.Running {
			end, status = max(wall, r.Start), worse(status, RowPending)
		} else if r.Err != nil {
			status = RowError
		}
		if !started || r.Start < from {
			from = r.Start
		}
		to, started = max(to, end), true
	}
	return from, to, status, started
}

func worse(a, b string) string {
	if a == RowError || b == RowError {
		return RowError
	}
	if a == RowPending || b == RowPending {
		return RowPending
	}
	return RowOK
}

// barTitle is a bar's tooltip: the request, or for a group its range and
// its slowest request.
func barTitle(rows []fanout.Result, first int, wall time.Duration) string {
	if len(rows) == 1 {
		return requestLine(rows[0], wall)
	}
	slow, failed := 0, 0
	for i, r := range rows {
		if r.Err != nil {
			failed++
		}
		if took(r, wall) > took(rows[slow], wall) {
			slow = i
		}
	}
	return "Requests " + strconv.Itoa(first+1) + "–" + strconv.Itoa(first+len(rows)) + ": " + strconv.Itoa(failed) +
		" failed; slowest: " + requestLine(rows[slow], wall)
}

// chainOf is the chain of a bar's first row, from 1; 0 when not paginated.
func chainOf(rows []fanout.Result) int {
	if len(rows) == 0 || rows[0].Page == 0 {
		return 0
	}
	return rows[0].Chain + 1
}

// requestLine is one request's tooltip. Written with strconv, not fmt:
// a run draws a bar per request (up to MaxWaterfallBars) when it ends,
// and fmt.Sprintf's reflection made the titles of 100 bars 4 ms of the
// work between the last byte and the result on screen (CPU profile of the
// bench's HTTP/2 100-URL row, sampled every 40 µs).
func requestLine(r fanout.Result, wall time.Duration) string {
	if r.Page > 0 {
		r.URL = "page " + strconv.Itoa(r.Page) + " of " + r.ChainURL + ": " + r.URL
	}
	spent := millis(took(r, wall))
	switch {
	case r.State == fanout.Running:
		return r.URL + " — fetching, " + spent + " so far"
	case r.Err != nil && r.Status != 0:
		return r.URL + " — " + string(r.Err.Kind) + " (HTTP " + strconv.Itoa(r.Status) + "), " + spent
	case r.Err != nil:
		return r.URL + " — " + string(r.Err.Kind) + ", " + spent
	}
	return r.URL + " — HTTP " + strconv.Itoa(r.Status) + ", " + spent
}

func took(r fanout.Result, wall time.Duration) time.Duration {
	switch r.State {
	case fanout.Done:
		return r.Elapsed()
	case fanout.Running:
		return max(0, wall-r.Start)
	}
	return 0
}

func millis(d time.Duration) string {
	if d < 10*time.Millisecond {
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
	}
	return strconv.FormatInt(d.Round(time.Millisecond).Milliseconds(), 10) + " ms"
}

// niceStep is the smallest of 1, 2 or 5 × 10ⁿ ms (n may be negative) that
// is at least d.
func niceStep(d time.Duration) time.Duration {
	step := time.Duration(100) // 0.0001 ms
	for {
		for _, m := range []time.Duration{1, 2, 5} {
			if m*step >= d {
				return m * step
			}
		}
		step *= 10
	}
}

// tickLabel writes t in ms below a second's step, else in s, with as many
// decimals as step needs.
func tickLabel(t, step time.Duration) string {
	unit, name := time.Millisecond, " ms"
	if step >= time.Second {
		unit, name = time.Second, " s"
	}
	decimals := 0
	for s := step; s%unit != 0 && decimals < 4; s *= 10 {
		decimals++
	}
	return strconv.FormatFloat(float64(t)/float64(unit), 'f', decimals, 64) + name
}
