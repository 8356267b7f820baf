// Package jsontree indexes the raw bytes of one JSON document so that a
// viewer can show a 100 MB result without decoding it into Go values. One
// token scan records, for every value, its kind, its byte span, its parent
// and its child count, in flat int32 slices in document order; keys, display
// text and paths are derived from the bytes on demand. Literals come back
// exactly as received, so numbers are never reformatted.
//
// A Tree is read-only once built and safe for concurrent readers. A View
// (the expanded set and the rows it makes visible) and a Searcher belong to
// one goroutine.
package jsontree

import (
	"sort"
)

// Kind is the JSON type of a node.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Container reports whether values of kind k have children.
func (k Kind) Container() bool { return k == Array || k == Object }

// NodeID names a node; the root is 0 and ids follow document order, so a
// node's descendants are exactly the ids after it up to its next sibling.
type NodeID int32

// None is the parent of the root and the answer when there is no node.
const None NodeID = -1

// Tree is the index of one document. The document's bytes are kept, not
// copied: the caller must not change them.
type Tree struct {
	doc    []byte
	start  []int32 // offset of the value's first byte
	end    []int32 // offset just past the value's last byte
	parent []int32
	count  []int32 // number of children
	kind   []Kind
	// skip holds, for containers with more than skipEvery children, the id
	// of every skipEvery-th child, so paging deep into a long array does not
	// walk a million siblings.
	skip map[NodeID][]NodeID
}

const skipEvery = 256

// WithBytes returns the same index over b, which must hold the same bytes
// as the indexed document (a copy of it, e.g. where it was spliced into a
// combined document), so the original can be let go. It shares the node
// slices; it returns t itself when the lengths differ.
func (t *Tree) WithBytes(b []byte) *Tree {
	if len(b) != len(t.doc) {
		return t
	}
	c := *t
	c.doc = b
	return &c
}

// Size is the number of nodes.
func (t *Tree) Size() int { return len(t.kind) }

// Bytes returns the indexed document.
func (t *Tree) Bytes() []byte { return t.doc }

// Root returns the id of the top-level value.
func (t *Tree) Root() NodeID { return 0 }

func (t *Tree) valid(id NodeID) bool { return id >= 0 && int(id) < len(t.kind) }

// Kind returns the node's JSON type (Null for an unknown id).
func (t *Tree) Kind(id NodeID) Kind {
	if !t.valid(id) {
		return Null
	}
	return t.kind[id]
}

// Len returns the number of children of an array or object, else 0.
func (t *Tree) Len(id NodeID) int {
	if !t.valid(id) {
		return 0
	}
	return int(t.count[id])
}

// Parent returns the node's parent, or None for the root.
func (t *Tree) Parent(id NodeID) NodeID {
	if !t.valid(id) {
		return None
	}
	return NodeID(t.parent[id])
}

// Depth returns the number of ancestors of the node.
func (t *Tree) Depth(id NodeID) int {
	d := 0
	for id = t.Parent(id); id != None; id = t.Parent(id) {
		d++
	}
	return d
}

// Span returns the byte offsets of the node's value in the document.
func (t *Tree) Span(id NodeID) (start, end int) {
	if !t.valid(id) {
		return 0, 0
	}
	return int(t.start[id]), int(t.end[id])
}

// Literal returns the value's bytes exactly as they appear in the document:
// a string with its quotes and escapes, a number as written, and a
// container with its inner white space. The slice aliases the document.
func (t *Tree) Literal(id NodeID) []byte {
	s, e := t.Span(id)
	return t.doc[s:e:e]
}

// Text is the value as a person reads it: a string unescaped, without
// quotes; other scalars as their literal; "" for containers.
func (t *Tree) Text(id NodeID) string {
	switch t.Kind(id) {
	case String:
		return unquote(t.Literal(id))
	case Array, Object:
		return ""
	}
	return string(t.Literal(id))
}

// IsMember reports whether the node is a member of an object, so has a key.
func (t *Tree) IsMember(id NodeID) bool {
	p := t.Parent(id)
	return p != None && t.kind[p] == Object
}

// Index returns the node's position among its parent's children, or -1
// for the root.
func (t *Tree) Index(id NodeID) int {
	p := t.Parent(id)
	if p == None {
		return -1
	}
	skips := t.skip[p]
	c, ord := p+1, 0
	if i := sort.Search(len(skips), func(i int) bool { return skips[i] > id }); i > 0 {
		c, ord = skips[i-1], i*skipEvery
	}
	for c != id && c != None {
		c = t.NextSibling(c)
		ord++
	}
	return ord
}

// Key returns the member's key, unescaped, or "" when the node is not an
// object member.
func (t *Tree) Key(id NodeID) string {
	k := t.RawKey(id)
	if k == nil {
		return ""
	}
	return unquote(k)
}

// RawKey returns the member's key as written, quotes included, or nil. The
// key is found by reading back from the value over the colon: inside a
// string every quote is escaped by an odd run of backslashes, so the first
// quote preceded by an even run is the opening one.
func (t *Tree) RawKey(id NodeID) []byte {
	if !t.IsMember(id) {
		return nil
	}
	i := int(t.start[id]) - 1
	i = skipSpaceBack(t.doc, i)
	if i < 0 || t.doc[i] != ':' {
		return nil
	}
	i = skipSpaceBack(t.doc, i-1)
	if i < 0 || t.doc[i] != '"' {
		return nil
	}
	close := i
	for i--; i >= 0; i-- {
		if t.doc[i] != '"' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && t.doc[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return t.doc[i : close+1 : close+1]
		}
	}
	return nil
}

func skipSpaceBack(b []byte, i int) int {
	for i >= 0 && isSpace(b[i]) {
		i--
	}
	return i
}

// NextSibling returns the node after id in the same parent, or None.
func (t *Tree) NextSibling(id NodeID) NodeID {
	if !t.valid(id) || id == 0 {
		return None
	}
	n := t.subtreeEnd(id)
	if int(n) < len(t.kind) && t.parent[n] == t.parent[id] {
		return n
	}
	return None
}

// subtreeEnd returns the first id after id's descendants: ids are in
// document order, so it is the first node starting at or after id's end.
func (t *Tree) subtreeEnd(id NodeID) NodeID {
	if !t.kind[id].Container() || t.count[id] == 0 {
		return id + 1
	}
	e := t.end[id]
	lo, hi := int(id)+1, len(t.start)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.start[m] < e {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return NodeID(lo)
}

// Child returns the i-th child of a container, or None.
func (t *Tree) Child(id NodeID, i int) NodeID {
	if !t.valid(id) || i < 0 || i >= int(t.count[id]) {
		return None
	}
	c := id + 1
	if s := i / skipEvery; s > 0 {
		c = t.skip[id][s-1]
	}
	for k := i % skipEvery; k > 0 && c != None; k-- {
		c = t.NextSibling(c)
	}
	return c
}

// Children returns up to n children of a container starting at the from-th,
// for showing a long array one page at a time.
func (t *Tree) Children(id NodeID, from, n int) []NodeID {
	if from < 0 {
		from = 0
	}
	n = min(n, t.Len(id)-from)
	if n <= 0 {
		return nil
	}
	out := make([]NodeID, 0, n)
	for c := t.Child(id, from); c != None && len(out) < n; c = t.NextSibling(c) {
		out = append(out, c)
	}
	return out
}

// Ancestors returns the node's ancestors, root first.
func (t *Tree) Ancestors(id NodeID) []NodeID {
	var out []NodeID
	for p := t.Parent(id); p != None; p = t.Parent(p) {
		out = append(out, p)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// MemoryBytes estimates the heap the index takes, not counting the document.
func (t *Tree) MemoryBytes() int {
	n := cap(t.start)*4 + cap(t.end)*4 + cap(t.parent)*4 + cap(t.count)*4 + cap(t.kind)
	for _, s := range t.skip {
		n += cap(s)*4 + 16
	}
	return n
}
