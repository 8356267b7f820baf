package bodycheck_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
)

// answers is a Fetcher that answers each URL with a 200 and its body.
type answers map[string][]byte

func (a answers) Fetch(_ context.Context, req fanout.Request) (*fanout.Response, error) {
	return &fanout.Response{Status: 200, Body: a[req.URL]}, nil
}

func kindOf(r fanout.Result) fanout.Kind { return r.Err.KindOr("") }

func TestChecker(t *testing.T) {
	t.Parallel()
	big := []byte("[" + strings.Repeat(`{"id":1,"name":"x"},`, 100000) + `{"id":2}]`)
	bodies := answers{
		"https://a.test/big": big,
		"https://a.test/bad": append(big[:len(big)-1:len(big)-1], '}'),
		"https://a.test/nil": nil,
	}
	list := []string{"https://a.test/big", "https://a.test/bad", "https://a.test/nil"}
	t.Run("a big body is checked and indexed in slices, with a pause between them", func(t *testing.T) {
		t.Parallel()
		var pauses atomic.Int32
		c := bodycheck.Indexing(len(list), func(context.Context) error { pauses.Add(1); return nil })
		results := fanout.Run(context.Background(), list, bodies, fanout.Options{Check: c.Check}, nil)
		if !results[0].OK() || len(results[0].Data) != len(big) {
			t.Fatalf("big body: %v, %d bytes", results[0].Err, len(results[0].Data))
		}
		if kindOf(results[1]) != fanout.KindNotJSON || !strings.Contains(results[1].Err.Message, "after array element") {
			t.Fatalf("broken big body: %v, want not-json after array element", results[1].Err)
		}
		if kindOf(results[2]) != fanout.KindEmpty {
			t.Fatalf("empty body: %v, want empty", results[2].Err)
		}
		trees := c.Trees()
		if tr := trees[0]; tr == nil || tr.Len(tr.Root()) != 100001 || trees[1] != nil || trees[2] != nil {
			t.Fatalf("got trees %v; want the big body's 100001 elements, then nil, nil", trees)
		}
		if c.Trees() != nil {
			t.Fatal("Trees hands the trees over once")
		}
		if n := pauses.Load(); n < int32(2*len(big)/(512<<10)) {
			t.Fatalf("%d pauses for two bodies of %d bytes, want one per slice", n, len(big))
		}
	})
	t.Run("a pause that fails cancels the URL", func(t *testing.T) {
		t.Parallel()
		c := bodycheck.JSON(func(context.Context) error { return context.Canceled })
		results := fanout.Run(context.Background(), list[:1], bodies, fanout.Options{Check: c.Check}, nil)
		if kindOf(results[0]) != fanout.KindCancelled {
			t.Fatalf("got %v, want cancelled", results[0].Err)
		}
	})
}

func TestValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		resp fanout.Response
		kind fanout.Kind
	}{
		{"2xx JSON is a value", fanout.Response{Status: 200, Body: []byte(`{"a":1}`)}, ""},
		{"204 with no body is empty", fanout.Response{Status: 204}, fanout.KindEmpty},
		{"404 is an HTTP status error", fanout.Response{Status: 404, Body: []byte(`{"error":"nope"}`)}, fanout.KindHTTPStatus},
		{"a 200 HTML page is not JSON", fanout.Response{Status: 200, Body: []byte(`<p>hi</p>`)}, fanout.KindNotJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bodycheck.Value(&tc.resp)
			if got := err.KindOr(""); got != tc.kind {
				t.Fatalf("got %q (%v), want %q", got, err, tc.kind)
			}
		})
	}
}
