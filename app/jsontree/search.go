package jsontree

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Searcher finds the next (or previous) node whose key or scalar text
// contains a query, ignoring case, a bounded number of nodes at a time so a
// page can yield to the browser between steps. It wraps around the end of
// the document and stops after one full turn.
type Searcher struct {
	t       *Tree
	q       matcher
	from    NodeID
	at      NodeID // next node to test
	forward bool
	visited int
	hit     NodeID
	done    bool
}

// NewSearcher starts a search for query after from (before it when forward
// is false). Pass None to start at the beginning (or the end).
func (t *Tree) NewSearcher(query string, from NodeID, forward bool) *Searcher {
	s := &Searcher{t: t, q: newMatcher(query), from: from, forward: forward, hit: None}
	n := NodeID(t.Size())
	switch {
	case query == "" || n == 0:
		s.done = true
	case from < 0 || from >= n:
		s.at = 0
		if !forward {
			s.at = n - 1
		}
	case forward:
		s.at = (from + 1) % n
	default:
		s.at = (from - 1 + n) % n
	}
	return s
}

// Step tests up to budget nodes and reports whether the search is over.
func (s *Searcher) Step(budget int) bool {
	n := s.t.Size()
	for ; budget > 0 && !s.done; budget-- {
		if s.visited >= n {
			s.done = true
			break
		}
		k, v := s.t.match(s.at, &s.q)
		if k || v {
			s.hit, s.done = s.at, true
			break
		}
		s.visited++
		if s.forward {
			s.at++
			if int(s.at) == n {
				s.at = 0
			}
		} else {
			s.at--
			if s.at < 0 {
				s.at = NodeID(n - 1)
			}
		}
	}
	return s.done
}

// Progress is the share of the document searched, from 0 to 1.
func (s *Searcher) Progress() float64 {
	if s.done || s.t.Size() == 0 {
		return 1
	}
	return float64(s.visited) / float64(s.t.Size())
}

// Result returns the node found, once Step has reported done.
func (s *Searcher) Result() (NodeID, bool) { return s.hit, s.hit != None }

// Search runs a whole search at once; see Searcher.
func (t *Tree) Search(query string, from NodeID, forward bool) (NodeID, bool) {
	s := t.NewSearcher(query, from, forward)
	for !s.Step(1 << 30) {
	}
	return s.Result()
}

// Match reports whether the node's key, and whether its scalar text,
// contain query ignoring case, for highlighting a hit.
func (t *Tree) Match(id NodeID, query string) (inKey, inValue bool) {
	if query == "" || !t.valid(id) {
		return false, false
	}
	m := newMatcher(query)
	return t.match(id, &m)
}

func (t *Tree) match(id NodeID, m *matcher) (inKey, inValue bool) {
	if t.IsMember(id) {
		inKey = m.in(t.RawKey(id), true)
	}
	switch t.kind[id] {
	case String:
		inValue = m.in(t.Literal(id), true)
	case Number, Bool, Null:
		inValue = m.in(t.Literal(id), false)
	}
	return inKey, inValue
}

// matcher compares against raw bytes where it can: an ASCII query against
// a literal without escapes needs no decoding, only ASCII case folding.
type matcher struct {
	lower string
	ascii bool
}

func newMatcher(q string) matcher {
	m := matcher{lower: strings.ToLower(q), ascii: true}
	for i := 0; i < len(q); i++ {
		if q[i] >= utf8.RuneSelf {
			m.ascii = false
		}
	}
	return m
}

func (m *matcher) in(lit []byte, quoted bool) bool {
	if quoted {
		if len(lit) < 2 {
			return false
		}
		inner := lit[1 : len(lit)-1]
		if !m.ascii || bytes.IndexByte(inner, '\\') >= 0 {
			return strings.Contains(strings.ToLower(unquote(lit)), m.lower)
		}
		lit = inner
	}
	return containsFoldASCII(lit, m.lower)
}

// containsFoldASCII reports whether s contains the lower-case ASCII needle,
// folding only ASCII letters of s; non-ASCII bytes of s compare as they
// are, which is right since the needle has none.
func containsFoldASCII(s []byte, needle string) bool {
	n := len(needle)
	if n == 0 {
		return true
	}
	first := needle[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+n <= len(s); i++ {
		c := s[i]
		if c != first && c != upper {
			continue
		}
		j := 1
		for ; j < n; j++ {
			d := s[i+j]
			if 'A' <= d && d <= 'Z' {
				d += 'a' - 'A'
			}
			if d != needle[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}
