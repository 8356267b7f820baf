package webfetch

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// wireRequest is startAll's view of one request, to read encodeBatch back.
type wireRequest struct {
	I int               `json:"i"`
	U string            `json:"u"`
	M int64             `json:"m"`
	H map[string]string `json:"h"`
}

func TestEncodeBatch(t *testing.T) {
	reqs := []startRequest{
		{ID: 1, URL: "https://api.example/a?x=1&y=\"2\"", Max: 64 << 20},
		{ID: 22, URL: "http://h/\\path\n\t\x00\x1f\u2028é😀", Headers: map[string]string{"X-B": "v\"2", "Authorization": "Bearer \\x"}},
		{ID: 3, URL: "", Max: 0, Headers: map[string]string{}},
	}
	text := encodeBatch(reqs)
	var got []wireRequest
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		t.Fatalf("encodeBatch wrote JSON that does not parse: %v\n%s", err, text)
	}
	if len(got) != len(reqs) {
		t.Fatalf("got %d requests back, want %d", len(got), len(reqs))
	}
	for i, r := range reqs {
		want := wireRequest{I: r.ID, U: r.URL, M: r.Max, H: r.Headers}
		if len(r.Headers) == 0 {
			want.H = nil
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("request %d: got %+v, want %+v", i, got[i], want)
		}
	}
	if encodeBatch(nil) != "[]" {
		t.Errorf("no requests: got %s, want []", encodeBatch(nil))
	}
}

// Any string round-trips through appendJSONString and a JSON parser, as
// UTF-8 (bytes that are not become U+FFFD, as in JavaScript).
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a", `"\`, "\x00\x01\x1f\x7f", "é😀\u2028", "\xff\xfe", "http://x/?q=a&b=<c>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q: wrote %s, which does not parse: %v", s, b, err)
		}
		if want := []rune(s); utf8.ValidString(s) && back != s {
			t.Fatalf("%q: read back %q (%d runes, want %d)", s, back, len([]rune(back)), len(want))
		}
	})
}
