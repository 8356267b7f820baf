package jqfast

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"fanin/internal/conformance"
)

// stdDecode is what jqfilter decoded with before: encoding/json, UseNumber.
func stdDecode(doc []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

var decodeDocs = []string{
	`null`, `true`, `false`, `0`, `-0`, `1E400`, `12345678901234567890123`, `0.1000000000000000055511151231257827`,
	`""`, `"a"`, `"\u00e9\n\t\"\\\/"`, `"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, "\"caf\xc3\xa9\"",
	`[]`, `{}`, `[1,[2,[3,{}]]]`, `{"a":1,"a":2}`, `{"a":{"b":[true,false,null]},"c":"d"}`,
	` [ 1 , 2 ] `, `{"k\u0041":1,"kA":2}`, `[{"id":1,"x":"y"},{"id":2,"x":"z"}]`,
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, doc := range decodeDocs {
		checkDecode(t, []byte(doc))
	}
}

// TestDecodeJSONTestSuite decodes every accepted JSONTestSuite file.
func TestDecodeJSONTestSuite(t *testing.T) {
	t.Parallel()
	cases, err := conformance.Cases(".") // fails, never skips, when the suite is not beside the checkout
	if err != nil {
		t.Fatal(err)
	}
	accepted := 0
	for _, c := range cases {
		if strings.HasPrefix(c.Name, "y_") {
			checkDecode(t, c.Body)
			accepted++
		}
	}
	if accepted == 0 {
		t.Fatal("the suite holds no y_ files")
	}
}

func checkDecode(t *testing.T, doc []byte) {
	t.Helper()
	want, werr := stdDecode(doc)
	got, gerr := Decode(context.Background(), doc, nil)
	if (werr != nil) != (gerr != nil) {
		if werr == nil || !strings.Contains(werr.Error(), "after top-level value") && !bytes.Contains(doc, []byte{0xef, 0xbb, 0xbf}) {
			t.Errorf("%q: error %v, encoding/json %v", doc, gerr, werr)
		}
		return
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("%q: got %#v, want %#v", doc, got, want)
	}
}

func FuzzDecode(f *testing.F) {
	for _, d := range decodeDocs {
		f.Add([]byte(d))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if !json.Valid(doc) {
			return
		}
		checkDecode(t, doc)
	})
}

func TestDecodeProgressAndCancel(t *testing.T) {
	t.Parallel()
	doc := []byte("[" + strings.Repeat(`{"a":"0123456789"},`, 200_000) + "0]")
	var last float64
	calls := 0
	if _, err := Decode(context.Background(), doc, func(p float64) { last, calls = p, calls+1 }); err != nil {
		t.Fatal(err)
	}
	if calls < 3 || last != 1 {
		t.Fatalf("progress told %d times, last %v; want several, ending at 1", calls, last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Decode(ctx, doc, nil); err != context.Canceled {
		t.Fatalf("cancelled: got %v", err)
	}
}
