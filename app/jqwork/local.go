//go:build !(js && wasm)

package jqwork

import "context"

// Client runs jobs over one result. Outside the browser it runs them in
// the calling goroutine.
type Client struct{ engine *Engine }

// NewClient prepares to run filters over doc and, for Each, values.
func NewClient(doc []byte, values [][]byte) *Client {
	return &Client{engine: NewEngine(doc, values)}
}

// Run runs job and returns its reply, or ctx's error once ctx is done.
func (c *Client) Run(ctx context.Context, job Job) (Reply, error) {
	r := c.engine.Run(ctx, job)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	return r, nil
}

// Close lets the result go.
func (c *Client) Close() {}

// Serve reports false: only a browser's worker serves jobs.
func Serve() bool { return false }
