package site

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestResolver(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"/", "/fanin/"} {
		r := resolver{base: base, version: "v1"}
		p := strings.TrimSuffix(base, "/")
		for in, want := range map[string]string{
			"":                        base,
			"/":                       base,
			"/web":                    p + "/web/v1",
			"/web/app.wasm":           p + "/web/v1/app.wasm",
			"web/fanin.css":           p + "/web/v1/fanin.css",
			"/web/screenshots/a.png":  p + "/web/v1/screenshots/a.png",
			"/app.js":                 p + "/web/v1/app.js",
			"/wasm_exec.js":           p + "/web/v1/wasm_exec.js",
			"/app.css":                p + "/web/v1/app.css",
			"/app-worker.js":          p + "/app-worker.js",
			"/manifest.webmanifest":   p + "/manifest.webmanifest",
			"https://example.com/x":   "https://example.com/x",
			"http://example.com/web/": "http://example.com/web/",
			"//example.com/x":         "//example.com/x",
			"#frag":                   "#frag",
			"mailto:a@b":              "mailto:a@b",
		} {
			if got := r.Resolve(in); got != want {
				t.Errorf("base %s: Resolve(%q) = %q, want %q", base, in, got, want)
			}
		}
	}
}

func TestCleanBase(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "/", "/": "/", "fanin": "/fanin/", "/fanin": "/fanin/", "/a/b/": "/a/b/"} {
		if got, err := CleanBase(in); err != nil || got != want {
			t.Errorf("CleanBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"/../x/", "/a/./b/", "/a//b/", "/.git/", `/a\b/`, "/a b/", "/a?b/", "/%2e%2e/", `/"x/`} {
		if got, err := CleanBase(in); err == nil {
			t.Errorf("CleanBase(%q) = %q, want an error", in, got)
		}
	}
}

func TestAcceptEncoding(t *testing.T) {
	t.Parallel()
	variants := []variant{{encoding: "br"}, {encoding: "gzip"}}
	for header, want := range map[string]string{
		"":                        "",
		"br":                      "br",
		"gzip, deflate, br, zstd": "br",
		"gzip":                    "gzip",
		"GZIP":                    "gzip",
		"br;q=0, gzip":            "gzip",
		"br;q=0, gzip;q=0":        "",
		"*":                       "br",
		"*;q=0":                   "",
		"br;q=0, *":               "gzip",
		"identity":                "",
		"deflate":                 "",
		"gzip;q=0.5, br;q=0.1":    "br",
		" br ; q=1.0 ":            "br",
		"br;q=oops, gzip":         "gzip",
	} {
		got := ""
		if v := pick(header, variants); v != nil {
			got = v.encoding
		}
		if got != want {
			t.Errorf("Accept-Encoding %q: picked %q, want %q", header, got, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	v := s.Version()
	paths := []string{
		"/", "/app-worker.js", "/manifest.webmanifest", "/app.js", "/wasm_exec.js", "/app.css",
		"/web/" + v + "/app.wasm", "/web/" + v + "/fanin.css", "/web/" + v + "/icon.svg", "/web/" + v + "/app.js",
		"/web/fanin.css", "/app.wasm", "/web/" + v + "/missing", "/nowhere", "/robots.txt",
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			resp := do(s, "GET", p, "Accept-Encoding", "br")
			h := resp.Header
			for name, want := range map[string]string{
				"X-Content-Type-Options":       "nosniff",
				"Referrer-Policy":              "no-referrer",
				"Cross-Origin-Opener-Policy":   "same-origin",
				"Cross-Origin-Resource-Policy": "same-origin",
				"X-Frame-Options":              "DENY",
				"Permissions-Policy":           PermissionsPolicy,
			} {
				if got := h.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			csp := h.Get("Content-Security-Policy")
			want := PageCSP
			if p == "/app-worker.js" {
				want = WorkerCSP
			}
			if csp != want {
				t.Errorf("Content-Security-Policy: %q, want %q", csp, want)
			}
			for _, d := range []string{"default-src 'none'", "connect-src 'self' http: https:", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"} {
				if !strings.Contains(csp, d) {
					t.Errorf("the policy lacks %s: %s", d, csp)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
				t.Errorf("the policy allows inline code or eval: %s", csp)
			}
		})
	}
	t.Run("the page's policy lets it compile wasm and nothing more", func(t *testing.T) {
		if !strings.Contains(PageCSP, "script-src 'self' 'wasm-unsafe-eval';") {
			t.Errorf("PageCSP = %s", PageCSP)
		}
		if strings.Contains(MetaCSP, "frame-ancestors") || !strings.Contains(MetaCSP, "connect-src 'self' http: https:") {
			t.Errorf("MetaCSP = %s", MetaCSP)
		}
	})
}

func TestPageHasNothingInline(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	page := string(body(t, do(s, "GET", "/")))
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script(\s[^>]*)?>[^<]+</script>`),       // inline script
		regexp.MustCompile(`<script(?:\s(?:[^>s]|s[^r]|sr[^c])*)?>`), // a script without src
		regexp.MustCompile(`<style`),
		regexp.MustCompile(`\sstyle=`),
		regexp.MustCompile(`\son[a-z]+=`),
		regexp.MustCompile(`(?i)javascript:`),
		regexp.MustCompile(`(src|href)="(https?:)?//`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page has %q, which the policy blocks or which reaches another origin", m)
		}
	}
	v := regexp.QuoteMeta(s.Version())
	for _, want := range []string{
		`<script[^>]* src="/web/` + v + `/wasm_exec.js"`,
		`<script[^>]* src="/web/` + v + `/app.js"`,
		`<link[^>]* href="/web/` + v + `/fanin.css"`,
		`<link[^>]* href="/manifest.webmanifest"`,
		// Not deferred: the frame check runs before anything of the page.
		`<script src="/web/` + v + `/frameguard.js"></script>`,
	} {
		if !regexp.MustCompile(want).MatchString(page) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestCaching(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	v := s.Version()
	for p, want := range map[string]string{
		"/":                           "no-cache",
		"/app-worker.js":              "no-cache",
		"/manifest.webmanifest":       "no-cache",
		"/web/" + v + "/app.wasm":     "public, max-age=31536000, immutable",
		"/web/" + v + "/fanin.css":    "public, max-age=31536000, immutable",
		"/web/" + v + "/app.js":       "public, max-age=31536000, immutable",
		"/web/" + v + "/wasm_exec.js": "public, max-age=31536000, immutable",
		"/web/" + v + "/icon-192.png": "public, max-age=31536000, immutable",
		"/web/fanin.css":              "no-cache",
		"/app.wasm":                   "no-cache",
	} {
		t.Run(p, func(t *testing.T) {
			for _, ae := range []string{"", "gzip", "br"} {
				resp := do(s, "GET", p, "Accept-Encoding", ae)
				if resp.StatusCode != 200 {
					t.Fatalf("GET %s: %d", p, resp.StatusCode)
				}
				if got := resp.Header.Get("Cache-Control"); got != want {
					t.Errorf("Cache-Control %q, want %q", got, want)
				}
				etag := resp.Header.Get("ETag")
				if !regexp.MustCompile(`^"[0-9a-z-]+"$`).MatchString(etag) {
					t.Fatalf("ETag %q, want a strong one", etag)
				}
				again := do(s, "GET", p, "Accept-Encoding", ae, "If-None-Match", etag)
				if again.StatusCode != http.StatusNotModified || len(body(t, again)) != 0 {
					t.Errorf("revalidating with %s (Accept-Encoding %q): %d, want 304 and no body", etag, ae, again.StatusCode)
				}
				if other := do(s, "GET", p, "Accept-Encoding", ae, "If-None-Match", `"something-else"`); other.StatusCode != 200 {
					t.Errorf("a stale ETag got %d, want 200", other.StatusCode)
				}
			}
		})
	}
	t.Run("an asset's ETag is its own, not the version's", func(t *testing.T) {
		resp := do(s, "GET", "/web/"+v+"/fanin.css", "If-None-Match", `"`+v+`"`)
		if resp.StatusCode != 200 {
			t.Errorf("the version's ETag revalidated an asset: %d", resp.StatusCode)
		}
	})
	t.Run("another version's URLs are not served", func(t *testing.T) {
		for _, p := range []string{"/web/0123456789abcdef/fanin.css", "/web/" + v + "x/fanin.css", "/web/" + v + "/", "/web/" + v} {
			if resp := do(s, "GET", p); resp.StatusCode != 404 {
				t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
			}
		}
	})
	t.Run("the version follows the content of web/", func(t *testing.T) {
		root := newRoot(t)
		before := newSite(t, root, "/").Version()
		put(t, filepath.Join(root, "web", "fanin.css"), []byte("body{}"))
		if after := newSite(t, root, "/").Version(); after == before {
			t.Errorf("version %s did not change with fanin.css", after)
		}
		put(t, filepath.Join(root, "web", ".hidden"), []byte("x"))
		a, b := newSite(t, root, "/").Version(), newSite(t, root, "/").Version()
		if a != b {
			t.Errorf("the version is not stable: %s, %s", a, b)
		}
	})
}

func TestWasm(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	wasm := "/web/" + s.Version() + "/app.wasm"
	for ae, want := range map[string]string{"br, gzip": "br", "gzip, deflate": "gzip", "": "", "identity": "", "br;q=0, gzip;q=0": ""} {
		t.Run("Accept-Encoding "+ae, func(t *testing.T) {
			resp := do(s, "GET", wasm, "Accept-Encoding", ae)
			b := body(t, resp)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != want {
				t.Fatalf("got %d, Content-Encoding %q; want 200, %q", resp.StatusCode, resp.Header.Get("Content-Encoding"), want)
			}
			if resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary: %q", resp.Header.Get("Vary"))
			}
			if resp.Header.Get("Content-Type") != "application/wasm" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
			if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(b)) {
				t.Errorf("Content-Length %s, sent %d bytes", cl, len(b))
			}
			if !bytes.Equal(decompress(t, b, want), wasmStandIn) {
				t.Errorf("the %q body does not decode to app.wasm", want)
			}
			if want != "" && len(b) >= len(wasmStandIn)/10 {
				t.Errorf("%s sent %d bytes of %d", want, len(b), len(wasmStandIn))
			}
			head := do(s, "HEAD", wasm, "Accept-Encoding", ae)
			if head.Header.Get("Content-Length") != resp.Header.Get("Content-Length") || len(body(t, head)) != 0 {
				t.Errorf("HEAD: Content-Length %q, want %q and no body", head.Header.Get("Content-Length"), resp.Header.Get("Content-Length"))
			}
		})
	}
	t.Run("each encoding has its own ETag", func(t *testing.T) {
		br := do(s, "GET", wasm, "Accept-Encoding", "br").Header.Get("ETag")
		gz := do(s, "GET", wasm, "Accept-Encoding", "gzip").Header.Get("ETag")
		raw := do(s, "GET", wasm).Header.Get("ETag")
		if br == gz || gz == raw || br == raw {
			t.Errorf("ETags br %s gzip %s raw %s", br, gz, raw)
		}
		if resp := do(s, "GET", wasm, "Accept-Encoding", "gzip", "If-None-Match", br); resp.StatusCode != 200 {
			t.Errorf("a br ETag revalidated the gzip copy: %d", resp.StatusCode)
		}
	})
	t.Run("a range is taken from the bytes sent", func(t *testing.T) {
		resp := do(s, "GET", wasm, "Accept-Encoding", "br", "Range", "bytes=0-9")
		if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Length") != "10" || len(body(t, resp)) != 10 {
			t.Errorf("got %d, Content-Length %s", resp.StatusCode, resp.Header.Get("Content-Length"))
		}
	})
	t.Run("the loading bar counts uncompressed bytes", func(t *testing.T) {
		appJS := string(body(t, do(s, "GET", "/web/"+s.Version()+"/app.js")))
		if !strings.Contains(appJS, `const goappWasmContentLength = "`+strconv.Itoa(len(wasmStandIn))+`";`) {
			t.Errorf("app.js does not give the wasm's size %d", len(wasmStandIn))
		}
		if !strings.Contains(appJS, `faninInstantiate("`+wasm+`"`) {
			t.Errorf("app.js does not load %s", wasm)
		}
	})
	t.Run("go-app's scripts go out compressed too", func(t *testing.T) {
		for _, name := range []string{"app.js", "wasm_exec.js", "app.css"} {
			p := "/web/" + s.Version() + "/" + name
			raw := body(t, do(s, "GET", p))
			for _, enc := range []string{"br", "gzip"} {
				resp := do(s, "GET", p, "Accept-Encoding", enc)
				b := body(t, resp)
				if resp.Header.Get("Content-Encoding") != enc || !bytes.Equal(decompress(t, b, enc), raw) || resp.Header.Get("Content-Length") != strconv.Itoa(len(b)) {
					t.Errorf("%s as %s: Content-Encoding %q, %d bytes", name, enc, resp.Header.Get("Content-Encoding"), len(b))
				}
			}
		}
	})
}

func TestStaleCopies(t *testing.T) {
	t.Parallel()
	t.Run("copies that do not hold the wasm's bytes are never sent", func(t *testing.T) {
		root := newRoot(t)
		put(t, filepath.Join(root, "web", "app.wasm.br"), mustCompress(t, []byte("an older build"), "br"))
		put(t, filepath.Join(root, "web", "app.wasm.gz"), []byte("not gzip at all"))
		s := newSite(t, root, "/")
		resp := do(s, "GET", "/web/"+s.Version()+"/app.wasm", "Accept-Encoding", "br, gzip")
		if resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body(t, resp), wasmStandIn) {
			t.Errorf("got Content-Encoding %q", resp.Header.Get("Content-Encoding"))
		}
	})
	t.Run("without copies the wasm goes out as is", func(t *testing.T) {
		root := newRoot(t)
		os.Remove(filepath.Join(root, "web", "app.wasm.br"))
		os.Remove(filepath.Join(root, "web", "app.wasm.gz"))
		s := newSite(t, root, "/")
		resp := do(s, "GET", "/web/"+s.Version()+"/app.wasm", "Accept-Encoding", "br, gzip")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body(t, resp), wasmStandIn) {
			t.Errorf("got %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
	})
	t.Run("a file changed under the server is refused, not sent under its old URL", func(t *testing.T) {
		root := newRoot(t)
		s := newSite(t, root, "/")
		css := filepath.Join(root, "web", "fanin.css")
		put(t, css, []byte("body { color: red }"))
		os.Chtimes(css, time.Now(), time.Now().Add(time.Hour))
		resp := do(s, "GET", "/web/"+s.Version()+"/fanin.css")
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Cache-Control") != "" || resp.Header.Get("ETag") != "" {
			t.Errorf("got %d, Cache-Control %q, ETag %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("ETag"))
		}
	})
	t.Run("no wasm, no site", func(t *testing.T) {
		root := newRoot(t)
		os.Remove(filepath.Join(root, "web", "app.wasm"))
		if _, err := New(Config{Root: root}); err == nil || !strings.Contains(err.Error(), "make web/app.wasm") {
			t.Errorf("New: %v", err)
		}
	})
}

func TestBase(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/fanin/")
	page := string(body(t, do(s, "GET", "/fanin/")))
	for _, want := range []string{`src="/fanin/web/` + s.Version() + `/app.js"`, `href="/fanin/manifest.webmanifest"`, `href="/fanin/web/` + s.Version() + `/fanin.css"`} {
		if !strings.Contains(page, " "+want) {
			t.Errorf("the page under /fanin/ lacks %s", want)
		}
	}
	for p, want := range map[string]int{
		"/fanin/web/" + s.Version() + "/app.wasm": 200, "/fanin/app-worker.js": 200, "/fanin/manifest.webmanifest": 200,
		"/": 404, "/web/" + s.Version() + "/app.wasm": 404, "/faninx/": 404,
	} {
		if got := do(s, "GET", p).StatusCode; got != want {
			t.Errorf("GET %s: %d, want %d", p, got, want)
		}
	}
}

func TestManifestScope(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"/", "/fanin/"} {
		s := newSite(t, newRoot(t), base)
		resp := do(s, "GET", strings.TrimSuffix(base, "/")+"/manifest.webmanifest")
		b := string(body(t, resp))
		if !strings.Contains(b, `"scope":"`+base+`"`) || !strings.Contains(b, `"start_url":"`+base+`"`) || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("base %s: manifest %s, Cache-Control %q", base, b, resp.Header.Get("Cache-Control"))
		}
	}
}

// The page starts its jq worker only on a first filter; the service worker
// has cached its script by then. Its wasm is not precached: a first visit
// would download it whether or not it ever filters.
func TestServiceWorkerCachesTheJQWorker(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	resp := do(s, "GET", "/app-worker.js")
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	if want := `"/web/` + s.Version() + `/jqworker.js"`; !strings.Contains(body.String(), want) {
		t.Fatalf("app-worker.js does not cache %s", want)
	}
	if strings.Contains(body.String(), "jq.wasm") {
		t.Fatal("app-worker.js precaches jq.wasm, which a first visit need not download")
	}
	// a web/ without it must not list it: one missing file fails the
	// service worker's whole install
	root := newRoot(t)
	if err := os.Remove(filepath.Join(root, "web", "jqworker.js")); err != nil {
		t.Fatal(err)
	}
	s = newSite(t, root, "/")
	body.Reset()
	body.ReadFrom(do(s, "GET", "/app-worker.js").Body)
	if strings.Contains(body.String(), "jqworker.js") {
		t.Fatal("app-worker.js caches a jqworker.js that web/ lacks")
	}
}

// The page's fetcher needs web/fetchone.js before its first request: the
// page loads it with a deferred script (after wasm_exec.js and app.js, so
// before the wasm can run) and the service worker caches it.
func TestPageLoadsTheFetchHelper(t *testing.T) {
	t.Parallel()
	s := newSite(t, newRoot(t), "/")
	page := string(body(t, do(s, "GET", "/")))
	// go-app writes the attributes in no fixed order
	tag := regexp.MustCompile(`<script [^>]*src="/web/` + s.Version() + `/fetchone.js"[^>]*>`).FindString(page)
	if tag == "" || !strings.Contains(tag, " defer") {
		t.Fatalf("the page has no deferred script for /web/%s/fetchone.js:\n%s", s.Version(), page)
	}
	want := tag
	if i, j := strings.Index(page, "/app.js"), strings.Index(page, want); i < 0 || j < i {
		t.Errorf("fetchone.js at %d, app.js at %d: want the helper after app.js, both deferred", j, i)
	}
	worker := string(body(t, do(s, "GET", "/app-worker.js")))
	if w := `"/web/` + s.Version() + `/fetchone.js"`; !strings.Contains(worker, w) {
		t.Errorf("app-worker.js does not cache %s", w)
	}
	// a web/ without it must not name it
	root := newRoot(t)
	if err := os.Remove(filepath.Join(root, "web", "fetchone.js")); err != nil {
		t.Fatal(err)
	}
	s = newSite(t, root, "/")
	if page := string(body(t, do(s, "GET", "/"))); strings.Contains(page, "fetchone.js") {
		t.Error("the page loads a fetchone.js that web/ lacks")
	}
}
