package testbrowser

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	cleanPage = `<!doctype html><html lang="en"><head><title>Clean</title></head>
<body><main><h1>Clean</h1><label for="u">URLs</label><textarea id="u"></textarea><button>Fetch</button></main></body></html>`
	brokenPage = `<!doctype html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="/pic.png"><button id="nameless"></button></main></body></html>`
)

func TestAxe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The page's own policy forbids every script: Axe must still run.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'none'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := cleanPage
		if r.URL.Path == "/broken" {
			page = brokenPage
		}
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	tab := New(t)

	t.Run("a clean page has no serious violations", func(t *testing.T) {
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/clean")); err != nil {
			t.Fatal(err)
		}
		got, err := Axe(tab)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range got {
			t.Errorf("unexpected violation: %s", v)
		}
	})
	t.Run("an image without alt text and a button without a name are reported", func(t *testing.T) {
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/broken")); err != nil {
			t.Fatal(err)
		}
		got, err := Axe(tab)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]Violation{}
		for _, v := range got {
			ids[v.ID] = v
		}
		for _, want := range []string{"image-alt", "button-name"} {
			if _, ok := ids[want]; !ok {
				t.Errorf("no %s violation in %v", want, got)
			}
		}
		if v := ids["button-name"]; len(v.Nodes) != 1 || v.Nodes[0].Target != "#nameless" || !strings.Contains(v.String(), "critical") {
			t.Errorf("got %s", v)
		}
	})
	t.Run("a second run on the same page reuses the loaded axe-core", func(t *testing.T) {
		if _, err := Axe(tab); err != nil {
			t.Fatal(err)
		}
	})
}

func TestFindAxe(t *testing.T) {
	t.Parallel()
	t.Run("it is found from a folder below the repository root", func(t *testing.T) {
		t.Parallel()
		root := t.TempDir()
		want := filepath.Join(root, filepath.FromSlash(AxeScript))
		if err := os.MkdirAll(filepath.Dir(want), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(want, []byte("/* axe */"), 0o644); err != nil {
			t.Fatal(err)
		}
		below := filepath.Join(root, "app", "ui")
		if err := os.MkdirAll(below, 0o755); err != nil {
			t.Fatal(err)
		}
		got, err := findAxe(below)
		if err != nil || got != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("without node_modules the error says to run npm ci", func(t *testing.T) {
		t.Parallel()
		_, err := findAxe(t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "npm ci") {
			t.Errorf("got %v, want an error that says to run npm ci", err)
		}
	})
}
