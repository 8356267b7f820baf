package ui

import (
	"context"
	"sync/atomic"
	"time"
)

// slice is how long heavy work may hold the page before it lets the
// browser paint and handle input. Go in wasm runs on the page's only
// thread, so a goroutine started with ctx.Async still freezes the page
// until it blocks; waiting on a timer is what hands control back.
const slice = 40 * time.Millisecond

// pace calls step until it reports done, yielding to the browser after each
// slice and calling progress (if any) before each yield.
func pace(ctx context.Context, step func() bool, progress func()) error {
	for {
		began := time.Now()
		for time.Since(began) < slice {
			if step() {
				return nil
			}
		}
		if progress != nil {
			progress()
		}
		if err := breathe(ctx); err != nil {
			return err
		}
	}
}

// breathe blocks on a short timer so the JS event loop runs.
func breathe(ctx context.Context) error {
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// yieldingContext is a context whose Done and Err, which gojq and jqfilter
// poll between operations, also yield to the browser once a slice has
// passed: a filter that runs for seconds leaves the page (and its Cancel
// button) responsive without jqfilter knowing about browsers.
type yieldingContext struct {
	context.Context
	calls atomic.Int64
	last  atomic.Int64 // unix nanoseconds of the last yield
}

func newYieldingContext(ctx context.Context) *yieldingContext {
	y := &yieldingContext{Context: ctx}
	y.last.Store(time.Now().UnixNano())
	return y
}

func (y *yieldingContext) Done() <-chan struct{} {
	y.maybeYield()
	return y.Context.Done()
}

func (y *yieldingContext) Err() error {
	y.maybeYield()
	return y.Context.Err()
}

func (y *yieldingContext) maybeYield() {
	if y.calls.Add(1)%512 != 0 {
		return
	}
	if now := time.Now().UnixNano(); now-y.last.Load() > int64(slice) {
		time.Sleep(time.Millisecond)
		y.last.Store(time.Now().UnixNano())
	}
}
