package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// resultView shows the combined JSON: a one-line summary of the run and the
// document itself, pretty-printed, exactly as Download would save it.
type resultView struct {
	app.Compo

	Raw     string
	Summary string
}

func (c *resultView) Render() app.UI {
	return app.Section().Class("result").Body(
		app.H2().Text("Combined JSON"),
		app.P().ID("summary").Aria("live", "polite").Text(c.Summary),
		app.If(c.Raw != "", func() app.UI {
			return app.Pre().ID("result-raw").Aria("label", "Combined JSON").Text(c.Raw)
		}).Else(func() app.UI {
			return app.P().Class("empty").Text("Press Fetch to see the combined JSON here.")
		}),
	)
}
