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
// NewLocal elsewhere.
type Factory func(doc []byte, values [][]byte) Runner
