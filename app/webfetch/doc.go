// Package webfetch is the page's Fetcher: fanout's requests over the
// browser's own fetch, run by a small static JavaScript helper
// (web/fetchone.js) that takes each request to completion — status,
// Retry-After, the body read with the byte cap checked as it streams, a
// CORS refusal told from a network failure — and hands back one result.
// Requests cross into JavaScript in batches (one call and one JSON string
// for the requests that are ready together), and one callback, registered
// once, brings finished requests back in batches; each body is copied into
// Go once. Every request omits credentials and the referrer and
// is aborted when its context ends. All calls go through
// github.com/hack-pad/safejs, so a JavaScript exception comes back as an
// error, never a panic. It builds only for js/wasm; natively only the
// batch encoding (pure Go, tested natively) is there.
package webfetch
