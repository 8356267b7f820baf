package jsontree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func FuzzIndex(f *testing.F) {
	for _, s := range []string{sample, `{"a\"b":[1,2,{"":null}]}`, `"\ud83d\ude00"`, `[1E400,-0,0.5e-3]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		doc := bytes.TrimSpace(body)
		tr, ierr := Index(doc)
		if json.Valid(doc) && ierr != nil {
			t.Fatalf("Check accepts %q but Index says %v", doc, ierr)
		}
		if ierr != nil {
			return
		}
		for i := range tr.Size() {
			id := NodeID(i)
			_ = tr.Literal(id)
			_ = tr.Path(id)
			_ = tr.Text(id)
			_ = tr.Key(id)
			if tr.IsMember(id) && tr.RawKey(id) == nil {
				t.Fatalf("member %d has no key in %q", i, doc)
			}
		}
		v := NewView(tr, 2)
		v.ExpandAll(1000)
		_ = v.Rows(0, 50)
		_, _ = tr.Search("a", None, true)
	})
}

// FuzzParts checks that a document indexed with parts indexed before is the
// tree indexing it whole gives, whatever the glue around the parts.
func FuzzParts(f *testing.F) {
	f.Add([]byte(`{"a":[1,2]}`), []byte(` [ "x" , {"b": {}} ] `), uint8(0))
	f.Add([]byte(`3`), []byte(`null`), uint8(1))
	f.Add([]byte(`[[[]]]`), []byte(`{"k":[{"k":[]}]}`), uint8(2))
	long := "[" + strings.Repeat(`{"n":[1,2]},`, 700) + "0]"
	f.Add([]byte(long), []byte(long), uint8(3))
	longer := "[" + strings.Repeat(`{"n":[1,2]},`, 3000) + "0]" // grafted in several steps
	f.Add([]byte(longer), []byte(`[`+longer+`]`), uint8(2))
	f.Fuzz(func(t *testing.T, a, b []byte, glue uint8) {
		ta, erra := Index(a)
		tb, errb := Index(b)
		if erra != nil || errb != nil {
			return
		}
		glues := [][3]string{{"[", ",", "]"}, {`{"u1":`, `, "u2" : `, "}"}, {`[{"url":"x","data":`, `},{"url":"y","data":`, "}]"}, {"[ ", " ,\n ", " ]"}}
		g := glues[int(glue)%len(glues)]
		doc := []byte(g[0] + string(a) + g[1] + string(b) + g[2])
		// a and b may start with white space, which the trees count in their offsets
		parts := []Part{{Offset: len(g[0]) + int(ta.start[0]), Tree: ta}, {Offset: len(g[0]) + len(a) + len(g[1]) + int(tb.start[0]), Tree: tb}}
		whole, err := Index(doc)
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		ix := NewIndexerWith(doc, parts)
		for !ix.Step(7) {
		}
		spliced, err := ix.Tree()
		if err != nil {
			t.Fatalf("%s with parts: %v", doc, err)
		}
		if ix.grafted != 2 {
			t.Fatalf("%s: %d parts taken in, want 2", doc, ix.grafted)
		}
		if !sameTree(whole, spliced) {
			t.Fatalf("%s: indexed with parts differs from indexed whole", doc)
		}
	})
}

func sameTree(a, b *Tree) bool {
	return reflect.DeepEqual(a.start, b.start) && reflect.DeepEqual(a.end, b.end) && reflect.DeepEqual(a.parent, b.parent) &&
		reflect.DeepEqual(a.count, b.count) && reflect.DeepEqual(a.kind, b.kind) && reflect.DeepEqual(a.skip, b.skip)
}
