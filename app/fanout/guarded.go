package fanout

import (
	"context"
	"fmt"

	"fanin/app/netscope"
)

// KindBlocked is a response refused for where it came from: a public URL
// that redirected into this machine or a private network.
const KindBlocked Kind = "blocked"

// Guarded refuses what Fetcher got when a public URL was redirected to a
// loopback or private one (Response.FinalURL), so that a link to a public
// name cannot read the visitor's own network through a redirect. Hostname
// reads hosts as the browser does (the page passes the browser's own).
type Guarded struct {
	Fetcher  Fetcher
	Hostname netscope.HostnameFunc
}

// Fetch implements Fetcher.
func (g Guarded) Fetch(ctx context.Context, req Request) (*Response, error) {
	resp, err := g.Fetcher.Fetch(ctx, req)
	if resp == nil {
		return resp, err
	}
	if scope, inward := netscope.RedirectedInward(g.Hostname, req.URL, resp.FinalURL); inward {
		return nil, &Error{Kind: KindBlocked, Message: fmt.Sprintf(
			"redirected to %s, a %s address: a public URL may not lead into this machine or its network (list that URL itself to fetch it)",
			resp.FinalURL, scope)}
	}
	return resp, err
}
