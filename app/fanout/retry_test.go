package fanout_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fanin/app/fanout"
)

// flakyFetcher fails with the given statuses before it succeeds.
type flakyFetcher struct {
	fails      []int // statuses to answer first; 0 means a network error
	retryAfter string
	calls      atomic.Int32
	headers    atomic.Value
}

func (f *flakyFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	n := int(f.calls.Add(1)) - 1
	f.headers.Store(req.Headers)
	if n < len(f.fails) {
		if f.fails[n] == 0 {
			return nil, &fanout.Error{Kind: fanout.KindNetwork, Message: "reset"}
		}
		return &fanout.Response{Status: f.fails[n], Body: []byte("busy"), RetryAfter: f.retryAfter}, nil
	}
	return &fanout.Response{Status: 200, Body: []byte(`{"ok":true}`)}, nil
}

func TestRetries(t *testing.T) {
	t.Parallel()
	fast := fanout.Backoff{Base: time.Millisecond, Max: 50 * time.Millisecond}
	t.Run("network errors, 429 and 5xx are retried until success", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{0, 503, 429}}
		r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Retries: 3, Backoff: fast}, nil)[0]
		if !r.OK() || r.Attempts != 4 || f.calls.Load() != 4 {
			t.Fatalf("got %+v after %d calls", r, f.calls.Load())
		}
	})
	t.Run("retries stop at the limit and keep the last failure", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{500, 500, 500, 500}}
		r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Retries: 2, Backoff: fast}, nil)[0]
		if r.OK() || r.Attempts != 3 || r.Status != 500 || r.Err.Kind != fanout.KindHTTPStatus {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("a 404 is not retried", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{404}}
		r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Retries: 5, Backoff: fast}, nil)[0]
		if r.Attempts != 1 {
			t.Fatalf("got %d attempts, want 1", r.Attempts)
		}
	})
	t.Run("Retry-After is honoured", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{429, 503}, retryAfter: "7"}
		clock := &stepClock{}
		opts := fanout.Options{Retries: 2, Backoff: fanout.Backoff{Base: time.Millisecond}, Clock: clock}
		r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, opts, nil)[0]
		if !r.OK() || r.Attempts != 3 {
			t.Fatalf("got %+v; want success on the third attempt", r)
		}
		if got := clock.waits(); len(got) != 2 || got[0] != 7*time.Second || got[1] != 7*time.Second {
			t.Fatalf("waited %v; want the server's 7 s before each retry", got)
		}
		if r.Elapsed() < 14*time.Second {
			t.Fatalf("the URL took %v on the run's clock; want the 14 s it waited", r.Elapsed())
		}
	})
	t.Run("backoff waits grow from the base without Retry-After", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{0, 0, 0}}
		clock := &stepClock{}
		b := fanout.Backoff{Base: 100 * time.Millisecond, Max: time.Minute, Rand: func() float64 { return 1 }}
		r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Retries: 3, Backoff: b, Clock: clock}, nil)[0]
		want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
		if got := clock.waits(); !r.OK() || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("got %+v with waits %v; want success after %v", r, got, want)
		}
	})
	t.Run("cancelling during a wait ends the URL as cancelled", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{fails: []int{503}, retryAfter: "3600"}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		r := fanout.Run(ctx, []string{"https://a.test/"}, f, fanout.Options{Retries: 1}, nil)[0]
		if r.Err == nil || r.Err.Kind != fanout.KindCancelled {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("headers go with every request", func(t *testing.T) {
		t.Parallel()
		f := &flakyFetcher{}
		h := []fanout.Header{{Name: "Authorization", Value: "Bearer x"}}
		fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Headers: h}, nil)
		if got := f.headers.Load().([]fanout.Header); len(got) != 1 || got[0] != h[0] {
			t.Fatalf("got %v", got)
		}
	})
}

func TestBackoffWait(t *testing.T) {
	t.Parallel()
	b := fanout.Backoff{Base: 100 * time.Millisecond, Max: 2 * time.Second, Rand: func() float64 { return 1 }}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		attempt    int
		retryAfter string
		want       time.Duration
	}{
		{0, "", 100 * time.Millisecond},
		{3, "", 800 * time.Millisecond},
		{10, "", 2 * time.Second},
		{0, "5", 2 * time.Second},
		{0, "1", time.Second},
		{0, "Tue, 24 Nov 2026 12:00:01 GMT", time.Second},
		{0, "Tue, 24 Nov 2026 11:00:00 GMT", 0},
		{1, "soon", 200 * time.Millisecond},
		{0, "-3", 100 * time.Millisecond},
	} {
		if got := b.Wait(tc.attempt, tc.retryAfter, now); got != tc.want {
			t.Errorf("Wait(%d, %q) = %v, want %v", tc.attempt, tc.retryAfter, got, tc.want)
		}
	}
}

func TestParseHeader(t *testing.T) {
	t.Parallel()
	for in, ok := range map[string]bool{
		"Authorization: Bearer abc": true, "Accept:application/json": true, "X-Empty:": true,
		"no colon": false, ": value": false, "Bad Name: x": false, "X: a\r\nInjected: 1": false,
	} {
		if _, err := fanout.ParseHeader(in); (err == nil) != ok {
			t.Errorf("ParseHeader(%q) error = %v, want ok=%v", in, err, ok)
		}
	}
	hs, err := fanout.ParseHeaders("Accept: a\n\nX-Key: b\n")
	if err != nil || len(hs) != 2 || hs[1] != (fanout.Header{Name: "X-Key", Value: "b"}) {
		t.Fatalf("got %v, %v", hs, err)
	}
}

// stepClock never sleeps: each Sleep records its duration and moves the
// clock on by it, so a test sees the waits a run would make, at once.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
	log []time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) Sleep(ctx context.Context, d time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log = append(c.log, d)
	c.now = c.now.Add(d)
	return ctx.Err() == nil
}

func (c *stepClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.log...)
}
