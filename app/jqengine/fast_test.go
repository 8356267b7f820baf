package jqengine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fanin/app/jqfilter"
)

// gojqOnly runs expr the way every filter ran before app/jqfast: gojq over
// the decoded document.
func gojqOnly(t *testing.T, expr string, doc []byte, compact bool) (string, string) {
	t.Helper()
	f, err := jqfilter.Compile(expr)
	if err != nil {
		t.Fatal(err)
	}
	f.Compact = compact
	out, err := f.Run(context.Background(), doc)
	if err != nil {
		return string(out), err.Error()
	}
	return string(out), ""
}

func TestEngineChoosesTheIndexAndMatchesGojq(t *testing.T) {
	t.Parallel()
	doc := []byte(`[[{"id":1,"b":{"z":1,"a":[1,{"y":2,"x":3}]}},{"id":12345678901234567890123,"b":null}],[{"id":"x\u00e9","b":{"k":"v","k":"w"}}]]`)
	for _, c := range []struct {
		expr string
		fast bool
	}{
		{".[] | .[] | .id", true}, {".[0][0].b", true}, {".[] | .[] | .b", true}, {".[1] | length", true},
		{`.[] | .[] | select(.id == 1) | .b.a`, true}, {".[0] | keys", true}, {".[0][0] | .[]", true},
		{".[] | .[] | .id | tostring", false}, {"[.[] | length] | add", false},
		{".[] | .id", true}, // an error in jq: falls back and prints gojq's error
	} {
		for _, compact := range []bool{false, true} {
			r := NewEngine(doc, nil).Run(context.Background(), Job{Expr: c.expr, Compact: compact})
			out, errText := gojqOnly(t, c.expr, doc, compact)
			if string(r.Out) != out || r.Err != errText {
				t.Errorf("%s (compact %v): got %q, %q; gojq %q, %q", c.expr, compact, r.Out, r.Err, out, errText)
			}
			if wantFast := c.fast && errText == ""; r.Fast != wantFast {
				t.Errorf("%s: answered without decoding %v, want %v", c.expr, r.Fast, wantFast)
			}
		}
	}
}

func TestEngineEachUsesTheIndex(t *testing.T) {
	t.Parallel()
	values := [][]byte{[]byte(`{"id":1,"n":"a"}`), nil, []byte(`[1,2]`), []byte(`{"id":"x","id":"y"}`)}
	e := NewEngine(nil, values)
	r := e.Run(context.Background(), Job{Expr: ".id", Compact: true, Each: true})
	want := []string{"1\n", "", "", "\"y\"\n"}
	for i, v := range values {
		if v == nil {
			continue
		}
		out, errText := gojqOnly(t, ".id", v, true)
		if string(r.Outs[i]) != out || r.Errs[i] != errText {
			t.Errorf("value %d: got %q, %q; gojq %q, %q", i, r.Outs[i], r.Errs[i], out, errText)
		}
		if i != 2 && string(r.Outs[i]) != want[i] {
			t.Errorf("value %d: got %q, want %q", i, r.Outs[i], want[i])
		}
	}
	if !strings.Contains(r.Errs[2], "expected an object but got: array") || r.Fast {
		t.Errorf("the array's error %q (fast %v): want gojq's, and the run not all without decoding", r.Errs[2], r.Fast)
	}
	if r := e.Run(context.Background(), Job{Expr: ".[0]?, .n?", Compact: true, Each: true}); r.Fast || string(r.Outs[2]) != "1\n" {
		t.Errorf("a filter outside jqfast's subset: got %q, fast %v", r.Outs, r.Fast)
	}
	values[2] = []byte(`{"n":[1]}`)
	e = NewEngine(nil, values)
	if r := e.Run(context.Background(), Job{Expr: ".n", Compact: true, Each: true}); !r.Fast || string(r.Outs[0]) != "\"a\"\n" || string(r.Outs[3]) != "null\n" {
		t.Errorf(".n: got %q, fast %v", r.Outs, r.Fast)
	}
}

func TestEngineTellsProgress(t *testing.T) {
	t.Parallel()
	doc := []byte("[" + strings.Repeat(`{"id":1,"name":"0123456789012345678901234567890123456789"},`, 200_000) + "null]")
	for _, c := range []struct {
		expr   string
		stages []string
	}{
		{".[] | .id?", []string{"decoding", "running"}},
		{".[] | .id", []string{"running"}},
	} {
		var stages []string
		done := map[string][]float64{}
		r := NewEngine(doc, nil).Run(context.Background(), Job{Expr: c.expr, Compact: true, Progress: func(p Progress) {
			if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
				stages = append(stages, p.Stage)
			}
			done[p.Stage] = append(done[p.Stage], p.Done)
		}})
		if r.Err != "" {
			t.Fatal(r.Err)
		}
		if !slices.Equal(stages, c.stages) {
			t.Errorf("%s: stages %q, want %q", c.expr, stages, c.stages)
		}
		first := done[c.stages[0]]
		if len(first) < 3 || !slices.IsSorted(first) || first[0] < 0 || first[len(first)-1] != 1 {
			t.Errorf("%s: %s reported %v; want several rising shares ending at 1", c.expr, c.stages[0], first)
		}
	}
}
