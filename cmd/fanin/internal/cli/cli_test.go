package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fanin/app/testserver"
	"fanin/app/ui"
)

func TestMain(m *testing.M) {
	ui.Route(nil)
	os.Exit(m.Run())
}

type outcome struct {
	code           int
	stdout, stderr string
}

func fanin(t *testing.T, stdin string, args ...string) outcome {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return outcome{code, out.String(), errOut.String()}
}

func TestGet(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)

	t.Run("the seed article's three URLs are fetched together and printed in order", func(t *testing.T) {
		srv.ResetInFlight()
		got := fanin(t, "", "get", srv.URL("/slow/300/a"), srv.URL("/slow/200/b"), srv.URL("/slow/100/c"))
		want := "[\n  {\n    \"slow\": \"a\",\n    \"ms\": 300\n  },\n  {\n    \"slow\": \"b\",\n    \"ms\": 200\n  },\n  {\n    \"slow\": \"c\",\n    \"ms\": 100\n  }\n]\n"
		if got.code != ExitOK || got.stdout != want || got.stderr != "" {
			t.Fatalf("got exit %d\nstdout %s\nstderr %s\nwant exit 0 and\n%s", got.code, got.stdout, got.stderr, want)
		}
		if n := srv.MaxInFlight(); n != 3 {
			t.Fatalf("the server saw %d requests at once, want all 3 overlapping", n)
		}
	})
	t.Run("failed URLs go to stderr with their kind, exit 1, and the rest still prints", func(t *testing.T) {
		got := fanin(t, "", "get", srv.URL("/exact"), srv.URL("/status/500"), srv.URL("/html"), "ftp://nope/")
		if got.code != ExitPartial {
			t.Fatalf("got exit %d, want 1", got.code)
		}
		if !strings.HasPrefix(got.stdout, "[\n  {\n    \"z\": 1,") || !strings.HasSuffix(got.stdout, "  null,\n  null,\n  null\n]\n") {
			t.Fatalf("got stdout\n%s", got.stdout)
		}
		for _, want := range []string{
			srv.URL("/status/500") + ": http-status: HTTP 500: upstream says 500",
			srv.URL("/html") + ": not-json: invalid character '<'",
			"ftp://nope/: invalid-url: scheme \"ftp\"",
		} {
			if !strings.Contains(got.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, got.stderr)
			}
		}
	})
	t.Run("exact values pass through every merge mode", func(t *testing.T) {
		for _, mode := range []string{"array", "object", "envelope"} {
			got := fanin(t, "", "get", "-merge", mode, srv.URL("/exact"))
			for _, lit := range []string{"-0", "1E400", "12345678901234567890123", "0.1000000000000000055511151231257827",
				`"dup": 1`, `"dup": 2`, `\ud83d\ude00`, "héllo 世界", "<b>&amp;</b>"} {
				if !strings.Contains(got.stdout, lit) {
					t.Errorf("%s mode: %s is missing from\n%s", mode, lit, got.stdout)
				}
			}
		}
	})
	t.Run("URLs come from a file and from standard input", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "urls.txt")
		os.WriteFile(file, []byte("# list\n"+srv.URL("/json/f")+"\n"), 0o644)
		got := fanin(t, "", "get", "-merge", "object", "-f", file)
		if got.code != ExitOK || !strings.Contains(got.stdout, `"`+srv.URL("/json/f")+`": {`) {
			t.Fatalf("file: got %+v", got)
		}
		got = fanin(t, srv.URL("/json/s")+"\n"+srv.URL("/json/s")+"\n", "get")
		if got.code != ExitOK || strings.Count(got.stdout, `"name": "s"`) != 1 || !strings.Contains(got.stderr, "fetched once") {
			t.Fatalf("stdin: got %+v", got)
		}
	})
	t.Run("bad command lines exit 2 with a reason", func(t *testing.T) {
		for _, args := range [][]string{
			{"get"},
			{"get", "-merge", "zip", srv.URL("/json/x")},
			{"get", "-c", "0", srv.URL("/json/x")},
			{"get", "-timeout", "-1s", srv.URL("/json/x")},
			{"get", "-f", "/does/not/exist"},
			{"nonsense"},
			{},
		} {
			got := fanin(t, "", args...)
			if got.code != ExitUsage || got.stderr == "" {
				t.Errorf("fanin %q: got exit %d stderr %q, want 2 and a reason", args, got.code, got.stderr)
			}
		}
	})
	t.Run("a slow URL times out alone", func(t *testing.T) {
		got := fanin(t, "", "get", "-timeout", "200ms", srv.URL("/slow/5000/late"), srv.URL("/json/quick"))
		if got.code != ExitPartial || !strings.Contains(got.stderr, "timeout") || !strings.Contains(got.stdout, `"name": "quick"`) {
			t.Fatalf("got %+v", got)
		}
	})
}

// siteRoot makes a site root with the real web/ assets and a stand-in wasm.
func siteRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	os.MkdirAll(web, 0o755)
	for _, name := range []string{"fanin.css", "icon.svg", "icon-192.png", "icon-512.png"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "web", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(web, name), b, 0o644)
	}
	os.WriteFile(filepath.Join(web, "app.wasm"), []byte("\x00asm stand-in"), 0o644)
	os.WriteFile(filepath.Join(web, ".secret"), []byte("no"), 0o644)
	return root
}

func TestServe(t *testing.T) {
	t.Parallel()
	root := siteRoot(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, serveConfig{addr: "127.0.0.1:0", root: root}, pw) }()
	line := make([]byte, 256)
	n, _ := pr.Read(line)
	go io.Copy(io.Discard, pr)
	addr := strings.TrimSuffix(strings.Fields(string(line[:n]))[2], "/")
	if !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("serve printed %q, want the loopback address", line[:n])
	}

	get := func(path string) (int, string) {
		resp, err := http.Get(addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	t.Run("the page is pre-rendered with its hooks and local assets only", func(t *testing.T) {
		code, body := get("/")
		for _, want := range []string{`<textarea[^>]* id="urls"`, `<button[^>]* id="fetch"`, `<main[^>]* data-state="idle"`, `href="/web/fanin.css"`} {
			if code != 200 || !regexp.MustCompile(want).MatchString(body) {
				t.Errorf("got %d; page lacks %s", code, want)
			}
		}
		if m := regexp.MustCompile(`(src|href)="(https?:)?//[^"]*"`).FindString(body); m != "" {
			t.Errorf("the page loads %s from another origin", m)
		}
		if regexp.MustCompile(`<button[^>]* id="fetch"[^>]*disabled`).MatchString(body) {
			t.Errorf("the pre-rendered Fetch button is disabled")
		}
	})
	t.Run("the wasm and assets are served, dotfiles and escapes are not", func(t *testing.T) {
		for path, want := range map[string]int{
			"/web/app.wasm": 200, "/app.wasm": 200, "/web/fanin.css": 200, "/web/.secret": 404,
			"/web/": 404, "/web/../go.mod": 404, "/web/%2e%2e/go.mod": 404, "/web/..%5cgo.mod": 404,
		} {
			if code, _ := get(path); code != want {
				t.Errorf("GET %s: got %d, want %d", path, code, want)
			}
		}
	})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	root := siteRoot(t)
	dir := filepath.Join(t.TempDir(), "site")
	got := fanin(t, "", "export", "-root", root, dir)
	if got.code != ExitOK {
		t.Fatalf("got %+v", got)
	}
	for _, name := range []string{"index.html", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "web/app.wasm", "web/fanin.css"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("export lacks %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "web", ".secret")); err == nil {
		t.Error("export copied a dotfile")
	}
}
