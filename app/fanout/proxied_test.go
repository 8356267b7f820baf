package fanout_test

import (
	"context"
	"testing"

	"fanin/app/fanout"
)

// corsFetcher refuses direct URLs as CORS failures and answers the proxy.
type corsFetcher struct{ asked []string }

func (f *corsFetcher) Fetch(ctx context.Context, req fanout.Request) (*fanout.Response, error) {
	f.asked = append(f.asked, req.URL)
	if req.URL[:len("http://fanin.test/proxy")] == "http://fanin.test/proxy" {
		return &fanout.Response{Status: 200, Body: []byte(`{"via":"proxy"}`)}, nil
	}
	return nil, &fanout.Error{Kind: fanout.KindCORS, Message: "no ACAO"}
}

func TestProxied(t *testing.T) {
	t.Parallel()
	t.Run("a CORS failure is fetched again through the proxy and marked", func(t *testing.T) {
		f := &corsFetcher{}
		p := fanout.Proxied{Direct: f, Endpoint: "http://fanin.test/proxy"}
		r := fanout.Run(context.Background(), []string{"https://api.test/a?b=1&c=2#frag"}, p, fanout.Options{Concurrency: 1}, nil)[0]
		if !r.OK() || !r.ViaProxy {
			t.Fatalf("got %+v", r)
		}
		if want := "http://fanin.test/proxy?url=https%3A%2F%2Fapi.test%2Fa%3Fb%3D1%26c%3D2"; f.asked[1] != want {
			t.Fatalf("asked %q, want %q", f.asked[1], want)
		}
	})
	t.Run("always goes straight to the proxy", func(t *testing.T) {
		f := &corsFetcher{}
		p := fanout.Proxied{Direct: f, Endpoint: "http://fanin.test/proxy", Always: true}
		fanout.Run(context.Background(), []string{"https://api.test/a"}, p, fanout.Options{}, nil)
		if len(f.asked) != 1 {
			t.Fatalf("asked %q, want only the proxy", f.asked)
		}
	})
}
