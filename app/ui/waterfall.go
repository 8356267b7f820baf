package ui

import (
	"strconv"
	"strings"

	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// waterfall draws the run's request timings (app/run lays them out), as
// markup: a run has a bar per request (markup.go says why).
type waterfall struct {
	app.Compo

	W *run.Waterfall
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func (c *waterfall) Render() app.UI {
	w := c.W
	height := coord(w.Height)
	var m markup
	m.open("figure", "id", "waterfall", "class", "waterfall")
	m.open("svg", "viewBox", "0 0 "+coord(run.WaterfallWidth)+" "+height, "role", "img", "aria-labelledby", "waterfall-caption")
	m.open("g", "class", "axis")
	for _, t := range w.Ticks {
		m.open("g")
		m.open("line", "class", "grid", "x1", coord(t.X), "x2", coord(t.X), "y1", coord(run.WaterfallAxis-6), "y2", height)
		m.close("line")
		m.elem("text", t.Label, "class", "tick", "x", coord(t.X), "y", coord(run.WaterfallAxis-9), "text-anchor", t.Anchor)
		m.close("g")
	}
	m.close("g")
	m.open("g", "class", "bars")
	for _, b := range w.Bars {
		m.open("rect", "class", strings.TrimSpace("bar "+b.Status+" "+chainClass(b.Chain)),
			"x", coord(b.X), "y", coord(b.Y), "width", coord(b.W), "height", coord(b.H))
		m.elem("title", b.Title)
		m.close("rect")
	}
	m.close("g")
	m.close("svg")
	m.elem("figcaption", w.Caption, "id", "waterfall-caption")
	m.close("figure")
	return m.ui()
}

// chainClass tells neighbouring chains' bars apart in a paginated run.
func chainClass(chain int) string {
	switch {
	case chain == 0:
		return ""
	case chain%2 == 0:
		return "chain-even"
	}
	return "chain-odd"
}
