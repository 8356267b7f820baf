package ui

import (
	"strconv"

	"fanin/app/table"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tableGrid shows a view of a table's records as table#result-table (th:
// the column names, each a sort button with aria-sort), windowed: only the
// rows near the scroll position are in the DOM, spacer rows stand for the
// rest.
type tableGrid struct {
	app.Compo

	Table  *table.Table
	Rows   []int32 // the records to show, in order
	View   int     // changes with each new view: the grid goes back to the top
	Order  table.Order
	OnSort func(ctx app.Context, col int)

	view     int
	first    int // the window's first row
	top      int // the first row scrolled into view
	viewport int
}

func (c *tableGrid) OnInit() { c.viewport, c.view = 20, c.View }
func (c *tableGrid) OnUpdate(ctx app.Context) {
	if c.View != c.view {
		c.view, c.first, c.top = c.View, 0, 0
		ctx.Defer(func(app.Context) { app.Window().GetElementByID("table-scroll").Set("scrollTop", 0) })
	}
}

// windowRows is how many records are in the DOM at once.
func (c *tableGrid) windowRows() int { return max(c.viewport, 30) + 2*overscan }

// window is the records shown and the spacers standing for the others.
func (c *tableGrid) window() (rows []int32, above, below []int) {
	c.first = max(0, min(c.first, len(c.Rows)-c.windowRows()))
	end := min(len(c.Rows), c.first+c.windowRows())
	return c.Rows[c.first:end], spacers(c.first), spacers(len(c.Rows) - end)
}

// scrolled moves the window when the rows in view near its edges; it
// reports whether anything changed.
func (c *tableGrid) scrolled(top int) bool {
	c.top = top
	if top >= c.first+overscan/3 && top+c.viewport <= c.first+c.windowRows()-overscan/3 || c.first == 0 && top < overscan {
		return false
	}
	c.first = max(0, top-overscan)
	return true
}

func (c *tableGrid) onScroll(ctx app.Context, e app.Event) {
	el := ctx.JSSrc()
	c.viewport = max(1, int(el.Get("clientHeight").Float())/tableRowHeight-1) // less the header
	if !c.scrolled(int(el.Get("scrollTop").Float()) / tableRowHeight) {
		ctx.PreventUpdate()
	}
}

func (c *tableGrid) onSort(ctx app.Context, e app.Event) {
	col, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("col").String())
	if err == nil && c.OnSort != nil {
		c.OnSort(ctx, col)
	}
}

// ariaSort is a header's aria-sort.
func (c *tableGrid) ariaSort(col int) string {
	switch {
	case c.Order.Col != col:
		return "none"
	case c.Order.Desc:
		return "descending"
	}
	return "ascending"
}

func (c *tableGrid) Render() app.UI {
	cols := c.Table.Columns()
	rows, above, below := c.window()
	spacer := func(classes []int) func(int) app.UI {
		return func(i int) app.UI {
			return app.Tr().Class("sp sp-"+strconv.Itoa(classes[i])).Aria("hidden", true).Body(app.Td().ColSpan(len(cols)))
		}
	}
	return app.Div().ID("table-scroll").Class("table-scroll").Role("region").Aria("label", "Records").TabIndex(0).OnScroll(c.onScroll).Body(
		app.Table().ID("result-table").DataSet("rows", len(c.Rows)).Aria("rowcount", len(c.Rows)+1).Body(
			app.THead().Body(app.Tr().Body(app.Range(cols).Slice(func(i int) app.UI {
				return app.Th().Scope("col").Aria("sort", c.ariaSort(i)).Body(
					app.Button().Class("sort").DataSet("col", i).OnClick(c.onSort).
						Title("Sort by " + cols[i]).Text(cols[i]),
				)
			}))),
			app.TBody().Body(
				app.Range(above).Slice(spacer(above)),
				app.Range(rows).Slice(func(i int) app.UI {
					return c.row(int(rows[i]), len(cols), c.first+i)
				}),
				app.Range(below).Slice(spacer(below)),
			),
		),
	)
}

// row is one record: each cell its text, with its JSON type as a class.
func (c *tableGrid) row(rec, cols, at int) app.UI {
	return app.Tr().Class("rec").Aria("rowindex", at+2).Body(app.Range(make([]struct{}, cols)).Slice(func(col int) app.UI {
		k := c.Table.Kind(rec, col)
		text := c.Table.Text(rec, col)
		if k == table.Null {
			text = "null"
		}
		return app.Td().Class(k.String()).Title(text).Text(text)
	}))
}

// groupDigits writes n with thousands separators: 100,000.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
