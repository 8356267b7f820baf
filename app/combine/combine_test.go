package combine_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
)

func sample() []fanout.Result {
	return []fanout.Result{
		{Index: 0, URL: "https://a.test/1?x=1&y=<2>", State: fanout.Done, Status: 200, Bytes: 37, End: 12 * time.Millisecond,
			Data: []byte(`{"z":1,"a":[-0,1E400,12345678901234567890123],"dup":1,"dup":2}`)},
		{Index: 1, URL: "https://a.test/2", State: fanout.Done, Status: 500, Bytes: 4, Start: time.Millisecond, End: 3 * time.Millisecond,
			Err: &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 500: boom"}},
		{Index: 2, URL: "https://a.test/3", State: fanout.Done, Status: 200, Bytes: 6, End: 5 * time.Millisecond, Data: []byte(`"\u00e9"`)},
	}
}

func TestEncode(t *testing.T) {
	t.Parallel()
	golden := map[combine.Mode]string{
		combine.Array: `[
  {
    "z": 1,
    "a": [
      -0,
      1E400,
      12345678901234567890123
    ],
    "dup": 1,
    "dup": 2
  },
  null,
  "\u00e9"
]
`,
		combine.Object: `{
  "https://a.test/1?x=1&y=<2>": {
    "z": 1,
    "a": [
      -0,
      1E400,
      12345678901234567890123
    ],
    "dup": 1,
    "dup": 2
  },
  "https://a.test/2": null,
  "https://a.test/3": "\u00e9"
}
`,
		combine.Envelope: `[
  {
    "url": "https://a.test/1?x=1&y=<2>",
    "status": 200,
    "ms": 12,
    "bytes": 37,
    "data": {
      "z": 1,
      "a": [
        -0,
        1E400,
        12345678901234567890123
      ],
      "dup": 1,
      "dup": 2
    }
  },
  {
    "url": "https://a.test/2",
    "status": 500,
    "ms": 2,
    "bytes": 4,
    "error": {
      "kind": "http-status",
      "message": "HTTP 500: boom"
    }
  },
  {
    "url": "https://a.test/3",
    "status": 200,
    "ms": 5,
    "bytes": 6,
    "data": "\u00e9"
  }
]
`,
	}
	for mode, want := range golden {
		t.Run(fmt.Sprintf("%s mode keeps order and literals", mode), func(t *testing.T) {
			got, err := combine.Encode(sample(), mode)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
			if !json.Valid(got) {
				t.Fatal("output is not valid JSON")
			}
		})
	}
	t.Run("an empty run is an empty document", func(t *testing.T) {
		got, _ := combine.Encode(nil, combine.Object)
		if string(got) != "{}\n" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("an unknown mode is an error", func(t *testing.T) {
		if _, err := combine.Encode(sample(), "zip"); err == nil {
			t.Fatal("got no error")
		}
	})
}

func TestParseMode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]combine.Mode{"": combine.Array, "array": combine.Array, "object": combine.Object, "envelope": combine.Envelope} {
		if got, err := combine.ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := combine.ParseMode("Array"); err == nil {
		t.Error("ParseMode is case-sensitive; want an error for Array")
	}
}

func ExampleEncode() {
	results := []fanout.Result{
		{URL: "https://a.test/1", State: fanout.Done, Status: 200, Data: []byte(`{"n":1E400}`)},
		{URL: "https://a.test/2", State: fanout.Done, Err: &fanout.Error{Kind: fanout.KindTimeout, Message: "too slow"}},
	}
	out, _ := combine.Encode(results, combine.Array)
	fmt.Print(string(out))
	// Output:
	// [
	//   {
	//     "n": 1E400
	//   },
	//   null
	// ]
}

func BenchmarkEncode(b *testing.B) {
	results := make([]fanout.Result, 1000)
	doc := []byte(`{"id":12345,"name":"something","tags":["a","b","c"],"price":12.50,"nested":{"ok":true}}`)
	for i := range results {
		results[i] = fanout.Result{URL: fmt.Sprintf("https://a.test/%d", i), State: fanout.Done, Status: 200, Data: doc}
	}
	b.SetBytes(int64(len(doc) * len(results)))
	for b.Loop() {
		if _, err := combine.Encode(results, combine.Array); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEnvelopeOfPages(t *testing.T) {
	t.Parallel()
	pages := []fanout.Result{
		{Index: 0, URL: "https://a.test/items", State: fanout.Done, Status: 200, Bytes: 3, Data: []byte(`[1]`), Chain: 0, Page: 1, ChainURL: "https://a.test/items"},
		{Index: 1, URL: "https://a.test/items?page=2", State: fanout.Done, Status: 200, Bytes: 3, Data: []byte(`[2]`), Chain: 0, Page: 2, ChainURL: "https://a.test/items"},
	}
	got, err := combine.Encode(pages, combine.Envelope)
	want := `[{"url":"https://a.test/items","chain":"https://a.test/items","page":1,"status":200,"ms":0,"bytes":3,"data":[1]},` +
		`{"url":"https://a.test/items?page=2","chain":"https://a.test/items","page":2,"status":200,"ms":0,"bytes":3,"data":[2]}]`
	var compact bytes.Buffer
	if err == nil {
		err = json.Compact(&compact, got)
	}
	if err != nil || compact.String() != want {
		t.Fatalf("got %s, %v\nwant %s", got, err, want)
	}
	// A run that does not paginate keeps today's envelope, byte for byte.
	plain, _ := combine.Encode(sample()[:1], combine.Envelope)
	if bytes.Contains(plain, []byte(`"chain"`)) || bytes.Contains(plain, []byte(`"page"`)) {
		t.Fatalf("a plain run's envelope grew pages' fields: %s", plain)
	}
}
