package run

import (
	"fmt"
	"slices"
	"time"

	"fanin/app/fanout"
)

// Row statuses, as each row's data-status shows them.
const (
	RowPending = "pending"
	RowOK      = "ok"
	RowError   = "error"
)

// Filter picks which rows the board shows.
type Filter string

const (
	FilterAll    Filter = "all"
	FilterFailed Filter = "failed"
	FilterSlow   Filter = "slow"
)

// SlowFloor is the least time a request must take to count as slow, so
// that a run of fast requests has no slow ones.
const SlowFloor = time.Second

// BoardPageSize is how many rows the board shows at once. Thousands of rows
// stay fast because only one page of them is ever in the DOM.
const BoardPageSize = 100

// AnnounceInterval is how often, at most, the progress told to screen
// readers changes while a run goes on: a screen reader reads each change,
// and reading one every 100 ms would drown everything else.
const AnnounceInterval = 2 * time.Second

// Board is every figure the page draws from the rows, refigured once per
// batch of updates.
type Board struct {
	OK, Failed, Pending int
	Done                int   // finished rows, failed or not
	FailedRows          []int // indexes of finished rows with an error
	SlowRows            []int // indexes of slow rows (see SlowFloor)
	Speedup             string
	Announcement        string // "" between announcements
	Waterfall           *Waterfall
	Visible             []int // rows the filter keeps; nil: all
	Page, Pages         int
	Shown               []int   // indexes of the rows on the board's page
	Chains              []Chain // a paginated run's chains, in row order; nil otherwise
}

// ChainAt is the chain whose first page is row i, if any.
func (b *Board) ChainAt(i int) (Chain, bool) {
	for _, c := range b.Chains {
		if c.First == i {
			return c, true
		}
		if c.First > i {
			break
		}
	}
	return Chain{}, false
}

// ShownCount is how many rows the filter keeps.
func (b *Board) ShownCount(rows int) int {
	if b.Visible != nil {
		return len(b.Visible)
	}
	return rows
}

// figure counts rows in one pass, then picks the slow ones from the times
// it gathered.
func figure(rows []fanout.Result, wall time.Duration) Board {
	var b Board
	var times []time.Duration
	for i, r := range rows {
		switch {
		case r.State != fanout.Done:
			b.Pending++
		case r.Err != nil:
			b.Failed++
			b.Done++
			b.FailedRows = append(b.FailedRows, i)
		default:
			b.OK++
			b.Done++
		}
		if timed(r) {
			times = append(times, r.Elapsed())
		}
	}
	limit := slowLimit(times)
	b.SlowRows = []int{}
	for i, r := range rows {
		if timed(r) && r.Elapsed() >= limit {
			b.SlowRows = append(b.SlowRows, i)
		}
	}
	if b.FailedRows == nil {
		b.FailedRows = []int{}
	}
	b.Speedup = speedup(rows, wall)
	b.Waterfall = NewWaterfall(rows, wall)
	b.Chains = chainsOf(rows)
	return b
}

// timed: finished requests count toward "slow"; cancelled and invalid
// URLs never do.
func timed(r fanout.Result) bool {
	switch r.Err.KindOr("") {
	case fanout.KindCancelled, fanout.KindInvalidURL:
		return false
	}
	return r.State == fanout.Done
}

// slowLimit is SlowFloor or the 90th percentile (nearest rank) of times,
// whichever is longer.
func slowLimit(times []time.Duration) time.Duration {
	if len(times) == 0 {
		return SlowFloor
	}
	slices.Sort(times)
	rank := (len(times)*9 + 9) / 10 // ⌈0.9 n⌉
	return max(SlowFloor, times[rank-1])
}

// Status is how a row shows: pending, ok or error.
func Status(r fanout.Result) string {
	switch {
	case r.State != fanout.Done:
		return RowPending
	case r.Err != nil:
		return RowError
	}
	return RowOK
}

// Announcement is what screen readers are told about a run.
func Announcement(done, total, failed int) string {
	switch {
	case total == 0:
		return ""
	case done < total:
		return fmt.Sprintf("%d of %d URLs done, %d failed.", done, total, failed)
	}
	return fmt.Sprintf("Finished: %d URLs, %d failed.", total, failed)
}

// speedup compares the run's wall time with the time its requests took
// added up: what fetching them one after another would have cost. Requests
// cut short by Cancel are left out of both counts; requests still running
// count with their time so far.
func speedup(results []fanout.Result, wall time.Duration) string {
	var n, failed, running, unfinished int
	var sum time.Duration
	for _, r := range results {
		switch {
		case r.State == fanout.Pending:
			unfinished++
		case r.State == fanout.Running:
			unfinished++
			running++
			n++
			sum += max(0, wall-r.Start)
		case r.Err.KindOr("") == fanout.KindCancelled:
		default:
			n++
			sum += r.Elapsed()
			if r.Err != nil {
				failed++
			}
		}
	}
	if n == 0 || wall <= 0 {
		return ""
	}
	done := fmt.Sprintf("%d URLs in %s", n, seconds(wall))
	switch {
	case unfinished > 0:
		done = fmt.Sprintf("%d of %d URLs done after %s", n-running, len(results), seconds(wall))
	case n < len(results):
		done = fmt.Sprintf("Cancelled: %d of %d URLs in %s", n, len(results), seconds(wall))
	case n == 1:
		return fmt.Sprintf("1 URL in %s.", seconds(wall))
	}
	if failed == n {
		return done + ", all failed."
	}
	ratio := float64(sum) / float64(wall)
	if ratio < 1.05 {
		return fmt.Sprintf("%s; one after another would take %s — no faster.", done, seconds(sum))
	}
	return fmt.Sprintf("%s; one after another would take %s — %.1f× faster.", done, seconds(sum), ratio)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// Summary is the line under "Combined JSON" once a run has finished.
func Summary(results []fanout.Result, wall time.Duration) string {
	ok := 0
	for _, r := range results {
		if r.OK() {
			ok++
		}
	}
	return fmt.Sprintf("%d of %d URLs gave JSON, %d failed, in %.2f s.", ok, len(results), len(results)-ok, wall.Seconds())
}

func pageCount(n int) int { return max(1, (n+BoardPageSize-1)/BoardPageSize) }
