package proxy

import (
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

const maxURLLen = 8 << 10

// target is a URL that passed the policy, ready to request.
type target struct {
	url     *url.URL
	host    host
	port    uint16
	allowed bool // matches an Allow entry: internal addresses and any port are fine
}

// host is a URL's host in one canonical spelling: a lowercase name, or an
// IP literal as netip prints it.
type host struct {
	name string
	ip   netip.Addr // valid when the host is an IP literal
}

func targetKey(name string, port uint16) string {
	return net.JoinHostPort(name, strconv.Itoa(int(port)))
}

// checkURL applies the whole URL policy. It reads the raw text itself
// before trusting url.Parse, because the attacks it stops live exactly where
// Go's parser and a browser's disagree: userinfo, backslashes, numeric
// hosts in bases Go does not parse, percent-encoded hosts.
func (h *Handler) checkURL(raw string) (*target, error) {
	if raw == "" {
		return nil, refuse(ReasonURLMissing, "no URL given: want /proxy?url=<percent-encoded http(s) URL>")
	}
	if len(raw) > maxURLLen {
		return nil, refuse(ReasonURLTooLong, "URL is %d bytes, over the %d-byte limit", len(raw), maxURLLen)
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return nil, refuse(ReasonURLChars, "URL holds whitespace, a control character, a backslash or non-ASCII text at byte %d; send it percent-encoded and trimmed", i)
		}
	}
	i := strings.Index(raw, "://")
	if i <= 0 {
		return nil, refuse(ReasonURLScheme, "URL must start with http:// or https://")
	}
	scheme := strings.ToLower(raw[:i])
	if scheme != "http" && scheme != "https" {
		return nil, refuse(ReasonURLScheme, "scheme %q is not http or https", clip(raw[:i]))
	}
	rest := raw[i+3:]
	authority := rest
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		authority = rest[:end]
	}
	if strings.Contains(authority, "@") {
		return nil, refuse(ReasonURLUserinfo, "URLs with userinfo (user@host) are refused")
	}
	if strings.Contains(raw, "#") {
		return nil, refuse(ReasonURLFragment, "URL has a #fragment, which is never sent to a server; strip it")
	}
	if authority == "" {
		return nil, refuse(ReasonURLHost, "URL has no host")
	}
	for j := 0; j < len(authority); j++ {
		if !hostByte(authority[j]) {
			return nil, refuse(ReasonURLHost, "host %q holds %q", clip(authority), authority[j])
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, refuse(ReasonURLMalformed, "URL does not parse: %v", err)
	}
	if u.User != nil || u.Opaque != "" || u.Host != authority || u.Scheme != scheme {
		return nil, refuse(ReasonURLMalformed, "URL reads differently to Go and to a browser")
	}
	hostText, portText, hasPort, err := splitAuthority(authority)
	if err != nil {
		return nil, err
	}
	hst, err := parseHost(hostText)
	if err != nil {
		return nil, err
	}
	port := uint16(80)
	if scheme == "https" {
		port = 443
	}
	if hasPort {
		p, ok := parsePort(portText)
		if !ok {
			return nil, refuse(ReasonPort, "port %q is not a number from 1 to 65535 without leading zeros", clip(portText))
		}
		port = p
	}
	// Request the canonical spelling, so the dialer and the Allow table
	// see the same name the policy checked.
	u.Host = hst.name
	if hst.ip.Is6() {
		u.Host = "[" + hst.name + "]"
	}
	if hasPort {
		u.Host += ":" + portText
	}
	t := &target{url: u, host: hst, port: port, allowed: h.allow[targetKey(hst.name, port)]}
	if t.allowed {
		return t, nil
	}
	if hst.ip.IsValid() {
		if err := h.checkAddr(hst.ip); err != nil {
			return nil, err
		}
	} else {
		if hst.name == "localhost" || strings.HasSuffix(hst.name, ".localhost") {
			return nil, refuse(ReasonLocalhost, "%s is a loopback name", hst.name)
		}
		if !strings.Contains(hst.name, ".") {
			// A single label goes through the resolver's search domains:
			// "metadata" or "intranet" name internal hosts, never public ones.
			return nil, refuse(ReasonSingleLabel, "single-label host %q is refused", hst.name)
		}
	}
	if port != 80 && port != 443 {
		return nil, refuse(ReasonPort, "port %d is refused: only 80 and 443, unless allowed with -proxy-allow %s", port, targetKey(hst.name, port))
	}
	return t, nil
}

// checkAddr refuses every address that is not public unicast.
func (h *Handler) checkAddr(ip netip.Addr) error {
	if ip.Is4In6() {
		return refuse(ReasonAddress, "%s is an IPv4-mapped address", ip)
	}
	if err := h.guard.SafeAddr(ip); err != nil {
		return refuse(ReasonAddress, "%s is not a public address: %v", ip, err)
	}
	return nil
}

func hostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']'
}

func splitAuthority(a string) (hostText, port string, hasPort bool, err error) {
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "", "", false, refuse(ReasonURLHost, "unclosed [ in host %q", clip(a))
		}
		after := a[end+1:]
		switch {
		case after == "":
			return a[:end+1], "", false, nil
		case after[0] == ':':
			return a[:end+1], after[1:], true, nil
		}
		return "", "", false, refuse(ReasonURLHost, "text after ] in host %q", clip(a))
	}
	switch strings.Count(a, ":") {
	case 0:
		return a, "", false, nil
	case 1:
		i := strings.IndexByte(a, ':')
		return a[:i], a[i+1:], true, nil
	}
	return "", "", false, refuse(ReasonURLHost, "host %q has several colons", clip(a))
}

// parseHost reads a host as a browser would and refuses every spelling
// where it might not: a last label that is a number makes a browser parse
// the whole host as IPv4 in decimal, octal or hex, so such a host must be a
// plain dotted quad.
func parseHost(s string) (host, error) {
	if strings.HasPrefix(s, "[") {
		if !strings.HasSuffix(s, "]") {
			return host{}, refuse(ReasonURLHost, "bad IPv6 literal %q", clip(s))
		}
		ip, err := netip.ParseAddr(s[1 : len(s)-1])
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return host{}, refuse(ReasonURLHost, "bad IPv6 literal %q", clip(s))
		}
		return host{name: ip.String(), ip: ip}, nil
	}
	name := strings.ToLower(s)
	if name == "" || len(name) > 253 {
		return host{}, refuse(ReasonURLHost, "host %q is empty or too long", clip(s))
	}
	if strings.HasSuffix(name, ".") {
		return host{}, refuse(ReasonURLHost, "host %q ends with a dot", clip(s))
	}
	labels := strings.Split(name, ".")
	if numericLabel(labels[len(labels)-1]) {
		ip, err := netip.ParseAddr(name)
		if err != nil || !ip.Is4() {
			return host{}, refuse(ReasonHostNumeric, "host %q is a number a browser would read as an IPv4 address; write it as a dotted quad", clip(s))
		}
		return host{name: ip.String(), ip: ip}, nil
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || strings.ContainsAny(l, ":[]") {
			return host{}, refuse(ReasonURLHost, "host %q is not a valid name", clip(s))
		}
	}
	return host{name: name}, nil
}

// numericLabel reports what the WHATWG URL standard calls a label that
// "ends in a number": all decimal digits, or 0x followed by hex digits.
func numericLabel(l string) bool {
	if l == "" {
		return false
	}
	digits := l
	hex := false
	if strings.HasPrefix(l, "0x") {
		digits, hex = l[2:], true
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if !('0' <= c && c <= '9' || hex && 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func parsePort(s string) (uint16, bool) {
	if s == "" || len(s) > 5 || s[0] == '0' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil || n == 0 {
		return 0, false
	}
	return uint16(n), true
}

// clip keeps attacker-chosen text short in messages.
func clip(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}
