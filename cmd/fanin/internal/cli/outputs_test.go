package cli

import (
	"context"
	"math"
	"regexp"
	"strings"
	"testing"

	"fanin/app/bodycheck"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/netfetch"
	"fanin/app/pace"
	"fanin/app/result"
	"fanin/app/run"
	"fanin/internal/testserver"
)

// pageOutputs makes what the page's Raw view, Download JSON, Download
// NDJSON and Download CSV hold for urls, the way the page makes them:
// bodies checked and indexed in slices between pauses, the trees grafted,
// the text indented and the table read a step at a time.
func pageOutputs(t *testing.T, urls []string, mode combine.Mode) (pretty, ndjson, csv []byte) {
	t.Helper()
	pacer := pace.New(nil, nil)
	checker := bodycheck.Indexing(len(urls), pacer.Pause)
	results := run.Fetch(context.Background(), urls, netfetch.New(4), fanout.Options{Concurrency: 4, Check: checker.Check}, nil)
	res, err := result.Build(results, checker.Trees(), mode, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := res.Indexer()
	for !ix.Step(4 << 10) {
	}
	if _, err := ix.Tree(); err != nil {
		t.Fatalf("the page's tree: %v", err)
	}
	in := res.Indenter()
	for !in.Step(1 << 10) {
	}
	for !in.Step(math.MaxInt) {
	}
	pretty, err = in.Result()
	if err != nil {
		t.Fatal(err)
	}
	for !res.StepTable(3) {
	}
	if csv, err = res.CSV(); err != nil {
		t.Fatal(err)
	}
	return pretty, res.NDJSON(), csv
}

func TestPageAndCLIWriteTheSameBytes(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)
	urls := []string{srv.URL("/exact"), srv.URL("/status/500"), srv.URL("/json/a"), "ftp://nope/", srv.URL("/deep/50"), srv.URL("/html"), srv.URL("/huge/300000"), srv.URL("/items/5/40")}
	for _, mode := range combine.Modes {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			pretty, ndjson, csv := pageOutputs(t, urls, mode)
			args := append([]string{"get", "-merge", string(mode)}, urls...)
			// two fetches take their own time: the envelope's "ms" is the one figure that may differ
			if got := fanin(t, "", args...); untimed(got.stdout) != untimed(string(pretty)) {
				t.Fatalf("fanin get printed %d bytes, the page's Raw/Download holds %d:\n%.300s\nvs\n%.300s", len(got.stdout), len(pretty), got.stdout, pretty)
			}
			args = append([]string{"get", "-o", "ndjson", "-merge", string(mode)}, urls...)
			if got := fanin(t, "", args...); got.stdout != string(ndjson) || got.stdout == "" {
				t.Fatalf("fanin get -o ndjson printed\n%.300s\nthe page's Download NDJSON holds\n%.300s", got.stdout, ndjson)
			}
			args = append([]string{"get", "-o", "csv", "-merge", string(mode)}, urls...)
			if got := fanin(t, "", args...); got.stdout != string(csv) || !strings.Contains(got.stdout, "\n"+srv.URL("/json/a")+",") {
				t.Fatalf("fanin get -o csv printed\n%.300s\nthe page's Download CSV holds\n%.300s", got.stdout, csv)
			}
		})
	}
}

var envelopeMillis = regexp.MustCompile(`(?m)^(\s*"ms": )\d+,$`)

func untimed(s string) string { return envelopeMillis.ReplaceAllString(s, "${1}0,") }
