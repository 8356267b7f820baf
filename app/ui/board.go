package ui

import (
	"fmt"

	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// board is the run's rows, one page at a time, with counts and a pager.
// The run (app/run) picks the page's rows; the board only renders them.
type board struct {
	app.Compo

	Rows    []*resultRow // the rows of the current page
	Page    int          // 0-based
	Pages   int
	Total   int // all rows
	Shown   int // rows the filter keeps
	OK      int
	Failed  int
	Pending int
	OnPage  func(ctx app.Context, page int)
}

func (c *board) Render() app.UI {
	return app.Section().Class("rows").Body(
		app.H2().Text("Requests"),
		app.P().ID("board-counts").Text(c.counts()),
		c.rows(),
		app.If(c.Pages > 1, func() app.UI {
			return app.Nav().Class("pager").Aria("label", "Pages of requests").Body(
				disabledIf(app.Button().ID("page-prev").OnClick(c.turn(c.Page-1), app.EventScope(c.Page)), c.Page == 0).Text("‹ Previous"),
				app.Span().ID("page-of").Text(fmt.Sprintf("Rows %d–%d of %d", c.Page*run.BoardPageSize+1, c.Page*run.BoardPageSize+len(c.Rows), c.Shown)),
				disabledIf(app.Button().ID("page-next").OnClick(c.turn(c.Page+1), app.EventScope(c.Page)), c.Page >= c.Pages-1).Text("Next ›"),
			)
		}),
	)
}

// rows is the list of the page's rows, as one piece of markup.
func (c *board) rows() app.UI {
	var m markup
	m.open("ol", "id", "rows", "start", itoa(c.Page*run.BoardPageSize+1), "data-total", itoa(c.Total),
		"data-ok", itoa(c.OK), "data-error", itoa(c.Failed), "data-pending", itoa(c.Pending))
	for _, r := range c.Rows {
		r.write(&m)
	}
	m.close("ol")
	return m.ui()
}

// turn returns the pager's click handler. go-app keeps a handler whose code
// is unchanged, so the buttons pass the page as the event's scope: a new
// page, a new handler.
func (c *board) turn(page int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.OnPage != nil && page >= 0 && page < c.Pages {
			c.OnPage(ctx, page)
		}
	}
}

func (c *board) counts() string {
	return fmt.Sprintf("%d of %d done: %d ok, %d failed.", c.OK+c.Failed, c.Total, c.OK, c.Failed)
}
