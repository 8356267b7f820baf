// Package jqengine runs jq filters over a result: the one place that
// chooses between answering from the bytes (app/jqfast) and running gojq
// over the decoded document (app/jqfilter). The jq worker's wasm
// (cmd/fanin/jqworker) and the native fanin run it; the page's wasm does
// not link it (see app/jqwork), so gojq is never part of the page's start.
package jqengine

import (
	"context"
	"runtime"
	"runtime/debug"

	"fanin/app/jqfast"
	"fanin/app/jqfilter"
	"fanin/app/jqwork"
)

// Job, Reply and Progress are app/jqwork's, wherever a run happens.
type (
	Job      = jqwork.Job
	Reply    = jqwork.Reply
	Progress = jqwork.Progress
)

// Engine holds a result and runs jobs over it. It is the one place that
// chooses how a filter runs: a path-only filter (app/jqfast.Compile) is
// answered from the document's bytes, decoding only its outputs; anything
// else, or a path jqfast cannot answer as gojq would, runs in gojq over
// the document decoded once (app/jqfast.Decode) and kept.
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
	tell := job.Progress
	if tell == nil {
		tell = func(Progress) {}
	}
	plan := jqfast.Compile(job.Expr)
	if job.Each {
		return e.each(ctx, f, plan, tell)
	}
	if plan != nil {
		if r, ok := e.fast(ctx, f, plan, tell); ok {
			return r
		}
	}
	if e.input == nil {
		in, err := decode(ctx, e.doc, func(p float64) { tell(Progress{Stage: "decoding", Done: p}) })
		if err != nil {
			return Reply{Err: err.Error()}
		}
		e.input = in
	}
	tell(Progress{Stage: "running", Done: 0})
	defer holdCollector()()
	out, err := f.RunInput(ctx, e.input)
	r := Reply{Out: out}
	if err != nil {
		r.Err = err.Error()
	}
	return r
}

// decode decodes doc for gojq with the garbage collector paused: decoding
// makes almost no garbage (everything it allocates is the result), so a
// collection meanwhile only marks the growing result again and again; in
// wasm, where the collector has one thread, that was 60% of decoding's
// time. The pause is process-wide, so it lasts for the decoding only.
func decode(ctx context.Context, doc []byte, tell func(float64)) (*jqfilter.Input, error) {
	if len(doc) >= reserveFrom {
		reserve(decodedPerByte * len(doc))
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	return jqfilter.DecodeContext(ctx, doc, tell)
}

// A decoded document takes about decodedPerByte times its bytes of heap
// (4.8 for the bench's records). Growing wasm's memory to that a few
// megabytes at a time, as the heap grows, took 60% of decoding 100 MB
// (5.4 s against 2.0 s in memory already grown), so for a big document
// the heap is grown in one go first.
const (
	decodedPerByte = 5
	reserveFrom    = 16 << 20
)

// reserve grows the heap by n bytes and frees them, so the allocations
// that follow take pages already there.
func reserve(n int) {
	b := make([]byte, n)
	b[n-1] = 1
	runtime.KeepAlive(b)
	runtime.GC()
}

// holdCollector pauses the collector until the heap has doubled, and
// returns what puts it back. Right after decoding, the collector's goal
// still comes from the heap before it, so gojq's first allocation would
// start a collection that marks the whole decoded document (seconds in
// wasm); with the collector off and a soft memory limit at twice the heap
// in use, it runs only once the heap has grown as much as GOGC=100 allows
// anyway.
func holdCollector() func() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := debug.SetMemoryLimit(int64(max(2*ms.HeapAlloc, ms.HeapAlloc+256<<20)))
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
