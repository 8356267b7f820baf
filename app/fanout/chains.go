package fanout

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// RunChains is Run for paginated APIs (Options.Next set): each URL starts
// a chain, whose pages are fetched one after another (each names the
// next), while the chains run at once under the run's limits (Concurrency,
// Rate, PerHost). A chain ends at a page with no next page, at a failed
// page (its error row), at a next URL it has fetched already (a loop, with
// a note) or at Options.MaxPages (with a note). It returns every page,
// chain by chain in input order and each chain's pages in order, each
// with Index set to its place in that list. Reports, from the fetching
// goroutines, carry Index = Chain (the place is known only at the end);
// a chain's first page starts in input order.
func RunChains(ctx context.Context, starts []string, f Fetcher, opt Options, report func(Result)) []Result {
	opt = opt.withDefaults()
	lim := newLimits(opt)
	began := opt.Clock.Now()
	c := &chainRun{
		ctx: ctx, f: f, opt: opt, lim: lim, report: report,
		slots: semaphore.NewWeighted(int64(opt.Concurrency)),
		since: func() time.Duration { return opt.Clock.Now().Sub(began) },
	}
	if c.report == nil {
		c.report = func(Result) {}
	}
	chains := make([][]Result, len(starts))
	var wg sync.WaitGroup
	for i, u := range starts {
		first := Result{Index: i, URL: u, Chain: i, Page: 1, ChainURL: u}
		if err := c.slots.Acquire(ctx, 1); err != nil {
			first.State, first.Err = Done, Cancelled()
			first.Start, first.End = c.since(), c.since()
			c.report(first)
			chains[i] = []Result{first}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			chains[i] = c.chain(first)
		}()
	}
	wg.Wait()
	var out []Result
	for _, pages := range chains {
		for _, p := range pages {
			p.Index = len(out)
			out = append(out, p)
		}
	}
	return out
}

// chainRun is what one RunChains call shares among its chains.
type chainRun struct {
	ctx    context.Context
	f      Fetcher
	opt    Options
	lim    *limits
	report func(Result)
	slots  *semaphore.Weighted
	seq    atomic.Int64 // slot numbers for Check, in order of fetching
	since  func() time.Duration
}

// chain fetches one chain's pages; it is called holding a slot for the
// first page.
func (c *chainRun) chain(page Result) []Result {
	var pages []Result
	seen := map[string]int{page.URL: 1}
	s := heldSlot(global{c.slots}, "") // one slot for the whole chain, page after page
	for {
		if !s.retake(c.ctx) {
			page.State, page.Err = Done, Cancelled()
			page.Start, page.End = c.since(), c.since()
			c.report(page)
			return append(pages, page)
		}
		page.Slot = int(c.seq.Add(1) - 1)
		page.State, page.Start = Running, c.since()
		c.report(page)
		fetchOne(c.ctx, c.f, c.opt, c.lim, &page, s)
		page.State, page.End = Done, c.since()
		s.release()
		next := ""
		if page.OK() {
			var note string
			next, note = c.opt.Next(c.ctx, page)
			if n, loop := seen[next]; next != "" && loop {
				next, note = "", fmt.Sprintf("stopped: the next page, %s, is page %d of this chain again (a loop)", next, n)
			} else if next != "" && page.Page >= c.opt.MaxPages {
				next, note = "", fmt.Sprintf("stopped at the page cap (%d pages); more follow from %s", c.opt.MaxPages, next)
			}
			page.Note = note
		}
		c.report(page)
		pages = append(pages, page)
		if next == "" || c.ctx.Err() != nil {
			return pages
		}
		seen[next] = page.Page + 1
		page = Result{Index: page.Chain, URL: next, Chain: page.Chain, Page: page.Page + 1, ChainURL: page.ChainURL}
	}
}
