package ui

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// recentLists offers the last lists fetched on this browser (kept in its
// localStorage, never sent anywhere) and a way to forget them.
type recentLists struct {
	app.Compo

	Lists   []string
	OnPick  func(ctx app.Context, text string)
	OnClear func(ctx app.Context)
}

func (c *recentLists) pick(text string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.OnPick != nil {
			c.OnPick(ctx, text)
		}
	}
}

func (c *recentLists) clear(ctx app.Context, e app.Event) {
	if c.OnClear != nil {
		c.OnClear(ctx)
	}
}

func (c *recentLists) Render() app.UI {
	return app.Details().ID("recent").Class("recent").Body(
		app.Summary().Text(fmt.Sprintf("Recent lists (%d, kept in this browser only)", len(c.Lists))),
		app.Ul().Body(app.Range(c.Lists).Slice(func(i int) app.UI {
			// The scope tells go-app the handler changed when the list at i
			// did; a hash of the list, not the list (go-app compares and
			// keeps the scope, and a list can be 100 KB).
			return app.Li().Body(app.Button().Class("link").OnClick(c.pick(c.Lists[i]), app.EventScope(listScope(c.Lists[i]))).Text(recentLabel(c.Lists[i])))
		})),
		app.Button().ID("clear-recent").OnClick(c.clear).Text("Forget these lists"),
	)
}

// listScope is a short key for a list's text: its FNV-1a hash.
func listScope(text string) string {
	h := fnv.New64a()
	h.Write([]byte(text)) //nolint:errcheck // never fails
	return strconv.FormatUint(h.Sum64(), 36)
}
