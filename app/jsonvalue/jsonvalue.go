// Package jsonvalue validates a response body as one JSON document without
// decoding it, so that fanin can splice the original bytes into the combined
// document: key order, duplicate keys, number literals and string escapes
// all pass through untouched. It also pretty-prints by re-spacing tokens,
// never by re-encoding values.
package jsonvalue

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"fanin/app/jsonscan"
	"fanin/app/jsontree"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// ErrEmpty is returned for a body of zero bytes. A body with bytes but no
// value in them (white space, a lone byte order mark) is a SyntaxError.
var ErrEmpty = errors.New("empty body: the server sent no bytes")

// SyntaxError says where a body stops being JSON.
type SyntaxError struct {
	Offset  int64  // byte offset of the offending byte in the body as received
	Line    int    // 1-based
	Column  int    // 1-based, in bytes
	Msg     string // what the parser expected
	Snippet string // the text around Offset, quoted for display
	NDJSON  int    // when > 1, the body is this many newline-separated JSON values
}

func (e *SyntaxError) Error() string {
	if e.NDJSON > 1 {
		return fmt.Sprintf("NDJSON (%d values, one per line) is not one JSON document; second value at line %d", e.NDJSON, e.Line)
	}
	return fmt.Sprintf("%s at line %d, column %d (byte %d): %s", e.Msg, e.Line, e.Column, e.Offset, e.Snippet)
}

// Check validates body as exactly one JSON value in UTF-8 (RFC 8259) and
// returns that value's bytes: a leading UTF-8 byte order mark and
// surrounding white space are dropped, nothing else changes. The returned
// slice aliases body. It is a Checker run in one go.
func Check(body []byte) ([]byte, error) {
	c := NewChecker(body)
	for !c.Step(math.MaxInt) {
	}
	return c.Value()
}

// Checker does Check's work a slice at a time, for callers that must not
// hold a thread for the seconds a 100 MB body takes in a browser.
type Checker struct {
	body   []byte
	start  int               // where the value may begin: past a byte order mark
	sc     *jsonscan.Scanner // the grammar check, or
	ix     *jsontree.Indexer // the grammar check that indexes too (NewIndexingChecker)
	tree   *jsontree.Tree
	parsed bool // the grammar is checked
	utf8   int  // bytes of body[start:] known to be UTF-8, once the grammar is checked
	value  []byte
	err    error
	done   bool
}

// NewChecker prepares to check body.
func NewChecker(body []byte) *Checker {
	c := newChecker(body)
	c.sc = jsonscan.New(body[c.start:])
	return c
}

// NewIndexingChecker is NewChecker for a caller that will show the value as
// a tree: the one scan that checks the grammar also indexes it (jsontree
// checks exactly what jsonscan checks), and Tree returns the index.
func NewIndexingChecker(body []byte) *Checker {
	c := newChecker(body)
	c.ix = jsontree.NewIndexer(body[c.start:])
	return c
}

func newChecker(body []byte) *Checker {
	c := &Checker{body: body}
	if bytes.HasPrefix(body, bom) {
		c.start = len(bom)
	}
	return c
}

// Tree is the index NewIndexingChecker built of the body past its byte
// order mark (its root is the value Value returns), or nil.
func (c *Checker) Tree() *jsontree.Tree {
	if c.err != nil {
		return nil
	}
	return c.tree
}

// Step checks about budget more bytes and reports whether the check is
// over; Value then has the verdict.
func (c *Checker) Step(budget int) bool {
	if c.done {
		return true
	}
	body := c.body
	switch {
	case len(body) == 0:
		c.finish(nil, ErrEmpty)
	case !c.parsed && c.ix != nil:
		if c.ix.Step(budget) {
			tree, err := c.ix.Tree()
			var se *jsontree.SyntaxError
			if errors.As(err, &se) {
				c.finish(nil, c.syntaxError(se.Offset, se.Msg))
			}
			c.tree, c.parsed = tree, err == nil
		}
	case !c.parsed:
		if c.sc.Skip(budget) {
			if se := c.sc.SyntaxErr(); se != nil {
				c.finish(nil, c.syntaxError(se.Offset, se.Msg))
			}
			c.parsed = true
		}
	default:
		rest := body[c.start+c.utf8:]
		n := min(len(rest), max(budget, 4))
		for n > 0 && n < len(rest) && !utf8.RuneStart(rest[n]) {
			n-- // never split a character between steps
		}
		if n == 0 { // four bytes that start no character: not UTF-8
			n = min(len(rest), max(budget, 4))
		}
		if !utf8.Valid(rest[:n]) {
			value := bytes.TrimSpace(body[c.start:])
			c.finish(nil, invalidUTF8(body, value, c.start+bytes.Index(body[c.start:], value[:1])))
			break
		}
		if c.utf8 += n; c.start+c.utf8 == len(body) {
			c.finish(bytes.TrimSpace(body[c.start:]), nil)
		}
	}
	return c.done
}

func (c *Checker) finish(value []byte, err error) {
	c.value, c.err, c.done = value, err, true
}

// Value returns what Check returns; it is an error to ask before Step has
// reported done.
func (c *Checker) Value() ([]byte, error) {
	if !c.done {
		return nil, errors.New("jsonvalue: check not finished")
	}
	return c.value, c.err
}

// syntaxError places the scanner's error at off (past the byte order
// mark) in the body as received.
func (c *Checker) syntaxError(off int, msg string) error {
	body := c.body
	abs := c.start + off
	line, col := position(body, abs)
	if len(bytes.TrimSpace(body[c.start:])) == 0 {
		return &SyntaxError{Offset: int64(len(body)), Line: line, Column: col,
			Msg: "no JSON value, only white space", Snippet: snippet(body, len(body))}
	}
	out := &SyntaxError{Offset: int64(abs), Line: line, Column: col, Msg: msg, Snippet: snippet(body, abs)}
	if strings.Contains(msg, "after top-level value") {
		if n := countLines(body[c.start:]); n > 1 {
			out.NDJSON = n
		}
	}
	return out
}

// invalidUTF8 locates the first byte that is not UTF-8. JSON exchanged
// between systems must be UTF-8, and passing such bytes on would make the
// combined document invalid too.
func invalidUTF8(body, value []byte, lead int) error {
	off := 0
	for off < len(value) {
		r, size := utf8.DecodeRune(value[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	abs := lead + off
	line, col := position(body, abs)
	return &SyntaxError{Offset: int64(abs), Line: line, Column: col,
		Msg: fmt.Sprintf("invalid UTF-8 byte 0x%02x (JSON text must be UTF-8)", body[abs]), Snippet: snippet(body, abs)}
}

// countLines reports how many newline-separated JSON values value holds, or
// 0 when any non-blank line is not a JSON value by itself.
func countLines(value []byte) int {
	n := 0
	for _, line := range bytes.Split(value, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		sc := jsonscan.New(line)
		if sc.Skip(math.MaxInt); sc.Err() != nil {
			return 0
		}
		n++
	}
	return n
}

func position(body []byte, off int) (line, col int) {
	if off > len(body) {
		off = len(body)
	}
	before := body[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// snippet returns up to 24 bytes either side of off, as a quoted Go string
// so that control characters and invalid UTF-8 show plainly.
func snippet(body []byte, off int) string {
	const span = 24
	lo, hi := max(off-span, 0), min(off+span, len(body))
	for lo > 0 && lo < len(body) && !utf8.RuneStart(body[lo]) {
		lo--
	}
	s := fmt.Sprintf("%q", body[lo:hi])
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(body) {
		s += "…"
	}
	return s
}

// AppendIndent appends src pretty-printed, with two-space indentation and
// a final newline, to dst: the bytes encoding/json's Indent writes, only
// white space between tokens changes. It is an Indenter run in one go.
func AppendIndent(dst, src []byte) ([]byte, error) {
	in := NewIndenter(src, dst)
	for !in.Step(math.MaxInt) {
	}
	return in.Result()
}

// Indenter pretty-prints a document a slice at a time. The document must
// be valid JSON (as Check returns it): the indenter re-spaces tokens and
// does not check the grammar again, so it runs at memory speed, which a
// browser needs for a 100 MB result.
type Indenter struct {
	src        []byte
	out        []byte
	pos        int
	depth      int
	needIndent bool // after '[' or '{': indent unless the container is empty
	err        error
	done       bool
}

// NewIndenter prepares to indent src, appending to out.
func NewIndenter(src, out []byte) *Indenter {
	if cap(out)-len(out) < len(src)+len(src)/2 {
		out = append(make([]byte, 0, len(out)+len(src)+len(src)/2+64), out...)
	}
	return &Indenter{src: src, out: out}
}

// NewStreamIndenter prepares to indent src into pieces that Take hands
// out, so the whole indented text never has to be held at once.
func NewStreamIndenter(src []byte) *Indenter {
	return &Indenter{src: src, out: make([]byte, 0, 256<<10)}
}

// Take returns the text indented since the last Take and starts a new
// piece.
func (in *Indenter) Take() []byte {
	piece := in.out[:len(in.out):len(in.out)]
	in.out = in.out[len(in.out):]
	if cap(in.out) < 64<<10 {
		in.out = make([]byte, 0, max(256<<10, cap(piece)))
	}
	return piece
}

// Err is why indenting failed, once Step has reported done.
func (in *Indenter) Err() error { return in.err }

// Progress is the share of the document done, from 0 to 1.
func (in *Indenter) Progress() float64 {
	if in.done || len(in.src) == 0 {
		return 1
	}
	return float64(in.pos) / float64(len(in.src))
}

// Result returns the indented document, or why it could not be indented;
// it is an error to ask before Step has reported done.
func (in *Indenter) Result() ([]byte, error) {
	if !in.done {
		return nil, errors.New("jsonvalue: indenting not finished")
	}
	return in.out, in.err
}

// Step indents about budget more bytes of the document and reports whether
// it is over.
func (in *Indenter) Step(budget int) bool {
	if in.done {
		return true
	}
	src, out, i, depth, need := in.src, in.out, in.pos, in.depth, in.needIndent
	stop := len(src)
	if budget < len(src)-i {
		stop = i + max(budget, 1)
	}
	for i < stop {
		c := src[i]
		if jsonscan.IsSpace(c) {
			i++
			continue
		}
		if need && c != ']' && c != '}' {
			need = false
			depth++
			out = newline(out, depth)
		}
		switch c {
		case '{', '[':
			need = true
			out = append(out, c)
			i++
		case ',':
			out = newline(append(out, c), depth)
			i++
		case ':':
			out = append(out, ':', ' ')
			i++
		case '}', ']':
			if need {
				need = false // an empty container stays {} or []
			} else {
				depth--
				out = newline(out, depth)
			}
			out = append(out, c)
			i++
		case '"':
			e := jsonscan.StringEnd(src, i)
			if e < 0 {
				in.fail(out, i, "unterminated string")
				return true
			}
			out = append(out, src[i:e]...)
			i = e
		default: // a number or a literal
			j := jsonscan.BareEnd(src, i)
			out = append(out, src[i:j]...)
			i = j
		}
	}
	in.out, in.pos, in.depth, in.needIndent = out, i, depth, need
	if i >= len(src) {
		if depth != 0 || need {
			in.fail(out, i, "unexpected end of JSON input")
		} else {
			in.out = append(out, '\n')
			in.done = true
		}
	}
	return in.done
}

func (in *Indenter) fail(out []byte, off int, msg string) {
	in.out, in.err, in.done = out, fmt.Errorf("indent: %s at byte %d", msg, off), true
}

// spaces is a newline and indentation for the common depths.
var spaces = "\n" + strings.Repeat(" ", 2*64)

func newline(out []byte, depth int) []byte {
	if n := 1 + 2*depth; n <= len(spaces) {
		return append(out, spaces[:n]...)
	}
	out = append(out, '\n')
	for range depth {
		out = append(out, ' ', ' ')
	}
	return out
}
