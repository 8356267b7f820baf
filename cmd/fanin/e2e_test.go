//go:build !(js && wasm)

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/app/ui"
	"fanin/app/urllist"
	"fanin/internal/conformance"
	"fanin/internal/testbrowser"
	"fanin/internal/testserver"
	"fanin/internal/testsite"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// site is a fanin site root for the end-to-end tests: web/ with the wasm
// that `make` built (rebuilt first when older than the sources), and the
// fanin binary.
var site struct {
	root, bin string
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fanin-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := 1
	if s, err := testsite.Build(context.Background(), dir, testsite.Options{Binary: true, Log: os.Stderr}); err != nil {
		fmt.Fprintln(os.Stderr, "building the site for end-to-end tests:", err)
	} else {
		site.root, site.bin = s.Root, s.Bin
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// startFanin runs `fanin serve` on a free loopback port, with any extra
// flags, and returns its URL.
func startFanin(t testing.TB, flags ...string) string {
	t.Helper()
	base, _ := startFaninCmd(t, flags...)
	return base
}

// startFaninCmd is startFanin that also returns the process, for tests
// that stop the server themselves.
func startFaninCmd(t testing.TB, flags ...string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(site.bin, append([]string{"serve", "-addr", "127.0.0.1:0", "-root", site.root}, flags...)...)
	return startServeCmd(t, cmd), cmd
}

// startServeCmd starts cmd, a `fanin serve -addr 127.0.0.1:0`, and returns
// the URL it prints; the server is stopped when the test ends.
func startServeCmd(t testing.TB, cmd *exec.Cmd) string {
	t.Helper()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("fanin serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, stdout)
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://127.0.0.1:") {
		t.Fatalf("fanin serve printed %q", line)
	}
	return strings.TrimSuffix(fields[2], "/")
}

// requestLog records every URL the page asks the network for.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func (l *requestLog) listen(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			l.mu.Lock()
			l.urls = append(l.urls, e.Request.URL)
			l.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (l *requestLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.urls)
}

func (l *requestLog) outside(prefixes ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
next:
	for _, u := range l.urls {
		for _, p := range prefixes {
			if strings.HasPrefix(u, p) {
				continue next
			}
		}
		out = append(out, u)
	}
	return out
}

// openPage loads the page and waits until the wasm has mounted it.
func openPage(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := testbrowser.OpenPage(ctx, url); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
}

// setURLs fills the URL box as a paste would: value set, input event fired.
func setURLs(t testing.TB, ctx context.Context, urls ...string) {
	t.Helper()
	text, _ := json.Marshal(strings.Join(urls, "\n"))
	js := fmt.Sprintf(`(() => { const el = document.querySelector("textarea#urls"); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, text)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatal(err)
	}
	// Wait until the page has taken the new list in, so that the layout has
	// settled before a click lands on a button by its coordinates.
	want := "No URLs yet."
	if n := urllist.Parse(strings.Join(urls, "\n")).Total(); n > 0 {
		want = fmt.Sprintf("%d URL", n)
	}
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("#url-count").textContent.startsWith(%q)`, want))); err != nil {
		t.Fatalf("the page did not take the URL list in: %v", err)
	}
}

type row struct {
	Status, Kind, Text string
}

// fetchAndWait clicks Fetch and waits for that run to finish.
func fetchAndWait(t *testing.T, tab context.Context) ([]row, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	if next, err := clickFetch(t, ctx); err != nil {
		state, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main").outerHTML.slice(0, 3000)`))
		t.Fatalf("waiting for run %d: %v\npage: %s", next, err, state)
	}
	return readRows(t, ctx), readRaw(t, ctx)
}

// clickFetch clicks Fetch and waits, as long as ctx allows, until that run
// (its number is next) shows done with its text in #result-raw.
func clickFetch(tb testing.TB, ctx context.Context) (next int, err error) {
	tb.Helper()
	next = currentRun(tb, ctx) + 1
	return next, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("button#fetch")),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="done"][data-run="%d"] #result-raw`, next))),
	)
}

// currentRun is how many runs the page has started (main[data-run]).
func currentRun(t testing.TB, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Number(document.querySelector("main").dataset.run)`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readRows(t testing.TB, ctx context.Context) []row {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]row](`Array.from(document.querySelectorAll("#rows li.row")).map(li =>
		({Status: li.dataset.status, Kind: li.dataset.kind || "", Text: li.textContent}))`))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readRaw(t testing.TB, ctx context.Context) string {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#result-raw")))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// screenshot saves the whole page as PNG into $FANIN_SCREENSHOTS (make
// screenshots points it at web/screenshots), or into the test's temp folder.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("FANIN_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if len(png) < 1000 {
		t.Fatalf("screenshot is only %d bytes", len(png))
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func cliGet(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(site.bin, append([]string{"get"}, args...)...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("fanin get: %v", err)
	}
	return string(out)
}

func TestPageEndToEnd(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	var log requestLog
	log.listen(t, ctx)
	openPage(t, ctx, base+"/")

	// The page rehearses a made-up run once it is up (app/ui/rehearsal.go),
	// so that the browser compiles a run's code before the first Fetch:
	// none of it may show, be stored or reach the network.
	t.Run("the page's rehearsal leaves no trace", func(t *testing.T) {
		waitFor(t, ctx, 20*time.Second, `performance.getEntriesByName(`+strconv.Quote(ui.RehearsedMark)+`).length > 0`)
		got := eval[string](t, ctx, `[document.querySelector("main").dataset.state, String(document.querySelector("#rows") !== null),
			String(document.body.innerText.includes("rehearsal")),
			String(Object.keys(localStorage).some(k => (localStorage.getItem(k) || "").includes("rehearsal")))].join(" | ")`)
		if got != "idle | false | false | false" {
			t.Errorf("after the rehearsal the page shows state | rows | rehearsal text | stored: %q, want %q", got, "idle | false | false | false")
		}
		for _, u := range log.outside(base) {
			if strings.Contains(u, "rehearsal") {
				t.Errorf("the rehearsal made a request: %s", u)
			}
		}
	})
	t.Run("URLs run concurrently and the combined JSON equals the CLI's, byte for byte", func(t *testing.T) {
		urls := []string{api.URL("/slow/300/a"), api.URL("/exact"), api.URL("/slow/300/b"), api.URL("/status/500"),
			api.URL("/html"), api.URL("/slow/300/c"), "ftp://not.fetched/"}
		api.ResetInFlight()
		setURLs(t, ctx, urls...)
		rows, raw := fetchAndWait(t, ctx)

		want := []row{{Status: "ok"}, {Status: "ok"}, {Status: "ok"}, {Status: "error", Kind: "http-status"},
			{Status: "error", Kind: "not-json"}, {Status: "ok"}, {Status: "error", Kind: "invalid-url"}}
		if len(rows) != len(want) {
			t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
		}
		for i, w := range want {
			if rows[i].Status != w.Status || rows[i].Kind != w.Kind {
				t.Errorf("row %d (%s): got %s/%s, want %s/%s: %s", i, urls[i], rows[i].Status, rows[i].Kind, w.Status, w.Kind, rows[i].Text)
			}
		}
		if !strings.Contains(rows[3].Text, "HTTP 500: upstream says 500") {
			t.Errorf("the failing row does not show the status and body excerpt: %q", rows[3].Text)
		}
		if got := api.MaxInFlight(); got < 3 {
			t.Errorf("the API saw at most %d requests at once, want the three slow ones overlapping", got)
		}
		if cli := cliGet(t, urls...); raw != cli {
			t.Errorf("page and CLI differ:\npage:\n%s\ncli:\n%s", raw, cli)
		}
		for _, lit := range []string{"1E400", "12345678901234567890123", "0.1000000000000000055511151231257827", "-0", "héllo 世界"} {
			if !strings.Contains(raw, lit) {
				t.Errorf("the combined JSON lost %s", lit)
			}
		}
		screenshot(t, ctx, "page.png")
	})
	t.Run("a URL without CORS headers is a cors error with the proxy hint while the others succeed", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/nocors/x"), api.URL("/json/ok"))
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 2 || rows[0].Kind != "cors" || !strings.Contains(rows[0].Text, "-proxy") || rows[1].Status != "ok" {
			t.Fatalf("got rows %+v", rows)
		}
		if !strings.HasPrefix(raw, "[\n  null,\n  {\n    \"name\": \"ok\"") {
			t.Fatalf("got %s", raw)
		}
	})
	t.Run("object and envelope modes re-encode the finished run", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/json/m"), api.URL("/status/404"))
		fetchAndWait(t, ctx)
		for mode, want := range map[string]string{
			"object":   `"` + api.URL("/json/m") + `": {`,
			"envelope": `"kind": "http-status"`,
		} {
			sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			err := chromedp.Do(sctx,
				chromedp.SetValue(chromedp.CSS("select#merge"), mode),
				chromedp.Evaluate[chromedp.Void](`document.querySelector("select#merge").dispatchEvent(new Event("change", {bubbles: true}))`),
			)
			if err == nil {
				_, err = chromedp.Run(sctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("#result-raw")?.textContent.includes(%q) === true`, want)))
			}
			cancel()
			if err != nil {
				t.Errorf("%s mode never showed %s: %v\n%s", mode, want, err, readRaw(t, ctx))
			}
		}
		chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("select#merge"), "array"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("select#merge").dispatchEvent(new Event("change", {bubbles: true}))`))
	})
	t.Run("Cancel stops a running fetch and marks the rows cancelled", func(t *testing.T) {
		setURLs(t, ctx, api.URL("/slow/20000/x"), api.URL("/slow/20000/y"))
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		next := currentRun(t, cctx) + 1
		if err := chromedp.Do(cctx,
			chromedp.Click(chromedp.CSS("button#fetch")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="running"][data-run="%d"]`, next))),
			chromedp.WaitEnabled(chromedp.CSS("button#cancel")),
		); err != nil {
			t.Fatal(err)
		}
		// While it runs, the result view is laid out already: its tabs and
		// jq filter in place, the panel saying it waits, nothing to copy.
		running := eval[string](t, cctx, `(() => {
			const p = document.querySelector("#panel-raw .result-waiting"), b = document.querySelector("#copy-all");
			return [!!document.querySelector("#result-tabs"), !!document.querySelector("input#jq"), p ? p.textContent : "", b ? b.disabled : "no button", !!document.querySelector("#result-raw")].join(" | ");
		})()`)
		if want := "true | true | Fetching… the combined JSON shows here when every URL has answered. | true | false"; running != want {
			t.Errorf("while running, the result view shows %q, want %q", running, want)
		}
		screenshot(t, cctx, "page-running.png")
		if err := chromedp.Do(cctx,
			chromedp.Click(chromedp.CSS("button#cancel")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-state="done"][data-run="%d"] #result-raw`, next))),
		); err != nil {
			t.Fatal(err)
		}
		if done := eval[bool](t, cctx, `!document.querySelector("#copy-all").disabled && !document.querySelector(".result-waiting")`); !done {
			t.Error("after the run, Copy all is still disabled or the panel still waits")
		}
		for _, r := range readRows(t, cctx) {
			if r.Kind != "cancelled" {
				t.Errorf("got row %+v, want cancelled", r)
			}
		}
	})
	t.Run("typing a URL and pressing Fetch works like pasting", func(t *testing.T) {
		setURLs(t, ctx)
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("textarea#urls"), api.URL("/json/typed"))); err != nil {
			t.Fatal(err)
		}
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 1 || rows[0].Status != "ok" || !strings.Contains(raw, `"name": "typed"`) {
			t.Fatalf("got rows %+v raw %s", rows, raw)
		}
	})
	t.Run("the page asks no other origin for anything", func(t *testing.T) {
		if log.count() == 0 {
			t.Fatal("no request was recorded: the network log is not working")
		}
		if out := log.outside(base+"/", api.URL("/"), "ftp://", "data:", "blob:"); len(out) > 0 {
			t.Fatalf("requests outside fanin and the user's URLs: %q", out)
		}
	})
}

func TestLauncher(t *testing.T) {
	base := startFanin(t)
	ctx := testbrowser.New(t)
	launcher, err := filepath.Abs(filepath.Join("..", "..", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("it forwards to the running page with the fragment", func(t *testing.T) {
		addr := strings.TrimPrefix(base, "http://")
		wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		// The launcher navigates away by itself: wait for the tab to say
		// its main frame went there (subscribed before the launcher opens).
		navigated := chromedp.Events(wctx, page.FrameNavigated)
		if err := chromedp.Do(wctx, chromedp.Navigate("file://"+launcher+"?addr="+addr+"#u=https%3A%2F%2Fa.test%2F")); err != nil {
			t.Fatal(err)
		}
		want := base + "/#u=https%3A%2F%2Fa.test%2F"
		var seen []string
		for ev, err := range navigated {
			if err != nil {
				t.Fatalf("the launcher never went to %s (the tab went to %q): %v", want, seen, err)
			}
			if ev.Frame.ParentID != "" {
				continue
			}
			if seen = append(seen, ev.Frame.URL+ev.Frame.URLFragment); seen[len(seen)-1] == want {
				break
			}
		}
		if loc, err := chromedp.Run(wctx, chromedp.Location()); err != nil || loc != want {
			t.Fatalf("the launcher went to %s (%v), want %s", loc, err, want)
		}
		openPage(t, ctx, want)
	})
	t.Run("it says how to start fanin when nothing answers", func(t *testing.T) {
		wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.Navigate("file://"+launcher+"?addr=127.0.0.1:9"),
			chromedp.WaitVisible(chromedp.CSS("#help")),
		); err != nil {
			t.Fatal(err)
		}
		text, _ := chromedp.Run(wctx, chromedp.Text(chromedp.CSS("#help")))
		if !strings.Contains(text, "make run") {
			t.Fatalf("got %q", text)
		}
	})
}

func TestPageHostileAndConformance(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")

	t.Run("hostile and oddly served responses each get their own outcome", func(t *testing.T) {
		cases := []struct{ path, kind string }{
			{"/deep/100000", "not-json"},
			{"/huge/100000000?length=no", "too-large"},
			{"/huge/100000000", "too-large"},
			{"/ndjson", "not-json"},
			{"/empty", "empty"},
			{"/bom", ""}, {"/gzip", ""}, {"/text", ""}, {"/redirect", ""}, {"/exact", ""},
		}
		var urls []string
		for _, c := range cases {
			urls = append(urls, api.URL(c.path))
		}
		setURLs(t, ctx, urls...)
		rows, raw := fetchAndWait(t, ctx)
		for i, c := range cases {
			if rows[i].Kind != c.kind {
				t.Errorf("%s: got %q (%s), want %q", c.path, rows[i].Kind, rows[i].Text, c.kind)
			}
		}
		if !strings.Contains(rows[3].Text, "NDJSON (3 values") {
			t.Errorf("the NDJSON row does not say so: %s", rows[3].Text)
		}
		if !json.Valid([]byte(raw)) {
			t.Error("the combined JSON is not valid")
		}
	})
	t.Run("a sample of JSONTestSuite comes out as the CLI prints it", func(t *testing.T) {
		dir, err := conformance.Dir(".")
		if err != nil {
			t.Fatal(err)
		}
		names, err := conformance.Files(dir)
		if err != nil {
			t.Fatal(err)
		}
		suite := conformance.Serve(dir)
		t.Cleanup(suite.Close)
		var urls, sample []string
		for i, n := range names {
			if i%5 == 0 || strings.Contains(n, "UTF-8") || strings.Contains(n, "no_data") {
				urls = append(urls, conformance.URL(suite.URL, n))
				sample = append(sample, n)
			}
		}
		setURLs(t, ctx, urls...)
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != len(sample) {
			t.Fatalf("got %d rows, want %d", len(rows), len(sample))
		}
		for i, n := range sample {
			switch {
			case strings.HasPrefix(n, "y_") && rows[i].Status != "ok":
				t.Errorf("%s: valid JSON rejected: %s", n, rows[i].Text)
			case strings.HasPrefix(n, "n_") && rows[i].Kind != "not-json" && rows[i].Kind != "empty":
				t.Errorf("%s: got %q, want not-json", n, rows[i].Kind)
			}
		}
		if cli := cliGet(t, urls...); raw != cli {
			t.Errorf("page and CLI differ on the suite sample")
		}
		t.Logf("%d suite files through the page", len(sample))
	})
	t.Run("five thousand URLs finish without freezing the page", func(t *testing.T) {
		urls := make([]string, 5000)
		for i := range urls {
			urls[i] = api.URL(fmt.Sprintf("/json/n%d", i))
		}
		setURLs(t, ctx, urls...)
		began := time.Now()
		rows, raw := fetchAndWait(t, ctx)
		t.Logf("5,000 URLs in %v", time.Since(began).Round(time.Millisecond))
		counts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`({...document.querySelector("#rows").dataset})`))
		if err != nil {
			t.Fatal(err)
		}
		if counts["total"] != "5000" || counts["ok"] != "5000" || counts["error"] != "0" || counts["pending"] != "0" {
			t.Fatalf("got counts %v, want 5000 ok", counts)
		}
		if len(rows) != 100 {
			t.Fatalf("got %d rows in the DOM, want one page of 100", len(rows))
		}
		if !strings.Contains(raw, `"name": "n4999"`) {
			t.Fatal("the last value is missing from the combined JSON")
		}
		pctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(pctx,
			chromedp.Click(chromedp.CSS("button#page-next")),
			chromedp.WaitVisible(chromedp.CSS(`#rows li.row[data-index="100"]`)),
		); err != nil {
			t.Fatalf("turning to the second page of rows: %v", err)
		}
	})
}
