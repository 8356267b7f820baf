// Package fanout fetches many URLs at once, with a bound on how many are in
// flight, a timeout per request, retries and cancellation of the whole run,
// and reports each URL as it starts and ends: a value or a typed Error. It
// fetches and reports, nothing more: it does no I/O itself (a Fetcher does:
// the browser's fetch in the page, net/http in the CLI, so the same rules
// apply in both), what a body must be is a Check it is handed (app/bodycheck
// checks JSON, and indexes it for the page), and the URLs it gets were
// checked before it runs (app/run).
package fanout

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// Defaults used when Options leaves a field zero.
const (
	// DefaultConcurrency is fanin get's -c, as curl's --parallel-max: at
	// 16, 2,000 URLs took 1.4 times as long as curl (bench). The page's
	// default is per origin instead (Options.Concurrency 0).
	DefaultConcurrency = 50
	DefaultTimeout     = 15 * time.Second
	DefaultMaxBytes    = 64 << 20
)

// Request is what a Fetcher is asked to get.
type Request struct {
	URL      string
	MaxBytes int64    // read no more than this; past it return a KindTooLarge Error
	Headers  []Header // sent with the request (e.g. Authorization, Accept)
}

// Header is one request header.
type Header struct{ Name, Value string }

// Response is what a Fetcher got: the status and the whole body.
type Response struct {
	Status     int
	Body       []byte
	RetryAfter string // the Retry-After header, when the fetcher could read it
	Link       string // the Link header(s), joined with ", ", when the fetcher could read them
	ViaProxy   bool   // fetched through fanin's proxy
	FinalURL   string // where the response came from after redirects ("" when not redirected or unknown)
}

// Fetcher performs one GET. It must return promptly once ctx is done, and
// may return an *Error to name a kind (cors, network, too-large); any other
// error counts as a network failure.
type Fetcher interface {
	Fetch(ctx context.Context, req Request) (*Response, error)
}

// Options tune a run.
type Options struct {
	Concurrency int           // requests in flight at most; 0: per origin (PerOriginHTTP, PerOriginHTTPS), as the browser allows
	Timeout     time.Duration // per request attempt, body included (default 15 s)
	MaxBytes    int64         // per response body (default 64 MiB)
	Retries     int           // further attempts after a network error, 429 or 5xx (default 0)
	Headers     []Header      // sent with every request
	Backoff     Backoff       // waits between attempts (zero value: DefaultBackoff)
	// Check turns the body of a 2xx response to URL number index into the
	// value kept for it, or says why there is none (app/bodycheck: not
	// JSON, empty). nil keeps the body as it came. It is called from the
	// fetching goroutines, after the URL's slot is given back, so calls
	// overlap even at Concurrency 1: it must be safe for concurrent use.
	Check Check
	// Clock times the requests and the waits between attempts (nil: the
	// real one); tests pass one that never sleeps.
	Clock Clock
	// Rate caps requests per second across the run, retries included (0:
	// no cap); PerHost caps requests in flight to one host (0: no cap).
	Rate    float64
	PerHost int
	// Next, when set, makes each URL the start of a chain of pages (see
	// RunChains): given a finished page, it names the next page's URL, or
	// "" to stop, with a note when the reason is worth telling.
	Next Next
	// MaxPages caps each chain (default DefaultMaxPages).
	MaxPages int
}

// Next names the page after a good one; see Options.Next.
type Next func(ctx context.Context, page Result) (next, note string)

// DefaultMaxPages caps a chain when Options.MaxPages is zero.
const DefaultMaxPages = 100

// Check judges one response body; see Options.Check.
type Check func(ctx context.Context, index int, body []byte) ([]byte, *Error)

// Clock is the time as fanout reads and waits on it.
type Clock interface {
	Now() time.Time
	// Sleep waits for d and reports true, or reports false once ctx is done.
	Sleep(ctx context.Context, d time.Duration) bool
}

// RealClock is the wall clock.
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }

func (RealClock) Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// autoConcurrency is Options.Concurrency's value for limits per origin.
const autoConcurrency = 0

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 { // Run reads 0 as limits per origin before this
		o.Concurrency = DefaultConcurrency
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Check == nil {
		o.Check = func(_ context.Context, _ int, body []byte) ([]byte, *Error) { return body, nil }
	}
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	return o
}

// State is where one URL is in a run.
type State int

const (
	Pending State = iota
	Running
	Done
)

// Result is one URL's outcome; Index is its place in the input list.
type Result struct {
	Index    int
	URL      string
	State    State
	Status   int           // HTTP status, 0 when no response arrived
	Bytes    int           // body bytes received
	Start    time.Duration // since the run started
	End      time.Duration // since the run started; zero until Done
	Data     []byte        // the JSON value, exactly as sent; nil on error
	Err      *Error
	Attempts int  // requests made for this URL (more than 1 after retries)
	ViaProxy bool // the response came through fanin's proxy
	// RetryAfter is the last Retry-After the server sent for this URL.
	RetryAfter string
	// Link is the response's Link header, as the fetcher could read it.
	Link string

	// A paginated run's pages (Options.Next) say where they belong:
	Chain    int    // the chain's place among the start URLs
	Page     int    // 1, 2, … in its chain; 0 when the run does not paginate
	ChainURL string // the chain's start URL
	Note     string // why the chain ended at this page, when worth telling (a loop, the page cap)
	// Slot is the index the Check was called with for this body: Index in
	// a plain run, the page's number in order of fetching in a paginated one.
	Slot int
}

// OK reports whether the URL produced a JSON value.
func (r Result) OK() bool { return r.State == Done && r.Err == nil }

// Elapsed is how long the request took.
func (r Result) Elapsed() time.Duration { return r.End - r.Start }

// Run fetches every URL and returns one Result per URL in input order. It
// calls report (if not nil) from the fetching goroutines each time a URL
// starts or finishes; report must be safe for concurrent use. Requests start
// in input order (with Options.Concurrency 0, in input order per origin,
// each origin under its own limit). Cancelling ctx ends the run: URLs not
// yet done come back as KindCancelled. The URLs must have been checked
// (urllist.Check): Run fetches whatever it is given.
func Run(ctx context.Context, urls []string, f Fetcher, opt Options, report func(Result)) []Result {
	if opt.Next != nil {
		return RunChains(ctx, urls, f, opt, report)
	}
	auto := opt.Concurrency == autoConcurrency
	opt = opt.withDefaults()
	lim := newLimits(opt)
	began := opt.Clock.Now()
	since := func() time.Duration { return opt.Clock.Now().Sub(began) }
	if report == nil {
		report = func(Result) {}
	}

	results := make([]Result, len(urls))
	for i, u := range urls {
		results[i] = Result{Index: i, URL: u, Slot: i}
	}

	var slots limiter = global{semaphore.NewWeighted(int64(opt.Concurrency))}
	if auto {
		slots = newPerOrigin(urls)
	}
	var wg sync.WaitGroup
	launch := func(r *Result) {
		if err := slots.acquire(ctx, r.URL); err != nil {
			r.State, r.Err = Done, Cancelled()
			r.Start, r.End = since(), since()
			report(*r)
			return
		}
		r.State, r.Start = Running, since()
		report(*r)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := heldSlot(slots, r.URL)
			fetchOne(ctx, f, opt, lim, r, s)
			s.release()
			r.State, r.End = Done, since()
			report(*r)
		}()
	}
	if !auto {
		for i := range results {
			launch(&results[i])
		}
	} else {
		// Origin by origin, each in input order: a busy origin does not
		// hold back the URLs of another.
		for _, group := range byOrigin(urls, func(int) bool { return false }) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, i := range group {
					launch(&results[i])
				}
			}()
		}
	}
	wg.Wait()
	return results
}

// Cancelled is the error of a URL that a cancelled run cut short.
func Cancelled() *Error {
	return &Error{Kind: KindCancelled, Message: "cancelled before it finished", Err: context.Canceled}
}

// slot is the run's concurrency slot for one URL: held while its request
// is in flight, given back as soon as the response is in, so that the next
// URL's request starts while this body is still being checked, and taken
// again for a retry (never held through a retry's wait).
type slot struct {
	lim  limiter
	url  string
	held bool
}

// heldSlot is url's slot in lim, which its caller has already taken.
func heldSlot(lim limiter, url string) *slot {
	return &slot{lim: lim, url: url, held: true}
}

// release gives the slot back, once; it may be called again.
func (s *slot) release() {
	if s.held {
		s.held = false
		s.lim.release(s.url)
	}
}

// retake takes the slot again for a retry; false when ctx ended first.
func (s *slot) retake(ctx context.Context) bool {
	if s.held {
		return true
	}
	if s.lim.acquire(ctx, s.url) != nil {
		return false
	}
	s.held = true
	return true
}

// fetchOne gets one URL, trying again after transient failures as the
// options allow. s is held on entry; fetchOne releases it when each
// attempt's response is in and takes it again for each retry.
func fetchOne(ctx context.Context, f Fetcher, opt Options, lim *limits, r *Result, s *slot) {
	backoff := opt.Backoff.withDefaults()
	for attempt := 0; ; attempt++ {
		if !s.retake(ctx) {
			r.Err = Cancelled()
			return
		}
		release, ok := lim.wait(ctx, opt.Clock, r.URL)
		if !ok {
			r.Err = Cancelled()
			return
		}
		retryAfter := attemptOnce(ctx, f, opt, r, func() {
			release()
			s.release()
		})
		if retryAfter != "" {
			r.RetryAfter = retryAfter
		}
		r.Attempts = attempt + 1
		if attempt >= opt.Retries || !retryable(r) || ctx.Err() != nil {
			return
		}
		if !opt.Clock.Sleep(ctx, backoff.Wait(attempt, retryAfter, opt.Clock.Now())) {
			r.Err = Cancelled()
			return
		}
	}
}

// attemptOnce makes one request and fills r; it returns the response's
// Retry-After header, if any. arrived is called once the response (or the
// failure) is in, before the body is checked.
func attemptOnce(ctx context.Context, f Fetcher, opt Options, r *Result, arrived func()) string {
	reqCtx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	r.Status, r.Bytes, r.Data, r.Err, r.ViaProxy, r.Link = 0, 0, nil, nil, false, ""
	resp, err := f.Fetch(reqCtx, Request{URL: r.URL, MaxBytes: opt.MaxBytes, Headers: opt.Headers})
	arrived()
	retryAfter := ""
	if resp != nil {
		r.Status, r.Bytes, r.ViaProxy, r.Link = resp.Status, len(resp.Body), resp.ViaProxy, resp.Link
		retryAfter = resp.RetryAfter
	}
	switch {
	case ctx.Err() != nil:
		r.Err = Cancelled()
	case err != nil && (reqCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded)):
		r.Err = Errorf(KindTimeout, "no complete response within %v", opt.Timeout)
	case err != nil:
		var fe *Error
		if !errors.As(err, &fe) {
			fe = &Error{Kind: KindNetwork, Message: err.Error(), Err: err}
		}
		r.Err = fe
	case resp.Status < 200 || resp.Status > 299:
		r.Err = StatusError(resp)
	default:
		r.Data, r.Err = opt.Check(ctx, r.Slot, resp.Body)
		if r.Err == nil && ctx.Err() != nil {
			r.Data, r.Err = nil, Cancelled()
		}
	}
	return retryAfter
}

// retryable: network failures, timeouts, 429 and 5xx may pass on their
// own; anything else would fail the same way again.
func retryable(r *Result) bool {
	if r.Err == nil {
		return false
	}
	switch r.Err.Kind {
	case KindNetwork, KindTimeout:
		return true
	case KindHTTPStatus:
		return r.Status == 429 || r.Status >= 500
	}
	return false
}

// StatusError is a response outside 2xx, with an excerpt of its body and
// the Retry-After the server sent, if any (fanout waits that long before
// retrying).
func StatusError(resp *Response) *Error {
	wait := ""
	if ra := strings.TrimSpace(resp.RetryAfter); ra != "" {
		wait = " (Retry-After: " + excerpt([]byte(ra), 40) + ")"
	}
	if ex := excerpt(resp.Body, 200); ex != "" {
		return Errorf(KindHTTPStatus, "HTTP %d%s: %s", resp.Status, wait, ex)
	}
	return Errorf(KindHTTPStatus, "HTTP %d%s", resp.Status, wait)
}
