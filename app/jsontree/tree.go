// Package jsontree indexes the raw bytes of one JSON document so that a
// viewer can show a 100 MB result without decoding it into Go values. One
// token scan records, for every value, its kind and where it starts, and
// for every array and object its end, its parent and its child count, in
// flat slices in document order; scalars' ends and parents, keys, display
// text and paths are derived from the bytes and the containers on demand.
// Literals come back exactly as received, so numbers are never reformatted.
//
// A Tree is read-only once built and safe for concurrent readers. A View
// (the expanded set and the rows it makes visible) and a Searcher belong to
// one goroutine.
package jsontree

import (
	"math/bits"
	"sort"

	"fanin/app/jsonscan"
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
//
// Every node has a kind and where it starts (5 bytes); only containers,
// about a quarter of the nodes of records, have an end, a parent and a
// count (16 bytes more): a scalar's end is read from its literal, its
// parent found from the last container before it, and whether a node has a
// next sibling from the byte after it (a comma). For records that is 9
// bytes a node, where an end, a parent and a count on every node made 17;
// a 100 MB result holds two trees at its peak (the responses' and the
// document's), so this is about 100 MiB of the page's memory.
type Tree struct {
	doc   []byte
	start []int32 // offset of the value's first byte
	kind  []Kind
	// The containers, by rank (their order in the document): node id, the
	// rank of the parent container (-1 for the root), number of children
	// and the offset just past the closing bracket. A scalar's end is found
	// by reading its literal (scalarEnd).
	cont   []int32
	up     []int32
	ccount []int32
	cend   []int32
	// A bit for every node, set for containers, and the number of
	// containers before each word of bits: a container's rank in O(1).
	bits   []uint64
	before []int32
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
	if !t.valid(id) || !t.kind[id].Container() {
		return 0
	}
	return int(t.ccount[t.rank(id)])
}

// rank is the container's place among the containers; for another node,
// the rank of the first container after it (len(cont) if none).
func (t *Tree) rank(id NodeID) int32 {
	w := uint(id) >> 6
	return t.before[w] + int32(bits.OnesCount64(t.bits[w]&(1<<(uint(id)&63)-1)))
}

// mark records whether node id, the next one, is a container; before is
// the number of containers before it.
func (t *Tree) mark(id int32, container bool, before int32) {
	if id&63 == 0 {
		t.bits = append(t.bits, 0)
		t.before = append(t.before, before)
	}
	if container {
		t.bits[id>>6] |= 1 << (uint(id) & 63)
	}
}

// upRank is the rank of the node's parent container, or -1 for the root.
// A scalar's parent is the last container before it or one of that
// container's ancestors: the nearest of them whose span takes the scalar in.
func (t *Tree) upRank(id NodeID) int32 {
	if t.kind[id].Container() {
		return t.up[t.rank(id)]
	}
	r := t.rank(id) - 1
	for r >= 0 && t.cend[r] <= t.start[id] {
		r = t.up[r]
	}
	return r
}

// Parent returns the node's parent, or None for the root.
func (t *Tree) Parent(id NodeID) NodeID {
	if !t.valid(id) {
		return None
	}
	if r := t.upRank(id); r >= 0 {
		return NodeID(t.cont[r])
	}
	return None
}

// Depth returns the number of ancestors of the node.
func (t *Tree) Depth(id NodeID) int {
	if !t.valid(id) {
		return 0
	}
	d := 0
	for r := t.upRank(id); r >= 0; r = t.up[r] {
		d++
	}
	return d
}

// endOf is the offset just past the node's value.
func (t *Tree) endOf(id NodeID) int32 {
	if t.kind[id].Container() {
		return t.cend[t.rank(id)]
	}
	return int32(scalarEnd(t.doc, int(t.start[id])))
}

// scalarEnd is the offset just past the string, number or literal name
// that begins at i of doc, which the indexer found to be JSON.
func scalarEnd(doc []byte, i int) int {
	if i >= len(doc) {
		return i
	}
	if doc[i] != '"' {
		return jsonscan.BareEnd(doc, i)
	}
	if e := jsonscan.StringEnd(doc, i); e >= 0 {
		return e
	}
	return len(doc)
}

// Span returns the byte offsets of the node's value in the document.
func (t *Tree) Span(id NodeID) (start, end int) {
	if !t.valid(id) {
		return 0, 0
	}
	return int(t.start[id]), int(t.endOf(id))
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

// IsMember reports whether the node is a member of an object, so has a key:
// in JSON a value is a member exactly when a colon comes before it.
func (t *Tree) IsMember(id NodeID) bool {
	if !t.valid(id) {
		return false
	}
	i := skipSpaceBack(t.doc, int(t.start[id])-1)
	return i >= 0 && t.doc[i] == ':'
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
	i := skipSpaceBack(t.doc, int(t.start[id])-1) // the colon
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

// NextSibling returns the node after id in the same parent, or None: in
// JSON a value has a next sibling exactly when a comma follows it.
func (t *Tree) NextSibling(id NodeID) NodeID {
	if !t.valid(id) || id == 0 {
		return None
	}
	i := int(t.endOf(id))
	for i < len(t.doc) && isSpace(t.doc[i]) {
		i++
	}
	if i >= len(t.doc) || t.doc[i] != ',' {
		return None
	}
	if n := t.subtreeEnd(id); int(n) < len(t.kind) {
		return n
	}
	return None
}

// subtreeEnd returns the first id after id's descendants: ids are in
// document order, so it is the first node starting at or after id's end.
func (t *Tree) subtreeEnd(id NodeID) NodeID {
	if !t.kind[id].Container() {
		return id + 1
	}
	e := t.cend[t.rank(id)]
	if int(id)+1 >= len(t.start) || t.start[id+1] >= e {
		return id + 1
	}
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
	if i < 0 || i >= t.Len(id) {
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
	if !t.valid(id) {
		return nil
	}
	var out []NodeID
	for r := t.upRank(id); r >= 0; r = t.up[r] {
		out = append(out, NodeID(t.cont[r]))
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// MemoryBytes estimates the heap the index takes, not counting the document.
func (t *Tree) MemoryBytes() int {
	n := cap(t.start)*4 + cap(t.kind) + cap(t.cont)*4 + cap(t.up)*4 + cap(t.ccount)*4 + cap(t.cend)*4 + cap(t.bits)*8 + cap(t.before)*4
	for _, s := range t.skip {
		n += cap(s)*4 + 16
	}
	return n
}
