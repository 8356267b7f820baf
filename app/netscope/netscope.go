// Package netscope tells where a URL's host points by its literal form —
// this machine, a private network, or the public internet — the way a
// browser reads it (WHATWG URL: `2130706433`, `0177.1` and `0x7f.1` are all
// 127.0.0.1). The page uses it so that a shared link cannot turn a
// visitor's browser against their own network without a click.
package netscope

import (
	"math"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Scope is where a host is.
type Scope int

const (
	Public   Scope = iota // anything not below, including names DNS may resolve anywhere
	Loopback              // 127.0.0.0/8, ::1, localhost and *.localhost
	Private               // private, shared, link-local, unspecified, multicast and similar ranges
)

func (s Scope) String() string {
	return [...]string{"public", "loopback", "private"}[s]
}

var private = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("224.0.0.0/3"),
	netip.MustParsePrefix("::/128"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2002::/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("ff00::/8"),
}

// OfHost classifies a host name or IP literal (brackets allowed).
func OfHost(host string) Scope {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return Loopback
	}
	addr, ok := parseIP(host)
	if !ok {
		return Public
	}
	addr = addr.Unmap()
	if addr.IsLoopback() {
		return Loopback
	}
	for _, p := range private {
		if p.Contains(addr) {
			return Private
		}
	}
	return Public
}

// OfURL classifies a URL's host; an unparsable URL counts as Private, so
// it is never fetched without asking.
func OfURL(raw string) Scope {
	u, err := url.Parse(raw)
	if err != nil {
		return Private
	}
	return OfHost(u.Hostname())
}

// NeedsConfirm returns the URLs that a page served from pageHost must not
// fetch on its own (from a link's run=1) without the user's click: every
// URL that is not public, except loopback URLs when the page itself is
// served from loopback.
func NeedsConfirm(pageHost string, urls []string) []string {
	local := OfHost(pageHost) == Loopback
	var ask []string
	for _, u := range urls {
		switch OfURL(u) {
		case Public:
		case Loopback:
			if !local {
				ask = append(ask, u)
			}
		default:
			ask = append(ask, u)
		}
	}
	return ask
}

// parseIP reads an IP literal, IPv4 in any form a browser accepts: one to
// four dot-separated parts, each decimal, octal (leading 0) or hex (0x).
func parseIP(host string) (netip.Addr, bool) {
	if addr, err := netip.ParseAddr(host); err == nil {
		return addr, true
	}
	parts := strings.Split(host, ".")
	if len(parts) > 4 || len(parts) == 0 {
		return netip.Addr{}, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := ipv4Number(p)
		if !ok {
			return netip.Addr{}, false
		}
		nums[i] = n
	}
	last := nums[len(nums)-1]
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return netip.Addr{}, false
		}
	}
	if last >= uint64(math.Pow(256, float64(5-len(nums)))) {
		return netip.Addr{}, false
	}
	v := last
	for i, n := range nums[:len(nums)-1] {
		v += n << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func ipv4Number(s string) (uint64, bool) {
	base := 10
	switch {
	case s == "":
		return 0, false
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true
		}
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	n, err := strconv.ParseUint(s, base, 64)
	return n, err == nil
}
