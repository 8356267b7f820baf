//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// viewDoc holds what a hostile API might send: markup in strings, links of
// several schemes, and an exact big number.
const viewDoc = `{"html": "<img src=x onerror=\"window.pwned=1\">", "script": "<script>window.pwned=2</script>",
"link": "https://example.test/x", "js": "javascript:window.pwned=3", "big": 12345678901234567890123,
"items": [{"name": "alpha"}, {"name": "beta"}]}`

// viewAPI serves documents for the result-view tests on loopback, with
// CORS open: /doc, /id/{n} ({"id": n}) and /records/{bytes} (an array of
// records of about that size).
func viewAPI(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	serve := func(w http.ResponseWriter, body []byte) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}
	mux.HandleFunc("GET /doc", func(w http.ResponseWriter, r *http.Request) { serve(w, []byte(viewDoc)) })
	mux.HandleFunc("GET /id/{n}", func(w http.ResponseWriter, r *http.Request) {
		serve(w, []byte(`{"id": `+r.PathValue("n")+`, "name": "n`+r.PathValue("n")+`"}`))
	})
	mux.HandleFunc("GET /records/{bytes}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("bytes"))
		serve(w, testserver.Records(n))
	})
	s := httptest.NewUnstartedServer(mux)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Listener = ln
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// evalAwait is eval of an expression that gives a promise, awaited.
func evalAwait[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JS condition for up to d.
func waitFor(t *testing.T, ctx context.Context, d time.Duration, js string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](js)); err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
}

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// enter types text into an input as a paste would, then presses Enter.
func enter(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	q, _ := json.Marshal(text)
	s, _ := json.Marshal(sel)
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true})); return true })()`, s, q))
}

const treeRows = `document.querySelectorAll("#tree .tree-row:not(.more)").length`

func TestViewEndToEnd(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	docs := viewAPI(t)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")
	for _, origin := range []string{base, docs.URL} {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: origin,
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The clipboard wants a focused document; with a second tab for reading
	// it, both pretend to keep the focus.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	setURLs(t, ctx, docs.URL+"/doc", api.URL("/json/b"), api.URL("/status/500"))
	_, raw := fetchAndWait(t, ctx)

	t.Run("the tree shows one node per URL with its status, and expands and collapses", func(t *testing.T) {
		click(t, ctx, "#tab-tree")
		waitFor(t, ctx, 20*time.Second, treeRows+` === 4`)
		labels := eval[string](t, ctx, `Array.from(document.querySelectorAll("#tree .url-label")).map(e => e.textContent).join("|")`)
		if !strings.Contains(labels, docs.URL+"/doc · HTTP 200") || !strings.Contains(labels, "HTTP 500") {
			t.Fatalf("got labels %s", labels)
		}
		click(t, ctx, `#tree .tree-row[data-id="1"] .twisty`)
		waitFor(t, ctx, 10*time.Second, treeRows+` === 10`)
		click(t, ctx, `#tree .tree-row[data-id="1"] .twisty`)
		waitFor(t, ctx, 10*time.Second, treeRows+` === 4`)
		click(t, ctx, "#expand-all")
		waitFor(t, ctx, 10*time.Second, treeRows+` === 16`)
		click(t, ctx, "#collapse-all")
		waitFor(t, ctx, 10*time.Second, treeRows+` === 4`)
	})
	t.Run("hostile strings are text and only http(s) strings are links", func(t *testing.T) {
		click(t, ctx, `#tree .tree-row[data-id="1"] .twisty`)
		waitFor(t, ctx, 10*time.Second, treeRows+` === 10`)
		text := eval[string](t, ctx, `document.querySelector("#tree").textContent`)
		for _, s := range []string{`<img src=x onerror="window.pwned=1">`, `<script>window.pwned=2</script>`, "12345678901234567890123"} {
			if !strings.Contains(text, s) {
				t.Errorf("the tree does not show %s as text", s)
			}
		}
		if eval[bool](t, ctx, `window.pwned !== undefined || document.querySelector("#tree img, #tree script") !== null`) {
			t.Fatal("a string value became markup")
		}
		links := eval[string](t, ctx, `Array.from(document.querySelectorAll("#tree a")).map(a => a.href + " " + a.rel + " " + a.target).join("|")`)
		if links != "https://example.test/x noopener noreferrer _blank" {
			t.Fatalf("got links %q", links)
		}
	})
	t.Run("search finds keys and values, next and previous, and shows the path", func(t *testing.T) {
		click(t, ctx, "#collapse-all")
		enter(t, ctx, "#search", "name")
		waitFor(t, ctx, 10*time.Second, `document.querySelector("#tree-path").textContent === ".[0].items[0].name"`)
		click(t, ctx, "#search-next")
		waitFor(t, ctx, 10*time.Second, `document.querySelector("#tree-path").textContent === ".[0].items[1].name"`)
		click(t, ctx, "#search-prev")
		waitFor(t, ctx, 10*time.Second, `document.querySelector("#tree-path").textContent === ".[0].items[0].name"`)
		if n := eval[int](t, ctx, `document.querySelectorAll("#tree .tree-row.hit").length`); n < 2 {
			t.Fatalf("got %d highlighted rows", n)
		}
	})
	t.Run("copy puts the path, the value and the whole result on the clipboard", func(t *testing.T) {
		// each copy says so in its own words, so a wait cannot see an old one
		clip := func(what string) string {
			status := `document.querySelector("#tree-status").textContent + "|" + document.querySelector("#result-status").textContent`
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			if _, err := chromedp.Run(wctx, chromedp.Poll[bool](fmt.Sprintf(`(%s).includes(%q)`, status, what+" copied."))); err != nil {
				t.Fatalf("%s was not copied: %v (%s)", what, err, eval[string](t, ctx, status))
			}
			return readClipboard(t, ctx, docs.URL)
		}
		click(t, ctx, "#copy-path")
		if got := clip("Path"); got != ".[0].items[0].name" {
			t.Errorf("copied path %q", got)
		}
		click(t, ctx, "#copy-value")
		if got := clip("Value"); got != `"alpha"` {
			t.Errorf("copied value %q", got)
		}
		click(t, ctx, "#copy-all")
		if got := clip("Result"); got != raw {
			t.Errorf("copied %d bytes, want the %d of #result-raw", len(got), len(raw))
		}
	})
	t.Run("jq runs over the result and shows errors inline", func(t *testing.T) {
		enter(t, ctx, "#jq", `.[0].items | map(.name)`)
		waitFor(t, ctx, 20*time.Second, `(document.querySelector("#jq-output") || {}).textContent === '[\n  "alpha",\n  "beta"\n]\n'`)
		enter(t, ctx, "#jq", `.[] | {`)
		waitFor(t, ctx, 10*time.Second, `/column/.test((document.querySelector("#jq-error") || {}).textContent)`)
		if eval[bool](t, ctx, `document.querySelector("#jq-output") !== null`) {
			t.Error("the old output stayed beside the error")
		}
		enter(t, ctx, "#jq", `last(range(1e12))`)
		waitFor(t, ctx, 10*time.Second, `document.querySelector("#jq-cancel") !== null`)
		click(t, ctx, "#jq-cancel")
		waitFor(t, ctx, 10*time.Second, `document.querySelector("#jq-status").textContent === "Cancelled."`)
	})
	t.Run("compare evaluates one path against every response", func(t *testing.T) {
		click(t, ctx, "#tab-compare")
		enter(t, ctx, "#compare-path", ".name")
		waitFor(t, ctx, 20*time.Second, `document.querySelectorAll("#compare-table tr.compare-row").length === 3`)
		got := eval[string](t, ctx, `Array.from(document.querySelectorAll("#compare-table tr.compare-row")).map(r => r.dataset.status + " " + r.querySelector(".val").textContent).join("|")`)
		if got != `jq-error jq: expected an object but got: null|ok "b"|error no value: http-status` && !strings.HasPrefix(got, "ok null|ok \"b\"|error") {
			t.Fatalf("got %s", got)
		}
		// the run's own status, not "Cancelled." (its context ends after it)
		waitFor(t, ctx, 10*time.Second, `/against 3 responses in [0-9.]+ s\./.test(document.querySelector("#compare-status").textContent)`)
		// a path that does not compile comes back from the worker as one
		// error, with where, and no rows of empty values
		enter(t, ctx, "#compare-path", ".name |")
		waitFor(t, ctx, 20*time.Second, `/column/.test((document.querySelector("#compare-error") || {}).textContent)`)
		if n := eval[int](t, ctx, `document.querySelectorAll("#compare-table tr.compare-row").length`); n != 0 {
			t.Fatalf("a path that does not compile left %d rows", n)
		}
	})
	t.Run("downloads save exactly the raw view and one NDJSON line per URL", func(t *testing.T) {
		dir := allowDownloads(t, ctx)
		name, body := download(t, ctx, dir, "#download-json")
		if string(body) != raw {
			t.Errorf("downloaded %d bytes that differ from the %d of #result-raw", len(body), len(raw))
		}
		wantDated(t, name, ".json")
		name, body = download(t, ctx, dir, "#download-ndjson")
		wantDated(t, name, ".ndjson")
		got := string(body)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(lines) != 3 || !strings.Contains(lines[0], `"big":12345678901234567890123`) || !strings.HasPrefix(lines[1], `{"name":"b",`) || lines[2] != "null" {
			t.Errorf("got NDJSON %q", got)
		}
	})
}

// readClipboard reads the clipboard from a tab on origin: fanin's own
// pages may write the clipboard but not read it (Permissions-Policy).
func readClipboard(t *testing.T, ctx context.Context, origin string) string {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate(origin+"/doc")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	v, err := chromedp.Run(tab, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// download clicks sel and waits for the browser to report the download
// it starts complete; it returns the file's name and bytes in dir.
// allowDownloads lets the browser save downloads, with events, into a
// fresh folder, which it returns.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	on := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &on,
	}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func download(t *testing.T, ctx context.Context, dir, sel string) (string, []byte) {
	t.Helper()
	// A hang guard: the browser reports every download finished or cancelled.
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	begun := chromedp.BrowserEvents(dctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(dctx, browser.DownloadProgress)
	click(t, ctx, sel)
	var name, guid string
	for ev, err := range begun {
		if err != nil {
			t.Fatalf("clicking %s started no download: %v", sel, err)
		}
		name, guid = ev.SuggestedFilename, ev.GUID
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the download of %s never finished: %v", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("the browser finished %s, but: %v", name, err)
			}
			return name, b
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("the browser cancelled the download of %s", name)
		}
	}
	t.Fatalf("the browser stopped reporting on the download of %s", name)
	return "", nil
}

// wantDated checks a download's name: fanin-DATE.EXT, the date today's (or
// yesterday's, for a run across midnight).
func wantDated(t *testing.T, name, ext string) {
	t.Helper()
	day, ok := strings.CutSuffix(strings.TrimPrefix(name, "fanin-"), ext)
	d, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if now := time.Now(); !ok || !strings.HasPrefix(name, "fanin-") || err != nil || d.After(now) || now.Sub(d) > 48*time.Hour {
		t.Errorf("the download is named %q, want fanin-YYYY-MM-DD%s with today's date", name, ext)
	}
}

// TestViewBigResult runs a result too big for the Raw tab to open first
// (3 MB in two responses): the tree comes first, the Raw text is exactly
// what `fanin get` prints, and expand all, jq (in its worker, cancelled and
// run again) and search work on it. Speed is `make bench`'s business.
func TestViewBigResult(t *testing.T) {
	docs := viewAPI(t)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")
	const part = 3 << 19
	urls := []string{fmt.Sprintf("%s/records/%d?part=0", docs.URL, part), fmt.Sprintf("%s/records/%d?part=1", docs.URL, part)}
	setURLs(t, ctx, urls...)
	next := currentRun(t, ctx) + 1
	click(t, ctx, "button#fetch")
	waitFor(t, ctx, 60*time.Second, fmt.Sprintf(`document.querySelector('main[data-state="done"][data-run="%d"]') !== null`, next))

	t.Run("the tree comes first, one node per URL", func(t *testing.T) {
		waitFor(t, ctx, 60*time.Second, `document.querySelector("#tree .tree-row") !== null`)
		if eval[string](t, ctx, `document.querySelector("#tab-tree").getAttribute("aria-selected")`) != "true" {
			t.Fatal("a 3 MB result did not open on the tree")
		}
		labels := eval[string](t, ctx, `document.querySelector("#tree").textContent`)
		for _, u := range urls {
			if !strings.Contains(labels, u) {
				t.Errorf("the tree does not name %s", u)
			}
		}
	})
	t.Run("the raw text is what fanin get prints, in blocks", func(t *testing.T) {
		click(t, ctx, "#tab-raw")
		waitFor(t, ctx, 60*time.Second, `document.querySelector("#result-raw") !== null`)
		raw := readRaw(t, ctx)
		if want := cliGet(t, urls...); raw != want {
			t.Fatalf("raw text (%d bytes) differs from fanin get's (%d bytes)", len(raw), len(want))
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#result-raw .raw-block").length`); n < 10 {
			t.Errorf("%d blocks of raw text, want one per %d lines", n, 500)
		}
		click(t, ctx, "#tab-tree")
	})
	t.Run("expand all opens rows, a window of them in the DOM", func(t *testing.T) {
		click(t, ctx, "#expand-all")
		waitFor(t, ctx, 60*time.Second, `/rows open|Opened the first/.test(document.querySelector("#tree-status").textContent)`)
		if n := eval[int](t, ctx, treeRows); n == 0 || n > 200 {
			t.Errorf("%d rows in the DOM, want a window of them", n)
		}
	})
	t.Run("jq runs in its worker, is cancelled, and runs again", func(t *testing.T) {
		enter(t, ctx, "#jq", `[range(1e12)] | length`)
		waitFor(t, ctx, 20*time.Second, `document.querySelector("#jq-cancel") !== null`)
		// the worker's progress shows while the filter runs
		waitFor(t, ctx, 60*time.Second, `/^ running \d+%$/.test(document.querySelector("#jq-progress")?.textContent ?? "")`)
		click(t, ctx, "#jq-cancel")
		waitFor(t, ctx, 20*time.Second, `document.querySelector("#jq-status").textContent === "Cancelled."`)

		ids := 2 * bytes.Count(testserver.Records(part), []byte(`"id":`))
		enter(t, ctx, "#jq", `.[] | .[] | .id`)
		waitFor(t, ctx, 120*time.Second, `/output in/.test(document.querySelector("#jq-status").textContent)`)
		status := eval[string](t, ctx, `document.querySelector("#jq-status").textContent`)
		var lines int
		if _, err := fmt.Sscanf(status[strings.Index(status, "Showing"):], "Showing the first 2000 of %d lines", &lines); err != nil || lines != ids {
			t.Fatalf("status %q, want all %d ids counted", status, ids)
		}
		if !strings.HasSuffix(status, "Answered without decoding.") {
			t.Errorf("status %q: a path filter not answered from the index", status)
		}
		if out := eval[string](t, ctx, `document.querySelector("#jq-output").textContent`); !strings.HasPrefix(out, "0\n1\n2\n") {
			t.Errorf("jq output starts %q", out[:min(len(out), 20)])
		}
		screenshot(t, ctx, "page-big.png")
	})
	t.Run("a search through everything ends", func(t *testing.T) {
		click(t, ctx, "#collapse-all")
		enter(t, ctx, "#search", "no such thing anywhere")
		waitFor(t, ctx, 60*time.Second, `/No match/.test(document.querySelector("#tree-status").textContent)`)
	})
}
