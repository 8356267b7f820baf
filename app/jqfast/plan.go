package jqfast

import (
	"strconv"

	"github.com/itchyny/gojq"
)

// Plan is a path-only filter, ready to run over a jsontree.
type Plan struct{ root step }

// Compile returns the plan of expr when expr is in the subset the index
// answers (see the package doc), or nil: the caller then runs gojq.
func Compile(expr string) *Plan {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil
	}
	s, ok := query(q)
	if !ok {
		return nil
	}
	return &Plan{root: s}
}

func query(q *gojq.Query) (step, bool) {
	if q == nil || q.Meta != nil || len(q.Imports) > 0 || len(q.FuncDefs) > 0 || len(q.Patterns) > 0 {
		return nil, false
	}
	if q.Term != nil {
		if q.Left != nil || q.Right != nil {
			return nil, false
		}
		return term(q.Term)
	}
	switch q.Op {
	case gojq.OpPipe, gojq.OpComma:
		l, ok := query(q.Left)
		if !ok {
			return nil, false
		}
		r, ok := query(q.Right)
		if !ok {
			return nil, false
		}
		if q.Op == gojq.OpPipe {
			return pipe{l, r}, true
		}
		return comma{l, r}, true
	}
	return nil, false
}

func term(t *gojq.Term) (step, bool) {
	var s step
	switch t.Type {
	case gojq.TermTypeIdentity:
		s = identity{}
	case gojq.TermTypeIndex:
		i, ok := index(t.Index)
		if !ok {
			return nil, false
		}
		s = i
	case gojq.TermTypeQuery:
		q, ok := query(t.Query)
		if !ok {
			return nil, false
		}
		s = q
	case gojq.TermTypeFunc:
		f, ok := function(t.Func)
		if !ok {
			return nil, false
		}
		s = f
	default:
		return nil, false
	}
	for _, suf := range t.SuffixList {
		switch {
		case suf.Optional:
			return nil, false
		case suf.Iter:
			s = pipe{s, iterate{}}
		case suf.Index != nil:
			i, ok := index(suf.Index)
			if !ok {
				return nil, false
			}
			s = pipe{s, i}
		default:
			return nil, false
		}
	}
	return s, true
}

// index is .name, ."name", .["name"] or .[N] with N an integer literal.
func index(ix *gojq.Index) (step, bool) {
	switch {
	case ix == nil || ix.IsSlice || ix.End != nil:
		return nil, false
	case ix.Name != "":
		return field{ix.Name}, true
	case ix.Str != nil:
		if ix.Str.Queries != nil {
			return nil, false
		}
		return field{ix.Str.Str}, true
	}
	lit, ok := literalOf(ix.Start)
	if !ok {
		return nil, false
	}
	switch lit.kind {
	case litString:
		return field{lit.text}, true
	case litNumber:
		n, err := strconv.Atoi(lit.text)
		if err != nil || n < -(1<<30) || n > 1<<30 {
			return nil, false
		}
		return nth{n}, true
	}
	return nil, false
}

func function(f *gojq.Func) (step, bool) {
	switch {
	case f.Name == "keys" && len(f.Args) == 0:
		return keysOf{}, true
	case f.Name == "length" && len(f.Args) == 0:
		return lengthOf{}, true
	case f.Name == "select" && len(f.Args) == 1:
		return condition(f.Args[0])
	}
	return nil, false
}

// condition is select's argument: PATH (kept when truthy), or PATH ==
// LITERAL, PATH != LITERAL, either way round.
func condition(q *gojq.Query) (step, bool) {
	if q.Term == nil && (q.Op == gojq.OpEq || q.Op == gojq.OpNe) {
		path, lit := q.Left, q.Right
		l, ok := literalOf(lit)
		if !ok {
			path, lit = q.Right, q.Left
			if l, ok = literalOf(lit); !ok {
				return nil, false
			}
		}
		p, ok := query(path)
		if !ok || !pathOnly(p) {
			return nil, false
		}
		return selectEq{path: p, lit: l, not: q.Op == gojq.OpNe}, true
	}
	p, ok := query(q)
	if !ok || !pathOnly(p) {
		return nil, false
	}
	return selectTruthy{path: p}, true
}

// pathOnly reports whether s outputs nodes of the document (no computed
// values, so no keys or length) and has no select of its own.
func pathOnly(s step) bool {
	switch s := s.(type) {
	case identity, field, nth, iterate:
		return true
	case pipe:
		return pathOnly(s.l) && pathOnly(s.r)
	case comma:
		return pathOnly(s.l) && pathOnly(s.r)
	}
	return false
}

type litKind uint8

const (
	litNull litKind = iota
	litBool
	litNumber
	litString
)

// literal is a constant of the filter: text is a number's literal (with
// its sign), a string's value, or "true"/"false".
type literal struct {
	kind litKind
	text string
}

func literalOf(q *gojq.Query) (literal, bool) {
	if q == nil || q.Term == nil || q.Left != nil || q.Right != nil || len(q.FuncDefs) > 0 {
		return literal{}, false
	}
	t := q.Term
	if len(t.SuffixList) > 0 {
		return literal{}, false
	}
	switch t.Type {
	case gojq.TermTypeNull:
		return literal{kind: litNull}, true
	case gojq.TermTypeTrue:
		return literal{kind: litBool, text: "true"}, true
	case gojq.TermTypeFalse:
		return literal{kind: litBool, text: "false"}, true
	case gojq.TermTypeNumber:
		return literal{kind: litNumber, text: t.Number}, true
	case gojq.TermTypeString:
		if t.Str == nil || t.Str.Queries != nil {
			return literal{}, false
		}
		return literal{kind: litString, text: t.Str.Str}, true
	case gojq.TermTypeUnary:
		if t.Unary != nil && t.Unary.Op == gojq.OpSub && t.Unary.Term != nil && t.Unary.Term.Type == gojq.TermTypeNumber && len(t.Unary.Term.SuffixList) == 0 {
			return literal{kind: litNumber, text: "-" + t.Unary.Term.Number}, true
		}
	case gojq.TermTypeQuery:
		return literalOf(t.Query)
	}
	return literal{}, false
}
