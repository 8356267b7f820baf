package site

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// asset is one file under web/ as it was when the server started: its
// content hash (the ETag) and the precompressed copies that hold exactly
// its bytes.
type asset struct {
	name     string // slash-separated, relative to web/
	hash     string
	size     int64
	modTime  time.Time
	variants []variant // best first: br, then gzip
}

// variant is a precompressed copy of an asset, NAME.br or NAME.gz.
type variant struct {
	encoding string // the Content-Encoding token
	name     string
	size     int64
	modTime  time.Time
}

func (a *asset) etag() string { return `"` + a.hash + `"` }

func (v *variant) etag(a *asset) string { return `"` + a.hash + "-" + v.encoding + `"` }

// encodings are the precompressed copies looked for, in order of preference.
var encodings = []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// catalog lists the files under web/ that may be served: regular files
// only (never symlinks or folders), no dotfile or file in a dot folder.
type catalog struct {
	assets  map[string]*asset
	version string   // a hash of every asset's name and content
	stale   []string // precompressed copies ignored because they no longer match
}

func scan(fsys fs.FS) (*catalog, error) {
	c := &catalog{assets: map[string]*asset{}}
	var compressed []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// Go sources (web/embed.go, which embeds the rest) are not assets.
		if !d.Type().IsRegular() || strings.HasSuffix(name, ".go") {
			return nil
		}
		if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			compressed = append(compressed, name)
			return nil
		}
		a, err := hashFile(fsys, name)
		if err != nil {
			return err
		}
		c.assets[name] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scan web/: %w", err)
	}
	sort.Strings(compressed)
	for _, name := range compressed {
		base, v := variantOf(name)
		a, ok := c.assets[base]
		if !ok {
			// A compressed file of its own (say a .gz download): an asset.
			a, err := hashFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("scan web/: %w", err)
			}
			c.assets[name] = a
			continue
		}
		same, err := v.check(fsys, a)
		if err != nil {
			return nil, fmt.Errorf("scan web/: %w", err)
		}
		if !same {
			c.stale = append(c.stale, name)
			continue
		}
		a.variants = append(a.variants, v)
	}
	for _, a := range c.assets {
		sort.Slice(a.variants, func(i, j int) bool { return rank(a.variants[i].encoding) < rank(a.variants[j].encoding) })
	}
	c.version = c.hashAll()
	return c, nil
}

func (c *catalog) hashAll() string {
	names := make([]string, 0, len(c.assets))
	for name := range c.assets {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%s\n", name, c.assets[name].hash)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func hashFile(fsys fs.FS, name string) (*asset, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return &asset{name: name, hash: hex.EncodeToString(h.Sum(nil))[:20], size: n, modTime: info.ModTime()}, nil
}

func variantOf(name string) (base string, v variant) {
	for _, e := range encodings {
		if b, ok := strings.CutSuffix(name, e.ext); ok {
			return b, variant{encoding: e.token, name: name}
		}
	}
	return "", variant{}
}

func rank(encoding string) int {
	for i, e := range encodings {
		if e.token == encoding {
			return i
		}
	}
	return len(encodings)
}

// check decompresses the copy and reports whether it holds exactly the
// asset's bytes: a copy left over from an older build must never be sent.
func (v *variant) check(fsys fs.FS, a *asset) (bool, error) {
	f, err := fsys.Open(v.name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	v.size, v.modTime = info.Size(), info.ModTime()
	var r io.Reader
	switch v.encoding {
	case "br":
		r = brotli.NewReader(f)
	case "gzip":
		zr, err := gzip.NewReader(f)
		if err != nil {
			return false, nil
		}
		defer zr.Close()
		r = zr
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(r, a.size+1)); err != nil {
		return false, nil
	}
	return hex.EncodeToString(h.Sum(nil))[:20] == a.hash, nil
}

// unchanged reports whether a file opened to be served is still the one
// scanned at start: its URL promises that content for a year.
func unchanged(f fs.File, size int64, modTime time.Time) bool {
	info, err := f.Stat()
	return err == nil && info.Size() == size && info.ModTime().Equal(modTime)
}

// generated is a file go-app makes (app.js, wasm_exec.js, app.css), kept
// in memory and served under /web/VERSION/ like the assets.
type generated struct {
	body, br, gzip []byte
	contentType    string
	hash           string
}

func newGenerated(body []byte, contentType string) *generated {
	sum := sha256.Sum256(body)
	return &generated{body: body, contentType: contentType, hash: hex.EncodeToString(sum[:])[:20]}
}
