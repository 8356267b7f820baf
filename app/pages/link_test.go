package pages_test

import (
	"fmt"
	"testing"

	"fanin/app/pages"
)

func TestParseLink(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, header, want string // want: each link as target|rels|params
	}{
		{"GitHub's header", `<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"`,
			`[https://api.github.com/repositories/1/issues?page=2|[next]|map[] https://api.github.com/repositories/1/issues?page=5|[last]|map[]]`},
		{"relative target, bare rel", `</items?page=2>; rel=next`, `[/items?page=2|[next]|map[]]`},
		{"several rel values, any case", `<?page=3>; REL="Prev NEXT"`, `[?page=3|[prev next]|map[]]`},
		{"commas and semicolons inside the target and a quoted value", `</a?fields=x,y;z>; title="one, two; three"; rel="next", </b>; rel="last"`,
			`[/a?fields=x,y;z|[next]|map[title:one, two; three] /b|[last]|map[]]`},
		{"escapes in a quoted string", `</a>; title="say \"hi\""; rel=next`, `[/a|[next]|map[title:say "hi"]]`},
		{"the first rel wins", `</a>; rel=next; rel=prev`, `[/a|[next]|map[]]`},
		{"white space everywhere", "  </a> ;\trel = \"next\" ,</b>;rel=last  ", `[/a|[next]|map[] /b|[last]|map[]]`},
		{"a link without rel, a param without value", `</a>; crossorigin, </b>; rel="next"`, `[/a|[]|map[crossorigin:] /b|[next]|map[]]`},
		{"junk between links is skipped", `garbage, </a>; rel=next; ;, junk; </b>; rel=last`, `[/a|[next]|map[] /b|[last]|map[]]`},
		{"unterminated", `</a; rel=next`, `[]`},
		{"empty", ``, `[]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, l := range pages.ParseLink(c.header) {
				got = append(got, fmt.Sprintf("%s|%v|%v", l.Target, l.Rel, l.Params))
			}
			if s := fmt.Sprint(got); s != c.want && !(len(got) == 0 && c.want == "[]") {
				t.Errorf("ParseLink(%q)\n got %s\nwant %s", c.header, s, c.want)
			}
		})
	}
}

func TestNextLink(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]string{
		`<https://a.test/?page=1>; rel="prev", <https://a.test/?page=3>; rel="next"`: "https://a.test/?page=3",
		`<?page=3>; rel="next last"`:              "?page=3",
		`<?page=1>; rel="prev"`:                   "",
		`<?page=4>; rel="nextish", <?p=5>; rel=x`: "",
		``: "",
	} {
		if got := pages.NextLink(header); got != want {
			t.Errorf("NextLink(%q) = %q, want %q", header, got, want)
		}
	}
}

func FuzzParseLink(f *testing.F) {
	for _, s := range []string{`</a>; rel="next"`, `<x>; title="a,\"b"; rel=next, <y>`, `<`, `";<>,`, `</a>; rel="next`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range pages.ParseLink(s) {
			if l.Params == nil {
				t.Fatalf("nil params for %q", s)
			}
		}
	})
}
