package jsontree

import (
	"bytes"
	"fmt"
	"math"
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

// what the scanner expects next
type expect uint8

const (
	expValue      expect = iota // any value (top level, after ':' or an array's ',')
	expValueOrEnd               // after '['
	expKeyOrEnd                 // after '{'
	expKey                      // after an object's ','
	expColon
	expCommaOrEnd
	expNothing // after the top-level value
)

// Indexer builds a Tree a slice of bytes at a time.
type Indexer struct {
	t     *Tree
	pos   int
	state expect
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
	ix := &Indexer{t: t}
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
	return float64(ix.pos) / float64(len(ix.t.doc))
}

// Tree returns the finished tree, or the error that stopped indexing. It is
// an error to ask before Step has reported done.
func (ix *Indexer) Tree() (*Tree, error) {
	if ix.err != nil {
		return nil, ix.err
	}
	if !ix.done {
		return nil, &SyntaxError{Offset: ix.pos, Msg: "indexing not finished"}
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
	doc := ix.t.doc
	stop := len(doc)
	if budget < len(doc)-ix.pos {
		stop = ix.pos + max(budget, 1)
	}
	p := ix.pos
	for {
		for p < len(doc) && isSpace(doc[p]) {
			p++
		}
		if p >= len(doc) {
			ix.pos = p
			if ix.state != expNothing {
				ix.fail(p, "unexpected end of JSON input")
				return true
			}
			ix.done = true
			return true
		}
		if p >= stop {
			ix.pos = p
			return false
		}
		c := doc[p]
		switch ix.state {
		case expNothing:
			ix.fail(p, "invalid character after top-level value")
			return true
		case expColon:
			if c != ':' {
				ix.fail(p, "expected ':' after object key")
				return true
			}
			p++
			ix.state = expValue
			continue
		case expCommaOrEnd:
			top := ix.stack[len(ix.stack)-1]
			k := ix.t.kind[top]
			switch {
			case c == ',':
				p++
				if k == Object {
					ix.state = expKey
				} else {
					ix.state = expValue
				}
			case c == ']' && k == Array, c == '}' && k == Object:
				p++
				ix.close(p)
			default:
				ix.fail(p, "expected ',' or end of "+k.String())
				return true
			}
			continue
		case expKeyOrEnd, expKey:
			if c == '}' && ix.state == expKeyOrEnd {
				p++
				ix.close(p)
				continue
			}
			if c != '"' {
				ix.fail(p, "expected object key")
				return true
			}
			e, ok := scanString(doc, p)
			if !ok {
				ix.fail(p, "unterminated string")
				return true
			}
			p = e
			ix.state = expColon
			continue
		case expValueOrEnd:
			if c == ']' {
				p++
				ix.close(p)
				continue
			}
		}
		// a value starts at p
		var k Kind
		e := p + 1
		ok := true
		switch {
		case c == '{':
			k = Object
		case c == '[':
			k = Array
		case c == '"':
			k = String
			e, ok = scanString(doc, p)
		case c == '-' || c >= '0' && c <= '9':
			k = Number
			e, ok = scanNumber(doc, p)
		case c == 't':
			k, ok = Bool, bytes.HasPrefix(doc[p:], []byte("true"))
			e = p + 4
		case c == 'f':
			k, ok = Bool, bytes.HasPrefix(doc[p:], []byte("false"))
			e = p + 5
		case c == 'n':
			k, ok = Null, bytes.HasPrefix(doc[p:], []byte("null"))
			e = p + 4
		default:
			ok = false
		}
		if !ok {
			ix.fail(p, "invalid "+k.String()+" value")
			return true
		}
		id := ix.add(k, p, e)
		if k.Container() {
			ix.stack = append(ix.stack, id)
			if k == Object {
				ix.state = expKeyOrEnd
			} else {
				ix.state = expValueOrEnd
			}
		} else {
			ix.afterValue()
		}
		p = e
	}
}

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

func (ix *Indexer) close(end int) {
	top := ix.stack[len(ix.stack)-1]
	ix.stack = ix.stack[:len(ix.stack)-1]
	ix.t.end[top] = int32(end)
	ix.afterValue()
}

func (ix *Indexer) afterValue() {
	if len(ix.stack) == 0 {
		ix.state = expNothing
	} else {
		ix.state = expCommaOrEnd
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// scanString returns the offset just past the string starting at p. It
// checks that escapes are well formed and that no control character is left
// raw, so Key and Text never meet a malformed string.
func scanString(b []byte, p int) (int, bool) {
	i := p + 1
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b), false
		}
		seg := b[i : i+j]
		if bytes.IndexByte(seg, '\\') < 0 && !hasControl(seg) {
			return i + j + 1, true
		}
		// slow path: walk the segment, which may end in an escaped quote
		for k := i; k < len(b); k++ {
			c := b[k]
			switch {
			case c == '"':
				return k + 1, true
			case c < 0x20:
				return k, false
			case c == '\\':
				if k+1 >= len(b) {
					return len(b), false
				}
				switch b[k+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					k++
				case 'u':
					if k+5 >= len(b) || !isHex4(b[k+2:k+6]) {
						return k, false
					}
					k += 5
				default:
					return k, false
				}
			}
		}
		return len(b), false
	}
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// scanNumber checks JSON's number grammar and returns the offset past it.
func scanNumber(b []byte, p int) (int, bool) {
	i := p
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		if i == d {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		if i == d {
			return i, false
		}
	}
	if i < len(b) && !isDelim(b[i]) {
		return i, false
	}
	return i, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isDelim(c byte) bool {
	return isSpace(c) || c == ',' || c == ']' || c == '}' || c == ':'
}
