package fanout

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// Stream fetches urls as Run does (the same requests, timeouts, retries
// and checks) but keeps nothing: each URL's finished Result goes to done,
// from the fetching goroutine, and is forgotten, so what a long list costs
// is what the caller holds. Before URL i starts, gate (when not nil) is
// called and may block: a caller writing results in order holds back URLs
// far ahead of the one it waits for. An error from gate (ctx done) ends
// the run: that URL and the rest finish as KindCancelled without a
// request. done must be safe for concurrent use. Stream returns when every
// URL's done has returned.
func Stream(ctx context.Context, urls []string, f Fetcher, opt Options, gate func(ctx context.Context, index int) error, done func(Result)) {
	opt = opt.withDefaults()
	began := opt.Clock.Now()
	since := func() time.Duration { return opt.Clock.Now().Sub(began) }
	slots := semaphore.NewWeighted(int64(opt.Concurrency))
	lim := newLimits(opt) // -rate and -per-host hold here too
	var wg sync.WaitGroup
	for i, u := range urls {
		var err error
		if gate != nil {
			err = gate(ctx, i)
		}
		if err == nil {
			err = slots.Acquire(ctx, 1)
		}
		if err != nil {
			at := since()
			done(Result{Index: i, URL: u, State: Done, Err: Cancelled(), Start: at, End: at})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := Result{Index: i, URL: u, State: Running, Start: since()}
			s := heldSlot(global{slots}, "")
			fetchOne(ctx, f, opt, lim, &r, s)
			s.release()
			r.State, r.End = Done, since()
			done(r)
		}()
	}
	wg.Wait()
}
