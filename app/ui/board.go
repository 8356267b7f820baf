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
		app.Ol().ID("rows").
			Attr("start", c.Page*run.BoardPageSize+1).
			DataSet("total", c.Total).
			DataSet("ok", c.OK).
			DataSet("error", c.Failed).
			DataSet("pending", c.Pending).
			Body(app.Range(c.Rows).Slice(func(i int) app.UI { return c.Rows[i] })),
		app.If(c.Pages > 1, func() app.UI {
			return app.Nav().Class("pager").Aria("label", "Pages of requests").Body(
				disabledIf(app.Button().ID("page-prev").OnClick(c.turn(c.Page-1), app.EventScope(c.Page)), c.Page == 0).Text("‹ Previous"),
				app.Span().ID("page-of").Text(fmt.Sprintf("Rows %d–%d of %d", c.Page*run.BoardPageSize+1, c.Page*run.BoardPageSize+len(c.Rows), c.Shown)),
				disabledIf(app.Button().ID("page-next").OnClick(c.turn(c.Page+1), app.EventScope(c.Page)), c.Page >= c.Pages-1).Text("Next ›"),
			)
		}),
	)
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
