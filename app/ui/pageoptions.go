package ui

import (
	"strconv"
	"strings"

	"fanin/app/pages"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The choices of the Next page select.
const (
	nextNone = "none"
	nextLink = "link"
	nextJQ   = "jq"
)

// pagesOptions is how the page follows pages and how politely it asks:
// the Next page rule, the page cap, the rate and the per-host cap.
type pagesOptions struct {
	kind string // nextNone, nextLink or nextJQ
	jq   string // the expression, kept while another kind is chosen
}

// spec is the rule as -next and next= write it: "", "link" or the jq
// expression.
func (p pagesOptions) spec() string {
	switch p.kind {
	case nextLink:
		return pages.LinkRule
	case nextJQ:
		return strings.TrimSpace(p.jq)
	}
	return ""
}

// setSpec takes the rule from a link.
func (p *pagesOptions) setSpec(spec string) {
	switch {
	case spec == "":
		p.kind = nextNone
	case strings.EqualFold(spec, pages.LinkRule):
		p.kind = nextLink
	default:
		p.kind, p.jq = nextJQ, spec
	}
}

// rule reads the rule for a run in the browser; jq runs its expression.
func (p pagesOptions) rule(jq pages.JQ) (pages.Rule, error) {
	r, err := pages.Parse(p.spec(), jq)
	r.Browser = true
	return r, err
}

// renderPages is the fieldset of the options for following pages.
func (c *Page) renderPages() app.UI {
	// A div with role=group rather than a fieldset: every go-app element
	// type the page uses costs its wasm tens of kilobytes.
	return app.Div().ID("pages-options").Class("controls pages-options").Attr("role", "group").Aria("labelledby", "pages-options-title").Body(
		app.Span().ID("pages-options-title").Class("group-title").Text("Pages and politeness"),
		app.Label().For("next-kind").Text("Next page"),
		app.Select().ID("next-kind").OnChange(c.onNextKind).Body(
			c.nextOption(nextNone, "none"), c.nextOption(nextLink, "Link header"), c.nextOption(nextJQ, "jq expression"),
		),
		app.If(c.pages.kind == nextJQ, func() app.UI {
			return app.Input().ID("next-jq").Type("text").Spellcheck(false).Aria("label", "jq expression giving the next page's URL").
				Placeholder(`.next  (or: if .cursor then "?cursor=\(.cursor)" else null end)`).
				Value(c.pages.jq).OnChange(c.onNextJQ)
		}),
		app.Label().For("max-pages").Text("Max pages"),
		app.Input().ID("max-pages").Type("number").Min(1).Max(100000).
			Value(orDefault(c.options.MaxPages, pages.DefaultMaxPages)).OnChange(c.onMaxPages),
		app.Label().For("rate").Text("Requests/s (0: no cap)"),
		app.Input().ID("rate").Type("number").Min(0).Step(0.1).Value(strconv.FormatFloat(c.options.Rate, 'g', -1, 64)).OnChange(c.onRate),
		app.Label().For("per-host").Text("Per host (0: no cap)"),
		app.Input().ID("per-host").Type("number").Min(0).Max(64).Value(c.options.PerHost).OnChange(c.onPerHost),
	)
}

func (c *Page) onNextKind(ctx app.Context, e app.Event) {
	switch v := ctx.JSSrc().Get("value").String(); v {
	case nextNone, nextLink, nextJQ:
		c.pages.kind = v
	}
	c.warmNextJQ()
	c.linkChanged(ctx)
}

// warmNextJQ starts the page's next-page jq worker as soon as the rule is
// a jq expression, so that its start (jq.wasm and Go's) overlaps the
// user's setting up, not the run's first pages.
func (c *Page) warmNextJQ() {
	if w, ok := c.nextJQ.(interface{ Start() }); ok && c.ready && c.pages.kind == nextJQ {
		w.Start()
	}
}

func (c *Page) onNextJQ(ctx app.Context, e app.Event) {
	c.pages.jq = ctx.JSSrc().Get("value").String()
	c.linkChanged(ctx)
}

func (c *Page) onMaxPages(ctx app.Context, e app.Event) {
	c.options.MaxPages = clampInt(inputInt(ctx), 1, 100000, 0)
	c.linkChanged(ctx)
}

func (c *Page) onRate(ctx app.Context, e app.Event) {
	r, err := strconv.ParseFloat(strings.TrimSpace(ctx.JSSrc().Get("value").String()), 64)
	if err != nil || !(r > 0 && r <= 1e6) {
		r = 0
	}
	c.options.Rate = r
	c.linkChanged(ctx)
}

func (c *Page) onPerHost(ctx app.Context, e app.Event) {
	c.options.PerHost = clampInt(inputInt(ctx), 0, 64, 0)
	c.linkChanged(ctx)
}

func (c *Page) nextOption(value, label string) app.UI {
	o := app.Option().Value(value).Text(label)
	if value == c.pages.kind || (c.pages.kind == "" && value == nextNone) {
		o = o.Selected(true)
	}
	return o
}
