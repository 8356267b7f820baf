package pages_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"fanin/app/bodycheck"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqengine"
	"fanin/app/netfetch"
	"fanin/app/pages"
	"fanin/app/run"
	"fanin/internal/testserver"
)

// inProcess runs the rules' jq as the CLI does.
var inProcess = &jqengine.Next{}

func TestParseRule(t *testing.T) {
	t.Parallel()
	for spec, want := range map[string]string{"": "", "link": "link", " LINK ": "link", ".next": ".next"} {
		r, err := pages.Parse(spec, inProcess)
		if err != nil || r.Spec != want || r.On() != (want != "") || r.IsLink() != (want == "link") {
			t.Errorf("Parse(%q) = %+v, %v", spec, r, err)
		}
	}
	if _, err := pages.Parse(".next |", inProcess); err == nil || !strings.Contains(err.Error(), "next page") {
		t.Errorf("a bad jq expression: got %v, want a next page error", err)
	}
}

func TestRuleNext(t *testing.T) {
	t.Parallel()
	page := func(link, body string) fanout.Result {
		return fanout.Result{URL: "https://api.test/v1/items?page=1", State: fanout.Done, Link: link, Data: []byte(body)}
	}
	link, _ := pages.Parse("link", inProcess)
	browser := link
	browser.Browser = true
	jq, _ := pages.Parse(".next", inProcess)
	cursor, _ := pages.Parse(`if .cursor then "?cursor=\(.cursor)" else null end`, inProcess)
	cases := []struct {
		name       string
		rule       pages.Rule
		page       fanout.Result
		next, note string
	}{
		{"Link, relative", link, page(`<?page=2>; rel="next"`, `[]`), "https://api.test/v1/items?page=2", ""},
		{"Link, absolute path", link, page(`</v2/items?page=2>; rel="next"`, `[]`), "https://api.test/v2/items?page=2", ""},
		{"Link, absolute", link, page(`<https://other.test/p2>; rel="next"`, `[]`), "https://other.test/p2", ""},
		{"Link without next", link, page(`<?page=1>; rel="first"`, `[]`), "", ""},
		{"no Link on the CLI: the end", link, page(``, `[]`), "", ""},
		{"no Link in the page: hidden?", browser, page(``, `[]`), "", pages.HiddenLink},
		{"Link to another scheme", link, page(`<ftp://a.test/>; rel="next"`, `[]`), "", `next page: next URL "ftp://a.test/"`},
		{"jq: a URL", jq, page(``, `{"next":"https://api.test/v1/items?page=2"}`), "https://api.test/v1/items?page=2", ""},
		{"jq: null", jq, page(``, `{"next":null}`), "", ""},
		{"jq: missing", jq, page(``, `{}`), "", ""},
		{"jq: false", jq, page(``, `{"next":false}`), "", ""},
		{"jq: empty string", jq, page(``, `{"next":""}`), "", ""},
		{"jq: a number", jq, page(``, `{"next":2}`), "", "next page: jq gave 2"},
		{"jq: a cursor built into a relative URL", cursor, page(``, `{"cursor":"abc"}`), "https://api.test/v1/items?cursor=abc", ""},
		{"jq: an error", jq, page(``, `[1]`), "", "next page: jq"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			next, note := c.rule.Next(context.Background(), c.page)
			if next != c.next || !strings.HasPrefix(note, c.note) || (c.note == "" && note != "") {
				t.Errorf("got %q, note %q; want %q, note starting %q", next, note, c.next, c.note)
			}
		})
	}
}

// fetchPages runs start URLs as chains over loopback, as fanin get does.
func fetchPages(t *testing.T, spec string, opt fanout.Options, urls ...string) []fanout.Result {
	t.Helper()
	rule, err := pages.Parse(spec, inProcess)
	if err != nil {
		t.Fatal(err)
	}
	opt.Next, opt.Check = rule.Next, bodycheck.JSON(nil).Check
	return run.Fetch(context.Background(), urls, netfetch.New(4), opt, nil)
}

// describe is each page as chain/page:url-path?query:note-or-error.
func describe(s *testserver.Server, rs []fanout.Result) string {
	var b strings.Builder
	for i, r := range rs {
		fmt.Fprintf(&b, "%d %d/%d %s", r.Index, r.Chain, r.Page, strings.TrimPrefix(r.URL, s.URL("")))
		if i != r.Index {
			b.WriteString(" (index out of place)")
		}
		if r.Err != nil {
			fmt.Fprintf(&b, " %s", r.Err.Kind)
		}
		if r.Note != "" {
			fmt.Fprintf(&b, " [%s]", strings.Fields(r.Note)[0])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestChainsOverLoopback(t *testing.T) {
	t.Parallel()
	s := testserver.Start()
	t.Cleanup(s.Close)
	t.Run("Link headers, relative and absolute, three chains in input order", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, "link", fanout.Options{},
			s.URL("/pages/link/a?pages=3"), "not a url", s.URL("/pages/link/b?pages=1"), s.URL("/pages/link/c?pages=4"))
		want := `0 0/1 /pages/link/a?pages=3
1 0/2 /pages/link/a?page=2&pages=3
2 0/3 /pages/link/a?page=3&pages=3
3 1/1 not a url invalid-url
4 2/1 /pages/link/b?pages=1
5 3/1 /pages/link/c?pages=4
6 3/2 /pages/link/c?page=2&pages=4
7 3/3 /pages/link/c?page=3&pages=4
8 3/4 /pages/link/c?page=4&pages=4
`
		if got := describe(s, rs); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		doc, err := combine.Encode(rs[:3], combine.Concat)
		var compact bytes.Buffer
		if err == nil {
			err = json.Compact(&compact, doc)
		}
		if err != nil || compact.String() != `[{"chain":"a","page":1,"item":0},{"chain":"a","page":1,"item":1},{"chain":"a","page":2,"item":0},{"chain":"a","page":2,"item":1},{"chain":"a","page":3,"item":0},{"chain":"a","page":3,"item":1}]` {
			t.Fatalf("concat: %s, %v", doc, err)
		}
	})
	t.Run("a cursor's next URL in the body", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, testserver.CursorNext, fanout.Options{}, s.URL("/pages/cursor/x?pages=3"))
		want := `0 0/1 /pages/cursor/x?pages=3
1 0/2 /pages/cursor/x?cursor=c2&pages=3
2 0/3 /pages/cursor/x?cursor=c3&pages=3
`
		if got := describe(s, rs); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a cursor made into a URL by jq", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, testserver.CursorNextFromCursor, fanout.Options{}, s.URL("/pages/cursor/x"))
		if got := describe(s, rs); got != "0 0/1 /pages/cursor/x\n1 0/2 /pages/cursor/x?cursor=c2\n2 0/3 /pages/cursor/x?cursor=c3\n" {
			t.Fatalf("got\n%s", got)
		}
	})
	t.Run("page and total", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, testserver.NumberedNext, fanout.Options{}, s.URL("/pages/numbered/n?per=2&total=5"))
		want := `0 0/1 /pages/numbered/n?per=2&total=5
1 0/2 /pages/numbered/n?page=2&per=2&total=5
2 0/3 /pages/numbered/n?page=3&per=2&total=5
`
		if got := describe(s, rs); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a failed page ends its chain, the others go on", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, "link", fanout.Options{}, s.URL("/pages/link/f?pages=5&fail=2"), s.URL("/pages/link/g?pages=2"))
		want := `0 0/1 /pages/link/f?pages=5&fail=2
1 0/2 /pages/link/f?fail=2&page=2&pages=5 http-status
2 1/1 /pages/link/g?pages=2
3 1/2 /pages/link/g?page=2&pages=2
`
		if got := describe(s, rs); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a loop ends the chain with a note", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, "link", fanout.Options{}, s.URL("/pages/loop/l?page=1"))
		if got := describe(s, rs); got != "0 0/1 /pages/loop/l?page=1\n1 0/2 /pages/loop/l?page=2 [stopped:]\n" {
			t.Fatalf("got\n%s", got)
		}
		if !strings.Contains(rs[1].Note, "loop") {
			t.Fatalf("note %q does not say loop", rs[1].Note)
		}
	})
	t.Run("max pages cuts a chain with a note", func(t *testing.T) {
		t.Parallel()
		rs := fetchPages(t, "link", fanout.Options{MaxPages: 2}, s.URL("/pages/link/m?pages=9"))
		if len(rs) != 2 || !strings.Contains(rs[1].Note, "page cap (2 pages)") || !strings.Contains(rs[1].Note, "page=3") {
			t.Fatalf("got\n%s%q", describe(s, rs), rs[len(rs)-1].Note)
		}
	})
}
