package fanout_test

import (
	"context"
	"errors"
	"testing"

	"fanin/app/fanout"
	"fanin/app/netscope"
)

// redirectingFetcher answers every URL as if it had been redirected to to.
type redirectingFetcher struct{ to string }

func (f redirectingFetcher) Fetch(_ context.Context, req fanout.Request) (*fanout.Response, error) {
	return &fanout.Response{Status: 200, Body: []byte(`{}`), FinalURL: f.to}, nil
}

func TestGuarded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, url, final string
		blocked          bool
	}{
		{"a public URL redirected to loopback is blocked", "https://api.example.com/", "http://127.0.0.1:8080/admin", true},
		{"a public URL redirected to a private number form is blocked", "https://api.example.com/", "http://0xc0.0xa8.1.1/", true},
		{"a public URL redirected to a single-label name is blocked", "https://api.example.com/", "http://router/", true},
		{"a public URL redirected to another public one passes", "https://api.example.com/", "https://cdn.example.net/x", false},
		{"a response that was not redirected passes", "https://api.example.com/", "", false},
		{"a private URL the user listed may redirect within private space", "http://192.168.1.1/", "http://192.168.1.2/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := fanout.Guarded{Fetcher: redirectingFetcher{tc.final}, Hostname: netscope.Hostname}
			resp, err := g.Fetch(context.Background(), fanout.Request{URL: tc.url})
			var fe *fanout.Error
			if got := errors.As(err, &fe) && fe.Kind == fanout.KindBlocked; got != tc.blocked {
				t.Fatalf("blocked = %v (%v), want %v", got, err, tc.blocked)
			}
			if tc.blocked && resp != nil {
				t.Fatal("a blocked response still carries its body")
			}
		})
	}
}
