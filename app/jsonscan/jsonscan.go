// Package jsonscan walks a JSON document held in memory token by token. It
// is the one grammar check under fanin's validation (jsonvalue), tree index
// (jsontree) and pretty-printer: it accepts exactly the documents
// encoding/json accepts and stops at the same first bad byte with the same
// message ("invalid character '}' after array element"), but it can stop
// after any token and go on later, so a caller on a browser's only thread
// can spread a 100 MB document over many frames. At the end of the input it
// always says "unexpected end of JSON input". UTF-8 is not its business:
// callers check it with utf8.Valid.
package jsonscan

import (
	"fmt"
	"strconv"
)

// Kind is what a token is.
type Kind uint8

const (
	BeginObject Kind = iota + 1 // {
	EndObject                   // }
	BeginArray                  // [
	EndArray                    // ]
	Key                         // an object member's name, quotes included
	String                      // a string value, quotes included
	Number
	True
	False
	Null
)

// Token is one token: its kind and the bytes [Start, End) it spans.
type Token struct {
	Kind       Kind
	Start, End int
}

// MaxDepth is how deeply arrays and objects may nest, as in encoding/json.
const MaxDepth = 10000

// SyntaxError says where a document stops being JSON and why.
type SyntaxError struct {
	Offset int    // the offending byte, or the length of the input at its end
	Msg    string // encoding/json's wording
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at byte %d", e.Msg, e.Offset)
}

// what the scanner expects next
type state uint8

const (
	stValue      state = iota // any value (top level, after ':' or an array's ',')
	stValueOrEnd              // after '['
	stKeyOrEnd                // after '{'
	stKey                     // after an object's ','
	stColon                   // after a key
	stCommaOrEnd              // after a value inside a container
	stEnd                     // after the top-level value
)

// Scanner reads one document. The zero value is not usable; call New.
type Scanner struct {
	doc   []byte
	pos   int
	state state
	stack []byte // open containers, '{' or '['
	err   *SyntaxError
	done  bool
}

// New returns a Scanner at the start of doc.
func New(doc []byte) *Scanner { return &Scanner{doc: doc} }

// Pos is how many bytes have been consumed.
func (s *Scanner) Pos() int { return s.pos }

// Depth is how many containers are open.
func (s *Scanner) Depth() int { return len(s.stack) }

// Err is the error that stopped the scan, or nil.
func (s *Scanner) Err() error {
	if s.err == nil {
		return nil
	}
	return s.err
}

// SyntaxErr is Err as its concrete type.
func (s *Scanner) SyntaxErr() *SyntaxError { return s.err }

// Done reports whether the scan is over, at the end of a valid document or
// at an error.
func (s *Scanner) Done() bool { return s.done }

// Skip consumes tokens until at least budget more bytes are read (always at
// least one token) and reports whether the scan is over. It is Next for
// callers that only want to know whether the document is valid.
func (s *Scanner) Skip(budget int) bool {
	stop := s.pos + max(budget, 1)
	for s.pos < stop {
		if _, ok := s.Next(); !ok {
			return true
		}
	}
	return s.done
}

// Splice consumes the value at [start, end) without scanning it, when the
// scanner expects a value that starts at start: white space alone, or the
// ':' after a key or the ',' between array elements, lies between. The
// caller vouches that those bytes are one valid JSON value: it has scanned
// them before, as jsontree does with a response indexed when it arrived.
// It reports whether it consumed them.
func (s *Scanner) Splice(start, end int) bool {
	if s.done || start < s.pos || end > len(s.doc) || end <= start {
		return false
	}
	doc, p := s.doc, s.pos
	skip := func() {
		for p < start && isSpace[doc[p]] {
			p++
		}
	}
	skip()
	switch s.state {
	case stValue, stValueOrEnd:
	case stColon:
		if p >= start || doc[p] != ':' {
			return false
		}
		p++
		skip()
	case stCommaOrEnd:
		if s.stack[len(s.stack)-1] != '[' || p >= start || doc[p] != ',' {
			return false
		}
		p++
		skip()
	default:
		return false
	}
	if p != start {
		return false
	}
	s.pos = end
	s.afterValue()
	return true
}

// Next returns the next token. It returns false when there is none: at the
// end of a valid document (Err is nil) or at a syntax error.
func (s *Scanner) Next() (Token, bool) {
	if s.done {
		return Token{}, false
	}
	doc := s.doc
	p := s.pos
	for {
		for p < len(doc) && isSpace[doc[p]] {
			p++
		}
		if p >= len(doc) {
			s.pos = p
			if s.state != stEnd {
				s.fail(p, "unexpected end of JSON input")
			}
			s.done = true
			return Token{}, false
		}
		c := doc[p]
		switch s.state {
		case stEnd:
			return s.failAt(p, "after top-level value")
		case stColon:
			if c != ':' {
				return s.failAt(p, "after object key")
			}
			p++
			s.state = stValue
			continue
		case stCommaOrEnd:
			inObject := s.stack[len(s.stack)-1] == '{'
			switch {
			case c == ',':
				p++
				s.state = stValue
				if inObject {
					s.state = stKey
				}
				continue
			case c == '}' && inObject, c == ']' && !inObject:
				return s.close(p)
			case inObject:
				return s.failAt(p, "after object key:value pair")
			default:
				return s.failAt(p, "after array element")
			}
		case stKeyOrEnd, stKey:
			if c == '}' && s.state == stKeyOrEnd {
				return s.close(p)
			}
			if c != '"' {
				return s.failAt(p, "looking for beginning of object key string")
			}
			e, ok := s.scanString(p)
			if !ok {
				return Token{}, false
			}
			s.pos, s.state = e, stColon
			return Token{Key, p, e}, true
		case stValueOrEnd:
			if c == ']' {
				return s.close(p)
			}
		}
		return s.value(p, c)
	}
}

// value reads the value that starts with c at p.
func (s *Scanner) value(p int, c byte) (Token, bool) {
	var (
		k  Kind
		e  int
		ok bool
	)
	switch {
	case c == '{' || c == '[':
		if len(s.stack) >= MaxDepth {
			return s.failAt(p, "exceeded max depth")
		}
		s.stack = append(s.stack, c)
		s.pos = p + 1
		if c == '{' {
			s.state = stKeyOrEnd
			return Token{BeginObject, p, p + 1}, true
		}
		s.state = stValueOrEnd
		return Token{BeginArray, p, p + 1}, true
	case c == '"':
		k = String
		e, ok = s.scanString(p)
	case c == '-' || '0' <= c && c <= '9':
		k = Number
		e, ok = s.scanNumber(p)
	case c == 't':
		k = True
		e, ok = s.literal(p, "true")
	case c == 'f':
		k = False
		e, ok = s.literal(p, "false")
	case c == 'n':
		k = Null
		e, ok = s.literal(p, "null")
	default:
		return s.failAt(p, "looking for beginning of value")
	}
	if !ok {
		return Token{}, false
	}
	s.pos = e
	s.afterValue()
	return Token{k, p, e}, true
}

func (s *Scanner) close(p int) (Token, bool) {
	k := EndArray
	if s.stack[len(s.stack)-1] == '{' {
		k = EndObject
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.pos = p + 1
	s.afterValue()
	return Token{k, p, p + 1}, true
}

func (s *Scanner) afterValue() {
	if len(s.stack) == 0 {
		s.state = stEnd
	} else {
		s.state = stCommaOrEnd
	}
}

func (s *Scanner) fail(off int, msg string) {
	if s.err == nil {
		s.err = &SyntaxError{Offset: off, Msg: msg}
	}
	s.done = true
	s.pos = off
}

// failAt reports the byte at off as invalid, in encoding/json's words; at
// the end of the input it is the end that is unexpected.
func (s *Scanner) failAt(off int, context string) (Token, bool) {
	if off >= len(s.doc) {
		s.fail(len(s.doc), "unexpected end of JSON input")
	} else {
		s.fail(off, "invalid character "+quoteChar(s.doc[off])+" "+context)
	}
	return Token{}, false
}

// scanString returns the offset just past the string that starts at p.
func (s *Scanner) scanString(p int) (int, bool) {
	doc := s.doc
	i := p + 1
	for {
		for i < len(doc) && !inStringSpecial[doc[i]] {
			i++
		}
		if i >= len(doc) {
			s.failAt(i, "")
			return i, false
		}
		switch c := doc[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			s.failAt(i, "in string literal")
			return i, false
		}
		// a backslash
		i++
		if i >= len(doc) {
			s.failAt(i, "")
			return i, false
		}
		switch doc[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			i++
			for end := i + 4; i < end; i++ {
				if i >= len(doc) || !isHex[doc[i]] {
					s.failAt(i, `in \u hexadecimal character escape`)
					return i, false
				}
			}
		default:
			s.failAt(i, "in string escape code")
			return i, false
		}
	}
}

// scanNumber checks JSON's number grammar and returns the offset past the
// number. What follows it is the next state's to judge, as in
// encoding/json ("01" is a 0 followed by a stray 1).
func (s *Scanner) scanNumber(p int) (int, bool) {
	doc := s.doc
	i := p
	if doc[i] == '-' {
		i++
		if i >= len(doc) || !isDigit(doc[i]) {
			s.failAt(i, "in numeric literal")
			return i, false
		}
	}
	if doc[i] == '0' {
		i++
	} else {
		for i < len(doc) && isDigit(doc[i]) {
			i++
		}
	}
	if i < len(doc) && doc[i] == '.' {
		i++
		if i >= len(doc) || !isDigit(doc[i]) {
			s.failAt(i, "after decimal point in numeric literal")
			return i, false
		}
		for i < len(doc) && isDigit(doc[i]) {
			i++
		}
	}
	if i < len(doc) && (doc[i] == 'e' || doc[i] == 'E') {
		i++
		if i < len(doc) && (doc[i] == '+' || doc[i] == '-') {
			i++
		}
		if i >= len(doc) || !isDigit(doc[i]) {
			s.failAt(i, "in exponent of numeric literal")
			return i, false
		}
		for i < len(doc) && isDigit(doc[i]) {
			i++
		}
	}
	return i, true
}

func (s *Scanner) literal(p int, word string) (int, bool) {
	for k := 1; k < len(word); k++ {
		if p+k >= len(s.doc) || s.doc[p+k] != word[k] {
			s.failAt(p+k, fmt.Sprintf("in literal %s (expecting %s)", word, quoteChar(word[k])))
			return p + k, false
		}
	}
	return p + len(word), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// IsSpace reports whether c is white space between JSON tokens.
func IsSpace(c byte) bool { return isSpace[c] }

var isSpace, inStringSpecial, isHex [256]bool

func init() {
	for _, c := range []byte(" \t\n\r") {
		isSpace[c] = true
	}
	for c := range 0x20 {
		inStringSpecial[c] = true
	}
	inStringSpecial['"'], inStringSpecial['\\'] = true, true
	for _, c := range []byte("0123456789abcdefABCDEF") {
		isHex[c] = true
	}
}

// quoteChar formats c as encoding/json does in its messages.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(rune(c)))
	return "'" + q[1:len(q)-1] + "'"
}
