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
		writeLine(&b, r)
	}
	return b.Bytes()
}

// AppendNDJSONLine appends URL r's line of NDJSON, newline included: what
// fanin get -o ndjson writes as each URL comes in.
func AppendNDJSONLine(dst []byte, r fanout.Result) []byte {
	b := bytes.NewBuffer(dst)
	writeLine(b, r)
	return b.Bytes()
}

func writeLine(b *bytes.Buffer, r fanout.Result) {
	n := b.Len()
	if !r.OK() || json.Compact(b, r.Data) != nil {
		b.Truncate(n)
		b.WriteString("null")
	}
	b.WriteByte('\n')
}
