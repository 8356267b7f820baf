package jqfast

import (
	"fanin/app/jsonscan"
	"fanin/app/jsontree"
)

// source is where a plan reads the document: its jsontree index
// (treeSource, at is a NodeID) or its bytes (rawSource, at is the offset
// of a value's first byte).
type source interface {
	root() int
	size() int // the document's bytes
	kind(at int) jsontree.Kind
	literal(at int) []byte
	offset(at int) int
	// children calls fn with each child of a container in document order,
	// with its key literal (quotes included) in an object, nil in an
	// array, until fn returns false.
	children(at int, fn func(key []byte, child int) bool)
	count(at int) int
	// nth is an array's i-th element, counting from the end when i < 0.
	nth(at, i int) (int, bool)
}

type treeSource struct{ t *jsontree.Tree }

func (s treeSource) root() int                 { return int(s.t.Root()) }
func (s treeSource) size() int                 { return len(s.t.Bytes()) }
func (s treeSource) kind(at int) jsontree.Kind { return s.t.Kind(jsontree.NodeID(at)) }
func (s treeSource) literal(at int) []byte     { return s.t.Literal(jsontree.NodeID(at)) }
func (s treeSource) count(at int) int          { return s.t.Len(jsontree.NodeID(at)) }
func (s treeSource) offset(at int) int         { o, _ := s.t.Span(jsontree.NodeID(at)); return o }
func (s treeSource) children(at int, fn func([]byte, int) bool) {
	t := s.t
	for c := t.Child(jsontree.NodeID(at), 0); c != jsontree.None; c = t.NextSibling(c) {
		if !fn(t.RawKey(c), int(c)) {
			return
		}
	}
}

func (s treeSource) nth(at, i int) (int, bool) {
	if i < 0 {
		i += s.count(at)
	}
	c := s.t.Child(jsontree.NodeID(at), i)
	return int(c), c != jsontree.None
}

// rawSource reads a valid JSON document's bytes as it goes: skipping a
// value is a byte loop that only minds strings and brackets, several
// times faster than indexing, so a plan's first run over a big document
// costs about one pass over the bytes it reads. It remembers where the
// container it last walked to the end ends: a plan walks an element
// (.[] | .id) just before its parent skips over it.
type rawSource struct {
	d        []byte
	lastFrom int // the last container walked to its end, or -1
	lastTo   int // just past it
}

func newRawSource(doc []byte) *rawSource { return &rawSource{d: doc, lastFrom: -1} }

func (s *rawSource) root() int { return s.space(0) }
func (s *rawSource) size() int { return len(s.d) }

func (s *rawSource) offset(at int) int { return at }

func (s *rawSource) kind(at int) jsontree.Kind {
	d := s.d
	if at >= len(d) {
		return jsontree.Null
	}
	switch d[at] {
	case '{':
		return jsontree.Object
	case '[':
		return jsontree.Array
	case '"':
		return jsontree.String
	case 't', 'f':
		return jsontree.Bool
	case 'n':
		return jsontree.Null
	}
	return jsontree.Number
}

func (s *rawSource) literal(at int) []byte {
	d := s.d
	if at >= len(d) {
		return []byte("null")
	}
	end := s.skip(at)
	return d[at:end:end]
}

func (s *rawSource) space(p int) int {
	d := s.d
	for p < len(d) && jsonscan.IsSpace(d[p]) {
		p++
	}
	return p
}

// skip returns the offset just past the value at p.
func (s *rawSource) skip(p int) int {
	d := s.d
	if p >= len(d) {
		return len(d)
	}
	if p == s.lastFrom {
		return s.lastTo
	}
	switch d[p] {
	case '"':
		return skipString(d, p)
	case '{', '[':
		depth := 0
		for i := p; i < len(d); i++ {
			switch c := d[i]; {
			case !structural[c]:
			case c == '"':
				i = skipString(d, i) - 1
			case c == '{' || c == '[':
				depth++
			default: // } or ]
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(d)
	}
	i := p + 1
	for i < len(d) && !ends[d[i]] {
		i++
	}
	return i
}

// skipString returns the offset just past the string that opens at p.
//
// Not jsonscan.StringEnd, which the indenter and the tree share: on the
// records of BenchmarkRaw (short keys and values) this byte loop skips a
// document in 5.5 ms where StringEnd's search for the quote took 8.7 ms,
// and skipping is this package's whole job; the same goes for the number
// loop in skip against jsonscan.BareEnd (5.5 against 5.9 ms).
func skipString(d []byte, p int) int {
	for i := p + 1; i < len(d); i++ {
		switch d[i] {
		case '"':
			return i + 1
		case '\\':
			i++
		}
	}
	return len(d)
}

// structural marks the bytes skip minds inside a container; ends the bytes
// that end a number or a literal.
var structural, ends [256]bool

func init() {
	for _, c := range []byte(`"{}[]`) {
		structural[c] = true
	}
	for _, c := range []byte(",]}: \t\r\n") {
		ends[c] = true
	}
}

func (s *rawSource) children(at int, fn func([]byte, int) bool) {
	d := s.d
	if at >= len(d) || d[at] != '{' && d[at] != '[' {
		return
	}
	object, p := d[at] == '{', s.space(at+1)
	for p < len(d) && d[p] != '}' && d[p] != ']' {
		var key []byte
		if object {
			if d[p] != '"' {
				return
			}
			e := skipString(d, p)
			key = d[p:e:e]
			if p = s.space(e); p >= len(d) || d[p] != ':' {
				return
			}
			p = s.space(p + 1)
		}
		if p >= len(d) || !fn(key, p) {
			return
		}
		if p = s.space(s.skip(p)); p < len(d) && d[p] == ',' {
			p = s.space(p + 1)
		}
	}
	if p < len(d) {
		s.lastFrom, s.lastTo = at, p+1
	}
}

func (s *rawSource) count(at int) int {
	n := 0
	s.children(at, func([]byte, int) bool { n++; return true })
	return n
}

func (s *rawSource) nth(at, i int) (int, bool) {
	if i < 0 {
		i += s.count(at)
		if i < 0 {
			return 0, false
		}
	}
	found, k := -1, 0
	s.children(at, func(_ []byte, c int) bool {
		if k == i {
			found = c
			return false
		}
		k++
		return true
	})
	return found, found >= 0
}
