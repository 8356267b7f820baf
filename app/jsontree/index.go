package jsontree

import (
	"fmt"
	"math"

	"fanin/app/jsonscan"
)

// SyntaxError says where the indexer found the document not to be JSON.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jsontree: %s at byte %d", e.Msg, e.Offset)
}

// Index builds the tree of doc in one call. Use an Indexer to spread the
// work of a big document over several frames.
func Index(doc []byte) (*Tree, error) {
	ix := NewIndexer(doc)
	for !ix.Step(math.MaxInt) {
	}
	return ix.Tree()
}

// Indexer builds a Tree a slice of bytes at a time.
type Indexer struct {
	t       *Tree
	sc      *jsonscan.Scanner
	parts   []Part    // values indexed before, still ahead
	graft   *grafting // a part being taken in
	grafted int       // parts taken in
	stack   []int32   // open containers, by rank
	err     error
	done    bool
}

// Part is a value of the document that was indexed before: Tree indexes
// the same bytes that begin at Offset in the document. A page that indexed
// each response as it arrived gives the responses as Parts, and indexing
// the combined document scans only the glue between them.
type Part struct {
	Offset int
	Tree   *Tree
}

// NewIndexer prepares to index doc.
func NewIndexer(doc []byte) *Indexer { return NewIndexerWith(doc, nil) }

// NewIndexerWith prepares to index doc, taking each Part's nodes from its
// Tree instead of scanning its bytes again. Parts must be in document
// order; one whose bytes do not sit where a value is due is scanned as usual.
func NewIndexerWith(doc []byte, parts []Part) *Indexer {
	known, nodes, conts := 0, 0, 0
	for _, p := range parts {
		known += p.Tree.rootLen()
		nodes += p.Tree.Size()
		conts += len(p.Tree.cont)
	}
	gn, gc := guessNodes(doc, len(doc)-known)
	guess, cguess := min(nodes+gn, 1<<27), min(conts+gc, 1<<26)
	t := &Tree{
		doc:    doc,
		start:  make([]int32, 0, guess),
		kind:   make([]Kind, 0, guess),
		cont:   make([]int32, 0, cguess),
		up:     make([]int32, 0, cguess),
		ccount: make([]int32, 0, cguess),
		cend:   make([]int32, 0, cguess),
		bits:   make([]uint64, 0, guess/64+1),
		before: make([]int32, 0, guess/64+1),
		skip:   map[NodeID][]NodeID{},
	}
	ix := &Indexer{t: t, sc: jsonscan.New(doc), parts: parts}
	if len(doc) > math.MaxInt32-1 {
		ix.fail(0, "document larger than 2 GiB")
	}
	return ix
}

// guessNodes estimates how many values, and how many of them containers, n
// bytes like doc's hold, so the node slices rarely grow: growing them means
// copying tens of megabytes in one go. Past a sample's size it counts the
// values in doc's first few hundred kilobytes; below it, where scanning a
// sample would be scanning the document twice, it allows one value per 8
// bytes and a container per 32.
func guessNodes(doc []byte, n int) (values, containers int) {
	const sample = 256 << 10
	if n <= sample || len(doc) <= sample {
		return max(n, 0)/8 + 16, max(n, 0)/32 + 16
	}
	sc := jsonscan.New(doc[:sample])
	for {
		tok, ok := sc.Next()
		if !ok {
			break
		}
		switch tok.Kind {
		case jsonscan.Key, jsonscan.EndArray, jsonscan.EndObject:
		case jsonscan.BeginArray, jsonscan.BeginObject:
			containers++
			values++
		default:
			values++
		}
	}
	if sc.Pos() == 0 {
		return n/16 + 16, n/64 + 16
	}
	scale := float64(n) / float64(sc.Pos()) * 1.02
	return int(float64(values)*scale) + 16, int(float64(containers)*scale) + 16
}

// rootLen is how many bytes the tree's root value spans.
func (t *Tree) rootLen() int {
	if len(t.kind) == 0 {
		return 0
	}
	return int(t.endOf(0) - t.start[0])
}

// Progress is the share of the document scanned, from 0 to 1.
func (ix *Indexer) Progress() float64 {
	if ix.done || len(ix.t.doc) == 0 {
		return 1
	}
	return float64(ix.sc.Pos()) / float64(len(ix.t.doc))
}

// Tree returns the finished tree, or the error that stopped indexing. It is
// an error to ask before Step has reported done.
func (ix *Indexer) Tree() (*Tree, error) {
	if ix.err != nil {
		return nil, ix.err
	}
	if !ix.done {
		return nil, &SyntaxError{Offset: ix.sc.Pos(), Msg: "indexing not finished"}
	}
	return ix.t, nil
}

func (ix *Indexer) fail(off int, msg string) {
	if ix.err == nil {
		ix.err = &SyntaxError{Offset: off, Msg: msg}
	}
	ix.done = true
}

// Step scans about budget more bytes (always at least one token) and
// reports whether indexing is over, finished or failed.
func (ix *Indexer) Step(budget int) bool {
	if ix.done {
		return true
	}
	if ix.graft != nil {
		ix.graft.more(ix, max(budget/16, 1<<12))
		return false
	}
	sc := ix.sc
	stop := sc.Pos() + min(max(budget, 1), math.MaxInt-sc.Pos()) // a budget of MaxInt means "to the end"
	for sc.Pos() < stop {
		if len(ix.parts) > 0 && ix.splice() {
			return false
		}
		tok, ok := sc.Next()
		if !ok {
			if se := sc.SyntaxErr(); se != nil {
				ix.fail(se.Offset, se.Msg)
			}
			ix.done = true
			return true
		}
		switch tok.Kind {
		case jsonscan.Key:
		case jsonscan.EndObject, jsonscan.EndArray:
			top := ix.stack[len(ix.stack)-1]
			ix.stack = ix.stack[:len(ix.stack)-1]
			ix.t.cend[top] = int32(tok.End)
		case jsonscan.BeginObject:
			ix.add(Object, tok.Start, tok.End)
			ix.stack = append(ix.stack, int32(len(ix.t.cont)-1))
		case jsonscan.BeginArray:
			ix.add(Array, tok.Start, tok.End)
			ix.stack = append(ix.stack, int32(len(ix.t.cont)-1))
		default:
			ix.add(kinds[tok.Kind], tok.Start, tok.End)
		}
	}
	return false
}

// splice starts taking in the next Part if the scanner has reached it.
func (ix *Indexer) splice() bool {
	for len(ix.parts) > 0 && (ix.parts[0].Offset < ix.sc.Pos() || ix.parts[0].Tree.Size() == 0) {
		ix.parts[0] = Part{} // passed over, or nothing to take: let it go
		ix.parts = ix.parts[1:]
	}
	if len(ix.parts) == 0 {
		return false
	}
	p := ix.parts[0]
	if !ix.sc.Splice(p.Offset, p.Offset+p.Tree.rootLen()) {
		return false
	}
	ix.parts[0] = Part{} // the grafting holds it until its nodes are in; then it can go
	ix.parts = ix.parts[1:]
	src := p.Tree
	shift := int32(p.Offset) - src.start[0]
	base := int32(len(ix.t.kind))
	ix.add(src.kind[0], int(src.start[0]+shift), int(src.endOf(0)+shift))
	g := &grafting{src: src, next: 1, shift: shift, base: base, rbase: int32(len(ix.t.cont)) - 1, nextC: 0}
	if src.kind[0].Container() {
		ix.t.ccount[g.rbase] = src.ccount[0]
		g.nextC = 1
	}
	ix.graft = g
	ix.grafted++
	return true
}

// grafting is a Part's nodes being appended, shifted to where it sits in
// the document, a few hundred thousand per Step: a 50 MB response has
// millions.
type grafting struct {
	src         *Tree
	next        int // the next node to take
	nextC       int // the next container to take
	shift, base int32
	rbase       int32 // the rank the part's root container has here
}

func (g *grafting) more(ix *Indexer, n int) {
	t, src := ix.t, g.src
	end := min(g.next+n, len(src.kind))
	from := len(t.start)
	t.start = append(t.start, src.start[g.next:end]...)
	t.kind = append(t.kind, src.kind[g.next:end]...)
	before := int32(len(t.cont))
	for i := from; i < len(t.start); i++ {
		t.start[i] += g.shift
		c := t.kind[i].Container()
		t.mark(int32(i), c, before)
		if c {
			before++
		}
	}
	cend := g.nextC
	for cend < len(src.cont) && int(src.cont[cend]) < end {
		cend++
	}
	from = len(t.cont)
	t.cont = append(t.cont, src.cont[g.nextC:cend]...)
	t.up = append(t.up, src.up[g.nextC:cend]...)
	t.ccount = append(t.ccount, src.ccount[g.nextC:cend]...)
	t.cend = append(t.cend, src.cend[g.nextC:cend]...)
	for i := from; i < len(t.cont); i++ {
		t.cont[i] += g.base
		t.up[i] += g.rbase
		t.cend[i] += g.shift
	}
	g.nextC = cend
	if g.next = end; end < len(src.kind) {
		return
	}
	for id, ids := range src.skip {
		moved := make([]NodeID, len(ids))
		for j, c := range ids {
			moved[j] = c + NodeID(g.base)
		}
		t.skip[id+NodeID(g.base)] = moved
	}
	ix.graft = nil
}

// kinds maps the scanner's value tokens to node kinds.
var kinds = [...]Kind{jsonscan.String: String, jsonscan.Number: Number, jsonscan.True: Bool, jsonscan.False: Bool, jsonscan.Null: Null}

// add appends a node; a container also joins the containers, as the child
// of the innermost open one.
func (ix *Indexer) add(k Kind, start, end int) {
	t := ix.t
	id := int32(len(t.kind))
	up := int32(-1)
	if n := len(ix.stack); n > 0 {
		up = ix.stack[n-1]
		c := t.ccount[up]
		if c > 0 && c%skipEvery == 0 {
			p := NodeID(t.cont[up])
			t.skip[p] = append(t.skip[p], NodeID(id))
		}
		t.ccount[up] = c + 1
	}
	t.start = append(t.start, int32(start))
	t.kind = append(t.kind, k)
	t.mark(id, k.Container(), int32(len(t.cont)))
	if k.Container() {
		t.cont = append(t.cont, id)
		t.up = append(t.up, up)
		t.ccount = append(t.ccount, 0)
		t.cend = append(t.cend, int32(end)) // until the container closes
	}
}

func isSpace(c byte) bool { return jsonscan.IsSpace(c) }
