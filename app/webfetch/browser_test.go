//go:build !(js && wasm)

package webfetch_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"
)

// extraRoutes serves the page's fetch helper (web/fetchone.js, which the
// wasm test loads as the page does, with a <script>) and the answers the
// shared test server has no route for: a body cut short, a request header
// echoed (after its CORS preflight), a 429 with an exposed Retry-After.
func extraRoutes(t *testing.T) http.Handler {
	helper, err := os.ReadFile(filepath.Join("..", "..", "web", "fetchone.js"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /fetchone.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(helper) //nolint:errcheck
	})
	mux.HandleFunc("GET /cut", func(w http.ResponseWriter, r *http.Request) {
		// promises 100,000 bytes, sends 40,000 and drops the connection
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte("[" + strings.Repeat("0,", 19_999) + "0")) //nolint:errcheck
		w.(http.Flusher).Flush()
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	mux.HandleFunc("OPTIONS /echo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "X-Fanin-Test")
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"x":%q}`, r.Header.Get("X-Fanin-Test"))
	})
	mux.HandleFunc("GET /busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Expose-Headers", "Retry-After")
		w.Header().Set("Retry-After", "7")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	return mux
}

// TestInBrowser runs this package's js/wasm tests (fetch_js_test.go) in
// headless Chromium with wasmbrowsertest, against a loopback test server.
func TestInBrowser(t *testing.T) {
	srv := testserver.Start()
	t.Cleanup(srv.Close)
	extra := httptest.NewServer(extraRoutes(t))
	t.Cleanup(extra.Close)

	tools := t.TempDir()
	runner := filepath.Join(tools, "wasmbrowsertest")
	build := exec.Command("go", "build", "-o", runner, "github.com/agnivade/wasmbrowsertest")
	build.Dir = filepath.Join("testdata", "wasmbrowsertest")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building wasmbrowsertest: %v\n%s", err, out)
	}

	cmd := exec.Command("go", "test", "-count=1", "-v", "-exec", runner, ".")
	cmd.Env = append(os.Environ(),
		"GOOS=js", "GOARCH=wasm",
		"FANIN_TESTSERVER="+srv.URL(""),
		"FANIN_EXTRA="+extra.URL,
		"PATH="+testbrowser.WrapperDir(t)+string(os.PathListSeparator)+os.Getenv("PATH"),
	)
	out, err := cmd.CombinedOutput()
	t.Logf("wasm tests in Chromium:\n%s", out)
	if err != nil {
		t.Fatalf("wasm tests failed: %v", err)
	}
	passed := len(regexp.MustCompile(`(?m)^\s*--- PASS: `).FindAll(out, -1))
	if failed := strings.Count(string(out), "--- FAIL"); failed > 0 || passed < 10 {
		t.Fatalf("got %d passed and %d failed subtests in the browser, want at least 10 passed and none failed", passed, failed)
	}
}
