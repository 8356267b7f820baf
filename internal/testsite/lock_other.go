//go:build !unix

package testsite

// lock is a no-op where flock is missing: test packages run at once may
// each build the wasm, and the rename keeps every reader whole.
func lock(string) (func(), error) { return func() {}, nil }
