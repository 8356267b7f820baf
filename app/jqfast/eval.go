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

// item is one value flowing through the plan: a node of the tree or a
// value the plan computed (keys, length, or null for a missing member).
type item struct {
	id       jsontree.NodeID
	computed bool
	v        any
}

// step is one part of a plan: it takes an input and emits its outputs.
type step interface {
	eval(r *runner, in item, emit func(item) error) error
}

type runner struct {
	ctx      context.Context
	t        *jsontree.Tree
	n        int
	progress func(float64)
}

// Run evaluates the plan over the tree's root and gives each output, as
// the gojq value it would be, to out. It stops at the first error out
// returns, at ErrFallback, or when ctx is done (with ctx's error).
// progress, if not nil, hears the share of the document passed.
func (p *Plan) Run(ctx context.Context, t *jsontree.Tree, out func(any) error, progress func(float64)) error {
	if t.Size() == 0 {
		return ErrFallback
	}
	r := &runner{ctx: ctx, t: t, progress: progress}
	return p.root.eval(r, item{id: t.Root()}, func(it item) error {
		if r.n++; r.n&0x3fff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil && !it.computed && len(t.Bytes()) > 0 {
				s, _ := t.Span(it.id)
				progress(float64(s) / float64(len(t.Bytes())))
			}
		}
		return out(r.value(it))
	})
}

// value is the gojq value of an item: a node is decoded, only now.
func (r *runner) value(it item) any {
	if it.computed {
		return it.v
	}
	return nodeValue(r.t, it.id)
}

func nodeValue(t *jsontree.Tree, id jsontree.NodeID) any {
	lit := t.Literal(id)
	switch t.Kind(id) {
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
		return nil // the tree was built over these very bytes
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
	return r.t.Kind(in.id), true
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
	t := r.t
	found := jsontree.None
	for c := t.Child(in.id, 0); c != jsontree.None; c = t.NextSibling(c) {
		if keyIs(t.RawKey(c), f.name) {
			found = c // the last of repeated keys wins, as in a decoded map
		}
	}
	if found == jsontree.None {
		return emit(null())
	}
	return emit(item{id: found})
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
	i := s.n
	if i < 0 {
		i += r.t.Len(in.id)
	}
	if c := r.t.Child(in.id, i); c != jsontree.None {
		return emit(item{id: c})
	}
	return emit(null())
}

type iterate struct{}

func (iterate) eval(r *runner, in item, emit func(item) error) error {
	k, ok := r.kind(in)
	if !ok || in.computed {
		return ErrFallback // gojq: "cannot iterate over: null"
	}
	t := r.t
	switch k {
	case jsontree.Array:
		for c := t.Child(in.id, 0); c != jsontree.None; c = t.NextSibling(c) {
			if err := emit(item{id: c}); err != nil {
				return err
			}
		}
		return nil
	case jsontree.Object:
		for _, m := range members(t, in.id) {
			if err := emit(item{id: m.id}); err != nil {
				return err
			}
		}
		return nil
	}
	return ErrFallback
}

type member struct {
	key string
	id  jsontree.NodeID
}

// members are an object's members as gojq sees them once decoded: sorted
// by key, a repeated key keeping its last value.
func members(t *jsontree.Tree, id jsontree.NodeID) []member {
	ms := make([]member, 0, t.Len(id))
	for c := t.Child(id, 0); c != jsontree.None; c = t.NextSibling(c) {
		ms = append(ms, member{key: str(t.RawKey(c)), id: c})
	}
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
		out = make([]any, r.t.Len(in.id))
		for i := range out {
			out[i] = i
		}
	case jsontree.Object:
		ms := members(r.t, in.id)
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
		n = r.t.Len(in.id)
	case jsontree.Object:
		n = len(members(r.t, in.id))
	case jsontree.String:
		n = utf8.RuneCountInString(str(r.t.Literal(in.id)))
	case jsontree.Number:
		lit := r.t.Literal(in.id)
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
		if k == jsontree.Null || k == jsontree.Bool && r.t.Literal(v.id)[0] == 'f' {
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
		return lit.kind == litBool && string(r.t.Literal(v.id)) == lit.text, nil
	case jsontree.String:
		return lit.kind == litString && str(r.t.Literal(v.id)) == lit.text, nil
	case jsontree.Number:
		if lit.kind != litNumber {
			return false, nil
		}
		return numberEqual(string(r.t.Literal(v.id)), lit.text)
	}
	return false, nil // an array or object never equals a scalar
}
