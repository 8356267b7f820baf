package table

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var sample = []Source{
	{URL: "http://a/", Data: []byte(`[{"id":1,"name":"x","meta":{"k":"v","n":{"deep":true}}},{"id":2.50,"tags":[1, 2],"name":null}]`)},
	{URL: "http://failed/"},
	{URL: "http://b/", Data: []byte(`{"id":"3","extra":{},"name":"a \"q\", b\nline","id":"4"}`)},
	{URL: "http://c/", Data: []byte(`[7, [1,[2]], {"url":"inner"}]`)},
	{URL: "http://d/", Data: []byte(`"just a string"`)},
}

func cells(t *Table) [][]string {
	var out [][]string
	for row := range t.Len() {
		var r []string
		for col := range t.Columns() {
			r = append(r, t.Text(row, col))
		}
		out = append(out, r)
	}
	return out
}

func TestRecordsAndColumns(t *testing.T) {
	tb := Build(sample)
	wantCols := []string{"url", "id", "name", "meta.k", "meta.n.deep", "tags", "extra", ".", "url"}
	if !reflect.DeepEqual(tb.Columns(), wantCols) {
		t.Fatalf("columns %q, want %q", tb.Columns(), wantCols)
	}
	want := [][]string{
		{"http://a/", "1", "x", "v", "true", "", "", "", ""},
		{"http://a/", "2.50", "", "", "", "[1,2]", "", "", ""},
		{"http://b/", "4", "a \"q\", b\nline", "", "", "", "{}", "", ""},
		{"http://c/", "", "", "", "", "", "", "7", ""},
		{"http://c/", "", "", "", "", "", "", "[1,[2]]", ""},
		{"http://c/", "", "", "", "", "", "", "", "inner"},
		{"http://d/", "", "", "", "", "", "", "just a string", ""},
	}
	if got := cells(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("cells\n%q\nwant\n%q", got, want)
	}
	if tb.Kind(1, 2) != Null || tb.Kind(0, 1) != Number || tb.Kind(2, 6) != Object || tb.Kind(0, 5) != Missing {
		t.Fatalf("kinds: %v %v %v %v", tb.Kind(1, 2), tb.Kind(0, 1), tb.Kind(2, 6), tb.Kind(0, 5))
	}
	if string(tb.Literal(1, 1)) != "2.50" || string(tb.Literal(1, 5)) != "[1, 2]" {
		t.Fatalf("literals %q %q", tb.Literal(1, 1), tb.Literal(1, 5))
	}
}

func TestStepwiseEqualsOneGo(t *testing.T) {
	whole := Build(sample)
	for _, budget := range []int{1, 2, 3, 7} {
		b := NewBuilder(sample)
		steps := 0
		for !b.Step(budget) {
			if p := b.Progress(); p < 0 || p > 1 {
				t.Fatalf("progress %v", p)
			}
			steps++
		}
		if steps < 2 || !reflect.DeepEqual(cells(b.Table()), cells(whole)) || !reflect.DeepEqual(b.Table().Columns(), whole.Columns()) {
			t.Fatalf("budget %d (%d steps): a different table", budget, steps)
		}
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, Build(sample)); err != nil {
		t.Fatal(err)
	}
	want := "url,id,name,meta.k,meta.n.deep,tags,extra,.,url\n" +
		"http://a/,1,x,v,true,,,,\n" +
		"http://a/,2.50,,,,\"[1,2]\",,,\n" +
		"http://b/,4,\"a \"\"q\"\", b\nline\",,,,{},,\n" +
		"http://c/,,,,,,,7,\n" +
		"http://c/,,,,,,,\"[1,[2]]\",\n" +
		"http://c/,,,,,,,,inner\n" +
		"http://d/,,,,,,,just a string,\n"
	if b.String() != want {
		t.Fatalf("CSV\n%s\nwant\n%s", b.String(), want)
	}
	// read back, every field is the cell's text
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[1:], cells(Build(sample))) {
		t.Fatalf("read back %q", recs)
	}
}

func TestCSVKeepsLineBreaksInValues(t *testing.T) {
	tb := Build([]Source{{URL: "u", Data: []byte(`{"s":"a\r\nb\rc\nd"," lead":" x"}`)}})
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	// the bytes of the value as they were (encoding/csv's reader would
	// drop the CR of a CRLF inside a quoted field, so compare the text)
	if want := "url,s,\" lead\"\nu,\"a\r\nb\rc\nd\",\" x\"\n"; b.String() != want {
		t.Fatalf("CSV %q, want %q", b.String(), want)
	}
}

func TestSchema(t *testing.T) {
	s := Build(sample).Schema()
	got := map[string]string{}
	for _, c := range s {
		got[c.Name] += fmt.Sprintf("%v r%d p%d;", c.Types, c.Records, c.Responses)
	}
	want := map[string]string{
		"url":         "[{string 7}] r7 p4;[{string 1}] r1 p1;",
		"id":          "[{string 1} {number 2}] r3 p2;",
		"name":        "[{string 2} {null 1}] r3 p2;",
		"tags":        "[{array 1}] r1 p1;",
		"extra":       "[{object 1}] r1 p1;",
		".":           "[{string 1} {number 1} {array 1}] r3 p2;",
		"meta.k":      "[{string 1}] r1 p1;",
		"meta.n.deep": "[{boolean 1}] r1 p1;",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("schema\n%v\nwant\n%v", got, want)
	}
}

func TestNumbersCompareExactly(t *testing.T) {
	lits := []string{"-1E400", "-12345678901234567890123", "-1", "-0.5", "-0", "0", "0.0e5",
		"0.1", "0.1000000000000000055511151231257827", "0.10000000000000001", "1", "1.0", "10e-1",
		"2", "9007199254740993", "9007199254740994", "1e22", "12345678901234567890123", "1E400", "1e9999999999999999999999"}
	ds := make([]decimal, len(lits))
	for i, l := range lits {
		ds[i] = parseDecimal([]byte(l))
	}
	equal := map[[2]string]bool{{"-0", "0"}: true, {"0", "0.0e5"}: true, {"-0", "0.0e5"}: true, {"1", "1.0"}: true, {"1", "10e-1"}: true, {"1.0", "10e-1"}: true}
	for i := range lits {
		for j := i + 1; j < len(lits); j++ {
			want := -1
			if equal[[2]string{lits[i], lits[j]}] {
				want = 0
			}
			if got := compareDecimal(ds[i], ds[j]); got != want {
				t.Errorf("compare(%s, %s) = %d, want %d", lits[i], lits[j], got, want)
			}
			if got := compareDecimal(ds[j], ds[i]); got != -want {
				t.Errorf("compare(%s, %s) = %d, want %d", lits[j], lits[i], got, -want)
			}
		}
	}
}

func TestSortAndFilter(t *testing.T) {
	src := []Source{{URL: "u", Data: []byte(`[{"n":10,"s":"é"},{"n":9.5,"s":"z"},{"s":"A"},{"n":"text","s":null},{"n":9007199254740993},{"n":9007199254740992},{"n":-3,"s":"Zed"}]`)}}
	tb := Build(src)
	col := func(name string) int { return slices_index(tb.Columns(), name) }
	text := func(rows []int32, c int) []string {
		var out []string
		for _, r := range rows {
			out = append(out, tb.Text(int(r), c))
		}
		return out
	}
	n, s := col("n"), col("s")
	if got := text(View(tb, Order{Col: n}, ""), n); !reflect.DeepEqual(got, []string{"-3", "9.5", "10", "9007199254740992", "9007199254740993", "text", ""}) {
		t.Fatalf("n ascending: %q", got)
	}
	if got := text(View(tb, Order{Col: n, Desc: true}, ""), n); !reflect.DeepEqual(got, []string{"text", "9007199254740993", "9007199254740992", "10", "9.5", "-3", ""}) {
		t.Fatalf("n descending: %q", got)
	}
	// code point order: "A" < "Z…" < "z" < "é"; null and missing last
	if got := text(View(tb, Order{Col: s}, ""), s); !reflect.DeepEqual(got[:5], []string{"A", "Zed", "z", "é", ""}) {
		t.Fatalf("s ascending: %q", got)
	}
	if got := View(tb, Unsorted, "ZE"); !reflect.DeepEqual(got, []int32{6}) {
		t.Fatalf("filter ZE: %v", got)
	}
	if got := View(tb, Order{Col: n, Desc: true}, "900719925474099"); !reflect.DeepEqual(got, []int32{4, 5}) {
		t.Fatalf("filtered and sorted: %v", got)
	}
	// stepwise equals one go
	v := NewViewer(tb, Order{Col: n}, "")
	for !v.Step(2) {
	}
	if !reflect.DeepEqual(v.Rows(), View(tb, Order{Col: n}, "")) {
		t.Fatal("stepwise view differs")
	}
}

func slices_index(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestManyRecords(t *testing.T) {
	var b strings.Builder
	b.WriteByte('[')
	for i := range 100_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"i":%d,"s":"r%d"}`, 100_000-i, i)
	}
	b.WriteByte(']')
	tb := Build([]Source{{URL: "u", Data: []byte(b.String())}})
	if tb.Len() != 100_000 {
		t.Fatalf("%d records", tb.Len())
	}
	rows := View(tb, Order{Col: 1}, "")
	if tb.Text(int(rows[0]), 1) != "1" || tb.Text(int(rows[99_999]), 1) != "100000" {
		t.Fatalf("sorted ends %s %s", tb.Text(int(rows[0]), 1), tb.Text(int(rows[99_999]), 1))
	}
}
