package jsontree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"fanin/app/jsonscan"
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
	return reflect.DeepEqual(a.start, b.start) && reflect.DeepEqual(a.kind, b.kind) && reflect.DeepEqual(a.cont, b.cont) &&
		reflect.DeepEqual(a.up, b.up) && reflect.DeepEqual(a.ccount, b.ccount) && reflect.DeepEqual(a.cend, b.cend) &&
		reflect.DeepEqual(a.bits, b.bits) && reflect.DeepEqual(a.before, b.before) && reflect.DeepEqual(a.skip, b.skip)
}

// FuzzShape checks the spans against the scanner's tokens, then the
// derived shape (parents, counts, siblings, members, depths) against the
// spans alone: a node's parent is the innermost node whose span holds its
// own, which is what the tree must answer although it stores an end, a
// parent and a count only for containers and finds the rest in the bytes.
func FuzzShape(f *testing.F) {
	for _, s := range []string{sample, `[[1,[2,[3]],4],{"a":{"b":[5]},"c":6},7]`, ` {"k" : [ {"x":[]} , 1 ] , "j":{} } `, `3`,
		`[{"a":[[[]]]},"x",[{}],{"y":[1,{"z":"w"}]}]`, `["a\\\"b\\",-1.5e+3,true,false,null,"\\\\",{"\"":"\u0022"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		tr, err := Index(doc)
		if err != nil {
			return
		}
		n := tr.Size()
		// Every value's span is the scanner's: a scalar's token, a
		// container's brackets.
		sc, k := jsonscan.New(doc), 0
		var open [][2]int // node, start
		for tok, ok := sc.Next(); ok; tok, ok = sc.Next() {
			id, want := k, [2]int{tok.Start, tok.End}
			switch tok.Kind {
			case jsonscan.Key:
				continue
			case jsonscan.BeginArray, jsonscan.BeginObject:
				open = append(open, [2]int{k, tok.Start})
				k++
				continue
			case jsonscan.EndArray, jsonscan.EndObject:
				c := open[len(open)-1]
				open = open[:len(open)-1]
				id, want = c[0], [2]int{c[1], tok.End}
			default:
				k++
			}
			if s, e := tr.Span(NodeID(id)); [2]int{s, e} != want {
				t.Fatalf("%q: Span(%d) = %d, %d, want %v", doc, id, s, e, want)
			}
		}
		if k != n {
			t.Fatalf("%q: the scanner saw %d values, the tree has %d", doc, k, n)
		}
		parent := make([]NodeID, n)
		count := make([]int, n)
		for i := range n {
			parent[i] = None
			s, e := tr.Span(NodeID(i))
			for j := i - 1; j >= 0; j-- { // the nearest earlier container holding it
				ps, pe := tr.Span(NodeID(j))
				if tr.Kind(NodeID(j)).Container() && ps < s && e <= pe {
					parent[i] = NodeID(j)
					count[j]++
					break
				}
			}
		}
		for i := range n {
			id := NodeID(i)
			if got := tr.Parent(id); got != parent[i] {
				t.Fatalf("%q: Parent(%d) = %d, want %d", doc, i, got, parent[i])
			}
			if got := tr.Len(id); got != count[i] {
				t.Fatalf("%q: Len(%d) = %d, want %d", doc, i, got, count[i])
			}
			want := None
			for j := i + 1; j < n && parent[i] != None; j++ {
				if parent[j] == parent[i] {
					want = NodeID(j)
					break
				}
			}
			if got := tr.NextSibling(id); got != want {
				t.Fatalf("%q: NextSibling(%d) = %d, want %d", doc, i, got, want)
			}
			member := parent[i] != None && tr.Kind(parent[i]) == Object
			if got := tr.IsMember(id); got != member {
				t.Fatalf("%q: IsMember(%d) = %v, want %v", doc, i, got, member)
			}
			d := 0
			for p := parent[i]; p != None; p = parent[p] {
				d++
			}
			if got := tr.Depth(id); got != d || len(tr.Ancestors(id)) != d {
				t.Fatalf("%q: Depth(%d) = %d (%d ancestors), want %d", doc, i, got, len(tr.Ancestors(id)), d)
			}
			if parent[i] != None && tr.Child(parent[i], tr.Index(id)) != id {
				t.Fatalf("%q: Child(Parent(%d), Index(%d)) is not %d", doc, i, i, i)
			}
		}
	})
}
