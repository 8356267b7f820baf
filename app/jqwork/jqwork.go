// Package jqwork runs jq filters over a result away from the page's thread,
// and holds what a run is (Job, Reply, Progress) wherever it runs. Decoding
// a 10 MB result into Go values for gojq makes a heap whose every garbage
// collection holds the page for a second (Go's collector in wasm marks in
// one go, with no threads to spread it over), so in the browser the
// filters run in a Web Worker: web/jq.wasm (cmd/fanin/jqworker), started by
// web/jqworker.js, which gets the document once and answers each filter.
// Cancelling a run ends the worker, which stops even a filter that never
// ends; the next run starts a new one. The worker also answers the page's
// next-page expressions (NextWorker).
//
// This package links no jq: the engine (app/jqengine, gojq) is in the
// worker's wasm and in the native binary, not in the page's wasm, whose
// every start would otherwise pay gojq's package init and its code's
// compile (about 40 ms of a 360 ms warm start, and 17% of its code).
package jqwork

import "errors"

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
// An Each run whose filter does not compile has Err and no Outs. Fast says
// app/jqfast answered the run from the bytes, not gojq.
type Reply struct {
	Out  []byte
	Err  string // the error, with the output so far in Out
	Outs [][]byte
	Errs []string
	Fast bool
}

// ErrWorker is returned when the worker could not be started or died.
var ErrWorker = errors.New("jq worker failed")

// ErrNoJQ is the error of a Runner or next-page evaluator made where no jq
// is linked and none was given (the page's wasm without its worker).
var ErrNoJQ = errors.New("jq is not available here")
