package proxy

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const jsonBody = `{"b":2,"a":[1E400,12345678901234567890,"\u00e9"]}`

func jsonUpstream(t *testing.T) *upstream {
	t.Helper()
	return newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Set-Cookie", "session=secret")
		h.Set("X-Forwarded-For", "10.0.0.1")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Location", "http://evil.example/")
		h.Set("ETag", `"v1"`)
		h.Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		h.Set("Retry-After", "7")
		h.Set("Link", `<https://api.example/items?page=2>; rel="next"`)
		switch r.URL.Path {
		case "/teapot":
			w.WriteHeader(http.StatusTeapot)
		case "/big":
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(bigBody())
			return
		}
		_, _ = io.WriteString(w, jsonBody)
	})
}

// bigBody is larger than peekSize, so it takes the streaming path.
func bigBody() []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i := 0; b.Len() < 3*peekSize; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Itoa(i * 7919))
	}
	b.WriteString("]")
	return b.Bytes()
}

func TestProxiesAnAllowedUpstream(t *testing.T) {
	t.Parallel()
	up := jsonUpstream(t)
	h := newTestProxy(t, Config{Allow: []string{up.hostPort()}})

	t.Run("the body passes byte for byte with the upstream status and safe headers", func(t *testing.T) {
		t.Parallel()
		rec := serve(h, proxyRequest(up.URL+"/data.json?x=1&y=%20"))
		if rec.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200; body %s", rec.Code, rec.Body)
		}
		if got := rec.Body.String(); got != jsonBody {
			t.Errorf("body = %q, want %q", got, jsonBody)
		}
		want := map[string]string{
			"Content-Type":                  "application/json",
			"X-Content-Type-Options":        "nosniff",
			"Content-Security-Policy":       "sandbox; default-src 'none'",
			"Content-Disposition":           "attachment",
			"Cache-Control":                 "no-store",
			"Referrer-Policy":               "no-referrer",
			"X-Fanin-Proxy":                 "1",
			"Etag":                          `"v1"`,
			"Last-Modified":                 "Mon, 02 Jan 2006 15:04:05 GMT",
			"Retry-After":                   "7",
			"Link":                          `<https://api.example/items?page=2>; rel="next"`,
			"X-Fanin-Upstream-Content-Type": "text/html; charset=utf-8",
			"Content-Length":                strconv.Itoa(len(jsonBody)),
		}
		for k, v := range want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("header %s = %q, want %q", k, got, v)
			}
		}
		for _, k := range []string{"Set-Cookie", "X-Forwarded-For", "Access-Control-Allow-Origin", "Location"} {
			if got := rec.Header().Values(k); len(got) != 0 {
				t.Errorf("header %s = %q passed through, want it dropped", k, got)
			}
		}
	})

	t.Run("an upstream error status passes through", func(t *testing.T) {
		t.Parallel()
		rec := serve(h, proxyRequest(up.URL+"/teapot"))
		if rec.Code != http.StatusTeapot || rec.Body.String() != jsonBody {
			t.Fatalf("got %d %q, want 418 with the upstream body", rec.Code, rec.Body)
		}
	})

	t.Run("a body bigger than the peek window streams byte for byte", func(t *testing.T) {
		t.Parallel()
		rec := serve(h, proxyRequest(up.URL+"/big"))
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), bigBody()) {
			t.Fatalf("got %d with %d bytes, want 200 with the %d upstream bytes", rec.Code, rec.Body.Len(), len(bigBody()))
		}
	})

	t.Run("an uppercase scheme and host reach the same allowed upstream", func(t *testing.T) {
		t.Parallel()
		rec := serve(h, proxyRequest("HTTP://"+up.hostPort()+"/x"))
		if rec.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200; body %s", rec.Code, rec.Body)
		}
	})
}

func TestRedirectBetweenAllowedTargetsIsFollowed(t *testing.T) {
	t.Parallel()
	final := jsonUpstream(t)
	first := redirector(t)
	h := newTestProxy(t, Config{Allow: []string{first.hostPort(), final.hostPort()}})
	rec := serve(h, proxyRequest(first.URL+"/redirect?to="+urlQueryEscape(final.URL+"/data")))
	if rec.Code != http.StatusOK || rec.Body.String() != jsonBody {
		t.Fatalf("got %d %q, want 200 with the final upstream's body", rec.Code, rec.Body)
	}
	t.Run("five hops are fine", func(t *testing.T) {
		hops := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
			if n < 5 {
				http.Redirect(w, r, "/"+strconv.Itoa(n+1), http.StatusFound)
				return
			}
			_, _ = io.WriteString(w, `{"hops":5}`)
		})
		h := newTestProxy(t, Config{Allow: []string{hops.hostPort()}})
		if rec := serve(h, proxyRequest(hops.URL+"/0")); rec.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200 after 5 redirects; body %s", rec.Code, rec.Body)
		}
	})
}

func TestClientHeadersAreNotForwarded(t *testing.T) {
	t.Parallel()
	up := jsonUpstream(t)
	h := newTestProxy(t, Config{Allow: []string{up.hostPort()}})
	r := proxyRequest(up.URL + "/")
	r.Header.Set("Cookie", "fanin=session")
	r.Header.Set("Authorization", "Bearer secret")
	r.Header.Set("X-Forwarded-For", "1.2.3.4")
	r.Header.Set("X-Api-Key", "secret")
	r.Header.Set("Referer", "http://127.0.0.1:8000/#u=secret")
	r.Header.Set("Accept", "application/vnd.api+json")
	if rec := serve(h, r); rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", rec.Code, rec.Body)
	}
	_, got := up.seen()
	for _, k := range []string{"Cookie", "Authorization", "X-Forwarded-For", "X-Api-Key", "Referer"} {
		if v := got.Values(k); len(v) != 0 {
			t.Errorf("upstream received %s: %q", k, v)
		}
	}
	if v := got.Get("Accept"); v != "application/vnd.api+json" {
		t.Errorf("upstream Accept = %q, want the client's", v)
	}
	if v := got.Get("User-Agent"); v != userAgent {
		t.Errorf("upstream User-Agent = %q, want %q", v, userAgent)
	}
	if v := got.Get(hopHeader); v != "1" {
		t.Errorf("upstream %s = %q, want 1", hopHeader, v)
	}
}

func TestRequestsFromElsewhereAreRefused(t *testing.T) {
	t.Parallel()
	up := jsonUpstream(t)
	h := newTestProxy(t, Config{Allow: []string{up.hostPort()}, RatePerMin: 1 << 20, Burst: 1 << 20})
	target := up.URL + "/"
	tests := []struct {
		name   string
		edit   func(r *http.Request)
		status int
		reason string
	}{
		{"a plain same-origin fetch is served", func(r *http.Request) {}, 200, ""},
		{"Sec-Fetch-Site same-origin is served", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-origin") }, 200, ""},
		{"Sec-Fetch-Site none (typed in the address bar) is served", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "none") }, 200, ""},
		{"the page's own Origin is served", func(r *http.Request) { r.Header.Set("Origin", "http://"+testHost) }, 200, ""},
		{"Host localhost is served", func(r *http.Request) { r.Host = "localhost:8000" }, 200, ""},
		{"Host [::1] is served", func(r *http.Request) { r.Host = "[::1]:8000"; r.Header.Set("Origin", "http://[::1]:8000") }, 200, ""},
		{"Sec-Fetch-Site cross-site is refused", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }, 403, ReasonCrossOrigin},
		{"Sec-Fetch-Site same-site is refused", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-site") }, 403, ReasonCrossOrigin},
		{"an unknown Sec-Fetch-Site is refused", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "whatever") }, 403, ReasonCrossOrigin},
		{"two Sec-Fetch-Site headers are refused", func(r *http.Request) {
			r.Header.Add("Sec-Fetch-Site", "same-origin")
			r.Header.Add("Sec-Fetch-Site", "cross-site")
		}, 403, ReasonCrossOrigin},
		{"another Origin is refused", func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }, 403, ReasonCrossOrigin},
		{"Origin null is refused", func(r *http.Request) { r.Header.Set("Origin", "null") }, 403, ReasonCrossOrigin},
		{"Origin on another port is refused", func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:9999") }, 403, ReasonCrossOrigin},
		{"Origin with https on a plain-http server is refused", func(r *http.Request) { r.Header.Set("Origin", "https://"+testHost) }, 403, ReasonCrossOrigin},
		{"Origin with a suffix is refused", func(r *http.Request) { r.Header.Set("Origin", "http://"+testHost+".evil.example") }, 403, ReasonCrossOrigin},
		{"a rebinding Host name is refused", func(r *http.Request) { r.Host = "evil.example:8000" }, 403, ReasonHostHeader},
		{"a Host that embeds a loopback IP is refused", func(r *http.Request) { r.Host = "127.0.0.1.nip.io:8000" }, 403, ReasonHostHeader},
		{"Host localhost. is refused", func(r *http.Request) { r.Host = "localhost.:8000" }, 403, ReasonHostHeader},
		{"an empty Host is refused", func(r *http.Request) { r.Host = "" }, 403, ReasonHostHeader},
		{"a request that came through a fanin proxy is refused", func(r *http.Request) { r.Header.Set(hopHeader, "1") }, 403, ReasonLoop},
		{"two url parameters are refused", func(r *http.Request) { r.URL.RawQuery += "&url=http%3A%2F%2F127.0.0.1%2F" }, 403, ReasonURLMalformed},
		{"a bad query string is refused", func(r *http.Request) { r.URL.RawQuery += "&%zz" }, 403, ReasonURLMalformed},
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"} {
		tests = append(tests, struct {
			name   string
			edit   func(r *http.Request)
			status int
			reason string
		}{"method " + m + " is refused", func(r *http.Request) { r.Method = m }, 405, ReasonMethod})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := proxyRequest(target)
			tt.edit(r)
			rec := serve(h, r)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 200 {
				return
			}
			if e := decodeError(t, rec); e.Kind != KindRefused || e.Reason != tt.reason {
				t.Errorf("kind, reason = %q, %q, want %q, %q", e.Kind, e.Reason, KindRefused, tt.reason)
			}
			if tt.status == 405 && rec.Header().Get("Allow") != "GET" {
				t.Errorf("Allow = %q, want GET", rec.Header().Get("Allow"))
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
		})
	}
}

func TestInfoRouteSaysTheProxyIsOn(t *testing.T) {
	t.Parallel()
	h := newTestProxy(t, Config{MaxBytes: 1000, Timeout: 2 * time.Second})
	r := httptest.NewRequest(http.MethodGet, "http://"+testHost+InfoPath, nil)
	rec := serve(h, r)
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
	var got struct {
		Proxy     bool  `json:"proxy"`
		MaxBytes  int64 `json:"maxBytes"`
		TimeoutMs int64 `json:"timeoutMs"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || !got.Proxy || got.MaxBytes != 1000 || got.TimeoutMs != 2000 {
		t.Fatalf("info = %s (%v), want proxy true, maxBytes 1000, timeoutMs 2000", rec.Body, err)
	}
	t.Run("another route is a JSON 404", func(t *testing.T) {
		rec := serve(h, httptest.NewRequest(http.MethodGet, "http://"+testHost+"/proxy/other", nil))
		if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("got %d %q, want a JSON 404", rec.Code, rec.Header().Get("Content-Type"))
		}
	})
	t.Run("a cross-site page cannot read it either", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "http://"+testHost+InfoPath, nil)
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		if rec := serve(h, r); rec.Code != http.StatusForbidden {
			t.Fatalf("status = %d, want 403", rec.Code)
		}
	})
}

func TestUpstreamFailuresAreNotRefusals(t *testing.T) {
	t.Parallel()
	slow := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	slowBody := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "[1,")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	sized := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", "5000")
			_, _ = w.Write(make([]byte, 5000))
		case "/brotli":
			w.Header().Set("Content-Encoding", "br")
			_, _ = io.WriteString(w, "\x0b\x02\x80{}\x03")
		case "/short":
			w.Header().Set("Content-Length", "100")
			_, _ = io.WriteString(w, "[1,2")
			panic(http.ErrAbortHandler)
		}
	})
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	logged := &syncBuffer{}
	h := newTestProxy(t, Config{
		Allow:    []string{slow.hostPort(), slowBody.hostPort(), sized.hostPort(), closedAddr},
		Timeout:  300 * time.Millisecond,
		MaxBytes: 1000,
		Log:      slog.New(slog.NewTextHandler(logged, nil)),
	})
	tests := []struct {
		name   string
		url    string
		status int
		reason string
		msg    string // what the client is told, when the cause names the server's network
	}{
		{"a refused connection is a 502", "http://" + closedAddr + "/?token=s3cret", 502, ReasonNetwork, msgConnect},
		{"slow headers are a 504", slow.URL + "/", 504, ReasonTimeout, "upstream timed out"},
		{"a body that stalls inside the peek window is a 504", slowBody.URL + "/", 504, ReasonTimeout, "upstream timed out"},
		{"a declared length over MaxBytes is a 502", sized.URL + "/declared", 502, ReasonTooLarge, ""},
		{"an encoding fanin did not ask for is a 502", sized.URL + "/brotli", 502, ReasonEncoding, ""},
		{"a body cut short is a 502", sized.URL + "/short", 502, ReasonNetwork, msgFailed},
		{"a name that does not resolve is a 502", "http://nowhere.example/", 502, ReasonNetwork, msgResolve},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			rec := serve(h, proxyRequest(tt.url))
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			e := decodeError(t, rec)
			if e.Kind != KindUpstream || e.Reason != tt.reason {
				t.Errorf("kind, reason = %q, %q, want %q, %q (%s)", e.Kind, e.Reason, KindUpstream, tt.reason, e.Message)
			}
			if tt.msg != "" && e.Message != tt.msg {
				t.Errorf("message %q, want only %q (details go to the log)", e.Message, tt.msg)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v: the 300ms timeout did not hold", d)
			}
		})
	}
	t.Cleanup(func() {
		if !logged.contains("fake resolver: no such host") || !logged.contains("connection refused") {
			t.Errorf("the server's log lacks the details the clients were not told:\n%s", logged)
		}
		if logged.contains("s3cret") {
			t.Errorf("the server's log has a URL's query:\n%s", logged)
		}
	})
}

// TestHostAllowlist: the Host check holds wherever the server listens.
func TestHostAllowlist(t *testing.T) {
	t.Parallel()
	up := jsonUpstream(t)
	h := newTestProxy(t, Config{Allow: []string{up.hostPort()}, Hosts: []string{"Fanin.LAN", "192.168.1.5", "[fd00::5]"},
		RatePerMin: 1 << 20, Burst: 1 << 20})
	for host, want := range map[string]int{
		"127.0.0.1:8000":     200,
		"localhost:8000":     200,
		"fanin.lan:8000":     200,
		"FANIN.lan":          200,
		"192.168.1.5:8000":   200,
		"[fd00::5]:8000":     200,
		"evil.example:8000":  403,
		"fanin.lan.evil:80":  403,
		"192.168.1.6:8000":   403,
		"10.0.0.1":           403,
		"[fe80::1%25eth0]:8": 403,
	} {
		t.Run(host, func(t *testing.T) {
			t.Parallel()
			r := proxyRequest(up.URL + "/")
			r.Host = host
			if rec := serve(h, r); rec.Code != want {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, want, rec.Body)
			}
		})
	}
	if _, err := New(Config{Hosts: []string{"fanin.lan:8000"}}); err == nil {
		t.Error("a -host with a port was accepted")
	}
}

// gzipBomb serves a gzip stream of members that each inflate to 1 MiB of
// zeros: about 1 MB on the wire, 1 GiB decoded.
func gzipBomb(t *testing.T) *upstream {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	return newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "want gzip", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		for range 1024 {
			if _, err := w.Write(member.Bytes()); err != nil {
				return
			}
		}
	})
}

func TestGzipBombIsCutAtMaxBytesOfDecodedBytes(t *testing.T) {
	t.Parallel()
	bomb := gzipBomb(t)

	t.Run("under the peek window it is a clean 502 too-large", func(t *testing.T) {
		t.Parallel()
		h := newTestProxy(t, Config{Allow: []string{bomb.hostPort()}, MaxBytes: 100 << 10})
		rec := serve(h, proxyRequest(bomb.URL+"/"))
		if rec.Code != http.StatusBadGateway {
			t.Fatalf("status = %d, want 502", rec.Code)
		}
		if e := decodeError(t, rec); e.Reason != ReasonTooLarge {
			t.Errorf("reason = %q, want %q", e.Reason, ReasonTooLarge)
		}
	})

	t.Run("past the peek window the transfer is aborted after at most MaxBytes", func(t *testing.T) {
		t.Parallel()
		const maxBytes = 2 << 20
		h := newTestProxy(t, Config{Allow: []string{bomb.hostPort()}, MaxBytes: maxBytes})
		srv := httptest.NewServer(h)
		defer srv.Close()
		start := time.Now()
		resp, err := http.Get(srv.URL + Path + "?url=" + urlQueryEscape(bomb.URL+"/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		if err == nil {
			t.Errorf("read %d bytes and a clean end: a cut body must not look complete", n)
		}
		if n > maxBytes {
			t.Errorf("client got %d bytes, over MaxBytes %d", n, maxBytes)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
		t.Logf("1 GiB gzip bomb: client got %d decoded bytes then %v, in %v", n, err, time.Since(start).Round(time.Millisecond))
	})
}

func TestTLSUpstream(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"tls":`+strconv.FormatBool(r.TLS != nil)+`}`)
	}))
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	hostPort := strings.TrimPrefix(srv.URL, "https://")

	t.Run("an allowed https upstream with a trusted certificate is proxied", func(t *testing.T) {
		h := newTestProxy(t, Config{Allow: []string{hostPort}, RootCAs: roots})
		rec := serve(h, proxyRequest(srv.URL+"/"))
		if rec.Code != http.StatusOK || rec.Body.String() != `{"tls":true}` {
			t.Fatalf("got %d %s, want 200 {\"tls\":true}", rec.Code, rec.Body)
		}
	})
	t.Run("an untrusted certificate is a 502", func(t *testing.T) {
		h := newTestProxy(t, Config{Allow: []string{hostPort}, RootCAs: x509.NewCertPool()})
		rec := serve(h, proxyRequest(srv.URL+"/"))
		if rec.Code != http.StatusBadGateway {
			t.Fatalf("status = %d, want 502; body %s", rec.Code, rec.Body)
		}
	})
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{
		{Allow: []string{"127.0.0.1"}},
		{Allow: []string{"127.0.0.1:0"}},
		{Allow: []string{"127.0.0.1:99999"}},
		{Allow: []string{"exa mple.com:80"}},
		{Allow: []string{"a@b.example:80"}},
		{Allow: []string{"0x7f.1:80"}},
		{MaxBytes: -1},
		{Timeout: -time.Second},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) = nil error, want one", cfg)
		}
	}
	_, err := New(Config{Allow: []string{"bad"}})
	if err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("error %v does not name the entry", err)
	}
	if errors.Unwrap(err) == nil {
		t.Errorf("error %v does not wrap its cause", err)
	}
}

func TestAllowEntriesAreCanonical(t *testing.T) {
	t.Parallel()
	for entry, want := range map[string]string{
		"127.0.0.1:8080":       "127.0.0.1:8080",
		"[::1]:8080":           "[::1]:8080",
		"[0:0::1]:8080":        "[::1]:8080",
		"LOCALHOST:80":         "localhost:80",
		"Intranet.Corp:8443":   "intranet.corp:8443",
		"api.internal.corp:80": "api.internal.corp:80",
	} {
		got, err := allowKey(entry)
		if err != nil || got != want {
			t.Errorf("allowKey(%q) = %q, %v, want %q", entry, got, err, want)
		}
	}
}
