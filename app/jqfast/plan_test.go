package jqfast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"fanin/app/jsontree"

	"github.com/itchyny/gojq"
)

// format prints one output as app/jqfilter does: gojq.Marshal, indented.
func format(out *bytes.Buffer, v any) {
	if e, ok := v.(*Encoded); ok {
		out.Write(*e)
		out.WriteByte('\n')
		return
	}
	raw, _ := gojq.Marshal(v)
	_ = json.Indent(out, raw, "", "  ")
	out.WriteByte('\n')
}

// viaGojq is the reference: encoding/json with UseNumber, then gojq.
func viaGojq(t *testing.T, expr string, doc []byte) (string, error) {
	t.Helper()
	q, err := gojq.Parse(expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	v, err := stdDecode(doc)
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	var out bytes.Buffer
	iter := code.Run(v)
	for {
		v, ok := iter.Next()
		if !ok {
			return out.String(), nil
		}
		if err, ok := v.(error); ok {
			return out.String(), err
		}
		format(&out, v)
	}
}

// viaPlan runs expr's plan over doc's index and over its bytes; fast is
// false when there is no plan or it fell back. Both ways must agree.
func viaPlan(t *testing.T, expr string, doc []byte) (out string, fast bool, err error) {
	t.Helper()
	p := Compile(expr)
	if p == nil {
		return "", false, nil
	}
	tree, err := jsontree.Index(doc)
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	var b, raw bytes.Buffer
	err = p.Run(context.Background(), tree, func(v any) error { format(&b, v); return nil }, nil)
	rerr := p.RunBytes(context.Background(), doc, func(v any) error { format(&raw, v); return nil }, nil)
	if errors.Is(err, ErrFallback) != errors.Is(rerr, ErrFallback) || !errors.Is(err, ErrFallback) && b.String() != raw.String() {
		t.Errorf("%s on %s: from the index %q (%v), from the bytes %q (%v)", expr, doc, b.String(), err, raw.String(), rerr)
	}
	if errors.Is(err, ErrFallback) {
		return "", false, nil
	}
	return b.String(), true, err
}

// check says whether the plan printed what gojq prints, or fell back.
func check(t *testing.T, expr string, doc []byte) (fast bool) {
	t.Helper()
	got, fast, err := viaPlan(t, expr, doc)
	if err != nil {
		t.Fatalf("%s on %s: %v", expr, doc, err)
	}
	if !fast {
		return false
	}
	want, werr := viaGojq(t, expr, doc)
	if werr != nil {
		t.Errorf("%s on %s: the plan printed %q where gojq fails: %v", expr, doc, got, werr)
	} else if got != want {
		t.Errorf("%s on %s:\n got %q\nwant %q", expr, doc, got, want)
	}
	return true
}

var planDocs = []string{
	`null`, `true`, `1`, `-2.50`, `"héllo\u00e9"`, `[]`, `{}`,
	`[{"id":1,"name":"a","tags":["x","y"]},{"id":12345678901234567890123,"name":"b\n","tags":[]},{"id":1E400,"name":null}]`,
	`{"a":{"b":{"c":[1,2,3]}},"b":[{"k":"v"},{"k":"w"}],"a b":1,"":2,"é":3}`,
	`{"z":1,"a":2,"m":{"y":[1,{"q":true,"p":false}],"x":"0.10"},"a":3}`,
	`[[1,2],[3,[4,5]],[],[{"id":"x"}]]`,
	`[{"k":"x","v":1},{"k":"y","v":2},{"k":"x","v":3.0},{"k":1,"v":4},{"v":5},{"k":null},{"k":true},{"k":[1]}]`,
	`[{"n":1},{"n":1.0},{"n":10e-1},{"n":"1"},{"n":2},{"n":-0},{"n":0}]`,
	`{"k\u0041":1,"kA":2,"esc\"q":3}`,
	`[{"id":1},[1,2],"s",null,3]`,
}

var planFilters = []string{
	`.`, `.a`, `.a.b`, `.a.b.c`, `.a.b.c[1]`, `.[]`, `.[0]`, `.[-1]`, `.[5]`, `.[1]`, `.[] | .id`, `.[].id`,
	`.[] | .[]`, `.[] | .[] | .id`, `keys`, `length`, `.[] | length`, `.[] | keys`, `.a | keys`, `.b[] | .k`,
	`."a b"`, `.["a b"]`, `.[""]`, `."é"`, `.kA`, `."esc\"q"`, `.z, .a`, `(.a, .b) | length`, `.m.y[1]`,
	`.[] | select(.k == "x")`, `.[] | select(.k != "x")`, `.[] | select("x" == .k)`, `.[] | select(.k == null)`,
	`.[] | select(.k == 1)`, `.[] | select(.k == true)`, `.[] | select(.n == 1)`, `.[] | select(.n == 0)`,
	`.[] | select(.n == -0.0)`, `.[] | select(.n == 1e0)`, `.[] | select(.v == 3)`, `.[] | select(.k)`,
	`.[] | select(.id == 12345678901234567890123)`, `.[] | select(.tags[] == "x") | .name`,
	`.[] | select(.k == "x") | .v`, `[.[] | .id]`, `.[] | .id?`, `.[1:2]`, `.. | numbers`, `.[] | .id + 1`,
}

// TestPlanMatchesGojq runs every filter over every document both ways:
// where the plan answers, its bytes are gojq's; where gojq fails, the
// plan must have fallen back.
func TestPlanMatchesGojq(t *testing.T) {
	t.Parallel()
	for _, expr := range planFilters {
		for _, doc := range planDocs {
			check(t, expr, []byte(doc))
		}
	}
}

// TestPlanAnswersPaths: the filters the issue names are answered from the
// index on the documents they fit, not handed to gojq.
func TestPlanAnswersPaths(t *testing.T) {
	t.Parallel()
	records := `[{"id":1,"k":"x","a":{"b":2}},{"id":"two","k":"y","a":{"b":[3]}},{"id":null,"k":"x","a":null}]`
	for _, c := range []struct{ expr, doc string }{
		{`.[0].a.b`, records}, {`.[]`, records}, {`.[2]`, records}, {`.[] | .id`, records}, {`.[0] | keys`, records},
		{`length`, records}, {`.[] | select(.k == "x")`, records}, {`.[] | select(.k == "x") | .id`, records},
		{`.[] | .[] | .id`, `[` + records + `,[]]`}, {`keys`, `{"b":1,"a":2}`}, {`.[] | length`, records},
	} {
		if !check(t, c.expr, []byte(c.doc)) {
			t.Errorf("%s on %s fell back to gojq", c.expr, c.doc)
		}
	}
	for _, expr := range []string{`.[] | .id + 1`, `.[1:2]`, `.a?`, `map(.id)`, `def f: .; f`, `.[] as $x | $x`, `"\(.a)"`} {
		if Compile(expr) != nil {
			t.Errorf("%s: compiled to a plan; want gojq", expr)
		}
	}
}

// TestPlanRandom builds random documents and path filters and checks both
// ways agree.
func TestPlanRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 18))
	fast := 0
	for range 3000 {
		doc := randValue(rng, 3)
		if check(t, randFilter(rng, 3), []byte(doc)) {
			fast++
		}
	}
	if fast < 1000 {
		t.Errorf("only %d of 3000 random runs were answered from the index", fast)
	}
	t.Logf("%d of 3000 random runs answered from the index", fast)
}

var randKeys = []string{"a", "b", "id", "k", "a", `\u0061`, "é"}

func randValue(rng *rand.Rand, depth int) string {
	n := rng.IntN(10)
	if depth == 0 {
		n = rng.IntN(6)
	}
	switch n {
	case 0:
		return "null"
	case 1:
		return []string{"true", "false"}[rng.IntN(2)]
	case 2:
		return []string{"0", "-1", "1.0", "1e2", "12345678901234567890", "3"}[rng.IntN(6)]
	case 3, 4:
		return []string{`"x"`, `"a"`, `""`, `"\n\u00e9"`, `"1"`}[rng.IntN(5)]
	case 5, 6, 7:
		parts := make([]string, rng.IntN(4))
		for i := range parts {
			parts[i] = `"` + randKeys[rng.IntN(len(randKeys))] + `":` + randValue(rng, depth-1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	default:
		parts := make([]string, rng.IntN(4))
		for i := range parts {
			parts[i] = randValue(rng, depth-1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
}

func randFilter(rng *rand.Rand, depth int) string {
	n := rng.IntN(12)
	if depth == 0 {
		n = rng.IntN(6)
	}
	switch n {
	case 0:
		return "."
	case 1:
		return "." + []string{"a", "b", "id", "k"}[rng.IntN(4)]
	case 2:
		return ".[]"
	case 3:
		return ".[" + strconv.Itoa(rng.IntN(5)-2) + "]"
	case 4:
		return []string{"keys", "length"}[rng.IntN(2)]
	case 5:
		return `."é"`
	case 6, 7, 8:
		return randFilter(rng, depth-1) + " | " + randFilter(rng, depth-1)
	case 9:
		return "(" + randFilter(rng, depth-1) + ", " + randFilter(rng, depth-1) + ")"
	default:
		lit := []string{`"x"`, `"a"`, "null", "true", "1", "3", "1.0", "0"}[rng.IntN(8)]
		return "select(" + randFilter(rng, 0) + " == " + lit + ")"
	}
}
