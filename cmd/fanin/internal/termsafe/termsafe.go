// Package termsafe escapes what fanin writes to a terminal: a URL list or
// a server's error body may hold ESC, BEL, C1 controls or bidi overrides,
// which a terminal would act on (move the cursor, set the title, reorder
// text) instead of showing.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with every control character but the line break (C0,
// DEL, C1), every format character (Cf: bidi embeddings, overrides and
// isolates, zero-width characters), line and paragraph separators and
// every byte that is not UTF-8 written as a visible escape: \x1b, \u202e.
func Escape(s string) string {
	if strings.IndexFunc(s, hidden) < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && hidden(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func hidden(r rune) bool {
	if r == '\n' {
		return false
	}
	return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Writer escapes each Write with Escape before passing it on; fanin
// writes each message in one Write.
type Writer struct{ W io.Writer }

// Write implements io.Writer: n counts p's bytes, as callers expect.
func (w Writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.W, Escape(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
