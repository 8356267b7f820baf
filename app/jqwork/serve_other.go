//go:build !(js && wasm)

package jqwork

// Serve reports false: only a browser's worker serves jobs.
func Serve(Factory, First) bool { return false }
