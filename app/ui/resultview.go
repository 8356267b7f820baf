package ui

import (
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// resultView shows the combined JSON: a one-line summary of the run and the
// document itself, pretty-printed, exactly as Download would save it.
type resultView struct {
	app.Compo

	Outcome *Outcome
	Summary string
	JQ      string // the jq filter a link carried
	Env     webenv.Env
	OnJQ    func(ctx app.Context, expr string)

	raw string // Outcome.Raw as text, converted once per outcome
}

func (c *resultView) OnInit()                  { c.convert() }
func (c *resultView) OnUpdate(ctx app.Context) { c.convert() }

func (c *resultView) convert() {
	c.raw = ""
	if c.Outcome != nil {
		c.raw = string(c.Outcome.Raw)
	}
}

func (c *resultView) Render() app.UI {
	return app.Section().Class("result").Body(
		app.H2().Text("Combined JSON"),
		app.P().ID("summary").Aria("live", "polite").Text(c.Summary),
		app.If(c.raw != "", func() app.UI {
			return app.Pre().ID("result-raw").Aria("label", "Combined JSON").Text(c.raw)
		}).Else(func() app.UI {
			return app.P().Class("empty").Text("Press Fetch to see the combined JSON here.")
		}),
	)
}
