package site

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// serveAsset sends a file scanned under web/, or the precompressed copy
// the client accepts best. A file on disk is opened through an os.Root on
// web/, so even a file swapped for a symlink since the scan cannot lead
// outside.
func (s *Site) serveAsset(w http.ResponseWriter, r *http.Request, a *asset, cache string) {
	h := w.Header()
	name, etag, size, modTime := a.name, a.etag(), a.size, a.modTime
	if len(a.variants) > 0 {
		h.Add("Vary", "Accept-Encoding")
		if v := pick(r.Header.Get("Accept-Encoding"), a.variants); v != nil {
			name, etag, size, modTime = v.name, v.etag(a), v.size, v.modTime
			h.Set("Content-Encoding", v.encoding)
		}
	}
	f, err := s.files.Open(name)
	if err != nil {
		h.Del("Content-Encoding")
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker)
	if !ok {
		h.Del("Content-Encoding")
		http.Error(w, "web/"+name+" cannot be served", http.StatusInternalServerError)
		return
	}
	if !unchanged(f, size, modTime) {
		// Its URL promised other bytes; sending these could be cached for a
		// year under it.
		s.log.Warn("a file changed under the running server: restart it", "file", "web/"+name)
		h.Del("Content-Encoding")
		http.Error(w, "web/"+name+" changed since the server started; restart it", http.StatusServiceUnavailable)
		return
	}
	h.Set("Content-Type", contentType(a.name))
	h.Set("Cache-Control", cache)
	h.Set("ETag", etag)
	// ServeContent leaves Content-Length out when Content-Encoding is set.
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	http.ServeContent(w, r, "", time.Time{}, content)
}

// serveGenerated sends one of go-app's files kept in memory.
func (s *Site) serveGenerated(w http.ResponseWriter, r *http.Request, g *generated) {
	h := w.Header()
	body, etag := g.body, `"`+g.hash+`"`
	h.Add("Vary", "Accept-Encoding")
	ae := r.Header.Get("Accept-Encoding")
	switch {
	case ae == "":
	case acceptable(ae, "br"):
		body, etag = g.br, `"`+g.hash+`-br"`
		h.Set("Content-Encoding", "br")
	case acceptable(ae, "gzip"):
		body, etag = g.gzip, `"`+g.hash+`-gzip"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", g.contentType)
	h.Set("Cache-Control", cacheImmutable)
	h.Set("ETag", etag)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// allowed refuses empty names, dotfiles, backslashes and any path that
// does not clean to itself (.., //, ./). Only scanned names are served at
// all; this is the second lock on the door.
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
