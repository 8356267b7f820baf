// Package webfetch is the page's Fetcher: fanout's requests over the
// browser's own fetch, called through github.com/hack-pad/safejs so that a
// JavaScript exception comes back as an error, never a panic. Every request
// omits credentials and the referrer, is aborted through an AbortController
// when its context ends, and has its body streamed with the byte cap checked
// chunk by chunk. It builds only for js/wasm; natively the package is empty.
package webfetch
