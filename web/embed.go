// Package web is fanin's page as files — styles, icons, the jq worker's
// script and, once `make` has built them, app.wasm (the page) and jq.wasm
// (its jq worker) with their .br and .gz copies — embedded into the native
// fanin binary, so that `fanin serve` and `fanin export` work from any
// folder. The screenshots (a folder) stay out.
//
// A go:embed pattern must match at least one file, and app.wasm exists only
// after `make web/app.wasm`: the pattern below takes every top-level file
// with a dot in its name, which always matches the styles and icons, so a
// plain `go build ./cmd/fanin` on a fresh checkout still compiles — into a
// fanin without the page, which Page reports. This file and its test are
// matched too (a few KB); the site's scan never serves Go sources.
package web

import (
	"embed"
	"io/fs"
)

//go:embed *.*
var files embed.FS

// WasmName is the built page inside Files.
const WasmName = "app.wasm"

// Files is the embedded copy of web/.
func Files() fs.FS { return files }

// Page reports whether the page was built when this binary was (web/app.wasm
// was there to embed), and its size.
func Page() (size int64, ok bool) {
	info, err := fs.Stat(files, WasmName)
	if err != nil {
		return 0, false
	}
	return info.Size(), true
}
