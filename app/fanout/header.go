package fanout

import (
	"fmt"
	"strings"
)

// ParseHeader reads a header written as `Name: value`, as curl's -H takes
// it. Names must be HTTP tokens; values may not hold line breaks.
func ParseHeader(s string) (Header, error) {
	name, value, ok := strings.Cut(s, ":")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if !ok || name == "" {
		return Header{}, fmt.Errorf("header %q: want Name: value", s)
	}
	for _, r := range name {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return Header{}, fmt.Errorf("header %q: %q is not allowed in a header name", s, r)
		}
	}
	if strings.ContainsAny(value, "\r\n\x00") {
		return Header{}, fmt.Errorf("header %q: line breaks are not allowed in a value", name)
	}
	return Header{Name: name, Value: value}, nil
}

// ParseHeaders reads one header per line; blank lines are skipped.
func ParseHeaders(text string) ([]Header, error) {
	var out []Header
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		h, err := ParseHeader(line)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}
