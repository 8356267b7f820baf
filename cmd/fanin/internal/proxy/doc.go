// Package proxy is fanin's opt-in fetch proxy: GET /proxy?url=<URL> fetches
// one public JSON URL on behalf of the page, for APIs that send no CORS
// headers.
//
// It is the most dangerous thing fanin does, so it is built to refuse:
// only http and https to ports 80 and 443, no internal address unless an
// operator allowed that HOST:PORT by name, the address checked again at
// dial time (a net.Dialer Control hook, so DNS rebinding cannot slip a
// private address in after the URL was checked) and on every redirect hop,
// strict URL parsing that refuses whatever a browser and Go might read
// differently, same-origin callers only, a per-client rate limit, a cap on
// concurrent upstream requests, a size cap on decoded bytes and timeouts.
// Responses always go back as inert JSON attachments, so an upstream HTML
// or SVG page can never run on fanin's origin.
//
// The package is native only; the server mounts the handler returned by
// New at Path and InfoPath.
package proxy
