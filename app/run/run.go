// Package run owns a run of fanin as plain Go: the plan read from the URL
// box, the start of a run, batches of updates from the fetching
// goroutines, the finish, retrying the failed URLs, cancelling, and the
// board's figures (tally, failed and slow rows, waterfall, progress,
// speed-up), refigured in one pass per batch. The page holds one Run and
// renders it; goroutines and the browser stay outside: a Run hands out a
// Launch, the page fetches it (Fetch, which the CLI uses too) and gives
// the outcome back. Every change from a goroutine carries the run's ID,
// so late news from an old run is dropped.
package run

import (
	"context"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqwork"
	"fanin/app/jsontree"
	"fanin/app/result"
)

// State is where the page's run is, as <main data-state> shows it.
type State string

const (
	Idle    State = "idle"
	Running State = "running"
	Done    State = "done"
)

// Run is the page's run: its rows, its figures and its result.
type Run struct {
	ID      int // increments per launch
	State   State
	Rows    []fanout.Result // one per URL, updated as the run goes
	Board   Board
	Result  *result.Result // the finished run's result; nil until encoded
	Summary string
	Mode    combine.Mode

	filter    Filter
	page      int
	began     time.Time
	wall      time.Duration
	announced time.Time
	cancel    context.CancelFunc
	encoding  int // increments per encoding, so a stale one is dropped
	paged     bool
	chains    [][]fanout.Result // a paginated run's pages, by chain, while it runs
}

// New returns an idle run that merges in mode.
func New(mode combine.Mode) *Run { return &Run{State: Idle, Mode: mode, filter: FilterAll} }

// Launch is what to fetch for one start: URLs, and where their results go
// among the run's rows.
type Launch struct {
	ID     int
	URLs   []string
	Chains bool // each URL starts a chain of pages (StartChains)
	which  []int
}

// Place moves r (indexed among the launch's URLs) to its row. A paginated
// launch's reports say their place by Chain and Page; Place leaves them.
func (l Launch) Place(r fanout.Result) fanout.Result {
	if l.Chains {
		return r
	}
	r.Index = l.which[r.Index]
	return r
}

// Start begins a run of urls at now; cancel stops its fetches.
func (r *Run) Start(urls []string, now time.Time, cancel context.CancelFunc) Launch {
	r.paged, r.chains = false, nil
	rows := make([]fanout.Result, len(urls))
	all := make([]int, len(urls))
	for i, u := range urls {
		rows[i], all[i] = fanout.Result{Index: i, URL: u}, i
	}
	return r.launch(rows, all, now, cancel)
}

// RetryFailed begins a run of the last run's failed URLs (except invalid
// ones, which would fail the same way), keeping the others' results. It
// reports false, and changes nothing, when there is nothing to retry.
func (r *Run) RetryFailed(now time.Time, cancel context.CancelFunc) (Launch, bool) {
	if r.State != Done || r.Result == nil || r.paged {
		return Launch{}, false
	}
	rows := append([]fanout.Result(nil), r.Result.Results...)
	var again []int
	for i, row := range rows {
		if row.Err != nil && row.Err.Kind != fanout.KindInvalidURL {
			again = append(again, i)
			rows[i] = fanout.Result{Index: i, URL: row.URL}
		}
	}
	if len(again) == 0 {
		return Launch{}, false
	}
	return r.launch(rows, again, now, cancel), true
}

func (r *Run) launch(rows []fanout.Result, which []int, now time.Time, cancel context.CancelFunc) Launch {
	r.Result.Close()
	r.ID++
	r.State, r.Result, r.Summary = Running, nil, ""
	r.began, r.wall, r.announced = now, 0, time.Time{}
	r.cancel = cancel
	r.Rows = rows
	r.refigure(now, 0)
	urls := make([]string, len(which))
	for k, i := range which {
		urls[k] = rows[i].URL
	}
	return Launch{ID: r.ID, URLs: urls, which: which}
}

// Cancel stops the running fetches; finished rows keep their results.
func (r *Run) Cancel() {
	if r.cancel != nil {
		r.cancel()
	}
}

// Apply takes in a batch of reports of run id (indexed by row); a row
// never goes back to an earlier state. It reports false, and changes
// nothing, for a batch of another run or one that came after the finish.
func (r *Run) Apply(id int, batch []fanout.Result, now time.Time) bool {
	if id != r.ID || r.State != Running || r.wall != 0 {
		return false
	}
	if r.paged {
		r.applyPages(batch)
	} else {
		for _, u := range batch {
			if u.Index >= 0 && u.Index < len(r.Rows) && u.State >= r.Rows[u.Index].State {
				r.Rows[u.Index] = u
			}
		}
	}
	r.refigure(now, r.page)
	return true
}

// Encoding is a result to build: the rows, the trees of the responses
// just fetched, and the mode, for run ID.
type Encoding struct {
	ID, seq int
	Rows    []fanout.Result
	Trees   []*jsontree.Tree
	Mode    combine.Mode
}

// Quick reports whether the bodies are small enough to build the result
// on the UI goroutine at once (result.QuickMax).
func (e Encoding) Quick() bool {
	n := 0
	for _, r := range e.Rows {
		n += len(r.Data)
	}
	return n <= result.QuickMax
}

// Encode builds the result (off the UI goroutine, unless Quick: it copies
// every body).
func (e Encoding) Encode(jq jqwork.Factory) (*result.Result, error) {
	return result.Build(e.Rows, e.Trees, e.Mode, jq)
}

// Finish takes in launch l's results (indexed among its URLs) and the
// trees its check kept (by the same index, or nil), after wall. The run
// stays Running until its result is Encoded. ok is false for an old run.
func (r *Run) Finish(l Launch, results []fanout.Result, trees []*jsontree.Tree, wall time.Duration) (e Encoding, ok bool) {
	if l.ID != r.ID || r.State != Running {
		return Encoding{}, false
	}
	r.cancel = nil
	r.wall = max(wall, time.Nanosecond)
	if l.Chains {
		rows, placed := finishPages(results, trees)
		r.chains = nil
		return r.finished(rows, placed), true
	}
	rows := append([]fanout.Result(nil), r.Rows...)
	var placed []*jsontree.Tree
	if trees != nil {
		placed = make([]*jsontree.Tree, len(rows))
	}
	for k, res := range results {
		res = l.Place(res)
		rows[res.Index] = res
		if trees != nil && k < len(trees) {
			placed[res.Index] = trees[k]
		}
	}
	return r.finished(rows, placed), true
}

func (r *Run) finished(rows []fanout.Result, placed []*jsontree.Tree) Encoding {
	r.Rows = rows
	r.announced = time.Time{}
	r.refigure(r.began.Add(r.wall), r.page)
	r.Summary = Summary(rows, r.wall)
	return r.encode(rows, placed)
}

func (r *Run) encode(rows []fanout.Result, trees []*jsontree.Tree) Encoding {
	r.encoding++
	return Encoding{ID: r.ID, seq: r.encoding, Rows: rows, Trees: trees, Mode: r.Mode}
}

// SetMode changes the merge mode; a finished run must then be encoded
// again (ok: e is that encoding).
func (r *Run) SetMode(mode combine.Mode) (e Encoding, ok bool) {
	r.Mode = mode
	if r.State != Done || r.Result == nil {
		return Encoding{}, false
	}
	return r.encode(r.Result.Results, nil), true
}

// Encoded takes in the result of e, unless a newer run or encoding has
// replaced it (the stale result is closed); err is why it could not be
// built. The run is then Done.
func (r *Run) Encoded(e Encoding, res *result.Result, err error) bool {
	if e.ID != r.ID || e.seq != r.encoding {
		res.Close()
		return false
	}
	r.State = Done
	if err != nil {
		return true
	}
	r.Result.Close()
	r.Result = res
	r.Rows = res.Rows
	r.refigure(r.began.Add(r.wall), r.page)
	return true
}

// Retryable reports whether Retry failed has something to do.
// A paginated run has none: a chain's pages need the pages before them.
func (r *Run) Retryable() bool { return r.State == Done && r.Board.Failed > 0 && !r.paged }

// Filter is the board's current choice of rows.
func (r *Run) Filter() Filter { return r.filter }

// SetFilter shows the rows f keeps, from their first page.
func (r *Run) SetFilter(f Filter) {
	r.filter = f
	r.pick(0)
}

// ShowPage shows page p of the rows the filter keeps.
func (r *Run) ShowPage(p int) { r.pick(p) }

// Elapsed is the run's time: so far while it runs, its wall time after.
func (r *Run) Elapsed(now time.Time) time.Duration {
	if r.wall != 0 {
		return r.wall
	}
	if r.State != Running {
		return 0
	}
	return now.Sub(r.began)
}

// refigure makes the board's figures from the rows, once.
func (r *Run) refigure(now time.Time, page int) {
	wall := r.Elapsed(now)
	b := figure(r.Rows, wall)
	if r.wall != 0 || now.Sub(r.announced) >= AnnounceInterval {
		r.announced = now
		b.Announcement = Announcement(b.Done, len(r.Rows), b.Failed)
	}
	r.Board = b
	r.pick(page)
}

// pick chooses the rows the filter keeps and the page of them to show.
func (r *Run) pick(p int) {
	b := &r.Board
	switch r.filter {
	case FilterFailed:
		b.Visible = b.FailedRows
	case FilterSlow:
		b.Visible = b.SlowRows
	default:
		b.Visible = nil
	}
	n := b.ShownCount(len(r.Rows))
	b.Pages = pageCount(n)
	r.page = min(max(p, 0), b.Pages-1)
	b.Page = r.page
	from := min(r.page*BoardPageSize, n)
	to := min(from+BoardPageSize, n)
	b.Shown = make([]int, 0, to-from)
	for i := from; i < to; i++ {
		if b.Visible != nil {
			b.Shown = append(b.Shown, b.Visible[i])
		} else {
			b.Shown = append(b.Shown, i)
		}
	}
}
