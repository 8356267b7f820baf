//go:build js && wasm

package urlhost

import (
	"fmt"

	"fanin/app/netscope"

	"github.com/hack-pad/safejs"
)

// Hostname is the browser's `new URL(raw).hostname`; a URL it refuses
// (a TypeError) is an error, and so is one that is not http(s).
func Hostname(raw string) (string, error) {
	ctor, err := safejs.Global().Get("URL")
	if err != nil {
		return "", fmt.Errorf("URL is not available: %w", err)
	}
	u, err := ctor.New(raw)
	if err != nil {
		return "", fmt.Errorf("invalid URL: %w", err)
	}
	protocol, err := field(u, "protocol")
	if err != nil {
		return "", err
	}
	if protocol != "http:" && protocol != "https:" {
		return "", netscope.ErrNotHTTP
	}
	return field(u, "hostname")
}

func field(u safejs.Value, name string) (string, error) {
	v, err := u.Get(name)
	if err != nil {
		return "", err
	}
	return v.String()
}
