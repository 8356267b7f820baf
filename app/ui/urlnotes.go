package ui

import (
	"fmt"

	"fanin/app/urllist"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// urlNotes sits under the URL box: how many URLs it holds once templates
// expand, which lines will not be fetched and why, which lines repeat an
// earlier one, and what a shared link could not carry over.
type urlNotes struct {
	app.Compo

	Count      int
	Lines      int
	Templates  int
	Invalid    []urllist.Entry
	Duplicates []urllist.Duplicate
	LinkNotes  []string
}

func (c *urlNotes) Render() app.UI {
	return app.Div().ID("url-notes").Class("notes").Aria("live", "polite").Body(
		app.P().ID("url-count").Text(countText(c.Count, c.Lines, c.Templates)),
		app.If(len(c.Invalid) > 0, func() app.UI {
			shown := c.Invalid[:min(len(c.Invalid), maxNotesShown)]
			return app.Ul().Class("invalid").Body(
				app.Range(shown).Slice(func(i int) app.UI {
					e := shown[i]
					return app.Li().DataSet("line", e.Line).Text(fmt.Sprintf("Line %d: %s — %s", e.Line, e.URL, e.Problem))
				}),
				app.If(len(c.Invalid) > len(shown), func() app.UI {
					return app.Li().Text(fmt.Sprintf("… and %d more lines that will not be fetched.", len(c.Invalid)-len(shown)))
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
		app.If(len(c.LinkNotes) > 0, func() app.UI {
			return app.Ul().ID("link-notes").Class("invalid").Body(
				app.Range(c.LinkNotes).Slice(func(i int) app.UI { return app.Li().Text(c.LinkNotes[i]) }),
			)
		}),
	)
}

// maxNotesShown is how many lines that will not be fetched are named; a
// list pasted far past the cap would otherwise name thousands.
const maxNotesShown = 100

func countText(n, lines, templates int) string {
	switch {
	case n == 0:
		return "No URLs yet."
	case templates > 0:
		return fmt.Sprintf("%d URLs from %d lines (%d templates).", n, lines, templates)
	case n == 1:
		return "1 URL."
	default:
		return fmt.Sprintf("%d URLs.", n)
	}
}
