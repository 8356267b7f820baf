package run

import (
	"context"
	"sync"

	"fanin/app/fanout"
	"fanin/app/urllist"
)

// DefaultWindow is how many URLs past the first one not yet written may
// be fetched or held, per request in flight (Stream's window is this
// times the concurrency): enough that one slow URL does not idle the
// others at once, few enough that memory stays that many bodies.
const DefaultWindow = 8

// Stream is Fetch for a caller that writes each result and lets it go
// (fanin get -o ndjson): write is called once per URL, in list order, as
// soon as every earlier URL has been written, from whichever goroutine
// finished it; nothing is kept after it returns. At most window URLs from
// the first one not yet written on are started or held (backpressure: URL
// i+window does not start until URL i is written), so memory is bounded by
// the window, not the list. Invalid URLs are written in their place
// without a request, as Fetch gives them. An error from write stops the
// run; Stream returns it.
//
// The unit in order is a URL's slot: a slot is finished with one Result
// today; a chain of pages would finish its slot with its pages in order,
// and the slots after it would wait for all of them (orderer.finish takes
// a list for that).
func Stream(ctx context.Context, urls []string, f fanout.Fetcher, opt fanout.Options, window int, write func(fanout.Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if window < 1 {
		window = 1
	}
	o := newOrderer(len(urls), window, write, cancel)
	valid := make([]string, 0, len(urls))
	which := make([]int, 0, len(urls))
	for i, u := range urls {
		if err := urllist.Check(u); err != nil {
			o.invalid[i] = fanout.Result{Index: i, URL: u, State: fanout.Done,
				Err: &fanout.Error{Kind: fanout.KindInvalidURL, Message: err.Error(), Err: err}}
			continue
		}
		valid = append(valid, u)
		which = append(which, i)
	}
	o.finish(-1) // the invalid URLs at the head of the list
	check := opt.Check
	if check != nil {
		opt.Check = func(ctx context.Context, k int, body []byte) ([]byte, *fanout.Error) {
			return check(ctx, which[k], body)
		}
	}
	stop := context.AfterFunc(ctx, o.wake)
	defer stop()
	fanout.Stream(ctx, valid, f, opt,
		func(ctx context.Context, k int) error { return o.wait(ctx, which[k]) },
		func(r fanout.Result) {
			r.Index = which[r.Index]
			o.finish(r.Index, r)
		})
	return o.err
}

// orderer writes slots in list order and holds those that finish early.
type orderer struct {
	mu      sync.Mutex
	cond    *sync.Cond
	n       int
	window  int
	next    int // the first slot not yet written
	held    map[int][]fanout.Result
	invalid map[int]fanout.Result
	write   func(fanout.Result) error
	err     error
	stop    func()
}

func newOrderer(n, window int, write func(fanout.Result) error, stop func()) *orderer {
	o := &orderer{n: n, window: window, held: map[int][]fanout.Result{}, invalid: map[int]fanout.Result{}, write: write, stop: stop}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// wait blocks until slot i is inside the window, or ctx is done.
func (o *orderer) wait(ctx context.Context, i int) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i >= o.next+o.window && ctx.Err() == nil {
		o.cond.Wait()
	}
	return ctx.Err()
}

func (o *orderer) wake() {
	o.mu.Lock()
	o.cond.Broadcast()
	o.mu.Unlock()
}

// finish takes slot i's results (i < 0: none) and writes every slot that
// is now next in line.
func (o *orderer) finish(i int, rs ...fanout.Result) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if i >= 0 {
		o.held[i] = rs
	}
	moved := false
	for o.next < o.n {
		if r, ok := o.invalid[o.next]; ok {
			delete(o.invalid, o.next)
			o.emit(r)
		} else if rs, ok := o.held[o.next]; ok {
			delete(o.held, o.next)
			for _, r := range rs {
				o.emit(r)
			}
		} else {
			break
		}
		o.next++
		moved = true
	}
	if moved {
		o.cond.Broadcast()
	}
}

// emit writes one result unless an earlier write failed.
func (o *orderer) emit(r fanout.Result) {
	if o.err != nil {
		return
	}
	if err := o.write(r); err != nil {
		o.err = err
		o.stop()
	}
}
