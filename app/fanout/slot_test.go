package fanout_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"fanin/app/fanout"
)

// gatedFetcher answers 200 at once, except that each URL in fail answers
// 503 the first time; it records the order of its calls.
type gatedFetcher struct {
	mu    sync.Mutex
	calls []string
	fail  map[string]bool
}

func (f *gatedFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, req.URL)
	if f.fail[req.URL] {
		delete(f.fail, req.URL)
		return &fanout.Response{Status: 503, Body: []byte("busy")}, nil
	}
	return &fanout.Response{Status: 200, Body: []byte(`1`)}, nil
}

// guard fails the test instead of hanging when what it waits for never
// comes: a deadlock detector, not a speed check. It runs on fetching
// goroutines, so it reports with Errorf and lets the run go on.
func guard(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Errorf("%s never happened: the slot was still held", what)
	}
}

// TestSlotFreedOnArrival: with one request at a time, the next URL's
// request starts while the first body is still being checked, and while a
// failed URL waits to be retried. A slot held through either would
// deadlock these runs.
func TestSlotFreedOnArrival(t *testing.T) {
	t.Parallel()
	t.Run("check", func(t *testing.T) {
		t.Parallel()
		f := &gatedFetcher{}
		second := make(chan struct{})
		check := func(ctx context.Context, slot int, body []byte) ([]byte, *fanout.Error) {
			switch slot {
			case 0:
				guard(t, second, "the second request")
			case 1:
				close(second)
			}
			return body, nil
		}
		res := fanout.Run(context.Background(), []string{"https://a.test/0", "https://a.test/1"}, f, fanout.Options{Concurrency: 1, Check: check}, nil)
		if !res[0].OK() || !res[1].OK() {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("retry wait", func(t *testing.T) {
		t.Parallel()
		f := &gatedFetcher{fail: map[string]bool{"https://a.test/0": true}}
		clock := &gateClock{opened: make(chan struct{})}
		check := func(ctx context.Context, slot int, body []byte) ([]byte, *fanout.Error) {
			if slot == 1 {
				clock.open()
			}
			return body, nil
		}
		opts := fanout.Options{Concurrency: 1, Retries: 1, Backoff: fanout.Backoff{Base: time.Second}, Clock: clock, Check: check}
		res := fanout.Run(context.Background(), []string{"https://a.test/0", "https://a.test/1"}, f, opts, nil)
		if !res[0].OK() || res[0].Attempts != 2 || !res[1].OK() {
			t.Fatalf("got %+v", res)
		}
		if want := []string{"https://a.test/0", "https://a.test/1", "https://a.test/0"}; len(f.calls) != 3 || f.calls[1] != want[1] {
			t.Fatalf("calls %v, want %v: the second URL goes while the first waits", f.calls, want)
		}
	})
}

// gateClock's Sleep returns once the test opens it (and at most after a
// guard's time, failing the wait).
type gateClock struct {
	once   sync.Once
	opened chan struct{}
}

func (c *gateClock) open()          { c.once.Do(func() { close(c.opened) }) }
func (c *gateClock) Now() time.Time { return time.Unix(0, 0) }
func (c *gateClock) Sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-c.opened:
		return true
	case <-time.After(30 * time.Second):
		return false
	case <-ctx.Done():
		return false
	}
}
