package fanout_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
)

// fakeFetcher answers from a table after a delay, counting calls in flight.
type fakeFetcher struct {
	delay    time.Duration
	answers  map[string]*fanout.Response
	errs     map[string]error
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	mu       sync.Mutex
	order    []string
}

func (f *fakeFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxSeen.Load()
		if n <= m || f.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	f.mu.Lock()
	f.order = append(f.order, req.URL)
	f.mu.Unlock()
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := f.errs[req.URL]; err != nil {
		return nil, err
	}
	if r, ok := f.answers[req.URL]; ok {
		return r, nil
	}
	return &fanout.Response{Status: 200, Body: []byte(fmt.Sprintf(`{"url":%q}`, req.URL))}, nil
}

func urls(n int) []string {
	u := make([]string, n)
	for i := range u {
		u[i] = fmt.Sprintf("https://api.test/item/%d", i)
	}
	return u
}

func kindOf(r fanout.Result) fanout.Kind {
	if r.Err == nil {
		return ""
	}
	return r.Err.Kind
}

func TestRun(t *testing.T) {
	t.Parallel()
	t.Run("results keep input order whatever the completion order", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{delay: time.Millisecond}
		list := urls(50)
		results := fanout.Run(context.Background(), list, f, fanout.Options{Concurrency: 8}, nil)
		for i, r := range results {
			if r.Index != i || r.URL != list[i] || !r.OK() || string(r.Data) != fmt.Sprintf(`{"url":%q}`, list[i]) {
				t.Fatalf("result %d = %+v", i, r)
			}
		}
	})
	t.Run("no more than the bound are in flight, and the bound is reached", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{delay: 20 * time.Millisecond}
		fanout.Run(context.Background(), urls(40), f, fanout.Options{Concurrency: 5}, nil)
		if got := f.maxSeen.Load(); got != 5 {
			t.Fatalf("max in flight = %d, want 5", got)
		}
	})
	t.Run("requests start in input order", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{}
		list := urls(30)
		fanout.Run(context.Background(), list, f, fanout.Options{Concurrency: 1}, nil)
		for i := range list {
			if f.order[i] != list[i] {
				t.Fatalf("request %d was %s, want %s", i, f.order[i], list[i])
			}
		}
	})
	t.Run("one bad URL spoils nothing else", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{
			answers: map[string]*fanout.Response{
				"https://a.test/html":  {Status: 200, Body: []byte("<html>")},
				"https://a.test/500":   {Status: 500, Body: []byte("boom\n\tdetails")},
				"https://a.test/empty": {Status: 200},
			},
			errs: map[string]error{
				"https://a.test/down": errors.New("connection refused"),
				"https://a.test/cors": &fanout.Error{Kind: fanout.KindCORS, Message: "no ACAO"},
			},
		}
		list := []string{"https://a.test/ok", "https://a.test/html", "https://a.test/500", "https://a.test/down",
			"https://a.test/cors", "https://a.test/empty", "https://a.test/ok2"}
		want := []fanout.Kind{"", fanout.KindNotJSON, fanout.KindHTTPStatus, fanout.KindNetwork, fanout.KindCORS, fanout.KindEmpty, ""}
		results := fanout.Run(context.Background(), list, f, fanout.Options{Check: bodycheck.JSON(nil).Check}, nil)
		for i, r := range results {
			if got := kindOf(r); got != want[i] {
				t.Errorf("%s: got kind %q (%v), want %q", r.URL, got, r.Err, want[i])
			}
		}
		if msg := results[2].Err.Message; msg != "HTTP 500: boom details" {
			t.Errorf("got message %q, want the status and a one-line excerpt", msg)
		}
	})
	t.Run("the check it is handed judges each 2xx body, and only those", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{answers: map[string]*fanout.Response{"https://a.test/404": {Status: 404, Body: []byte("gone")}}}
		var checked sync.Map
		check := func(_ context.Context, i int, body []byte) ([]byte, *fanout.Error) {
			checked.Store(i, string(body))
			if i == 0 {
				return nil, fanout.Errorf(fanout.KindNotJSON, "refused")
			}
			return []byte("1"), nil
		}
		results := fanout.Run(context.Background(), []string{"https://a.test/a", "https://a.test/404", "https://a.test/b"}, f, fanout.Options{Check: check}, nil)
		if kindOf(results[0]) != fanout.KindNotJSON || kindOf(results[1]) != fanout.KindHTTPStatus || string(results[2].Data) != "1" {
			t.Fatalf("got %v, %v, %q", results[0].Err, results[1].Err, results[2].Data)
		}
		if _, ok := checked.Load(1); ok {
			t.Fatal("the 404's body was handed to the check")
		}
		if body, _ := checked.Load(2); body != `{"url":"https://a.test/b"}` {
			t.Fatalf("check got %v for URL 2", body)
		}
	})
	t.Run("a slow URL times out alone", func(t *testing.T) {
		t.Parallel()
		slow := &fakeFetcher{delay: time.Hour}
		results := fanout.Run(context.Background(), []string{"https://a.test/slow"}, slow, fanout.Options{Timeout: 30 * time.Millisecond}, nil)
		if kindOf(results[0]) != fanout.KindTimeout {
			t.Fatalf("got %+v, want a timeout", results[0])
		}
	})
	t.Run("cancelling the run cancels what is left", func(t *testing.T) {
		t.Parallel()
		f := &fakeFetcher{delay: time.Hour}
		ctx, cancel := context.WithCancel(context.Background())
		var started atomic.Int32
		done := make(chan []fanout.Result)
		go func() {
			done <- fanout.Run(ctx, urls(10), f, fanout.Options{Concurrency: 2}, func(r fanout.Result) {
				if r.State == fanout.Running && started.Add(1) == 2 {
					cancel()
				}
			})
		}()
		for _, r := range <-done { // a Run that ignored cancel would hang here until the test's timeout
			if kindOf(r) != fanout.KindCancelled || r.State != fanout.Done {
				t.Fatalf("got %+v, want cancelled", r)
			}
		}
	})
	t.Run("report sees every URL start and finish", func(t *testing.T) {
		t.Parallel()
		var mu sync.Mutex
		states := map[int][]fanout.State{}
		fanout.Run(context.Background(), urls(20), &fakeFetcher{}, fanout.Options{Concurrency: 4}, func(r fanout.Result) {
			mu.Lock()
			defer mu.Unlock()
			states[r.Index] = append(states[r.Index], r.State)
		})
		for i := 0; i < 20; i++ {
			if got := states[i]; len(got) != 2 || got[0] != fanout.Running || got[1] != fanout.Done {
				t.Fatalf("URL %d reported %v, want [Running Done]", i, got)
			}
		}
	})
}
