package cli

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"fanin/internal/testserver"
)

func TestShardsConcatenateToTheWhole(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)
	urls := []string{srv.URL("/exact"), "ftp://nope/", srv.URL("/status/500")}
	for i := range 20 {
		urls = append(urls, srv.URL(fmt.Sprintf("/items/%d/2", i)))
	}
	list := strings.Join(urls, "\n") + "\n" + srv.URL("/json/t[1-4]")
	whole := fanin(t, list, "get", "-o", "ndjson", "-f", "-")
	if whole.code != ExitPartial || strings.Count(whole.stdout, "\n") != 27 {
		t.Fatalf("unsharded: exit %d, %d lines", whole.code, strings.Count(whole.stdout, "\n"))
	}
	for _, n := range []int{1, 2, 3, 4, 7, 30} {
		var joined strings.Builder
		for k := 1; k <= n; k++ {
			got := fanin(t, list, "get", "-o", "ndjson", "-shard", fmt.Sprintf("%d/%d", k, n), "-f", "-")
			joined.WriteString(got.stdout)
		}
		if joined.String() != whole.stdout {
			t.Fatalf("-shard K/%d outputs joined:\n%s\nwant\n%s", n, joined.String(), whole.stdout)
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "3", "a/b", "-1/2"} {
		if got := fanin(t, list, "get", "-shard", bad, "-f", "-"); got.code != ExitUsage || !strings.Contains(got.stderr, "shard") {
			t.Fatalf("-shard %s: exit %d, %s", bad, got.code, got.stderr)
		}
	}
}

// A line is printed as soon as every earlier URL is out: URL 1's server
// answers only once the test has read URL 0's line from the pipe.
func TestNDJSONStreams(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/1" {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		fmt.Fprintf(w, `{"path": %q}`, r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	var errOut strings.Builder
	go func() {
		code <- Main([]string{"get", "-o", "ndjson", srv.URL + "/0", srv.URL + "/1", srv.URL + "/2"}, strings.NewReader(""), pw, &errOut)
		pw.Close()
	}()
	lines := bufio.NewReader(pr)
	first, err := lines.ReadString('\n')
	if err != nil || first != `{"path":"/0"}`+"\n" {
		t.Fatalf("first line %q, %v", first, err)
	}
	close(release)
	rest, _ := io.ReadAll(lines)
	if string(rest) != `{"path":"/1"}`+"\n"+`{"path":"/2"}`+"\n" || <-code != ExitOK {
		t.Fatalf("then %q; stderr %s", rest, errOut.String())
	}
}
