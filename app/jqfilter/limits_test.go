package jqfilter_test

import (
	"context"
	"errors"
	"runtime/debug"
	"strings"
	"testing"

	"fanin/app/jqfilter"
)

func TestLimits(t *testing.T) {
	t.Parallel()
	for name, expr := range map[string]string{
		"a 100,000-step pipe of one operator":  strings.Repeat(".a|", 100_000) + ".a",
		"a chain of 3,000 additions":           strings.Repeat("1+", 3000) + "1",
		"3,000 nested arrays":                  strings.Repeat("[", 3000) + strings.Repeat("]", 3000),
		"3,000 unary minuses in one run":       strings.Repeat("-", 3000) + "1",
		"nesting inside string interpolations": strings.Repeat(`"\(`, 300) + "1" + strings.Repeat(`)"`, 300),
		"300 nested ifs":                       strings.Repeat("if . then ", 300) + "1" + strings.Repeat(" else 2 end", 300),
		"3,000 nested trys":                    strings.Repeat("try ", 2500) + "1",
	} {
		t.Run(name+" is refused before compiling", func(t *testing.T) {
			t.Parallel()
			_, err := jqfilter.Compile(expr)
			var le *jqfilter.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a LimitError", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "at most") {
				t.Fatalf("the message does not say the limit: %q", msg)
			}
		})
	}
	t.Run("ordinary filters pass, keywords in names and strings do not count", func(t *testing.T) {
		t.Parallel()
		for _, expr := range []string{`.[] | select(.end and .if) | {a: .x, b: [.y[]]}`, `"if then else end ((((("`,
			`# ((((( a comment` + "\n.", `"\(.a | "\(.b)")"`, `reduce .[] as $x (0; . + $x)`} {
			if err := jqfilter.CheckLimits(expr); err != nil {
				t.Fatalf("%s: %v", expr, err)
			}
		}
	})
}

// TestLimitsHold compiles and runs the largest filters the limits allow
// under a stack 64 times smaller than Go's default maximum: they fit with
// room to spare. Not parallel: the stack limit is the whole process's.
func TestLimitsHold(t *testing.T) {
	old := debug.SetMaxStack(16 << 20)
	defer debug.SetMaxStack(old)
	ops := jqfilter.MaxOperators
	depth := jqfilter.MaxDepth
	in, err := jqfilter.Decode([]byte(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	for name, expr := range map[string]string{
		"the longest pipe":        strings.Repeat(".|", ops) + ".",
		"the longest addition":    strings.Repeat("1+", ops) + "1",
		"the longest alternative": strings.Repeat("1//", ops/2) + "1",
		"the longest comma list":  strings.Repeat("1,", ops) + "1",
		"the most unary minuses":  strings.Repeat("-", ops) + "1",
		"the most trys":           strings.Repeat("try ", ops/2) + "1",
		"the deepest arrays":      strings.Repeat("[", depth) + strings.Repeat("]", depth),
		"the deepest objects":     strings.Repeat("{a:", depth) + "1" + strings.Repeat("}", depth),
		"the deepest parentheses": strings.Repeat("(", depth) + "1" + strings.Repeat(")", depth),
		"the deepest ifs":         strings.Repeat("if . then ", depth) + "1" + strings.Repeat(" else 2 end", depth),
		"the longest field path":  "." + strings.Repeat("a.", MaxFieldsForLength()) + "a",
	} {
		t.Run(name, func(t *testing.T) {
			f, err := jqfilter.Compile(expr)
			if err != nil {
				t.Fatalf("refused a filter within the limits (%d bytes): %v", len(expr), err)
			}
			if _, err := f.RunInput(context.Background(), in); err != nil && !strings.Contains(err.Error(), "cannot") {
				t.Logf("runs with a jq error, as it may: %.80v", err)
			}
		})
	}
}

// MaxFieldsForLength is how many `.a` steps fit in MaxLength.
func MaxFieldsForLength() int { return jqfilter.MaxLength/2 - 2 }
