package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fanin/internal/conformance"
)

// TestConformance aggregates every JSONTestSuite file in one `fanin get`
// run and judges each row by the file's prefix.
func TestConformance(t *testing.T) {
	t.Parallel()
	dir, err := conformance.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	names, err := conformance.Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 318 {
		t.Fatalf("found %d suite files in %s, want 318", len(names), dir)
	}
	srv := conformance.Serve(dir)
	t.Cleanup(srv.Close)

	var list strings.Builder
	for _, n := range names {
		list.WriteString(conformance.URL(srv.URL, n) + "\n")
	}
	listFile := filepath.Join(t.TempDir(), "urls.txt")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	got := fanin(t, "", "get", "-merge", "envelope", "-f", listFile)
	if got.code != ExitPartial {
		t.Fatalf("got exit %d, want 1 (the n_ files fail)", got.code)
	}
	if !json.Valid([]byte(got.stdout)) {
		t.Fatal("the combined output is not valid JSON")
	}
	var entries []conformance.Entry
	if err := json.Unmarshal([]byte(got.stdout), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		t.Fatalf("got %d rows, want %d", len(entries), len(names))
	}
	var outcomes []conformance.Outcome
	for i, name := range names {
		if want := conformance.URL(srv.URL, name); entries[i].URL != want {
			t.Fatalf("row %d is %s, want %s (order)", i, entries[i].URL, want)
		}
		original, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		o := conformance.Judge(name, original, entries[i])
		if o.Problem != "" {
			t.Errorf("%s: %s", name, o.Problem)
		}
		if !o.Accepted && !strings.Contains(got.stderr, entries[i].URL+": "+o.Kind+": ") {
			t.Errorf("%s: stderr lacks its %s line", name, o.Kind)
		}
		outcomes = append(outcomes, o)
	}
	t.Logf("JSONTestSuite through fanin get: %v", conformance.Tally(outcomes))
}
