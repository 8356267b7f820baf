package fanout

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

// limits are a run's politeness: a rate across the run and a cap on
// requests in flight per host (Options.Rate, Options.PerHost). Each
// attempt passes through them, retries included.
type limits struct {
	rate    *rate.Limiter // nil: no cap
	perHost int64

	mu    sync.Mutex
	hosts map[string]*semaphore.Weighted
}

func newLimits(opt Options) *limits {
	l := &limits{perHost: int64(opt.PerHost), hosts: map[string]*semaphore.Weighted{}}
	if opt.Rate > 0 {
		// A burst of one spaces requests evenly, as curl --rate does.
		l.rate = rate.NewLimiter(rate.Limit(opt.Rate), 1)
	}
	return l
}

// wait blocks until a request to rawURL may start; release ends it. ok is
// false when ctx ended first.
func (l *limits) wait(ctx context.Context, clock Clock, rawURL string) (release func(), ok bool) {
	release = func() {}
	if l.perHost > 0 {
		host := hostOf(rawURL)
		l.mu.Lock()
		sem := l.hosts[host]
		if sem == nil {
			sem = semaphore.NewWeighted(l.perHost)
			l.hosts[host] = sem
		}
		l.mu.Unlock()
		if sem.Acquire(ctx, 1) != nil {
			return release, false
		}
		release = func() { sem.Release(1) }
	}
	if l.rate != nil {
		// Reserve on the run's clock, so tests need not sleep.
		now := clock.Now()
		res := l.rate.ReserveN(now, 1)
		if d := res.DelayFrom(now); d > 0 && !clock.Sleep(ctx, d) {
			res.CancelAt(clock.Now())
			release()
			return func() {}, false
		}
	}
	return release, true
}

// hostOf is the host (and port) a URL's request goes to, lower-cased.
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return strings.ToLower(u.Host)
}
