package site

import (
	"net/http"
	"strings"
)

// The page's policy allows exactly what it uses: its own scripts, styles,
// icons, manifest and service worker; 'wasm-unsafe-eval' to compile
// app.wasm (and nothing else: no eval, no inline script or style, which
// the page never has — it styles with classes only); and connect-src open
// to every http and https URL, because the page's whole job is to fetch
// the URLs its user types, on any host. Everything else is 'none'.
var pagePolicy = []string{
	"default-src 'none'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"style-src 'self'",
	"img-src 'self'",
	"manifest-src 'self'",
	"worker-src 'self'",
	"connect-src 'self' http: https:",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
	"object-src 'none'",
}

// PageCSP is the Content-Security-Policy sent with the page and its files.
var PageCSP = strings.Join(pagePolicy, "; ")

// WorkerCSP is the policy sent with app-worker.js. A service worker obeys
// the policy of its own script, not the page's, and every fetch the page
// makes passes through it: its connect-src must let the user's URLs through
// as the page's does, or every fetch fails once the worker is installed.
var WorkerCSP = strings.Join([]string{
	"default-src 'none'",
	"connect-src 'self' http: https:",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
	"object-src 'none'",
}, "; ")

// MetaCSP is PageCSP for a <meta http-equiv> element, for static hosts
// that send no headers: browsers ignore frame-ancestors there.
var MetaCSP = strings.Join(without(pagePolicy, "frame-ancestors"), "; ")

// PermissionsPolicy turns off the powerful features the page never uses;
// writing to the clipboard (Copy) stays allowed for the page itself.
const PermissionsPolicy = "accelerometer=(), autoplay=(), bluetooth=(), camera=(), display-capture=(), " +
	"encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), " +
	"magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), " +
	"screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), clipboard-read=(), clipboard-write=(self)"

// securityHeaders are sent with every response, whatever its status.
var securityHeaders = [][2]string{
	{"X-Content-Type-Options", "nosniff"},
	// The user's URLs, in the page's fragment, must not leak through Referer.
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"X-Frame-Options", "DENY"},
	{"Permissions-Policy", PermissionsPolicy},
}

// Cache-Control values: URLs under /web/VERSION/ never change content;
// everything else is checked with the server (ETag, 304) on each use.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

func setSecurityHeaders(h http.Header, csp string) {
	for _, kv := range securityHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Security-Policy", csp)
}

func without(directives []string, name string) []string {
	var out []string
	for _, d := range directives {
		if !strings.HasPrefix(d, name+" ") {
			out = append(out, d)
		}
	}
	return out
}
