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
	t     *Tree
	sc    *jsonscan.Scanner
	stack []int32 // open containers
	err   error
	done  bool
}

// NewIndexer prepares to index doc. It guesses the node count from the size
// (one value per ~16 bytes, as in pretty-printed records) so the slices rarely grow.
func NewIndexer(doc []byte) *Indexer {
	guess := min(len(doc)/16+16, 1<<26)
	t := &Tree{
		doc:    doc,
		start:  make([]int32, 0, guess),
		end:    make([]int32, 0, guess),
		parent: make([]int32, 0, guess),
		count:  make([]int32, 0, guess),
		kind:   make([]Kind, 0, guess),
		skip:   map[NodeID][]NodeID{},
	}
	ix := &Indexer{t: t, sc: jsonscan.New(doc)}
	if len(doc) > math.MaxInt32-1 {
		ix.fail(0, "document larger than 2 GiB")
	}
	return ix
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
	sc := ix.sc
	stop := sc.Pos() + max(budget, 1)
	for sc.Pos() < stop {
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
			ix.t.end[top] = int32(tok.End)
		case jsonscan.BeginObject:
			ix.stack = append(ix.stack, ix.add(Object, tok.Start, tok.End))
		case jsonscan.BeginArray:
			ix.stack = append(ix.stack, ix.add(Array, tok.Start, tok.End))
		default:
			ix.add(kinds[tok.Kind], tok.Start, tok.End)
		}
	}
	return false
}

// kinds maps the scanner's value tokens to node kinds.
var kinds = [...]Kind{jsonscan.String: String, jsonscan.Number: Number, jsonscan.True: Bool, jsonscan.False: Bool, jsonscan.Null: Null}

func (ix *Indexer) add(k Kind, start, end int) int32 {
	t := ix.t
	id := int32(len(t.kind))
	parent := int32(None)
	if n := len(ix.stack); n > 0 {
		parent = ix.stack[n-1]
		c := t.count[parent]
		if c > 0 && c%skipEvery == 0 {
			t.skip[NodeID(parent)] = append(t.skip[NodeID(parent)], NodeID(id))
		}
		t.count[parent] = c + 1
	}
	t.start = append(t.start, int32(start))
	t.end = append(t.end, int32(end))
	t.parent = append(t.parent, parent)
	t.count = append(t.count, 0)
	t.kind = append(t.kind, k)
	return id
}

func isSpace(c byte) bool { return jsonscan.IsSpace(c) }
