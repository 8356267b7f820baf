package jqwork

import (
	"context"
	"errors"

	"fanin/app/jqfast"
	"fanin/app/jqfilter"
	"fanin/app/jsontree"
)

// fast answers a plain run from the document's index; ok is false when
// the plan fell back and gojq must run instead.
func (e *Engine) fast(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, tell func(Progress)) (Reply, bool) {
	if e.tree == nil {
		t, err := index(ctx, e.doc, func(p float64) { tell(Progress{"indexing", p}) })
		if err != nil {
			return Reply{}, false // gojq reports the document's trouble
		}
		e.tree = t
	}
	tell(Progress{"running", 0})
	out, err := runPlan(ctx, f, plan, e.tree, func(p float64) { tell(Progress{"running", p}) })
	if errors.Is(err, jqfast.ErrFallback) {
		return Reply{}, false
	}
	r := Reply{Out: out, Fast: true}
	if err != nil {
		r.Err = err.Error()
	}
	return r, true
}

// each runs f against every value on its own: from each value's index
// when there is a plan, else, or where the plan falls back, with gojq.
func (e *Engine) each(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, tell func(Progress)) Reply {
	r := Reply{Outs: make([][]byte, len(e.values)), Errs: make([]string, len(e.values)), Fast: plan != nil}
	if plan != nil && e.trees == nil {
		e.trees = make([]*jsontree.Tree, len(e.values))
	}
	total, done := 0, 0
	for _, v := range e.values {
		total += len(v)
	}
	for i, v := range e.values {
		if v == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			r.Errs[i] = "jq: " + err.Error()
			continue
		}
		share := func(p float64) {
			if total > 0 {
				tell(Progress{"running", (float64(done) + p*float64(len(v))) / float64(total)})
			}
		}
		out, err := e.eachOne(ctx, f, plan, i, share)
		if errors.Is(err, jqfast.ErrFallback) {
			r.Fast = false
			out, err = f.Run(ctx, v)
		}
		r.Outs[i] = out
		if err != nil {
			r.Errs[i] = err.Error()
		}
		done += len(v)
	}
	return r
}

func (e *Engine) eachOne(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, i int, tell func(float64)) ([]byte, error) {
	if plan == nil {
		return nil, jqfast.ErrFallback
	}
	if e.trees[i] == nil {
		t, err := index(ctx, e.values[i], tell)
		if err != nil {
			return nil, jqfast.ErrFallback
		}
		e.trees[i] = t
	}
	return runPlan(ctx, f, plan, e.trees[i], nil)
}

func runPlan(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, t *jsontree.Tree, tell func(float64)) ([]byte, error) {
	var fellBack bool
	out, err := f.Collect(ctx, func(emit func(any) error) error {
		err := plan.Run(ctx, t, emit, tell)
		fellBack = errors.Is(err, jqfast.ErrFallback)
		return err
	})
	if fellBack {
		return nil, jqfast.ErrFallback
	}
	return out, err
}

// index builds doc's tree a slice at a time, telling progress and
// stopping when ctx is done.
func index(ctx context.Context, doc []byte, tell func(float64)) (*jsontree.Tree, error) {
	ix := jsontree.NewIndexer(doc)
	for !ix.Step(4 << 20) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if tell != nil {
			tell(ix.Progress())
		}
	}
	if tell != nil {
		tell(1)
	}
	return ix.Tree()
}
