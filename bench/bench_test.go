package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fanin/internal/testserver"
)

// TestSmoke runs the bench's smoke mode end to end, so that `make test`
// keeps `make bench` working, and checks the shape of what it writes.
func TestSmoke(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	began := time.Now()
	rep, err := run(ctx, config{smoke: true, out: out, root: root}, testWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("smoke run in %v", time.Since(began).Round(time.Second))

	table, err := os.ReadFile(filepath.Join(out, "table.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(table)
	t.Run("the table has a row with a figure for every job", func(t *testing.T) {
		for _, j := range plan(true) {
			prefix := "| " + j.Scenario.String() + " | " + j.Label() + " | "
			line := lineWith(text, prefix)
			if line == "" {
				t.Errorf("no row %q", prefix)
				continue
			}
			cells := strings.Split(line, "|")
			if got := strings.TrimSpace(cells[3]); !positiveMS(got) {
				t.Errorf("%s: median %q, want a positive figure", prefix, got)
			}
		}
		if n, want := len(rep.Results), len(plan(true)); n != want {
			t.Errorf("got %d results, want %d", n, want)
		}
	})
	t.Run("no figure is missing, zero or not a number", func(t *testing.T) {
		for _, bad := range []string{"NaN", "Inf", "| 0.00 ms", "| 0.00 MiB", "(0 bytes)"} {
			if strings.Contains(text, bad) {
				t.Errorf("the table contains %q:\n%s", bad, text)
			}
		}
		for _, r := range rep.Results {
			if r.Median <= 0 || len(r.Times) != r.Runs {
				t.Errorf("%s %s: median %v over %d runs, want %d positive runs", r.Scenario, r.Label(), r.Median, len(r.Times), r.Runs)
			}
		}
		if rep.Wasm.Raw == 0 || rep.Wasm.Gzip == 0 || rep.Wasm.Brotli == 0 || rep.FirstLoad == 0 || rep.ServerRSS == 0 {
			t.Errorf("missing sizes: wasm %+v, first load %d, server RSS %d", rep.Wasm, rep.FirstLoad, rep.ServerRSS)
		}
		if median(rep.Cold) <= 0 || median(rep.Warm) <= 0 {
			t.Errorf("time to interactive cold %v warm %v", rep.Cold, rep.Warm)
		}
		for _, c := range []string{clientPage, clientPeerJS} {
			if h := rep.Heap[c]; h.Used <= 0 {
				t.Errorf("no heap figure for the %s", c)
			}
		}
		if rep.Heap[clientPage].Wasm <= 0 {
			t.Error("no wasm memory figure for the page")
		}
	})
	t.Run("the result view has its figures for the page and the JS viewer", func(t *testing.T) {
		cases, _ := viewCases(true)
		if got, want := len(rep.View), 2*len(cases); got != want {
			t.Fatalf("got %d view results, want %d", got, want)
		}
		for _, v := range rep.View {
			name := v.Case.Label + ", " + v.Client
			if v.ShownNote != "" || v.ExpandNote != "" || v.JQNote != "" {
				t.Errorf("%s: notes %q %q %q, want figures", name, v.ShownNote, v.ExpandNote, v.JQNote)
				continue
			}
			if v.Fetch <= 0 || v.Shown <= 0 || v.LongShown < 0 || v.LongRun < v.LongShown || v.Heap <= 0 || v.Bytes < v.Case.Size*9/10 || v.Bytes > v.Case.Size {
				t.Errorf("%s: %+v, want positive times, a heap and about %d bytes", name, v, v.Case.Size)
			}
			// Results of up to 2 MiB (before indenting) open on the Raw tab, on the page as in the viewer.
			if v.ShownBy != "raw text" {
				t.Errorf("%s: shown first as %q, want the raw text", name, v.ShownBy)
			}
			if v.Client != clientPage {
				continue
			}
			if v.Wasm <= 0 || v.Expand <= 0 || v.ExpandAgain <= 0 || v.JQ <= 0 {
				t.Errorf("%s: wasm %v, expand all %v (again %v), jq %v: want each positive", name, v.Wasm, v.Expand, v.ExpandAgain, v.JQ)
			}
			if !strings.HasSuffix(v.ExpandStatus, "rows open.") {
				t.Errorf("%s: expand all says %q", name, v.ExpandStatus)
			}
			// jq printed every record's id, one a line
			want := 0
			for _, r := range recordIDs(t, v.Case) {
				want += len(strconv.Itoa(r)) + 1
			}
			if _, ok := jqOwnTime(v.JQStatus); !ok || !strings.HasPrefix(v.JQStatus, strconv.Itoa(want)+" bytes of output") {
				t.Errorf("%s: jq %s says %q, want %d bytes of output in a time", name, viewJQ, v.JQStatus, want)
			}
			if lineWith(text, "| "+v.caseCell()+" | "+v.Client+" | ") == "" {
				t.Errorf("no view row for %s", name)
			}
		}
	})
	t.Run("jq on the page prints Debian jq's bytes, and Compare reads every response", func(t *testing.T) {
		for _, v := range rep.View {
			if v.Client != clientPage || !v.Case.JQ {
				continue
			}
			if len(v.JQRuns) != len(jqFilters) {
				t.Fatalf("%s: %d jq runs, want %d", v.Case.Label, len(v.JQRuns), len(jqFilters))
			}
			for i, j := range v.JQRuns {
				if j.Note != "" || j.NativeNote != "" || j.Page <= 0 || j.Native <= 0 {
					t.Errorf("%s, %s: notes %q %q, times %v %v; want both measured", v.Case.Label, j.Filter.Expr, j.Note, j.NativeNote, j.Page, j.Native)
				}
				if !j.Same {
					t.Errorf("%s, %s: the page's output (%q, shown %q…) is not Debian jq's (%d bytes)", v.Case.Label, j.Filter.Expr, j.PageStatus, clip(j.PageShown, 40), j.NativeOut)
				}
				if fast := strings.Contains(j.PageStatus, "Answered without decoding."); fast != (i != 1) {
					t.Errorf("%s, %s: answered without decoding %v (%q)", v.Case.Label, j.Filter.Expr, fast, j.PageStatus)
				}
			}
			ids := recordIDs(t, v.Case)
			last := strconv.Itoa(ids[len(ids)-1])
			if want := strings.TrimSuffix(strings.Repeat(last+"|", v.Case.Parts), "|"); v.Compare.Note != "" || v.Compare.Rows != want {
				t.Errorf("%s: Compare %s gave %q (%q, note %q), want %q", v.Case.Label, compareJQ, v.Compare.Rows, v.Compare.Status, v.Compare.Note, want)
			}
		}
		if !strings.Contains(text, "### jq on the page against Debian's jq") {
			t.Error("no jq section in the table")
		}
	})
	t.Run("the page's memory after each run in one tab", func(t *testing.T) {
		if len(rep.Repeats) != 4 {
			t.Fatalf("got %d runs in one tab, want 4", len(rep.Repeats))
		}
		for _, x := range rep.Repeats {
			if x.Note != "" || x.Wasm <= 0 {
				t.Errorf("%s (%s): wasm %v, note %q; want a figure", x.Label, x.What, x.Wasm, x.Note)
			}
			if line := lineWith(text, "| "+x.Label+" | "+x.What+" | "); line == "" {
				t.Errorf("no row for %s in the table", x.Label)
			}
		}
		if _, ok := rep.repeatRatio(); !ok {
			t.Error("no ratio of run 3 to run 1")
		}
	})
	t.Run("every target is printed with its verdict", func(t *testing.T) {
		for _, want := range []string{"page vs JS peer", "vs JS peer, HTTP/2", "fanin get vs bound", "fanin get vs aiohttp", "app.wasm, brotli", "result view: expand all, 100 KB",
			"wasm memory after three runs"} {
			if !strings.Contains(text, want) {
				t.Errorf("no target %q", want)
			}
		}
		// "page vs bound" applies to a row only where the network decides,
		// which this run's JS peer tells: there, and nowhere else.
		rows := 0
		for _, x := range rep.Results {
			q, ok := rep.find(x.Scenario, clientPeerJS)
			if x.Client != clientPage || x.Conc != pageDefault || x.Bound == 0 || !ok {
				continue
			}
			rows++
			want := ratio(q.Median, q.Bound) <= 1.1
			if got := strings.Contains(text, "page vs bound, "+x.Scenario.String()+" "); got != want {
				t.Errorf("%s: a page vs bound target printed %v, want %v (JS peer %.2f× its bound)", x.Scenario, got, want, ratio(q.Median, q.Bound))
			}
		}
		if rows == 0 {
			t.Error("no page row with a JS peer and a bound to hold to the bound")
		}
	})
	t.Run("the chart has a bar for every job", func(t *testing.T) {
		svg, err := os.ReadFile(filepath.Join(out, "chart.svg"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Count(string(svg), "<rect x=\"300\""), len(plan(true)); got != want {
			t.Errorf("got %d bars, want %d", got, want)
		}
	})
}

// recordIDs are the ids of a view case's records, every URL's in turn.
func recordIDs(t *testing.T, vc viewCase) []int {
	var recs []struct{ ID int }
	if err := json.Unmarshal(testserver.Records(vc.Size/vc.Parts), &recs); err != nil {
		t.Fatal(err)
	}
	var ids []int
	for range vc.Parts {
		for _, r := range recs {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func positiveMS(s string) bool {
	v, ok := strings.CutSuffix(s, " ms")
	return ok && strings.Trim(v, "0.") != "" && !strings.HasPrefix(v, "-")
}

// testWriter sends the bench's progress lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
