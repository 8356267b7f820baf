package site

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WebFiles serves the files under ROOT/web at /web/ and tells go-app where
// they are. It is rooted with os.OpenRoot, so neither `..` nor a symlink can
// reach outside web/; dotfiles and folder listings are never served.
type WebFiles struct {
	files http.Handler
	fsys  fs.FS
}

// NewWebFiles opens ROOT/web.
func NewWebFiles(root string) (*WebFiles, error) {
	r, err := os.OpenRoot(filepath.Join(root, "web"))
	if err != nil {
		return nil, err
	}
	fsys := r.FS()
	return &WebFiles{files: http.FileServerFS(fsys), fsys: fsys}, nil
}

// Resolve implements app.ResourceResolver: /web/ paths stay as they are, so
// the page references them from the site root.
func (w *WebFiles) Resolve(location string) string {
	if location == "" {
		return "/"
	}
	return location
}

// ServeHTTP serves GET and HEAD for files under /web/.
func (w *WebFiles) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, "/web/")
	if !ok || !allowed(name) {
		http.NotFound(rw, r)
		return
	}
	info, err := fs.Stat(w.fsys, name)
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(rw, r)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + name
	r2.URL.RawPath = ""
	w.files.ServeHTTP(rw, r2)
}

// allowed refuses empty names, dotfiles, backslashes and any path that
// does not clean to itself (.., //, ./).
func allowed(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.Clean(name) != name {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return fs.ValidPath(name)
}

var errNotBuilt = errors.New("the page is not built")
