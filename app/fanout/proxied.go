package fanout

import (
	"context"
	"errors"
	"net/url"
)

// Proxied fetches through fanin's proxy (`fanin serve -proxy`) what the
// browser may not read directly: a URL whose direct fetch failed for want
// of CORS headers, or every URL when Always is set. Responses that came
// through the proxy are marked ViaProxy.
type Proxied struct {
	Direct   Fetcher
	Endpoint string // the proxy's address, e.g. http://127.0.0.1:8000/proxy
	Always   bool
}

// Fetch implements Fetcher.
func (p Proxied) Fetch(ctx context.Context, req Request) (*Response, error) {
	if !p.Always {
		resp, err := p.Direct.Fetch(ctx, req)
		var fe *Error
		if !errors.As(err, &fe) || fe.Kind != KindCORS {
			return resp, err
		}
	}
	target, err := url.Parse(req.URL)
	if err != nil {
		return nil, &Error{Kind: KindInvalidURL, Message: err.Error(), Err: err}
	}
	target.Fragment, target.RawFragment = "", "" // never sent to servers anyway
	proxied := req
	proxied.URL = p.Endpoint + "?url=" + url.QueryEscape(target.String())
	resp, err := p.Direct.Fetch(ctx, proxied)
	if resp != nil {
		resp.ViaProxy = true
	}
	return resp, err
}
