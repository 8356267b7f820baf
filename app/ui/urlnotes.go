package ui

import (
	"fmt"

	"fanin/app/urllist"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// urlNotes sits under the URL box: how many URLs it holds, which lines will
// not be fetched and why, and which lines repeat an earlier one.
type urlNotes struct {
	app.Compo

	Count      int
	Invalid    []urllist.Entry
	Duplicates []urllist.Duplicate
}

func (c *urlNotes) Render() app.UI {
	return app.Div().ID("url-notes").Class("notes").Aria("live", "polite").Body(
		app.P().ID("url-count").Text(countText(c.Count)),
		app.If(len(c.Invalid) > 0, func() app.UI {
			return app.Ul().Class("invalid").Body(
				app.Range(c.Invalid).Slice(func(i int) app.UI {
					e := c.Invalid[i]
					return app.Li().DataSet("line", e.Line).Text(fmt.Sprintf("Line %d: %s — %s", e.Line, e.URL, e.Problem))
				}),
			)
		}),
		app.If(len(c.Duplicates) > 0, func() app.UI {
			return app.Ul().Class("duplicates").Body(
				app.Range(c.Duplicates).Slice(func(i int) app.UI {
					d := c.Duplicates[i]
					return app.Li().DataSet("line", d.Line).Text(fmt.Sprintf("Line %d repeats line %d; fetched once.", d.Line, d.FirstLine))
				}),
			)
		}),
	)
}

func countText(n int) string {
	switch n {
	case 0:
		return "No URLs yet."
	case 1:
		return "1 URL."
	default:
		return fmt.Sprintf("%d URLs.", n)
	}
}
