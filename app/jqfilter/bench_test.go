package jqfilter

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fanin/app/jsontree"
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

// BenchmarkDecode and BenchmarkDecodeTree decode the same 10 MB of
// records, in one call and piece by piece from the tree the page has
// already built (indexing is not counted).
func BenchmarkDecode(b *testing.B) {
	doc := genRecords(10 << 20)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTree(b *testing.B) {
	doc := genRecords(10 << 20)
	tr, err := jsontree.Index(doc)
	if err != nil {
		b.Fatal(err)
	}
	pauses := 0
	pause := func(context.Context) error { pauses++; return nil }
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := DecodeTree(context.Background(), tr, pause); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pauses)/float64(b.N), "pauses/op")
}
