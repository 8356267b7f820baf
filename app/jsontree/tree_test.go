package jsontree

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const sample = `[
  {"id": 1, "name": "Ada", "big": 12345678901234567890123, "huge": 1E400,
   "items": [{"name": "first"}, {"name": "second"}],
   "a b": {"x\"y": true, "": null, "é": -0.0}},
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  [],
  {}
]`

func mustIndex(t testing.TB, doc string) *Tree {
	t.Helper()
	tr, err := Index([]byte(doc))
	if err != nil {
		t.Fatalf("Index(%q): %v", doc, err)
	}
	return tr
}

// find returns the node at a path of keys and indexes written as strings.
func find(t testing.TB, tr *Tree, steps ...any) NodeID {
	t.Helper()
	id := tr.Root()
	for _, s := range steps {
		switch s := s.(type) {
		case int:
			id = tr.Child(id, s)
		case string:
			next := None
			for _, c := range tr.Children(id, 0, tr.Len(id)) {
				if tr.Key(c) == s {
					next = c
				}
			}
			id = next
		}
		if id == None {
			t.Fatalf("no node at %v", steps)
		}
	}
	return id
}

func TestIndexKeepsLiteralsExactly(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, sample)
	tests := []struct {
		name  string
		steps []any
		kind  Kind
		lit   string
		text  string
	}{
		{"a big integer keeps every digit", []any{0, "big"}, Number, "12345678901234567890123", "12345678901234567890123"},
		{"an out-of-range float keeps its spelling", []any{0, "huge"}, Number, "1E400", "1E400"},
		{"negative zero stays negative zero", []any{0, "a b", "é"}, Number, "-0.0", "-0.0"},
		{"a script tag is a plain string", []any{1}, String, `"<script>alert(1)</script>"`, "<script>alert(1)</script>"},
		{"an img onerror is a plain string", []any{2}, String, `"<img src=x onerror=alert(1)>"`, "<img src=x onerror=alert(1)>"},
		{"true is a boolean", []any{0, "a b", `x"y`}, Bool, "true", "true"},
		{"an empty key holds null", []any{0, "a b", ""}, Null, "null", "null"},
		{"an empty array is a container", []any{3}, Array, "[]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := find(t, tr, tt.steps...)
			if got := tr.Kind(id); got != tt.kind {
				t.Errorf("Kind = %v, want %v", got, tt.kind)
			}
			if got := string(tr.Literal(id)); got != tt.lit {
				t.Errorf("Literal = %s, want %s", got, tt.lit)
			}
			if got := tr.Text(id); got != tt.text {
				t.Errorf("Text = %q, want %q", got, tt.text)
			}
		})
	}
}

func TestPath(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, sample)
	tests := []struct {
		name  string
		steps []any
		want  string
	}{
		{"the root is a dot", nil, "."},
		{"an array item is an index", []any{3}, ".[3]"},
		{"nested items chain", []any{0, "items", 1, "name"}, ".[0].items[1].name"},
		{"a key with a space is quoted", []any{0, "a b"}, `.[0]."a b"`},
		{"a key with a quote is escaped", []any{0, "a b", `x"y`}, `.[0]."a b"."x\"y"`},
		{"an empty key is quoted", []any{0, "a b", ""}, `.[0]."a b".""`},
		{"a non-ASCII key is quoted", []any{0, "a b", "é"}, `.[0]."a b"."é"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tr.Path(find(t, tr, tt.steps...)); got != tt.want {
				t.Errorf("Path = %s, want %s", got, tt.want)
			}
		})
	}
	t.Run("keywords and leading digits are quoted", func(t *testing.T) {
		tr := mustIndex(t, `{"if": {"1x": {"_ok9": {"<b>": 0}}}}`)
		id := find(t, tr, "if", "1x", "_ok9", "<b>")
		if got, want := tr.Path(id), `."if"."1x"._ok9."<b>"`; got != want {
			t.Errorf("Path = %s, want %s", got, want)
		}
	})
}

func TestKeyUnescapes(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, `{"a\\\"b": 1, "\u00e9\ud83d\ude00\n": 2, "\ud800x": 3, "q\\": 4}`)
	want := []string{`a\"b`, "é😀\n", "\uFFFDx", `q\`}
	for i, w := range want {
		if got := tr.Key(tr.Child(0, i)); got != w {
			t.Errorf("Key(child %d) = %q, want %q", i, got, w)
		}
	}
}

func TestIndexRejectsMalformedInput(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		"", " ", "[", "]", "[1,]", "{\"a\"}", "{\"a\":}", "{1:2}", "tru", "nul", "01",
		"1.", "-", "1e", "[1 2]", "{\"a\":1,}", `"abc`, "\"a\nb\"", `"\x"`, `"\u12"`,
		"[1]]", "{}{}", "[}", "{]", "truex", "1 2",
	} {
		t.Run(fmt.Sprintf("%q is an error", doc), func(t *testing.T) {
			_, err := Index([]byte(doc))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Index(%q) error = %v, want a *SyntaxError", doc, err)
			}
		})
	}
}

func TestIndexerInSmallSteps(t *testing.T) {
	t.Parallel()
	whole := mustIndex(t, sample)
	ix := NewIndexer([]byte(sample))
	steps, last := 0, -1.0
	for !ix.Step(7) {
		steps++
		if p := ix.Progress(); p < last || p > 1 {
			t.Fatalf("Progress went %v -> %v", last, p)
		}
		last = ix.Progress()
	}
	tr, err := ix.Tree()
	if err != nil {
		t.Fatal(err)
	}
	if steps < 10 {
		t.Errorf("took %d steps, want many small ones", steps)
	}
	if tr.Size() != whole.Size() {
		t.Fatalf("Size = %d, want %d", tr.Size(), whole.Size())
	}
	for i := range whole.Size() {
		if string(tr.Literal(NodeID(i))) != string(whole.Literal(NodeID(i))) || tr.Parent(NodeID(i)) != whole.Parent(NodeID(i)) {
			t.Fatalf("node %d differs", i)
		}
	}
}

func bigArray(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"i":%d}`, i)
	}
	b.WriteString("]")
	return b.String()
}

func TestChildrenPaging(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, bigArray(2000))
	tests := []struct {
		name     string
		from, n  int
		wantLen  int
		wantHead string
	}{
		{"the first page starts at item 0", 0, 100, 100, `{"i":0}`},
		{"a page past a skip point lands exactly", 700, 10, 10, `{"i":700}`},
		{"the last page is short", 1990, 100, 10, `{"i":1990}`},
		{"a page past the end is empty", 2000, 10, 0, ""},
		{"a negative start counts from zero", -5, 1, 1, `{"i":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tr.Children(0, tt.from, tt.n)
			if len(got) != tt.wantLen {
				t.Fatalf("len = %d, want %d", len(got), tt.wantLen)
			}
			if len(got) > 0 && string(tr.Literal(got[0])) != tt.wantHead {
				t.Errorf("first = %s, want %s", tr.Literal(got[0]), tt.wantHead)
			}
			for i, c := range got {
				if ord := tr.Index(c); ord != max(tt.from, 0)+i {
					t.Fatalf("Index(child %d) = %d, want %d", i, ord, max(tt.from, 0)+i)
				}
			}
		})
	}
}

// naiveRows lists visible rows by walking the whole tree, as a reference.
func naiveRows(v *View) []Row {
	t := v.t
	var out []Row
	var walk func(id NodeID, depth int)
	walk = func(id NodeID, depth int) {
		open := v.IsExpanded(id)
		out = append(out, Row{ID: id, Depth: depth, Expanded: open})
		if !open {
			return
		}
		sh := v.shown(id)
		for _, c := range t.Children(id, 0, sh) {
			walk(c, depth+1)
		}
		if t.Len(id) > sh {
			out = append(out, Row{ID: id, Depth: depth + 1, More: t.Len(id) - sh})
		}
	}
	walk(t.Root(), 0)
	return out
}

func checkRows(t *testing.T, v *View, what string) {
	t.Helper()
	want := naiveRows(v)
	if v.Total() != len(want) {
		t.Fatalf("after %s: Total = %d, want %d", what, v.Total(), len(want))
	}
	got := v.Rows(0, len(want)+5)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after %s: Rows =\n%v\nwant\n%v", what, got, want)
	}
	for _, from := range []int{1, len(want) / 3, len(want) - 2} {
		if from < 0 || from >= len(want) {
			continue
		}
		w := want[from:min(from+4, len(want))]
		if g := v.Rows(from, 4); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("after %s: Rows(%d, 4) = %v, want %v", what, from, g, w)
		}
	}
	for i, r := range want {
		if r.More > 0 {
			continue
		}
		if row, ok := v.RowOf(r.ID); !ok || row != i {
			t.Fatalf("after %s: RowOf(%d) = %d, %v, want %d", what, r.ID, row, ok, i)
		}
	}
}

func nestedDoc(r *rand.Rand, depth int) string {
	if depth == 0 || depth < 4 && r.IntN(4) == 0 {
		return fmt.Sprint(r.IntN(100))
	}
	n := r.IntN(9)
	parts := make([]string, n)
	obj := r.IntN(2) == 0
	for i := range parts {
		parts[i] = nestedDoc(r, depth-1)
		if obj {
			parts[i] = fmt.Sprintf(`"k%d": %s`, i, parts[i])
		}
	}
	if obj {
		return "{" + strings.Join(parts, ",") + "}"
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestViewMatchesANaiveWalk(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		tr := mustIndex(t, "["+nestedDoc(r, 5)+","+nestedDoc(r, 5)+"]")
		v := NewView(tr, 3)
		checkRows(t, v, "NewView")
		for op := range 60 {
			id := NodeID(r.IntN(tr.Size()))
			var what string
			switch r.IntN(8) {
			case 0, 1, 2:
				v.Expand(id)
				what = "Expand"
			case 3:
				v.Collapse(id)
				what = "Collapse"
			case 4:
				v.ShowMore(id)
				what = "ShowMore"
			case 5:
				row, ok := v.Reveal(id)
				if !ok {
					t.Fatalf("Reveal(%d) did not reveal", id)
				}
				if rows := v.Rows(row, 1); len(rows) != 1 || rows[0].ID != id {
					t.Fatalf("Reveal(%d) = row %d holding %v", id, row, rows)
				}
				what = "Reveal"
			case 6:
				v.ExpandLevel(r.IntN(4), 10+r.IntN(200))
				what = "ExpandLevel"
			case 7:
				if r.IntN(4) == 0 {
					v.CollapseAll()
					what = "CollapseAll"
				} else {
					v.Toggle(id)
					what = "Toggle"
				}
			}
			checkRows(t, v, fmt.Sprintf("round %d op %d %s(%d)", round, op, what, id))
		}
	}
}

func TestViewPagesLongArrays(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, bigArray(1_000_000))
	v := NewView(tr, 0)
	if got, want := v.Total(), 1+DefaultPage+1; got != want {
		t.Fatalf("Total = %d, want %d", got, want)
	}
	last := v.Rows(v.Total()-1, 5)
	if len(last) != 1 || last[0].More != 1_000_000-DefaultPage {
		t.Fatalf("last row = %v, want a show-more row for %d items", last, 1_000_000-DefaultPage)
	}
	v.ShowMore(0)
	if got, want := v.Total(), 1+2*DefaultPage+1; got != want {
		t.Errorf("after ShowMore Total = %d, want %d", got, want)
	}
	target := tr.Child(0, 765_432)
	row, ok := v.Reveal(target + 1)
	if !ok {
		t.Fatal("Reveal failed")
	}
	if got := v.Rows(row, 1)[0]; got.ID != target+1 || got.Depth != 2 {
		t.Errorf("row %d = %+v, want node %d at depth 2", row, got, target+1)
	}
	if complete := v.ExpandAll(10_000); complete {
		t.Error("ExpandAll of a million objects reported complete under a 10 000 row cap")
	}
	if v.Total() > 10_000 {
		t.Errorf("Total = %d after a capped ExpandAll, want at most 10 000", v.Total())
	}
}

func TestSearchNextAndPrevious(t *testing.T) {
	t.Parallel()
	tr := mustIndex(t, `{"Name": "ada", "list": ["x", "NAMED", 12345, "caf\u00e9"], "z": {"name": null}}`)
	keyName := find(t, tr, "Name")
	named := find(t, tr, "list", 1)
	inner := find(t, tr, "z", "name")
	tests := []struct {
		name    string
		query   string
		from    NodeID
		forward bool
		want    NodeID
		found   bool
	}{
		{"a key matches ignoring case", "name", None, true, keyName, true},
		{"next skips to a value", "name", keyName, true, named, true},
		{"next again finds a nested key", "name", named, true, inner, true},
		{"next wraps around", "name", inner, true, keyName, true},
		{"previous goes back", "name", inner, false, named, true},
		{"previous wraps to the end", "name", keyName, false, inner, true},
		{"numbers match on their digits", "234", None, true, find(t, tr, "list", 2), true},
		{"escaped text matches unescaped", "CAFÉ", None, true, find(t, tr, "list", 3), true},
		{"nothing found is reported", "nope", None, true, None, false},
		{"an empty query finds nothing", "", None, true, None, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tr.Search(tt.query, tt.from, tt.forward)
			if got != tt.want || ok != tt.found {
				t.Errorf("Search(%q, %d, %v) = %d (%s), %v; want %d, %v", tt.query, tt.from, tt.forward, got, tr.Path(got), ok, tt.want, tt.found)
			}
		})
	}
	t.Run("a searcher works in bounded steps", func(t *testing.T) {
		s := tr.NewSearcher("nope", None, true)
		steps := 0
		for !s.Step(2) {
			steps++
		}
		if steps < tr.Size()/2-1 {
			t.Errorf("finished in %d steps of 2 over %d nodes", steps, tr.Size())
		}
		if _, ok := s.Result(); ok {
			t.Error("found a hit for nope")
		}
	})
}

func TestIsLinkable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"https://example.com/a?b=1#c", true},
		{"HTTP://EXAMPLE.COM", true},
		{"http://127.0.0.1:8080/", true},
		{"javascript:alert(1)", false},
		{"JavaScript://example.com/%0aalert(1)", false},
		{"data:text/html,<script>", false},
		{"//example.com/x", false},
		{"/relative", false},
		{"https://", false},
		{"http:example.com", false},
		{"https://exa mple.com", false},
		{"mailto:a@b.c", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q is %v", tt.in, tt.want), func(t *testing.T) {
			if got := IsLinkable(tt.in); got != tt.want {
				t.Errorf("IsLinkable(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStepWithNoBudgetLimit(t *testing.T) {
	t.Parallel()
	doc := []byte(`[{"a":1},{"b":[2,3]}]`)
	for name, parts := range map[string][]Part{"scanned": nil, "grafted": {{Offset: 1, Tree: mustIndex(t, `{"a":1}`)}}} {
		ix := NewIndexerWith(doc, parts)
		steps := 0
		for !ix.Step(math.MaxInt) {
			if steps++; steps > 100 {
				t.Fatalf("%s: Step(math.MaxInt) made no progress", name)
			}
		}
		if tree, err := ix.Tree(); err != nil || tree.Size() != 7 {
			t.Fatalf("%s: got %v nodes (%v), want 7", name, tree.Size(), err)
		}
	}
}
