//go:build !(js && wasm)

package urlhost

import "fanin/app/netscope"

// Hostname is netscope.Hostname natively.
func Hostname(raw string) (string, error) { return netscope.Hostname(raw) }
