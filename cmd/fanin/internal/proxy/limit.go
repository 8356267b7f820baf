package proxy

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// clientKey is the rate limiter's idea of one client: its IP, or its /64
// for IPv6, since one host commonly holds a whole /64.
func clientKey(remoteAddr string) string {
	ap, err := netip.ParseAddrPort(remoteAddr)
	if err != nil {
		return "unknown" // every unparsable peer shares one bucket
	}
	ip := ap.Addr().Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// clients is a token bucket per client in a table of bounded size.
type clients struct {
	mu        sync.Mutex
	limit     rate.Limit
	burst     int
	max       int
	idle      time.Duration
	table     map[string]*clientEntry
	nextSweep time.Time
	lastSweep time.Time
}

type clientEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

func newClients(perMin, burst, max int) *clients {
	limit := rate.Limit(float64(perMin) / 60)
	// A bucket left alone this long is full again, the same as a new one,
	// so dropping it changes nobody's allowance.
	idle := time.Duration(float64(burst)/float64(limit)*float64(time.Second)) + time.Second
	return &clients{limit: limit, burst: burst, max: max, idle: idle, table: make(map[string]*clientEntry)}
}

// take spends one token of key's bucket. When it cannot, it says how long
// to wait and why.
func (c *clients) take(key string, now time.Time) (ok bool, wait time.Duration, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.table[key]
	full := e == nil && len(c.table) >= c.max
	if !now.Before(c.nextSweep) || full && now.Sub(c.lastSweep) >= time.Second {
		c.sweep(now)
	}
	if e == nil {
		if len(c.table) >= c.max {
			return false, time.Second, ReasonClients
		}
		e = &clientEntry{lim: rate.NewLimiter(c.limit, c.burst)}
		c.table[key] = e
	}
	e.seen = now
	r := e.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d, ReasonRate
	}
	return true, 0, ""
}

func (c *clients) sweep(now time.Time) {
	for k, e := range c.table {
		if now.Sub(e.seen) > c.idle {
			delete(c.table, k)
		}
	}
	c.lastSweep = now
	c.nextSweep = now.Add(min(c.idle, time.Minute))
}

func (c *clients) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.table)
}

const queueWait = 5 * time.Second

// slots caps concurrent upstream requests; a bounded queue waits briefly
// for one, because the page sends its whole batch at once.
type slots struct {
	ch       chan struct{}
	waiting  atomic.Int64
	maxQueue int64
}

func newSlots(n, queue int) *slots {
	return &slots{ch: make(chan struct{}, n), maxQueue: int64(queue)}
}

func (s *slots) acquire(ctx context.Context) bool {
	select {
	case s.ch <- struct{}{}:
		return true
	default:
	}
	if s.waiting.Add(1) > s.maxQueue {
		s.waiting.Add(-1)
		return false
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(queueWait)
	defer t.Stop()
	select {
	case s.ch <- struct{}{}:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

func (s *slots) release() { <-s.ch }
