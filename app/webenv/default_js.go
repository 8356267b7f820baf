//go:build js && wasm

package webenv

// Default is the browser the page runs in.
func Default() Env { return Browser{} }
