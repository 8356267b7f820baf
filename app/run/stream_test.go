package run_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fanin/app/fanout"
	"fanin/app/run"
)

// gated answers each URL with its number, holding URL 0 until release is
// closed, and checks on every request that the run keeps to its window.
type gated struct {
	release chan struct{}
	written *atomic.Int64
	window  int
	mu      sync.Mutex
	worst   int // the furthest a request started past the first URL not yet written
	started atomic.Int64
}

func (g *gated) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	i, _ := strconv.Atoi(req.URL[strings.LastIndexByte(req.URL, '/')+1:])
	g.mu.Lock()
	g.worst = max(g.worst, i-int(g.written.Load()))
	g.mu.Unlock()
	g.started.Add(1)
	if i == 0 {
		select {
		case <-g.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &fanout.Response{Status: 200, Body: []byte(strconv.Itoa(i))}, nil
}

func TestStreamWritesInOrderWithinTheWindow(t *testing.T) {
	t.Parallel()
	const n, window = 200, 5
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://a.test/%d", i)
	}
	urls[7], urls[100], urls[199] = "ftp://x/7", "nope", "javascript:1"
	var written atomic.Int64
	g := &gated{release: make(chan struct{}), written: &written, window: window}
	var got []string
	done := make(chan error)
	go func() {
		done <- run.Stream(context.Background(), urls, g, fanout.Options{Concurrency: 16}, window, func(r fanout.Result) error {
			if int(written.Load()) != r.Index {
				return fmt.Errorf("wrote URL %d after %d others", r.Index, written.Load())
			}
			if r.OK() {
				got = append(got, string(r.Data))
			} else {
				got = append(got, string(r.Err.Kind))
			}
			written.Add(1)
			return nil
		})
	}()
	// URL 0 holds the line: the run may start URLs 1..4 and no more
	for g.started.Load() < window {
		runtime.Gosched()
	}
	close(g.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(got) != n || got[0] != "0" || got[7] != "invalid-url" || got[100] != "invalid-url" || got[199] != "invalid-url" || got[198] != "198" {
		t.Fatalf("wrote %d: %q", len(got), got[:10])
	}
	if g.worst >= window {
		t.Fatalf("URL %d past the first one not yet written started; the window is %d", g.worst, window)
	}
	if int(g.started.Load()) != n-3 {
		t.Fatalf("%d requests for %d valid URLs", g.started.Load(), n-3)
	}
}

func TestStreamStopsAtAWriteError(t *testing.T) {
	t.Parallel()
	urls := make([]string, 100)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://a.test/%d", i)
	}
	var written atomic.Int64
	g := &gated{release: make(chan struct{}), written: &written}
	close(g.release)
	broken := errors.New("broken pipe")
	err := run.Stream(context.Background(), urls, g, fanout.Options{Concurrency: 4}, 4, func(r fanout.Result) error {
		if written.Add(1) == 3 {
			return broken
		}
		return nil
	})
	if !errors.Is(err, broken) || written.Load() != 3 {
		t.Fatalf("err %v after %d writes", err, written.Load())
	}
	if n := g.started.Load(); n > 3+4 {
		t.Fatalf("%d requests went out after the output broke at the third", n)
	}
}
