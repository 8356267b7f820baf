package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"fanin/app/ui"
	"fanin/internal/testserver"
)

func TestMain(m *testing.M) {
	ui.Route(ui.Browser{})
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
	t.Run("stderr carries no control or bidi characters from URLs or error bodies", func(t *testing.T) {
		hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, "oops \u009b2J\u202eevil\u2066 \x1b]0;title\x07")
		}))
		t.Cleanup(hostile.Close)
		got := fanin(t, "https://a.test/\x1b[2K\x07\n"+hostile.URL+"/x\u202e\n", "get", "-timeout", "2s")
		if got.code != ExitPartial {
			t.Fatalf("got exit %d, stderr %q", got.code, got.stderr)
		}
		for _, r := range got.stderr {
			if r != '\n' && (r < ' ' || r == 0x7f || r >= 0x80 && r < 0xa0 || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("stderr carries %U raw:\n%q", r, got.stderr)
			}
		}
		for _, want := range []string{`https://a.test/\x1b[2K\x07: invalid-url`, `/x\u202e: http-status`, `\u009b2J\u202eevil\u2066`} {
			if !strings.Contains(got.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, got.stderr)
			}
		}
	})
	t.Run("a list over the cap of 10,000 URLs is refused whole", func(t *testing.T) {
		got := fanin(t, strings.Repeat("https://a.test/x\n", 1)+"https://a.test/p[1-10000]\n", "get")
		if got.code != ExitUsage || !strings.Contains(got.stderr, "asks for 10001 URLs; at most 10000") || got.stdout != "" {
			t.Fatalf("got exit %d, stderr %q", got.code, got.stderr)
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
	t.Run("failing URLs are retried and headers are sent", func(t *testing.T) {
		got := fanin(t, "", "get", "-retries", "2", "-H", "X-Test: yes", srv.URL("/status/503"), srv.URL("/json/h"))
		if got.code != ExitPartial || srv.Hits("/status/503") < 3 || !strings.Contains(got.stdout, `"name": "h"`) {
			t.Fatalf("got %+v after %d hits", got, srv.Hits("/status/503"))
		}
		if bad := fanin(t, "", "get", "-H", "no colon", srv.URL("/json/h")); bad.code != ExitUsage {
			t.Fatalf("a bad header: got exit %d", bad.code)
		}
	})
	t.Run("-jq filters the combined JSON and keeps literals it does not compute on", func(t *testing.T) {
		got := fanin(t, "", "get", "-jq", ".[] | .big", srv.URL("/json/a"), srv.URL("/json/b"))
		if got.code != ExitOK || got.stdout != "12345678901234567890123\n12345678901234567890123\n" {
			t.Fatalf("got %+v", got)
		}
		if bad := fanin(t, "", "get", "-jq", ".[", srv.URL("/json/a")); bad.code != ExitUsage || !strings.Contains(bad.stderr, "column") {
			t.Fatalf("a bad filter: got %+v", bad)
		}
	})
	t.Run("a slow URL times out alone", func(t *testing.T) {
		got := fanin(t, "", "get", "-timeout", "200ms", srv.URL("/slow/5000/late"), srv.URL("/json/quick"))
		if got.code != ExitPartial || !strings.Contains(got.stderr, "timeout") || !strings.Contains(got.stdout, `"name": "quick"`) {
			t.Fatalf("got %+v", got)
		}
	})
}
