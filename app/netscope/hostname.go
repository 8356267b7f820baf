package netscope

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotHTTP is returned for a URL whose scheme is not http or https.
var ErrNotHTTP = errors.New("not an http or https URL")

// Hostname returns the host of an absolute http(s) URL exactly as a
// browser's `new URL(raw).hostname` gives it (the WHATWG URL standard):
// tabs and newlines dropped, backslashes read as slashes, the host
// percent-decoded and mapped by UTS-46 (so `ＡＰＩ。example` is
// `api.example`), IPv4 in any number form serialized as a dotted quad, IPv6
// compressed in brackets. A URL the browser refuses is an error.
func Hostname(raw string) (string, error) { return ResolveHostname(raw, "") }

// ResolveHostname is Hostname for raw resolved against base (an absolute
// http(s) URL, or "" for none), as `new URL(raw, base)` does.
func ResolveHostname(raw, base string) (string, error) {
	var baseHost string
	var baseScheme string
	if base != "" {
		h, scheme, err := parseHost(base, "", "")
		if err != nil {
			return "", fmt.Errorf("base: %w", err)
		}
		baseScheme, baseHost = scheme, h
	}
	h, _, err := parseHost(raw, baseScheme, baseHost)
	return h, err
}

// parseHost follows the WHATWG basic URL parser from the start up to the
// end of the port, which is all that decides the host or a failure for
// the special schemes http and https (path, query and fragment never fail).
func parseHost(input, baseScheme, baseHost string) (host, scheme string, err error) {
	input = strings.TrimFunc(input, func(r rune) bool { return r <= ' ' })
	input = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, input)
	scheme, rest, ok := splitScheme(input)
	if !ok {
		if baseScheme == "" {
			return "", "", errors.New("a relative URL without a base")
		}
		return relative(rest, baseScheme, baseHost)
	}
	if scheme != "http" && scheme != "https" {
		return "", "", ErrNotHTTP
	}
	if scheme == baseScheme {
		// "special relative or authority state", then the relative state.
		return relative(rest, baseScheme, baseHost)
	}
	host, err = authority(strings.TrimLeft(rest, `/\`))
	return host, scheme, err
}

// splitScheme returns the lower-cased scheme and what follows its colon;
// ok is false when input has no scheme (a relative reference).
func splitScheme(input string) (scheme, rest string, ok bool) {
	for i := 0; i < len(input); i++ {
		c := input[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(input[:i]), input[i+1:], true
		default:
			return "", input, false
		}
	}
	return "", input, false
}

// relative handles a reference against a special base: `//host` and
// `\\host` name a new host, anything else keeps the base's.
func relative(rest, baseScheme, baseHost string) (string, string, error) {
	if len(rest) >= 2 && isSlash(rest[0]) && isSlash(rest[1]) {
		host, err := authority(strings.TrimLeft(rest, `/\`))
		return host, baseScheme, err
	}
	return baseHost, baseScheme, nil
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// authority reads userinfo, host and port up to the path, query or
// fragment, and parses the host.
func authority(s string) (string, error) {
	if end := strings.IndexAny(s, `/\?#`); end >= 0 {
		s = s[:end]
	}
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[at+1:]
		if s == "" {
			return "", errors.New("credentials without a host")
		}
	}
	host, port := s, ""
	inBrackets := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			inBrackets = true
		case ']':
			inBrackets = false
		case ':':
			if !inBrackets {
				host, port = s[:i], s[i+1:]
				i = len(s)
			}
		}
	}
	if host == "" {
		return "", errors.New("no host")
	}
	if port != "" {
		n, err := strconv.ParseUint(port, 10, 64)
		if err != nil || n > 65535 {
			return "", fmt.Errorf("invalid port %q", port)
		}
	}
	return parseHostPart(host)
}
