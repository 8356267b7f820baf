package run

import (
	"context"

	"fanin/app/fanout"
	"fanin/app/urllist"
)

// Fetch is the one way fanin runs a list, in the page and in the CLI: URLs
// that are not absolute http(s) URLs get an invalid-url result and no
// request; fanout fetches the rest. Results and reports carry indexes into
// urls; in a paginated run (opt.Next) each URL starts a chain, see
// FetchChains.
func Fetch(ctx context.Context, urls []string, f fanout.Fetcher, opt fanout.Options, report func(fanout.Result)) []fanout.Result {
	if opt.Next != nil {
		return FetchChains(ctx, urls, f, opt, report)
	}
	results := make([]fanout.Result, len(urls))
	valid := make([]string, 0, len(urls))
	which := make([]int, 0, len(urls))
	for i, u := range urls {
		if err := urllist.Check(u); err != nil {
			results[i] = fanout.Result{Index: i, URL: u, State: fanout.Done,
				Err: &fanout.Error{Kind: fanout.KindInvalidURL, Message: err.Error(), Err: err}}
			if report != nil {
				report(results[i])
			}
			continue
		}
		valid = append(valid, u)
		which = append(which, i)
	}
	check := opt.Check
	if check != nil {
		opt.Check = func(ctx context.Context, k int, body []byte) ([]byte, *fanout.Error) {
			return check(ctx, which[k], body)
		}
	}
	var placed func(fanout.Result)
	if report != nil {
		placed = func(r fanout.Result) {
			r.Index = which[r.Index]
			report(r)
		}
	}
	for _, r := range fanout.Run(ctx, valid, f, opt, placed) {
		r.Index = which[r.Index]
		results[r.Index] = r
	}
	return results
}

// FetchChains is Fetch for a paginated run: each URL starts a chain of
// pages (fanout.RunChains). An invalid start URL is a chain of one
// invalid-url page. Results come chain by chain in the order of urls, each
// with Index its place among them and Chain the place of its start URL in
// urls; reports carry Index = Chain. Check is called with each page's
// Slot, a number in order of fetching.
func FetchChains(ctx context.Context, urls []string, f fanout.Fetcher, opt fanout.Options, report func(fanout.Result)) []fanout.Result {
	chains := make([][]fanout.Result, len(urls))
	valid := make([]string, 0, len(urls))
	which := make([]int, 0, len(urls))
	for i, u := range urls {
		if err := urllist.Check(u); err != nil {
			r := fanout.Result{Index: i, URL: u, State: fanout.Done, Chain: i, Page: 1, ChainURL: u,
				Err: &fanout.Error{Kind: fanout.KindInvalidURL, Message: err.Error(), Err: err}}
			chains[i] = []fanout.Result{r}
			if report != nil {
				report(r)
			}
			continue
		}
		valid = append(valid, u)
		which = append(which, i)
	}
	var placed func(fanout.Result)
	if report != nil {
		placed = func(r fanout.Result) {
			r.Chain = which[r.Chain]
			r.Index = r.Chain
			report(r)
		}
	}
	for _, r := range fanout.RunChains(ctx, valid, f, opt, placed) {
		r.Chain = which[r.Chain]
		chains[r.Chain] = append(chains[r.Chain], r)
	}
	var results []fanout.Result
	for _, pages := range chains {
		for _, r := range pages {
			r.Index = len(results)
			results = append(results, r)
		}
	}
	return results
}
