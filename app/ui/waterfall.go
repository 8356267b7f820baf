package ui

import (
	"strconv"

	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// svgNS makes go-app create SVG elements with createElementNS: made with
// createElement, an <svg> is an unknown HTML element and draws nothing.
const svgNS = "http://www.w3.org/2000/svg"

// waterfall draws the run's request timings (app/run lays them out).
type waterfall struct {
	app.Compo

	W *run.Waterfall
}

func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func (c *waterfall) Render() app.UI {
	w := c.W
	height := coord(w.Height)
	return app.Figure().ID("waterfall").Class("waterfall").Body(
		svgElem("svg").
			Attr("viewBox", "0 0 "+coord(run.WaterfallWidth)+" "+height).
			Attr("role", "img").
			Aria("labelledby", "waterfall-caption").
			Body(
				svgElem("g").Class("axis").Body(app.Range(w.Ticks).Slice(func(i int) app.UI {
					t := w.Ticks[i]
					return svgElem("g").Body(
						svgElem("line").Class("grid").Attr("x1", coord(t.X)).Attr("x2", coord(t.X)).Attr("y1", coord(run.WaterfallAxis-6)).Attr("y2", height),
						svgElem("text").Class("tick").Attr("x", coord(t.X)).Attr("y", coord(run.WaterfallAxis-9)).Attr("text-anchor", t.Anchor).Text(t.Label),
					)
				})),
				svgElem("g").Class("bars").Body(app.Range(w.Bars).Slice(func(i int) app.UI {
					b := w.Bars[i]
					return svgElem("rect").Class("bar", b.Status, chainClass(b.Chain)).
						Attr("x", coord(b.X)).Attr("y", coord(b.Y)).Attr("width", coord(b.W)).Attr("height", coord(b.H)).
						Body(svgElem("title").Text(b.Title))
				})),
			),
		app.FigCaption().ID("waterfall-caption").Text(w.Caption),
	)
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
