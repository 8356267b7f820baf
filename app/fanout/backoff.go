package fanout

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Backoff is how long to wait before another attempt: exponential with
// full jitter, unless the server said how long in Retry-After.
type Backoff struct {
	Base time.Duration // the first wait's upper bound (default 250 ms)
	Max  time.Duration // no wait is longer (default 30 s), Retry-After included
	Rand func() float64
}

// DefaultBackoff is used when Options.Backoff is zero.
var DefaultBackoff = Backoff{Base: 250 * time.Millisecond, Max: 30 * time.Second}

func (b Backoff) withDefaults() Backoff {
	if b.Base <= 0 {
		b.Base = DefaultBackoff.Base
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoff.Max
	}
	if b.Rand == nil {
		b.Rand = rand.Float64
	}
	return b
}

// Wait is the pause before attempt+1 (attempt counts from 0). A valid
// Retry-After — seconds, or an HTTP date relative to now — wins over the
// computed backoff; both are capped at Max.
func (b Backoff) Wait(attempt int, retryAfter string, now time.Time) time.Duration {
	b = b.withDefaults()
	if d, ok := parseRetryAfter(retryAfter, now); ok {
		return min(d, b.Max)
	}
	ceiling := b.Base << min(attempt, 20)
	if ceiling <= 0 || ceiling > b.Max {
		ceiling = b.Max
	}
	return time.Duration(b.Rand() * float64(ceiling))
}

func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 86400)) * time.Second, true
	}
	// IMF-fixdate, the form RFC 9110 requires of senders.
	if t, err := time.Parse("Mon, 02 Jan 2006 15:04:05 GMT", v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
