// Package jqwork runs jq filters over a result away from the page's thread.
// Decoding a 10 MB result into Go values for gojq makes a heap whose every
// garbage collection holds the page for a second (Go's collector in wasm
// marks in one go, with no threads to spread it over), so in the browser
// the filters run in a Web Worker: the page's own app.wasm, started by
// web/jqworker.js, which gets the document once and answers each filter.
// Cancelling a run ends the worker, which stops even a filter that never
// ends; the next run starts a new one. Outside the browser the same Engine
// runs in-process.
package jqwork

import (
	"context"
	"errors"

	"fanin/app/jqfilter"
)

// Job is one filter run.
type Job struct {
	Expr    string
	Compact bool // one line per output
	// Each runs the filter against every response's value on its own (the
	// compare table) instead of against the combined document.
	Each bool
}

// Reply is what a run produced: for a plain run Out and Err, for Each one
// output and one error per response (Errs[i] is "" when there was none).
type Reply struct {
	Out  []byte
	Err  string // the error, with the output so far in Out
	Outs [][]byte
	Errs []string
}

// Engine holds a result and runs jobs over it, decoding the document for
// the first plain run and keeping it for the next ones.
type Engine struct {
	doc    []byte
	values [][]byte // each response's value; nil where a URL failed
	input  *jqfilter.Input
}

// NewEngine prepares to run filters over doc and, for Each, values.
func NewEngine(doc []byte, values [][]byte) *Engine {
	return &Engine{doc: doc, values: values}
}

// Run runs job; a cancelled ctx stops it between operations.
func (e *Engine) Run(ctx context.Context, job Job) Reply {
	f, err := jqfilter.Compile(job.Expr)
	if err != nil {
		return Reply{Err: err.Error()}
	}
	f.Compact = job.Compact
	if job.Each {
		outs, errs := jqfilter.EvalEach(ctx, f, e.values)
		r := Reply{Outs: outs, Errs: make([]string, len(errs))}
		for i, err := range errs {
			if err != nil {
				r.Errs[i] = err.Error()
			}
		}
		return r
	}
	if e.input == nil {
		if e.input, err = jqfilter.Decode(e.doc); err != nil {
			return Reply{Err: err.Error()}
		}
	}
	out, err := f.RunInput(ctx, e.input)
	r := Reply{Out: out}
	if err != nil {
		r.Err = err.Error()
	}
	return r
}

// ErrWorker is returned when the worker could not be started or died.
var ErrWorker = errors.New("jq worker failed")
