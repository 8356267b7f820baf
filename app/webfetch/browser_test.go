//go:build !(js && wasm)

package webfetch_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"
)

// TestInBrowser runs this package's js/wasm tests (fetch_js_test.go) in
// headless Chromium with wasmbrowsertest, against a loopback test server.
func TestInBrowser(t *testing.T) {
	srv := testserver.Start()
	t.Cleanup(srv.Close)

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
