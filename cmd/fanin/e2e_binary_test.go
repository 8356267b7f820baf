//go:build !(js && wasm)

package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/internal/testbrowser"
	"fanin/internal/testserver"

	"github.com/chromedp/chromedp"
)

// builtBinary is bin/fanin as `make` built it (with the page embedded),
// copied alone into an empty folder: nothing next to it to serve from.
func builtBinary(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "bin", "fanin")
	info, err := os.Stat(src)
	if err != nil {
		t.Fatalf("bin/fanin is missing (%v): run make, which builds it with the page inside", err)
	}
	for _, input := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz"} {
		if in, err := os.Stat(filepath.Join("..", "..", "web", input)); err != nil || in.ModTime().After(info.ModTime()) {
			t.Fatalf("bin/fanin is older than web/%s (or it is missing): run make", input)
		}
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "fanin")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestBinaryAlone(t *testing.T) {
	bin := builtBinary(t)
	dir := filepath.Dir(bin)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the binary's folder holds %d entries, want it alone", len(entries))
	}
	api := testserver.Start()
	t.Cleanup(api.Close)
	serve := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	serve.Dir = dir
	base := startServeCmd(t, serve)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")

	t.Run("the page it carries runs a fetch, and prints what its own fanin get prints", func(t *testing.T) {
		urls := []string{api.URL("/json/alone"), api.URL("/status/500"), api.URL("/exact")}
		setURLs(t, ctx, urls...)
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 3 || rows[0].Status != "ok" || rows[1].Kind != "http-status" || rows[2].Status != "ok" {
			t.Fatalf("got rows %+v", rows)
		}
		get := exec.Command(bin, append([]string{"get"}, urls...)...)
		get.Dir = dir
		cli, _ := get.Output()
		if raw != string(cli) {
			t.Errorf("page and CLI differ:\npage:\n%s\ncli:\n%s", raw, cli)
		}
	})
	t.Run("the wasm goes out precompressed from the embedded copies", func(t *testing.T) {
		resp, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		version := regexp.MustCompile(`/web/([0-9a-f]{16})/`).FindSubmatch(page)
		if version == nil {
			t.Fatalf("no /web/VERSION/ in the page:\n%.1000s", page)
		}
		req, _ := http.NewRequest(http.MethodGet, base+"/web/"+string(version[1])+"/app.wasm", nil)
		req.Header.Set("Accept-Encoding", "br")
		resp, err = http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		br, _ := os.Stat(filepath.Join("..", "..", "web", "app.wasm.br"))
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "br" || br == nil || n != br.Size() {
			t.Fatalf("got %d, %q, %d bytes; want 200, br, web/app.wasm.br's bytes", resp.StatusCode, resp.Header.Get("Content-Encoding"), n)
		}
	})
}

func TestBinaryVersion(t *testing.T) {
	bin := builtBinary(t)
	cmd := exec.Command(bin, "version")
	cmd.Dir = filepath.Dir(bin)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fanin version: %v", err)
	}
	text := string(out)
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fanin:    ", "\ngo:       " + strings.TrimSpace(string(goVersion)) + " ", "\npage:     embedded (app.wasm, "} {
		if !strings.Contains(text, want) {
			t.Errorf("fanin version lacks %q:\n%s", want, text)
		}
	}
	// The go command stamps the git revision when it builds in a git clone,
	// which it recognises by a .git folder: a git worktree (.git is a file)
	// or a tarball gets none.
	wantRevision := "revision: unknown"
	if info, err := os.Stat(filepath.Join("..", "..", ".git")); err == nil && info.IsDir() {
		head, err := exec.Command("git", "rev-parse", "HEAD").Output()
		if err != nil {
			t.Fatal(err)
		}
		wantRevision = "revision: " + strings.TrimSpace(string(head))
	}
	if !strings.Contains(text, "\n"+wantRevision) {
		t.Errorf("fanin version lacks %q:\n%s", wantRevision, text)
	}
	for _, flag := range []string{"-version", "--version"} {
		cmd := exec.Command(bin, flag)
		if again, err := cmd.Output(); err != nil || string(again) != text {
			t.Errorf("fanin %s: got %q (%v), want what fanin version prints", flag, again, err)
		}
	}
}

// wasmGate serves the page through a proxy that holds every request for
// the wasm until the test opens the gate: the page stays as pre-rendered.
type wasmGate struct {
	held     chan struct{} // receives once a wasm request waits
	open     chan struct{} // closed to let them through
	openOnce sync.Once
}

func newWasmGate(t *testing.T, target string) (*wasmGate, string) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	g := &wasmGate{held: make(chan struct{}, 1), open: make(chan struct{})}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "app.wasm") {
			select {
			case g.held <- struct{}{}:
			default:
			}
			select {
			case <-g.open:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(g.release)
	return g, srv.URL
}

func (g *wasmGate) release() { g.openOnce.Do(func() { close(g.open) }) }

func TestEarlyInput(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	gate, base := newWasmGate(t, startFanin(t))
	ctx := testbrowser.New(t)
	wctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	typed := api.URL("/json/early")

	if err := chromedp.Do(wctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("textarea#urls")),
	); err != nil {
		t.Fatalf("loading the pre-rendered page: %v", err)
	}
	select {
	case <-gate.held:
	case <-wctx.Done():
		t.Fatal("the page never asked for its wasm")
	}
	t.Run("before the wasm mounts, Fetch is disabled and says Loading…", func(t *testing.T) {
		if err := chromedp.Do(wctx, chromedp.SendKeys(chromedp.CSS("textarea#urls"), typed)); err != nil {
			t.Fatal(err)
		}
		state, err := chromedp.Run(wctx, chromedp.Evaluate[map[string]any](`(() => { const b = document.querySelector("button#fetch");
			return {ready: document.querySelector("main").dataset.ready || "", disabled: b.disabled, label: b.textContent,
				box: document.querySelector("textarea#urls").value} })()`))
		if err != nil {
			t.Fatal(err)
		}
		if state["ready"] == "true" || state["disabled"] != true || state["label"] != "Loading…" || state["box"] != typed {
			t.Fatalf("before mount: got %v, want not ready, Fetch disabled reading Loading…, the box holding %q", state, typed)
		}
	})
	gate.release()
	t.Run("once mounted, the typed text is kept and Fetch runs it", func(t *testing.T) {
		if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(`main[data-ready="true"]`))); err != nil {
			t.Fatalf("the page did not mount: %v", err)
		}
		box, err := chromedp.Run(wctx, chromedp.Evaluate[string](`document.querySelector("textarea#urls").value`))
		if err != nil || box != typed {
			t.Fatalf("after mount the box holds %q (%v), want %q", box, err, typed)
		}
		if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`document.querySelector("#url-count").textContent.startsWith("1 URL")`)); err != nil {
			t.Fatalf("the page did not take the typed list in: %v", err)
		}
		label, _ := chromedp.Run(wctx, chromedp.TextContent(chromedp.CSS("button#fetch")))
		if label != "Fetch" {
			t.Fatalf("the button reads %q once ready, want Fetch", label)
		}
		rows, raw := fetchAndWait(t, ctx)
		if len(rows) != 1 || rows[0].Status != "ok" || !strings.Contains(raw, `"name": "early"`) {
			t.Fatalf("got rows %+v raw %s", rows, raw)
		}
	})
}
