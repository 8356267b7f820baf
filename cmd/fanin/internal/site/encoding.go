package site

import (
	"strconv"
	"strings"
)

// acceptable reports whether an Accept-Encoding header value allows the
// content coding token: named with q > 0, or covered by "*" with q > 0
// when not named at all (RFC 9110, section 12.5.3).
func acceptable(header, token string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != token && name != "*" {
			continue
		}
		ok := qualityAbove0(params)
		if name == token {
			return ok
		}
		star = ok
	}
	return star
}

func qualityAbove0(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return err == nil && q > 0
	}
	return true
}

// pick chooses the precompressed copy to send: the first (best) one the
// client accepts, or nil for the file itself.
func pick(header string, variants []variant) *variant {
	if header == "" {
		return nil
	}
	for i := range variants {
		if acceptable(header, variants[i].encoding) {
			return &variants[i]
		}
	}
	return nil
}
