package fanout

import (
	"context"
	"net/url"
	"strings"

	"golang.org/x/sync/semaphore"
)

// Limits of a run whose Options.Concurrency is 0 (the page's default): no
// single number, but one per origin that follows what the browser itself
// allows, so that fanin's own limit never holds the browser back and a
// request's timeout does not run while the browser queues it.
const (
	// PerOriginHTTP is for http: origins, which a browser only speaks
	// HTTP/1.1 to: it opens 6 connections per host and queues the rest.
	// Keeping ten requests per connection queued in the browser means a
	// finished one is followed at once, never after its result's trip
	// through Go: at 12, 1,000 URLs on a 0 ms server took 1.6 to 1.9 times
	// the plain-JS page's time, at 64 1.3 (bench). A request's timeout runs
	// while it is queued: 64 requests of 1 s each wait up to 11 s of the
	// default 15 s.
	PerOriginHTTP = 64
	// PerOriginHTTPS is for https: origins, nearly always HTTP/2 (one
	// connection, many streams; servers allow 100 to 250 at once, and the
	// browser queues the rest itself). The page cannot tell: a cross-origin
	// response's nextHopProtocol is hidden without Timing-Allow-Origin. So
	// the bound is the ceiling: at 64, a list of 100 took a second round
	// trip (bench: HTTP/2 · 100 URLs). The cost falls on an https server
	// that speaks only HTTP/1.1: its 6 connections queue the rest in the
	// browser, where a request's timeout already runs (256 requests at
	// 300 ms each wait up to 13 s of the default 15 s).
	PerOriginHTTPS = AutoCeiling
	// AutoCeiling bounds the requests in flight over every origin.
	AutoCeiling = 256
)

// limiter hands out the slot a request needs before it starts.
type limiter interface {
	acquire(ctx context.Context, rawURL string) error
	release(rawURL string)
}

// global is one bound for every request (Options.Concurrency > 0).
type global struct{ sem *semaphore.Weighted }

func (g global) acquire(ctx context.Context, _ string) error { return g.sem.Acquire(ctx, 1) }
func (g global) release(string)                              { g.sem.Release(1) }

// perOrigin is the automatic bound: one semaphore per origin, by scheme,
// under a ceiling for all. Origins are found before the run starts, so the
// map is only read while it runs.
type perOrigin struct {
	all     *semaphore.Weighted
	origins map[string]*semaphore.Weighted
}

func newPerOrigin(urls []string) *perOrigin {
	p := &perOrigin{all: semaphore.NewWeighted(AutoCeiling), origins: map[string]*semaphore.Weighted{}}
	for _, u := range urls {
		o, limit := originOf(u)
		if _, ok := p.origins[o]; !ok {
			p.origins[o] = semaphore.NewWeighted(int64(limit))
		}
	}
	return p
}

func (p *perOrigin) acquire(ctx context.Context, rawURL string) error {
	o, _ := originOf(rawURL)
	sem := p.origins[o]
	if err := sem.Acquire(ctx, 1); err != nil {
		return err
	}
	if err := p.all.Acquire(ctx, 1); err != nil {
		sem.Release(1)
		return err
	}
	return nil
}

func (p *perOrigin) release(rawURL string) {
	o, _ := originOf(rawURL)
	p.all.Release(1)
	p.origins[o].Release(1)
}

// originOf is a URL's scheme and host (with port) and that origin's limit.
func originOf(rawURL string) (string, int) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", PerOriginHTTP
	}
	scheme := strings.ToLower(u.Scheme)
	limit := PerOriginHTTP
	if scheme == "https" {
		limit = PerOriginHTTPS
	}
	return scheme + "://" + strings.ToLower(u.Host), limit
}

// byOrigin splits the indexes of urls by origin, each list in input order,
// the origins in the order they first appear.
func byOrigin(urls []string, skip func(int) bool) [][]int {
	at := map[string]int{}
	var groups [][]int
	for i, u := range urls {
		if skip(i) {
			continue
		}
		o, _ := originOf(u)
		k, ok := at[o]
		if !ok {
			k = len(groups)
			at[o] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], i)
	}
	return groups
}
