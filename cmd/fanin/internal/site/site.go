// Package site is fanin's page as HTTP: go-app's handler configured for it
// (names, local icons and styles — the page asks nothing of any other
// origin), the files under web/ served safely and for keeps, and the
// security headers every response carries.
//
// Every asset is served at /web/VERSION/NAME, VERSION being a hash of all
// of web/, with a year of immutable caching; the page, app-worker.js and the
// manifest are revalidated on each use (no-cache, ETag, 304). app.wasm goes
// out precompressed (brotli, else gzip, else as is) from the .br and .gz
// copies the build writes next to it, checked at start to hold exactly its
// bytes. The same layout is written by WriteStatic for static hosts.
package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fanin/app/jqwork"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WasmPath is where the built page lives, relative to the site root.
const WasmPath = "web/app.wasm"

// Config says where the site's files are and where it is published.
type Config struct {
	// Files are the files of web/ (with app.wasm built), such as the copy
	// embedded in the binary. When nil, Root/web is opened on disk.
	Files fs.FS
	// Root is the folder holding web/ (with web/app.wasm built); it is
	// used only when Files is nil.
	Root string
	// Base is the URL path the site lives under: "/" (or "") for a host's
	// root, "/fanin/" for a project page.
	Base string
	// Logger gets warnings (stale precompressed copies, files changed
	// under a running server). Nil discards them.
	Logger *slog.Logger
}

// Site serves fanin's page. Build it with New.
type Site struct {
	app     *app.Handler
	files   fs.FS    // web/'s files: embedded, or through root
	root    *os.Root // web/ on disk, when the files are there; nil when embedded
	catalog *catalog
	gen     map[string]*generated // go-app's versioned files, by name under web/VERSION/
	// manifest is go-app's, with its scope narrowed to the base: go-app
	// writes "/", which under a sub-path would claim the whole origin.
	manifest *generated
	base     string
	log      *slog.Logger
}

// New scans ROOT/web and configures the page.
func New(cfg Config) (*Site, error) {
	base, err := CleanBase(cfg.Base)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Site{base: base, log: log}
	where := "the embedded page"
	if s.files = cfg.Files; s.files == nil {
		where = filepath.Join(cfg.Root, "web")
		if s.root, err = os.OpenRoot(where); err != nil {
			return nil, fmt.Errorf("%w (run `make web/app.wasm`): %w", errNotBuilt, err)
		}
		s.files = s.root.FS()
	}
	if s.catalog, err = scan(s.files); err != nil {
		s.Close()
		return nil, err
	}
	wasm, ok := s.catalog.assets["app.wasm"]
	if !ok {
		s.Close()
		return nil, fmt.Errorf("%w (run `make web/app.wasm`): %s has no app.wasm", errNotBuilt, where)
	}
	if _, ok := s.catalog.assets[jqwork.WasmName]; !ok {
		s.Close()
		return nil, fmt.Errorf("%w (run `make web/jq.wasm`): %s has no %s, the page's jq worker", errNotBuilt, where, jqwork.WasmName)
	}
	for _, name := range s.catalog.stale {
		log.Warn("ignoring a precompressed copy that does not match its file (run `make`)", "file", "web/"+name)
	}
	if len(wasm.variants) == 0 {
		log.Warn("web/app.wasm has no precompressed copy: it goes out uncompressed (run `make`)")
	}
	if s.app, err = s.newAppHandler(wasm.size); err != nil {
		s.Close()
		return nil, err
	}
	if s.gen, err = capture(s.app); err != nil {
		s.Close()
		return nil, err
	}
	if s.manifest, err = scopedManifest(s.app, base); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Site) newAppHandler(wasmSize int64) (*app.Handler, error) {
	worker, err := serviceWorker()
	if err != nil {
		return nil, err
	}
	res := resolver{base: s.base, version: s.catalog.version}
	return &app.Handler{
		ServiceWorkerTemplate: worker,
		Name:                  "fanin",
		ShortName:             "fanin",
		Title:                 "fanin — JSON from many URLs, one document",
		Description:           "Fetch JSON from many URLs at once, in your browser, and see it as one document.",
		Author:                "fanin",
		Keywords:              []string{"json", "fetch", "aggregate", "api", "concurrent"},
		Lang:                  "en",
		LoadingLabel:          "Loading fanin… {progress}%",
		BackgroundColor:       "#0f172a",
		ThemeColor:            "#0f172a",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-192.png",
		},
		Styles: []string{"/web/fanin.css"},
		// Not deferred: it runs before the page's own scripts, and a framed
		// page shows only its refusal.
		Scripts:            s.pageScripts(),
		CacheableResources: s.workerScripts(),
		// The head ends with the wasm's preload, so that its download
		// starts with the HTML, not once app.js runs after the parse
		// (see appjs.go).
		RawHeaders: []string{wasmPreload(res.Resolve("/" + WasmPath))},
		Resources:  res,
		Version:    s.catalog.version,
		// go-app's loader counts the bytes it reads from the response body,
		// which the browser has already decompressed: the bar's total is
		// the uncompressed size whichever encoding is sent.
		WasmContentLength: strconv.FormatInt(wasmSize, 10),
	}, nil
}

// pageScripts lists the page's own scripts: the fetch helper that
// app/webfetch drives (deferred, so it runs before the wasm can start, and
// cached by the service worker with the page's other scripts) — when web/
// has it.
func (s *Site) pageScripts() []string {
	// frameguard.js is not deferred: it runs before the page's own scripts,
	// and a framed page shows only its refusal.
	scripts := []string{"/web/frameguard.js"}
	if _, ok := s.catalog.assets["fetchone.js"]; ok {
		scripts = append(scripts, "/web/fetchone.js defer")
	}
	return scripts
}

// workerScripts lists the jq worker's script, which the page starts only on
// a first filter, for the service worker to cache with the rest — when
// web/ has it: one missing file would fail the service worker's whole
// install. Its wasm (jq.wasm, 1.2 MB brotli) is left out: a first visit
// would download it in the background whether or not it ever filters,
// half again the page's own bytes. The service worker keeps it on the jq
// worker's first fetch instead (fetchAndKeep in worker.go).
func (s *Site) workerScripts() []string {
	if _, ok := s.catalog.assets["jqworker.js"]; ok {
		return []string{"/web/jqworker.js"}
	}
	return nil
}

// capture keeps go-app's generated scripts and styles, with compressed
// copies made once here: they are small, and sent on every first visit.
func capture(h *app.Handler) (map[string]*generated, error) {
	gen := map[string]*generated{}
	for p := range versioned {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app's %s: status %d", p, rec.Code)
		}
		body := rec.Body.Bytes()
		if p == "/app.js" {
			var err error
			if body, err = patchAppJS(body); err != nil {
				return nil, err
			}
		}
		g := newGenerated(body, rec.Header().Get("Content-Type"))
		var err error
		if g.br, err = compressBytes(g.body, "br"); err != nil {
			return nil, fmt.Errorf("compress %s: %w", p, err)
		}
		if g.gzip, err = compressBytes(g.body, "gzip"); err != nil {
			return nil, fmt.Errorf("compress %s: %w", p, err)
		}
		gen[strings.TrimPrefix(p, "/")] = g
	}
	return gen, nil
}

func scopedManifest(h *app.Handler, base string) (*generated, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/manifest.webmanifest", nil))
	var m map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &m); rec.Code != http.StatusOK || err != nil {
		return nil, fmt.Errorf("go-app's manifest: status %d: %v", rec.Code, err)
	}
	m["scope"], _ = json.Marshal(base)
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return newGenerated(b, rec.Header().Get("Content-Type")), nil
}

// compressedCache keeps compressBytes' results by content: go-app's files
// are the same for every Site with the same version and base.
var compressedCache sync.Map // [sha256 of encoding and input] → []byte

func compressBytes(b []byte, encoding string) ([]byte, error) {
	key := sha256.Sum256(append([]byte(encoding+"\x00"), b...))
	if out, ok := compressedCache.Load(key); ok {
		return out.([]byte), nil
	}
	out, err := compressNew(b, encoding)
	if err == nil {
		compressedCache.Store(key, out)
	}
	return out, err
}

func compressNew(b []byte, encoding string) ([]byte, error) {
	var buf bytes.Buffer
	var w io.WriteCloser
	if encoding == "br" {
		w = brotli.NewWriterLevel(&buf, brotli.BestCompression)
	} else {
		gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			return nil, err
		}
		w = gz
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Version is the hash of web/ that versions the assets' URLs and the
// service worker's cache.
func (s *Site) Version() string { return s.catalog.version }

// Close releases the web/ folder (nothing, for embedded files).
func (s *Site) Close() error {
	if s.root == nil {
		return nil
	}
	return s.root.Close()
}

// ServeHTTP serves the page, go-app's files and web/, with the security
// headers on every response. Methods are checked by OnlyGetHead.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if s.base != "/" {
		rest, ok := strings.CutPrefix(p, strings.TrimSuffix(s.base, "/"))
		if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
			setSecurityHeaders(w.Header(), PageCSP)
			http.NotFound(w, r)
			return
		}
		p = "/" + strings.TrimPrefix(rest, "/")
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = p, ""
		r = r2
	}
	if p == "/app-worker.js" {
		setSecurityHeaders(w.Header(), WorkerCSP)
	} else {
		setSecurityHeaders(w.Header(), PageCSP)
	}
	switch {
	case strings.HasPrefix(p, "/web/"):
		s.serveWeb(w, r, strings.TrimPrefix(p, "/web/"))
	case p == "/manifest.webmanifest" || p == "/manifest.json":
		w.Header().Set("Cache-Control", cacheRevalidate)
		w.Header().Set("ETag", `"`+s.manifest.hash+`"`)
		w.Header().Set("Content-Type", s.manifest.contentType)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(s.manifest.body))
	case p == "/app.wasm" || p == "/goapp.wasm":
		s.serveAsset(w, r, s.catalog.assets["app.wasm"], cacheRevalidate)
	case p == "/robots.txt" || p == "/sitemap.xml" || p == "/ads.txt":
		// go-app would fetch these over HTTP from its resolver's URL;
		// they are plain files here, when web/ has them.
		if a, ok := s.catalog.assets[strings.TrimPrefix(p, "/")]; ok {
			s.serveAsset(w, r, a, cacheRevalidate)
			return
		}
		http.NotFound(w, r)
	default:
		// go-app answers 304 to any request whose If-None-Match is its
		// version's ETag; only its own files and pages reach it, and those
		// change exactly when the version does.
		s.app.ServeHTTP(w, r)
	}
}

func (s *Site) serveWeb(w http.ResponseWriter, r *http.Request, rest string) {
	cache := cacheRevalidate
	name := rest
	if v, after, ok := strings.Cut(rest, "/"); ok && v == s.catalog.version {
		name, cache = after, cacheImmutable
		if g, ok := s.gen[name]; ok {
			s.serveGenerated(w, r, g)
			return
		}
	}
	a, ok := s.catalog.assets[name]
	if !ok || !allowed(name) {
		http.NotFound(w, r)
		return
	}
	s.serveAsset(w, r, a, cache)
}

var errNotBuilt = errors.New("the page is not built")
