package ui

import (
	"fmt"
	"strings"
	"testing"

	"fanin/app/jsontree"
	"fanin/app/pace"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func newDoc(t *testing.T, doc string) *treeDoc {
	t.Helper()
	tree, err := jsontree.Index([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return &treeDoc{tree: tree, pacer: pace.New(nil, nil)}
}

// records makes an array of n objects, each with an id, a name and tags.
func records(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": %d, "name": "item %d", "tags": ["t%d", "x"]}`, i, i, i%7)
	}
	b.WriteString("]")
	return b.String()
}

func paths(c *treeView) []string {
	var out []string
	for _, r := range c.rows {
		if r.More > 0 {
			out = append(out, fmt.Sprintf("(%d more)", r.More))
			continue
		}
		out = append(out, c.doc.tree.Path(jsontree.NodeID(r.ID)))
	}
	return out
}

func TestTreeView(t *testing.T) {
	t.Run("it opens with the root expanded and its children closed", func(t *testing.T) {
		c := newTreeView(newDoc(t, `[{"a": 1}, [2, 3], "x"]`), nil)
		mount(t, c)
		if got := strings.Join(paths(c), " "); got != ". .[0] .[1] .[2]" {
			t.Fatalf("got rows %s", got)
		}
		if c.rows[1].Expanded || !c.rows[1].Container || c.path != "." {
			t.Fatalf("got %+v, path %q", c.rows[1], c.path)
		}
		html := app.HTMLString(c)
		if !strings.Contains(html, `role="tree"`) || strings.Count(html, `role="treeitem"`) != 4 {
			t.Fatalf("got %s", html)
		}
	})
	t.Run("expanding a node adds only its children, and selects it", func(t *testing.T) {
		c := newTreeView(newDoc(t, `[{"a": 1, "b": {"c": 2}}, 5]`), nil)
		c.sync()
		c.act("toggle", 1)
		if got := strings.Join(paths(c), " "); got != ". .[0] .[0].a .[0].b .[1]" {
			t.Fatalf("got rows %s", got)
		}
		if c.path != ".[0]" {
			t.Fatalf("got path %q", c.path)
		}
		c.act("toggle", 1)
		if got := strings.Join(paths(c), " "); got != ". .[0] .[1]" {
			t.Fatalf("after collapsing got %s", got)
		}
	})
	t.Run("a long array shows a page, then more on demand", func(t *testing.T) {
		c := newTreeView(newDoc(t, records(1200)), nil)
		c.sync()
		if c.total != 1+jsontree.DefaultPage+1 {
			t.Fatalf("got %d rows, want a page and a show-more line", c.total)
		}
		last := c.view.Rows(c.total-1, 1)[0]
		if last.More != 1200-jsontree.DefaultPage {
			t.Fatalf("got %+v", last)
		}
		c.act("more", 0)
		if c.total != 1+2*jsontree.DefaultPage+1 {
			t.Fatalf("after show more got %d rows", c.total)
		}
	})
	t.Run("only a window of rows is rendered, with spacers for the rest", func(t *testing.T) {
		c := newTreeView(newDoc(t, records(20000)), nil)
		c.sync()
		c.view.ExpandAll(maxExpandRows)
		c.refresh()
		if len(c.rows) != c.windowRows() {
			t.Fatalf("got %d rows in the window", len(c.rows))
		}
		c.viewport = 30
		if !c.scrolled(2000) {
			t.Fatal("scrolling far did not move the window")
		}
		if c.first != 2000-overscan {
			t.Fatalf("got window at %d", c.first)
		}
		sum := func(bs []int) (n int) {
			for _, b := range bs {
				n += 1 << b
			}
			return n
		}
		if a, b := sum(c.above), sum(c.below); a != c.first || a+len(c.rows)+b != c.total {
			t.Fatalf("spacers stand for %d and %d rows around %d of %d", a, b, len(c.rows), c.total)
		}
		if c.scrolled(2001) {
			t.Fatal("a one-row scroll re-rendered the window")
		}
		html := app.HTMLString(newTreeViewMounted(t, c))
		if n := strings.Count(html, `class="tree-row `); n > c.windowRows() {
			t.Fatalf("%d rows in the DOM", n)
		}
	})
	t.Run("paths use jq syntax", func(t *testing.T) {
		c := newTreeView(newDoc(t, `[{"items": [{"name": "n", "a b": 1}]}]`), nil)
		c.sync()
		tree := c.doc.tree
		id, _ := tree.Search("a b", jsontree.None, true)
		r, _ := c.view.Reveal(id)
		c.selectNode(id)
		if c.path != `.[0].items[0]."a b"` || r != 5 {
			t.Fatalf("got %q at row %d", c.path, r)
		}
	})
}

// newTreeViewMounted mounts c as it is (OnInit keeps a view it already has).
func newTreeViewMounted(t *testing.T, c *treeView) *treeView {
	t.Helper()
	mount(t, c)
	return c
}

func TestTreeViewSearchAndKeys(t *testing.T) {
	ctx, e := liveContext(t)
	env := webenv.NewMemory("localhost", "")
	c := newTreeView(newDoc(t, records(2000)), env)
	c.sync()

	search := func(q string, forward bool) {
		t.Helper()
		c.search(ctx, q, forward)
		e.ConsumeAll()
	}
	t.Run("next finds the first match after the selection and opens the way to it", func(t *testing.T) {
		search("item 1500", true)
		if c.path != ".[1500].name" {
			t.Fatalf("got %q (%s)", c.path, c.status)
		}
		r, ok := c.view.RowOf(c.selected)
		if !ok || r < c.first || r >= c.first+len(c.rows) {
			t.Fatalf("the hit (row %d) is not in the window at %d", r, c.first)
		}
		hits := 0
		for _, row := range c.rows {
			if row.Hit {
				hits++
			}
		}
		if hits != 1 {
			t.Fatalf("got %d highlighted rows, want 1", hits)
		}
	})
	t.Run("next and previous walk the matches and wrap", func(t *testing.T) {
		c.selectNode(c.doc.tree.Root())
		search("t6", true)
		first := c.path
		search("t6", true)
		second := c.path
		search("t6", false)
		if first != ".[6].tags[0]" || second != ".[13].tags[0]" || c.path != first {
			t.Fatalf("got %s, %s, then back to %s", first, second, c.path)
		}
		search("T6", false)
		if !strings.HasPrefix(c.path, ".[1994]") {
			t.Fatalf("previous from the first match should wrap to the last, got %s", c.path)
		}
	})
	t.Run("no match says so", func(t *testing.T) {
		search("nowhere to be found", true)
		if !strings.Contains(c.status, "No match") {
			t.Fatalf("got %q", c.status)
		}
	})
	t.Run("the keyboard moves, opens and closes", func(t *testing.T) {
		c.view.CollapseAll()
		c.selectNode(c.doc.tree.Root())
		for _, k := range []string{"ArrowDown", "ArrowDown", "ArrowRight", "ArrowRight", "ArrowDown"} {
			c.key(ctx, k)
		}
		e.ConsumeAll()
		if c.path != ".[1].name" {
			t.Fatalf("got %q", c.path)
		}
		c.key(ctx, "ArrowLeft")
		c.key(ctx, "ArrowLeft")
		if c.path != ".[1]" || c.view.IsExpanded(c.selected) {
			t.Fatalf("got %q expanded %v", c.path, c.view.IsExpanded(c.selected))
		}
		if c.key(ctx, "x") {
			t.Fatal("an unrelated key was taken")
		}
	})
	t.Run("copy path and value copy the selected node exactly", func(t *testing.T) {
		c.selectNode(c.doc.tree.Child(c.doc.tree.Root(), 3))
		c.onCopyPath(ctx, app.Event{})
		c.onCopyValue(ctx, app.Event{})
		e.ConsumeAll()
		got := env.Copied()
		if len(got) != 2 || got[0] != ".[3]" || got[1] != `{"id": 3, "name": "item 3", "tags": ["t3", "x"]}` {
			t.Fatalf("got %q", got)
		}
	})
}

func TestSpacers(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 3, 100, 12345, 1 << 20, 3<<20 + 7} {
		sum := 0
		for _, b := range spacers(n) {
			sum += 1 << b
		}
		if sum != n {
			t.Errorf("spacers(%d) add up to %d", n, sum)
		}
	}
}
