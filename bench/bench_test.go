package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	t.Run("every target is printed with its verdict", func(t *testing.T) {
		for _, want := range []string{"page vs JS peer", "page vs bound", "vs JS peer, HTTP/2", "fanin get vs bound", "fanin get vs aiohttp", "app.wasm, brotli"} {
			if !strings.Contains(text, want) {
				t.Errorf("no target %q", want)
			}
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
