package table

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"
)

// FuzzTable: any bytes (a checked body is always JSON, but never panic on
// input) make a table whose CSV reads back with one field per column in
// every record, and whose views and schema hold; a valid document gives
// as many records as it has elements (or one, for a non-array).
func FuzzTable(f *testing.F) {
	for _, s := range []string{`[{"a":1},{"b":{"c":[1,{"d":2}]}},3,[4],"x",null]`, `{"a":{},"a":{"b":1}}`, `[]`, `{}`, `"s"`,
		`[{"a.b":1,"a":{"b":2}}]`, `[{"k":"a\u0000b\r\n"}]`, `{"x":[1,2`, `[{"":1,"url":2}]`, `1E400`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb := Build([]Source{{URL: "u", Data: data}, {URL: "v", Data: data}})
		var b bytes.Buffer
		if err := WriteCSV(&b, tb); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&b)
		r.FieldsPerRecord = len(tb.Columns())
		recs, err := r.ReadAll()
		if err != nil || len(recs) != tb.Len()+1 {
			t.Fatalf("CSV read back: %v, %d records for %d", err, len(recs), tb.Len())
		}
		s := tb.Schema()
		if len(s) != len(tb.Columns()) || s[URLColumn].Records != tb.Len() {
			t.Fatalf("schema %+v", s)
		}
		for col := range tb.Columns() {
			if got := View(tb, Order{Col: col, Desc: col%2 == 1}, ""); len(got) != tb.Len() {
				t.Fatalf("view by %d has %d rows of %d", col, len(got), tb.Len())
			}
		}
		if !json.Valid(data) {
			return
		}
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		want := 1
		if a, ok := v.([]any); ok {
			want = len(a)
		}
		if tb.Len() != 2*want {
			t.Fatalf("%d records from two copies of %s, want %d", tb.Len(), data, 2*want)
		}
	})
}
