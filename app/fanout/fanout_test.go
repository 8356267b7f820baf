package fanout_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
			"https://a.test/cors", "https://a.test/empty", "ftp://a.test/", "https://a.test/ok2"}
		want := []fanout.Kind{"", fanout.KindNotJSON, fanout.KindHTTPStatus, fanout.KindNetwork, fanout.KindCORS, fanout.KindEmpty, fanout.KindInvalidURL, ""}
		results := fanout.Run(context.Background(), list, f, fanout.Options{}, nil)
		for i, r := range results {
			if got := kindOf(r); got != want[i] {
				t.Errorf("%s: got kind %q (%v), want %q", r.URL, got, r.Err, want[i])
			}
		}
		if msg := results[2].Err.Message; msg != "HTTP 500: boom details" {
			t.Errorf("got message %q, want the status and a one-line excerpt", msg)
		}
		if f.order[len(f.order)-1] == "ftp://a.test/" {
			t.Errorf("the invalid URL was handed to the fetcher")
		}
	})
	t.Run("a big body is checked and indexed in slices, with a pause between them", func(t *testing.T) {
		t.Parallel()
		big := []byte("[" + strings.Repeat(`{"id":1,"name":"x"},`, 100000) + `{"id":2}]`)
		f := &fakeFetcher{answers: map[string]*fanout.Response{
			"https://a.test/big": {Status: 200, Body: big},
			"https://a.test/bad": {Status: 200, Body: append(big[:len(big)-1:len(big)-1], '}')},
		}}
		var pauses atomic.Int32
		opts := fanout.Options{Pause: func(context.Context) error { pauses.Add(1); return nil }, Index: true}
		results := fanout.Run(context.Background(), []string{"https://a.test/big", "https://a.test/bad"}, f, opts, nil)
		if !results[0].OK() || len(results[0].Data) != len(big) {
			t.Fatalf("big body: %v, %d bytes", results[0].Err, len(results[0].Data))
		}
		if tr := results[0].Tree; tr == nil || tr.Len(tr.Root()) != 100001 || results[1].Tree != nil {
			t.Fatalf("Index: got tree %v for the body, %v for the broken one; want the body's 100001 elements, nil", tr, results[1].Tree)
		}
		if kindOf(results[1]) != fanout.KindNotJSON || !strings.Contains(results[1].Err.Message, "after array element") {
			t.Fatalf("broken big body: %v, want not-json after array element", results[1].Err)
		}
		if n := pauses.Load(); n < int32(2*len(big)/(512<<10)) {
			t.Fatalf("%d pauses for two bodies of %d bytes, want one per slice", n, len(big))
		}
		opts.Pause = func(context.Context) error { return context.Canceled }
		results = fanout.Run(context.Background(), []string{"https://a.test/big"}, f, opts, nil)
		if kindOf(results[0]) != fanout.KindCancelled {
			t.Fatalf("a pause that fails: got %v, want cancelled", results[0].Err)
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
		select {
		case results := <-done:
			for _, r := range results {
				if kindOf(r) != fanout.KindCancelled || r.State != fanout.Done {
					t.Fatalf("got %+v, want cancelled", r)
				}
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after cancel")
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

func TestValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		resp fanout.Response
		kind fanout.Kind
	}{
		{"2xx JSON is a value", fanout.Response{Status: 200, Body: []byte(`{"a":1}`)}, ""},
		{"204 with no body is empty", fanout.Response{Status: 204}, fanout.KindEmpty},
		{"404 is an HTTP status error", fanout.Response{Status: 404, Body: []byte(`{"error":"nope"}`)}, fanout.KindHTTPStatus},
		{"a 200 HTML page is not JSON", fanout.Response{Status: 200, Body: []byte(`<p>hi</p>`)}, fanout.KindNotJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fanout.Value(&tc.resp)
			got := fanout.Kind("")
			if err != nil {
				got = err.Kind
			}
			if got != tc.kind {
				t.Fatalf("got %q (%v), want %q", got, err, tc.kind)
			}
		})
	}
}
