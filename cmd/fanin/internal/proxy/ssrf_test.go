package proxy

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

type payload struct {
	url    string
	reason string
}

// staticPayloads are refused by the URL policy or at dial time, with no
// loopback server involved.
var staticPayloads = []payload{
	// Characters a browser and Go may read differently.
	{"", ReasonURLMissing},
	{" http://example.com/", ReasonURLChars},
	{"http://example.com/ ", ReasonURLChars},
	{"http://exa mple.com/", ReasonURLChars},
	{"http://example.com/\tx", ReasonURLChars},
	{"http://example.com/\r\nHost: 127.0.0.1", ReasonURLChars},
	{"http://127.0.0.1\x00.example.com/", ReasonURLChars},
	{"http://example.com\\@127.0.0.1/", ReasonURLChars},
	{"http:\\\\127.0.0.1\\", ReasonURLChars},
	{"http://127.0.0.1\\.example.com/", ReasonURLChars},
	{"http://exämple.com/", ReasonURLChars},
	{"http://１２７.０.０.１/", ReasonURLChars},
	{"http://example.com/\x7f", ReasonURLChars},
	{"http://example.com/" + strings.Repeat("a", maxURLLen), ReasonURLTooLong},
	// Schemes.
	{"file:///etc/passwd", ReasonURLScheme},
	{"ftp://example.com/", ReasonURLScheme},
	{"gopher://127.0.0.1:6379/_INFO", ReasonURLScheme},
	{"dict://127.0.0.1:11211/stats", ReasonURLScheme},
	{"ws://example.com/", ReasonURLScheme},
	{"javascript:alert(1)", ReasonURLScheme},
	{"data:application/json,{}", ReasonURLScheme},
	{"//example.com/", ReasonURLScheme},
	{"example.com/", ReasonURLScheme},
	{"http:/example.com/", ReasonURLScheme},
	{"http:example.com", ReasonURLScheme},
	{"jar:http://example.com!/", ReasonURLScheme},
	// Missing or malformed hosts.
	{"http://", ReasonURLHost},
	{"http:///127.0.0.1/", ReasonURLHost},
	{"http://:80/", ReasonURLHost},
	{"http://%6c%6f%63%61%6c%68%6f%73%74/", ReasonURLHost},
	{"http://127.0.0.1%2f.example.com/", ReasonURLHost},
	{"http://exa..mple.com/", ReasonURLHost},
	{"http://[127.0.0.1]/", ReasonURLMalformed},
	{"http://[::1/", ReasonURLMalformed},
	{"http://[::1]x/", ReasonURLMalformed},
	{"http://[fe80::1%25eth0]/", ReasonURLHost},
	{"http://example.com:80:80/", ReasonURLMalformed},
	{"http://127.0.0.1./", ReasonURLHost},
	{"http://localhost./", ReasonURLHost},
	{"http://example.com./", ReasonURLHost},
	// Userinfo and fragment tricks.
	{"http://a@127.0.0.1/", ReasonURLUserinfo},
	{"http://user:pass@example.com/", ReasonURLUserinfo},
	{"http://example.com@127.0.0.1/", ReasonURLUserinfo},
	{"http://127.0.0.1:80@example.com/", ReasonURLUserinfo},
	{"http://@example.com/", ReasonURLUserinfo},
	{"http://127.0.0.1#@example.com", ReasonURLFragment},
	{"http://example.com/#x", ReasonURLFragment},
	// Numbers a browser reads as IPv4 in other bases and short forms.
	{"http://2130706433/", ReasonHostNumeric},
	{"http://0177.0.0.1/", ReasonHostNumeric},
	{"http://0x7f.0.0.1/", ReasonHostNumeric},
	{"http://0x7f000001/", ReasonHostNumeric},
	{"http://0X7F.1/", ReasonHostNumeric},
	{"http://017700000001/", ReasonHostNumeric},
	{"http://127.1/", ReasonHostNumeric},
	{"http://127.0.1/", ReasonHostNumeric},
	{"http://0/", ReasonHostNumeric},
	{"http://0x/", ReasonHostNumeric},
	{"http://127.000.000.001/", ReasonHostNumeric},
	{"http://1.2.3.4.5/", ReasonHostNumeric},
	{"http://example.0x10/", ReasonHostNumeric},
	{"http://169.254.43518/", ReasonHostNumeric},
	// IP literals that are not public unicast.
	{"http://127.0.0.1/", ReasonAddress},
	{"http://127.255.255.254/", ReasonAddress},
	{"http://0.0.0.0/", ReasonAddress},
	{"http://10.0.0.1/", ReasonAddress},
	{"http://172.16.0.1/", ReasonAddress},
	{"http://172.31.255.255/", ReasonAddress},
	{"http://192.168.1.1/", ReasonAddress},
	{"http://169.254.169.254/latest/meta-data/", ReasonAddress},
	{"https://169.254.169.254/", ReasonAddress},
	{"http://100.64.0.1/", ReasonAddress},
	{"http://100.127.255.254/", ReasonAddress},
	{"http://224.0.0.1/", ReasonAddress},
	{"http://239.255.255.250/", ReasonAddress},
	{"http://255.255.255.255/", ReasonAddress},
	{"http://240.0.0.1/", ReasonAddress},
	{"http://192.0.0.170/", ReasonAddress},
	{"http://192.0.2.1/", ReasonAddress},
	{"http://198.18.0.1/", ReasonAddress},
	{"http://[::1]/", ReasonAddress},
	{"http://[::]/", ReasonAddress},
	{"http://[0:0:0:0:0:0:0:1]/", ReasonAddress},
	{"http://[::ffff:127.0.0.1]/", ReasonAddress},
	{"http://[::ffff:7f00:1]/", ReasonAddress},
	{"http://[0:0:0:0:0:ffff:127.0.0.1]/", ReasonAddress},
	{"http://[::ffff:169.254.169.254]/", ReasonAddress},
	{"http://[::ffff:8.8.8.8]/", ReasonAddress},
	{"http://[::127.0.0.1]/", ReasonAddress},
	{"http://[fc00::1]/", ReasonAddress},
	{"http://[fd00:ec2::254]/", ReasonAddress},
	{"http://[fe80::1]/", ReasonAddress},
	{"http://[ff02::1]/", ReasonAddress},
	{"http://[64:ff9b::7f00:1]/", ReasonAddress},
	{"http://[64:ff9b::a9fe:a9fe]/", ReasonAddress},
	{"http://[2002:7f00:1::]/", ReasonAddress},
	{"http://[2002:a9fe:a9fe::]/", ReasonAddress},
	{"http://[2001::1]/", ReasonAddress},
	{"http://[2001:db8::1]/", ReasonAddress},
	{"http://[::1]:8080/", ReasonAddress},
	// Loopback and single-label names.
	{"http://localhost/", ReasonLocalhost},
	{"http://LOCALHOST/", ReasonLocalhost},
	{"http://LocalHost:80/", ReasonLocalhost},
	{"http://localhost:8080/", ReasonLocalhost},
	{"http://foo.localhost/", ReasonLocalhost},
	{"http://a.b.LOCALHOST/", ReasonLocalhost},
	{"http://intranet/", ReasonSingleLabel},
	{"http://metadata/computeMetadata/v1/", ReasonSingleLabel},
	// Ports.
	{"http://example.com:8080/", ReasonPort},
	{"http://example.com:22/", ReasonPort},
	{"https://example.com:6379/", ReasonPort},
	{"http://example.com:0/", ReasonPort},
	{"http://example.com:65536/", ReasonPort},
	{"http://example.com:080/", ReasonPort},
	{"http://example.com:/", ReasonPort},
	{"http://example.com:+443/", ReasonURLHost},
	{"http://93.184.215.14:8080/", ReasonPort},
	// Public-looking names that resolve inward: refused at dial time.
	{"http://rebind.example/", ReasonAddress},
	{"https://rebind.example/", ReasonAddress},
	{"http://mapped.example/", ReasonAddress},
	{"http://mapped6.example/", ReasonAddress},
	{"http://meta.example/latest/meta-data/", ReasonAddress},
	{"http://private.example/", ReasonAddress},
	{"http://cgnat.example/", ReasonAddress},
	{"http://ula.example/", ReasonAddress},
	{"http://linklocal6.example/", ReasonAddress},
	{"http://loop6.example/", ReasonAddress},
	{"http://zero.example/", ReasonAddress},
	{"http://nat64.example/", ReasonAddress},
	{"http://6to4.example/", ReasonAddress},
	{"http://mixed.example/", ReasonAddress},
	{"http://bcast.example/", ReasonAddress},
	{"http://mcast.example/", ReasonAddress},
	{"http://REBIND.example/", ReasonAddress},
}

// redirector is an allowed "public" upstream that redirects wherever its
// to parameter says, and counts hops on /hop/N.
func redirector(t *testing.T) *upstream {
	t.Helper()
	var u *upstream
	u = newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/redirect":
			w.Header().Set("Location", r.URL.Query().Get("to"))
			w.WriteHeader(http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"ok":true}`))
		}
	})
	return u
}

func TestSSRFPayloadsAreRefused(t *testing.T) {
	t.Parallel()
	allowed := redirector(t)
	other := newUpstream(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"secret":1}`)) })
	resolver := newFakeResolver()
	logged := &syncBuffer{}
	h := newTestProxy(t, Config{Allow: []string{allowed.hostPort()}, Resolver: resolver, RatePerMin: 1 << 20, Burst: 1 << 20,
		Log: slog.New(slog.NewTextHandler(logged, nil))})
	port := allowed.Listener.Addr().(interface{ String() string }).String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	redirect := func(to string) string { return allowed.URL + "/redirect?to=" + urlQueryEscape(to) }

	payloads := append([]payload(nil), staticPayloads...)
	payloads = append(payloads,
		// Near misses of the Allow entry.
		payload{"http://" + other.hostPort() + "/", ReasonAddress},
		payload{"http://localhost:" + port + "/", ReasonLocalhost},
		payload{"http://[::ffff:127.0.0.1]:" + port + "/", ReasonAddress},
		payload{"http://[::1]:" + port + "/", ReasonAddress},
		payload{"http://127.0.0.2:" + port + "/", ReasonAddress},
		payload{"http://2130706433:" + port + "/", ReasonHostNumeric},
		payload{"http://rebind.example:" + port + "/", ReasonPort},
		payload{"http://a@" + allowed.hostPort() + "/", ReasonURLUserinfo},
		payload{"ftp://" + allowed.hostPort() + "/", ReasonURLScheme},
		// Redirects from the allowed upstream, each hop re-checked.
		payload{redirect(other.URL + "/"), ReasonAddress},
		payload{redirect("http://169.254.169.254/latest/meta-data/"), ReasonAddress},
		payload{redirect("http://[::ffff:169.254.169.254]/"), ReasonAddress},
		payload{redirect("http://rebind.example/"), ReasonAddress},
		payload{redirect("http://localhost:" + port + "/"), ReasonLocalhost},
		payload{redirect("http://2130706433/"), ReasonHostNumeric},
		payload{redirect("http://a@" + allowed.hostPort() + "/"), ReasonURLUserinfo},
		payload{redirect("file:///etc/passwd"), ReasonURLScheme},
		payload{redirect("gopher://127.0.0.1:70/"), ReasonURLScheme},
		payload{redirect("http://example.com:8080/"), ReasonPort},
		payload{redirect(redirect(other.URL + "/")), ReasonAddress},
		payload{allowed.URL + "/hop/0", ReasonRedirects},
	)

	for _, p := range payloads {
		t.Run(fmt.Sprintf("%q is refused as %s", clip(p.url), p.reason), func(t *testing.T) {
			t.Parallel()
			rec := serve(h, proxyRequest(p.url))
			if rec.Code != http.StatusForbidden {
				t.Fatalf("status = %d, want 403; body %s", rec.Code, rec.Body)
			}
			e := decodeError(t, rec)
			if e.Kind != KindRefused || e.Reason != p.reason {
				t.Errorf("kind, reason = %q, %q, want %q, %q (message %q)", e.Kind, e.Reason, KindRefused, p.reason, e.Message)
			}
			if e.Message == "" {
				t.Error("empty message: a refusal must say why")
			}
			switch {
			case p.reason == ReasonAddress && strings.Contains(strings.ToLower(p.url), ".example"):
				// Refused at dial time: what the name resolved to is the
				// server's business, in its log only.
				if e.Message != msgPrivate {
					t.Errorf("message %q, want only %q", e.Message, msgPrivate)
				}
				if !logged.contains("resolves to") {
					t.Errorf("the log does not name what the host resolved to:\n%s", logged)
				}
			case strings.Contains(p.url, "/redirect?to=") || strings.Contains(p.url, "/hop/"):
				if !strings.Contains(e.Message, "redirect") && e.Message != msgPrivate {
					t.Errorf("message %q names neither the redirect hop nor the refusal", e.Message)
				}
			}
			if strings.Contains(strings.ToLower(p.url), ".example") {
				for _, addr := range []string{"127.0.0.1", "10.0.0.1", "192.168.0.10", "169.254.169.254", "fd00::1", "resolves"} {
					if strings.Contains(e.Message, addr) && !strings.Contains(p.url, addr) {
						t.Errorf("message %q tells the client %s, what a name resolved to", e.Message, addr)
					}
				}
			}
		})
	}
	t.Cleanup(func() {
		if hits, _ := other.seen(); hits != 0 {
			t.Errorf("the non-allowed loopback server was reached %d times", hits)
		}
		if resolver.count("rebind.example") == 0 {
			t.Error("rebind.example was never resolved: its refusal did not come from the dial-time check")
		}
		t.Logf("SSRF suite: %d payloads tried", len(payloads))
	})
}

func TestDialHookRefusesEveryInternalAddress(t *testing.T) {
	t.Parallel()
	h := newTestProxy(t, Config{})
	for _, a := range []string{
		"127.0.0.1:80", "10.0.0.1:443", "169.254.169.254:80", "100.64.0.1:80", "192.168.0.1:80",
		"172.16.0.1:80", "0.0.0.0:80", "255.255.255.255:80", "224.0.0.1:80",
		"[::1]:80", "[::]:80", "[::ffff:10.0.0.1]:80", "[fd00::1]:443", "[fe80::1]:80",
		"[64:ff9b::a00:1]:80", "[2002:a00:1::]:80", "[ff02::1]:80", "8.8.8.8:22",
	} {
		t.Run(a+" is refused", func(t *testing.T) {
			network := "tcp4"
			if ap := netip.MustParseAddrPort(a); ap.Addr().Is6() {
				network = "tcp6"
			}
			if err := h.publicOnly(network, a, nil); err == nil {
				t.Fatalf("publicOnly(%s) = nil, want a refusal", a)
			}
		})
	}
	t.Run("a public address on 443 passes", func(t *testing.T) {
		if err := h.publicOnly("tcp6", "[2606:4700::1111]:443", nil); err != nil {
			t.Fatalf("publicOnly = %v, want nil", err)
		}
	})
	t.Run("udp is refused", func(t *testing.T) {
		if err := h.publicOnly("udp4", "8.8.8.8:443", nil); err == nil {
			t.Fatal("publicOnly(udp4) = nil, want a refusal")
		}
	})
}
