//go:build js && wasm

package webfetch

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fanin/app/fanout"
	"fanin/app/jspromise"

	"github.com/hack-pad/safejs"
)

// Fetcher implements fanout.Fetcher with window.fetch.
type Fetcher struct{}

// New returns the browser Fetcher.
func New() *Fetcher { return &Fetcher{} }

// Fetch implements fanout.Fetcher.
func (f *Fetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	abort, signal, err := newAbort(ctx)
	if err != nil {
		return nil, err
	}
	defer abort.stop()

	init := options(signal, "cors")
	if len(req.Headers) > 0 {
		headers := map[string]any{}
		for _, h := range req.Headers {
			headers[h.Name] = h.Value
		}
		init["headers"] = headers
	}
	resp, err := jspromise.Await(call("fetch", req.URL, init))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, classify(ctx, req.URL, err)
	}
	status, err := intProp(resp, "status")
	if err != nil {
		return nil, err
	}
	out := &fanout.Response{Status: status, RetryAfter: header(resp, "retry-after"), FinalURL: finalURL(resp), Link: header(resp, "link")}
	if n, ok := contentLength(resp); ok && req.MaxBytes > 0 && n > req.MaxBytes {
		abort.now()
		return out, fanout.Errorf(fanout.KindTooLarge, "Content-Length %d is over the %d-byte limit", n, req.MaxBytes)
	}
	hint, _ := contentLength(resp)
	out.Body, err = readBody(resp, req.MaxBytes, hint, abort)
	if err != nil && ctx.Err() != nil {
		return out, ctx.Err()
	}
	return out, err
}

// finalURL is where a redirected response came from (response.url), ""
// when it was not redirected.
func finalURL(resp safejs.Value) string {
	redirected, err := resp.Get("redirected")
	if err != nil {
		return ""
	}
	if ok, err := redirected.Bool(); err != nil || !ok {
		return ""
	}
	u, err := resp.Get("url")
	if err != nil {
		return ""
	}
	s, _ := u.String()
	return s
}

func options(signal safejs.Value, mode string) map[string]any {
	return map[string]any{
		"method":         "GET",
		"mode":           mode,
		"credentials":    "omit",
		"referrerPolicy": "no-referrer",
		"cache":          "no-store",
		"redirect":       "follow",
		"signal":         signal,
	}
}

// classify tells a CORS refusal from a network failure. fetch rejects both
// with the same TypeError, so ask again in no-cors mode: an opaque answer
// means the server is there and only the CORS headers were missing.
func classify(ctx context.Context, url string, cause error) error {
	var je *jspromise.Error
	if errors.As(cause, &je) && je.Name != "TypeError" {
		return &fanout.Error{Kind: fanout.KindNetwork, Message: je.Error(), Err: cause}
	}
	if mixedContent(url) {
		return fanout.Errorf(fanout.KindNetwork, "blocked as mixed content: this page is https and the URL is http")
	}
	abort, signal, err := newAbort(ctx)
	if err == nil {
		defer abort.stop()
		if _, err = jspromise.Await(call("fetch", url, options(signal, "no-cors"))); err == nil {
			return fanout.Errorf(fanout.KindCORS,
				"the server answered but its response is not shared with this page (no Access-Control-Allow-Origin); use the fanin command, or `fanin serve -proxy`")
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fanout.Errorf(fanout.KindNetwork, "could not connect or the connection failed (%s)", cause)
}

func mixedContent(url string) bool {
	loc, err := safejs.Global().Get("location")
	if err != nil {
		return false
	}
	proto, err := loc.Get("protocol")
	if err != nil {
		return false
	}
	p, _ := proto.String()
	return p == "https:" && strings.HasPrefix(strings.ToLower(url), "http:")
}

func call(fn string, args ...any) (safejs.Value, error) {
	return safejs.Global().Call(fn, args...)
}

func intProp(v safejs.Value, name string) (int, error) {
	p, err := v.Get(name)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", name, err)
	}
	return p.Int()
}

// header reads a response header; CORS hides all but a few unless the
// server exposes them, so "" is common.
func header(resp safejs.Value, name string) string {
	headers, err := resp.Get("headers")
	if err != nil {
		return ""
	}
	v, err := headers.Call("get", name)
	if err != nil || v.IsNull() || v.IsUndefined() {
		return ""
	}
	s, _ := v.String()
	return s
}

func contentLength(resp safejs.Value) (int64, bool) {
	s := header(resp, "content-length")
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil && n >= 0
}
