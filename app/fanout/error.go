package fanout

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind names a class of per-URL failure. The values are stable: they appear
// in rows, in envelope output and on the CLI's stderr.
type Kind string

const (
	KindInvalidURL Kind = "invalid-url"
	KindCORS       Kind = "cors"
	KindNetwork    Kind = "network"
	KindTimeout    Kind = "timeout"
	KindHTTPStatus Kind = "http-status"
	KindNotJSON    Kind = "not-json"
	KindTooLarge   Kind = "too-large"
	KindCancelled  Kind = "cancelled"
	KindEmpty      Kind = "empty"
)

// Error is why one URL produced no value.
type Error struct {
	Kind    Kind
	Message string
	Err     error // the underlying cause, when there is one
}

// Errorf builds an Error of the given kind.
func Errorf(kind Kind, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Kind: kind, Message: err.Error(), Err: err}
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Message }

func (e *Error) Unwrap() error { return e.Err }

// excerpt returns the start of a body as one line of valid UTF-8, for
// messages: at most n bytes, runs of control characters as one space.
func excerpt(body []byte, n int) string {
	cut := len(body) > n
	if cut {
		for n > 0 && !utf8.RuneStart(body[n]) {
			n--
		}
		body = body[:n]
	}
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }), " ")
	s = strings.TrimSpace(s)
	if cut {
		s += "…"
	}
	return s
}

// KindOr returns e's kind, or def when e is nil.
func (e *Error) KindOr(def Kind) Kind {
	if e == nil {
		return def
	}
	return e.Kind
}
