package jsontree

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// genDoc builds a combined-result-like document of about size bytes: an
// array of records, pretty-printed the way combine writes it.
func genDoc(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("[\n")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  {
    "id": %d,
    "name": "user %d \u00e9",
    "score": %d.%03d,
    "active": %v,
    "tags": ["alpha", "beta", null],
    "url": "https://example.com/users/%d"
  }`, i, i, i%1000, i%997, i%2 == 0, i)
	}
	b.WriteString("\n]")
	return []byte(b.String())
}

var sizes = []struct {
	name string
	n    int
}{{"1MB", 1 << 20}, {"10MB", 10 << 20}, {"100MB", 100 << 20}}

func BenchmarkIndex(b *testing.B) {
	for _, s := range sizes {
		doc := genDoc(s.n)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			var tr *Tree
			for b.Loop() {
				var err error
				if tr, err = Index(doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(tr.Size()), "nodes")
			b.ReportMetric(float64(tr.MemoryBytes())/float64(len(doc)), "indexB/docB")
			runtime.KeepAlive(tr)
		})
	}
}

func BenchmarkViewRows(b *testing.B) {
	tr, _ := Index(genDoc(10 << 20))
	v := NewView(tr, 0)
	v.ExpandAll(100_000)
	b.Run("60 rows from the middle of 100k", func(b *testing.B) {
		for b.Loop() {
			_ = v.Rows(v.Total()/2, 60)
		}
	})
	b.Run("expand and collapse one", func(b *testing.B) {
		id := tr.Child(tr.Root(), 300)
		for b.Loop() {
			v.Collapse(id)
			v.Expand(id)
		}
	})
	small, _ := Index(genDoc(1 << 20))
	b.Run("expand all of 1MB", func(b *testing.B) {
		for b.Loop() {
			w := NewView(small, 1<<30)
			w.ExpandAll(1 << 30)
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	doc := genDoc(10 << 20)
	tr, _ := Index(doc)
	b.Run("no hit in 10MB", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, ok := tr.Search("zzz-not-there", None, true); ok {
				b.Fatal("found")
			}
		}
	})
	b.Run("non-ASCII query, no hit in 10MB", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			tr.Search("ÉZZ", None, true)
		}
	})
}
