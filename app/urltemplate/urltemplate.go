// Package urltemplate expands curl-style URL globs, so that one line of the
// URL box (and of a share link) can stand for many URLs:
//
//	https://api.example.com/items?page=[1-50]     numeric range
//	https://api.example.com/items/[001-120]       zero-padded (width of the first bound)
//	https://api.example.com/items?offset=[0-100:10] range with a step
//	https://api.example.com/[a-z]                 letter range
//	https://api.example.com/{users,orders}        list
//
// Several globs give their cartesian product in curl's order: the leftmost
// glob varies slowest. As in curl, `\[`, `\]`, `\{` and `\}` are literal
// brackets, inside a list a backslash makes any character literal (`\,`),
// ranges only go upwards, globs do not nest, and a `[` that opens an IPv6
// host literal (`http://[::1]:8080/`) is not a range.
//
// Expansion is capped (DefaultLimit URLs unless told otherwise) and counted
// before anything is built, so a line such as `[1-999999999][1-999999999]`
// costs nothing but an error.
package urltemplate

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DefaultLimit is the number of URLs one line may expand to when Expand is
// given no limit.
const DefaultLimit = 10000

// maxBytes caps the total size of one expansion: a 100 kB line times 10,000
// URLs would otherwise take a gigabyte.
const maxBytes = 64 << 20

// SyntaxError is a malformed glob. Column counts characters from 1.
type SyntaxError struct {
	Column int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.Column, e.Msg) }

// LimitError reports a line that expands to more URLs than allowed.
type LimitError struct {
	Count    int  // the number of URLs; meaningless when Overflow
	Overflow bool // the count does not even fit in an int
	Limit    int  // 0 when only the count overflowed
}

func (e *LimitError) Error() string {
	var msg string
	if e.Overflow {
		msg = "expands to more than " + thousands(math.MaxInt) + " URLs"
	} else {
		msg = "expands to " + thousands(e.Count) + " URLs"
	}
	if e.Limit > 0 {
		msg += "; the limit is " + thousands(e.Limit)
	}
	return msg
}

// ErrTooLarge is returned when the expanded URLs together would pass the
// memory cap even though their number is within the limit.
var ErrTooLarge = errors.New("expanded URLs too large")

// Template is a parsed line.
type Template struct {
	parts   []part
	globs   int
	escaped bool
}

// part is a literal (glob == nil) or one glob.
type part struct {
	literal string
	glob    *glob
}

// glob is a list (items != nil) or a numeric or letter range.
type glob struct {
	items          []string
	letter         bool
	min, max, step uint64
	width          int // zero-padding width of numbers
}

// Parse reads a line. A line without globs parses to a template with one
// URL: the line itself, with `\[`-style escapes removed.
func Parse(line string) (*Template, error) {
	t := &Template{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, part{literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line) && strings.IndexByte("[]{}", line[i+1]) >= 0:
			lit.WriteByte(line[i+1])
			t.escaped = true
			i += 2
		case c == '[':
			if end, ok := ipv6Literal(line, i); ok {
				lit.WriteString(line[i : end+1])
				i = end + 1
				continue
			}
			end := strings.IndexByte(line[i:], ']')
			if end < 0 {
				return nil, syntaxError(line, i, `unclosed "["`)
			}
			end += i
			g, err := parseRange(line[i+1 : end])
			if err != nil {
				return nil, syntaxError(line, i, fmt.Sprintf(`bad range %q: %v (write \[ for a literal "[")`, line[i:end+1], err))
			}
			flush()
			t.parts = append(t.parts, part{glob: g})
			t.globs++
			i = end + 1
		case c == '{':
			g, end, err := parseList(line, i)
			if err != nil {
				return nil, err
			}
			flush()
			t.parts = append(t.parts, part{glob: g})
			t.globs++
			i = end + 1
		case c == ']' || c == '}':
			return nil, syntaxError(line, i, fmt.Sprintf("unmatched %q (write \\%c for a literal one)", c, c))
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return t, nil
}

func syntaxError(line string, i int, msg string) *SyntaxError {
	return &SyntaxError{Column: utf8.RuneCountInString(line[:i]) + 1, Msg: msg}
}

// ipv6Literal reports whether the '[' at line[i] opens an IPv6 host literal,
// and where its ']' is. Like curl, it needs the bracket to start a host
// (right after "//" or "@") and to hold something IPv6-shaped: hex digits,
// colons and dots, at least two colons, optionally a %zone.
func ipv6Literal(line string, i int) (int, bool) {
	if !strings.HasSuffix(line[:i], "//") && !strings.HasSuffix(line[:i], "@") {
		return 0, false
	}
	end := strings.IndexByte(line[i:], ']')
	if end < 0 {
		return 0, false
	}
	end += i
	addr, zone, hasZone := strings.Cut(line[i+1:end], "%")
	if hasZone && (zone == "" || strings.ContainsAny(zone, "[{}\\")) {
		return 0, false
	}
	if strings.Count(addr, ":") < 2 {
		return 0, false
	}
	for _, r := range addr {
		if !(r == ':' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return 0, false
		}
	}
	return end, true
}

func parseRange(s string) (*glob, error) {
	bounds, stepText, hasStep := strings.Cut(s, ":")
	lo, hi, ok := strings.Cut(bounds, "-")
	if !ok {
		return nil, errors.New("want [first-last] or [first-last:step]")
	}
	step := uint64(1)
	if hasStep {
		n, err := parseNumber(stepText)
		if err != nil {
			return nil, fmt.Errorf("step: %v", err)
		}
		if n == 0 {
			return nil, errors.New("step must be at least 1")
		}
		step = n
	}
	if isLetter(lo) && isLetter(hi) {
		a, b := lo[0], hi[0]
		if (a >= 'a') != (b >= 'a') {
			return nil, errors.New("letters must be both lower case or both upper case")
		}
		if a > b {
			return nil, fmt.Errorf("it goes down; ranges go up: write [%c-%c]", b, a)
		}
		return &glob{letter: true, min: uint64(a), max: uint64(b), step: step}, nil
	}
	a, err := parseNumber(lo)
	if err != nil {
		return nil, fmt.Errorf("first bound: %v", err)
	}
	b, err := parseNumber(hi)
	if err != nil {
		return nil, fmt.Errorf("last bound: %v", err)
	}
	if a > b {
		return nil, fmt.Errorf("it goes down; ranges go up: write [%s-%s]", hi, lo)
	}
	g := &glob{min: a, max: b, step: step}
	if len(lo) > 1 && lo[0] == '0' {
		g.width = len(lo)
	}
	return g, nil
}

func isLetter(s string) bool {
	return len(s) == 1 && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

func parseNumber(s string) (uint64, error) {
	if s == "" {
		return 0, errors.New("missing number")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%q is not a number or a letter", s)
		}
	}
	n, err := strconv.ParseUint(s, 10, 63)
	if err != nil {
		return 0, fmt.Errorf("%s is too large", s)
	}
	return n, nil
}

// parseList reads the list whose '{' is at line[open] and returns the index
// of its '}'.
func parseList(line string, open int) (*glob, int, error) {
	var items []string
	var item strings.Builder
	for i := open + 1; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\':
			if i+1 < len(line) {
				i++
			}
			item.WriteByte(line[i])
		case ',':
			items = append(items, item.String())
			item.Reset()
		case '}':
			items = append(items, item.String())
			if len(items) == 1 && items[0] == "" {
				return nil, 0, syntaxError(line, open, `empty list "{}"`)
			}
			return &glob{items: items}, i, nil
		case '{', '[':
			return nil, 0, syntaxError(line, i, fmt.Sprintf("%q inside a list: globs do not nest (write \\%c for a literal one)", c, c))
		default:
			item.WriteByte(c)
		}
	}
	return nil, 0, syntaxError(line, open, `unclosed "{"`)
}

func (g *glob) count() uint64 {
	if g.items != nil {
		return uint64(len(g.items))
	}
	return (g.max-g.min)/g.step + 1
}

// maxLen is the length of the longest value the glob produces.
func (g *glob) maxLen() uint64 {
	if g.items != nil {
		n := 0
		for _, it := range g.items {
			n = max(n, len(it))
		}
		return uint64(n)
	}
	if g.letter {
		return 1
	}
	last := g.min + (g.count()-1)*g.step
	return uint64(max(g.width, len(strconv.FormatUint(last, 10))))
}

func (g *glob) value(k uint64) string {
	if g.items != nil {
		return g.items[k]
	}
	v := g.min + k*g.step
	if g.letter {
		return string(rune(v))
	}
	s := strconv.FormatUint(v, 10)
	if len(s) < g.width {
		s = strings.Repeat("0", g.width-len(s)) + s
	}
	return s
}

// Globs returns the number of globs in the line.
func (t *Template) Globs() int { return t.globs }

// Prefix returns the literal text before the first glob (all of the URL
// when there is none), escapes removed. Every expansion starts with it,
// which is what makes checking a template's scheme possible.
func (t *Template) Prefix() string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.glob != nil {
			break
		}
		b.WriteString(p.literal)
	}
	return b.String()
}

// First returns the first URL of the expansion, without building the rest.
func (t *Template) First() string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.glob != nil {
			b.WriteString(p.glob.value(0))
		} else {
			b.WriteString(p.literal)
		}
	}
	return b.String()
}

// Count returns the number of URLs the template expands to, without
// expanding it. It fails with a *LimitError only when the number does not
// fit in an int.
func (t *Template) Count() (int, error) {
	total := uint64(1)
	for _, p := range t.parts {
		if p.glob == nil {
			continue
		}
		hi, lo := bits.Mul64(total, p.glob.count())
		if hi != 0 || lo > math.MaxInt {
			return 0, &LimitError{Overflow: true}
		}
		total = lo
	}
	return int(total), nil
}

// Expand returns every URL of the template in curl's order. A limit of 0 or
// less means DefaultLimit; more URLs than the limit is a *LimitError.
func (t *Template) Expand(limit int) ([]string, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	n, err := t.Count()
	if err != nil {
		return nil, &LimitError{Overflow: true, Limit: limit}
	}
	if n > limit {
		return nil, &LimitError{Count: n, Limit: limit}
	}
	var perURL uint64
	var globs []*glob
	for _, p := range t.parts {
		if p.glob != nil {
			perURL += p.glob.maxLen()
			globs = append(globs, p.glob)
		} else {
			perURL += uint64(len(p.literal))
		}
	}
	if hi, lo := bits.Mul64(perURL, uint64(n)); hi != 0 || lo > maxBytes {
		return nil, fmt.Errorf("%w: %s URLs of up to %s bytes each pass the %d MiB cap",
			ErrTooLarge, thousands(n), thousands(int(min(perURL, math.MaxInt))), maxBytes>>20)
	}
	urls := make([]string, 0, n)
	idx := make([]uint64, len(globs))
	var b strings.Builder
	for {
		b.Reset()
		g := 0
		for _, p := range t.parts {
			if p.glob == nil {
				b.WriteString(p.literal)
				continue
			}
			b.WriteString(p.glob.value(idx[g]))
			g++
		}
		urls = append(urls, b.String())
		// Odometer: the rightmost glob turns fastest, as in curl.
		k := len(globs) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < globs[k].count() {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return urls, nil
		}
	}
}

// Expand parses line and expands it; see Template.Expand.
func Expand(line string, limit int) ([]string, error) {
	t, err := Parse(line)
	if err != nil {
		return nil, err
	}
	return t.Expand(limit)
}

// Count parses line and counts its URLs without expanding them.
func Count(line string) (int, error) {
	t, err := Parse(line)
	if err != nil {
		return 0, err
	}
	return t.Count()
}

// IsTemplate reports whether line must go through Expand rather than be
// used as it is: it holds a glob, an escaped bracket, or a glob syntax
// error. For any other line Expand returns exactly the line.
func IsTemplate(line string) bool {
	if !strings.ContainsAny(line, "[]{}") {
		return false
	}
	t, err := Parse(line)
	return err != nil || t.globs > 0 || t.escaped
}

// thousands formats n with comma separators, as the error messages show
// counts to people.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
