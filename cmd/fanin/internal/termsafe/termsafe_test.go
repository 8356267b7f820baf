package termsafe_test

import (
	"bytes"
	"fmt"
	"testing"

	"fanin/cmd/fanin/internal/termsafe"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"fanin: https://a.test/: network: refused\n": "fanin: https://a.test/: network: refused\n",
		"https://a.test/\x1b]0;pwned\x07":            `https://a.test/\x1b]0;pwned\x07`,
		"body \x1b[2J\x1b[31mred":                    `body \x1b[2J\x1b[31mred`,
		"a\u202egnp.exe":                             `a\u202egnp.exe`,
		"\u2066isolate\u2069 \u200bzero":             `\u2066isolate\u2069 \u200bzero`,
		"c1 \u009b31m csi":                           `c1 \u009b31m csi`,
		"tab\tcr\rdel\x7f":                           `tab\x09cr\x0ddel\x7f`,
		"bad \xff\xfe bytes":                         `bad \xff\xfe bytes`,
		"café, 日本, 😀":                                "café, 日本, 😀",
	} {
		if got := termsafe.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	n, err := fmt.Fprintf(termsafe.Writer{W: &buf}, "fanin: %s: %s\n", "https://a.test/\x1b[2K", "http-status: 500 \a")
	if err != nil || n != len("fanin: https://a.test/\x1b[2K: http-status: 500 \a\n") {
		t.Fatalf("wrote %d, %v", n, err)
	}
	if got, want := buf.String(), "fanin: https://a.test/\\x1b[2K: http-status: 500 \\x07\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func ExampleEscape() {
	fmt.Println(termsafe.Escape("https://a.test/\x1b]0;title\x07 \u202eevil"))
	// Output: https://a.test/\x1b]0;title\x07 \u202eevil
}
