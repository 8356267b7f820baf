package run

import (
	"context"

	"fanin/app/fanout"
	"fanin/app/urllist"
)

// Fetch is the one way fanin runs a list, in the page and in the CLI: URLs
// that are not absolute http(s) URLs get an invalid-url result and no
// request; fanout fetches the rest. Results and reports carry indexes into
// urls.
func Fetch(ctx context.Context, urls []string, f fanout.Fetcher, opt fanout.Options, report func(fanout.Result)) []fanout.Result {
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
