package fanout_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fanin/app/fanout"
)

func TestRateSpacesRequests(t *testing.T) {
	t.Parallel()
	clock := &stepClock{now: time.Unix(1_000_000_000, 0)}
	urls := []string{"https://a.test/1", "https://a.test/2", "https://b.test/3", "https://a.test/4", "https://a.test/5"}
	rs := fanout.Run(context.Background(), urls, &flakyFetcher{}, fanout.Options{Concurrency: 1, Rate: 2, Clock: clock}, nil)
	for _, r := range rs {
		if !r.OK() {
			t.Fatalf("got %+v", r)
		}
	}
	// 2 per second: each request after the first waits half a second on
	// the run's clock.
	want := "[500ms 500ms 500ms 500ms]"
	if got := fmt.Sprint(clock.waits()); got != want {
		t.Fatalf("waited %s; want %s", got, want)
	}
	if rs[4].End != 2*time.Second {
		t.Fatalf("the fifth request ended at %v on the run's clock; want 2s (its wait counts in its time)", rs[4].End)
	}
}

// gateFetcher holds every request until open requests are in flight at
// once, and counts the most in flight per host.
type gateFetcher struct {
	open int
	mu   sync.Mutex
	now  map[string]int
	most map[string]int
	all  int
	gate chan struct{}
	once sync.Once
}

func (f *gateFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	u, _ := url.Parse(req.URL)
	f.mu.Lock()
	f.now[u.Host]++
	f.most[u.Host] = max(f.most[u.Host], f.now[u.Host])
	f.all++
	if f.all >= f.open {
		f.once.Do(func() { close(f.gate) })
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.now[u.Host]--
		f.all--
		f.mu.Unlock()
	}()
	select {
	case <-f.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &fanout.Response{Status: 200, Body: []byte(`1`)}, nil
}

func TestPerHostCapsRequestsInFlight(t *testing.T) {
	t.Parallel()
	var urls []string
	for i := range 8 {
		urls = append(urls, fmt.Sprintf("https://a.test/%d", i))
	}
	for i := range 4 {
		urls = append(urls, fmt.Sprintf("https://B.test/%d", i))
	}
	// The gate opens only once four requests are in flight: two to each
	// host, so the run proves both the cap and that other hosts go on
	// while one host's requests wait.
	f := &gateFetcher{open: 4, now: map[string]int{}, most: map[string]int{}, gate: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rs := fanout.Run(ctx, urls, f, fanout.Options{Concurrency: 16, PerHost: 2}, nil)
	for _, r := range rs {
		if !r.OK() {
			t.Fatalf("got %+v", r)
		}
	}
	if f.most["a.test"] != 2 || f.most["B.test"] != 2 {
		t.Fatalf("most in flight per host: %v; want 2 each", f.most)
	}
}

func TestRetryAfterIsShown(t *testing.T) {
	t.Parallel()
	f := &flakyFetcher{fails: []int{429, 429}, retryAfter: "7"}
	clock := &stepClock{}
	r := fanout.Run(context.Background(), []string{"https://a.test/"}, f, fanout.Options{Retries: 1, Clock: clock}, nil)[0]
	if r.OK() || r.RetryAfter != "7" || !strings.Contains(r.Err.Message, "HTTP 429 (Retry-After: 7): busy") {
		t.Fatalf("got %+v, %v; want the 429's Retry-After in its message", r, r.Err)
	}
}

// endless serves pages that always name a next one, until ctx ends.
type endless struct{ calls atomic.Int32 }

func (e *endless) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	if e.calls.Add(1) > 3 {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return &fanout.Response{Status: 200, Body: []byte(`1`)}, nil
}

func TestChainsCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	next := func(_ context.Context, page fanout.Result) (string, string) {
		n++
		return fmt.Sprintf("https://a.test/%d", n), ""
	}
	var mu sync.Mutex
	var started []int
	report := func(r fanout.Result) {
		mu.Lock()
		defer mu.Unlock()
		if r.State == fanout.Running {
			started = append(started, r.Page)
			if len(started) == 4 {
				cancel() // the fourth page is in flight
			}
		}
	}
	rs := fanout.Run(ctx, []string{"https://a.test/"}, &endless{}, fanout.Options{Next: next, Concurrency: 1}, report)
	if len(rs) != 4 || !rs[2].OK() || rs[3].Err.KindOr("") != fanout.KindCancelled || rs[3].Page != 4 || rs[3].Index != 3 {
		t.Fatalf("got %d pages: %+v", len(rs), rs)
	}
	for i, r := range rs {
		if r.Chain != 0 || r.ChainURL != "https://a.test/" || r.Page != i+1 || r.Slot != i {
			t.Fatalf("page %d: %+v", i, r)
		}
	}
}

func TestChainsStartInInputOrder(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var firsts []int
	report := func(r fanout.Result) {
		mu.Lock()
		defer mu.Unlock()
		if r.State == fanout.Running && r.Page == 1 {
			firsts = append(firsts, r.Chain)
		}
	}
	stop := func(context.Context, fanout.Result) (string, string) { return "", "" }
	urls := []string{"https://a.test/0", "https://a.test/1", "https://a.test/2", "https://a.test/3"}
	rs := fanout.Run(context.Background(), urls, &flakyFetcher{}, fanout.Options{Next: stop, Concurrency: 1}, report)
	if fmt.Sprint(firsts) != "[0 1 2 3]" || len(rs) != 4 || rs[3].URL != urls[3] || rs[3].Index != 3 {
		t.Fatalf("first pages started %v; results %+v", firsts, rs)
	}
}
