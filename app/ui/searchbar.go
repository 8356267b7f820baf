package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// searchBar is the tree's search box: Enter or Next finds the next node
// whose key or value contains the text (ignoring case), Shift+Enter or
// Previous the one before; Stop ends a long search.
type searchBar struct {
	app.Compo

	Busy     bool
	OnSearch func(ctx app.Context, query string, forward bool)
	OnStop   func(ctx app.Context)

	query string
}

func (c *searchBar) onInput(ctx app.Context, e app.Event) {
	c.query = ctx.JSSrc().Get("value").String()
}

func (c *searchBar) onKeyDown(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter":
		e.PreventDefault()
		c.find(ctx, !e.Get("shiftKey").Bool())
	case "Escape":
		c.stop(ctx)
	}
}

func (c *searchBar) onNext(ctx app.Context, e app.Event) { c.find(ctx, true) }
func (c *searchBar) onPrev(ctx app.Context, e app.Event) { c.find(ctx, false) }
func (c *searchBar) onStop(ctx app.Context, e app.Event) { c.stop(ctx) }

func (c *searchBar) find(ctx app.Context, forward bool) {
	if c.OnSearch != nil {
		c.OnSearch(ctx, c.query, forward)
	}
}

func (c *searchBar) stop(ctx app.Context) {
	if c.OnStop != nil {
		c.OnStop(ctx)
	}
}

func (c *searchBar) Render() app.UI {
	return app.Div().Class("search").Role("search").Body(
		app.Label().For("search").Class("visually-hidden").Text("Search keys and values"),
		app.Input().ID("search").Type("search").Placeholder("Search keys and values").
			Value(c.query).OnInput(c.onInput).OnKeyDown(c.onKeyDown),
		app.Button().ID("search-prev").OnClick(c.onPrev).Aria("label", "Previous match").Text("↑ Prev"),
		app.Button().ID("search-next").OnClick(c.onNext).Aria("label", "Next match").Text("↓ Next"),
		app.If(c.Busy, func() app.UI {
			return app.Button().ID("search-stop").OnClick(c.onStop).Text("Stop")
		}),
	)
}
