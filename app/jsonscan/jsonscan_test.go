package jsonscan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fanin/internal/conformance"
)

// scanAll runs s to the end and returns the tokens and the error.
func scanAll(doc []byte) ([]Token, *SyntaxError) {
	s := New(doc)
	var toks []Token
	for {
		tok, ok := s.Next()
		if !ok {
			return toks, s.SyntaxErr()
		}
		toks = append(toks, tok)
	}
}

// stdError is encoding/json's verdict on doc: nil, or its message and the
// offending byte's offset.
func stdError(doc []byte) (msg string, off int, bad bool) {
	var v any
	err := json.Unmarshal(doc, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error(), int(se.Offset) - 1, true
	}
	if err != nil && strings.Contains(err.Error(), "exceeded max depth") {
		return err.Error(), -1, true
	}
	return "", 0, false
}

// agree checks that the scanner judges doc as encoding/json does: valid or
// not, and for an error before the end of the input, the same byte and message.
func agree(t *testing.T, doc []byte) {
	t.Helper()
	_, err := scanAll(doc)
	msg, off, bad := stdError(doc)
	if (err != nil) != bad {
		t.Fatalf("%q: scanner error %v, encoding/json error %q", doc, err, msg)
	}
	if err == nil || off < 0 {
		return
	}
	if err.Msg == "unexpected end of JSON input" {
		// encoding/json sometimes words the end of the input as the
		// character it would have needed; both stop at the end.
		if off < len(doc)-1 && msg != "unexpected end of JSON input" {
			t.Fatalf("%q: scanner says end of input, encoding/json %q at byte %d", doc, msg, off)
		}
		return
	}
	if err.Offset != off || err.Msg != msg {
		t.Fatalf("%q: scanner %q at byte %d, encoding/json %q at byte %d", doc, err.Msg, err.Offset, msg, off)
	}
}

func TestAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		`null`, `true`, `false`, `0`, `-0`, `1.5e+10`, `-12.5E-3`, `"a\"b\\c\u00e9\/"`, `[]`, `{}`, ` [ 1 , 2 ] `,
		`{"a":{"b":[1,{"c":null}]}}`, `{"a":1,"a":2}`,
		``, ` `, `[`, `]`, `{`, `}`, `[1,]`, `[,1]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`, `{1:2}`, `[1 2]`,
		`01`, `-01`, `1.`, `1.e5`, `1e`, `1e+`, `-`, `--1`, `+1`, `.5`, `0x10`, `1_000`, `NaN`, `Infinity`,
		`tru`, `trUe`, `nul`, `nulL`, `fals`, `falsy`, `"abc`, `"a` + "\n" + `b"`, `"\x"`, `"\u12G4"`, `"\u12"`,
		`[1]x`, `{} {}`, `1 2`, "[1]\n[2]", `{"a":1]`, `[1}`, `'a'`, `"\'"`, "\xff", `["\xff"]`, `[1,2,3`, `{"a":1`,
		`[true false]`, `{"a" "b"}`, `{"a":1 "b":2}`, "\"tab\there\"", `[-]`, `[0.]`, `[1e]`, `[-a]`,
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%q", c), func(t *testing.T) { agree(t, []byte(c)) })
	}
}

func TestDepthLimit(t *testing.T) {
	for _, n := range []int{MaxDepth, MaxDepth + 1} {
		doc := strings.Repeat("[", n) + strings.Repeat("]", n)
		_, err := scanAll([]byte(doc))
		if got, want := err != nil, n > MaxDepth; got != want {
			t.Fatalf("%d levels: error %v, want an error: %v", n, err, want)
		}
		if err != nil && (err.Offset != MaxDepth || !strings.Contains(err.Msg, "exceeded max depth")) {
			t.Fatalf("%d levels: %v, want exceeded max depth at byte %d", n, err, MaxDepth)
		}
	}
}

func TestTokens(t *testing.T) {
	doc := []byte(`{"a": [1, "x", true, false, null], "b": {}}`)
	toks, err := scanAll(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range toks {
		got = append(got, fmt.Sprintf("%d:%s", tok.Kind, doc[tok.Start:tok.End]))
	}
	want := []string{"1:{", `5:"a"`, "3:[", "7:1", `6:"x"`, "8:true", "9:false", "10:null", "4:]", `5:"b"`, "1:{", "2:}", "2:}"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("tokens\n got %v\nwant %v", got, want)
	}
}

func TestSkipResumes(t *testing.T) {
	doc := []byte(`[{"id": 1, "name": "a"}, {"id": 2, "name": "b\n"}, [1, 2, [3, 4]], "end"]`)
	for budget := 1; budget < len(doc)+2; budget++ {
		s := New(doc)
		steps := 0
		for !s.Skip(budget) {
			steps++
		}
		if s.Err() != nil || s.Pos() != len(doc) {
			t.Fatalf("budget %d: err %v at %d", budget, s.Err(), s.Pos())
		}
		if budget == 1 && steps < 10 {
			t.Fatalf("budget 1 took %d steps, want one per token", steps)
		}
	}
}

// TestJSONTestSuite runs JSONTestSuite's parsing files: y_ must pass, n_ must fail, and every verdict matches
// encoding/json's.
func TestJSONTestSuite(t *testing.T) {
	cases, err := conformance.Cases(".")
	if err != nil || len(cases) < 300 {
		t.Fatalf("found %d suite files (%v), want the whole suite", len(cases), err)
	}
	for _, c := range cases {
		doc, name := c.Body, c.Name
		agree(t, doc)
		_, serr := scanAll(doc)
		switch {
		case strings.HasPrefix(name, "y_") && serr != nil:
			t.Errorf("%s: %v, want accepted", name, serr)
		case strings.HasPrefix(name, "n_") && serr == nil && !invalidUTF8Only(name):
			t.Errorf("%s: accepted, want rejected", name)
		}
	}
}

// invalidUTF8Only names n_ files that break only UTF-8, which callers check.
func invalidUTF8Only(name string) bool {
	return strings.Contains(name, "UTF8") || strings.Contains(name, "utf8") || strings.Contains(name, "invalid-utf-8")
}

func FuzzAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u00e9"]}`, `[true,false,null]`, `"\\"`, `[01]`, `{"a" 1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) { agree(t, doc) })
}

func TestSplice(t *testing.T) {
	doc := []byte(`[1, {"a": [2, 3]}, "x"]`)
	s := New(doc)
	if s.Splice(0, len(doc)) == false {
		t.Fatal("the top-level value was not spliced")
	}
	if _, ok := s.Next(); ok || s.Err() != nil {
		t.Fatalf("after splicing the whole document: ok %v, err %v", ok, s.Err())
	}

	s = New(doc)
	s.Next() // [
	if s.Splice(4, 17) {
		t.Fatal("spliced where a number comes first")
	}
	s.Next() // 1
	if s.Splice(5, 17) {
		t.Fatal("spliced where the value does not start")
	}
	var kinds []Kind
	for {
		if s.Splice(4, 17) {
			kinds = append(kinds, 0)
			continue
		}
		tok, ok := s.Next()
		if !ok {
			break
		}
		kinds = append(kinds, tok.Kind)
	}
	if s.Err() != nil || fmt.Sprint(kinds) != fmt.Sprint([]Kind{0, String, EndArray}) {
		t.Fatalf("got %v, %v; want the object spliced, then the string and the end", kinds, s.Err())
	}

	doc = []byte(`{"k" : [1], "j": 2}`)
	s = New(doc)
	s.Next() // {
	s.Next() // "k"
	if !s.Splice(7, 10) {
		t.Fatal("the value after a key was not spliced")
	}
	if s.Splice(17, 18) {
		t.Fatal("spliced where a key is due")
	}
	for {
		if _, ok := s.Next(); !ok {
			break
		}
	}
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
}
