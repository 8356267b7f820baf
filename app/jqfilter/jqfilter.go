// Package jqfilter runs jq filters (the whole jq language, through
// github.com/itchyny/gojq) over the combined result, for the page's jq view,
// the compare table and `fanin get -jq`.
//
// Input is decoded as json.Decoder.UseNumber would (app/jqfast.Decode,
// straight from the token scanner), so every number reaches
// gojq as a json.Number holding its literal, and gojq prints a json.Number
// it did not compute on exactly as received: .[0].big on
// 12345678901234567890123 prints 12345678901234567890123 and 1E400 survives
// "." and paths. Exactness is lost only where jq computes: arithmetic, math
// functions and tonumber turn a literal into an int, a *big.Int (integers
// stay exact) or a float64 (decimals and exponents round to float64, 1E400
// becomes ±1.7976931348623157e+308), and comparisons and sort see 1E400 as
// infinity. Output is jq's output, not a passthrough: objects print with
// their keys sorted (gojq keeps no key order, unlike jq 1.5+, which keeps
// insertion order), strings are re-escaped jq's way, and duplicate keys
// collapse to the last.
package jqfilter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fanin/app/jqfast"

	"github.com/itchyny/gojq"
)

// Default caps on what one run may produce.
const (
	DefaultMaxOutputs = 4 << 20
	DefaultMaxBytes   = 256 << 20
)

// ErrTooMuch is returned, with the output so far, when a run passes a cap.
var ErrTooMuch = errors.New("jq: output cap reached")

// SyntaxError is a filter that does not parse, with where.
type SyntaxError struct {
	Expr   string
	Offset int // bytes into Expr
	Line   int // 1-based
	Column int // 1-based, in runes
	Msg    string
}

// Error reads like "jq: unexpected token "}" at line 1, column 6", then
// the line of the filter and a caret under the column, for a <pre>.
func (e *SyntaxError) Error() string {
	lines := strings.Split(e.Expr, "\n")
	line := ""
	if e.Line-1 < len(lines) {
		line = lines[e.Line-1]
	}
	return fmt.Sprintf("jq: %s at line %d, column %d\n    %s\n    %s^", e.Msg, e.Line, e.Column, line, strings.Repeat(" ", max(e.Column-1, 0)))
}

// Filter is a compiled jq program. Its caps may be changed before a run.
type Filter struct {
	expr       string
	code       *gojq.Code
	MaxOutputs int  // outputs after which a run stops with ErrTooMuch
	MaxBytes   int  // output bytes after which a run stops with ErrTooMuch
	Compact    bool // one line per output instead of jq's two-space indent
}

// Compile parses and compiles expr. The filter reads no environment
// variables and no further inputs: `input`, `inputs` and `$ENV` see nothing
// from the machine it runs on. A filter over the limits (CheckLimits) is
// refused before it is parsed.
func Compile(expr string) (*Filter, error) {
	if err := CheckLimits(expr); err != nil {
		return nil, err
	}
	q, err := gojq.Parse(expr)
	if err != nil {
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			return nil, syntaxError(expr, pe)
		}
		return nil, fmt.Errorf("jq: %w", err)
	}
	code, err := gojq.Compile(q, gojq.WithEnvironLoader(func() []string { return nil }))
	if err != nil {
		return nil, fmt.Errorf("jq: %w", err)
	}
	return &Filter{expr: expr, code: code, MaxOutputs: DefaultMaxOutputs, MaxBytes: DefaultMaxBytes}, nil
}

// gojq's Offset counts the bytes read when the error was found, so it lies
// just past the offending token.
func syntaxError(expr string, pe *gojq.ParseError) *SyntaxError {
	off := min(max(pe.Offset-len(pe.Token), 0), len(expr))
	if pe.Token == "" && off > 0 && pe.Offset <= len(expr) {
		off = pe.Offset - 1
	}
	if strings.HasPrefix(pe.Error(), "unterminated string") {
		if q := strings.LastIndexByte(expr[:min(off+1, len(expr))], '"'); q >= 0 {
			off = q // point at where the string opens
		}
	}
	before := expr[:off]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return &SyntaxError{Expr: expr, Offset: off, Line: line, Column: col, Msg: pe.Error()}
}

// String returns the filter's source.
func (f *Filter) String() string { return f.expr }

// Input is a document decoded once for gojq, so a page can run filter
// after filter over a big result without decoding it again. gojq never
// changes its input, so one Input serves any number of runs.
type Input struct{ v any }

// Decode reads doc, which must be one JSON value, keeping number literals
// (app/jqfast.Decode: straight from the scanner, with encoding/json's
// UseNumber semantics). The Input aliases doc, which must not change.
func Decode(doc []byte) (*Input, error) {
	return DecodeContext(context.Background(), doc, nil)
}

// DecodeContext is Decode that stops when ctx is done and tells progress,
// if not nil, the share of doc read.
func DecodeContext(ctx context.Context, doc []byte, progress func(float64)) (*Input, error) {
	v, err := jqfast.Decode(ctx, doc, progress)
	if err != nil {
		return nil, fmt.Errorf("jq input: %w", err)
	}
	return &Input{v: v}, nil
}

// Run decodes doc and runs the filter over it; see RunInput.
func (f *Filter) Run(ctx context.Context, doc []byte) ([]byte, error) {
	in, err := Decode(doc)
	if err != nil {
		return nil, err
	}
	return f.RunInput(ctx, in)
}

// RunInput runs the filter and returns its outputs as JSON text, one value
// per output each followed by a newline, indented like jq's. On an error,
// a cancelled ctx or a cap, it returns the outputs so far with the error.
func (f *Filter) RunInput(ctx context.Context, in *Input) ([]byte, error) {
	return f.Collect(ctx, func(emit func(any) error) error {
		iter := f.code.RunWithContext(ctx, in.v)
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			v, ok := iter.Next()
			if !ok {
				return nil
			}
			if err, ok := v.(error); ok {
				var he *gojq.HaltError
				if errors.As(err, &he) && he.Value() == nil {
					return nil // halt: stop quietly, as jq does
				}
				return err
			}
			if err := emit(v); err != nil {
				return err
			}
		}
	})
}

// Collect formats the outputs that gen gives to emit as RunInput does,
// under the filter's caps, so outputs found some other way than by running
// gojq (app/jqfast's plans) print the same bytes; an *jqfast.Encoded is
// written as it is (a scalar already in gojq's bytes). gen's error comes
// back after "jq: "; a cap's error stops gen through emit.
func (f *Filter) Collect(ctx context.Context, gen func(emit func(any) error) error) ([]byte, error) {
	var out bytes.Buffer
	n := 0
	var stop error
	err := gen(func(v any) error {
		if n++; f.MaxOutputs > 0 && n > f.MaxOutputs {
			stop = fmt.Errorf("%w: more than %d outputs", ErrTooMuch, f.MaxOutputs)
			return stop
		}
		if err := f.write(&out, v); err != nil {
			stop = err
			return stop
		}
		if f.MaxBytes > 0 && out.Len() > f.MaxBytes {
			stop = fmt.Errorf("%w: more than %d bytes", ErrTooMuch, f.MaxBytes)
			return stop
		}
		return nil
	})
	switch {
	case stop != nil && errors.Is(err, stop):
		return out.Bytes(), stop
	case err != nil:
		return out.Bytes(), fmt.Errorf("jq: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return out.Bytes(), fmt.Errorf("jq: %w", err)
	}
	return out.Bytes(), nil
}

func (f *Filter) write(out *bytes.Buffer, v any) error {
	if e, ok := v.(*jqfast.Encoded); ok { // a scalar, as gojq prints it
		out.Write(*e)
		out.WriteByte('\n')
		return nil
	}
	raw, err := gojq.Marshal(v)
	if err != nil {
		return fmt.Errorf("jq output: %w", err)
	}
	if f.Compact || raw[0] != '{' && raw[0] != '[' {
		out.Write(raw) // indenting a scalar changes nothing
	} else if err := json.Indent(out, raw, "", "  "); err != nil {
		return fmt.Errorf("jq output: %w", err)
	}
	out.WriteByte('\n')
	return nil
}

// EvalEach runs f against each value on its own, as the compare table does
// with one path and every response: outs[i] and errs[i] belong to values[i].
// A nil value (a failed URL) gets no output and no error.
func EvalEach(ctx context.Context, f *Filter, values [][]byte) (outs [][]byte, errs []error) {
	outs = make([][]byte, len(values))
	errs = make([]error, len(values))
	for i, v := range values {
		if v == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			errs[i] = fmt.Errorf("jq: %w", err)
			continue
		}
		outs[i], errs[i] = f.Run(ctx, v)
	}
	return outs, errs
}
