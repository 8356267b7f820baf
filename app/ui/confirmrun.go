package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxConfirmShown is how many URLs the confirmation lists by name.
const maxConfirmShown = 20

// confirmRun asks before a link fetches URLs on this machine or the user's
// own network: a page elsewhere must not use a visitor's browser to reach
// them without a click.
type confirmRun struct {
	app.Compo

	URLs      []string
	OnConfirm app.EventHandler
	OnDismiss app.EventHandler
}

func (c *confirmRun) Render() app.UI {
	shown := c.URLs[:min(len(c.URLs), maxConfirmShown)]
	return app.Section().ID("confirm").Class("confirm").Aria("live", "assertive").Body(
		app.P().Text(fmt.Sprintf("This link asks to fetch %d URLs on this machine or your local network. Fetch them?", len(c.URLs))),
		app.Ul().Body(app.Range(shown).Slice(func(i int) app.UI { return app.Li().Class("url").Text(shown[i]) })),
		app.If(len(c.URLs) > len(shown), func() app.UI {
			return app.P().Text(fmt.Sprintf("…and %d more.", len(c.URLs)-len(shown)))
		}),
		app.Button().ID("confirm-run").Class("primary").OnClick(c.OnConfirm).Text("Fetch them"),
		app.Button().ID("confirm-dismiss").OnClick(c.OnDismiss).Text("Not now"),
	)
}
