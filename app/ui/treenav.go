package ui

import (
	"context"
	"fmt"

	"fanin/app/jsontree"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Keyboard and search for treeView: the tree is one tab stop, and the
// arrows move the selection as in a file tree (WAI-ARIA tree pattern).

func (c *treeView) onKeyDown(ctx app.Context, e app.Event) {
	if c.key(ctx, e.Get("key").String()) {
		e.PreventDefault()
		return
	}
	ctx.PreventUpdate()
}

// key applies a key press and reports whether it was one of the tree's.
func (c *treeView) key(ctx app.Context, k string) bool {
	if c.view == nil {
		return false
	}
	t := c.doc.tree
	r, ok := c.view.RowOf(c.selected)
	if !ok {
		r = 0
	}
	open := c.view.IsExpanded(c.selected)
	switch k {
	case "ArrowDown":
		c.moveTo(ctx, r+1)
	case "ArrowUp":
		c.moveTo(ctx, r-1)
	case "PageDown":
		c.moveTo(ctx, r+c.viewport)
	case "PageUp":
		c.moveTo(ctx, r-c.viewport)
	case "Home":
		c.moveTo(ctx, 0)
	case "End":
		c.moveTo(ctx, c.view.Total()-1)
	case "ArrowRight":
		if t.Kind(c.selected).Container() && !open {
			c.act("toggle", c.selected)
		} else if open && t.Len(c.selected) > 0 {
			c.moveTo(ctx, r+1)
		}
	case "ArrowLeft":
		if open && c.selected != t.Root() {
			c.act("toggle", c.selected)
		} else if p := t.Parent(c.selected); p != jsontree.None {
			c.selectNode(p)
			if pr, ok := c.view.RowOf(p); ok {
				c.show(ctx, pr)
			}
		}
	case "Enter", " ":
		if t.Kind(c.selected).Container() {
			c.act("toggle", c.selected)
		}
	default:
		return false
	}
	return true
}

// moveTo selects the node on row r; landing on a "show more" line shows
// the next page and selects its first new item.
func (c *treeView) moveTo(ctx app.Context, r int) {
	r = max(0, min(r, c.view.Total()-1))
	rows := c.view.Rows(r, 1)
	if len(rows) == 0 {
		return
	}
	if rows[0].More > 0 {
		c.view.ShowMore(rows[0].ID)
		if rows = c.view.Rows(r, 1); len(rows) == 0 {
			return
		}
	}
	c.selectNode(rows[0].ID)
	c.show(ctx, r)
}

// search looks for q after the selected node (before it when going back),
// a slice at a time so a 100 MB document never holds the page.
func (c *treeView) search(ctx app.Context, q string, forward bool) {
	c.stopSearch()
	if c.view == nil {
		return
	}
	if q == "" {
		c.query, c.status = "", ""
		c.refresh()
		return
	}
	doc, run := c.doc, c.searchRun
	s := doc.tree.NewSearcher(q, c.selected, forward)
	runCtx, cancel := context.WithCancel(context.Background())
	c.cancel, c.searching, c.status = cancel, true, "Searching…"
	ctx.Async(func() {
		defer cancel()
		err := doc.pacer.Run(runCtx, func() bool { return s.Step(searchBudget) }, func() {
			p := int(s.Progress() * 100)
			ctx.Dispatch(func(ctx app.Context) {
				if c.searchRun == run {
					c.status = fmt.Sprintf("Searching… %d %%", p)
				}
			})
		})
		hit, ok := s.Result()
		ctx.Dispatch(func(ctx app.Context) {
			if c.searchRun != run || c.doc != doc || err != nil {
				return
			}
			c.cancel, c.searching = nil, false
			c.found(ctx, q, hit, ok)
		})
	})
}

// found shows a search's outcome: the hit opened, selected and scrolled
// to, and every matching row in the window highlighted.
func (c *treeView) found(ctx app.Context, q string, hit jsontree.NodeID, ok bool) {
	c.query = q
	if !ok {
		c.status = fmt.Sprintf("No match for %q.", q)
		c.refresh()
		return
	}
	r, _ := c.view.Reveal(hit)
	c.selectNode(hit)
	c.status = "Match at " + c.path
	c.show(ctx, r)
}

func (c *treeView) onStopSearch(ctx app.Context) {
	if c.searching {
		c.stopSearch()
		c.status = "Search stopped."
	}
}

func (c *treeView) stopSearch() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.searching = false
	c.searchRun++
}
