//go:build !(js && wasm)

package ui

// setDocumentTheme does nothing outside the browser: the server only
// pre-renders the page, with the system's theme.
func setDocumentTheme(Theme) error { return nil }
