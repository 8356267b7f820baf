package jqengine

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"runtime/debug"
	"strconv"
	"testing"

	"fanin/app/jqfast"
	"fanin/app/jqfilter"
	"fanin/internal/testserver"

	"github.com/itchyny/gojq"
)

// benchDoc is the bench's combined document (bench/view.go): two
// responses of /records, in array mode. FANIN_BENCH_MB sets its size
// (default 10; the bench's big case is 100).
func benchDoc(_ testing.TB) ([]byte, [][]byte) {
	mb := 10
	if s := os.Getenv("FANIN_BENCH_MB"); s != "" {
		mb, _ = strconv.Atoi(s)
	}
	part := testserver.Records(mb << 20 / 2)
	doc := append(append(append(append([]byte("["), part...), ','), part...), ']')
	return doc, [][]byte{part, part}
}

// decodeNumbers decodes doc as encoding/json does with UseNumber: the way
// before jqfast.Decode.
func decodeNumbers(b *testing.B, doc []byte) any {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		b.Fatal(err)
	}
	return v
}

// BenchmarkJQ times the filters of the bench's jq rows over the combined
// document, each from a fresh Engine (the first run on a result): the way
// before this package chose (encoding/json, then gojq), the path-only
// filter answered without decoding, and a filter gojq must run.
func BenchmarkJQ(b *testing.B) {
	doc, values := benchDoc(b)
	ctx := context.Background()
	b.Run("before: encoding/json decode + gojq, .[] | .[] | .id", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		f, _ := jqfilter.Compile(".[] | .[] | .id")
		q, _ := gojq.Parse(".[] | .[] | .id")
		code, _ := gojq.Compile(q)
		for b.Loop() {
			v := decodeNumbers(b, doc)
			if _, err := f.Collect(ctx, func(emit func(any) error) error {
				iter := code.Run(v)
				for {
					v, ok := iter.Next()
					if !ok {
						return nil
					}
					if err := emit(v); err != nil {
						return err
					}
				}
			}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, expr := range []string{".[] | .[] | .id", ".[1] | .[] | select(.tags[1] == \"b7\") | .name", "[.[] | .[] | .score] | add"} {
		b.Run("engine: "+expr, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if r := NewEngine(doc, values).Run(ctx, Job{Expr: expr, Compact: true}); r.Err != "" {
					b.Fatal(r.Err)
				}
			}
		})
	}
	b.Run("compare: .[0].name", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if r := NewEngine(doc, values).Run(ctx, Job{Expr: ".[0].name", Compact: true, Each: true}); !r.Fast {
				b.Fatal("not answered without decoding")
			}
		}
	})
}

// BenchmarkDecode times decoding the document for gojq: encoding/json with
// UseNumber (before) and jqfast.Decode.
func BenchmarkDecode(b *testing.B) {
	doc, _ := benchDoc(b)
	b.Run("encoding/json", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			decodeNumbers(b, doc)
		}
	})
	b.Run("jqfast, no collection while decoding", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			old := debug.SetGCPercent(-1)
			if _, err := jqfast.Decode(context.Background(), doc, nil); err != nil {
				b.Fatal(err)
			}
			debug.SetGCPercent(old)
		}
	})
	b.Run("jqfast", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, err := jqfast.Decode(context.Background(), doc, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFastParts splits the path filter's run into its parts.
func BenchmarkFastParts(b *testing.B) {
	doc, _ := benchDoc(b)
	ctx := context.Background()
	expr := ".[] | .[] | .id"
	plan := jqfast.Compile(expr)
	f, _ := jqfilter.Compile(expr)
	f.Compact = true
	b.Run("plan only", func(b *testing.B) {
		for b.Loop() {
			_ = plan.RunBytes(ctx, doc, func(any) error { return nil }, nil)
		}
	})
	b.Run("plan and output", func(b *testing.B) {
		for b.Loop() {
			_, _ = runPlan(ctx, f, plan, doc, nil)
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			_, _ = jqfilter.Compile(expr)
			_ = jqfast.Compile(expr)
		}
	})
}
