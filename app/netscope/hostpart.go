package netscope

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// lookup is UTS-46 ToASCII with the URL standard's options: CheckHyphens
// off, CheckBidi and CheckJoiners on, UseSTD3ASCIIRules off (the URL
// standard forbids its own set of code points afterwards), nontransitional,
// no DNS length check.
// It is made on first use from a function, not a package variable, so a
// program that never calls Hostname (the page, which asks the browser)
// does not link UTS-46's tables.
var (
	lookupOnce    sync.Once
	lookupProfile *idna.Profile
)

func lookup() *idna.Profile {
	lookupOnce.Do(func() {
		lookupProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
			idna.StrictDomainName(false), idna.CheckHyphens(false), idna.CheckJoiners(true),
			idna.VerifyDNSLength(false))
	})
	return lookupProfile
}

// parseHostPart is the URL standard's host parser for a special scheme.
func parseHostPart(s string) (string, error) {
	if strings.HasPrefix(s, "[") {
		if !strings.HasSuffix(s, "]") {
			return "", errors.New("unclosed IPv6 address")
		}
		return parseIPv6(s[1 : len(s)-1])
	}
	domain := strings.ToValidUTF8(percentDecode(s), "\uFFFD")
	ascii, err := domainToASCII(domain)
	if err != nil {
		return "", err
	}
	if i := strings.IndexFunc(ascii, forbiddenInDomain); i >= 0 {
		return "", fmt.Errorf("host %q has a forbidden character", ascii)
	}
	if endsInNumber(ascii) {
		addr, ok := parseIPv4(ascii)
		if !ok {
			return "", fmt.Errorf("host %q is not a valid IPv4 address", ascii)
		}
		return addr.String(), nil
	}
	return ascii, nil
}

func domainToASCII(domain string) (string, error) {
	if isPlainASCII(domain) {
		return strings.ToLower(domain), nil
	}
	ascii, err := lookup().ToASCII(domain)
	if err != nil {
		return "", fmt.Errorf("host %q: %w", domain, err)
	}
	if ascii == "" {
		return "", errors.New("empty host")
	}
	return ascii, nil
}

// isPlainASCII is the URL standard's shortcut: an ASCII domain with no
// label starting with "xn--" only needs lower-casing.
func isPlainASCII(domain string) bool {
	for i := 0; i < len(domain); i++ {
		if domain[i] >= utf8.RuneSelf {
			return false
		}
	}
	for _, label := range strings.Split(domain, ".") {
		if len(label) >= 4 && strings.EqualFold(label[:4], "xn--") {
			return false
		}
	}
	return true
}

func forbiddenInDomain(r rune) bool {
	return r <= 0x1f || r == 0x7f || strings.ContainsRune(" #%/:<>?@[\\]^|", r)
}

func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// parseIPv6 reads the address between brackets; zones and IPv4 addresses
// are not IPv6 hosts in a URL.
func parseIPv6(s string) (string, error) {
	addr, err := netip.ParseAddr(s)
	if err != nil || !addr.Is6() || addr.Zone() != "" || strings.Contains(s, "%") {
		return "", fmt.Errorf("invalid IPv6 address [%s]", s)
	}
	return "[" + serializeIPv6(addr) + "]", nil
}

// serializeIPv6 writes the address as the URL standard does: lower-case
// hex pieces, the first longest run of two or more zero pieces as "::",
// never a dotted IPv4 tail.
func serializeIPv6(addr netip.Addr) string {
	b := addr.As16()
	var pieces [8]uint16
	for i := range pieces {
		pieces[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	start, length := -1, 1
	for i := 0; i < 8; {
		if pieces[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && pieces[j] == 0 {
			j++
		}
		if j-i > length {
			start, length = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == start {
			sb.WriteString("::")
			i += length - 1
			continue
		}
		if sb.Len() > 0 && !strings.HasSuffix(sb.String(), ":") {
			sb.WriteByte(':')
		}
		fmt.Fprintf(&sb, "%x", pieces[i])
	}
	return sb.String()
}
