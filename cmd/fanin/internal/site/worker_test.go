package site

import (
	"strings"
	"testing"
)

// TestServiceWorker holds the pinned go-app to the fetch handler that
// serviceWorker replaces (were it gone, the site would refuse to start),
// and checks that the rest of go-app's worker is kept.
func TestServiceWorker(t *testing.T) {
	js, err := serviceWorker()
	if err != nil {
		t.Fatalf("go-app's worker template no longer holds the fetch handler fanin replaces: %v", err)
	}
	if strings.Contains(js, goappFetch) || !strings.Contains(js, faninFetch) {
		t.Fatal("the worker still sends every request through itself")
	}
	if _, err := patchJS("app-worker.js template", "worker.go", []byte(strings.Replace(js, faninFetch, "", 1)), workerPatches); err == nil {
		t.Error("a template without go-app's fetch handler was taken: the site must fail at start instead")
	}
	for _, want := range []string{"installWorker", "fetchWithCache", "deletePreviousCaches", "const cacheName"} {
		if !strings.Contains(js, want) {
			t.Errorf("go-app's %s is gone from the worker", want)
		}
	}
}
