package ui

import (
	"sync"
	"time"

	"fanin/app/fanout"
)

// flushInterval is how often a running page shows new row states: every
// redraw recounts all rows and redraws the waterfall, so long lists redraw
// less often and leave the single wasm thread to the requests.
func flushInterval(urls int) time.Duration {
	switch {
	case urls <= 200:
		return 200 * time.Millisecond
	case urls <= 2000:
		return 400 * time.Millisecond
	default:
		return 800 * time.Millisecond
	}
}

// updateBuffer collects fanout's reports from the fetching goroutines until
// the UI takes them in a batch.
type updateBuffer struct {
	mu      sync.Mutex
	pending []fanout.Result
}

func newUpdateBuffer() *updateBuffer { return &updateBuffer{} }

func (b *updateBuffer) add(r fanout.Result) {
	b.mu.Lock()
	b.pending = append(b.pending, r)
	b.mu.Unlock()
}

func (b *updateBuffer) take() []fanout.Result {
	b.mu.Lock()
	defer b.mu.Unlock()
	batch := b.pending
	b.pending = nil
	return batch
}

// flushEvery hands the collected reports to apply every interval until done
// is closed; it then returns without a last flush, since the finished run
// replaces every row anyway.
func (b *updateBuffer) flushEvery(done <-chan struct{}, interval time.Duration, apply func([]fanout.Result)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			if batch := b.take(); len(batch) > 0 {
				apply(batch)
			}
		}
	}
}

// tally counts rows by outcome.
type tally struct{ ok, failed, pending int }

func countRows(rows []fanout.Result) tally {
	var t tally
	for _, r := range rows {
		switch {
		case r.State != fanout.Done:
			t.pending++
		case r.Err != nil:
			t.failed++
		default:
			t.ok++
		}
	}
	return t
}
