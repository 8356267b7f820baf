package jqfilter

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func genRecords(size int) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"user %d","score":%d.5,"tags":["a","b"],"big":12345678901234567890%03d}`, i, i, i%100, i%1000)
	}
	b.WriteString("]")
	return []byte(b.String())
}

func BenchmarkIDs(b *testing.B) {
	f, err := Compile(".[] | .id")
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range []struct {
		name string
		n    int
	}{{"1MB", 1 << 20}, {"10MB", 10 << 20}} {
		doc := genRecords(s.n)
		b.Run(s.name+" decode and run", func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := f.Run(context.Background(), doc); err != nil {
					b.Fatal(err)
				}
			}
		})
		in, _ := Decode(doc)
		b.Run(s.name+" run on a decoded input", func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := f.RunInput(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
