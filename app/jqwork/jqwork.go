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
	"runtime"
	"runtime/debug"

	"fanin/app/jqfast"
	"fanin/app/jqfilter"
)

// Job is one filter run.
type Job struct {
	Expr    string
	Compact bool // one line per output
	// Each runs the filter against every response's value on its own (the
	// compare table) instead of against the combined document.
	Each bool
	// Progress, if not nil, hears how far the run is, now and then, in the
	// goroutine that called Run. It is not sent to a worker.
	Progress func(Progress)
}

// Progress is how far a run is: Stage says what it is doing ("decoding",
// "running"), Done the share of that stage done, 0 to 1.
type Progress struct {
	Stage string
	Done  float64
}

// Reply is what a run produced: for a plain run Out and Err, for Each one
// output and one error per response (Errs[i] is "" when there was none).
// Fast says app/jqfast answered the run from the bytes, not gojq.
type Reply struct {
	Out  []byte
	Err  string // the error, with the output so far in Out
	Outs [][]byte
	Errs []string
	Fast bool
}

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
		in, err := decode(ctx, e.doc, func(p float64) { tell(Progress{"decoding", p}) })
		if err != nil {
			return Reply{Err: err.Error()}
		}
		e.input = in
	}
	tell(Progress{"running", 0})
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

// ErrWorker is returned when the worker could not be started or died.
var ErrWorker = errors.New("jq worker failed")
