// Package sharelink encodes what the page shows — the URL box's lines and
// the fetch options — into a URL fragment and back, so that a link opens
// the page with the list prefilled (and, with run=1, fetched).
//
// The fragment is never sent to a server, so tokens inside the URLs are not
// logged anywhere. It has two forms, and Encode picks the shorter:
//
//	u=https://api.example.com/a&u=https://api.example.com/b&merge=object&jq=.%5B0%5D&c=8&timeout=15s&run=1
//	u=https://api.example.com/items&next=link&max-pages=20&rate=5&per-host=2
//	z=1<base64url, no padding, of the raw-deflated plain form>
//
// Values are escaped like url.QueryEscape except that '/' and ':' are left
// as they are (both are legal in a fragment, and links stay readable);
// Decode accepts any percent-encoding and '+' for a space. The '1' after
// "z=" is the format version, so later formats can be added without
// breaking old links. Plain keys may follow a z value (`z=…&run=1`); they
// apply after its contents.
//
// Per-request headers (Authorization and the like) are deliberately never
// part of a State: a link is meant to be pasted into chats and tickets, and
// a secret in it would travel with it.
//
// Decode never panics and never silently changes the list: a fragment that
// cannot be read at all is an error, and anything it drops or replaces by a
// default (a javascript: URL, a bad option, an unknown key) is reported as a
// Problem. Only http and https URLs, or URL templates whose expansions all
// start with http:// or https://, survive.
package sharelink

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// State is everything a link carries.
type State struct {
	Lines       []string      // the URL box's lines (templates unexpanded); Encode drops blank and # comment lines
	Merge       string        // "" means the default (array); else array, object, envelope, concat or patch
	JQ          string        // jq filter; "" means none
	Concurrency int           // 0 means the default; else 1–64
	Timeout     time.Duration // 0 means the default; else 1s–10m
	Run         bool          // fetch as soon as the link is opened
	// Following pages and politeness: Next is "" (no pages), "link" (Link
	// headers) or a jq expression; MaxPages 0 means the default, else
	// 1–100000; Rate (requests per second) and PerHost (in flight per
	// host) 0 mean no cap, else up to 1000000 and 64.
	Next     string
	MaxPages int
	Rate     float64
	PerHost  int
}

// Problem is one part of a fragment that Decode dropped or replaced by a
// default.
type Problem struct {
	Field   string // the key: u, merge, jq, c, timeout, run, z, or the unknown key
	Message string
}

func (p Problem) Error() string  { return p.Field + ": " + p.Message }
func (p Problem) String() string { return p.Error() }

const (
	// MaxFragment is the longest fragment Decode reads.
	MaxFragment = 2 << 20
	// MaxInflated caps what a z value may inflate to, so that a deflate
	// bomb is an error rather than a page out of memory.
	MaxInflated = 4 << 20
	// version is the current z format.
	version = '1'
)

var b64 = base64.RawURLEncoding.Strict()

// writers recycles deflate writers: each holds about 1 MB of tables, and
// the page re-encodes its link on every edit.
var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestCompression) // the level is valid
	return w
}}

// Encode returns the fragment, without '#', for s: the plain form or the
// compressed one, whichever is shorter. Lines are trimmed; blank lines and
// # comments are left out.
func Encode(s State) string {
	plain := encodePlain(s)
	if len(plain) < 16 {
		return plain // too short for deflate to win
	}
	var buf bytes.Buffer
	w := writers.Get().(*flate.Writer)
	w.Reset(&buf)
	// Errors cannot happen: a bytes.Buffer does not fail.
	w.Write([]byte(plain))
	w.Close()
	writers.Put(w)
	z := "z=" + string(version) + b64.EncodeToString(buf.Bytes())
	if len(z) < len(plain) {
		return z
	}
	return plain
}

func encodePlain(s State) string {
	var b strings.Builder
	add := func(key, value string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(key)
		b.WriteByte('=')
		b.WriteString(escape(value))
	}
	for _, line := range s.Lines {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		add("u", line)
	}
	if s.Merge != "" {
		add("merge", s.Merge)
	}
	if s.JQ != "" {
		add("jq", s.JQ)
	}
	if s.Concurrency != 0 {
		add("c", strconv.Itoa(s.Concurrency))
	}
	if s.Timeout != 0 {
		add("timeout", s.Timeout.String())
	}
	if s.Next != "" {
		add("next", s.Next)
	}
	if s.MaxPages != 0 {
		add("max-pages", strconv.Itoa(s.MaxPages))
	}
	if s.Rate != 0 {
		add("rate", strconv.FormatFloat(s.Rate, 'g', -1, 64))
	}
	if s.PerHost != 0 {
		add("per-host", strconv.Itoa(s.PerHost))
	}
	if s.Run {
		add("run", "1")
	}
	return b.String()
}

// escape is url.QueryEscape with '/' and ':' put back. Every '%' QueryEscape
// writes starts an escape of its own, so "%2F" and "%3A" can only be the
// escapes of '/' and ':'.
func escape(s string) string {
	e := url.QueryEscape(s)
	if !strings.Contains(e, "%") {
		return e
	}
	return strings.NewReplacer("%2F", "/", "%3A", ":").Replace(e)
}
