package jqfast

import (
	"context"
	"testing"

	"fanin/internal/testserver"
)

func BenchmarkRaw(b *testing.B) {
	part := testserver.Records(5 << 20)
	doc := append(append(append(append([]byte("["), part...), ','), part...), ']')
	src := newRawSource(doc)
	b.Run("skip the document", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if src.skip(0) != len(doc) {
				b.Fatal("short")
			}
		}
	})
	b.Run("walk the records", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			n := 0
			src.children(0, func(_ []byte, c int) bool {
				src.children(c, func(_ []byte, c int) bool { n++; return true })
				return true
			})
		}
	})
	for _, expr := range []string{".[] | .[] | .id", ".[] | .[] | .tags[1]"} {
		p := Compile(expr)
		b.Run(expr, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if err := p.RunBytes(context.Background(), doc, func(any) error { return nil }, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
