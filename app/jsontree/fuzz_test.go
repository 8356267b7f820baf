package jsontree

import (
	"testing"

	"fanin/app/jsonvalue"
)

func FuzzIndex(f *testing.F) {
	for _, s := range []string{sample, `{"a\"b":[1,2,{"":null}]}`, `"\ud83d\ude00"`, `[1E400,-0,0.5e-3]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := jsonvalue.Check(body)
		tr, ierr := Index(doc)
		if err == nil && ierr != nil {
			t.Fatalf("Check accepts %q but Index says %v", doc, ierr)
		}
		if ierr != nil {
			return
		}
		for i := range tr.Size() {
			id := NodeID(i)
			_ = tr.Literal(id)
			_ = tr.Path(id)
			_ = tr.Text(id)
			_ = tr.Key(id)
			if tr.IsMember(id) && tr.RawKey(id) == nil {
				t.Fatalf("member %d has no key in %q", i, doc)
			}
		}
		v := NewView(tr, 2)
		v.ExpandAll(1000)
		_ = v.Rows(0, 50)
		_, _ = tr.Search("a", None, true)
	})
}
