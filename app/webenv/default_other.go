//go:build !(js && wasm)

package webenv

// Default is an empty in-memory Env: natively the page is only
// pre-rendered, with no fragment, clipboard or storage to read.
func Default() Env { return NewMemory("localhost", "") }
