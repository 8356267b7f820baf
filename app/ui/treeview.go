package ui

import (
	"context"
	"fmt"
	"math/bits"
	"strconv"

	"fanin/app/jsontree"
	"fanin/app/pace"
	"fanin/app/result"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The tree is virtualized without inline styles (the page's CSP forbids
// them): rows have a fixed height set by a class, and the rows above and
// below the rendered window are stood in for by spacer divs whose heights
// are classes for powers of two rows (sp-0 … sp-20), so any count is exact
// with at most 21 divs. Scrolling re-renders the window from scrollTop.
const (
	rowHeight     = 22 // px, as .tree-row in fanin.css
	overscan      = 20 // rows kept above the first visible one, and below the last
	maxExpandRows = 100_000
	maxSpacerBit  = 20
	searchBudget  = 20_000 // nodes per Searcher step
)

// treeDoc is an indexed document and, when its top-level children are one
// per URL (array, object and envelope modes), what to show beside each.
type treeDoc struct {
	tree   *jsontree.Tree
	labels []result.Label
	pacer  *pace.Pacer // shares the page's thread while searching
}

// treeView shows a treeDoc as a collapsible tree, with search, the
// selected node's path, and copying of that path or value.
type treeView struct {
	app.Compo

	Doc     *treeDoc
	Env     webenv.Env
	Visible bool // its tab is shown

	doc        *treeDoc
	view       *jsontree.View
	first      int // the window's first row
	top        int // the first row scrolled into view
	viewport   int // rows the scroll box shows
	total      int
	rows       []*treeRow
	above      []int // spacer classes standing for the rows above the window
	below      []int
	selected   jsontree.NodeID
	path       string
	level      int // rows down to this depth are open after "Expand a level"
	query      string
	searching  bool
	searchRun  int
	cancel     context.CancelFunc
	status     string
	wasVisible bool
}

func newTreeView(doc *treeDoc, env webenv.Env) *treeView {
	return &treeView{Doc: doc, Env: env}
}

func (c *treeView) OnInit() { c.sync() }
func (c *treeView) OnUpdate(ctx app.Context) {
	c.sync()
	if c.Visible && !c.wasVisible {
		// a hidden box loses its scroll position: put it back
		px := c.top * rowHeight
		ctx.Defer(func(app.Context) { app.Window().GetElementByID("tree").Set("scrollTop", px) })
	}
	c.wasVisible = c.Visible
}
func (c *treeView) OnDismount() { c.stopSearch() }

// sync starts over when the document changes.
func (c *treeView) sync() {
	if c.Doc == c.doc && (c.view != nil || c.doc == nil) {
		return
	}
	c.stopSearch()
	c.doc, c.view, c.rows = c.Doc, nil, nil
	c.first, c.top, c.level, c.query, c.status = 0, 0, 1, "", ""
	c.viewport = max(c.viewport, 20)
	if c.doc == nil {
		return
	}
	c.view = jsontree.NewView(c.doc.tree, 0)
	c.selectNode(c.doc.tree.Root())
}

// windowRows is how many rows are in the DOM at once: those in view and
// overscan on either side. Every row is DOM built from Go, which costs
// about 20 times what JS would, so the window is no bigger than that.
func (c *treeView) windowRows() int { return max(c.viewport, 30) + 2*overscan }

// refresh recomputes the window of rows and the spacers around it.
func (c *treeView) refresh() {
	if c.view == nil {
		return
	}
	t := c.doc.tree
	c.total = c.view.Total()
	c.first = max(0, min(c.first, c.total-c.windowRows()))
	c.rows = c.rows[:0]
	for _, r := range c.view.Rows(c.first, c.windowRows()) {
		row := newTreeRow(t, r, jsontree.DefaultPage)
		if r.More == 0 {
			row.Selected = r.ID == c.selected
			if c.query != "" {
				k, v := t.Match(r.ID, c.query)
				row.Hit = k || v
			}
			if r.Depth == 1 && c.doc.labels != nil {
				if i := t.Index(r.ID); i < len(c.doc.labels) {
					row.Label, row.Failed = c.doc.labels[i].Text, c.doc.labels[i].Failed
				}
			}
		}
		c.rows = append(c.rows, row)
	}
	c.above = spacers(c.first)
	c.below = spacers(c.total - c.first - len(c.rows))
}

// spacers splits n rows into powers of two, as spacer classes.
func spacers(n int) []int {
	var out []int
	for n > 0 {
		b := min(bits.Len(uint(n))-1, maxSpacerBit)
		out = append(out, b)
		n -= 1 << b
	}
	return out
}

// scrolled moves the window when the rows in view near its edges; it
// reports whether anything changed.
func (c *treeView) scrolled(top int) bool {
	c.top = top
	if top >= c.first+overscan/3 && top+c.viewport <= c.first+c.windowRows()-overscan/3 || c.first == 0 && top < overscan {
		return false
	}
	c.first = max(0, top-overscan)
	c.refresh()
	return true
}

func (c *treeView) onScroll(ctx app.Context, e app.Event) {
	el := ctx.JSSrc()
	c.viewport = max(1, int(el.Get("clientHeight").Float())/rowHeight)
	if !c.scrolled(int(el.Get("scrollTop").Float()) / rowHeight) {
		ctx.PreventUpdate()
	}
}

// onClick handles every row's clicks: the row, its twisty or its "show
// more" button says what it is through data-act and data-id.
func (c *treeView) onClick(ctx app.Context, e app.Event) {
	el := e.Get("target").Call("closest", "[data-act]")
	if !el.Truthy() {
		return
	}
	id, err := strconv.Atoi(el.Get("dataset").Get("id").String())
	if err != nil {
		return
	}
	c.act(el.Get("dataset").Get("act").String(), jsontree.NodeID(id))
}

func (c *treeView) act(act string, id jsontree.NodeID) {
	if c.view == nil {
		return
	}
	switch act {
	case "toggle":
		c.view.Toggle(id)
		c.selectNode(id)
	case "select":
		c.selectNode(id)
	case "more":
		c.view.ShowMore(id)
		c.refresh()
	}
}

func (c *treeView) selectNode(id jsontree.NodeID) {
	c.selected = id
	c.path = c.doc.tree.Path(id)
	c.refresh()
}

// show makes row r visible, scrolling the box when it is out of view.
func (c *treeView) show(ctx app.Context, r int) {
	if r >= c.top && r < c.top+c.viewport {
		return
	}
	c.top = max(0, r-c.viewport/2)
	c.first = max(0, c.top-overscan)
	c.refresh()
	px := c.top * rowHeight
	ctx.Defer(func(app.Context) {
		app.Window().GetElementByID("tree").Set("scrollTop", px)
	})
}

func (c *treeView) onExpandLevel(ctx app.Context, e app.Event) {
	c.level++
	c.expanded(c.view.ExpandLevel(c.level, maxExpandRows))
}

func (c *treeView) onExpandAll(ctx app.Context, e app.Event) {
	c.expanded(c.view.ExpandAll(maxExpandRows))
}

func (c *treeView) onCollapseAll(ctx app.Context, e app.Event) {
	c.view.CollapseAll()
	c.level = 1
	c.status = ""
	c.refresh()
}

func (c *treeView) expanded(complete bool) {
	c.status = fmt.Sprintf("%d rows open.", c.view.Total())
	if !complete {
		c.status = fmt.Sprintf("Opened the first %d rows; the rest stay closed (expand them one by one).", c.view.Total())
	}
	c.refresh()
}

func (c *treeView) onCopyPath(ctx app.Context, e app.Event) {
	copyText(ctx, c.Env, c.path, "Path", &c.status)
}

func (c *treeView) onCopyValue(ctx app.Context, e app.Event) {
	if c.doc != nil {
		copyText(ctx, c.Env, string(c.doc.tree.Literal(c.selected)), "Value", &c.status)
	}
}

func (c *treeView) Render() app.UI {
	if c.view == nil {
		return app.Div().Class("tree-panel")
	}
	return app.Div().Class("tree-panel").Body(
		app.Div().Class("tree-tools").Body(
			app.Button().ID("expand-level").OnClick(c.onExpandLevel).Text("Expand a level"),
			app.Button().ID("expand-all").OnClick(c.onExpandAll).Text("Expand all"),
			app.Button().ID("collapse-all").OnClick(c.onCollapseAll).Text("Collapse all"),
			&searchBar{Busy: c.searching, OnSearch: c.search, OnStop: c.onStopSearch},
		),
		app.Div().Class("tree-path").Body(
			app.Span().Text("Path "),
			app.Code().ID("tree-path").Text(c.path),
			app.Button().ID("copy-path").OnClick(c.onCopyPath).Text("Copy path"),
			app.Button().ID("copy-value").OnClick(c.onCopyValue).Text("Copy value"),
			app.Span().ID("tree-status").Aria("live", "polite").Text(c.status),
		),
		app.Div().ID("tree").Class("tree-scroll").Role("tree").TabIndex(0).
			Aria("label", "Combined JSON as a tree").DataSet("rows", c.total).
			OnScroll(c.onScroll).OnClick(c.onClick).OnKeyDown(c.onKeyDown).Body(
			app.Div().Role("none").Body(app.Range(c.above).Slice(func(i int) app.UI {
				return app.Div().Class("sp sp-" + strconv.Itoa(c.above[i]))
			})),
			app.Div().Class("tree-rows").Role("none").Body(app.Range(c.rows).Slice(func(i int) app.UI {
				return c.rows[i]
			})),
			app.Div().Role("none").Body(app.Range(c.below).Slice(func(i int) app.UI {
				return app.Div().Class("sp sp-" + strconv.Itoa(c.below[i]))
			})),
		),
	)
}
