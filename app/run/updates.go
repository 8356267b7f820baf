package run

import (
	"sync"
	"time"

	"fanin/app/fanout"
)

// FlushInterval is how often a running page shows new row states: every
// redraw refigures the board, so long lists redraw less often and leave the
// single wasm thread to the requests.
func FlushInterval(urls int) time.Duration {
	switch {
	case urls <= 200:
		return 200 * time.Millisecond
	case urls <= 2000:
		return 400 * time.Millisecond
	default:
		return 800 * time.Millisecond
	}
}

// Updates collects fanout's reports from the fetching goroutines until the
// page takes them in a batch.
type Updates struct {
	mu      sync.Mutex
	pending []fanout.Result
}

// Add keeps one report; it is safe for concurrent use.
func (u *Updates) Add(r fanout.Result) {
	u.mu.Lock()
	u.pending = append(u.pending, r)
	u.mu.Unlock()
}

// Take returns the reports kept since the last Take.
func (u *Updates) Take() []fanout.Result {
	u.mu.Lock()
	defer u.mu.Unlock()
	batch := u.pending
	u.pending = nil
	return batch
}

// FlushEvery hands the kept reports to apply every interval until done is
// closed; it then returns without a last flush, since the finished run
// replaces every row anyway.
func (u *Updates) FlushEvery(done <-chan struct{}, interval time.Duration, apply func([]fanout.Result)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			if batch := u.Take(); len(batch) > 0 {
				apply(batch)
			}
		}
	}
}
