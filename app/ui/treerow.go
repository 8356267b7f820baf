package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fanin/app/jsontree"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxDepthClass is the deepest indent class in fanin.css; deeper rows
// share it.
const maxDepthClass = 20

// maxShown is how much of a long string a row shows; Copy value gives it all.
const maxShown = 400

// treeRow is one line of the tree: a node with its key (or index), its value
// or a summary of its children, or the "show more" line of a long container.
// Its fields are plain values so go-app skips rows that did not change; the
// tree view handles clicks for every row at once (data-act, data-id).
type treeRow struct {
	app.Compo

	ID        int
	Depth     int
	Kind      string // a jsontree kind name
	Container bool
	Expanded  bool
	Key       string // the member's key, or "[3]" for an array item
	IsIndex   bool
	Value     string // a scalar's text, or a container's summary
	Link      bool   // Value is an http(s) URL
	Label     string // for a URL's top-level node: the URL, status and size
	Failed    bool   // that URL failed
	More      int    // > 0: the "show more" line, with More children hidden
	Page      int    // children a "show more" click adds
	Selected  bool
	Hit       bool // the node matches the search
}

// newTreeRow describes row r of a view of t; label is "" unless the node is
// a URL's top-level node.
func newTreeRow(t *jsontree.Tree, r jsontree.Row, page int) *treeRow {
	id := r.ID
	row := &treeRow{ID: int(id), Depth: r.Depth, More: r.More, Page: page}
	if r.More > 0 {
		return row
	}
	k := t.Kind(id)
	row.Kind, row.Container, row.Expanded = k.String(), k.Container(), r.Expanded
	switch {
	case t.IsMember(id):
		row.Key = t.Key(id)
	case t.Parent(id) != jsontree.None:
		row.Key, row.IsIndex = "["+strconv.Itoa(t.Index(id))+"]", true
	}
	switch k {
	case jsontree.Array:
		row.Value = plural(t.Len(id), "item")
	case jsontree.Object:
		row.Value = plural(t.Len(id), "key")
	case jsontree.String:
		lit := t.Literal(id)
		if len(lit) > 4*maxShown {
			// a long string is shown by a prefix of its literal (escapes and
			// all) rather than by unquoting megabytes per frame
			row.Value = truncate(strings.ToValidUTF8(string(lit[1:4*maxShown]), ""))
			if !strings.HasSuffix(row.Value, "…") {
				row.Value += "…"
			}
			return row
		}
		row.Value = t.Text(id)
		row.Link = jsontree.IsLinkable(row.Value)
		if !row.Link {
			row.Value = truncate(row.Value)
		}
	default:
		row.Value = truncate(string(t.Literal(id)))
	}
	return row
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	r := []rune(s)
	return string(r[:maxShown]) + "…"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func (c *treeRow) class() string {
	cls := "tree-row depth-" + strconv.Itoa(min(c.Depth, maxDepthClass))
	if c.Selected {
		cls += " selected"
	}
	if c.Hit {
		cls += " hit"
	}
	if c.More > 0 {
		cls += " more"
	}
	return cls
}

func (c *treeRow) Render() app.UI {
	if c.More > 0 {
		return app.Div().Class(c.class()).Role("none").Body(
			app.Button().Class("show-more").DataSet("act", "more").DataSet("id", c.ID).TabIndex(-1).
				Text(fmt.Sprintf("Show %d more (%d hidden)", min(c.Page, c.More), c.More)),
		)
	}
	row := app.Div().Class(c.class()).ID(fmt.Sprintf("node-%d", c.ID)).Role("treeitem").
		Aria("level", c.Depth+1).Aria("selected", c.Selected).
		DataSet("act", "select").DataSet("id", c.ID).DataSet("kind", c.Kind)
	if c.Container {
		row = row.Aria("expanded", c.Expanded)
	}
	return row.Body(
		app.If(c.Container, func() app.UI {
			return app.Button().Class("twisty").DataSet("act", "toggle").DataSet("id", c.ID).TabIndex(-1).
				Aria("label", map[bool]string{true: "Collapse", false: "Expand"}[c.Expanded]).
				Text(map[bool]string{true: "▾", false: "▸"}[c.Expanded])
		}).Else(func() app.UI {
			return app.Span().Class("twisty")
		}),
		app.If(c.Key != "", func() app.UI {
			cls := "key"
			if c.IsIndex {
				cls = "key index"
			}
			return app.Span().Class(cls).Text(c.Key)
		}),
		app.If(c.Label != "", func() app.UI {
			cls := "url-label"
			if c.Failed {
				cls += " failed"
			}
			return app.Span().Class(cls).Text(c.Label)
		}),
		app.If(c.Link, func() app.UI {
			return app.A().Class("val string").Href(c.Value).Rel("noopener noreferrer").Target("_blank").Text(c.Value)
		}).Else(func() app.UI {
			return app.Span().Class("val " + c.Kind).Text(c.Value)
		}),
	)
}
