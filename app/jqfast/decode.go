package jqfast

import (
	"context"
	"encoding/json"
	"unicode/utf8"
	"unsafe"

	"fanin/app/jsonscan"
)

// progressEvery is how many bytes pass between progress reports and
// cancellation checks.
const progressEvery = 1 << 20

// Decode reads doc, one JSON value, into the values gojq takes, as
// encoding/json's Decoder with UseNumber would (see the package doc).
// Strings and numbers alias doc, which must not change while the values
// are in use. progress, if not nil, is called with the share of doc read.
// A done ctx stops it with ctx's error.
func Decode(ctx context.Context, doc []byte, progress func(float64)) (any, error) {
	d := decoder{sc: jsonscan.New(doc), doc: doc}
	next := progressEvery
	for {
		tok, ok := d.sc.Next()
		if !ok {
			break
		}
		if pos := d.sc.Pos(); pos >= next {
			next = pos + progressEvery
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(float64(pos) / float64(len(doc)))
			}
		}
		d.token(tok)
	}
	if err := d.sc.Err(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(1)
	}
	return d.root, nil
}

type frame struct {
	object bool
	from   int // where the container's values start in vals
	keys   int // where its keys start in keys
}

type decoder struct {
	sc    *jsonscan.Scanner
	doc   []byte
	stack []frame
	vals  []any
	keys  []string
	root  any
	boxes boxes
}

func (d *decoder) token(tok jsonscan.Token) {
	lit := d.doc[tok.Start:tok.End]
	switch tok.Kind {
	case jsonscan.BeginObject, jsonscan.BeginArray:
		d.stack = append(d.stack, frame{object: tok.Kind == jsonscan.BeginObject, from: len(d.vals), keys: len(d.keys)})
	case jsonscan.Key:
		d.keys = append(d.keys, str(lit))
	case jsonscan.EndObject:
		f := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		m := make(map[string]any, len(d.vals)-f.from)
		for i, v := range d.vals[f.from:] {
			m[d.keys[f.keys+i]] = v // in order: a repeated key keeps its last value
		}
		clear(d.vals[f.from:])
		d.vals, d.keys = d.vals[:f.from], d.keys[:f.keys]
		d.value(m)
	case jsonscan.EndArray:
		f := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		a := make([]any, len(d.vals)-f.from)
		copy(a, d.vals[f.from:])
		clear(d.vals[f.from:])
		d.vals = d.vals[:f.from]
		d.value(a)
	case jsonscan.String:
		d.value(d.boxes.str(str(lit)))
	case jsonscan.Number:
		d.value(d.boxes.num(alias(lit)))
	default:
		d.value(Scalar(tok.Kind, lit))
	}
}

func (d *decoder) value(v any) {
	if len(d.stack) == 0 {
		d.root = v
		return
	}
	d.vals = append(d.vals, v)
}

// Scalar is the gojq value of one scalar token's literal, aliasing lit.
func Scalar(k jsonscan.Kind, lit []byte) any {
	switch k {
	case jsonscan.String:
		return str(lit)
	case jsonscan.Number:
		return json.Number(alias(lit))
	case jsonscan.True:
		return true
	case jsonscan.False:
		return false
	}
	return nil
}

// str decodes a string literal, quotes included, as encoding/json does
// (invalid UTF-8 and lone surrogates become U+FFFD). A literal without
// escapes or invalid bytes is not copied.
func str(lit []byte) string {
	in := lit[1 : len(lit)-1]
	ascii := true
	for _, c := range in {
		if c == '\\' {
			return unquote(lit)
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(in) {
		return unquote(lit)
	}
	return alias(in)
}

func unquote(lit []byte) string {
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		// The scanner has checked the literal; keep its text if not.
		return string(lit[1 : len(lit)-1])
	}
	return s
}

// alias is b as a string without a copy.
func alias(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
