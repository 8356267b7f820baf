package pace_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"fanin/app/pace"
)

// fakeClock moves only when a test moves it.
type fakeClock struct{ t atomic.Int64 }

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.t.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.t.Add(int64(d)) }

func TestPacer(t *testing.T) {
	t.Parallel()
	t.Run("work yields once per used slice, with progress before each yield", func(t *testing.T) {
		t.Parallel()
		clock := &fakeClock{}
		yields, progress := 0, 0
		p := pace.New(func(context.Context) error { yields++; return nil }, clock.now)
		steps := 0
		err := p.Run(context.Background(), func() bool {
			steps++
			clock.advance(15 * time.Millisecond) // three steps use up a 40 ms slice
			return steps == 9
		}, func() { progress++ })
		if err != nil || yields != 2 || progress != 2 {
			t.Fatalf("got err %v, %d yields, %d progress calls; want nil, 2, 2", err, yields, progress)
		}
	})
	t.Run("a pause within the slice does not yield", func(t *testing.T) {
		t.Parallel()
		clock := &fakeClock{}
		yields := 0
		p := pace.New(func(context.Context) error { yields++; return nil }, clock.now)
		clock.advance(10 * time.Millisecond)
		if err := p.Pause(context.Background()); err != nil || yields != 0 {
			t.Fatalf("got %v, %d yields", err, yields)
		}
		clock.advance(40 * time.Millisecond)
		if err := p.Pause(context.Background()); err != nil || yields != 1 {
			t.Fatalf("got %v, %d yields; want one once the slice is used", err, yields)
		}
	})
	t.Run("the slice is shared by every user of one pacer", func(t *testing.T) {
		t.Parallel()
		clock := &fakeClock{}
		yields := 0
		p := pace.New(func(context.Context) error { yields++; return nil }, clock.now)
		clock.advance(30 * time.Millisecond) // another goroutine's work
		_ = p.Run(context.Background(), func() bool { clock.advance(20 * time.Millisecond); return yields > 0 }, nil)
		if yields != 1 {
			t.Fatalf("got %d yields; the first step should have found the slice used", yields)
		}
	})
	t.Run("cancelling ends the work with the context's error", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		clock := &fakeClock{}
		p := pace.New(func(ctx context.Context) error { return ctx.Err() }, clock.now)
		n := 0
		err := p.Run(ctx, func() bool { n++; clock.advance(time.Second); return false }, cancel)
		if !errors.Is(err, context.Canceled) || n == 0 {
			t.Fatalf("got %v after %d steps", err, n)
		}
		if err := p.Pause(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("Pause after cancel: got %v", err)
		}
	})
}
