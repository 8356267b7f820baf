//go:build !(js && wasm)

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPageWasmLinksNoJQ keeps gojq out of the page's wasm: its package init
// and its code's compile ran at every start of the page (about 40 ms of a
// warm one), though only a filter needs it, and a filter runs in the jq
// worker's own wasm (cmd/fanin/jqworker), which must have it.
func TestPageWasmLinksNoJQ(t *testing.T) {
	t.Parallel()
	deps := func(pkg string) []string {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	has := func(list []string, prefix string) bool {
		for _, p := range list {
			if strings.HasPrefix(p, prefix) {
				return true
			}
		}
		return false
	}
	if page := deps("fanin/cmd/fanin"); has(page, "github.com/itchyny/gojq") || has(page, "fanin/app/jqengine") {
		t.Error("the page's wasm links gojq or app/jqengine: jq belongs in the jq worker's wasm (app/jqwork)")
	}
	if worker := deps("fanin/cmd/fanin/jqworker"); !has(worker, "github.com/itchyny/gojq") || has(worker, "github.com/maxence-charriere/go-app") {
		t.Error("the jq worker's wasm should link gojq and not go-app")
	}
}
