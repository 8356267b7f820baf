package jqfilter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"fanin/app/jsontree"
)

// Sizes for DecodeTree. A value or a run of siblings of at most pieceBytes
// goes to encoding/json in one call; pause is called after at least
// pauseEvery bytes of pieces.
const (
	pieceBytes = 64 << 10
	pauseEvery = 256 << 10
)

// maxDepth is encoding/json's nesting limit: it refuses a document with
// more than this many containers open at once, and so does DecodeTree.
const maxDepth = 10000

var errMaxDepth = errors.New("jq input: exceeded max depth")

// DecodeTree decodes the document t indexes into a jq input, the same values
// Decode gives, calling pause (when not nil) every so often — about every
// 256 KiB of document decoded — so a caller in a browser can yield; a
// non-nil error from pause stops it and is returned as is. A cancelled ctx
// stops it with an error wrapping ctx.Err().
//
// Values of at most 64 KiB, and runs of consecutive siblings that fit in
// 64 KiB together, are decoded by encoding/json in one call each, so their
// values are exactly Decode's; bigger arrays and objects are put together
// from those pieces, an object's duplicate keys keeping the last value as
// encoding/json does. One string or number bigger than that is still one
// call. A document nested deeper than encoding/json accepts (10000 levels)
// is refused, as Decode refuses it.
func DecodeTree(ctx context.Context, t *jsontree.Tree, pause func(context.Context) error) (*Input, error) {
	return DecodeNode(ctx, t, t.Root(), pause)
}

// DecodeNode is DecodeTree for the value of one node: the same values as
// Decode(t.Literal(id)), as the compare table wants for each response.
func DecodeNode(ctx context.Context, t *jsontree.Tree, id jsontree.NodeID, pause func(context.Context) error) (*Input, error) {
	return decodeNode(ctx, t, id, pause, pieceBytes, pauseEvery)
}

func decodeNode(ctx context.Context, t *jsontree.Tree, id jsontree.NodeID, pause func(context.Context) error, piece, every int) (*Input, error) {
	if id < 0 || int(id) >= t.Size() {
		return nil, fmt.Errorf("jq input: no node %d in the tree", id)
	}
	d := &treeDecoder{ctx: ctx, t: t, doc: t.Bytes(), pause: pause, piece: piece, every: every}
	v, err := d.decode(id)
	if err != nil {
		return nil, err
	}
	return &Input{v: v}, nil
}

type treeDecoder struct {
	ctx   context.Context
	t     *jsontree.Tree
	doc   []byte
	pause func(context.Context) error
	piece int // see pieceBytes
	every int // see pauseEvery
	since int // bytes decoded since the last pause
	buf   []byte
}

// frame is a container too big for one piece, being built child by child.
type frame struct {
	id   jsontree.NodeID
	next jsontree.NodeID // the next child to decode, or None
	pos  int             // offset just past the last child decoded (or the opening bracket)
	arr  []any
	obj  map[string]any
	key  string // the key this value goes under, when its parent is an object
}

func (f *frame) value() any {
	if f.obj != nil {
		return f.obj
	}
	return f.arr
}

func (d *treeDecoder) open(id jsontree.NodeID, key string) frame {
	s, _ := d.t.Span(id)
	f := frame{id: id, next: d.t.Child(id, 0), pos: s + 1, key: key}
	if d.t.Kind(id) == jsontree.Object {
		f.obj = make(map[string]any, d.t.Len(id))
	} else {
		f.arr = make([]any, 0, d.t.Len(id))
	}
	return f
}

func (d *treeDecoder) big(id jsontree.NodeID) bool {
	s, e := d.t.Span(id)
	return d.t.Kind(id).Container() && e-s > d.piece
}

// decode walks the tree with an explicit stack of open frames, so depth
// costs memory, never the goroutine's stack.
func (d *treeDecoder) decode(root jsontree.NodeID) (any, error) {
	t := d.t
	if err := d.ctx.Err(); err != nil {
		return nil, fmt.Errorf("jq input: %w", err)
	}
	if !d.big(root) {
		return decodeValue(t.Literal(root))
	}
	stack := []frame{d.open(root, "")}
	for {
		if err := d.ctx.Err(); err != nil {
			return nil, fmt.Errorf("jq input: %w", err)
		}
		f := &stack[len(stack)-1]
		if f.next == jsontree.None {
			v, key := f.value(), f.key
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return v, nil
			}
			p := &stack[len(stack)-1]
			if p.obj != nil {
				p.obj[key] = v
			} else {
				p.arr = append(p.arr, v)
			}
			continue
		}
		c := f.next
		if d.big(c) {
			if len(stack) >= maxDepth {
				return nil, errMaxDepth
			}
			key := ""
			if f.obj != nil {
				var err error
				if key, err = memberKey(t, c); err != nil {
					return nil, err
				}
			}
			_, f.pos = t.Span(c)
			f.next = t.NextSibling(c)
			stack = append(stack, d.open(c, key))
			continue
		}
		if err := d.run(f, len(stack)); err != nil {
			return nil, err
		}
	}
}

// run decodes f's next children, as many as fit in one piece (at least
// one), as one array or object wrapped around their bytes, and adds them to
// f. depth is the number of containers open, f included.
func (d *treeDecoder) run(f *frame, depth int) error {
	t := d.t
	start := f.pos // the bytes from here to the first child are space and a comma
	for start < len(d.doc) && (isSpace(d.doc[start]) || d.doc[start] == ',') {
		start++
	}
	var end int
	x := f.next
	for {
		var s int
		s, end = t.Span(x)
		next := t.NextSibling(x)
		// encoding/json counts depth from the top of what it is given, so
		// check what it cannot: the containers open above the piece.
		if t.Kind(x).Container() && depth+(end-s)/2 > maxDepth && depth+nesting(t, x, next) > maxDepth {
			return errMaxDepth
		}
		x = next
		if x == jsontree.None {
			break
		}
		if _, e := t.Span(x); e-start > d.piece {
			break
		}
	}
	f.next, f.pos = x, end
	open, close := byte('['), byte(']')
	if f.obj != nil {
		open, close = '{', '}'
	}
	d.buf = append(append(append(d.buf[:0], open), d.doc[start:end]...), close)
	v, err := decodeValue(d.buf)
	if err != nil {
		return err
	}
	if f.obj != nil {
		for k, x := range v.(map[string]any) {
			f.obj[k] = x
		}
	} else {
		f.arr = append(f.arr, v.([]any)...)
	}
	if d.since += end - start; d.pause != nil && d.since >= d.every {
		d.since = 0
		if err := d.pause(d.ctx); err != nil {
			return err
		}
	}
	return nil
}

// decodeValue decodes one JSON value as Decode does.
func decodeValue(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("jq input: %w", err)
	}
	return v, nil
}

// memberKey decodes a member's key as encoding/json does (invalid UTF-8
// and lone surrogates become U+FFFD).
func memberKey(t *jsontree.Tree, id jsontree.NodeID) (string, error) {
	raw := t.RawKey(id)
	if len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw[1 : len(raw)-1]), nil
	}
	var k string
	if err := json.Unmarshal(raw, &k); err != nil {
		return "", fmt.Errorf("jq input: key of node %d: %w", id, err)
	}
	return k, nil
}

// nesting returns how many containers deep the container x goes, itself
// counted; next is x's next sibling or None.
func nesting(t *jsontree.Tree, x, next jsontree.NodeID) int {
	end := next
	if end == jsontree.None { // the first node starting past x's end
		_, e := t.Span(x)
		n := t.Size() - int(x)
		end = x + jsontree.NodeID(sort.Search(n, func(i int) bool {
			s, _ := t.Span(x + jsontree.NodeID(i))
			return i > 0 && s >= e
		}))
	}
	open := []jsontree.NodeID{x}
	deepest := 1
	for i := x + 1; i < end; i++ {
		p := t.Parent(i)
		for open[len(open)-1] != p {
			open = open[:len(open)-1]
		}
		if t.Kind(i).Container() {
			open = append(open, i)
			deepest = max(deepest, len(open))
		}
	}
	return deepest
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }
