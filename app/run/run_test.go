package run_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/result"
	"fanin/app/run"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func ok(i int, url string) fanout.Result {
	return fanout.Result{Index: i, URL: url, State: fanout.Done, Status: 200, Data: []byte(`{"i":` + string(rune('0'+i)) + `}`), End: 10 * time.Millisecond}
}

func failed(i int, url string, kind fanout.Kind) fanout.Result {
	return fanout.Result{Index: i, URL: url, State: fanout.Done, Err: &fanout.Error{Kind: kind, Message: string(kind)}}
}

// finish ends launch l with results and encodes its result.
func finish(t *testing.T, r *run.Run, l run.Launch, results []fanout.Result) {
	t.Helper()
	e, ok := r.Finish(l, results, nil, 50*time.Millisecond)
	if !ok {
		t.Fatal("Finish refused the current run")
	}
	res, err := e.Encode(nil)
	if !r.Encoded(e, res, err) || err != nil {
		t.Fatalf("Encoded refused the current encoding (%v)", err)
	}
}

func TestRun(t *testing.T) {
	t.Parallel()
	urls := []string{"https://a.test/0", "https://a.test/1", "not a url"}
	t.Run("a run goes from idle to running to done, with its figures", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		if r.State != run.Idle {
			t.Fatalf("new run is %s", r.State)
		}
		l := r.Start(urls, t0, nil)
		if r.State != run.Running || r.Board.Pending != 3 || len(l.URLs) != 3 || l.ID != 1 {
			t.Fatalf("started: %s, %d pending, launch %+v", r.State, r.Board.Pending, l)
		}
		r.Apply(l.ID, []fanout.Result{ok(0, urls[0])}, t0.Add(time.Millisecond))
		if r.Board.OK != 1 || r.Board.Pending != 2 {
			t.Fatalf("after a batch: %+v", r.Board)
		}
		finish(t, r, l, []fanout.Result{ok(0, urls[0]), ok(1, urls[1]), failed(2, urls[2], fanout.KindInvalidURL)})
		if r.State != run.Done || r.Board.OK != 2 || r.Board.Failed != 1 || r.Result == nil {
			t.Fatalf("done: %s, %+v", r.State, r.Board)
		}
		if got := string(r.Result.Doc.Bytes); got != `[{"i":0},{"i":1},null]` {
			t.Fatalf("document %s", got)
		}
		if r.Summary != "2 of 3 URLs gave JSON, 1 failed, in 0.05 s." {
			t.Fatalf("summary %q", r.Summary)
		}
	})
	t.Run("late updates of an old run are dropped", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		old := r.Start(urls, t0, nil)
		r.Cancel()
		next := r.Start(urls[:1], t0, nil)
		if r.Apply(old.ID, []fanout.Result{ok(0, urls[0])}, t0) || r.Board.OK != 0 {
			t.Fatal("a batch of the old run was applied")
		}
		if _, ok := r.Finish(old, []fanout.Result{ok(0, urls[0])}, nil, time.Second); ok {
			t.Fatal("the old run's finish was taken")
		}
		finish(t, r, next, []fanout.Result{ok(0, urls[0])})
		if len(r.Rows) != 1 {
			t.Fatalf("got %d rows, want the new run's 1", len(r.Rows))
		}
	})
	t.Run("a batch after the finish is ignored", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		l := r.Start(urls[:2], t0, nil)
		e, _ := r.Finish(l, []fanout.Result{ok(0, urls[0]), ok(1, urls[1])}, nil, time.Second)
		late := fanout.Result{Index: 1, URL: urls[1], State: fanout.Running}
		if r.Apply(l.ID, []fanout.Result{late}, t0) {
			t.Fatal("a batch after Finish was applied")
		}
		res, err := e.Encode(nil)
		r.Encoded(e, res, err)
		if r.Apply(l.ID, []fanout.Result{late}, t0) || r.Rows[1].State != fanout.Done {
			t.Fatal("a batch after the result was applied")
		}
	})
	t.Run("a row never goes back to an earlier state", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		l := r.Start(urls[:1], t0, nil)
		r.Apply(l.ID, []fanout.Result{ok(0, urls[0]), {Index: 0, URL: urls[0], State: fanout.Running}}, t0)
		if r.Rows[0].State != fanout.Done {
			t.Fatalf("row went back to %v", r.Rows[0].State)
		}
	})
	t.Run("retry fetches only the failed URLs and puts them back in their rows", func(t *testing.T) {
		t.Parallel()
		list := []string{"https://a.test/0", "https://a.test/1", "not a url", "https://a.test/3"}
		r := run.New(combine.Array)
		l := r.Start(list, t0, nil)
		finish(t, r, l, []fanout.Result{ok(0, list[0]), failed(1, list[1], fanout.KindNetwork),
			failed(2, list[2], fanout.KindInvalidURL), failed(3, list[3], fanout.KindTimeout)})
		if !r.Retryable() {
			t.Fatal("a run with failures cannot be retried")
		}
		again, retried := r.RetryFailed(t0, nil)
		if !retried || len(again.URLs) != 2 || again.URLs[0] != list[1] || again.URLs[1] != list[3] {
			t.Fatalf("retry launch %+v, want the network and timeout URLs only", again)
		}
		if r.Rows[0].State != fanout.Done || r.Rows[1].State != fanout.Pending || r.Rows[2].Err == nil {
			t.Fatalf("rows while retrying: %+v", r.Rows)
		}
		// the launch's results are indexed among its own URLs
		finish(t, r, again, []fanout.Result{ok(0, list[1]), ok(1, list[3])})
		if r.Rows[1].URL != list[1] || !r.Rows[1].OK() || r.Rows[3].URL != list[3] || !r.Rows[3].OK() || !r.Rows[0].OK() {
			t.Fatalf("rows after retry: %+v", r.Rows)
		}
		if _, ok := r.RetryFailed(t0, nil); ok {
			t.Fatal("only the invalid URL is left: nothing to retry")
		}
	})
	t.Run("cancel stops the fetches and finished rows keep their results", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		r := run.New(combine.Array)
		l := r.Start(urls[:2], t0, cancel)
		r.Cancel()
		if ctx.Err() == nil {
			t.Fatal("Cancel did not cancel the launch's context")
		}
		finish(t, r, l, []fanout.Result{ok(0, urls[0]), {Index: 1, URL: urls[1], State: fanout.Done, Err: fanout.Cancelled()}})
		if !r.Rows[0].OK() || r.Rows[1].Err.Kind != fanout.KindCancelled {
			t.Fatalf("rows %+v", r.Rows)
		}
		if got := string(r.Result.Doc.Bytes); got != `[{"i":0},null]` {
			t.Fatalf("document %s", got)
		}
	})
	t.Run("a mode change re-encodes a finished run, and a stale encoding is dropped", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		l := r.Start(urls[:2], t0, nil)
		finish(t, r, l, []fanout.Result{ok(0, urls[0]), ok(1, urls[1])})
		first, _ := r.SetMode(combine.Envelope)
		second, ok := r.SetMode(combine.Object)
		if !ok {
			t.Fatal("a finished run was not re-encoded")
		}
		stale, _ := first.Encode(nil)
		if r.Encoded(first, stale, nil) {
			t.Fatal("the first of two mode changes replaced the result")
		}
		res, err := second.Encode(nil)
		r.Encoded(second, res, err)
		if got := string(r.Result.Doc.Bytes); got != `{"https://a.test/0":{"i":0},"https://a.test/1":{"i":1}}` {
			t.Fatalf("document %s", got)
		}
	})
	t.Run("a merge problem shows as the row's error", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Concat)
		l := r.Start(urls[:1], t0, nil)
		finish(t, r, l, []fanout.Result{ok(0, urls[0])}) // an object, which concat cannot flatten
		if r.Rows[0].Err == nil || r.Result.Results[0].Err != nil || r.Board.Failed != 1 {
			t.Fatalf("row %+v, fetched %+v", r.Rows[0], r.Result.Results[0])
		}
	})
	t.Run("the board shows a page of the rows the filter keeps", func(t *testing.T) {
		t.Parallel()
		list := make([]string, 250)
		for i := range list {
			list[i] = "https://a.test/" + string(rune('a'+i%26))
		}
		r := run.New(combine.Array)
		l := r.Start(list, t0, nil)
		var batch []fanout.Result
		for i := 0; i < 250; i += 2 {
			batch = append(batch, failed(i, list[i], fanout.KindNetwork))
		}
		r.Apply(l.ID, batch, t0)
		r.ShowPage(9)
		if r.Board.Page != 2 || r.Board.Pages != 3 || len(r.Board.Shown) != 50 || r.Board.Shown[0] != 200 {
			t.Fatalf("page %d of %d, %d rows from %v", r.Board.Page, r.Board.Pages, len(r.Board.Shown), r.Board.Shown[:1])
		}
		r.SetFilter(run.FilterFailed)
		if r.Board.Pages != 2 || r.Board.Page != 0 || r.Board.Shown[1] != 2 || len(r.Board.FailedRows) != 125 {
			t.Fatalf("failed filter: page %d of %d, shown from %v", r.Board.Page, r.Board.Pages, r.Board.Shown[:2])
		}
	})
	t.Run("progress is announced at most every AnnounceInterval, and at the end", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		l := r.Start(urls[:2], t0, nil)
		if r.Board.Announcement == "" {
			t.Fatal("the start is not announced")
		}
		r.Apply(l.ID, []fanout.Result{ok(0, urls[0])}, t0.Add(time.Second))
		if r.Board.Announcement != "" {
			t.Fatalf("announced again after 1 s: %q", r.Board.Announcement)
		}
		r.Apply(l.ID, []fanout.Result{ok(0, urls[0])}, t0.Add(run.AnnounceInterval))
		if r.Board.Announcement != "1 of 2 URLs done, 0 failed." {
			t.Fatalf("got %q", r.Board.Announcement)
		}
		finish(t, r, l, []fanout.Result{ok(0, urls[0]), ok(1, urls[1])})
		if r.Board.Announcement != "Finished: 2 URLs, 0 failed." {
			t.Fatalf("got %q", r.Board.Announcement)
		}
	})
}

// fixed answers every URL with the same JSON.
type fixed struct{}

func (fixed) Fetch(context.Context, fanout.Request) (*fanout.Response, error) {
	return &fanout.Response{Status: 200, Body: []byte(`{"ok":true}`)}, nil
}

func TestFetch(t *testing.T) {
	t.Parallel()
	list := []string{"https://a.test/0", "ftp://a.test/", "https://a.test/2"}
	var mu sync.Mutex // checks and reports come from the fetching goroutines
	var reports []int
	checked := map[int]bool{}
	check := func(_ context.Context, i int, b []byte) ([]byte, *fanout.Error) {
		mu.Lock()
		defer mu.Unlock()
		checked[i] = true
		return b, nil
	}
	results := run.Fetch(context.Background(), list, fixed{}, fanout.Options{Check: check, Concurrency: 1}, func(r fanout.Result) {
		mu.Lock()
		defer mu.Unlock()
		if r.State == fanout.Done {
			reports = append(reports, r.Index)
		}
	})
	if results[1].Err.KindOr("") != fanout.KindInvalidURL || !results[0].OK() || !results[2].OK() || results[2].Index != 2 {
		t.Fatalf("got %+v", results)
	}
	if len(reports) != 3 || !checked[0] || !checked[2] || checked[1] {
		t.Fatalf("reports for %v, checks for %v; want every URL reported and the valid ones checked, by list index", reports, checked)
	}
}

func TestQuickEncoding(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		body  int
		quick bool
	}{
		{"bodies up to result.QuickMax are built at once", result.QuickMax - 4, true},
		{"bigger ones off the UI goroutine", result.QuickMax, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run.New(combine.Array)
			l := r.Start([]string{"https://a.test/0"}, t0, nil)
			body := `"` + strings.Repeat("x", tc.body) + `"`
			e, ok := r.Finish(l, []fanout.Result{{Index: 0, URL: "https://a.test/0", State: fanout.Done, Status: 200, Data: []byte(body)}}, nil, time.Millisecond)
			if !ok || e.Quick() != tc.quick {
				t.Fatalf("finished %v, quick %v, want %v", ok, e.Quick(), tc.quick)
			}
			res, err := e.Encode(nil)
			if err != nil || res.Quick() != tc.quick {
				t.Fatalf("built result quick %v (%v), want %v", res != nil && res.Quick(), err, tc.quick)
			}
		})
	}
}
