package run_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqengine"
	"fanin/app/pages"
	"fanin/app/run"
)

// page is page p of chain c, done, holding [c*10+p].
func page(c, p int, start, url string) fanout.Result {
	return fanout.Result{Index: c, URL: url, State: fanout.Done, Status: 200, Chain: c, Page: p, ChainURL: start,
		Data: []byte(fmt.Sprintf("[%d]", c*10+p)), End: 5 * time.Millisecond}
}

func rowsOf(rows []fanout.Result) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d:%d/%d:%s ", r.Index, r.Chain, r.Page, run.Status(r))
	}
	return strings.TrimSpace(b.String())
}

func TestChains(t *testing.T) {
	t.Parallel()
	a, b := "https://a.test/items", "https://b.test/items"
	t.Run("pages join their chain's rows as they arrive, chains in input order, with page counts", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Concat)
		l := r.StartChains([]string{a, b}, t0, nil)
		if !l.Chains || !r.Paged() || rowsOf(r.Rows) != "0:0/1:pending 1:1/1:pending" || len(r.Board.Chains) != 2 {
			t.Fatalf("started: %s, chains %+v", rowsOf(r.Rows), r.Board.Chains)
		}
		// b's second page arrives before a's second: rows stay chain by chain.
		running := page(1, 2, b, b+"?page=2")
		running.State = fanout.Running
		r.Apply(l.ID, []fanout.Result{page(1, 1, b, b), running, page(0, 1, a, a)}, t0.Add(time.Millisecond))
		if got := rowsOf(r.Rows); got != "0:0/1:ok 1:1/1:ok 2:1/2:pending" {
			t.Fatalf("rows %s", got)
		}
		r.Apply(l.ID, []fanout.Result{page(0, 2, a, a+"?page=2"), page(1, 2, b, b+"?page=2")}, t0.Add(2*time.Millisecond))
		if got := rowsOf(r.Rows); got != "0:0/1:ok 1:0/2:ok 2:1/1:ok 3:1/2:ok" {
			t.Fatalf("rows %s", got)
		}
		c, ok := r.Board.ChainAt(2)
		if !ok || c.Start != b || c.Pages != 2 || c.First != 2 || c.Running {
			t.Fatalf("chain at row 2: %+v, %v", c, ok)
		}
		if _, ok := r.Board.ChainAt(1); ok {
			t.Fatal("row 1 (a's second page) is not a chain's first")
		}
		// A report that goes back (running after done) is ignored.
		back := page(0, 2, a, a+"?page=2")
		back.State = fanout.Running
		r.Apply(l.ID, []fanout.Result{back}, t0.Add(3*time.Millisecond))
		if r.Rows[1].State != fanout.Done {
			t.Fatal("a page went back to running")
		}
		results := []fanout.Result{page(0, 1, a, a), page(0, 2, a, a+"?page=2"), page(1, 1, b, b), page(1, 2, b, b+"?page=2")}
		for i := range results {
			results[i].Index = i
		}
		finish(t, r, l, results)
		if got := string(r.Result.Doc.Bytes); got != `[1,2,11,12]` {
			t.Fatalf("document %s", got)
		}
		if r.Retryable() {
			t.Fatal("a paginated run offers Retry failed")
		}
	})
	t.Run("a batch of an old paginated run is dropped; a plain run after it is plain", func(t *testing.T) {
		t.Parallel()
		r := run.New(combine.Array)
		old := r.StartChains([]string{a}, t0, nil)
		next := r.Start([]string{a, b}, t0, nil)
		if r.Apply(old.ID, []fanout.Result{page(0, 2, a, a+"?2")}, t0) || len(r.Rows) != 2 || r.Paged() {
			t.Fatalf("old batch applied: %s", rowsOf(r.Rows))
		}
		if _, ok := r.Finish(old, nil, nil, time.Second); ok {
			t.Fatal("an old launch finished the new run")
		}
		if !r.Apply(next.ID, []fanout.Result{ok(1, b)}, t0) || r.Board.OK != 1 || r.Board.Chains != nil {
			t.Fatalf("plain run: %+v", r.Board)
		}
	})
	t.Run("fetched for real: trees kept by slot are grafted by row, notes and failures end chains", func(t *testing.T) {
		t.Parallel()
		f := pagedFetcher{}
		rule, _ := pages.Parse(".next", &jqengine.Next{})
		r := run.New(combine.Array)
		urls := []string{"https://p.test/a", "ftp://bad", "https://p.test/b"}
		l := r.StartChains(urls, t0, nil)
		checker := bodycheck.Indexing(len(l.URLs), nil)
		updates := &run.Updates{}
		opt := fanout.Options{Next: rule.Next, Check: checker.Check, MaxPages: 3, Concurrency: 2}
		results := run.Fetch(context.Background(), l.URLs, f, opt, updates.Add)
		r.Apply(l.ID, updates.Take(), t0.Add(time.Millisecond))
		if got := rowsOf(r.Rows); got != "0:0/1:ok 1:0/2:ok 2:0/3:ok 3:1/1:error 4:2/1:ok 5:2/2:error" {
			t.Fatalf("rows while running: %s", got)
		}
		e, ok := r.Finish(l, results, checker.Trees(), time.Second)
		if !ok {
			t.Fatal("finish refused")
		}
		grafted := 0
		for _, tr := range e.Trees {
			if tr != nil {
				grafted++
			}
		}
		if grafted != 4 || len(e.Trees) != 6 {
			t.Fatalf("%d of %d trees placed; want the 4 good pages'", grafted, len(e.Trees))
		}
		res, err := e.Encode(nil)
		if !r.Encoded(e, res, err) || err != nil {
			t.Fatal(err)
		}
		if got := string(r.Result.Doc.Bytes); got != `[{"p":"a1","next":"a2"},{"p":"a2","next":"a3"},{"p":"a3","next":"a4"},null,{"p":"b1","next":"b2"},null]` {
			t.Fatalf("document %s", got)
		}
		if !strings.Contains(r.Rows[2].Note, "page cap (3 pages)") {
			t.Fatalf("a's last page: note %q", r.Rows[2].Note)
		}
	})
}

// pagedFetcher serves https://p.test/X (page 1) and .../X2, X3, …: each
// page names the next; b's second page is a 500.
type pagedFetcher struct{}

func (pagedFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	name := strings.TrimPrefix(req.URL, "https://p.test/")
	chain, n := name[:1], 1
	if len(name) > 1 {
		fmt.Sscan(name[1:], &n)
	}
	if chain == "b" && n == 2 {
		return &fanout.Response{Status: 500, Body: []byte("no")}, nil
	}
	return &fanout.Response{Status: 200, Body: []byte(fmt.Sprintf(`{"p":"%s%d","next":"%s%d"}`, chain, n, chain, n+1))}, nil
}
