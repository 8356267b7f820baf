//go:build js && wasm

package webfetch

import (
	"context"
	"errors"
	"fmt"

	"fanin/app/fanout"
)

// Fetcher implements fanout.Fetcher with window.fetch, through the page's
// fetch helper (web/fetchone.js).
type Fetcher struct{}

// New returns the browser Fetcher.
func New() *Fetcher { return &Fetcher{} }

// Fetch implements fanout.Fetcher: the request joins the next batch the
// helper starts, then waits for its one outcome or for ctx to end, which
// aborts the request.
func (f *Fetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	h, err := connect()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := startRequest{URL: req.URL, Max: max(req.MaxBytes, 0)}
	if len(req.Headers) > 0 {
		start.Headers = make(map[string]string, len(req.Headers))
		for _, hd := range req.Headers {
			start.Headers[hd.Name] = hd.Value
		}
	}
	id, ch := h.queue(start)
	select {
	case o := <-ch:
		resp, err := o.response(req)
		if err != nil && ctx.Err() != nil {
			return resp, ctx.Err()
		}
		return resp, err
	case <-ctx.Done():
		h.cancel(id)
		return nil, ctx.Err()
	}
}

// errAborted is an abort the context did not ask for (none is expected).
var errAborted = errors.New("the request was aborted")

// response turns the helper's outcome into fanout's terms.
func (o outcome) response(req fanout.Request) (*fanout.Response, error) {
	if o.err != nil {
		return nil, o.err
	}
	out := &fanout.Response{Status: o.status, RetryAfter: o.retryAfter, FinalURL: o.finalURL, Link: o.link}
	switch o.kind {
	case kindOK:
		out.Body = o.body
		return out, nil
	case kindDeclared:
		return out, fanout.Errorf(fanout.KindTooLarge, "Content-Length %d is over the %d-byte limit", o.detail, req.MaxBytes)
	case kindTooLarge:
		return out, fanout.Errorf(fanout.KindTooLarge, "body is over the %d-byte limit", req.MaxBytes)
	case kindBody:
		return out, fanout.Errorf(fanout.KindNetwork, "reading the body failed after %d bytes: %s", o.detail, o.message)
	case kindCORS:
		return nil, fanout.Errorf(fanout.KindCORS,
			"the server answered but its response is not shared with this page (no Access-Control-Allow-Origin); use the fanin command, or `fanin serve -proxy`")
	case kindNetwork:
		return nil, fanout.Errorf(fanout.KindNetwork, "could not connect or the connection failed (%s)", o.message)
	case kindMixed:
		return nil, fanout.Errorf(fanout.KindNetwork, "blocked as mixed content: this page is https and the URL is http")
	case kindAborted:
		return nil, errAborted
	case kindOther:
		return nil, &fanout.Error{Kind: fanout.KindNetwork, Message: o.message}
	default:
		return nil, fmt.Errorf("fetch helper: unknown result kind %d", o.kind)
	}
}
