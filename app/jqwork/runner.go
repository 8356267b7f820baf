package jqwork

import "context"

// Runner runs jq jobs over one result until it is closed. The result's
// owner (app/result) makes it on first use and closes it when the result
// goes; the views only call Run.
type Runner interface {
	// Run runs job and returns its reply, or ctx's error once ctx is
	// done (a Worker then ends its worker, which stops any filter).
	Run(ctx context.Context, job Job) (Reply, error)
	// Close ends the runner; a Worker's next Run starts another worker.
	Close()
}

// Factory makes a Runner over a combined document and, for Each jobs,
// each response's value (nil where a URL failed): NewWorker in the page,
// app/jqengine.NewLocal elsewhere.
type Factory func(doc []byte, values [][]byte) Runner

// Unavailable is the Factory where no jq is linked and none was given: its
// runs fail with ErrNoJQ.
func Unavailable(doc []byte, values [][]byte) Runner { return unavailable{} }

type unavailable struct{}

func (unavailable) Run(context.Context, Job) (Reply, error) { return Reply{}, ErrNoJQ }
func (unavailable) Close()                                  {}

// First runs a next-page expression over a page's body and gives its first
// output (app/pages.JQ's First): app/jqengine.Next's, in the worker.
type First func(ctx context.Context, expr string, body []byte) (string, error)

// WasmName is the jq worker's wasm (cmd/fanin/jqworker) in web/, beside
// the page's app.wasm.
const WasmName = "jq.wasm"
