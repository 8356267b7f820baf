package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// progressBar shows how far a run is, how many URLs failed, and how much
// time fetching them together saved.
type progressBar struct {
	app.Compo

	Done, Total, Failed int
	Speedup             string // the run's, from app/run
	Announcement        string // "" between announcements (app/run throttles them)
}

func (c *progressBar) Render() app.UI {
	return app.Section().ID("progress").Class("progress").Aria("label", "Progress").Body(
		app.Div().Class("progress-line").Body(
			app.Progress().ID("progress-bar").Max(max(c.Total, 1)).Value(c.Done).Aria("label", "URLs done"),
			app.Span().ID("progress-count").Text(fmt.Sprintf("%d / %d done", c.Done, c.Total)),
			app.If(c.Failed > 0, func() app.UI {
				return app.Span().ID("progress-failed").Class("failed").Text(fmt.Sprintf("%d failed", c.Failed))
			}),
		),
		app.P().ID("speedup").Text(c.Speedup),
		app.P().ID("progress-announce").Class("visually-hidden").Aria("live", "polite").Aria("atomic", "true").Text(c.Announcement),
	)
}
