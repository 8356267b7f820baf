package sharelink_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fanin/app/sharelink"
)

// equal compares states, treating nil and empty Lines alike.
func equal(a, b sharelink.State) bool {
	if !slices.Equal(a.Lines, b.Lines) {
		return false
	}
	a.Lines, b.Lines = nil, nil
	return reflect.DeepEqual(a, b)
}

func decodeOK(t *testing.T, fragment string) sharelink.State {
	t.Helper()
	s, problems, err := sharelink.Decode(fragment)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Decode(%.200q) = %v, %v; want no error and no problems", fragment, problems, err)
	}
	return s
}

func roundTrip(t *testing.T, s sharelink.State) string {
	t.Helper()
	link := sharelink.Encode(s)
	if got := decodeOK(t, link); !equal(got, s) {
		t.Fatalf("Decode(Encode(s)) differs\n got %#v\nwant %#v\nlink %.300q", got, s, link)
	}
	return link
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		state sharelink.State
	}{
		{"the empty state is the empty fragment", sharelink.State{}},
		{"one URL", sharelink.State{Lines: []string{"https://a.test/x"}}},
		{"every option travels", sharelink.State{
			Lines: []string{"https://a.test/1", "http://b.test:8080/2"},
			Merge: "envelope", JQ: `.[] | select(.id > 2) | {id, name: "x & y"}`,
			Concurrency: 64, Timeout: 90 * time.Second, Run: true,
		}},
		{"a URL with &, #, %, + and = comes back exactly", sharelink.State{Lines: []string{
			"https://a.test/search?q=a%20b&tag=c+d&x=%25&y=1=2#frag", "https://a.test/p%2Fq?&&#",
		}}},
		{"non-ASCII URLs come back exactly", sharelink.State{Lines: []string{"https://bücher.example/straße?q=日本語"}}},
		{"templates stay unexpanded", sharelink.State{Lines: []string{
			"https://api.example.com/items?page=[1-50]", "https://{a,b}.test/[001-120:10]/[a-z]", `https://a.test/\[x\]`,
		}}},
		{"IPv6 hosts survive", sharelink.State{Lines: []string{"http://[::1]:8080/x", "http://[::1]/[1-3]"}}},
		{"duplicate lines are kept in order", sharelink.State{Lines: []string{"https://a.test/", "https://b.test/", "https://a.test/"}}},
		{"a jq filter with newlines, spaces and + comes back exactly", sharelink.State{
			Lines: []string{"https://a.test/"}, JQ: "map(.a +\n .b) # sum\t%20"}},
		{"each merge mode travels", sharelink.State{Lines: []string{"https://a.test/"}, Merge: "patch"}},
		{"the shortest and longest timeouts travel", sharelink.State{Timeout: time.Second, Concurrency: 1}},
		{"a fractional timeout travels", sharelink.State{Timeout: 1500 * time.Millisecond}},
		{"ten minutes travels", sharelink.State{Timeout: 10 * time.Minute}},
		{"a long list is compressed and comes back", sharelink.State{Lines: numbered(300), Run: true}},
		{"following Link headers, with a page cap, a rate and a per-host cap", sharelink.State{
			Lines: []string{"https://a.test/items"}, Next: "link", MaxPages: 20, Rate: 2.5, PerHost: 2}},
		{"a jq next rule with quotes, & and newlines comes back exactly", sharelink.State{
			Lines: []string{"https://a.test/items"}, Next: "if .next_cursor then \"?cursor=\\(.next_cursor)&n=1\"\nelse null end", MaxPages: 100000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			roundTrip(t, tt.state)
		})
	}
}

func numbered(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("https://api.example.com/items/%d", i+1)
	}
	return lines
}

func TestEncode(t *testing.T) {
	t.Parallel()
	t.Run("blank lines and comments are left out and lines trimmed", func(t *testing.T) {
		t.Parallel()
		got := sharelink.Encode(sharelink.State{Lines: []string{"", "  # mine", " https://a.test/ ", "\t"}})
		if want := "u=https://a.test/"; got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	})
	t.Run("values are query-escaped except / and :", func(t *testing.T) {
		t.Parallel()
		got := sharelink.Encode(sharelink.State{Lines: []string{"https://a.test/x?a=1&b=é+ #"}, JQ: ".a b"})
		if want := "u=https://a.test/x%3Fa%3D1%26b%3D%C3%A9%2B+%23&jq=.a+b"; got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	})
	t.Run("the compressed form is versioned base64url without padding", func(t *testing.T) {
		t.Parallel()
		got := sharelink.Encode(sharelink.State{Lines: numbered(50)})
		if !strings.HasPrefix(got, "z=1") || strings.ContainsAny(got[3:], "+/=&") {
			t.Errorf("got %.60q…; want z=1 and base64url", got)
		}
	})
	t.Run("headers have no place in a State", func(t *testing.T) {
		t.Parallel()
		typ := reflect.TypeFor[sharelink.State]()
		for i := range typ.NumField() {
			name := strings.ToLower(typ.Field(i).Name)
			if strings.Contains(name, "header") || strings.Contains(name, "auth") || strings.Contains(name, "token") {
				t.Errorf("State has a field %s; secrets must not travel in links", typ.Field(i).Name)
			}
		}
	})
}

func TestDecodeAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fragment string
		want     sharelink.State
	}{
		{"a leading # is optional", "#u=https%3A%2F%2Fa.test%2F", sharelink.State{Lines: []string{"https://a.test/"}}},
		{"+ and %20 both mean a space", "u=https://a.test/&jq=.a+|%20.b", sharelink.State{Lines: []string{"https://a.test/"}, JQ: ".a | .b"}},
		{"lower-case escapes are read", "u=https%3a%2f%2fa.test%2f", sharelink.State{Lines: []string{"https://a.test/"}}},
		{"empty segments are skipped", "&&u=https://a.test/&&run=1&", sharelink.State{Lines: []string{"https://a.test/"}, Run: true}},
		{"an empty fragment is the empty state", "", sharelink.State{}},
		{"a lone # is the empty state", "#", sharelink.State{}},
		{"run=0 means do not run", "run=0", sharelink.State{}},
		{"spaces around a URL are trimmed", "u=+https://a.test/+", sharelink.State{Lines: []string{"https://a.test/"}}},
		{"unescaped non-ASCII is read as is", "u=https://a.test/é", sharelink.State{Lines: []string{"https://a.test/é"}}},
		{"plain keys after z apply after its contents",
			sharelink.Encode(sharelink.State{Lines: numbered(40)}) + "&run=1&u=https://b.test/",
			sharelink.State{Lines: append(numbered(40), "https://b.test/"), Run: true}},
		{"an upper-case scheme is still http", "u=HTTPS://a.test/&u=Http://b.test/[1-2]",
			sharelink.State{Lines: []string{"HTTPS://a.test/", "Http://b.test/[1-2]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := decodeOK(t, tt.fragment); !equal(got, tt.want) {
				t.Errorf("Decode(%.80q)\n got %#v\nwant %#v", tt.fragment, got, tt.want)
			}
		})
	}
}

func TestDecodeProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fragment string
		want     sharelink.State
		field    string
		message  string
	}{
		{"a javascript: URL is dropped and named", "u=https://a.test/&u=javascript:alert(1)&u=https://b.test/",
			sharelink.State{Lines: []string{"https://a.test/", "https://b.test/"}}, "u", `line 2 ("javascript:alert(1)") dropped`},
		{"a data: URL is dropped", "u=data:application/json,{}", sharelink.State{}, "u", "data"},
		{"a file: URL is dropped", "u=file:///etc/passwd", sharelink.State{}, "u", "file"},
		{"an ftp URL is dropped", "u=ftp://a.test/", sharelink.State{}, "u", "ftp"},
		{"a URL without a scheme is dropped", "u=a.test/x", sharelink.State{}, "u", "scheme"},
		{"a URL with a raw space is dropped, as urllist refuses it", "u=https://a.test/a+b", sharelink.State{}, "u", "space"},
		{"a URL with a control character is dropped", "u=https://a.test/%0Ax", sharelink.State{}, "u", "control"},
		{"an empty u is dropped", "u=&u=https://a.test/", sharelink.State{Lines: []string{"https://a.test/"}}, "u", "line 1"},
		{"a template with a javascript: prefix is dropped", "u=javascript:alert([1-2])", sharelink.State{}, "u", "http"},
		{"a template hiding a scheme in a list is dropped", "u=" + escape("{https://a.test/,javascript:alert(1)}"),
			sharelink.State{}, "u", "before the first"},
		{"a template choosing the scheme by glob is dropped", "u=" + escape("http{s,}://a.test/"), sharelink.State{}, "u", "http"},
		{"a malformed template that is no URL either is dropped with its column", "u=" + escape("https://a.test/[1- x"), sharelink.State{}, "u", "column 16"},
		{"a template whose first URL has no host is dropped", "u=" + escape("https://{,a.test}/"), sharelink.State{}, "u", "host"},
		{"bad percent-encoding drops the line", "u=https://a.test/%zz", sharelink.State{}, "u", "percent"},
		{"an unknown key is ignored", "u=https://a.test/&token=abc", sharelink.State{Lines: []string{"https://a.test/"}}, "token", "unknown"},
		{"a key without a value is a problem", "u=https://a.test/&run", sharelink.State{Lines: []string{"https://a.test/"}}, "run", "neither"},
		{"an unknown merge mode falls back to array", "merge=zip", sharelink.State{}, "merge", "using array"},
		{"merge is case-sensitive", "merge=Object", sharelink.State{}, "merge", "unknown mode"},
		{"a concurrency of 0 falls back", "c=0", sharelink.State{}, "c", "1 to 64"},
		{"a concurrency of 65 falls back", "c=65", sharelink.State{}, "c", "1 to 64"},
		{"a concurrency that is not a number falls back", "c=eight", sharelink.State{}, "c", "1 to 64"},
		{"a timeout without a unit falls back", "timeout=15", sharelink.State{}, "timeout", "1s to 10m"},
		{"a timeout under a second falls back", "timeout=500ms", sharelink.State{}, "timeout", "1s to 10m"},
		{"a timeout over ten minutes falls back", "timeout=11m", sharelink.State{}, "timeout", "1s to 10m"},
		{"a negative timeout falls back", "timeout=-5s", sharelink.State{}, "timeout", "1s to 10m"},
		{"run=yes does not run", "run=yes", sharelink.State{}, "run", "neither"},
		{"a repeated option is reported and the last counts", "c=4&c=8", sharelink.State{Concurrency: 8}, "c", "more than once"},
		{"a z inside a z is ignored", "z=" + compress("u=https://a.test/&z=1abc"), sharelink.State{Lines: []string{"https://a.test/"}}, "z", "inside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := sharelink.Decode(tt.fragment)
			if err != nil {
				t.Fatalf("Decode(%q) error: %v; want problems only", tt.fragment, err)
			}
			if !equal(got, tt.want) {
				t.Errorf("Decode(%q)\n got %#v\nwant %#v", tt.fragment, got, tt.want)
			}
			if len(problems) == 0 {
				t.Fatalf("Decode(%q) reported no problem; want one on %s", tt.fragment, tt.field)
			}
			p := problems[0]
			if p.Field != tt.field || !strings.Contains(p.Message, tt.message) {
				t.Errorf("problem = %q; want field %q and a message with %q", p, tt.field, tt.message)
			}
			if p.Error() != p.Field+": "+p.Message || p.String() != p.Error() {
				t.Errorf("Problem.Error() = %q; want %q", p.Error(), p.Field+": "+p.Message)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	good := sharelink.Encode(sharelink.State{Lines: numbered(60)})
	var bomb bytes.Buffer
	w, _ := flate.NewWriter(&bomb, flate.BestSpeed)
	w.Write([]byte("u=https://a.test/&jq="))
	w.Write(bytes.Repeat([]byte("a"), sharelink.MaxInflated+1))
	w.Close()
	tests := []struct {
		name     string
		fragment string
		want     error
		message  string
	}{
		{"an unknown version is refused", "z=2" + good[3:], sharelink.ErrUnknownVersion, `format "2"`},
		{"a missing version is refused", "z=", sharelink.ErrCorrupt, "empty"},
		{"bad base64 is refused", "z=1abc$def", sharelink.ErrCorrupt, "base64"},
		{"padded base64 is refused", good + "==", sharelink.ErrCorrupt, "base64"},
		{"a truncated link is refused", good[:len(good)-10], sharelink.ErrCorrupt, "truncated"},
		{"a link cut to its first characters is refused", good[:6], sharelink.ErrCorrupt, ""},
		{"bytes that are not deflate are refused", "z=1" + base64.RawURLEncoding.EncodeToString([]byte("hello, world, not deflate")), sharelink.ErrCorrupt, "inflate"},
		{"stray bytes after the stream are refused", "z=1" + base64.RawURLEncoding.EncodeToString(append(rawDeflate("u=https://a.test/"), 1, 2, 3)), sharelink.ErrCorrupt, "stray"},
		{"a deflate bomb is refused", "z=1" + base64.RawURLEncoding.EncodeToString(bomb.Bytes()), sharelink.ErrTooLarge, "inflates"},
		{"a fragment over 2 MiB is refused", "u=https://a.test/" + strings.Repeat("x", sharelink.MaxFragment), sharelink.ErrTooLarge, "limit"},
		{"one bad z spoils the whole link", "u=https://a.test/&z=1@@", sharelink.ErrCorrupt, "base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := sharelink.Decode(tt.fragment)
			if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.message) {
				t.Fatalf("Decode error = %v; want %v with %q", err, tt.want, tt.message)
			}
			if !equal(got, sharelink.State{}) || problems != nil {
				t.Errorf("Decode gave %#v, %v along with its error; want the empty state", got, problems)
			}
		})
	}
}

func TestDecodeLimitsProblems(t *testing.T) {
	t.Parallel()
	fragment := strings.Repeat("u=javascript:x&", 100000)
	_, problems, err := sharelink.Decode(fragment)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 21 || problems[20].Message != "and 99980 more problems" {
		t.Errorf("got %d problems ending %q; want 20 and a count of the rest", len(problems), problems[len(problems)-1])
	}
}

func TestDecodeHugeFragment(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	n := 0
	for b.Len() < 1<<20 {
		fmt.Fprintf(&b, "u=https://api.example.com/items/%d&", n)
		n++
	}
	t.Run("a 1 MB fragment of valid URLs is over the cap of one list and says so", func(t *testing.T) {
		s, problems, err := sharelink.Decode(b.String() + "run=1")
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("asks for %d URLs; at most 10000", n)) || len(s.Lines) != 0 || s.Run || problems != nil {
			t.Fatalf("got %d lines, run %v, %v", len(s.Lines), s.Run, err)
		}
	})
	t.Run("plain lines and templates count together", func(t *testing.T) {
		var b strings.Builder
		for i := range 9_999 {
			fmt.Fprintf(&b, "u=https://a.test/%d&", i)
		}
		if _, _, err := sharelink.Decode(b.String()); err != nil {
			t.Fatalf("9,999 lines: %v", err)
		}
		if _, _, err := sharelink.Decode(b.String() + "u=https://a.test/p%5B1-2%5D&run=1"); err == nil {
			t.Fatal("9,999 lines and a template of 2 passed the cap")
		}
	})
}

func TestDecodeRefusesHiddenCharactersInJQ(t *testing.T) {
	t.Parallel()
	for name, jq := range map[string]string{
		"Ctrl-U":            ".a%15",
		"ESC":               ".a%1B%5B2K",
		"a bidi override":   ".a%E2%80%AE",
		"a C1 control":      ".a%C2%85",
		"invalid UTF-8":     ".a%FF",
		"a carriage return": ".a%0D",
	} {
		t.Run(name+" drops the filter with a problem", func(t *testing.T) {
			t.Parallel()
			s, problems, err := sharelink.Decode("u=https://a.test/&jq=" + jq)
			if err != nil || s.JQ != "" || len(problems) != 1 || problems[0].Field != "jq" || !strings.Contains(problems[0].Message, "control character") {
				t.Fatalf("got jq %q, problems %v, %v", s.JQ, problems, err)
			}
		})
	}
	t.Run("line breaks and tabs are a filter's layout and stay", func(t *testing.T) {
		s := decodeOK(t, "u=https://a.test/&jq=.a%0A%09%7C%20.b")
		if s.JQ != ".a\n\t| .b" {
			t.Fatalf("got %q", s.JQ)
		}
	})
}

func escape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "#", "%23", " ", "%20").Replace(s)
}

func rawDeflate(s string) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return buf.Bytes()
}

func compress(s string) string {
	return "1" + base64.RawURLEncoding.EncodeToString(rawDeflate(s))
}

// TestRoundTripRandom is a property test: random valid states, full of the
// characters that need escaping, come back from a link unchanged.
func TestRoundTripRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "Z", "0", "/", "?", "&", "=", "#", "+", "%25", "%20", "%2F", "é", "日本", "~", ";", ",",
		"'", "!", "*", "(", ")", "@", ":", "$", "[1-3]", "{x,y}", `\[`, "-", "_", "."}
	modes := []string{"", "array", "object", "envelope", "concat", "patch"}
	const runs = 1500
	exact := 0
	for range runs {
		var s sharelink.State
		for range rng.Intn(8) {
			var b strings.Builder
			b.WriteString([]string{"https://", "http://", "HTTPS://"}[rng.Intn(3)])
			b.WriteString([]string{"a.test", "api.example.com:8443", "[::1]", "bücher.example", "u:p@h.test"}[rng.Intn(5)])
			b.WriteString("/")
			for range rng.Intn(12) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			s.Lines = append(s.Lines, b.String())
		}
		s.Merge = modes[rng.Intn(len(modes))]
		// Any visible text, line breaks and tabs: what a link may carry.
		jqRunes := []rune(" \t\n!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~é€😀")
		jq := make([]rune, rng.Intn(20))
		for j := range jq {
			jq[j] = jqRunes[rng.Intn(len(jqRunes))]
		}
		s.JQ = string(jq)
		if rng.Intn(2) == 0 {
			s.Concurrency = 1 + rng.Intn(64)
		}
		if rng.Intn(2) == 0 {
			s.Timeout = time.Second + time.Duration(rng.Int63n(int64(9*time.Minute)))
		}
		s.Run = rng.Intn(2) == 0
		link := sharelink.Encode(s)
		got, problems, err := sharelink.Decode(link)
		if err != nil {
			t.Fatalf("Decode(Encode(%#v)): %v", s, err)
		}
		// Random lines may be invalid (a glob with a stray bracket, say);
		// those must be reported, and the rest must come back in order.
		if len(problems) == 0 {
			if !equal(got, s) {
				t.Fatalf("Decode(Encode(s)) differs\n got %#v\nwant %#v", got, s)
			}
			exact++
			continue
		}
		for _, p := range problems {
			if p.Field != "u" {
				t.Fatalf("unexpected problem %q for %#v", p, s)
			}
		}
		if len(got.Lines)+len(problems) != len(s.Lines) {
			t.Fatalf("%d lines + %d problems != %d lines sent", len(got.Lines), len(problems), len(s.Lines))
		}
	}
	t.Logf("%d of %d random states came back exactly; the rest had invalid lines, all reported", exact, runs)
	if exact < runs/2 {
		t.Errorf("only %d of %d random states were valid; the generator tests too little", exact, runs)
	}
}

func TestLinkLengths(t *testing.T) {
	t.Parallel()
	lines := func(n int) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = fmt.Sprintf("https://api.example.com/items?page=%d", i+1)
		}
		return l
	}
	three := sharelink.Encode(sharelink.State{Lines: numbered(3)})
	rangeLink := sharelink.Encode(sharelink.State{Lines: []string{"https://api.example.com/items?page=[1-50]"}})
	fifty := sharelink.Encode(sharelink.State{Lines: lines(50)})
	fiftyPlain := len("u=https://api.example.com/items%3Fpage%3D1") * 50
	fiveHundred := sharelink.Encode(sharelink.State{Lines: lines(500)})
	t.Logf("3 URLs:                 %5d chars  %s", len(three), three)
	t.Logf("50 URLs as a range:     %5d chars  %s", len(rangeLink), rangeLink)
	t.Logf("50 URLs listed:         %5d chars  (plain would be about %d)", len(fifty), fiftyPlain)
	t.Logf("500 URLs listed:        %5d chars", len(fiveHundred))
	if len(rangeLink) >= 80 {
		t.Errorf("the 50-URL range link is %d chars; want under 80", len(rangeLink))
	}
	if !strings.HasPrefix(fifty, "z=1") || len(fifty) >= fiftyPlain/4 {
		t.Errorf("the 50 listed URLs gave %d chars (%.10q…); want the compressed form, well under %d", len(fifty), fifty, fiftyPlain)
	}
	for _, link := range []string{three, rangeLink, fifty, fiveHundred} {
		decodeOK(t, link)
	}
}

func ExampleEncode() {
	fmt.Println(sharelink.Encode(sharelink.State{
		Lines: []string{"https://api.example.com/items?page=[1-50]"},
		Merge: "concat",
		Run:   true,
	}))
	// Output:
	// u=https://api.example.com/items%3Fpage%3D%5B1-50%5D&merge=concat&run=1
}

func ExampleDecode() {
	s, problems, err := sharelink.Decode("#u=https://a.test/1&u=javascript:alert(1)&c=500&run=1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q run=%v concurrency=%d\n", s.Lines, s.Run, s.Concurrency)
	for _, p := range problems {
		fmt.Println(p)
	}
	_, _, err = sharelink.Decode("#z=9xyz")
	fmt.Println(err)
	// Output:
	// ["https://a.test/1"] run=true concurrency=0
	// u: line 2 ("javascript:alert(1)") dropped: scheme "javascript" is not fetched: only http and https are
	// c: "500" is not a concurrency from 1 to 64; using the default
	// share link from an unknown format version: z=9xyz is format "9"; this page reads format "1" (is the link from a newer fanin?)
}

func benchState() sharelink.State {
	lines := make([]string, 500)
	for i := range lines {
		lines[i] = fmt.Sprintf("https://api.example.com/v2/orders/%d?expand=items&fields=id,total", 100000+i*7)
	}
	return sharelink.State{Lines: lines, Merge: "object", JQ: "map(.total)", Run: true}
}

func BenchmarkEncode(b *testing.B) {
	s := benchState()
	for b.Loop() {
		sharelink.Encode(s)
	}
}

func BenchmarkDecode(b *testing.B) {
	link := sharelink.Encode(benchState())
	b.ReportMetric(float64(len(link)), "link-bytes")
	for b.Loop() {
		if _, _, err := sharelink.Decode(link); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPageKeys(t *testing.T) {
	t.Parallel()
	got := sharelink.Encode(sharelink.State{Lines: []string{"https://a.test/"}, Next: "link", MaxPages: 5, Rate: 0.5, PerHost: 3})
	if want := "u=https://a.test/&next=link&max-pages=5&rate=0.5&per-host=3"; got != want {
		t.Fatalf("Encode = %q, want %q", got, want)
	}
	for fragment, field := range map[string]string{
		"u=https://a.test/&max-pages=0":       "max-pages",
		"u=https://a.test/&max-pages=100001":  "max-pages",
		"u=https://a.test/&rate=-1":           "rate",
		"u=https://a.test/&rate=NaN":          "rate",
		"u=https://a.test/&rate=Inf":          "rate",
		"u=https://a.test/&per-host=65":       "per-host",
		"u=https://a.test/&per-host=x":        "per-host",
		"u=https://a.test/&next=link&next=.a": "next",
	} {
		s, problems, err := sharelink.Decode(fragment)
		if err != nil || len(problems) != 1 || problems[0].Field != field || len(s.Lines) != 1 {
			t.Errorf("Decode(%q) = %+v, %v, %v; want one %s problem", fragment, s, problems, err, field)
		}
	}
}
