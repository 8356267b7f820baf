package urllist_test

import (
	"strings"
	"testing"

	"fanin/app/urllist"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"https://a.test/\nhttp://b.test/x?y=1\n",
		"# comment\n\n  https://a.test/  \nhttps://a.test/\n",
		"javascript:alert(1)\nftp://x\nhttp://[::1]:1/\n\r\n\x00",
		"http://%zz/\nhttps://\n\t\thttps://exa mple.com",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		l := urllist.Parse(text)
		seen := map[string]bool{}
		for _, e := range l.Entries {
			if e.URL == "" || e.URL != strings.TrimSpace(e.URL) || strings.HasPrefix(e.URL, "#") {
				t.Fatalf("entry %+v should have been skipped or trimmed", e)
			}
			if seen[e.URL] {
				t.Fatalf("duplicate %q kept", e.URL)
			}
			seen[e.URL] = true
			if e.Valid() != (urllist.Check(e.URL) == nil) {
				t.Fatalf("entry %+v disagrees with Check", e)
			}
			if e.Valid() {
				lower := strings.ToLower(e.URL)
				if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
					t.Fatalf("%q accepted but is not http(s)", e.URL)
				}
			}
		}
	})
}
