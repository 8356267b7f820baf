package jqengine

import (
	"context"
	"errors"

	"fanin/app/jqfast"
	"fanin/app/jqfilter"
)

// fast answers a plain run from the document's bytes (app/jqfast's
// RunBytes: nothing decoded but the outputs, nothing indexed); ok is false
// when the plan fell back and gojq must run instead.
func (e *Engine) fast(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, tell func(Progress)) (Reply, bool) {
	tell(Progress{Stage: "running", Done: 0})
	out, err := runPlan(ctx, f, plan, e.doc, func(p float64) { tell(Progress{Stage: "running", Done: p}) })
	if errors.Is(err, jqfast.ErrFallback) {
		return Reply{}, false
	}
	tell(Progress{Stage: "running", Done: 1})
	r := Reply{Out: out, Fast: true}
	if err != nil {
		r.Err = err.Error()
	}
	return r, true
}

// each runs f against every value on its own: from the value's bytes when
// there is a plan, else, or where the plan falls back, with gojq.
func (e *Engine) each(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, tell func(Progress)) Reply {
	r := Reply{Outs: make([][]byte, len(e.values)), Errs: make([]string, len(e.values)), Fast: plan != nil}
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
		if total > 0 {
			tell(Progress{Stage: "running", Done: float64(done) / float64(total)})
		}
		out, err := []byte(nil), jqfast.ErrFallback
		if plan != nil {
			out, err = runPlan(ctx, f, plan, v, nil)
		}
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

func runPlan(ctx context.Context, f *jqfilter.Filter, plan *jqfast.Plan, doc []byte, tell func(float64)) ([]byte, error) {
	var fellBack bool
	out, err := f.Collect(ctx, func(emit func(any) error) error {
		err := plan.RunBytes(ctx, doc, emit, tell)
		fellBack = errors.Is(err, jqfast.ErrFallback)
		return err
	})
	if fellBack {
		return nil, jqfast.ErrFallback
	}
	return out, err
}
