package urltemplate_test

import (
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"fanin/app/urltemplate"
)

func TestExpand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"a plain URL expands to itself", "https://a.test/x?y=1", []string{"https://a.test/x?y=1"}},
		{"an empty line expands to one empty string", "", []string{""}},
		{"a numeric range counts up", "https://a.test/items?page=[1-3]",
			[]string{"https://a.test/items?page=1", "https://a.test/items?page=2", "https://a.test/items?page=3"}},
		{"a zero-padded range keeps the width of its first bound", "https://a.test/[008-011]",
			[]string{"https://a.test/008", "https://a.test/009", "https://a.test/010", "https://a.test/011"}},
		{"a padded range grows past its width", "https://a.test/[09-100:91]",
			[]string{"https://a.test/09", "https://a.test/100"}},
		{"a step skips values", "https://a.test/?o=[0-30:10]",
			[]string{"https://a.test/?o=0", "https://a.test/?o=10", "https://a.test/?o=20", "https://a.test/?o=30"}},
		{"a step that overshoots stops before the last bound", "https://a.test/[1-10:4]",
			[]string{"https://a.test/1", "https://a.test/5", "https://a.test/9"}},
		{"a one-value range gives one URL", "https://a.test/[7-7]", []string{"https://a.test/7"}},
		{"a letter range counts letters", "https://a.test/[a-c]",
			[]string{"https://a.test/a", "https://a.test/b", "https://a.test/c"}},
		{"an upper-case letter range with a step", "https://a.test/[A-E:2]",
			[]string{"https://a.test/A", "https://a.test/C", "https://a.test/E"}},
		{"a list gives its items in order", "https://a.test/{users,orders}",
			[]string{"https://a.test/users", "https://a.test/orders"}},
		{"a list may hold an empty item", "https://a.test/x{,.json}",
			[]string{"https://a.test/x", "https://a.test/x.json"}},
		{"a backslash in a list makes the next character literal", `https://a.test/{a\,b,c\}}`,
			[]string{"https://a.test/a,b", "https://a.test/c}"}},
		{"several globs vary leftmost slowest, like curl", "https://{a,b}.test/[1-2]/{x,y}", []string{
			"https://a.test/1/x", "https://a.test/1/y", "https://a.test/2/x", "https://a.test/2/y",
			"https://b.test/1/x", "https://b.test/1/y", "https://b.test/2/x", "https://b.test/2/y",
		}},
		{"escaped brackets are literal", `https://a.test/\[1-2\]\{a,b\}`, []string{"https://a.test/[1-2]{a,b}"}},
		{"a backslash before other characters stays", `https://a.test/a\b`, []string{`https://a.test/a\b`}},
		{"an IPv6 host literal is not a range", "http://[::1]:8080/x", []string{"http://[::1]:8080/x"}},
		{"an IPv6 host after user info is not a range", "http://u@[fe80::1%25eth0]/[1-2]",
			[]string{"http://u@[fe80::1%25eth0]/1", "http://u@[fe80::1%25eth0]/2"}},
		{"an IPv4-mapped IPv6 host is not a range", "http://[::ffff:127.0.0.1]/", []string{"http://[::ffff:127.0.0.1]/"}},
		{"a range right after // is a range when it is not IPv6-shaped", "http://[1-2].a.test/",
			[]string{"http://1.a.test/", "http://2.a.test/"}},
		{"non-ASCII text passes through", "https://a.test/é/[1-2]", []string{"https://a.test/é/1", "https://a.test/é/2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := urltemplate.Expand(tt.line, 0)
			if err != nil {
				t.Fatalf("Expand(%q): %v", tt.line, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Expand(%q)\n got %q\nwant %q", tt.line, got, tt.want)
			}
			n, err := urltemplate.Count(tt.line)
			if err != nil || n != len(tt.want) {
				t.Errorf("Count(%q) = %d, %v; want %d", tt.line, n, err, len(tt.want))
			}
		})
	}
}

func TestSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		line   string
		column int
		msg    string
	}{
		{"an unclosed range names its column", "https://a.test/[1-5", 16, "unclosed"},
		{"an unclosed list names its column", "https://a.test/{a,b", 16, "unclosed"},
		{"a stray closing bracket names its column", "https://a.test/1-5]", 19, "unmatched"},
		{"a stray closing brace names its column", "https://a.test/a}", 17, "unmatched"},
		{"a column counts characters, not bytes", "https://é.test/[1-", 16, "unclosed"},
		{"a descending range is refused, as curl does", "https://a.test/[9-1]", 16, "goes down"},
		{"a descending letter range is refused", "https://a.test/[z-a]", 16, "write [a-z]"},
		{"a zero step is refused", "https://a.test/[1-9:0]", 16, "step"},
		{"mixed letter cases are refused", "https://a.test/[a-Z]", 16, "case"},
		{"a letter and a number do not make a range", "https://a.test/[a-5]", 16, "bad range"},
		{"a range without a dash is refused", "https://a.test/[15]", 16, "first-last"},
		{"a negative bound is refused", "https://a.test/[-1-5]", 16, "bad range"},
		{"spaces in a range are refused", "https://a.test/[1 - 5]", 16, "bad range"},
		{"a number too large for 63 bits is refused", "https://a.test/[1-99999999999999999999]", 16, "too large"},
		{"a nested list is refused", "https://a.test/{a,{b}}", 19, "nest"},
		{"a range inside a list is refused", "https://a.test/{a,[1-2]}", 19, "nest"},
		{"an empty list is refused", "https://a.test/{}", 16, "empty list"},
		{"an IPv6-looking range not at a host is a bad range", "https://a.test/[::1]", 16, "bad range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := urltemplate.Expand(tt.line, 0)
			var se *urltemplate.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Expand(%q) error = %v; want a *SyntaxError", tt.line, err)
			}
			if se.Column != tt.column || !strings.Contains(se.Error(), tt.msg) {
				t.Errorf("Expand(%q) error = %q (column %d); want column %d and %q", tt.line, se, se.Column, tt.column, tt.msg)
			}
			if _, cerr := urltemplate.Count(tt.line); cerr == nil || cerr.Error() != err.Error() {
				t.Errorf("Count(%q) error = %v; want %v", tt.line, cerr, err)
			}
			if !urltemplate.IsTemplate(tt.line) {
				t.Errorf("IsTemplate(%q) = false; a malformed glob must not pass as a plain URL", tt.line)
			}
		})
	}
}

func TestLimit(t *testing.T) {
	t.Parallel()
	t.Run("the default limit allows exactly 10,000 URLs", func(t *testing.T) {
		t.Parallel()
		got, err := urltemplate.Expand("https://a.test/[1-100]/[1-100]", 0)
		if err != nil || len(got) != urltemplate.DefaultLimit {
			t.Fatalf("got %d URLs, %v; want %d", len(got), err, urltemplate.DefaultLimit)
		}
	})
	t.Run("beyond the limit the error gives both numbers", func(t *testing.T) {
		t.Parallel()
		_, err := urltemplate.Expand("https://a.test/[1-250]/[1-100]", 0)
		var le *urltemplate.LimitError
		if !errors.As(err, &le) || le.Count != 25000 || le.Limit != 10000 {
			t.Fatalf("error = %#v; want a LimitError for 25000 over 10000", err)
		}
		if want := "expands to 25,000 URLs; the limit is 10,000"; err.Error() != want {
			t.Errorf("message = %q; want %q", err, want)
		}
	})
	t.Run("a caller's limit is honoured", func(t *testing.T) {
		t.Parallel()
		if _, err := urltemplate.Expand("https://a.test/[1-6]", 5); err == nil {
			t.Error("6 URLs passed a limit of 5")
		}
		if got, err := urltemplate.Expand("https://a.test/[1-5]", 5); err != nil || len(got) != 5 {
			t.Errorf("got %d URLs, %v; want 5", len(got), err)
		}
	})
	t.Run("a huge product is counted without overflow", func(t *testing.T) {
		t.Parallel()
		n, err := urltemplate.Count("https://a.test/[1-999999999]/[1-999999999]")
		if err != nil || n != 999999999*999999999 {
			t.Errorf("Count = %d, %v; want %d", n, err, 999999999*999999999)
		}
	})
	t.Run("a product past an int is an overflow error, not a wrong count", func(t *testing.T) {
		t.Parallel()
		line := "https://a.test/[1-999999999][1-999999999][1-999999999]"
		if n, err := urltemplate.Count(line); err == nil {
			t.Fatalf("Count = %d; want an overflow error", n)
		}
		_, err := urltemplate.Expand(line, 0)
		var le *urltemplate.LimitError
		if !errors.As(err, &le) || !le.Overflow || !strings.Contains(err.Error(), "the limit is 10,000") {
			t.Errorf("Expand error = %v; want an overflow LimitError naming the limit", err)
		}
	})
	t.Run("a long line times many URLs hits the memory cap", func(t *testing.T) {
		t.Parallel()
		line := "https://a.test/" + strings.Repeat("x", 10000) + "[1-10000]"
		_, err := urltemplate.Expand(line, 0)
		if !errors.Is(err, urltemplate.ErrTooLarge) {
			t.Errorf("error = %v; want ErrTooLarge", err)
		}
	})
}

func TestIsTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		want bool
	}{
		{"https://a.test/x", false},
		{"http://[::1]:8080/x", false},
		{"http://[2001:db8::1]/", false},
		{"https://a.test/[1-2]", true},
		{"https://a.test/{a,b}", true},
		{`https://a.test/\[x\]`, true},
		{"https://a.test/?q=[x]", true},
		{"https://a.test/?q=a]", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s is a template: %v", tt.line, tt.want), func(t *testing.T) {
			t.Parallel()
			if got := urltemplate.IsTemplate(tt.line); got != tt.want {
				t.Errorf("IsTemplate(%q) = %v; want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, line, want string
	}{
		{"the prefix stops at the first glob", "https://a.test/x/[1-2]/{a,b}", "https://a.test/x/"},
		{"escapes are removed from the prefix", `https://a.test/\[x\]/[1-2]`, "https://a.test/[x]/"},
		{"an IPv6 host is part of the prefix", "http://[::1]:80/[1-2]", "http://[::1]:80/"},
		{"a glob in the scheme leaves an empty prefix", "{http,javascript}://a.test/", ""},
		{"a line without globs is all prefix", "https://a.test/x", "https://a.test/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tpl, err := urltemplate.Parse(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			if got := tpl.Prefix(); got != tt.want {
				t.Errorf("Prefix(%q) = %q; want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestCountMatchesExpand checks on random templates that Count agrees with
// Expand, that every URL starts with the prefix, and that plain lines
// expand to themselves.
func TestCountMatchesExpand(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(4))
	pieces := []string{"https://a.test/", "x", "/", "?q=", "é", `\[`, `\}`, "%20", "[1-3]", "[01-12:5]",
		"[a-d]", "[A-C:2]", "{u,v,w}", "{,x}", `{a\,b}`, "[7-7]"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for range rng.Intn(6) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		line := b.String()
		tpl, err := urltemplate.Parse(line)
		if err != nil {
			t.Fatalf("Parse(%q): %v", line, err)
		}
		n, err := tpl.Count()
		if err != nil {
			t.Fatalf("Count(%q): %v", line, err)
		}
		urls, err := tpl.Expand(0)
		if err != nil || len(urls) != n {
			t.Fatalf("Expand(%q) gave %d URLs, %v; Count said %d", line, len(urls), err, n)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, tpl.Prefix()) {
				t.Fatalf("Expand(%q) gave %q, which lacks the prefix %q", line, u, tpl.Prefix())
			}
		}
		if !urltemplate.IsTemplate(line) && (len(urls) != 1 || urls[0] != line) {
			t.Fatalf("plain line %q expanded to %q", line, urls)
		}
	}
}

func ExampleExpand() {
	urls, err := urltemplate.Expand("https://api.example.com/{users,orders}?page=[01-03]", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range urls {
		fmt.Println(u)
	}
	// Output:
	// https://api.example.com/users?page=01
	// https://api.example.com/users?page=02
	// https://api.example.com/users?page=03
	// https://api.example.com/orders?page=01
	// https://api.example.com/orders?page=02
	// https://api.example.com/orders?page=03
}

func ExampleCount() {
	n, _ := urltemplate.Count("https://api.example.com/items?page=[1-50]&size=[10-100:10]")
	fmt.Println(n)
	_, err := urltemplate.Expand("https://api.example.com/items/[1-25000]", 0)
	fmt.Println(err)
	_, err = urltemplate.Expand("https://api.example.com/items/[1-5", 0)
	fmt.Println(err)
	// Output:
	// 500
	// expands to 25,000 URLs; the limit is 10,000
	// column 31: unclosed "["
}

func BenchmarkExpand(b *testing.B) {
	const line = "https://api.example.com/{users,orders}/[00001-5000]?format=json"
	for b.Loop() {
		urls, err := urltemplate.Expand(line, 0)
		if err != nil || len(urls) != 10000 {
			b.Fatalf("got %d URLs, %v", len(urls), err)
		}
	}
}

func TestBracketsInQueries(t *testing.T) {
	t.Parallel()
	t.Run("a JSON:API-style bracket is a bad range, as in curl, with the escape named", func(t *testing.T) {
		t.Parallel()
		_, err := urltemplate.Expand("https://a.test/?page[size]=10", 0)
		if err == nil || !strings.Contains(err.Error(), `write \[ for a literal`) {
			t.Errorf("error = %v; want a hint to escape the bracket", err)
		}
	})
	t.Run("the escaped form expands to the intended URL", func(t *testing.T) {
		t.Parallel()
		got, err := urltemplate.Expand(`https://a.test/?page\[size\]=10`, 0)
		if err != nil || !slices.Equal(got, []string{"https://a.test/?page[size]=10"}) {
			t.Errorf("got %q, %v; want the literal brackets", got, err)
		}
	})
}
