package urllist_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fanin/app/urllist"
)

func TestParse(t *testing.T) {
	t.Parallel()
	t.Run("blank lines and comments are skipped and spaces trimmed", func(t *testing.T) {
		got := urllist.Parse("\n  https://a.test/1  \n# a comment\n\t\n   # indented comment\nhttp://b.test/2\r\n").Entries
		want := []urllist.Entry{{Line: 2, URL: "https://a.test/1", Count: 1}, {Line: 6, URL: "http://b.test/2", Count: 1}}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
	t.Run("invalid lines stay in place with a problem", func(t *testing.T) {
		l := urllist.Parse("https://ok.test/\nftp://x.test/\nnot a url\nexample.com/x\njavascript:alert(1)\nhttps:///nohost\n")
		if n := len(l.Entries); n != 6 {
			t.Fatalf("got %d entries, want 6", n)
		}
		if !l.Entries[0].Valid() {
			t.Fatalf("first entry should be valid: %+v", l.Entries[0])
		}
		for _, e := range l.Entries[1:] {
			if e.Valid() {
				t.Errorf("line %d %q: got valid, want a problem", e.Line, e.URL)
			}
		}
		if got := len(l.Invalid()); got != 5 {
			t.Errorf("got %d invalid, want 5", got)
		}
	})
	t.Run("duplicates are fetched once and reported", func(t *testing.T) {
		l := urllist.Parse("https://a.test/\nhttps://b.test/\n https://a.test/ \n")
		if got, _ := l.URLs(); !reflect.DeepEqual(got, []string{"https://a.test/", "https://b.test/"}) {
			t.Fatalf("got %v", got)
		}
		if want := []urllist.Duplicate{{Line: 3, FirstLine: 1, URL: "https://a.test/"}}; !reflect.DeepEqual(l.Duplicates, want) {
			t.Fatalf("got %+v, want %+v", l.Duplicates, want)
		}
	})
	t.Run("an empty box gives an empty list", func(t *testing.T) {
		if l := urllist.Parse(" \n# only comments\n"); len(l.Entries) != 0 {
			t.Fatalf("got %+v, want none", l.Entries)
		}
	})
}

func TestTemplates(t *testing.T) {
	t.Parallel()
	t.Run("templates are counted while typing and expanded in place", func(t *testing.T) {
		l := urllist.Parse("https://a.test/first\nhttps://a.test/items?page=[1-3]\nhttps://a.test/{x,y}\n")
		if l.Total() != 6 || l.Templates() != 2 || len(l.Entries) != 3 {
			t.Fatalf("got total %d, templates %d, entries %d", l.Total(), l.Templates(), len(l.Entries))
		}
		got, dups := l.URLs()
		want := []string{"https://a.test/first", "https://a.test/items?page=1", "https://a.test/items?page=2",
			"https://a.test/items?page=3", "https://a.test/x", "https://a.test/y"}
		if !reflect.DeepEqual(got, want) || len(dups) != 0 {
			t.Fatalf("got %v %v, want %v", got, dups, want)
		}
	})
	t.Run("a URL a template repeats is fetched once", func(t *testing.T) {
		got, dups := urllist.Parse("https://a.test/2\nhttps://a.test/[1-3]").URLs()
		if len(got) != 3 || len(dups) != 1 || dups[0].URL != "https://a.test/2" || dups[0].FirstLine != 1 {
			t.Fatalf("got %v %+v", got, dups)
		}
	})
	t.Run("a template past the limit is an invalid line", func(t *testing.T) {
		l := urllist.Parse("https://a.test/[1-20000]")
		if l.Entries[0].Valid() || !strings.Contains(l.Entries[0].Problem, "limit of 10000") {
			t.Fatalf("got %+v", l.Entries[0])
		}
	})
	t.Run("brackets that are no template in a fine URL are taken literally", func(t *testing.T) {
		l := urllist.Parse("https://a.test/items?page[size]=10")
		if !l.Entries[0].Valid() || l.Entries[0].Template {
			t.Fatalf("got %+v", l.Entries[0])
		}
	})
	t.Run("a template cannot choose the scheme", func(t *testing.T) {
		for _, line := range []string{"{https://a.test/,javascript:alert(1)}", "http{s,}://a.test/", "{ftp,http}://a.test/"} {
			if err := urllist.CheckLine(line); err == nil {
				t.Errorf("CheckLine(%q) = nil, want a problem", line)
			}
		}
	})
}

func TestCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		url  string
		want string // substring of the problem; "" means valid
	}{
		{"https://api.example.com/users?id=1&x=%20", ""},
		{"HTTP://EXAMPLE.COM/", ""},
		{"http://[::1]:8080/x", ""},
		{"http://127.0.0.1:9/", ""},
		{"ftp://example.com/", "only http and https"},
		{"javascript:alert(1)", "only http and https"},
		{"data:application/json,{}", "only http and https"},
		{"example.com/path", "missing scheme"},
		{"https://", "missing host"},
		{"https://exa mple.com/", "space"},
		{"http://%zz/", "cannot parse"},
		{"", "empty"},
	} {
		t.Run(fmt.Sprintf("%q", tc.url), func(t *testing.T) {
			err := urllist.Check(tc.url)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("got %v, want valid", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want a problem containing %q", err, tc.want)
			}
		})
	}
}

func ExampleParse() {
	list := urllist.Parse(`
# the seed article's three URLs
https://api.example.com/a
https://api.example.com/b
ftp://api.example.com/c
https://api.example.com/a
`)
	for _, e := range list.Entries {
		fmt.Println(e.Line, e.URL, e.Valid())
	}
	fmt.Println(len(list.Duplicates), "duplicate")
	// Output:
	// 3 https://api.example.com/a true
	// 4 https://api.example.com/b true
	// 5 ftp://api.example.com/c false
	// 1 duplicate
}

func TestFromFile(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, content, want string }{
		{"urls.txt", "https://a.test/1\r\nhttps://a.test/2\r\n", "https://a.test/1\nhttps://a.test/2\n"},
		{"urls.json", `["https://a.test/1", {"url": "https://a.test/2", "note": "x"}]`, "https://a.test/1\nhttps://a.test/2"},
		{"urls.CSV", "name,url\none,https://a.test/1\ntwo,\"https://a.test/2?x=1,2\"\n", "https://a.test/1\nhttps://a.test/2?x=1,2"},
	} {
		got, err := urllist.FromFile(tc.name, tc.content)
		if err != nil || got != tc.want {
			t.Errorf("FromFile(%s) = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := urllist.FromFile("x.json", `{"not":"an array"}`); err == nil {
		t.Error("a JSON object should be refused")
	}
}

func TestOneCap(t *testing.T) {
	t.Parallel()
	lines := func(n int, prefix string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("https://a.test/%s%d", prefix, i)
		}
		return out
	}
	t.Run("10,000 plain lines are one full list", func(t *testing.T) {
		l := urllist.Parse(strings.Join(lines(urllist.MaxURLs, "p"), "\n"))
		if err := l.Err(); err != nil || len(l.Invalid()) != 0 {
			t.Fatalf("got %v, %d invalid", err, len(l.Invalid()))
		}
	})
	t.Run("20,000 plain lines pass the cap: the list says so and the rest are not fetched", func(t *testing.T) {
		l := urllist.Parse(strings.Join(lines(2*urllist.MaxURLs, "p"), "\n"))
		err := l.Err()
		if !errors.Is(err, urllist.ErrTooMany) || !strings.Contains(err.Error(), "20000 URLs; at most 10000") {
			t.Fatalf("got %v", err)
		}
		if bad := l.Invalid(); len(bad) != urllist.MaxURLs || !strings.Contains(bad[0].Problem, "limit of 10000") || bad[0].Line != urllist.MaxURLs+1 {
			t.Fatalf("got %d invalid, first %+v", len(bad), bad[0])
		}
	})
	t.Run("plain lines and templates count toward the same cap", func(t *testing.T) {
		text := strings.Join(lines(9_000, "p"), "\n") + "\nhttps://a.test/t[1-500]\nhttps://a.test/u[1-600]\n" + strings.Join(lines(10, "q"), "\n")
		l := urllist.Parse(text)
		if l.Wanted != 9_000+500+600+10 || !errors.Is(l.Err(), urllist.ErrTooMany) {
			t.Fatalf("wanted %d, err %v", l.Wanted, l.Err())
		}
		bad := l.Invalid()
		if len(bad) != 11 || bad[0].URL != "https://a.test/u[1-600]" {
			t.Fatalf("got %d invalid, first %+v", len(bad), bad)
		}
	})
}
