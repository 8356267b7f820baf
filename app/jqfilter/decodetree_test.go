package jqfilter

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fanin/app/jsontree"
)

// pieces are the piece sizes the tests decode with: the real one, and small
// ones that make even short documents go piece by piece.
var pieces = []int{pieceBytes, 1, 7, 40, 300}

// nested is a document whose depth is n.
func nested(n int, open, close, leaf string) string {
	return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
}

// bigNested is over 1 MB: objects of arrays of objects, with duplicate keys
// whose first value is big and whose last is small, and the other way round.
func bigNested() string {
	var b strings.Builder
	b.WriteString(`{"meta": {"n": 3, "e": "caf\u00e9"}, "dup": `)
	b.Write(genRecords(100 << 10))
	b.WriteString(`, "results": {`)
	for i := range 3 {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		fmt.Fprintf(&b, `"url %d": {"status": 200, "body": `, i)
		b.Write(genRecords(300 << 10))
		b.WriteString(`, "empty": [], "none": {}, "body": `)
		if i == 1 {
			b.Write(genRecords(200 << 10)) // a big value replacing a big one
		} else {
			b.WriteString(`"replaced"`)
		}
		b.WriteString(`}`)
	}
	b.WriteString("},\n \"dup\": 1, \"d2\": 0, \"d2\": ")
	b.Write(genRecords(70 << 10))
	b.WriteString(`, "ws": [` + strings.Repeat(" ", 70<<10) + `], "wo": {` + strings.Repeat("\n", 70<<10) + "}}")
	return b.String()
}

var treeCorpus = []string{
	`null`, `true`, `false`, `0`, `-0`, `1.0`, `12345678901234567890123`, `1E400`, `-1e-400`, `"x"`, `""`,
	` "caf\u00e9 \ud83d\ude00 \ud800 lone" `,
	"\t[]\n", `{}`, `[[]]`, `[{}]`, `{"a":[]}`, `{"":{}}`,
	`[1, 2.5, -0, 12345678901234567890123, 1E400, 0.1e-7, "s", true, false, null]`,
	`{"a": 1, "b": {"c": [1, {"d": null}], "e": "f"}, "g": [[[]]]}`,
	`{"a": 1, "a": 2}`,
	`{"a": {"x": 1}, "b": 0, "a": {"y": 2}}`,
	`{"a": [1, 2, 3], "a": 4}`,
	`{"\u0061": 1, "a": 2, "a\"b": 3, "a\\b": 4, "\/": 5, "\n\t": 6, "\ud83d\ude00": 7, "\udc00": 8}`,
	`{"a": 2, "\u0061": [1]}`,
	`{"\ud800": [1], "\udfff": [2], "\ufffd": [3]}`,
	"{\"\xff\": [1], \"\xfe\": [2], \"ok\xc3\": {\"k\xe2\x82\": \"v\xf0\"}}",
	`[{"id": 1, "big": 12345678901234567890123, "huge": 1E400}, {"id": 2}]`,
	`  [ 1 , [ 2 , { "a" : 3 , "b" : [ ] } ] , { } ]  `,
	nested(50, "[", "]", "1"),
	nested(30, `{"k":`, "}", `"v"`),
	nested(maxDepth, "[", "]", ""),
	nested(maxDepth-1, `{"a":`, "}", "[]"),
	string(genRecords(1 << 20)),
	bigNested(),
}

func mustIndex(t testing.TB, doc string) *jsontree.Tree {
	t.Helper()
	tr, err := jsontree.Index([]byte(doc))
	if err != nil {
		t.Fatalf("Index(%.40q): %v", doc, err)
	}
	return tr
}

func short(doc string) string {
	if len(doc) > 60 {
		return fmt.Sprintf("%.60q… (%d bytes)", doc, len(doc))
	}
	return fmt.Sprintf("%q", doc)
}

func TestDecodeTreeMatchesDecode(t *testing.T) {
	t.Parallel()
	for _, doc := range treeCorpus {
		want, err := Decode([]byte(doc))
		if err != nil {
			t.Fatalf("Decode(%s): %v", short(doc), err)
		}
		tr := mustIndex(t, doc)
		for _, piece := range pieces {
			if piece < 40 && len(doc) > 100<<10 {
				continue // slow, and no different
			}
			calls := 0
			pause := func(context.Context) error { calls++; return nil }
			got, err := decodeNode(context.Background(), tr, tr.Root(), pause, piece, 100)
			if err != nil {
				t.Errorf("piece %d: decoding %s: %v", piece, short(doc), err)
				continue
			}
			if !reflect.DeepEqual(got.v, want.v) {
				t.Errorf("piece %d: decoding %s: values differ from Decode's", piece, short(doc))
			}
			if len(doc) > 1<<20 && calls == 0 {
				t.Errorf("piece %d: decoding %s: pause never called", piece, short(doc))
			}
		}
		got, err := DecodeTree(context.Background(), tr, nil)
		if err != nil || !reflect.DeepEqual(got.v, want.v) {
			t.Errorf("DecodeTree(%s) differs from Decode (error %v)", short(doc), err)
		}
	}
}

func TestDecodeTreeKeepsNumberLiterals(t *testing.T) {
	t.Parallel()
	doc := `{"pad": "` + strings.Repeat("x", 100) + `", "n": [12345678901234567890123, 1E400, 1.0]}`
	tr := mustIndex(t, doc)
	in, err := decodeNode(context.Background(), tr, tr.Root(), nil, 16, 100)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Compile(".n | map(tostring) | join(\" \")")
	f.Compact = true
	out, err := f.RunInput(context.Background(), in)
	if want := "\"12345678901234567890123 1E400 1.0\"\n"; string(out) != want || err != nil {
		t.Errorf("got %q, %v; want %q", out, err, want)
	}
}

func TestDecodeNodeMatchesDecodeOfTheLiteral(t *testing.T) {
	t.Parallel()
	doc := bigNested()
	tr := mustIndex(t, doc)
	results := tr.Child(tr.Root(), 2)
	for _, id := range append(tr.Children(results, 0, 10), results, tr.Child(tr.Root(), 0)) {
		want, err := Decode(tr.Literal(id))
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeNode(context.Background(), tr, id, nil)
		if err != nil || !reflect.DeepEqual(got.v, want.v) {
			t.Errorf("DecodeNode(%s) differs from Decode of its literal (error %v)", tr.Path(id), err)
		}
	}
	if _, err := DecodeNode(context.Background(), tr, jsontree.NodeID(tr.Size()), nil); err == nil {
		t.Error("DecodeNode of a node past the end succeeded")
	}
}

func TestDecodeTreePauses(t *testing.T) {
	t.Parallel()
	doc := genRecords(3 << 20)
	tr := mustIndex(t, string(doc))
	calls := 0
	_, err := DecodeTree(context.Background(), tr, func(context.Context) error { calls++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	// one pause after 256 KiB, and after the piece that crosses the line
	if lo, hi := len(doc)/(pauseEvery+pieceBytes), len(doc)/pauseEvery; calls < lo || calls > hi {
		t.Errorf("pause called %d times on %d bytes, want %d to %d", calls, len(doc), lo, hi)
	}

	stop := errors.New("stop here")
	calls = 0
	in, err := DecodeTree(context.Background(), tr, func(context.Context) error { calls++; return stop })
	if err != stop || in != nil || calls != 1 {
		t.Errorf("pause returning an error: got %v, %v after %d calls; want that error after 1", in, err, calls)
	}
}

func TestDecodeTreeCancelled(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, string(genRecords(2<<20)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DecodeTree(ctx, tr, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: got %v, want context.Canceled", err)
	}
	small := mustIndex(t, `[1]`)
	if _, err := DecodeTree(ctx, small, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before, small document: got %v, want context.Canceled", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := DecodeTree(ctx, tr, func(context.Context) error { calls++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("cancelled during a pause: got %v after %d pauses, want context.Canceled after 1", err, calls)
	}
}

// encoding/json refuses more than 10000 levels, and so does DecodeTree,
// however it splits the document. (jsontree.Index refuses them too now, so
// the deepest documents only check that the two agree.)
func TestDecodeTreeDepthLimit(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		nested(maxDepth, "[", "]", ""),
		nested(maxDepth+1, "[", "]", ""),
		nested(maxDepth, `{"a":`, "}", "1"),
		nested(maxDepth+1, `{"a":`, "}", "1"),
		nested(maxDepth-2, "[", "]", "[1,2,[3,[]]]"),
		`[` + nested(maxDepth/2, "[", "]", "") + `,` + strings.Repeat(" ", 300) + nested(maxDepth-1, "[", "]", "") + `]`,
		`[` + strings.Repeat(" ", 300) + nested(maxDepth-1, "[", "]", "") + `,` + nested(maxDepth, "[", "]", "") + `]`,
		nested(maxDepth*3, "[", "]", ""),
		nested(maxDepth*3, `{"":`, "}", "[]"),
	} {
		_, werr := Decode([]byte(doc))
		tr, ierr := jsontree.Index([]byte(doc))
		if ierr != nil {
			if werr == nil {
				t.Errorf("%s: Index says %v, Decode accepts it", short(doc), ierr)
			}
			continue
		}
		for _, piece := range append(pieces, 10000, 30000) {
			_, err := decodeNode(context.Background(), tr, tr.Root(), nil, piece, pauseEvery)
			if (err == nil) != (werr == nil) {
				t.Errorf("piece %d, %s: DecodeTree says %v, Decode says %v", piece, short(doc), err, werr)
			}
		}
	}
}

func TestNesting(t *testing.T) {
	t.Parallel()
	doc := `[[1, [[]], {"a": [{}]}], [], [[[[0]]]], 2]`
	tr := mustIndex(t, doc)
	for i, want := range []int{4, 1, 4} {
		c := tr.Child(tr.Root(), i)
		if got := nesting(tr, c, tr.NextSibling(c)); got != want {
			t.Errorf("nesting of child %d = %d, want %d", i, got, want)
		}
	}
	last := tr.Child(tr.Child(tr.Root(), 2), 0) // [[[0]]], the last in its array
	if got := nesting(tr, last, jsontree.None); got != 3 {
		t.Errorf("nesting of [[[0]]] = %d, want 3", got)
	}
}

func FuzzDecodeTree(f *testing.F) {
	for _, doc := range treeCorpus {
		if len(doc) < 4096 {
			f.Add([]byte(doc))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		tr, err := jsontree.Index(doc)
		if err != nil {
			return
		}
		want, werr := Decode(doc)
		for _, piece := range []int{pieceBytes, 1, 5, 33} {
			got, err := decodeNode(context.Background(), tr, tr.Root(), func(context.Context) error { return nil }, piece, 16)
			if (err == nil) != (werr == nil) {
				t.Fatalf("piece %d, %q: DecodeTree says %v, Decode says %v", piece, doc, err, werr)
			}
			if err == nil && !reflect.DeepEqual(got.v, want.v) {
				t.Fatalf("piece %d, %q: DecodeTree gives %#v, Decode %#v", piece, doc, got.v, want.v)
			}
		}
		for _, id := range tr.Children(tr.Root(), 0, 8) {
			want, werr := Decode(tr.Literal(id))
			got, err := decodeNode(context.Background(), tr, id, nil, 3, 16)
			if (err == nil) != (werr == nil) || err == nil && !reflect.DeepEqual(got.v, want.v) {
				t.Fatalf("node %d of %q: DecodeNode gives %v, %v; Decode of its literal %v, %v", id, doc, got, err, want, werr)
			}
		}
	})
}
