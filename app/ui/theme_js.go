//go:build js && wasm

package ui

import "github.com/hack-pad/safejs"

// setDocumentTheme sets <html data-theme>, which the style sheet's
// [data-theme] rules read; ThemeSystem removes it so that
// prefers-color-scheme decides.
func setDocumentTheme(t Theme) error {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	root, err := doc.Get("documentElement")
	if err != nil {
		return err
	}
	data, err := root.Get("dataset")
	if err != nil {
		return err
	}
	if t == ThemeSystem {
		return data.Delete("theme")
	}
	return data.Set("theme", string(t))
}
