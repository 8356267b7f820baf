package proxy

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// fakeResolver answers from a table and never asks a real DNS server.
type fakeResolver struct {
	mu      sync.Mutex
	answers map[string][]netip.Addr
	asked   map[string]int
}

func newFakeResolver() *fakeResolver {
	return &fakeResolver{
		answers: map[string][]netip.Addr{
			"rebind.example":     {netip.MustParseAddr("127.0.0.1")},
			"mapped.example":     {netip.MustParseAddr("::ffff:10.0.0.1")},
			"mapped6.example":    {netip.MustParseAddr("::ffff:127.0.0.1")},
			"meta.example":       {netip.MustParseAddr("169.254.169.254")},
			"private.example":    {netip.MustParseAddr("192.168.0.10")},
			"cgnat.example":      {netip.MustParseAddr("100.64.0.1")},
			"ula.example":        {netip.MustParseAddr("fd00::1")},
			"linklocal6.example": {netip.MustParseAddr("fe80::1")},
			"loop6.example":      {netip.MustParseAddr("::1")},
			"zero.example":       {netip.MustParseAddr("0.0.0.0")},
			"nat64.example":      {netip.MustParseAddr("64:ff9b::7f00:1")},
			"6to4.example":       {netip.MustParseAddr("2002:7f00:1::1")},
			"mixed.example":      {netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("::1")},
			"bcast.example":      {netip.MustParseAddr("255.255.255.255")},
			"mcast.example":      {netip.MustParseAddr("224.0.0.251")},
		},
		asked: map[string]int{},
	}
}

func (f *fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked[host]++
	if a, ok := f.answers[host]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("fake resolver: no such host %q", host)
}

func (f *fakeResolver) count(host string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.asked[host]
}

// newTestProxy builds a proxy that can only ever dial loopback, whatever
// its policy says, and resolves through a fake DNS.
func newTestProxy(t testing.TB, cfg Config) *Handler {
	t.Helper()
	if cfg.Resolver == nil {
		cfg.Resolver = newFakeResolver()
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.testDialNet = func(address string) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !ap.Addr().Unmap().IsLoopback() {
			panic(fmt.Sprintf("test tried to dial %s: only loopback is permitted in tests", address))
		}
		return nil
	}
	t.Cleanup(h.CloseIdleConnections)
	return h
}

const testHost = "127.0.0.1:8000"

// proxyRequest is a same-origin GET /proxy?url=raw from a loopback client.
func proxyRequest(raw string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "http://"+testHost+Path+"?url="+url.QueryEscape(raw), nil)
	r.RemoteAddr = "127.0.0.1:50000"
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func decodeError(t testing.TB, rec *httptest.ResponseRecorder) errorDetail {
	t.Helper()
	var b errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("error body %q is not the JSON error shape: %v", rec.Body.String(), err)
	}
	return b.Error
}

// upstream is a loopback test server that records what it was sent.
type upstream struct {
	*httptest.Server
	mu   sync.Mutex
	hits int
	last http.Header
}

func newUpstream(t testing.TB, h http.HandlerFunc) *upstream {
	t.Helper()
	u := &upstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.mu.Lock()
		u.hits++
		u.last = r.Header.Clone()
		u.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(u.Close)
	return u
}

func (u *upstream) hostPort() string { return strings.TrimPrefix(u.URL, "http://") }

func (u *upstream) seen() (int, http.Header) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.hits, u.last
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// syncBuffer is a log destination tests can read while handlers write.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) contains(s string) bool { return strings.Contains(b.String(), s) }
