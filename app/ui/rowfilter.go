package ui

import (
	"fmt"

	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The board's filters, as the radio buttons offer them.
const (
	FilterAll    = run.FilterAll
	FilterFailed = run.FilterFailed
	FilterSlow   = run.FilterSlow
)

// Filter picks which rows the board shows.
type Filter = run.Filter

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
