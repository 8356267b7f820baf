package fanout_test

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"fanin/app/fanout"
)

// hostFetcher counts requests in flight per host, and can hold every
// request to one host until a request to another has started.
type hostFetcher struct {
	delay    time.Duration
	holdHost string        // requests to it wait for release
	release  chan struct{} // closed when a request to another host starts
	once     sync.Once
	mu       sync.Mutex
	now, max map[string]int
	// fill: requests to a host listed here wait (up to fillWait) until
	// that many are in flight at once before they take their delay, so
	// that reaching a bound does not depend on how fast this machine
	// starts goroutines: under a loaded CI run the first requests of c.test
	// were done before its 256th had started (208 in flight at most).
	fill    map[string]int
	reached map[string]chan struct{}
}

// fillWait bounds a request's wait for its host's fill: a limiter that
// allows fewer never gets there, and the test then sees its lower maximum.
const fillWait = 5 * time.Second

func newHostFetcher(delay time.Duration) *hostFetcher {
	return &hostFetcher{delay: delay, release: make(chan struct{}), now: map[string]int{}, max: map[string]int{}, reached: map[string]chan struct{}{}}
}

func (f *hostFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	u, _ := url.Parse(req.URL)
	f.mu.Lock()
	f.now[u.Host]++
	before := f.max[u.Host]
	f.max[u.Host] = max(f.max[u.Host], f.now[u.Host])
	reached := f.reached[u.Host]
	if reached == nil {
		reached = make(chan struct{})
		f.reached[u.Host] = reached
	}
	if n := f.fill[u.Host]; n > 0 && before < n && f.max[u.Host] >= n { // the first time it gets there
		close(reached)
	}
	fill := f.fill[u.Host] > 0
	f.mu.Unlock()
	if fill {
		select {
		case <-reached:
		case <-time.After(fillWait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	defer func() {
		f.mu.Lock()
		f.now[u.Host]--
		f.mu.Unlock()
	}()
	if f.holdHost != "" && u.Host != f.holdHost {
		f.once.Do(func() { close(f.release) })
	}
	if u.Host == f.holdHost {
		select {
		case <-f.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &fanout.Response{Status: 200, Body: []byte(`{}`)}, nil
}

func hostURLs(scheme, host string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s://%s/item/%d", scheme, host, i)
	}
	return out
}

func TestAutoConcurrency(t *testing.T) {
	t.Parallel()
	t.Run("with no bound set, each origin gets what the browser allows it, and reaches it", func(t *testing.T) {
		t.Parallel()
		f := newHostFetcher(20 * time.Millisecond)
		want := map[string]int{"a.test": fanout.PerOriginHTTP, "b.test:8080": fanout.PerOriginHTTP, "c.test": fanout.PerOriginHTTPS}
		f.fill = want
		var list []string
		list = append(list, hostURLs("http", "a.test", fanout.PerOriginHTTP+20)...)
		list = append(list, hostURLs("http", "b.test:8080", fanout.PerOriginHTTP+20)...)
		for _, r := range fanout.Run(context.Background(), list, f, fanout.Options{}, nil) {
			if !r.OK() {
				t.Fatalf("%s: %v", r.URL, r.Err)
			}
		}
		// alone, so that the ceiling over all origins is not what bounds it
		for _, r := range fanout.Run(context.Background(), hostURLs("https", "c.test", fanout.PerOriginHTTPS+50), f, fanout.Options{}, nil) {
			if !r.OK() {
				t.Fatalf("%s: %v", r.URL, r.Err)
			}
		}
		for host, n := range want {
			if f.max[host] != n {
				t.Errorf("%s: at most %d in flight, want %d", host, f.max[host], n)
			}
		}
	})
	t.Run("a busy origin does not hold back another origin's URLs", func(t *testing.T) {
		t.Parallel()
		f := newHostFetcher(0)
		f.holdHost = "slow.test" // its requests wait until one to fast.test has started
		list := append(hostURLs("http", "slow.test", 20), "http://fast.test/one")
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, r := range fanout.Run(ctx, list, f, fanout.Options{}, nil) {
			if !r.OK() {
				t.Fatalf("%s: %v (the last URL waited behind the first origin's)", r.URL, r.Err)
			}
		}
	})
	t.Run("a bound that is set still holds for all origins together", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{delay: 20 * time.Millisecond}
		list := append(hostURLs("https", "a.test", 20), hostURLs("https", "b.test", 20)...)
		fanout.Run(context.Background(), list, f, fanout.Options{Concurrency: 7}, nil)
		if got := f.maxSeen.Load(); got != 7 {
			t.Fatalf("max in flight = %d, want 7", got)
		}
	})
}
