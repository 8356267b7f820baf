package cli

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exportSite runs `fanin export` on root and returns the folder written.
func exportSite(t testing.TB, root, base string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	args := []string{"export", "-root", root}
	if base != "" {
		args = append(args, "-base", base)
	}
	got := fanin(t.(*testing.T), "", append(args, dir)...)
	if got.code != ExitOK {
		t.Fatalf("fanin %q: %+v", args, got)
	}
	return dir
}

// staticServer serves dir the way a plain static host does, at base.
func staticServer(t testing.TB, dir, base string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	prefix := strings.TrimSuffix(base, "/")
	mux.Handle(base, http.StripPrefix(prefix, http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestExport(t *testing.T) {
	t.Parallel()
	root := siteRoot(t)
	os.Remove(filepath.Join(root, "web", "link.txt"))
	os.Remove(filepath.Join(root, "web", "rel-link.txt"))
	for _, base := range []string{"/", "/fanin/"} {
		t.Run("served by a plain file server at "+base, func(t *testing.T) {
			t.Parallel()
			dir := exportSite(t, root, base)
			matches, _ := filepath.Glob(filepath.Join(dir, "web", "*", "app.wasm"))
			if len(matches) != 1 {
				t.Fatalf("export wrote %d web/VERSION/app.wasm", len(matches))
			}
			version := filepath.Base(filepath.Dir(matches[0]))
			for _, name := range []string{"index.html", "app-worker.js", "manifest.webmanifest", "_headers",
				"web/" + version + "/app.js", "web/" + version + "/wasm_exec.js", "web/" + version + "/app.css",
				"web/" + version + "/app.js.br", "web/" + version + "/fanin.css", "web/" + version + "/icon.svg", "web/" + version + "/jqworker.js", "web/" + version + "/jq.wasm"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					t.Errorf("export lacks %s: %v", name, err)
				}
			}
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && (strings.HasPrefix(d.Name(), ".") || d.Type()&os.ModeSymlink != 0) {
					t.Errorf("export wrote %s", p)
				}
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(p)
					for _, s := range []string{secretOutside, secretDotfile, secretGit} {
						if strings.Contains(string(b), s) {
							t.Errorf("%s holds %s", p, s)
						}
					}
				}
				return nil
			})

			srv := staticServer(t, dir, base)
			get := func(p string) (int, string) {
				resp, err := http.Get(srv.URL + p)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			code, page := get(base)
			if code != 200 || !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval';`) {
				t.Fatalf("GET %s: %d; the page lacks its policy", base, code)
			}
			// Every URL the page, its script and its worker name must be there.
			_, appJS := get(base + "web/" + version + "/app.js")
			_, worker := get(base + "app-worker.js")
			_, manifest := get(base + "manifest.webmanifest")
			urls := map[string]bool{}
			for _, m := range regexp.MustCompile(`(?:src|href)="(/[^"]*)"`).FindAllStringSubmatch(page, -1) {
				urls[m[1]] = true
			}
			for _, m := range regexp.MustCompile(`"(/[^"]*)"`).FindAllStringSubmatch(regexp.MustCompile(`resourcesToCache = .*`).FindString(worker)+manifest, -1) {
				urls[m[1]] = true
			}
			for _, m := range regexp.MustCompile(`(?:fetchWithProgress|register)\(\s*"([^"]+)"`).FindAllStringSubmatch(appJS, -1) {
				urls[m[1]] = true
			}
			for _, want := range []string{base + "web/" + version + "/app.wasm", base + "app-worker.js", base, base + "manifest.webmanifest"} {
				if !urls[want] {
					t.Errorf("nothing names %s", want)
				}
			}
			for u := range urls {
				if !strings.HasPrefix(u, base) {
					t.Errorf("%s is outside %s", u, base)
					continue
				}
				if code, _ := get(u); code != 200 {
					t.Errorf("GET %s: %d", u, code)
				}
			}
			if !strings.Contains(appJS, `"GOAPP_ROOT_PREFIX":"`+base+`"`) {
				t.Errorf("app.js's root prefix is not %s", base)
			}
			headers, _ := os.ReadFile(filepath.Join(dir, "_headers"))
			if !strings.Contains(string(headers), base+"web/"+version+"/*\n  Cache-Control: public, max-age=31536000, immutable") {
				t.Errorf("_headers:\n%s", headers)
			}
		})
	}
	t.Run("a bad base is a usage error", func(t *testing.T) {
		if got := fanin(t, "", "export", "-root", root, "-base", "/../x/", t.TempDir()); got.code != ExitUsage {
			t.Errorf("got %+v", got)
		}
		if got := fanin(t, "", "export", "-root", root); got.code != ExitUsage {
			t.Errorf("no DIR: got %+v", got)
		}
	})
}
