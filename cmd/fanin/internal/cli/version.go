package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is `fanin version` (and `fanin -version`): which fanin this is,
// the Go that built it, and whether the page is built in.
func Version(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("fanin version", "Usage: fanin version\n\nPrints fanin's version or git revision, the Go version and whether the page is built in.", stderr)
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "fanin version: unexpected arguments %q\n", rest)
		return ExitUsage
	}
	info, _ := debug.ReadBuildInfo()
	size, page := pageSize()
	fmt.Fprint(stdout, versionText(info, size, page))
	return ExitOK
}

// pageSize is the embedded app.wasm's size, and whether there is one.
func pageSize() (int64, bool) {
	files, ok := embeddedPage()
	if !ok {
		return 0, false
	}
	f, err := files.Open("app.wasm")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, false
	}
	return st.Size(), true
}

// versionText is what Version prints, from the binary's build info (nil
// when it has none).
func versionText(info *debug.BuildInfo, wasmSize int64, page bool) string {
	version, goVersion := "(devel)", runtime.Version()
	settings := map[string]string{}
	if info != nil {
		if v := info.Main.Version; v != "" {
			version = v
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "fanin:    %s\n", version)
	if rev := settings["vcs.revision"]; rev != "" {
		var notes []string
		if t := settings["vcs.time"]; t != "" {
			notes = append(notes, t)
		}
		if settings["vcs.modified"] == "true" {
			notes = append(notes, "modified")
		}
		fmt.Fprintf(&b, "revision: %s", rev)
		if len(notes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
		}
		b.WriteString("\n")
	} else {
		b.WriteString("revision: unknown (no VCS stamp: built outside a git clone, in a git worktree, or with -buildvcs=false)\n")
	}
	fmt.Fprintf(&b, "go:       %s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
	if page {
		fmt.Fprintf(&b, "page:     embedded (app.wasm, %d bytes)\n", wasmSize)
	} else {
		b.WriteString("page:     not embedded (built before `make` built the page: run make, or serve with -root DIR)\n")
	}
	return b.String()
}
