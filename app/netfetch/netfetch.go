// Package netfetch is the native Fetcher: fanout's requests over net/http,
// for the fanin command. The page never links it; it uses the browser's
// fetch (package webfetch) instead.
package netfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"fanin/app/fanout"
)

// Fetcher gets URLs with one shared http.Client. Cookies are never stored
// or sent, and no Referer is set, as in the page.
type Fetcher struct {
	Client *http.Client
}

// New returns a Fetcher whose connection pool fits concurrency requests in
// flight to one host.
func New(concurrency int) *Fetcher {
	if concurrency <= 0 {
		concurrency = fanout.DefaultConcurrency
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          4 * concurrency,
		MaxIdleConnsPerHost:   concurrency,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &Fetcher{Client: &http.Client{Transport: transport, CheckRedirect: checkRedirect}}
}

// maxRedirects is how many redirects one request follows, as net/http's default.
const maxRedirects = 10

// checkRedirect keeps a request's headers (-H) only while redirects stay
// on its origin (scheme, host and port), as browsers and curl do: a token
// for one API must not reach whatever host it redirects to.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if origin(req.URL) != origin(via[0].URL) {
		for name := range req.Header {
			if name != "Accept" && name != "User-Agent" {
				delete(req.Header, name)
			}
		}
	}
	return nil
}

func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return u.Scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// Fetch implements fanout.Fetcher.
func (f *Fetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, fanout.Errorf(fanout.KindInvalidURL, "%v", err)
	}
	hreq.Header.Set("Accept", "application/json, */*;q=0.5")
	hreq.Header.Set("User-Agent", "fanin")
	for _, h := range req.Headers {
		hreq.Header.Set(h.Name, h.Value)
	}
	resp, err := f.Client.Do(hreq)
	if err != nil {
		return nil, describe(err)
	}
	defer resp.Body.Close()
	out := &fanout.Response{Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After"),
		Link: strings.Join(resp.Header.Values("Link"), ", ")}
	if final := resp.Request.URL.String(); final != hreq.URL.String() {
		out.FinalURL = final
	}
	if req.MaxBytes > 0 && resp.ContentLength > req.MaxBytes {
		return out, fanout.Errorf(fanout.KindTooLarge, "Content-Length %d is over the %d-byte limit", resp.ContentLength, req.MaxBytes)
	}
	body, err := readCapped(resp.Body, req.MaxBytes, resp.ContentLength)
	out.Body = body
	if err != nil {
		return out, err
	}
	return out, nil
}

// readCapped reads r to the end, failing as soon as more than max bytes
// arrive: the cap holds while streaming, not after.
func readCapped(r io.Reader, max, hint int64) ([]byte, error) {
	limit := max
	if limit <= 0 {
		limit = fanout.DefaultMaxBytes
	}
	size := int64(512)
	if hint > 0 && hint <= limit {
		size = hint + 1
	}
	buf := make([]byte, 0, size)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf[:limit], fanout.Errorf(fanout.KindTooLarge, "body is over the %d-byte limit", limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, describe(err)
		}
	}
}

func describe(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			err = inner
		}
	}
	return &fanout.Error{Kind: fanout.KindNetwork, Message: fmt.Sprint(err), Err: err}
}
