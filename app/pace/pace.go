// Package pace shares the page's one thread between heavy work and the
// browser. Go in wasm runs on the page's only thread, so a goroutine that
// checks, indexes or indents megabytes freezes the page until it blocks;
// a Pacer lets each piece of work run for a slice and then waits for the
// browser's next task (a Yield the caller supplies: a MessageChannel
// message in the page, a short timer elsewhere). The slice is shared by
// every goroutine using one Pacer, since the page is held for their sum.
// Clock and yield are injected, so tests neither sleep nor race on a
// package global.
package pace

import (
	"context"
	"sync/atomic"
	"time"
)

// DefaultSlice is how long heavy work may hold the page before it lets the
// browser paint and handle input.
const DefaultSlice = 40 * time.Millisecond

// Yield waits until the browser has had a turn, or ctx is done.
type Yield func(ctx context.Context) error

// Pacer hands out slices of the page's thread.
type Pacer struct {
	slice time.Duration
	now   func() time.Time
	yield Yield
	last  atomic.Int64 // when the browser last had a turn, in unix nanoseconds
}

// New returns a Pacer that yields with yield (nil: a 1 ms timer) and reads
// the time with now (nil: time.Now).
func New(yield Yield, now func() time.Time) *Pacer {
	if yield == nil {
		yield = TimerYield
	}
	if now == nil {
		now = time.Now
	}
	p := &Pacer{slice: DefaultSlice, now: now, yield: yield}
	p.last.Store(now().UnixNano())
	return p
}

// used reports whether heavy work has held the page for a slice.
func (p *Pacer) used() bool { return p.now().UnixNano()-p.last.Load() > int64(p.slice) }

// Pause is the hook for code that knows nothing of browsers (checking
// and indexing each body as it arrives): between two pieces of work it
// yields when the slice is used up, and says when ctx is done.
func (p *Pacer) Pause(ctx context.Context) error {
	if !p.used() {
		return ctx.Err()
	}
	return p.breathe(ctx)
}

// Run calls step (a few milliseconds of work) until it reports done,
// yielding whenever the shared slice is used up and calling progress (if
// any) before each yield.
func (p *Pacer) Run(ctx context.Context, step func() bool, progress func()) error {
	for !step() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !p.used() {
			continue
		}
		if progress != nil {
			progress()
		}
		if err := p.breathe(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (p *Pacer) breathe(ctx context.Context) error {
	if err := p.yield(ctx); err != nil {
		return err
	}
	p.last.Store(p.now().UnixNano())
	return nil
}

// TimerYield blocks on a 1 ms timer: outside the browser there is no page
// to let paint, only other goroutines to let run.
func TimerYield(ctx context.Context) error {
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
