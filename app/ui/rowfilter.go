package ui

import (
	"fmt"
	"slices"
	"time"

	"fanin/app/fanout"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Filter picks which rows the board shows.
type Filter string

const (
	FilterAll    Filter = "all"
	FilterFailed Filter = "failed"
	FilterSlow   Filter = "slow"
)

// SlowFloor is the least time a request must take to count as slow, so
// that a run of fast requests has no slow ones.
const SlowFloor = time.Second

// filterRows returns the indices of the rows f keeps, in order. Failed rows
// are finished ones with an error (cancelled ones included). Slow rows are
// finished requests, failed or not, that took at least SlowFloor and at
// least the 90th percentile (nearest rank) of the finished requests' times;
// rows still running are not judged yet. Cancelled and invalid URLs never
// count as slow.
func filterRows(rows []fanout.Result, f Filter) []int {
	keep := func(fanout.Result) bool { return true }
	switch f {
	case FilterFailed:
		keep = func(r fanout.Result) bool { return r.State == fanout.Done && r.Err != nil }
	case FilterSlow:
		limit := slowLimit(rows)
		keep = func(r fanout.Result) bool { return timed(r) && r.Elapsed() >= limit }
	}
	out := []int{}
	for i, r := range rows {
		if keep(r) {
			out = append(out, i)
		}
	}
	return out
}

func timed(r fanout.Result) bool {
	switch r.Err.KindOr("") {
	case fanout.KindCancelled, fanout.KindInvalidURL:
		return false
	}
	return r.State == fanout.Done
}

func slowLimit(rows []fanout.Result) time.Duration {
	var times []time.Duration
	for _, r := range rows {
		if timed(r) {
			times = append(times, r.Elapsed())
		}
	}
	if len(times) == 0 {
		return SlowFloor
	}
	slices.Sort(times)
	rank := (len(times)*9 + 9) / 10 // ⌈0.9 n⌉
	return max(SlowFloor, times[rank-1])
}

// rowFilter is the choice of rows to show, as a group of radio buttons:
// one Tab stop, arrow keys to move, the browser's own semantics.
type rowFilter struct {
	app.Compo

	Value        Filter
	Failed, Slow int // shown next to the choices
	OnChange     func(ctx app.Context, f Filter)
}

func newRowFilter(value Filter, failed, slow int) *rowFilter {
	return &rowFilter{Value: value, Failed: failed, Slow: slow}
}

func (c *rowFilter) Render() app.UI {
	return app.FieldSet().ID("row-filter").Class("segmented").Body(
		app.Legend().Text("Show"),
		c.option(FilterAll, "All"),
		c.option(FilterFailed, fmt.Sprintf("Failed (%d)", c.Failed)),
		c.option(FilterSlow, fmt.Sprintf("Slow (%d)", c.Slow)).Title("Took at least 1 s and were among the slowest tenth of the finished requests"),
	)
}

func (c *rowFilter) option(f Filter, label string) app.HTMLSpan {
	id := "filter-" + string(f)
	return app.Span().Body(
		checkedIf(app.Input().Type("radio").ID(id).Name("row-filter").Value(string(f)).
			OnChange(c.choose(f)), c.Value == f),
		app.Label().For(id).Text(label),
	)
}

func (c *rowFilter) choose(f Filter) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.Value = f
		if c.OnChange != nil {
			c.OnChange(ctx, f)
		}
	}
}
