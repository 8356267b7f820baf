package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"fanin/internal/testserver"
)

func TestGetFollowsPages(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)
	items := func(t *testing.T, stdout string) []string {
		t.Helper()
		var recs []struct {
			Chain string
			Page  int
			Item  int
		}
		if err := json.Unmarshal([]byte(stdout), &recs); err != nil {
			t.Fatalf("stdout is not an array of records: %v\n%s", err, stdout)
		}
		var out []string
		for _, r := range recs {
			out = append(out, r.Chain+string(rune('0'+r.Page)))
		}
		return out
	}
	t.Run("-next link, two chains, concat flattens their pages in order", func(t *testing.T) {
		t.Parallel()
		got := fanin(t, "", "get", "-next", "link", "-merge", "concat", srv.URL("/pages/link/a?pages=3&items=1"), srv.URL("/pages/link/b?pages=2&items=1"))
		if got.code != ExitOK || got.stderr != "" {
			t.Fatalf("exit %d, stderr %s", got.code, got.stderr)
		}
		if s := strings.Join(items(t, got.stdout), " "); s != "a1 a2 a3 b1 b2" {
			t.Fatalf("got records %s", s)
		}
	})
	t.Run("-next EXPR follows a cursor and page + total", func(t *testing.T) {
		t.Parallel()
		got := fanin(t, "", "get", "-jq", "[.[].data[]]", "-next", testserver.CursorNext, srv.URL("/pages/cursor/c?pages=2&items=1"))
		if got.code != ExitOK || strings.Join(items(t, got.stdout), " ") != "c1 c2" {
			t.Fatalf("cursor: exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
		}
		got = fanin(t, "", "get", "-jq", "[.[].items[]]", "-next", testserver.NumberedNext, srv.URL("/pages/numbered/n?per=2&total=3"))
		if got.code != ExitOK || strings.Join(items(t, got.stdout), " ") != "n1 n1 n2" {
			t.Fatalf("page + total: exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
		}
	})
	t.Run("envelope names each page's chain and number", func(t *testing.T) {
		t.Parallel()
		start := srv.URL("/pages/link/e?pages=2")
		got := fanin(t, "", "get", "-next", "link", "-merge", "envelope", "-jq", `[.[] | [.url, .chain, .page]]`, start)
		var rows [][]any
		if err := json.Unmarshal([]byte(got.stdout), &rows); err != nil || len(rows) != 2 {
			t.Fatalf("exit %d: %v\n%s", got.code, err, got.stdout)
		}
		if rows[0][0] != start || rows[0][1] != start || rows[0][2] != 1.0 || rows[1][0] != srv.URL("/pages/link/e?page=2&pages=2") || rows[1][1] != start || rows[1][2] != 2.0 {
			t.Fatalf("got %v", rows)
		}
	})
	t.Run("-max-pages cuts a chain and says so on stderr", func(t *testing.T) {
		t.Parallel()
		got := fanin(t, "", "get", "-next", "link", "-max-pages", "2", srv.URL("/pages/link/m?pages=5"))
		if got.code != ExitOK || !strings.Contains(got.stderr, "stopped at the page cap (2 pages); more follow from "+srv.URL("/pages/link/m?page=3&pages=5")) {
			t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
		}
	})
	t.Run("a loop ends its chain with a note; a failed page with an error row", func(t *testing.T) {
		t.Parallel()
		got := fanin(t, "", "get", "-next", "link", srv.URL("/pages/loop/l?page=1"), srv.URL("/pages/link/f?pages=3&fail=2"))
		if got.code != ExitPartial || !strings.Contains(got.stderr, "(a loop)") || !strings.Contains(got.stderr, "page=2&pages=3: http-status: HTTP 500") {
			t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
		}
		var doc []any
		if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil || len(doc) != 4 || doc[3] != nil {
			t.Fatalf("want 4 pages, the last null: %v\n%s", err, got.stdout)
		}
	})
	t.Run("bad values are usage errors", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{{"-next", ".a |"}, {"-max-pages", "0"}, {"-rate", "-1"}, {"-per-host", "-2"}} {
			if got := fanin(t, "", append(append([]string{"get"}, args...), srv.URL("/json/a"))...); got.code != ExitUsage {
				t.Errorf("%v: exit %d, stderr %s", args, got.code, got.stderr)
			}
		}
	})
	t.Run("a wait the server asked for (Retry-After) is said on stderr", func(t *testing.T) {
		t.Parallel()
		srv.Fail("ra-cli", 1)
		got := fanin(t, "", "get", "-retries", "1", srv.URL("/flaky/ra-cli?retry-after=1"))
		if got.code != ExitOK || !strings.Contains(got.stderr, "fetched after waiting as asked (Retry-After: 1), 2 attempts") {
			t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
		}
		srv.Fail("ra-cli-2", 5)
		got = fanin(t, "", "get", srv.URL("/flaky/ra-cli-2?retry-after=30"))
		if got.code != ExitPartial || !strings.Contains(got.stderr, "http-status: HTTP 503 (Retry-After: 30): busy") {
			t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
		}
	})
	t.Run("-rate and -per-host fetch every URL", func(t *testing.T) {
		t.Parallel()
		got := fanin(t, "", "get", "-rate", "50", "-per-host", "1", srv.URL("/json/a"), srv.URL("/json/b"), srv.URL("/json/c"))
		if got.code != ExitOK || strings.Count(got.stdout, `"name"`) != 3 {
			t.Fatalf("exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
		}
	})
}
