package jqfast

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"fanin/app/jsonscan"
	"fanin/app/jsontree"
)

// ErrFallback says the plan met what it does not answer the way gojq
// would (an error gojq would report, a number it would compute on): run
// the filter with gojq instead, discarding this run's outputs.
var ErrFallback = errors.New("jqfast: not answered from the index; run gojq")

// item is one value flowing through the plan: a value of the document
// (at: where the source finds it) or a value the plan computed (keys,
// length, or null for a missing member).
type item struct {
	at       int
	computed bool
	v        any
}

// step is one part of a plan: it takes an input and emits its outputs.
type step interface {
	eval(r *runner, in item, emit func(item) error) error
}

type runner struct {
	src source
	n   int
}

// Run evaluates the plan over the tree's root; see RunBytes.
func (p *Plan) Run(ctx context.Context, t *jsontree.Tree, out func(any) error, progress func(float64)) error {
	if t.Size() == 0 {
		return ErrFallback
	}
	return p.run(ctx, treeSource{t}, out, progress)
}

// RunBytes evaluates the plan over doc, reading only the bytes it must
// and indexing nothing, and gives each output to out: the gojq value it
// would be, or for a scalar an *Encoded holding the bytes gojq would print
// (out must not keep it). It stops at the first error out returns, at
// ErrFallback, or when ctx is done (with ctx's error). progress, if not
// nil, hears the share of the document passed. doc must be valid JSON, as
// every result document and response value is (app/bodycheck checks them,
// app/combine makes the document); on other bytes it never panics but its
// answer is undefined.
func (p *Plan) RunBytes(ctx context.Context, doc []byte, out func(any) error, progress func(float64)) error {
	src := newRawSource(doc)
	if src.root() >= len(doc) {
		return ErrFallback
	}
	return p.run(ctx, src, out, progress)
}

func (p *Plan) run(ctx context.Context, src source, out func(any) error, progress func(float64)) error {
	r := &runner{src: src}
	var enc Encoded
	size := src.size()
	return p.root.eval(r, item{at: src.root()}, func(it item) error {
		if r.n++; r.n&0x3fff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil && !it.computed && size > 0 {
				progress(float64(src.offset(it.at)) / float64(size))
			}
		}
		if it.computed {
			return out(it.v)
		}
		if lit, ok := encoded(src.kind(it.at), src.literal(it.at)); ok {
			enc = Encoded(lit)
			return out(&enc)
		}
		return out(value(src, it.at))
	})
}

// Encoded is a scalar output already in the bytes gojq.Marshal prints.
type Encoded []byte

// encoded is a scalar's literal when it is what gojq would print: a
// number, true, false or null as written (gojq prints a json.Number's
// literal), or a string with nothing gojq escapes otherwise (no escapes,
// no DEL, valid UTF-8; the scanner allows no control characters).
func encoded(k jsontree.Kind, lit []byte) ([]byte, bool) {
	switch k {
	case jsontree.Number, jsontree.Bool, jsontree.Null:
		return lit, true
	case jsontree.String:
		ascii := true
		for _, c := range lit[1 : len(lit)-1] {
			if c == '\\' || c == 0x7f {
				return nil, false
			}
			if c >= utf8.RuneSelf {
				ascii = false
			}
		}
		return lit, ascii || utf8.Valid(lit)
	}
	return nil, false
}

// value is the gojq value of a value of the document, decoded only now.
func value(src source, at int) any {
	lit := src.literal(at)
	switch src.kind(at) {
	case jsontree.String:
		return str(lit)
	case jsontree.Number:
		return Scalar(jsonscan.Number, lit)
	case jsontree.Bool:
		return lit[0] == 't'
	case jsontree.Null:
		return nil
	}
	v, err := Decode(context.Background(), lit, nil)
	if err != nil {
		return nil // the source holds valid JSON
	}
	return v
}

func null() item { return item{computed: true} }

type identity struct{}

func (identity) eval(_ *runner, in item, emit func(item) error) error { return emit(in) }

type pipe struct{ l, r step }

func (p pipe) eval(r *runner, in item, emit func(item) error) error {
	return p.l.eval(r, in, func(mid item) error { return p.r.eval(r, mid, emit) })
}

type comma struct{ l, r step }

func (c comma) eval(r *runner, in item, emit func(item) error) error {
	if err := c.l.eval(r, in, emit); err != nil {
		return err
	}
	return c.r.eval(r, in, emit)
}

// kind is an item's JSON type; ok is false for a computed value other
// than null, which no step here takes as input.
func (r *runner) kind(in item) (k jsontree.Kind, ok bool) {
	if in.computed {
		return jsontree.Null, in.v == nil
	}
	return r.src.kind(in.at), true
}

type field struct{ name string }

func (f field) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	switch {
	case !ok:
		return ErrFallback
	case k == jsontree.Null:
		return emit(null())
	case k != jsontree.Object:
		return ErrFallback // gojq: "expected an object but got: …"
	}
	found := -1
	r.src.children(in.at, func(key []byte, c int) bool {
		if keyIs(key, f.name) {
			found = c // the last of repeated keys wins, as in a decoded map
		}
		return true
	})
	if found < 0 {
		return emit(null())
	}
	return emit(item{at: found})
}

func keyIs(raw []byte, name string) bool {
	if len(raw) < 2 {
		return false
	}
	in := raw[1 : len(raw)-1]
	if len(in) == len(name) && string(in) == name {
		return true
	}
	for _, c := range in {
		if c == '\\' || c >= utf8.RuneSelf {
			return str(raw) == name
		}
	}
	return false
}

type nth struct{ n int }

func (s nth) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	switch {
	case !ok:
		return ErrFallback
	case k == jsontree.Null:
		return emit(null())
	case k != jsontree.Array:
		return ErrFallback
	}
	if c, ok := r.src.nth(in.at, s.n); ok {
		return emit(item{at: c})
	}
	return emit(null())
}

type iterate struct{}

func (iterate) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	if !ok || in.computed {
		return ErrFallback // gojq: "cannot iterate over: null"
	}
	switch k {
	case jsontree.Array:
		var err error
		r.src.children(in.at, func(_ []byte, c int) bool {
			err = emit(item{at: c})
			return err == nil
		})
		return err
	case jsontree.Object:
		for _, m := range members(r.src, in.at) {
			if err := emit(item{at: m.at}); err != nil {
				return err
			}
		}
		return nil
	}
	return ErrFallback
}

type member struct {
	key string
	at  int
}

// members are an object's members as gojq sees them once decoded: sorted
// by key, a repeated key keeping its last value.
func members(src source, at int) []member {
	var ms []member
	src.children(at, func(key []byte, c int) bool {
		ms = append(ms, member{key: str(key), at: c})
		return true
	})
	slices.SortStableFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	out := ms[:0]
	for i, m := range ms {
		if i+1 < len(ms) && ms[i+1].key == m.key {
			continue
		}
		out = append(out, m)
	}
	return out
}

type keysOf struct{}

func (keysOf) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	if !ok || in.computed {
		return ErrFallback
	}
	var out []any
	switch k {
	case jsontree.Array:
		out = make([]any, r.src.count(in.at))
		for i := range out {
			out[i] = i
		}
	case jsontree.Object:
		ms := members(r.src, in.at)
		out = make([]any, len(ms))
		for i, m := range ms {
			out[i] = m.key
		}
	default:
		return ErrFallback
	}
	return emit(item{computed: true, v: out})
}

type lengthOf struct{}

func (lengthOf) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	if !ok {
		return ErrFallback
	}
	var n any
	switch k {
	case jsontree.Null:
		n = 0
	case jsontree.Array:
		n = r.src.count(in.at)
	case jsontree.Object:
		n = len(members(r.src, in.at))
	case jsontree.String:
		n = utf8.RuneCountInString(str(r.src.literal(in.at)))
	case jsontree.Number:
		lit := r.src.literal(in.at)
		if lit[0] == '-' {
			lit = lit[1:] // gojq keeps the literal, without its sign
		}
		n = Scalar(jsonscan.Number, lit)
	default:
		return ErrFallback // gojq: "length cannot be applied to: boolean"
	}
	return emit(item{computed: true, v: n})
}

type selectTruthy struct{ path step }

func (s selectTruthy) eval(r *runner, in item, emit func(item) error) error {
	return s.path.eval(r, in, func(v item) error {
		k, ok := r.kind(v)
		if !ok {
			return ErrFallback
		}
		if k == jsontree.Null || k == jsontree.Bool && r.src.literal(v.at)[0] == 'f' {
			return nil
		}
		return emit(in)
	})
}

type selectEq struct {
	path step
	lit  literal
	not  bool
}

func (s selectEq) eval(r *runner, in item, emit func(item) error) error {
	return s.path.eval(r, in, func(v item) error {
		eq, err := r.equal(v, s.lit)
		if err != nil {
			return err
		}
		if eq != s.not {
			return emit(in)
		}
		return nil
	})
}

// equal is gojq's == between an item and a literal of the filter.
func (r *runner) equal(v item, lit literal) (bool, error) {
	k, ok := r.kind(v)
	if !ok {
		return false, ErrFallback
	}
	switch k {
	case jsontree.Null:
		return lit.kind == litNull, nil
	case jsontree.Bool:
		return lit.kind == litBool && string(r.src.literal(v.at)) == lit.text, nil
	case jsontree.String:
		return lit.kind == litString && str(r.src.literal(v.at)) == lit.text, nil
	case jsontree.Number:
		if lit.kind != litNumber {
			return false, nil
		}
		return numberEqual(string(r.src.literal(v.at)), lit.text)
	}
	return false, nil // an array or object never equals a scalar
}
