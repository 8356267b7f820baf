package site

import (
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// goAppJS is go-app's own app.js, as its handler writes it.
func goAppJS(t *testing.T) []byte {
	t.Helper()
	h := &app.Handler{Name: "t", Version: "v1", WasmContentLength: "100"}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	if rec.Code != 200 {
		t.Fatalf("go-app's app.js: status %d", rec.Code)
	}
	return rec.Body.Bytes()
}

func TestPatchAppJS(t *testing.T) {
	t.Parallel()
	orig := goAppJS(t)
	t.Run("every patch applies once to go-app's app.js", func(t *testing.T) {
		js, err := patchAppJS(orig)
		if err != nil {
			t.Fatal(err)
		}
		s := string(js)
		for _, want := range []string{
			`const wasm = await faninInstantiate("/web/app.wasm", showProgress, go.importObject);`,
			"faninAfterStart(goappInitServiceWorker);\n",
			"async function faninInstantiate(",
		} {
			if strings.Count(s, want) != 1 {
				t.Errorf("the patched app.js has %d of %q, want 1", strings.Count(s, want), want)
			}
		}
		// Compiled from the fetch's own response, never from go-app's copy.
		if strings.Contains(s, "instantiateStreaming(\n      fetchWithProgress") {
			t.Error("the patched app.js still compiles from fetchWithProgress's rebuilt response")
		}
		if regexp.MustCompile(`(?m)^goappInitServiceWorker\(\);`).MatchString(s) {
			t.Error("the patched app.js still registers the service worker before the page starts")
		}
		// The worker registers after a start, a failure, or no wasm at all.
		if n := strings.Count(s, "faninStarted();"); n != 3 {
			t.Errorf("faninStarted() is called in %d places, want 3 (started, failed, not loaded)", n)
		}
	})
	t.Run("an app.js the patches do not fit is an error, not a page that loads the old way", func(t *testing.T) {
		changed := strings.Replace(string(orig), "go.importObject", "go.imports", 1)
		if _, err := patchAppJS([]byte(changed)); err == nil {
			t.Fatal("patched an app.js whose instantiate call differs")
		}
		if _, err := patchAppJS([]byte(string(orig) + "\ngoappInitServiceWorker();\n")); err == nil {
			t.Fatal("patched an app.js that registers its worker twice")
		}
	})
}

// The page's preload of the wasm must be the very request app.js makes —
// same URL, as="fetch", anonymous credentials — or the browser downloads it
// twice; the end-to-end test TestWasmStartsWithTheHTML checks the browser.
func TestPagePreloadsTheWasm(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"/", "/fanin/"} {
		s := newSite(t, newRoot(t), base)
		page := string(body(t, do(s, "GET", base)))
		link := regexp.MustCompile(`<link [^>]*rel="preload"[^>]*>`).FindString(page)
		want := strings.TrimSuffix(base, "/") + "/web/" + s.Version() + "/app.wasm"
		for _, attr := range []string{`href="` + want + `"`, `as="fetch"`, `crossorigin="anonymous"`} {
			if !strings.Contains(link, attr) {
				t.Errorf("base %s: the preload %q lacks %s", base, link, attr)
			}
		}
		js := string(body(t, do(s, "GET", strings.TrimSuffix(base, "/")+"/web/"+s.Version()+"/app.js")))
		if call := `faninInstantiate("` + want + `"`; !strings.Contains(js, call) {
			t.Errorf("base %s: app.js does not fetch the preloaded %s", base, want)
		}
	}
}
