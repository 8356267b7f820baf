// Package netscope tells where a URL's host points — this machine, a
// private network, or the public internet — reading the host exactly as a
// browser does (the WHATWG URL standard: percent-decoding, UTS-46 mapping,
// `2130706433`, `0177.1` and `0x7f.1` are all 127.0.0.1, `１２７。０。０。１`
// too). The page uses it so that a shared link cannot turn a visitor's
// browser against their own network without a click, and so that a
// redirect into private space is refused on a public page.
package netscope

import (
	"net/netip"
	"strings"
)

// Scope is where a host is.
type Scope int

const (
	Public   Scope = iota // anything not below, including names DNS may resolve anywhere
	Loopback              // 127.0.0.0/8, ::1, localhost and *.localhost
	Private               // private ranges and names private by convention (single-label, .local, …)
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
	netip.MustParsePrefix("2001::/32"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("fec0::/10"),
	netip.MustParsePrefix("ff00::/8"),
}

// privateSuffixes are names that only a local network resolves.
var privateSuffixes = []string{".local", ".internal", ".lan", ".home.arpa", ".localdomain", ".intranet", ".corp", ".home"}

// OfHost classifies a host as Hostname gives it: lower case, IPv4 as a
// dotted quad, IPv6 in brackets.
func OfHost(host string) Scope {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return Loopback
	}
	if addr, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return ofAddr(addr)
	}
	if host == "" || !strings.Contains(host, ".") {
		return Private // a single label resolves through the local search domain
	}
	for _, s := range privateSuffixes {
		if strings.HasSuffix(host, s) {
			return Private
		}
	}
	return Public
}

func ofAddr(addr netip.Addr) Scope {
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

// HostnameFunc reads a URL's host the way the browser does; Hostname is
// the native one, the page passes the browser's own `new URL`.
type HostnameFunc func(rawURL string) (string, error)

// OfURL classifies a URL's host as Hostname reads it; a URL the browser
// would refuse counts as Private, so it is never fetched without asking.
func OfURL(raw string) Scope { return OfURLBy(Hostname, raw) }

// OfURLBy is OfURL with another reader of hosts.
func OfURLBy(hostname HostnameFunc, raw string) Scope {
	host, err := hostname(raw)
	if err != nil {
		return Private
	}
	return OfHost(host)
}

// NeedsConfirm returns the URLs that a link's run=1 must not fetch without
// the user's click: every URL that is not public, whatever the page is
// served from (a page on loopback asks too: a link must not reach the
// visitor's own services unseen). hostname reads each URL's host: the
// browser's own parser in the page, Hostname elsewhere.
func NeedsConfirm(hostname HostnameFunc, urls []string) []string {
	var ask []string
	for _, u := range urls {
		if OfURLBy(hostname, u) != Public {
			ask = append(ask, u)
		}
	}
	return ask
}
