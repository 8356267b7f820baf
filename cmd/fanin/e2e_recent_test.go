//go:build !(js && wasm)

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"
)

// TestRecentLists fetches two lists, reloads the page and picks the older
// one from the recent lists, in the real page; a history kept in the old
// JSON form, big enough to slow a start, is read and rewritten; and
// "Forget these lists" empties it, across a reload.
func TestRecentLists(t *testing.T) {
	t.Parallel()
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")

	first := []string{api.URL("/json/r1"), api.URL("/json/r2")}
	setURLs(t, ctx, first...)
	if rows, _ := fetchAndWait(t, ctx); len(rows) != 2 {
		t.Fatalf("first list: rows %+v", rows)
	}
	setURLs(t, ctx, api.URL("/json/r3"))
	if rows, _ := fetchAndWait(t, ctx); len(rows) != 1 {
		t.Fatalf("second list: rows %+v", rows)
	}

	openPage(t, ctx, base+"/")
	labels := `Array.from(document.querySelectorAll("#recent li button")).map(b => b.textContent).join("|")`
	waitFor(t, ctx, 20*time.Second, `document.querySelectorAll("#recent li button").length === 2`)
	want := api.URL("/json/r3") + "|" + api.URL("/json/r1") + " (+1 more lines)"
	if got := evalString(t, ctx, labels); got != want {
		t.Fatalf("recent lists %q, want %q", got, want)
	}
	click(t, ctx, "#recent summary")
	click(t, ctx, "#recent li:nth-child(2) button")
	waitFor(t, ctx, 20*time.Second, fmt.Sprintf(`document.querySelector("textarea#urls").value === %q`, strings.Join(first, "\n")))

	// A history from before, as JSON: 20 lists of 1,000 URLs.
	var old []string
	for l := range 20 {
		var urls []string
		for i := range 1000 {
			urls = append(urls, fmt.Sprintf("https://api.example.test/v1/items/%d/%d", l, i))
		}
		old = append(old, strings.Join(urls, "\n"))
	}
	b, _ := json.Marshal(old)
	evalString(t, ctx, fmt.Sprintf(`localStorage.setItem("fanin.recent", %q), ""`, b))
	openPage(t, ctx, base+"/")
	waitFor(t, ctx, 20*time.Second, `document.querySelectorAll("#recent li button").length === 20`)
	if got, want := evalString(t, ctx, `document.querySelector("#recent li button").textContent`), "https://api.example.test/v1/items/0/0 (+999 more lines)"; got != want {
		t.Fatalf("first old list labelled %q, want %q", got, want)
	}
	setURLs(t, ctx, api.URL("/json/r4"))
	fetchAndWait(t, ctx)
	if stored := evalString(t, ctx, `localStorage.getItem("fanin.recent")`); !strings.HasPrefix(stored, "~fanin recent lists 2\x1e"+api.URL("/json/r4")+"\x1e") || strings.Count(stored, "\x1e") != 20 {
		t.Fatalf("after a run the history is stored as %.120q…, want the new form with the new list first and 20 lists", stored)
	}

	click(t, ctx, "#recent summary")
	click(t, ctx, "button#clear-recent")
	waitFor(t, ctx, 20*time.Second, `document.querySelector("#recent") === null && localStorage.getItem("fanin.recent") === null`)
	openPage(t, ctx, base+"/")
	if n := evalString(t, ctx, `String(document.querySelectorAll("#recent").length)`); n != "0" {
		t.Fatalf("after Forget and a reload, %s recent sections", n)
	}
}
