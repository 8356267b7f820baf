package jsonvalue_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fanin/app/jsonvalue"
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
	var b bytes.Buffer
	if err := jsonvalue.Indent(&b, []byte(`{"a":[1E400,-0],"b":"\u00e9"}`)); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"a\": [\n    1E400,\n    -0\n  ],\n  \"b\": \"\\u00e9\"\n}\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
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
		var b bytes.Buffer
		if err := jsonvalue.Indent(&b, v); err != nil {
			t.Fatalf("valid value %q does not indent: %v", v, err)
		}
	})
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
