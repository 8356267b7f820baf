package jsontree

import (
	"math"
	"slices"
)

// Row is one line of the viewer: a node, or the "show more" line under a
// container whose children are shown a page at a time.
type Row struct {
	ID       NodeID
	Depth    int
	Expanded bool
	More     int // > 0: this is the "show more" line of container ID, with More children still hidden
}

// DefaultPage is how many children of a container a View shows before its
// "show more" line.
const DefaultPage = 500

// View is the set of expanded containers and the rows it makes visible.
// Rows are counted, not listed: every open container keeps the number of
// rows its subtree shows, so finding row R walks only the open nodes on the
// way down, and no operation costs more than the visible rows plus the open
// set.
type View struct {
	t    *Tree
	page int
	open map[NodeID]*openNode
	// kids lists, for any node, its open children in id order, whether the
	// node itself is open or not, so collapsing keeps what is open below.
	kids  map[NodeID][]NodeID
	limit map[NodeID]int // children shown, when raised past one page
}

type openNode struct {
	ord int // index among its parent's children
	vis int // rows shown by the node and everything open below it
}

// NewView returns a view of t showing page children per container (0 means
// DefaultPage), with the root expanded.
func NewView(t *Tree, page int) *View {
	if page <= 0 {
		page = DefaultPage
	}
	v := &View{t: t, page: page}
	v.reset()
	if t.Size() > 0 {
		v.Expand(t.Root())
	}
	return v
}

func (v *View) reset() {
	v.open = map[NodeID]*openNode{}
	v.kids = map[NodeID][]NodeID{}
	if v.limit == nil {
		v.limit = map[NodeID]int{}
	}
}

// Total is the number of visible rows.
func (v *View) Total() int {
	if v.t.Size() == 0 {
		return 0
	}
	if o := v.open[0]; o != nil {
		return o.vis
	}
	return 1
}

// IsExpanded reports whether id is open.
func (v *View) IsExpanded(id NodeID) bool { return v.open[id] != nil }

func (v *View) shown(id NodeID) int {
	l, ok := v.limit[id]
	if !ok {
		l = v.page
	}
	return min(v.t.Len(id), l)
}

func (v *View) more(id NodeID) int {
	if v.t.Len(id) > v.shown(id) {
		return 1
	}
	return 0
}

func (v *View) computeVis(id NodeID) int {
	sh := v.shown(id)
	n := 1 + sh + v.more(id)
	for _, k := range v.kids[id] {
		o := v.open[k]
		if o.ord >= sh {
			break
		}
		n += o.vis - 1
	}
	return n
}

// propagate adds delta rows to the open ancestors of id that show it.
func (v *View) propagate(id NodeID, delta int) {
	ord := v.open[id].ord
	for p := v.t.Parent(id); p != None; p = v.t.Parent(p) {
		o := v.open[p]
		if o == nil || ord >= v.shown(p) {
			return
		}
		o.vis += delta
		ord = o.ord
	}
}

// Expand opens a container; other nodes are ignored.
func (v *View) Expand(id NodeID) {
	if !v.t.Kind(id).Container() || v.open[id] != nil {
		return
	}
	o := &openNode{ord: max(v.t.Index(id), 0)}
	v.open[id] = o
	p := v.t.Parent(id)
	ks := v.kids[p]
	i, _ := slices.BinarySearch(ks, id)
	v.kids[p] = slices.Insert(ks, i, id)
	o.vis = v.computeVis(id)
	v.propagate(id, o.vis-1)
}

// Collapse closes a container; what is open below it stays open, to show
// again when it is reopened.
func (v *View) Collapse(id NodeID) {
	o := v.open[id]
	if o == nil {
		return
	}
	v.propagate(id, -(o.vis - 1))
	delete(v.open, id)
	p := v.t.Parent(id)
	ks := v.kids[p]
	if i, ok := slices.BinarySearch(ks, id); ok {
		v.kids[p] = slices.Delete(ks, i, i+1)
	}
}

// Toggle expands a closed container and collapses an open one.
func (v *View) Toggle(id NodeID) {
	if v.open[id] != nil {
		v.Collapse(id)
	} else {
		v.Expand(id)
	}
}

// ShowMore shows one more page of a container's children.
func (v *View) ShowMore(id NodeID) {
	v.setLimit(id, v.shown(id)+v.page)
}

func (v *View) setLimit(id NodeID, n int) {
	v.limit[id] = n
	if o := v.open[id]; o != nil {
		vis := v.computeVis(id)
		v.propagate(id, vis-o.vis)
		o.vis = vis
	}
}

// CollapseAll closes every container but the root, leaving its children
// (one per URL in the array, object and envelope modes) in view.
func (v *View) CollapseAll() {
	v.reset()
	v.Expand(v.t.Root())
}

// ExpandAll opens every container, breadth first, until about maxRows rows
// would be visible, and reports whether it opened them all.
func (v *View) ExpandAll(maxRows int) bool { return v.ExpandLevel(math.MaxInt, maxRows) }

// ExpandLevel leaves open exactly the containers less than depth deep (the
// root is at depth 0), so rows down to depth are visible, opening them
// breadth first until about maxRows rows would be visible. It reports
// whether every such container was opened.
func (v *View) ExpandLevel(depth, maxRows int) bool {
	v.reset()
	t := v.t
	if t.Size() == 0 {
		return true
	}
	type item struct {
		id    NodeID
		ord   int
		depth int
	}
	queue := []item{{t.Root(), 0, 0}}
	rows := 1
	complete := true
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if it.depth >= depth || !t.Kind(it.id).Container() {
			continue
		}
		sh := v.shown(it.id)
		if rows+sh+v.more(it.id) > maxRows {
			complete = false
			break
		}
		rows += sh + v.more(it.id)
		v.open[it.id] = &openNode{ord: it.ord}
		if it.depth+1 >= depth {
			continue
		}
		ord := 0
		for c := t.Child(it.id, 0); c != None && ord < sh; c = t.NextSibling(c) {
			if t.Kind(c).Container() && t.Len(c) > 0 {
				queue = append(queue, item{c, ord, it.depth + 1})
			} else if t.Kind(c).Container() {
				v.open[c] = &openNode{ord: ord}
			}
			ord++
		}
	}
	v.rebuild()
	return complete
}

// rebuild recounts every open node bottom up: children have larger ids
// than their parents, so descending id order finishes a subtree before its
// parent needs it.
func (v *View) rebuild() {
	ids := make([]NodeID, 0, len(v.open))
	for id, o := range v.open {
		ids = append(ids, id)
		o.vis = 1 + v.shown(id) + v.more(id)
	}
	slices.Sort(ids)
	v.kids = map[NodeID][]NodeID{}
	for _, id := range ids {
		p := v.t.Parent(id)
		v.kids[p] = append(v.kids[p], id)
	}
	for i := len(ids) - 1; i >= 0; i-- {
		id := ids[i]
		p := v.t.Parent(id)
		if po := v.open[p]; po != nil && v.open[id].ord < v.shown(p) {
			po.vis += v.open[id].vis - 1
		}
	}
}

type frame struct {
	id  NodeID
	ord int
}

// cursor walks visible rows in order.
type cursor struct {
	v      *View
	path   []frame
	onMore bool // the row is the "show more" line of the last frame
}

func (c *cursor) row() Row {
	top := c.path[len(c.path)-1]
	if c.onMore {
		return Row{ID: top.id, Depth: len(c.path), More: c.v.t.Len(top.id) - c.v.shown(top.id)}
	}
	return Row{ID: top.id, Depth: len(c.path) - 1, Expanded: c.v.open[top.id] != nil}
}

func (c *cursor) next() bool {
	t := c.v.t
	if !c.onMore {
		top := c.path[len(c.path)-1]
		if c.v.open[top.id] != nil && t.Len(top.id) > 0 {
			c.path = append(c.path, frame{top.id + 1, 0})
			return true
		}
	}
	c.onMore = false
	for {
		y := c.path[len(c.path)-1]
		c.path = c.path[:len(c.path)-1]
		if len(c.path) == 0 {
			return false
		}
		p := c.path[len(c.path)-1].id
		if y.ord+1 < c.v.shown(p) {
			c.path = append(c.path, frame{t.NextSibling(y.id), y.ord + 1})
			return true
		}
		if c.v.more(p) > 0 {
			c.onMore = true
			return true
		}
	}
}

// seek puts the cursor on row r, which must be below Total.
func (v *View) seek(r int) *cursor {
	c := &cursor{v: v, path: []frame{{v.t.Root(), 0}}}
	x := v.t.Root()
	for r > 0 {
		r--
		sh := v.shown(x)
		acc := 0
		down := false
		for _, k := range v.kids[x] {
			o := v.open[k]
			if o.ord >= sh {
				break
			}
			at := o.ord + acc
			if r < at {
				break
			}
			if r < at+o.vis {
				c.path = append(c.path, frame{k, o.ord})
				r -= at
				x = k
				down = true
				break
			}
			acc += o.vis - 1
		}
		if down {
			continue
		}
		if i := r - acc; i < sh {
			c.path = append(c.path, frame{v.t.Child(x, i), i})
		} else {
			c.onMore = true
		}
		break
	}
	return c
}

// Rows returns up to n visible rows starting at row from.
func (v *View) Rows(from, n int) []Row {
	total := v.Total()
	if from < 0 {
		from = 0
	}
	n = min(n, total-from)
	if n <= 0 {
		return nil
	}
	out := make([]Row, 0, n)
	c := v.seek(from)
	for {
		out = append(out, c.row())
		if len(out) == n || !c.next() {
			return out
		}
	}
}

// RowOf returns the row at which id is shown, or false when a closed
// ancestor or a page limit hides it.
func (v *View) RowOf(id NodeID) (int, bool) {
	t := v.t
	if !t.valid(id) {
		return 0, false
	}
	row := 0
	chain := append(t.Ancestors(id), id)
	for i := 1; i < len(chain); i++ {
		a, c := chain[i-1], chain[i]
		ord := t.Index(c)
		if v.open[a] == nil || ord >= v.shown(a) {
			return 0, false
		}
		row += 1 + ord
		for _, k := range v.kids[a] {
			o := v.open[k]
			if o.ord >= ord {
				break
			}
			row += o.vis - 1
		}
	}
	return row, true
}

// Reveal opens every ancestor of id and pages far enough to show it, as for
// a search hit, and returns its row.
func (v *View) Reveal(id NodeID) (int, bool) {
	t := v.t
	if !t.valid(id) {
		return 0, false
	}
	for _, a := range append(t.Ancestors(id), id)[1:] {
		p := t.Parent(a)
		if ord := t.Index(a); ord >= v.shown(p) {
			v.setLimit(p, (ord/v.page+1)*v.page)
		}
	}
	for _, a := range t.Ancestors(id) {
		v.Expand(a)
	}
	return v.RowOf(id)
}
