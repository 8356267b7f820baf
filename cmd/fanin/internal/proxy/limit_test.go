package proxy

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestClientKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ remote, want string }{
		{"127.0.0.1:1234", "127.0.0.1"},
		{"[::ffff:127.0.0.1]:1234", "127.0.0.1"},
		{"[2001:db8:1:2:3:4:5:6]:1", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:2", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:3", "fe80::/64"},
		{"@", "unknown"},
		{"", "unknown"},
	}
	for _, tt := range tests {
		if got := clientKey(tt.remote); got != tt.want {
			t.Errorf("clientKey(%q) = %q, want %q", tt.remote, got, tt.want)
		}
	}
}

func TestRateLimiterBucketsAndTable(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1_000_000, 0)

	t.Run("a client gets its burst, then waits for the refill", func(t *testing.T) {
		c := newClients(60, 3, 10)
		for i := range 3 {
			if ok, _, _ := c.take("a", t0); !ok {
				t.Fatalf("request %d of the burst refused", i+1)
			}
		}
		ok, wait, reason := c.take("a", t0)
		if ok || reason != ReasonRate || wait <= 0 || wait > time.Second {
			t.Fatalf("4th = %v, %v, %q, want refused for about 1s as %q", ok, wait, reason, ReasonRate)
		}
		if ok, _, _ := c.take("b", t0); !ok {
			t.Fatal("another client was refused: buckets must be per client")
		}
		if ok, _, _ := c.take("a", t0.Add(time.Second)); !ok {
			t.Fatal("refused after the refill")
		}
	})

	t.Run("the table never grows past its bound and refuses new clients while full", func(t *testing.T) {
		c := newClients(60, 3, 10)
		for i := range 10 {
			c.take(strconv.Itoa(i), t0)
		}
		ok, _, reason := c.take("new", t0)
		if ok || reason != ReasonClients {
			t.Fatalf("11th client = %v, %q, want refused as %q", ok, reason, ReasonClients)
		}
		if n := c.size(); n != 10 {
			t.Fatalf("table size = %d, want 10", n)
		}
		if ok, _, _ := c.take("3", t0); !ok {
			t.Fatal("a known client was refused while the table was full")
		}
	})

	t.Run("idle clients are swept once their bucket would be full again", func(t *testing.T) {
		c := newClients(60, 3, 10)
		for i := range 10 {
			c.take(strconv.Itoa(i), t0)
		}
		later := t0.Add(c.idle + time.Second)
		if ok, _, _ := c.take("new", later); !ok {
			t.Fatal("new client refused after the others went idle")
		}
		if n := c.size(); n != 1 {
			t.Fatalf("table size after the sweep = %d, want 1", n)
		}
	})
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	t.Parallel()
	h := newTestProxy(t, Config{RatePerMin: 60, Burst: 2})
	for range 2 {
		if rec := serve(h, proxyRequest("http://localhost/")); rec.Code != http.StatusForbidden {
			t.Fatalf("status = %d, want 403 within the burst", rec.Code)
		}
	}
	rec := serve(h, proxyRequest("http://localhost/"))
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("status = %d, want 429", rec.Code)
	}
	if ra := rec.Header().Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After = %q, want 1", ra)
	}
	if e := decodeError(t, rec); e.Kind != KindLimited || e.Reason != ReasonRate {
		t.Errorf("kind, reason = %q, %q, want %q, %q", e.Kind, e.Reason, KindLimited, ReasonRate)
	}
}

func TestUpstreamSlotsQueueThenRefuse(t *testing.T) {
	t.Parallel()
	s := newSlots(1, 1)
	if !s.acquire(context.Background()) {
		t.Fatal("first acquire failed")
	}
	got := make(chan bool)
	go func() { got <- s.acquire(context.Background()) }()
	for s.waiting.Load() != 1 {
		runtime.Gosched()
	}
	if s.acquire(context.Background()) {
		t.Fatal("acquire succeeded with the slot taken and the queue full")
	}
	s.release()
	if !<-got {
		t.Fatal("the queued acquire did not get the released slot")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if s.acquire(ctx) {
		t.Fatal("acquire with a cancelled context succeeded")
	}
}

// TestBurstFromManyClients fires a bounded burst from many loopback client
// addresses at one proxy: the rate limit answers 429, the upstream never
// sees more than MaxUpstream requests at once, the limiter table stays
// bounded, the heap stays flat and the proxy still serves afterwards.
func TestBurstFromManyClients(t *testing.T) {
	const (
		requests    = 2000
		workers     = 50
		clientAddrs = 300
		maxUpstream = 4
		maxClients  = 200
	)
	var inFlight, peak atomic.Int64
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		_, _ = io.WriteString(w, `{"ok":true}`)
	})
	h := newTestProxy(t, Config{
		Allow:       []string{up.hostPort()},
		RatePerMin:  60,
		Burst:       5,
		MaxClients:  maxClients,
		MaxUpstream: maxUpstream,
		MaxQueue:    32,
		Timeout:     5 * time.Second,
	})
	target := up.URL + "/"

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var mu sync.Mutex
	codes := map[int]int{}
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= requests {
					return
				}
				r := proxyRequest(target)
				r.RemoteAddr = fmt.Sprintf("127.0.%d.%d:%d", i%clientAddrs/250, i%clientAddrs%250+1, 40000+i%1000)
				rec := serve(h, r)
				mu.Lock()
				codes[rec.Code]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	growth := int64(after.HeapAlloc) - int64(before.HeapAlloc)

	total := 0
	for code, n := range codes {
		total += n
		switch code {
		case http.StatusOK, http.StatusTooManyRequests, http.StatusServiceUnavailable:
		default:
			t.Errorf("%d answers with status %d", n, code)
		}
	}
	t.Logf("burst: %d requests from %d workers and %d client addresses in %v: %d×200, %d×429, %d×503; upstream peak in flight %d (cap %d); limiter table %d (cap %d); heap %+d KiB",
		total, workers, clientAddrs, elapsed.Round(time.Millisecond), codes[200], codes[429], codes[503],
		peak.Load(), maxUpstream, h.clients.size(), maxClients, growth>>10)
	if total != requests {
		t.Errorf("answered %d requests, want %d", total, requests)
	}
	if codes[http.StatusTooManyRequests] == 0 {
		t.Error("no 429: the rate limit never fired")
	}
	if codes[http.StatusOK] == 0 {
		t.Error("no 200: nothing was proxied")
	}
	if p := peak.Load(); p > maxUpstream {
		t.Errorf("upstream saw %d requests at once, over the cap of %d", p, maxUpstream)
	}
	if n := h.clients.size(); n > maxClients {
		t.Errorf("limiter table holds %d clients, over its bound %d", n, maxClients)
	}
	if growth > 16<<20 {
		t.Errorf("heap grew by %d bytes over the burst", growth)
	}
	if elapsed > 60*time.Second {
		t.Errorf("burst took %v", elapsed)
	}
	r := proxyRequest(target)
	r.RemoteAddr = "127.9.9.9:1"
	if rec := serve(h, r); rec.Code != http.StatusOK && rec.Code != http.StatusTooManyRequests {
		t.Errorf("after the burst a fresh client got %d", rec.Code)
	}
}

// TestSlowReaderFreesItsSlot: a client that asks for a big body and stops
// reading holds an upstream slot only until its request's time is up (the
// write deadline), not until the server's own 2-minute write timeout.
func TestSlowReaderFreesItsSlot(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte(" "), 32<<20)
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(big)
	})
	h := newTestProxy(t, Config{Allow: []string{up.hostPort()}, Timeout: 500 * time.Millisecond, MaxUpstream: 1})
	h.writeGrace = 0
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET %s?url=%s HTTP/1.1\r\nHost: %s\r\n\r\n", Path, url.QueryEscape(up.URL+"/"), srv.Listener.Addr())
	// Never read: the answer fills the socket buffers and the proxy's
	// write blocks.

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not happen within 20 s", what)
			}
			runtime.Gosched()
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("the request taking its slot", func() bool { hits, _ := up.seen(); return hits == 1 })
	waitFor("the slot coming free while the client still does not read", func() bool { return len(h.slots.ch) == 0 })
}
