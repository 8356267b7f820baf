package jqengine

import (
	"context"
	"strings"
	"testing"
)

func TestEngine(t *testing.T) {
	t.Parallel()
	doc := []byte(`[{"id": 12345678901234567890123}, null, {"id": "x"}]`)
	values := [][]byte{[]byte(`{"id": 12345678901234567890123}`), nil, []byte(`{"id": "x"}`)}
	e := NewEngine(doc, values)
	t.Run("a plain run filters the whole document, numbers kept", func(t *testing.T) {
		r := e.Run(context.Background(), Job{Expr: ".[] | .id?", Compact: true})
		if string(r.Out) != "12345678901234567890123\nnull\n\"x\"\n" || r.Err != "" {
			t.Fatalf("got %q, %q", r.Out, r.Err)
		}
		if e.input == nil {
			t.Fatal("the decoded document was not kept for the next run")
		}
	})
	t.Run("each runs against every response on its own", func(t *testing.T) {
		r := e.Run(context.Background(), Job{Expr: ".id | ascii_downcase", Compact: true, Each: true})
		if len(r.Outs) != 3 || string(r.Outs[2]) != "\"x\"\n" || r.Outs[1] != nil || r.Errs[1] != "" || !strings.Contains(r.Errs[0], "ascii_downcase") {
			t.Fatalf("got outs %q, errs %q", r.Outs, r.Errs)
		}
	})
	t.Run("errors come back as text, with the output so far", func(t *testing.T) {
		if r := e.Run(context.Background(), Job{Expr: ".[] |"}); !strings.Contains(r.Err, "line 1") {
			t.Fatalf("syntax error: got %q", r.Err)
		}
		r := e.Run(context.Background(), Job{Expr: ".[] | .id | error", Compact: true})
		if r.Err == "" || len(r.Out) != 0 {
			t.Fatalf("got %q, %q", r.Out, r.Err)
		}
	})
	t.Run("a filter built to exhaust the stack is refused with the limit, in both runners", func(t *testing.T) {
		expr := strings.Repeat(".a|", 100_000) + ".a"
		if r := e.Run(context.Background(), Job{Expr: expr}); !strings.Contains(r.Err, "at most") {
			t.Fatalf("engine: got %q", r.Err)
		}
		r, err := NewLocal(doc, values).Run(context.Background(), Job{Expr: strings.Repeat("[", 5000) + strings.Repeat("]", 5000)})
		if err != nil || !strings.Contains(r.Err, "nests 5000 levels") {
			t.Fatalf("client: got %q, %v", r.Err, err)
		}
	})
	t.Run("a cancelled run stops", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r, err := NewLocal(doc, values).Run(ctx, Job{Expr: "[range(1e12)] | length"})
		if err == nil || r.Err == "" {
			t.Fatalf("got %q, %v; want the run stopped", r.Err, err)
		}
	})
}
