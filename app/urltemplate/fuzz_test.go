package urltemplate_test

import (
	"errors"
	"strings"
	"testing"

	"fanin/app/urltemplate"
)

func FuzzExpand(f *testing.F) {
	f.Add("https://a.test/items?page=[1-50]", uint16(100))
	f.Add("https://{a,b}.test/[001-120:7]/[a-z]", uint16(1000))
	f.Add(`http://[::1]:8080/\[x\]/{a\,b,}`, uint16(3))
	f.Add("https://a.test/[1-999999999][1-999999999][1-999999999]", uint16(0))
	f.Fuzz(func(t *testing.T, line string, limit uint16) {
		// Keep each run small: the limit bounds the URLs, the line their length.
		if len(line) > 1000 {
			return
		}
		lim := int(limit%2000) + 1
		n, cerr := urltemplate.Count(line)
		urls, err := urltemplate.Expand(line, lim)
		if err != nil {
			var se *urltemplate.SyntaxError
			var le *urltemplate.LimitError
			switch {
			case errors.As(err, &se):
				if cerr == nil {
					t.Fatalf("Expand(%q) found %v but Count did not", line, err)
				}
				if !urltemplate.IsTemplate(line) {
					t.Fatalf("IsTemplate(%q) = false for a malformed glob", line)
				}
			case errors.As(err, &le):
				if cerr == nil && (le.Overflow || le.Count != n || n <= lim) {
					t.Fatalf("Expand(%q, %d) = %v but Count = %d", line, lim, err, n)
				}
			case errors.Is(err, urltemplate.ErrTooLarge):
			default:
				t.Fatalf("Expand(%q): unexpected error %v", line, err)
			}
			return
		}
		if cerr != nil || n != len(urls) || len(urls) > lim {
			t.Fatalf("Expand(%q, %d) gave %d URLs; Count = %d, %v", line, lim, len(urls), n, cerr)
		}
		if !urltemplate.IsTemplate(line) && (len(urls) != 1 || urls[0] != line) {
			t.Fatalf("plain line %q expanded to %q", line, urls)
		}
		tpl, _ := urltemplate.Parse(line)
		if tpl.First() != urls[0] {
			t.Fatalf("First(%q) = %q; Expand starts with %q", line, tpl.First(), urls[0])
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, tpl.Prefix()) {
				t.Fatalf("Expand(%q) gave %q without the prefix %q", line, u, tpl.Prefix())
			}
		}
	})
}
