package site

import (
	"strings"
	"testing"
)

// TestServiceWorker holds the pinned go-app to the fetch handler that
// serviceWorker replaces: were it gone, every request of a run would go
// through the worker again.
func TestServiceWorker(t *testing.T) {
	js, ok := serviceWorker()
	if !ok {
		t.Fatal("go-app's worker template no longer holds the fetch handler fanin replaces")
	}
	if strings.Contains(js, goappFetch) || !strings.Contains(js, faninFetch) {
		t.Fatal("the worker still sends every request through itself")
	}
	for _, want := range []string{"installWorker", "fetchWithCache", "deletePreviousCaches"} {
		if !strings.Contains(js, want) {
			t.Errorf("go-app's %s is gone from the worker", want)
		}
	}
}
