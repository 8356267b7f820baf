package jsonscan

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// records is an array of API-like records of about size bytes, compact or
// pretty-printed.
func records(size int, pretty bool) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"user %d \u00e9","score":%d.%03d,"active":%v,"tags":["alpha","beta",null],"url":"https://example.com/users/%d"}`, i, i, i%1000, i%997, i%2 == 0, i)
	}
	b.WriteString("]")
	if !pretty {
		return []byte(b.String())
	}
	var out strings.Builder
	out.Grow(2 * b.Len())
	for _, line := range strings.SplitAfter(b.String(), ",") {
		out.WriteString(line)
		out.WriteString("\n    ")
	}
	return []byte(out.String())
}

// BenchmarkValidate compares the scanner with encoding/json's Valid, the
// check it replaces, on 10 MB.
func BenchmarkValidate(b *testing.B) {
	for _, pretty := range []bool{false, true} {
		doc := records(10<<20, pretty)
		name := map[bool]string{false: "compact", true: "spaced"}[pretty]
		b.Run("jsonscan/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				s := New(doc)
				s.Skip(math.MaxInt)
				if s.Err() != nil {
					b.Fatal(s.Err())
				}
			}
		})
		b.Run("encoding-json/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if !json.Valid(doc) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
