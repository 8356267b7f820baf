package jqengine

import (
	"context"

	"fanin/app/jqwork"
)

// Local runs jobs over one result in the calling goroutine: the worker,
// the CLI and the page's native tests use it.
type Local struct{ engine *Engine }

// NewLocal prepares to run filters over doc and, for Each, values.
func NewLocal(doc []byte, values [][]byte) jqwork.Runner {
	return &Local{engine: NewEngine(doc, values)}
}

// Run runs job and returns its reply, or ctx's error once ctx is done.
func (l *Local) Run(ctx context.Context, job Job) (Reply, error) {
	r := l.engine.Run(ctx, job)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	return r, nil
}

// Close lets the result go.
func (l *Local) Close() {}
