// Package fanout fetches many URLs at once, with a bound on how many are in
// flight, a timeout per request and cancellation of the whole run, and turns
// each response into either a validated JSON value or a typed Error. It does
// no I/O itself: a Fetcher does (the browser's fetch in the page, net/http
// in the CLI), so the same rules apply in both.
package fanout

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"

	"fanin/app/jsontree"
	"fanin/app/jsonvalue"
	"fanin/app/urllist"

	"golang.org/x/sync/semaphore"
)

// Defaults used when Options leaves a field zero.
const (
	DefaultConcurrency = 16
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
	ViaProxy   bool   // fetched through fanin's proxy
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
	// Pause, when set, is called between slices of checking a response
	// body; the page yields to the browser there, so a 50 MB body never
	// holds it for a second. An error from Pause abandons the check.
	Pause func(context.Context) error
	// Index asks for each JSON body's tree (Result.Tree), built by the scan
	// that checks it: the page shows the tree, the CLI has no use for it.
	Index bool
}

// autoConcurrency is Options.Concurrency's value for limits per origin.
const autoConcurrency = 0

func (o Options) withDefaults() Options {
	if o.Concurrency < 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
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
	Status   int            // HTTP status, 0 when no response arrived
	Bytes    int            // body bytes received
	Start    time.Duration  // since the run started
	End      time.Duration  // since the run started; zero until Done
	Data     []byte         // the JSON value, exactly as sent; nil on error
	Tree     *jsontree.Tree // Data's index, when Options.Index asked for one
	Err      *Error
	Attempts int  // requests made for this URL (more than 1 after retries)
	ViaProxy bool // the response came through fanin's proxy
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
// yet done come back as KindCancelled.
func Run(ctx context.Context, urls []string, f Fetcher, opt Options, report func(Result)) []Result {
	opt = opt.withDefaults()
	began := time.Now()
	since := func() time.Duration { return time.Since(began) }
	if report == nil {
		report = func(Result) {}
	}

	results := make([]Result, len(urls))
	for i, u := range urls {
		results[i] = Result{Index: i, URL: u}
	}

	var lim limiter = global{semaphore.NewWeighted(int64(opt.Concurrency))}
	auto := opt.Concurrency == autoConcurrency
	if auto {
		lim = newPerOrigin(urls)
	}
	var wg sync.WaitGroup
	launch := func(r *Result) {
		if err := lim.acquire(ctx, r.URL); err != nil {
			r.State, r.Err = Done, cancelled()
			r.Start, r.End = since(), since()
			report(*r)
			return
		}
		r.State, r.Start = Running, since()
		report(*r)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer lim.release(r.URL)
			fetchOne(ctx, f, opt, r)
			r.State, r.End = Done, since()
			report(*r)
		}()
	}
	for i := range results {
		r := &results[i]
		if err := urllist.Check(r.URL); err != nil {
			r.State, r.Err = Done, &Error{Kind: KindInvalidURL, Message: err.Error(), Err: err}
			r.Start, r.End = since(), since()
			report(*r)
			continue
		}
		if !auto {
			launch(r)
		}
	}
	if auto {
		// Origin by origin, each in input order: a busy origin does not
		// hold back the URLs of another.
		for _, group := range byOrigin(urls, func(i int) bool { return results[i].State == Done }) {
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

func cancelled() *Error {
	return &Error{Kind: KindCancelled, Message: "cancelled before it finished", Err: context.Canceled}
}

// fetchOne gets one URL, trying again after transient failures as the
// options allow.
func fetchOne(ctx context.Context, f Fetcher, opt Options, r *Result) {
	backoff := opt.Backoff.withDefaults()
	for attempt := 0; ; attempt++ {
		retryAfter := attemptOnce(ctx, f, opt, r)
		r.Attempts = attempt + 1
		if attempt >= opt.Retries || !retryable(r) || ctx.Err() != nil {
			return
		}
		if !sleep(ctx, backoff.Wait(attempt, retryAfter, time.Now())) {
			r.Err = cancelled()
			return
		}
	}
}

// attemptOnce makes one request and fills r; it returns the response's
// Retry-After header, if any.
func attemptOnce(ctx context.Context, f Fetcher, opt Options, r *Result) string {
	reqCtx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	r.Status, r.Bytes, r.Data, r.Tree, r.Err, r.ViaProxy = 0, 0, nil, nil, nil, false
	resp, err := f.Fetch(reqCtx, Request{URL: r.URL, MaxBytes: opt.MaxBytes, Headers: opt.Headers})
	retryAfter := ""
	if resp != nil {
		r.Status, r.Bytes, r.ViaProxy = resp.Status, len(resp.Body), resp.ViaProxy
		retryAfter = resp.RetryAfter
	}
	switch {
	case ctx.Err() != nil:
		r.Err = cancelled()
	case err != nil && (reqCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded)):
		r.Err = Errorf(KindTimeout, "no complete response within %v", opt.Timeout)
	case err != nil:
		var fe *Error
		if !errors.As(err, &fe) {
			fe = &Error{Kind: KindNetwork, Message: err.Error(), Err: err}
		}
		r.Err = fe
	default:
		r.Data, r.Tree, r.Err = check(ctx, resp, opt)
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

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// checkStep is how many bytes of a body are checked between pauses.
const checkStep = 256 << 10

// Value returns the JSON value a response carries, or why it carries none:
// a status outside 2xx, an empty body, or a body that is not JSON.
func Value(resp *Response) ([]byte, *Error) {
	data, _, err := check(context.Background(), resp, Options{})
	return data, err
}

func check(ctx context.Context, resp *Response, opt Options) ([]byte, *jsontree.Tree, *Error) {
	if resp.Status < 200 || resp.Status > 299 {
		if ex := excerpt(resp.Body, 200); ex != "" {
			return nil, nil, Errorf(KindHTTPStatus, "HTTP %d: %s", resp.Status, ex)
		}
		return nil, nil, Errorf(KindHTTPStatus, "HTTP %d", resp.Status)
	}
	c := jsonvalue.NewChecker(resp.Body)
	if opt.Index {
		c = jsonvalue.NewIndexingChecker(resp.Body)
	}
	for opt.Pause != nil && !c.Step(checkStep) {
		if err := opt.Pause(ctx); err != nil {
			return nil, nil, cancelled()
		}
	}
	for !c.Step(math.MaxInt) {
	}
	data, err := c.Value()
	switch {
	case err == nil:
		return data, c.Tree(), nil
	case errors.Is(err, jsonvalue.ErrEmpty):
		return nil, nil, &Error{Kind: KindEmpty, Message: err.Error(), Err: err}
	default:
		return nil, nil, &Error{Kind: KindNotJSON, Message: err.Error(), Err: err}
	}
}
