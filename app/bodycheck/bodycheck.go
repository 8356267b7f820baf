// Package bodycheck is what fanin asks of a response body: one JSON value,
// judged the way encoding/json judges it (app/jsonvalue), a slice at a time
// so that the page can yield between slices. For the page, the same scan
// also indexes the body (app/jsontree), and the trees are kept by URL for
// the result to graft into the combined document's tree. fanout is handed
// a Checker's Check and knows nothing of JSON.
package bodycheck

import (
	"context"
	"errors"
	"math"
	"sync"

	"fanin/app/fanout"
	"fanin/app/jsontree"
	"fanin/app/jsonvalue"
)

// Step is how many bytes of a body are checked between pauses.
const Step = 256 << 10

// Checker checks bodies, and keeps their trees when asked to.
type Checker struct {
	// Pause, when set, is called between slices of a body; an error from
	// it abandons the check (the URL is cancelled).
	Pause func(context.Context) error
	index bool

	mu    sync.Mutex
	trees []*jsontree.Tree // by URL number
}

// JSON returns a Checker that only checks.
func JSON(pause func(context.Context) error) *Checker { return &Checker{Pause: pause} }

// Indexing returns a Checker that also keeps each good body's tree, for n
// URLs (more when a paginated run's pages come: by fanout.Result.Slot).
func Indexing(n int, pause func(context.Context) error) *Checker {
	return &Checker{Pause: pause, index: true, trees: make([]*jsontree.Tree, n)}
}

// Check is a fanout.Check: the body's JSON value, or a not-json or empty
// Error.
func (c *Checker) Check(ctx context.Context, index int, body []byte) ([]byte, *fanout.Error) {
	chk := jsonvalue.NewChecker(body)
	if c.index {
		chk = jsonvalue.NewIndexingChecker(body)
	}
	for c.Pause != nil && !chk.Step(Step) {
		if err := c.Pause(ctx); err != nil {
			return nil, fanout.Cancelled()
		}
	}
	for !chk.Step(math.MaxInt) {
	}
	data, err := chk.Value()
	switch {
	case err == nil:
		c.keep(index, chk.Tree())
		return data, nil
	case errors.Is(err, jsonvalue.ErrEmpty):
		c.keep(index, nil)
		return nil, &fanout.Error{Kind: fanout.KindEmpty, Message: err.Error(), Err: err}
	default:
		c.keep(index, nil)
		return nil, &fanout.Error{Kind: fanout.KindNotJSON, Message: err.Error(), Err: err}
	}
}

func (c *Checker) keep(index int, t *jsontree.Tree) {
	if !c.index || index < 0 {
		return
	}
	c.mu.Lock()
	if index >= len(c.trees) && c.trees != nil { // a paginated run's pages are not counted ahead
		c.trees = append(c.trees, make([]*jsontree.Tree, index+1-len(c.trees))...)
	}
	if index < len(c.trees) {
		c.trees[index] = t
	}
	c.mu.Unlock()
}

// Trees hands over the kept trees, by URL number (nil where a body was not
// indexed), and forgets them.
func (c *Checker) Trees() []*jsontree.Tree {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.trees
	c.trees = nil
	return t
}

// Value returns the JSON value a response carries, or why it carries none:
// a status outside 2xx, an empty body, or a body that is not JSON. It is
// what fanout and this package together make of one response.
func Value(resp *fanout.Response) ([]byte, *fanout.Error) {
	if resp.Status < 200 || resp.Status > 299 {
		return nil, fanout.StatusError(resp)
	}
	return JSON(nil).Check(context.Background(), 0, resp.Body)
}
