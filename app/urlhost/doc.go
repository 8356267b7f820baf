// Package urlhost reads a URL's host with the browser's own parser in the
// page (`new URL(u).hostname`) and with netscope's native twin, which
// follows the same standard, everywhere else.
package urlhost
