// Package fanout fetches many URLs at once, with a bound on how many are in
// flight, a timeout per request and cancellation of the whole run, and turns
// each response into either a validated JSON value or a typed Error. It does
// no I/O itself: a Fetcher does (the browser's fetch in the page, net/http
// in the CLI), so the same rules apply in both.
package fanout

import (
	"context"
	"errors"
	"sync"
	"time"

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
	MaxBytes int64 // read no more than this; past it return a KindTooLarge Error
}

// Response is what a Fetcher got: the status and the whole body.
type Response struct {
	Status int
	Body   []byte
}

// Fetcher performs one GET. It must return promptly once ctx is done, and
// may return an *Error to name a kind (cors, network, too-large); any other
// error counts as a network failure.
type Fetcher interface {
	Fetch(ctx context.Context, req Request) (*Response, error)
}

// Options tune a run.
type Options struct {
	Concurrency int           // requests in flight at most (default 16)
	Timeout     time.Duration // per request, body included (default 15 s)
	MaxBytes    int64         // per response body (default 64 MiB)
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
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
	Index  int
	URL    string
	State  State
	Status int           // HTTP status, 0 when no response arrived
	Bytes  int           // body bytes received
	Start  time.Duration // since the run started
	End    time.Duration // since the run started; zero until Done
	Data   []byte        // the JSON value, exactly as sent; nil on error
	Err    *Error
}

// OK reports whether the URL produced a JSON value.
func (r Result) OK() bool { return r.State == Done && r.Err == nil }

// Elapsed is how long the request took.
func (r Result) Elapsed() time.Duration { return r.End - r.Start }

// Run fetches every URL and returns one Result per URL in input order. It
// calls report (if not nil) from the fetching goroutines each time a URL
// starts or finishes; report must be safe for concurrent use. Requests start
// in input order. Cancelling ctx ends the run: URLs not yet done come back
// as KindCancelled.
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

	slots := semaphore.NewWeighted(int64(opt.Concurrency))
	var wg sync.WaitGroup
	for i := range results {
		r := &results[i]
		if err := urllist.Check(r.URL); err != nil {
			r.State, r.Err = Done, &Error{Kind: KindInvalidURL, Message: err.Error(), Err: err}
			r.Start, r.End = since(), since()
			report(*r)
			continue
		}
		if err := slots.Acquire(ctx, 1); err != nil {
			r.State, r.Err = Done, cancelled()
			r.Start, r.End = since(), since()
			report(*r)
			continue
		}
		r.State, r.Start = Running, since()
		report(*r)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer slots.Release(1)
			fetchOne(ctx, f, opt, r)
			r.State, r.End = Done, since()
			report(*r)
		}()
	}
	wg.Wait()
	return results
}

func cancelled() *Error {
	return &Error{Kind: KindCancelled, Message: "cancelled before it finished", Err: context.Canceled}
}

func fetchOne(ctx context.Context, f Fetcher, opt Options, r *Result) {
	reqCtx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	resp, err := f.Fetch(reqCtx, Request{URL: r.URL, MaxBytes: opt.MaxBytes})
	if resp != nil {
		r.Status, r.Bytes = resp.Status, len(resp.Body)
	}
	switch {
	case ctx.Err() != nil:
		r.Err = cancelled()
		return
	case err != nil && (reqCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded)):
		r.Err = Errorf(KindTimeout, "no complete response within %v", opt.Timeout)
		return
	case err != nil:
		var fe *Error
		if !errors.As(err, &fe) {
			fe = &Error{Kind: KindNetwork, Message: err.Error(), Err: err}
		}
		r.Err = fe
		return
	}
	r.Data, r.Err = Value(resp)
}

// Value returns the JSON value a response carries, or why it carries none:
// a status outside 2xx, an empty body, or a body that is not JSON.
func Value(resp *Response) ([]byte, *Error) {
	if resp.Status < 200 || resp.Status > 299 {
		if ex := excerpt(resp.Body, 200); ex != "" {
			return nil, Errorf(KindHTTPStatus, "HTTP %d: %s", resp.Status, ex)
		}
		return nil, Errorf(KindHTTPStatus, "HTTP %d", resp.Status)
	}
	data, err := jsonvalue.Check(resp.Body)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, jsonvalue.ErrEmpty):
		return nil, &Error{Kind: KindEmpty, Message: err.Error(), Err: err}
	default:
		return nil, &Error{Kind: KindNotJSON, Message: err.Error(), Err: err}
	}
}
