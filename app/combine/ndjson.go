package combine

import (
	"bytes"
	"encoding/json"

	"fanin/app/fanout"
)

// NDJSON writes one line per URL, in list order: a successful response's
// value compacted (json.Compact keeps every literal as sent), and null for
// a URL that failed, as in the array mode, so line i always belongs to
// URL i and the file equals `jq -c '.[]'` of the array download.
func NDJSON(results []fanout.Result) []byte {
	size := 0
	for _, r := range results {
		size += len(r.Data) + 5
	}
	var b bytes.Buffer
	b.Grow(size)
	for _, r := range results {
		if !r.OK() || json.Compact(&b, r.Data) != nil {
			b.WriteString("null")
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}
