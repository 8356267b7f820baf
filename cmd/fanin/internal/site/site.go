// Package site configures go-app's handler for fanin's page: names, local
// icons and styles (the page asks nothing of any other origin), the wasm's
// size for the loading bar, and a version taken from the wasm's content so
// that browsers and the service worker update exactly when the page does.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WasmPath is where the built page lives, relative to the site root.
const WasmPath = "web/app.wasm"

// Handler returns the page's handler for a site root: the folder holding
// web/ (with web/app.wasm built). The files under web/ are served by
// WebFiles.
func Handler(root string) (*app.Handler, error) {
	wasm := filepath.Join(root, WasmPath)
	version, size, err := fingerprint(wasm)
	if err != nil {
		return nil, fmt.Errorf("%w (run `make web/app.wasm`): %w", errNotBuilt, err)
	}
	resources, err := NewWebFiles(root)
	if err != nil {
		return nil, err
	}
	return &app.Handler{
		Name:            "fanin",
		ShortName:       "fanin",
		Title:           "fanin — JSON from many URLs, one document",
		Description:     "Fetch JSON from many URLs at once, in your browser, and see it as one document.",
		Author:          "fanin",
		Keywords:        []string{"json", "fetch", "aggregate", "api", "concurrent"},
		Lang:            "en",
		LoadingLabel:    "Loading fanin… {progress}%",
		BackgroundColor: "#0f172a",
		ThemeColor:      "#0f172a",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-192.png",
		},
		Styles:            []string{"/web/fanin.css"},
		Resources:         resources,
		Version:           version,
		WasmContentLength: strconv.FormatInt(size, 10),
	}, nil
}

func fingerprint(path string) (version string, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	size, err = io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], size, nil
}
