package proxy

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"
)

// Routes the handler answers. The server mounts the handler at both.
const (
	Path     = "/proxy"      // GET /proxy?url=<percent-encoded URL>
	InfoPath = "/proxy/info" // GET: {"proxy":true,...}, so the page need not guess
)

// Defaults for the zero values in Config.
const (
	DefaultMaxBytes    = 64 << 20
	DefaultTimeout     = 15 * time.Second
	DefaultRatePerMin  = 600
	DefaultBurst       = 100
	DefaultMaxUpstream = 64
	DefaultMaxClients  = 4096
)

// Resolver turns a host name into addresses; *net.Resolver is one. Tests
// give a fake one so no test ever asks a real DNS server.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Config is the proxy's policy. Zero values take the defaults above.
type Config struct {
	// Allow lists HOST:PORT targets permitted although internal or on
	// another port (-proxy-allow): an intranet API, or a loopback test
	// server. A URL matches only with the same host spelling (a name stays a
	// name, an IP literal an IP literal) and the same port.
	Allow []string
	// MaxBytes caps a response body, counted after gzip decoding.
	MaxBytes int64
	// Timeout bounds the whole upstream request, body included. Connect
	// and TLS handshake get at most 5s of it, response headers at most 10s.
	Timeout time.Duration
	// RatePerMin and Burst form the token bucket of each client (its IP;
	// an IPv6 client is its /64).
	RatePerMin int
	Burst      int
	// MaxClients bounds the rate limiter's table; new clients are refused
	// while it is full of active ones.
	MaxClients int
	// MaxUpstream caps concurrent upstream requests; MaxQueue requests
	// (default 4×MaxUpstream) may wait up to 5s for a slot, the rest get 503.
	MaxUpstream int
	MaxQueue    int
	// Resolver answers DNS; nil is net.DefaultResolver.
	Resolver Resolver
	// RootCAs verifies upstream TLS; nil is the system's roots.
	RootCAs *x509.CertPool
	// Hosts are the names and addresses by which clients reach the
	// server, besides loopback ones, which are always accepted: the listen
	// addresses and each -host NAME. A request with any other Host is
	// refused (DNS rebinding), wherever the server listens.
	Hosts []string
	// Log receives what clients are not told: what a name resolved to,
	// the resolver's errors, upstream failures. nil discards it.
	Log *slog.Logger
}

// parseHosts turns Hosts into the lower-case names and canonical
// addresses hostAllowed compares with.
func parseHosts(entries []string) (map[string]bool, error) {
	hosts := make(map[string]bool, len(entries))
	for _, e := range entries {
		name := strings.ToLower(strings.Trim(e, "[]"))
		if ip, err := netip.ParseAddr(name); err == nil {
			name = ip.Unmap().String()
		} else if name == "" || strings.ContainsAny(name, ":/ ") {
			return nil, fmt.Errorf("proxy: host %q: want a name or an address, without a port", e)
		}
		hosts[name] = true
	}
	return hosts, nil
}

func (c Config) withDefaults() (Config, error) {
	if c.MaxBytes < 0 || c.Timeout < 0 || c.RatePerMin < 0 || c.Burst < 0 ||
		c.MaxClients < 0 || c.MaxUpstream < 0 || c.MaxQueue < 0 {
		return c, errors.New("proxy: negative limit in config")
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.RatePerMin == 0 {
		c.RatePerMin = DefaultRatePerMin
	}
	if c.Burst == 0 {
		c.Burst = min(DefaultBurst, c.RatePerMin)
	}
	if c.MaxClients == 0 {
		c.MaxClients = DefaultMaxClients
	}
	if c.MaxUpstream == 0 {
		c.MaxUpstream = DefaultMaxUpstream
	}
	if c.MaxQueue == 0 {
		c.MaxQueue = 4 * c.MaxUpstream
	}
	return c, nil
}

// parseAllow turns -proxy-allow entries into the keys targetKey makes.
func parseAllow(entries []string) (map[string]bool, error) {
	allow := make(map[string]bool, len(entries))
	for _, e := range entries {
		key, err := allowKey(e)
		if err != nil {
			return nil, fmt.Errorf("proxy: allow entry %q: %w", e, err)
		}
		allow[key] = true
	}
	return allow, nil
}

func allowKey(entry string) (string, error) {
	i := strings.LastIndexByte(entry, ':')
	if i < 0 {
		return "", errors.New("want HOST:PORT")
	}
	host, portText := entry[:i], entry[i+1:]
	port, ok := parsePort(portText)
	if !ok {
		return "", fmt.Errorf("bad port %q", portText)
	}
	for i := 0; i < len(host); i++ {
		if !hostByte(host[i]) {
			return "", fmt.Errorf("bad host %q", host)
		}
	}
	h, err := parseHost(host)
	if err != nil {
		return "", err
	}
	return targetKey(h.name, port), nil
}
