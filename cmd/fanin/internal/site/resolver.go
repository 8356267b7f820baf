package site

import (
	"fmt"
	"path"
	"strings"
)

// versioned are go-app's generated files that the page loads by URL and
// that change only with the version; they move under /web/VERSION/ with the
// assets so a repeat visit need not ask for them again. app-worker.js and
// the manifest keep fixed URLs: a service worker's URL is its identity, and
// browsers re-check both by themselves.
var versioned = map[string]bool{"/app.js": true, "/wasm_exec.js": true, "/app.css": true}

// resolver implements app.ResourceResolver: every /web/ path becomes
// BASE/web/VERSION/..., every other absolute path BASE/..., so the whole
// site can live under a sub-path and its assets can be cached for good.
type resolver struct {
	base    string // "/" or "/sub/path/"
	version string
}

// Resolve maps a location the page names to the URL that serves it.
func (r resolver) Resolve(location string) string {
	switch {
	case strings.HasPrefix(location, "http://"), strings.HasPrefix(location, "https://"):
		return location
	case location == "" || location == "/":
		// With the trailing slash go-app's client router strips the whole
		// prefix, and the service worker caches the URL the browser asks for.
		return r.base
	case location == "web" || strings.HasPrefix(location, "web/"):
		location = "/" + location
	}
	prefix := strings.TrimSuffix(r.base, "/")
	switch {
	case location == "/web":
		return prefix + "/web/" + r.version
	case strings.HasPrefix(location, "/web/"):
		return prefix + "/web/" + r.version + strings.TrimPrefix(location, "/web")
	case versioned[location]:
		return prefix + "/web/" + r.version + location
	case strings.HasPrefix(location, "/") && !strings.HasPrefix(location, "//"):
		return prefix + location
	default:
		return location
	}
}

// CleanBase checks a sub-path the site is published under and returns it
// with one leading and one trailing slash: "fanin" becomes "/fanin/".
func CleanBase(base string) (string, error) {
	trimmed := strings.Trim(base, "/")
	if trimmed == "" {
		return "/", nil
	}
	clean := "/" + trimmed + "/"
	if path.Clean("/"+trimmed) != "/"+trimmed || strings.ContainsAny(trimmed, "\\?#%\"'<> \t\r\n") {
		return "", fmt.Errorf("base %q: want a plain path such as /fanin/", base)
	}
	for _, part := range strings.Split(trimmed, "/") {
		if strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("base %q: a path segment starts with a dot", base)
		}
	}
	return clean, nil
}
