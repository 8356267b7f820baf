package jqfilter

import (
	"fmt"
	"strings"
)

// Limits on a filter's source, checked before it is parsed: gojq parses
// and compiles by recursion, so a long chain of one operator (`.a|.a|…`,
// `1+1+…`) or deep nesting (`[[[…]]]`) would exhaust the stack and kill
// the program — in the page, the whole page. The largest filter these allow
// compiles and runs in a small fraction of the stack (TestLimitsHold).
const (
	MaxLength    = 10 << 10 // bytes of source
	MaxDepth     = 200      // nesting of (), [], {}, string interpolation and if … end
	MaxOperators = 2000     // operator characters and keywords in all
)

// LimitError is a filter refused before compiling for its size or shape.
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return "jq: " + e.Msg }

// CheckLimits refuses a filter over MaxLength, MaxDepth or MaxOperators.
// It reads jq's tokens only as far as those need: string literals (with
// their \(…) interpolations), comments, brackets, operators and keywords.
func CheckLimits(expr string) error {
	if len(expr) > MaxLength {
		return &LimitError{fmt.Sprintf("the filter is %d bytes; at most %d are allowed", len(expr), MaxLength)}
	}
	s := scanner{src: expr}
	s.scan()
	switch {
	case s.maxDepth > MaxDepth:
		return &LimitError{fmt.Sprintf("the filter nests %d levels deep; at most %d are allowed", s.maxDepth, MaxDepth)}
	case s.ops > MaxOperators:
		return &LimitError{fmt.Sprintf("the filter has %d operators and keywords; at most %d are allowed", s.ops, MaxOperators)}
	}
	return nil
}

// keywords are the words that build jq's syntax (each a level of the tree).
var keywords = map[string]bool{
	"and": true, "or": true, "as": true, "if": true, "then": true, "elif": true, "else": true, "end": true,
	"try": true, "catch": true, "reduce": true, "foreach": true, "def": true, "label": true,
	"import": true, "include": true,
}

type scanner struct {
	src      string
	i        int
	depth    int
	maxDepth int
	ops      int
	// stack holds what each open level closes with: ')' ']' '}', 'e'
	// for if … end, 's' for a \( inside a string, which returns to the string.
	stack []byte
}

func (s *scanner) open(closer byte) {
	s.stack = append(s.stack, closer)
	s.depth++
	s.maxDepth = max(s.maxDepth, s.depth)
}

func (s *scanner) close(closer byte) bool {
	if n := len(s.stack); n > 0 && s.stack[n-1] == closer {
		s.stack = s.stack[:n-1]
		s.depth--
		return true
	}
	return false
}

func (s *scanner) scan() {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '"':
			s.i++
			s.str()
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		case c == '(' || c == '[' || c == '{':
			s.open(map[byte]byte{'(': ')', '[': ']', '{': '}'}[c])
			s.i++
		case c == ')':
			s.i++
			if n := len(s.stack); n > 0 && s.stack[n-1] == 's' {
				s.stack = s.stack[:n-1]
				s.depth--
				s.str()
				continue
			}
			s.close(')')
		case c == ']' || c == '}':
			s.close(c)
			s.i++
		case strings.IndexByte("|,+-*/%=<>!?;:", c) >= 0:
			s.ops++ // each character: `----1` nests four times
			s.i++
		case isWordStart(c):
			start := s.i
			for s.i < len(s.src) && isWordPart(s.src[s.i]) {
				s.i++
			}
			word := s.src[start:s.i]
			if !keywords[word] || start > 0 && (s.src[start-1] == '.' || s.src[start-1] == '$') {
				continue
			}
			s.ops++
			switch word {
			case "if":
				s.open('e')
			case "end":
				s.close('e')
			}
		default:
			s.i++
		}
	}
}

// str reads a string literal's rest up to its closing quote, or up to a
// \( that opens an interpolation (code again, until its ')').
func (s *scanner) str() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '(' {
				s.i += 2
				s.open('s')
				return
			}
			s.i += 2
		case '"':
			s.i++
			return
		default:
			s.i++
		}
	}
}

func isWordStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordPart(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' }
