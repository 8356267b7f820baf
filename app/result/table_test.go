package result_test

import (
	"testing"

	"fanin/app/combine"
	"fanin/app/result"
)

func TestTableIsMadeOnceFromTheResponses(t *testing.T) {
	t.Parallel()
	res, err := result.Build(sample(), nil, combine.Concat, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.TableProgress() != 0 {
		t.Fatal("the table was made before it was asked for")
	}
	steps := 0
	for !res.StepTable(2) {
		steps++
	}
	tb := res.Table()
	if steps == 0 || tb != res.Table() {
		t.Fatalf("the table was not made a step at a time once (%d steps)", steps)
	}
	// the failed URL gives no records; the object one, then the array's two
	// (concat's not-array problem is the document's, not the table's)
	if tb.Len() != 3 || tb.Text(0, 2) != "1E400" || tb.Text(2, 3) != "2" {
		t.Fatalf("%d records, %q %q", tb.Len(), tb.Text(0, 2), tb.Text(2, 3))
	}
	csv, err := res.CSV()
	if err != nil {
		t.Fatal(err)
	}
	want := "url,id,n,.\nhttps://a.test/1,1,1E400,\nhttps://a.test/3,,,1\nhttps://a.test/3,,,2\n"
	if string(csv) != want {
		t.Fatalf("CSV %q, want %q", csv, want)
	}
}
