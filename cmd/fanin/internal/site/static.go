package site

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WriteStatic writes the site into dir for any static file server: go-app's
// static generation (the pre-rendered page as index.html, app-worker.js,
// the manifest), then web/VERSION/ with every asset, its precompressed
// copies and go-app's scripts. Pages get the policy as a <meta> element,
// since a plain static host sends no headers; a _headers file gives hosts
// that read one (Netlify, Cloudflare Pages) the headers and caching.
func (s *Site) WriteStatic(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := app.GenerateStaticWebsite(dir, s.app); err != nil {
		return fmt.Errorf("export: go-app's static generation: %w", err)
	}
	if err := addMetaCSP(dir); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "manifest.webmanifest"), s.manifest.body); err != nil {
		return err
	}
	web := filepath.Join(dir, "web", s.catalog.version)
	for _, a := range s.catalog.assets {
		if err := s.copyAsset(web, a.name); err != nil {
			return err
		}
		for _, v := range a.variants {
			if err := s.copyAsset(web, v.name); err != nil {
				return err
			}
		}
	}
	for name, g := range s.gen {
		for ext, body := range map[string][]byte{"": g.body, ".br": g.br, ".gz": g.gzip} {
			if err := writeFile(filepath.Join(web, name+ext), body); err != nil {
				return err
			}
		}
	}
	return writeFile(filepath.Join(dir, "_headers"), []byte(s.headersFile()))
}

func (s *Site) copyAsset(dst, name string) error {
	in, err := s.files.Open(name)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer in.Close()
	target := filepath.Join(dst, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	out, err := os.Create(target)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("export: copy web/%s: %w", name, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func writeFile(name string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.WriteFile(name, body, 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// addMetaCSP puts the policy first in each page's <head>, before anything
// it governs is loaded.
func addMetaCSP(dir string) error {
	const charset = `<meta charset="UTF-8">`
	meta := `<meta http-equiv="Content-Security-Policy" content="` + MetaCSP + `">`
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		page := string(b)
		if !strings.Contains(page, charset) {
			return fmt.Errorf("export: %s: no %s to put the policy after", p, charset)
		}
		page = strings.Replace(page, charset, charset+meta, 1)
		return writeFile(p, []byte(page))
	})
}

// headersFile is the _headers file of Netlify and Cloudflare Pages: the
// security headers everywhere (the page's policy also suits app-worker.js:
// its connect-src lets the user's URLs through) and immutable caching
// under web/VERSION/. No header is set by two rules, since hosts join
// such values.
func (s *Site) headersFile() string {
	var b strings.Builder
	b.WriteString("# Response headers for static hosts that read this file (Netlify, Cloudflare Pages).\n")
	fmt.Fprintf(&b, "%s*\n", s.base)
	for _, kv := range securityHeaders {
		fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
	}
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", PageCSP)
	fmt.Fprintf(&b, "%sweb/%s/*\n  Cache-Control: %s\n", s.base, s.catalog.version, cacheImmutable)
	return b.String()
}
