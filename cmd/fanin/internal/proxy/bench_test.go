package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkProxiedRequest measures one proxied GET of a small JSON body
// from a loopback upstream, policy checks and all.
func BenchmarkProxiedRequest(b *testing.B) {
	up := newUpstream(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, jsonBody)
	})
	h := newTestProxy(b, Config{Allow: []string{up.hostPort()}, RatePerMin: 1 << 30, Burst: 1 << 30})
	target := up.URL + "/data.json"
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, proxyRequest(target))
			if rec.Code != http.StatusOK {
				b.Errorf("status = %d", rec.Code)
				return
			}
		}
	})
}

// BenchmarkRefusedRequest measures the cost of refusing a payload, which
// bounds what a flood of bad URLs costs the server.
func BenchmarkRefusedRequest(b *testing.B) {
	h := newTestProxy(b, Config{RatePerMin: 1 << 30, Burst: 1 << 30})
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, proxyRequest("http://[::ffff:127.0.0.1]/"))
		if rec.Code != http.StatusForbidden {
			b.Fatalf("status = %d", rec.Code)
		}
	}
}
