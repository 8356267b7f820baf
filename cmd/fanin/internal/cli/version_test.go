package cli

import (
	"io/fs"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
)

// withPage makes the binary's embedded page files for one (not parallel)
// test; nil files: a binary built without the page.
func withPage(t *testing.T, files fs.FS) {
	t.Helper()
	saved := embeddedPage
	embeddedPage = func() (fs.FS, bool) {
		if files == nil {
			return nil, false
		}
		_, err := fs.Stat(files, "app.wasm")
		return files, err == nil
	}
	t.Cleanup(func() { embeddedPage = saved })
}

func TestVersion(t *testing.T) {
	t.Run("it names the git revision, its time and a modified tree", func(t *testing.T) {
		info := &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Path: "fanin", Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef"},
				{Key: "vcs.time", Value: "2026-12-01T09:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
		got := versionText(info, 11_000_000, true)
		want := "fanin:    (devel)\nrevision: 0123456789abcdef (2026-12-01T09:00:00Z, modified)\ngo:       go1.99.1 " +
			runtime.GOOS + "/" + runtime.GOARCH + "\npage:     embedded (app.wasm, 11000000 bytes)\n"
		if got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a module version is shown as such; no VCS stamp and no page are said plainly", func(t *testing.T) {
		got := versionText(&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, 0, false)
		for _, want := range []string{"fanin:    v1.2.3\n", "revision: unknown (no VCS stamp", "go:       " + runtime.Version(), "page:     not embedded"} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %q from\n%s", want, got)
			}
		}
		if strings.Contains(versionText(nil, 0, false), "fanin:    (devel)\n") == false {
			t.Error("no build info should read as a development build")
		}
	})
	t.Run("fanin version, -version and --version print the same, with this Go and the page's state", func(t *testing.T) {
		withPage(t, fstest.MapFS{"app.wasm": {Data: []byte("\x00asm 12 bytes")}})
		first := fanin(t, "", "version")
		if first.code != ExitOK || first.stderr != "" {
			t.Fatalf("got %+v", first)
		}
		for _, want := range []string{"fanin:    ", "\nrevision: ", "\ngo:       " + runtime.Version() + " ", "\npage:     embedded (app.wasm, 13 bytes)\n"} {
			if !strings.Contains(first.stdout, want) {
				t.Errorf("missing %q from\n%s", want, first.stdout)
			}
		}
		for _, arg := range []string{"-version", "--version"} {
			if got := fanin(t, "", arg); got != first {
				t.Errorf("fanin %s: got %+v, want %+v", arg, got, first)
			}
		}
		withPage(t, nil)
		if got := fanin(t, "", "version"); !strings.Contains(got.stdout, "page:     not embedded") {
			t.Errorf("without the page: got %+v", got)
		}
		if got := fanin(t, "", "version", "extra"); got.code != ExitUsage {
			t.Errorf("fanin version extra: got %+v, want exit 2", got)
		}
	})
}
