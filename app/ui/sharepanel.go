package ui

import (
	"fmt"

	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// longLink is where chat apps start cutting links.
const longLink = 2000

// sharePanel copies the page's link: as it is, or with run=1 so that it
// fetches when opened. It shows the link's length and warns when it is long.
type sharePanel struct {
	app.Compo

	Link    string
	Length  int
	Command string // the equivalent fanin get command line
	Env     webenv.Env

	message string
}

func (c *sharePanel) copy(text, what string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if text == "" || c.Env == nil {
			return
		}
		wait := c.Env.CopyText(text) // now, inside the click: browsers want a gesture
		n := len(text)
		ctx.Async(func() {
			err := wait()
			ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					c.message = "Could not copy: " + err.Error()
					return
				}
				c.message = fmt.Sprintf("%s copied: %d characters.", what, n)
			})
		})
	}
}

func (c *sharePanel) Render() app.UI {
	runLink := ""
	if c.Link != "" {
		runLink = c.Link + "&run=1"
	}
	return app.Div().ID("share").Class("share").Body(
		disabledIf(app.Button().ID("share-link").OnClick(c.copy(c.Link, "Link"), app.EventScope(c.Link)), c.Link == "").Text("Copy link"),
		disabledIf(app.Button().ID("share-run").OnClick(c.copy(runLink, "Link"), app.EventScope(runLink)), c.Link == "").Text("Copy link that fetches"),
		disabledIf(app.Button().ID("copy-command").OnClick(c.copy(c.Command, "Command"), app.EventScope(c.Command)), c.Command == "").
			Title("The fanin get command line for this list and these options (request headers are left out)").Text("Copy as command"),
		app.Span().ID("share-status").Aria("live", "polite").Text(c.message),
		app.If(c.Length > longLink, func() app.UI {
			return app.P().ID("share-warning").Class("warning").Text(fmt.Sprintf(
				"This link is %d characters long; some chat apps cut links past %d. A URL template such as ?page=[1-50] keeps it short.",
				c.Length, longLink))
		}),
	)
}
