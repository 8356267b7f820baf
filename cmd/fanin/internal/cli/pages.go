package cli

import (
	"flag"
	"fmt"
	"io"

	"fanin/app/fanout"
	"fanin/app/jqengine"
	"fanin/app/pages"
)

// pageFlags adds fanin get's flags for paginated APIs and politeness; the
// -next value is checked by checkPageFlags once parsed.
func pageFlags(fs *flag.FlagSet, opt *fanout.Options) *string {
	next := fs.String("next", "", "follow each URL's next pages, `link|EXPR`: link follows RFC 8288 Link headers (rel=\"next\"); any other value is a jq EXPR on each page's body giving the next URL, absolute or relative (null, false or nothing stops)")
	fs.IntVar(&opt.MaxPages, "max-pages", pages.DefaultMaxPages, "with -next: pages per chain at most (1-100000); a chain cut short is said on standard error")
	fs.Float64Var(&opt.Rate, "rate", 0, "requests per second at most, across the run (0: no cap)")
	fs.IntVar(&opt.PerHost, "per-host", 0, "requests in flight to one host at most (0: no cap)")
	return next
}

// checkPageFlags checks the values and sets the next-page rule.
func checkPageFlags(next string, opt *fanout.Options) error {
	switch {
	case opt.MaxPages < 1 || opt.MaxPages > 100_000:
		return fmt.Errorf("-max-pages must be from 1 to 100000, not %d", opt.MaxPages)
	case opt.Rate < 0 || opt.Rate > 1e6:
		return fmt.Errorf("-rate must be from 0 to 1000000 requests per second, not %v", opt.Rate)
	case opt.PerHost < 0 || opt.PerHost > 1024:
		return fmt.Errorf("-per-host must be from 0 to 1024, not %d", opt.PerHost)
	}
	rule, err := pages.Parse(next, &jqengine.Next{})
	if err != nil {
		return fmt.Errorf("-next: %w", err)
	}
	if rule.On() {
		opt.Next = rule.Next
	}
	return nil
}

// reportNotes says on standard error where a chain of pages ended for a
// reason worth telling (a loop, the page cap, a next URL that could not
// be used), and which good responses came after waiting for Retry-After.
func reportNotes(stderr io.Writer, results []fanout.Result) {
	for _, r := range results {
		if r.Note != "" {
			fmt.Fprintf(stderr, "fanin: %s: page %d of %s: %s\n", r.URL, r.Page, r.ChainURL, r.Note)
		}
		if r.OK() && r.RetryAfter != "" {
			fmt.Fprintf(stderr, "fanin: %s: fetched after waiting as asked (Retry-After: %s), %d attempts\n", r.URL, r.RetryAfter, r.Attempts)
		}
	}
}
