package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"fanin/internal/testserver"
)

// BenchmarkSeedArticle is the 2015 article's measurement: three JSON URLs
// that each take 300 ms, fetched by `fanin get` at once (concurrent) and one
// after another (-c 1, the sequential peer), in the same run. Compare the
// two ns/op figures: the article saw 0.51 s against 1.19 s.
func BenchmarkSeedArticle(b *testing.B) {
	srv := testserver.Start()
	defer srv.Close()
	urls := []string{srv.URL("/slow/300/a"), srv.URL("/slow/300/b"), srv.URL("/slow/300/c")}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"concurrent", append([]string{"get"}, urls...)},
		{"sequential", append([]string{"get", "-c", "1"}, urls...)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if code := Main(bc.args, strings.NewReader(""), io.Discard, io.Discard); code != ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkPages measures following pages against the bound, pages ×
// latency per chain with the chains in parallel: one chain of 50 pages
// by Link header, and 10 chains of 10 pages each by a cursor in the
// body, every page taking 50 ms on the server. bound-ms is that bound;
// x-bound is the run's time over it.
//
//	go test -run '^$' -bench Pages -benchtime 3x ./cmd/fanin/internal/cli
func BenchmarkPages(b *testing.B) {
	srv := testserver.Start()
	defer srv.Close()
	const latency = 50 * time.Millisecond
	ms := strconv.Itoa(int(latency / time.Millisecond))
	var cursors []string
	for i := range 10 {
		cursors = append(cursors, srv.URL(fmt.Sprintf("/pages/cursor/c%d?pages=10&ms=%s", i, ms)))
	}
	for _, bc := range []struct {
		name  string
		args  []string
		pages int
		bound time.Duration
	}{
		{"link-50-pages", []string{"get", "-next", "link", srv.URL("/pages/link/a?pages=50&ms=" + ms)}, 50, 50 * latency},
		{"cursor-10-chains-of-10", append([]string{"get", "-next", testserver.CursorNext}, cursors...), 100, 10 * latency},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var out strings.Builder
			for b.Loop() {
				out.Reset()
				if code := Main(bc.args, strings.NewReader(""), &out, io.Discard); code != ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
			if n := strings.Count(out.String(), `"chain":`); n != bc.pages*2 {
				b.Fatalf("got %d records, want %d pages of 2", n, bc.pages)
			}
			perOp := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(bc.bound.Milliseconds()), "bound-ms")
			b.ReportMetric(float64(perOp)/float64(bc.bound), "x-bound")
		})
	}
}
