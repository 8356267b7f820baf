package combine_test

import (
	"fmt"
	"strings"
	"testing"

	"fanin/app/combine"
	"fanin/app/fanout"
)

func ok(i int, data string) fanout.Result {
	return fanout.Result{Index: i, URL: fmt.Sprintf("https://a.test/%d", i), State: fanout.Done, Status: 200, Data: []byte(data)}
}

func failed(i int) fanout.Result {
	return fanout.Result{Index: i, URL: fmt.Sprintf("https://a.test/%d", i), State: fanout.Done, Status: 500,
		Err: &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 500"}}
}

func TestConcat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		results  []fanout.Result
		want     string
		problems []int // indexes of URLs reported as not arrays
	}{
		{
			name:    "pages are flattened in list order with literals untouched",
			results: []fanout.Result{ok(0, `[1, 1E400]`), ok(1, ` [ {"b":1,"a":2} ] `), ok(2, `["\u00e9", 12345678901234567890123]`)},
			want: `[
  1,
  1E400,
  {
    "b": 1,
    "a": 2
  },
  "\u00e9",
  12345678901234567890123
]
`,
		},
		{
			name:    "empty pages and failed URLs contribute nothing",
			results: []fanout.Result{ok(0, `[]`), failed(1), ok(2, "[ \n ]"), ok(3, `[null]`)},
			want:    "[\n  null\n]\n",
		},
		{
			name:     "a response that is not an array is a problem for its URL alone",
			results:  []fanout.Result{ok(0, `{"items": [1]}`), ok(1, `[2]`), ok(2, `"x"`), ok(3, `null`)},
			want:     "[\n  2\n]\n",
			problems: []int{0, 2, 3},
		},
		{
			name:    "nothing at all is an empty array",
			results: nil,
			want:    "[]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := combine.EncodeReport(tt.results, combine.Concat)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			var idx []int
			for _, p := range problems {
				idx = append(idx, p.Index)
				if p.Err == nil || p.Err.Kind != combine.KindNotArray || p.URL == "" {
					t.Errorf("problem %+v, want a not-array error with the URL", p)
				}
			}
			if fmt.Sprint(idx) != fmt.Sprint(tt.problems) && !(len(idx) == 0 && len(tt.problems) == 0) {
				t.Errorf("problems at %v, want %v", idx, tt.problems)
			}
			plain, err := combine.Encode(tt.results, combine.Concat)
			if err != nil || string(plain) != string(got) {
				t.Errorf("Encode = %q, %v; want the same bytes as EncodeReport", plain, err)
			}
		})
	}
}

func TestPatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		results []fanout.Result
		want    string
	}{
		{
			name: "later members win, keys keep their first place, literals pass through",
			results: []fanout.Result{
				ok(0, `{"b": 1, "a": {"x": 1E400, "y": [1, 2]}, "keep": null}`),
				ok(1, `{"a": {"y": [3], "z": 12345678901234567890123}, "c": "\u00e9"}`),
			},
			want: `{
  "b": 1,
  "a": {
    "x": 1E400,
    "y": [
      3
    ],
    "z": 12345678901234567890123
  },
  "keep": null,
  "c": "\u00e9"
}
`,
		},
		{
			name:    "null in a patch deletes the member",
			results: []fanout.Result{ok(0, `{"a": 1, "b": {"c": 2, "d": 3}}`), ok(1, `{"a": null, "b": {"c": null}, "zz": null}`)},
			want:    "{\n  \"b\": {\n    \"d\": 3\n  }\n}\n",
		},
		{
			name:    "a deleted member added again goes last",
			results: []fanout.Result{ok(0, `{"a": 1, "b": 2}`), ok(1, `{"a": null}`), ok(2, `{"a": 3}`)},
			want:    "{\n  \"b\": 2,\n  \"a\": 3\n}\n",
		},
		{
			name:    "a non-object patch replaces the target",
			results: []fanout.Result{ok(0, `{"a": 1}`), ok(1, `[1, null]`)},
			want:    "[\n  1,\n  null\n]\n",
		},
		{
			name:    "an object patch over a non-object starts from an empty object and drops its nulls",
			results: []fanout.Result{ok(0, `"s"`), ok(1, `{"a": {"b": null, "c": 1}}`)},
			want:    "{\n  \"a\": {\n    \"c\": 1\n  }\n}\n",
		},
		{
			name:    "escaped and plain spellings of a key are one member",
			results: []fanout.Result{ok(0, `{"\u0061": 1}`), ok(1, `{"a": 2}`)},
			want:    "{\n  \"\\u0061\": 2\n}\n",
		},
		{
			name:    "failed URLs are skipped and the first success is the target",
			results: []fanout.Result{failed(0), ok(1, `{"a": null}`), failed(2), ok(3, `{"b": 1}`)},
			want:    "{\n  \"a\": null,\n  \"b\": 1\n}\n",
		},
		{
			name:    "no success at all is null",
			results: []fanout.Result{failed(0)},
			want:    "null\n",
		},
		{
			// RFC 7396 appendix A, the rows not covered above
			name:    "an array member is replaced, not merged",
			results: []fanout.Result{ok(0, `{"a": [{"b": "c"}]}`), ok(1, `{"a": [1]}`)},
			want:    "{\n  \"a\": [\n    1\n  ]\n}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := combine.EncodeReport(tt.results, combine.Patch)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("problems = %v, want none", problems)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestNewModesParse(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"concat", "patch"} {
		t.Run(name+" is a mode", func(t *testing.T) {
			if m, err := combine.ParseMode(name); err != nil || string(m) != name {
				t.Errorf("ParseMode(%q) = %q, %v", name, m, err)
			}
		})
	}
}

func TestEncodeReportLeavesOtherModesAlone(t *testing.T) {
	t.Parallel()
	for _, mode := range []combine.Mode{combine.Array, combine.Object, combine.Envelope} {
		t.Run(string(mode)+" gives Encode's bytes and no problems", func(t *testing.T) {
			want, _ := combine.Encode(sample(), mode)
			got, problems, err := combine.EncodeReport(sample(), mode)
			if err != nil || string(got) != string(want) || problems != nil {
				t.Errorf("got %q, %v, %v; want %q", got, problems, err, want)
			}
		})
	}
}

func ExampleEncodeReport() {
	results := []fanout.Result{
		{Index: 0, URL: "https://a.test/page1", State: fanout.Done, Data: []byte(`[{"id": 1}]`)},
		{Index: 1, URL: "https://a.test/page2", State: fanout.Done, Data: []byte(`{"error": "no"}`)},
		{Index: 2, URL: "https://a.test/page3", State: fanout.Done, Data: []byte(`[{"id": 12345678901234567890123}]`)},
	}
	out, problems, _ := combine.EncodeReport(results, combine.Concat)
	fmt.Print(string(out))
	for _, p := range problems {
		fmt.Println(p.URL, p.Err)
	}
	// Output:
	// [
	//   {
	//     "id": 1
	//   },
	//   {
	//     "id": 12345678901234567890123
	//   }
	// ]
	// https://a.test/page2 not-array: concat needs an array; the response is an object
}

func benchResults(n int, data func(i int) string) []fanout.Result {
	rs := make([]fanout.Result, n)
	for i := range rs {
		rs[i] = ok(i, data(i))
	}
	return rs
}

func BenchmarkModes(b *testing.B) {
	page := "[" + strings.Repeat(`{"id":12345,"name":"something","price":12.50},`, 99) + `{"id":1}]`
	for _, tc := range []struct {
		name    string
		mode    combine.Mode
		results []fanout.Result
	}{
		{"concat 1000 pages of 100", combine.Concat, benchResults(1000, func(int) string { return page })},
		{"patch 1000 objects", combine.Patch, benchResults(1000, func(i int) string {
			return fmt.Sprintf(`{"k%d":%d,"shared":{"n":%d,"list":[1,2,3]},"gone":null}`, i%50, i, i)
		})},
	} {
		size := 0
		for _, r := range tc.results {
			size += len(r.Data)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, _, err := combine.EncodeReport(tc.results, tc.mode); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBuildSaysWhereEachValueIs(t *testing.T) {
	t.Parallel()
	results := []fanout.Result{ok(0, `{"a": [1, 2]}`), failed(1), ok(2, `"x"`)}
	for _, mode := range combine.Modes {
		t.Run(string(mode), func(t *testing.T) {
			doc, err := combine.Build(results, mode)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range results {
				at := doc.At[i]
				spliced := mode == combine.Array || mode == combine.Object || mode == combine.Envelope
				switch {
				case !spliced || !r.OK():
					if at != -1 {
						t.Errorf("result %d: at %d, want -1", i, at)
					}
				case at < 0 || at+len(r.Data) > len(doc.Bytes) || string(doc.Bytes[at:at+len(r.Data)]) != string(r.Data):
					t.Errorf("result %d: at %d in %s, want where %s is", i, at, doc.Bytes, r.Data)
				}
			}
		})
	}
}
