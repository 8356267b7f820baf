package jqfilter

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const exactDoc = `[{"id": 1, "big": 12345678901234567890123, "huge": 1E400, "one": 1.0, "neg": -0, "dec": 0.1,
  "obj": {"z": 1, "a": 2}, "html": "<script>alert(1)</script>"}, {"id": 2}]`

func run(t *testing.T, expr, doc string) (string, error) {
	t.Helper()
	f, err := Compile(expr)
	if err != nil {
		t.Fatalf("Compile(%q): %v", expr, err)
	}
	f.Compact = true
	out, err := f.Run(context.Background(), []byte(doc))
	return string(out), err
}

func TestNumbersStayExactUntilComputedOn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, expr, want string
	}{
		{"a big integer passes through a path", ".[0].big", "12345678901234567890123\n"},
		{"1E400 passes through a path", ".[0].huge", "1E400\n"},
		{"1.0 keeps its decimal point", ".[0].one", "1.0\n"},
		{"negative zero keeps its sign", ".[0].neg", "-0\n"},
		{"tostring keeps the literal", ".[0].huge | tostring", "\"1E400\"\n"},
		{"sort keeps the literals it moves", "[.[0].huge, .[0].big] | sort", "[12345678901234567890123,1E400]\n"},
		{"integer arithmetic stays exact", ".[0].big + 1", "12345678901234567890124\n"},
		{"arithmetic on 1E400 clamps to the largest float", ".[0].huge + 0", "1.7976931348623157e+308\n"},
		{"arithmetic on 1.0 drops the decimal point", ".[0].one + 0", "1\n"},
		{"decimal arithmetic is float64", ".[0].dec + 0.2", "0.30000000000000004\n"},
		{"math functions are float64", ".[0].big | floor", "1.2345678901234568e+22\n"},
		{"objects print with sorted keys", ".[0].obj", "{\"a\":2,\"z\":1}\n"},
		{"a script tag stays a plain string", ".[0].html", "\"<script>alert(1)</script>\"\n"},
		{"the ids of every item, one per line", ".[] | .id", "1\n2\n"},
		{"no output is empty", "empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := run(t, tt.expr, exactDoc)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.expr, got, tt.want)
			}
		})
	}
}

func TestPrettyOutputIndentsLikeJq(t *testing.T) {
	t.Parallel()
	f, _ := Compile(".[1], []")
	got, err := f.Run(context.Background(), []byte(exactDoc))
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"id\": 2\n}\n[]\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCompileErrorsShowWhere(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, expr string
		line, col  int
		msg        string
	}{
		{"a stray brace", ".a | }", 1, 6, `unexpected token "}"`},
		{"an unfinished filter on a second line", ".a |\n  .b[", 2, 5, "unexpected EOF"},
		{"an unterminated string", `.a | "abc`, 1, 6, "unterminated string literal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Compile(tt.expr)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Compile(%q) error = %v, want a *SyntaxError", tt.expr, err)
			}
			if se.Line != tt.line || se.Column != tt.col || se.Msg != tt.msg {
				t.Errorf("got line %d column %d %q, want line %d column %d %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
			if !strings.Contains(err.Error(), "^") {
				t.Errorf("error %q has no caret", err)
			}
		})
	}
	t.Run("an unknown function is named", func(t *testing.T) {
		t.Parallel()
		if _, err := Compile("foo(1)"); err == nil || !strings.Contains(err.Error(), "foo/1") {
			t.Errorf("error = %v, want it to name foo/1", err)
		}
	})
}

func TestRunErrorsAndCaps(t *testing.T) {
	t.Parallel()
	t.Run("a runtime error comes after the outputs before it", func(t *testing.T) {
		t.Parallel()
		got, err := run(t, `.[] | .id, error("boom")`, exactDoc)
		if got != "1\n" || err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("got %q, %v; want \"1\\n\" and a boom error", got, err)
		}
	})
	t.Run("halt stops quietly", func(t *testing.T) {
		t.Parallel()
		if got, err := run(t, "1, halt, 2", "null"); got != "1\n" || err != nil {
			t.Errorf("got %q, %v; want \"1\\n\", nil", got, err)
		}
	})
	t.Run("the environment is not readable", func(t *testing.T) {
		t.Parallel()
		if got, _ := run(t, "$ENV | length", "null"); got != "0\n" {
			t.Errorf("$ENV | length = %q, want 0", got)
		}
	})
	t.Run("too many outputs stop the run", func(t *testing.T) {
		t.Parallel()
		f, _ := Compile("range(10)")
		f.MaxOutputs = 3
		got, err := f.Run(context.Background(), []byte("null"))
		if !errors.Is(err, ErrTooMuch) || string(got) != "0\n1\n2\n" {
			t.Errorf("got %q, %v; want three outputs and ErrTooMuch", got, err)
		}
	})
	t.Run("too many bytes stop the run", func(t *testing.T) {
		t.Parallel()
		f, _ := Compile(`range(1000) | "xxxxxxxxxx"`)
		f.MaxBytes = 100
		got, err := f.Run(context.Background(), []byte("null"))
		if !errors.Is(err, ErrTooMuch) || len(got) > 120 {
			t.Errorf("got %d bytes, %v; want about 100 and ErrTooMuch", len(got), err)
		}
	})
	t.Run("a cancelled context stops a long run", func(t *testing.T) {
		t.Parallel()
		// Ten billion numbers never finish: that Run returns at all, under
		// the test's timeout, is the proof it heeds the context.
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		f, _ := Compile("[range(1e10)] | length")
		_, err := f.Run(ctx, []byte("null"))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
	})
	t.Run("input that is not one JSON value is refused", func(t *testing.T) {
		t.Parallel()
		for _, doc := range []string{"", "{", "1 2"} {
			f, _ := Compile(".")
			if _, err := f.Run(context.Background(), []byte(doc)); err == nil {
				t.Errorf("Run on %q succeeded", doc)
			}
		}
	})
}

func TestEvalEach(t *testing.T) {
	t.Parallel()
	f, _ := Compile(".user.id")
	f.Compact = true
	outs, errs := EvalEach(context.Background(), f, [][]byte{
		[]byte(`{"user": {"id": 12345678901234567890123}}`),
		nil,
		[]byte(`[1]`),
		[]byte(`{"user": {"id": "x"}}`),
	})
	want := []string{"12345678901234567890123\n", "", "", "\"x\"\n"}
	wantErr := []bool{false, false, true, false}
	for i := range want {
		if string(outs[i]) != want[i] || (errs[i] != nil) != wantErr[i] {
			t.Errorf("value %d: got %q, %v; want %q, error %v", i, outs[i], errs[i], want[i], wantErr[i])
		}
	}
}

func ExampleFilter_Run() {
	f, err := Compile(".[] | .id")
	if err != nil {
		panic(err)
	}
	out, err := f.Run(context.Background(), []byte(`[{"id": 12345678901234567890123}, {"id": 1E400}]`))
	fmt.Print(string(out), err)
	// Output:
	// 12345678901234567890123
	// 1E400
	// <nil>
}

func ExampleCompile() {
	_, err := Compile(".items[] | select(.id ==)")
	fmt.Println(err)
	// Output:
	// jq: unexpected token ")" at line 1, column 25
	//     .items[] | select(.id ==)
	//                             ^
}

func ExampleEvalEach() {
	f, _ := Compile(".version")
	outs, errs := EvalEach(context.Background(), f, [][]byte{[]byte(`{"version": "1.2"}`), []byte(`{"version": 2}`)})
	for i := range outs {
		fmt.Printf("%s %v\n", strings.TrimSpace(string(outs[i])), errs[i])
	}
	// Output:
	// "1.2" <nil>
	// 2 <nil>
}

func ExampleDecode() {
	in, _ := Decode([]byte(`{"a": [1, 2, 3]}`))
	for _, expr := range []string{".a | length", ".a[-1]"} {
		f, _ := Compile(expr)
		out, _ := f.RunInput(context.Background(), in)
		fmt.Print(string(out))
	}
	// Output:
	// 3
	// 3
}
