package jsontree

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// unquote decodes a JSON string literal, quotes included. Anything
// malformed (a lone surrogate, invalid UTF-8) becomes U+FFFD rather than an
// error: this is for display.
func unquote(lit []byte) string {
	if len(lit) < 2 {
		return ""
	}
	s := lit[1 : len(lit)-1]
	plain := true
	for _, c := range s {
		if c == '\\' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return string(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			r, n := utf8.DecodeRune(s[i:])
			b.WriteRune(r)
			i += n
			continue
		}
		if i+1 >= len(s) {
			b.WriteRune(utf8.RuneError)
			break
		}
		switch s[i+1] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				b.WriteRune(utf8.RuneError)
				i += 2
				continue
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(-1), false
				if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					r2, ok = hex4(s, i+2)
				}
				if d := utf16.DecodeRune(r, r2); ok && d != utf8.RuneError {
					b.WriteRune(d)
					i += 6
				} else {
					b.WriteRune(utf8.RuneError)
				}
				continue
			}
			b.WriteRune(r)
			continue
		default: // " \ / and anything malformed stand for themselves
			b.WriteByte(s[i+1])
		}
		i += 2
	}
	return b.String()
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s[i:i+4]), 16, 16)
	return rune(n), err == nil
}

// IsLinkable reports whether s is an absolute http or https URL with a
// host, the only strings the viewer turns into links; javascript:, data:
// and relative references stay plain text.
func IsLinkable(s string) bool {
	if len(s) > 8192 || strings.ContainsAny(s, " \t\r\n\"<>`") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && strings.HasPrefix(strings.ToLower(s), scheme+"://")
}
