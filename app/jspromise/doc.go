// Package jspromise waits for JavaScript promises from Go, through
// github.com/hack-pad/safejs: the promise's callbacks only hand the outcome
// to a buffered channel (they never block the browser's event loop) and are
// released once it settles. It builds only for js/wasm.
package jspromise
