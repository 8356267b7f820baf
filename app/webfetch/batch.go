package webfetch

import (
	"maps"
	"slices"
	"strconv"
)

// startRequest is one request as web/fetchone.js's startAll takes it.
type startRequest struct {
	ID      int
	URL     string
	Max     int64             // byte cap; 0: none
	Headers map[string]string // nil: none
}

// encodeBatch writes reqs as the JSON array startAll parses:
// [{"i":id,"u":url,"m":max,"h":{name:value}},…], "h" left out when there
// are no headers.
//
// Written by hand rather than with encoding/json: the batch is a fixed,
// flat shape, and encoding/json's reflection cost the page 7–10 ms of its
// warm start (its first use there, the first request's batch, measured in
// a CPU profile of `go run ./bench -only load -profile DIR`).
func encodeBatch(reqs []startRequest) string {
	b := make([]byte, 0, 64*len(reqs))
	b = append(b, '[')
	for i, r := range reqs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"i":`...)
		b = strconv.AppendInt(b, int64(r.ID), 10)
		b = append(b, `,"u":`...)
		b = appendJSONString(b, r.URL)
		b = append(b, `,"m":`...)
		b = strconv.AppendInt(b, r.Max, 10)
		if len(r.Headers) > 0 {
			b = append(b, `,"h":{`...)
			for j, name := range slices.Sorted(maps.Keys(r.Headers)) {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, name)
				b = append(b, ':')
				b = appendJSONString(b, r.Headers[name])
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return string(append(b, ']'))
}

// appendJSONString appends s as a JSON string: quote, backslash and
// control characters escaped, every other byte as it is. The text crosses
// into JavaScript as UTF-8, where bytes that are not UTF-8 become U+FFFD,
// as they do for any Go string handed to JavaScript.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
