package run

import (
	"context"
	"time"

	"fanin/app/fanout"
	"fanin/app/jsontree"
)

// A paginated run (Next page: Link header or a jq expression) starts one
// chain per URL; pages join the rows as they are fetched, each chain's
// pages together under its start URL, chains in input order. The run
// keeps the pages by chain and lays them out as the flat rows once per
// batch.

// Chain is one chain's figures, for the board's group heading.
type Chain struct {
	Start   string // the start URL
	First   int    // the row of its first page
	Pages   int    // pages so far
	Failed  bool   // its last page failed
	Note    string // why it ended early, when it says (a loop, the page cap)
	Running bool
}

// StartChains begins a paginated run of urls at now: each URL is a
// chain's first page. Fetch the launch with FetchChains (or Fetch with
// Options.Next set).
func (r *Run) StartChains(urls []string, now time.Time, cancel context.CancelFunc) Launch {
	rows := make([]fanout.Result, len(urls))
	all := make([]int, len(urls))
	r.chains = make([][]fanout.Result, len(urls))
	for i, u := range urls {
		rows[i], all[i] = fanout.Result{Index: i, URL: u, Chain: i, Page: 1, ChainURL: u}, i
		r.chains[i] = []fanout.Result{rows[i]}
	}
	l := r.launch(rows, all, now, cancel)
	l.Chains = true
	r.paged = true
	return l
}

// Paged reports whether the run follows pages.
func (r *Run) Paged() bool { return r.paged }

// applyPages takes in a batch of reports from a paginated run (each with
// Chain and Page) and lays the pages out as the rows again.
func (r *Run) applyPages(batch []fanout.Result) {
	for _, u := range batch {
		if u.Chain < 0 || u.Chain >= len(r.chains) || u.Page < 1 {
			continue
		}
		pages := r.chains[u.Chain]
		for len(pages) < u.Page {
			pages = append(pages, fanout.Result{Chain: u.Chain, Page: len(pages) + 1, ChainURL: u.ChainURL})
		}
		if u.State >= pages[u.Page-1].State {
			pages[u.Page-1] = u
		}
		r.chains[u.Chain] = pages
	}
	r.Rows = flatten(r.chains)
}

func flatten(chains [][]fanout.Result) []fanout.Result {
	n := 0
	for _, c := range chains {
		n += len(c)
	}
	rows := make([]fanout.Result, 0, n)
	for _, c := range chains {
		for _, p := range c {
			p.Index = len(rows)
			rows = append(rows, p)
		}
	}
	return rows
}

// finishPages takes in a paginated launch's results (flat, from
// FetchChains) and the trees its check kept by slot, and returns the rows
// and the trees by row.
func finishPages(results []fanout.Result, trees []*jsontree.Tree) ([]fanout.Result, []*jsontree.Tree) {
	rows := append([]fanout.Result(nil), results...)
	var placed []*jsontree.Tree
	if trees != nil {
		placed = make([]*jsontree.Tree, len(rows))
		for i, res := range rows {
			if res.Slot >= 0 && res.Slot < len(trees) && res.State == fanout.Done && res.Err == nil {
				placed[i] = trees[res.Slot]
			}
		}
	}
	return rows, placed
}

// TreesByRow puts trees kept by slot (a paginated run's Check) in the
// order of results, as result.Build takes them.
func TreesByRow(results []fanout.Result, trees []*jsontree.Tree) []*jsontree.Tree {
	_, placed := finishPages(results, trees)
	return placed
}

// chainsOf groups rows (in chain order) into chains, for the board.
func chainsOf(rows []fanout.Result) []Chain {
	var out []Chain
	for i, row := range rows {
		if row.Page == 0 {
			return nil
		}
		if len(out) == 0 || rows[i-1].Chain != row.Chain {
			out = append(out, Chain{Start: row.ChainURL, First: i})
		}
		c := &out[len(out)-1]
		if c.Start == "" {
			c.Start = row.ChainURL
		}
		c.Pages++
		c.Running = row.State != fanout.Done
		c.Failed = row.Err != nil
		c.Note = row.Note
	}
	return out
}
