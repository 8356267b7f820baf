package jsonvalue_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"fanin/app/jsonvalue"
	"fanin/internal/conformance"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	t.Run("values come back byte for byte", func(t *testing.T) {
		for _, doc := range []string{
			`{"z":1,"a":2,"a":3}`,
			`[-0,1E400,12345678901234567890123,0.1000000000000000055511151231257827]`,
			`"tab\t \u00e9 \ud83d\ude00 <script>"`,
			`"héllo 世界"`, `null`, `true`, `0`,
		} {
			got, err := jsonvalue.Check([]byte(doc))
			if err != nil || string(got) != doc {
				t.Errorf("Check(%s) = %s, %v; want it unchanged", doc, got, err)
			}
		}
	})
	t.Run("a byte order mark and outer space are dropped", func(t *testing.T) {
		got, err := jsonvalue.Check([]byte("\uFEFF \n {\"a\":1}\n\n"))
		if err != nil || string(got) != `{"a":1}` {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("zero bytes are ErrEmpty", func(t *testing.T) {
		if _, err := jsonvalue.Check(nil); !errors.Is(err, jsonvalue.ErrEmpty) {
			t.Errorf("got %v, want ErrEmpty", err)
		}
	})
	t.Run("bytes without a value are a syntax error at their end", func(t *testing.T) {
		for _, body := range []string{"  \n", "\uFEFF"} {
			_, err := jsonvalue.Check([]byte(body))
			var se *jsonvalue.SyntaxError
			if !errors.As(err, &se) || se.Offset != int64(len(body)) {
				t.Errorf("Check(%q) = %v, want a syntax error at byte %d", body, err, len(body))
			}
		}
	})
	t.Run("invalid UTF-8 is not JSON, and its position is named", func(t *testing.T) {
		_, err := jsonvalue.Check([]byte("[\"ok\", \"caf\xe9\"]"))
		var se *jsonvalue.SyntaxError
		if !errors.As(err, &se) || se.Offset != 11 || !strings.Contains(err.Error(), "UTF-8") {
			t.Fatalf("got %v, want invalid UTF-8 at byte 11", err)
		}
	})
	t.Run("errors name the line, column and text around them", func(t *testing.T) {
		_, err := jsonvalue.Check([]byte("{\n  \"a\": 1,\n  \"b\": tru\n}"))
		var se *jsonvalue.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("got %v, want a *SyntaxError", err)
		}
		if se.Line != 3 || se.Column != 11 || !strings.Contains(se.Snippet, "tru") {
			t.Fatalf("got line %d column %d snippet %s; want line 3 column 11 near tru (%v)", se.Line, se.Column, se.Snippet, err)
		}
	})
	t.Run("HTML says where it stops being JSON", func(t *testing.T) {
		_, err := jsonvalue.Check([]byte("<!doctype html><html></html>"))
		if err == nil || !strings.Contains(err.Error(), "line 1, column 1") || !strings.Contains(err.Error(), "<!doctype") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("NDJSON is rejected and named", func(t *testing.T) {
		_, err := jsonvalue.Check([]byte("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"))
		var se *jsonvalue.SyntaxError
		if !errors.As(err, &se) || se.NDJSON != 3 || !strings.Contains(err.Error(), "NDJSON") {
			t.Fatalf("got %v, want an NDJSON error counting 3 values", err)
		}
	})
	t.Run("deep nesting is rejected without a crash", func(t *testing.T) {
		deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
		_, err := jsonvalue.Check([]byte(deep))
		if err == nil || !strings.Contains(err.Error(), "depth") {
			t.Fatalf("got %v, want a depth error", err)
		}
	})
	t.Run("a truncated document ends at its end", func(t *testing.T) {
		_, err := jsonvalue.Check([]byte(`{"a":[1,2`))
		var se *jsonvalue.SyntaxError
		if !errors.As(err, &se) || se.Offset != 9 {
			t.Fatalf("got %v, want offset 9", err)
		}
	})
}

func TestIndent(t *testing.T) {
	t.Parallel()
	got, err := jsonvalue.AppendIndent([]byte("> "), []byte(`{"a":[1E400,-0],"b":"\u00e9"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "> {\n  \"a\": [\n    1E400,\n    -0\n  ],\n  \"b\": \"\\u00e9\"\n}\n"
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func ExampleCheck() {
	_, err := jsonvalue.Check([]byte(`{"ok": true,}`))
	fmt.Println(err)
	// Output:
	// invalid character '}' looking for beginning of object key string at line 1, column 13 (byte 12): "{\"ok\": true,}"
}

func FuzzCheck(f *testing.F) {
	for _, seed := range []string{`{"a":[1,2,{"b":null}]}`, "\uFEFF[1E400]", "{\"n\":1}\n{\"n\":2}", `"\ud800"`, "[[[[", "<html>", ""} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := jsonvalue.Check(body)
		if err != nil {
			if v != nil {
				t.Fatalf("value %q returned with error %v", v, err)
			}
			return
		}
		if !bytes.Contains(body, v) {
			t.Fatalf("value %q is not a slice of the body", v)
		}
		if !json.Valid(v) || !utf8.Valid(v) {
			t.Fatalf("accepted %q, which encoding/json or utf8 rejects", v)
		}
		b, err := jsonvalue.AppendIndent(nil, v)
		if err != nil {
			t.Fatalf("valid value %q does not indent: %v", v, err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, v, "", "  "); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if !bytes.Equal(b, want.Bytes()) {
			t.Fatalf("AppendIndent(%q) = %q, encoding/json writes %q", v, b, want.Bytes())
		}
	})
}

// FuzzSteps checks that checking and indenting a few bytes at a time give
// what one call gives.
func FuzzSteps(f *testing.F) {
	for _, seed := range []string{`{"a":[1,2,{"b":"x\\\"y"}]}`, "\uFEFF [1E400, \"\u00e9\"] ", "{\"n\":1}\n{\"n\":2}", "[\"caf\xc3\xa9\", \"\xff\"]", "[[]]", ""} {
		f.Add([]byte(seed), uint8(3))
	}
	f.Fuzz(func(t *testing.T, body []byte, budget uint8) {
		want, wantErr := jsonvalue.Check(body)
		for _, c := range []*jsonvalue.Checker{jsonvalue.NewChecker(body), jsonvalue.NewIndexingChecker(body)} {
			for !c.Step(int(budget)) {
			}
			got, err := c.Value()
			if !bytes.Equal(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("stepwise check of %q = %q, %v; in one go %q, %v", body, got, err, want, wantErr)
			}
			if tr := c.Tree(); tr != nil && (err != nil || !bytes.Equal(tr.Literal(tr.Root()), want)) {
				t.Fatalf("%q: the tree's root is %q, want %q (error %v)", body, tr.Literal(tr.Root()), want, err)
			}
		}
		if wantErr != nil {
			return
		}
		whole, err := jsonvalue.AppendIndent(nil, want)
		if err != nil {
			t.Fatal(err)
		}
		in := jsonvalue.NewIndenter(want, nil)
		for !in.Step(int(budget)) {
		}
		out, err := in.Result()
		if err != nil || !bytes.Equal(out, whole) {
			t.Fatalf("stepwise indent of %q = %q, %v; in one go %q", want, out, err, whole)
		}
	})
}

func TestStepsMatchOneGo(t *testing.T) {
	t.Parallel()
	cases, err := conformance.Cases(".")
	if err != nil || len(cases) < 300 {
		t.Fatalf("found %d JSONTestSuite files (%v), want all", len(cases), err)
	}
	for _, suite := range cases {
		body, name := suite.Body, suite.Name
		want, wantErr := jsonvalue.Check(body)
		for _, budget := range []int{1, 5, 64} {
			c := jsonvalue.NewChecker(body)
			if budget == 5 {
				c = jsonvalue.NewIndexingChecker(body)
			}
			steps := 1
			for ; !c.Step(budget); steps++ {
			}
			got, err := c.Value()
			if !bytes.Equal(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%s, %d bytes a step: %q, %v; in one go %q, %v", name, budget, got, err, want, wantErr)
			}
			if budget == 1 && wantErr == nil && len(want) > 16 && steps < 4 {
				t.Fatalf("%s: %d steps of one byte, want many", name, steps)
			}
		}
		switch {
		case strings.HasPrefix(name, "y_") && wantErr != nil:
			t.Errorf("%s: %v, want accepted", name, wantErr)
		case strings.HasPrefix(name, "n_") && wantErr == nil:
			t.Errorf("%s: accepted, want rejected", name)
		}
	}
}

// BenchmarkCheck is the validate half of validate-and-splice: how fast a
// response body is accepted without being decoded.
func BenchmarkCheck(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString("[")
	for i := range 20000 {
		if i > 0 {
			doc.WriteString(",")
		}
		fmt.Fprintf(&doc, `{"id":%d,"name":"item %d","price":12.50,"tags":["a","b"],"ok":true}`, i, i)
	}
	doc.WriteString("]")
	b.SetBytes(int64(doc.Len()))
	for b.Loop() {
		if _, err := jsonvalue.Check(doc.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndent compares the indenter with encoding/json's Indent, which
// it replaces, on the same compact records.
func BenchmarkIndent(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString("[")
	for i := range 100000 {
		if i > 0 {
			doc.WriteString(",")
		}
		fmt.Fprintf(&doc, `{"id":%d,"name":"item %d \"q\"","price":12.50,"tags":["a","b"],"ok":true,"none":[]}`, i, i)
	}
	doc.WriteString("]")
	var out bytes.Buffer
	b.Run("jsonvalue", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		var buf []byte
		for b.Loop() {
			var err error
			if buf, err = jsonvalue.AppendIndent(buf[:0], doc.Bytes()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		for b.Loop() {
			out.Reset()
			if err := json.Indent(&out, doc.Bytes(), "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestStreamIndenter(t *testing.T) {
	t.Parallel()
	docs := []string{`[]`, `{"a":[1,2,{"b":null}],"c":"x\"y","d":{}}`, `[` + strings.Repeat(`{"id":1,"tags":["a","b"]},`, 20000) + `1E400]`}
	for _, doc := range docs {
		want, err := jsonvalue.AppendIndent(nil, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		in := jsonvalue.NewStreamIndenter([]byte(doc))
		var got []byte
		pieces := 0
		for !in.Step(4 << 10) {
			got = append(got, in.Take()...)
			pieces++
		}
		got = append(got, in.Take()...)
		if in.Err() != nil || string(got) != string(want) {
			t.Fatalf("pieces (%d) give %d bytes (%v), want %d", pieces, len(got), in.Err(), len(want))
		}
		if len(doc) > 100000 && pieces < 10 {
			t.Fatalf("a %d-byte document came in %d pieces", len(doc), pieces)
		}
	}
}
