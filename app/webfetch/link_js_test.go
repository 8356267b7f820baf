//go:build js && wasm

package webfetch

import (
	"context"
	"strings"
	"testing"
)

// TestLinkHeader: the browser shows a Link header only when the server
// lists it in Access-Control-Expose-Headers; the fetcher passes on what
// it sees.
func TestLinkHeader(t *testing.T) {
	base := server(t)
	ctx := context.Background()
	t.Run("an exposed Link header is read, every link of it", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/pages/link/w?page=2&pages=3", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(resp.Link, `rel="first"`) || !strings.Contains(resp.Link, "rel=prev") || !strings.Contains(resp.Link, `rel="NEXT last-but-one"`) {
			t.Fatalf("got Link %q", resp.Link)
		}
	})
	t.Run("a Link header the server does not expose is not seen", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/pages/hidden/w?page=2&pages=3", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Link != "" {
			t.Fatalf("got Link %q, want none visible", resp.Link)
		}
	})
}
