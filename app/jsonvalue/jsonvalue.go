// Package jsonvalue validates a response body as one JSON document without
// decoding it, so that fanin can splice the original bytes into the combined
// document: key order, duplicate keys, number literals and string escapes
// all pass through untouched. It also pretty-prints by re-spacing tokens,
// never by re-encoding values.
package jsonvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
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
// slice aliases body.
func Check(body []byte) ([]byte, error) {
	if len(body) == 0 {
		return nil, ErrEmpty
	}
	start := 0
	if bytes.HasPrefix(body, bom) {
		start = len(bom)
	}
	value := bytes.TrimSpace(body[start:])
	if len(value) == 0 {
		line, col := position(body, len(body))
		return nil, &SyntaxError{Offset: int64(len(body)), Line: line, Column: col,
			Msg: "no JSON value, only white space", Snippet: snippet(body, len(body))}
	}
	lead := start + bytes.Index(body[start:], value[:1])
	if !json.Valid(value) {
		return nil, locate(body, value, lead)
	}
	if !utf8.Valid(value) {
		return nil, invalidUTF8(body, value, lead)
	}
	return value, nil
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

func locate(body, value []byte, lead int) error {
	var raw json.RawMessage
	err := json.Unmarshal(value, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		se = &json.SyntaxError{Offset: int64(len(value))}
		if err != nil {
			return fmt.Errorf("not JSON: %w", err)
		}
	}
	off := int(se.Offset)
	if off > 0 {
		off-- // encoding/json reports the count of bytes read, the bad one included
	}
	msg := strings.TrimPrefix(se.Error(), "json: ")
	if msg == "" || strings.HasPrefix(msg, "unexpected end of JSON input") {
		msg = "unexpected end of JSON input"
		off = len(value)
	}
	abs := lead + off
	line, col := position(body, abs)
	out := &SyntaxError{Offset: int64(abs), Line: line, Column: col, Msg: msg, Snippet: snippet(body, abs)}
	if n := countLines(value); n > 1 && strings.Contains(msg, "after top-level value") {
		out.NDJSON = n
	}
	return out
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
		if !json.Valid(line) {
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

// Indent pretty-prints a valid JSON document with two-space indentation and
// a final newline. Only white space between tokens changes.
func Indent(dst *bytes.Buffer, src []byte) error {
	if err := json.Indent(dst, src, "", "  "); err != nil {
		return err
	}
	dst.WriteByte('\n')
	return nil
}
