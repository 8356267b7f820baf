package ui

import (
	"context"
	"sync/atomic"
	"time"
)

// slice is how long heavy work may hold the page before it lets the
// browser paint and handle input. Go in wasm runs on the page's only
// thread, so a goroutine started with ctx.Async still freezes the page
// until it blocks; waiting for the browser's next task (nextTask) is what
// hands control back.
const slice = 40 * time.Millisecond

// lastBreath is when heavy work last let the browser run, in unix
// nanoseconds. It is shared: checking and indexing bodies, indexing the
// result, indenting it and searching it may run at once in different
// goroutines, and the page is held for their sum,
// so each of them yields once the slice since the last breath is used up.
var lastBreath atomic.Int64

func init() { lastBreath.Store(time.Now().UnixNano()) }

// sliceUsed reports whether heavy work has held the page for a slice.
func sliceUsed() bool { return time.Now().UnixNano()-lastBreath.Load() > int64(slice) }

// pause is the hook handed to code that knows nothing of browsers
// (fanout's checks and indexing of each body): between two pieces of work
// it yields when the slice is used up, and stops when ctx is done.
func pause(ctx context.Context) error {
	if !sliceUsed() {
		return ctx.Err()
	}
	return breathe(ctx)
}

// pace calls step (a few milliseconds of work) until it reports done,
// yielding to the browser whenever the shared slice is used up and calling
// progress (if any) before each yield.
func pace(ctx context.Context, step func() bool, progress func()) error {
	for !step() {
		if !sliceUsed() {
			continue
		}
		if progress != nil {
			progress()
		}
		if err := breathe(ctx); err != nil {
			return err
		}
	}
	return nil
}

// breathe waits for the browser's next task, so it paints and handles
// input, and starts a new slice.
func breathe(ctx context.Context) error {
	if err := nextTask(ctx); err != nil {
		return err
	}
	lastBreath.Store(time.Now().UnixNano())
	return nil
}

// breatheTimer blocks on a short timer.
func breatheTimer(ctx context.Context) error {
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
