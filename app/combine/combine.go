// Package combine writes the results of a run as one JSON document. It is
// the only encoder of the combined result: the page's view and Download and
// the CLI's output all come from Encode, so the same inputs and mode give
// the same bytes everywhere. Values are spliced in as the bytes that were
// received, never decoded and re-encoded.
package combine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"fanin/app/fanout"
	"fanin/app/jsonvalue"
)

// Mode is how results are put together.
type Mode string

const (
	Array    Mode = "array"    // [v1, v2, …], null where a URL failed
	Object   Mode = "object"   // {"url1": v1, …}, null where a URL failed
	Envelope Mode = "envelope" // [{"url","status","ms","bytes","data"|"error"}, …]; pages add "chain","page" after "url"
	Concat   Mode = "concat"   // every array response's items, in order; see EncodeReport
	Patch    Mode = "patch"    // RFC 7396 merge patch of the responses, in order
)

// Modes lists every mode, the default first.
var Modes = []Mode{Array, Object, Envelope, Concat, Patch}

// ParseMode accepts the name of a mode; "" means Array.
func ParseMode(s string) (Mode, error) {
	if s == "" {
		return Array, nil
	}
	for _, m := range Modes {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown merge mode %q (want one of %v)", s, Modes)
}

// Encode writes results, in their order, as one pretty-printed JSON
// document ending in a newline.
func Encode(results []fanout.Result, mode Mode) ([]byte, error) {
	out, _, err := EncodeReport(results, mode)
	return out, err
}

// EncodeReport is Encode that also says which URLs the merge had to leave
// out. Only concat leaves any out (responses that are not arrays); URLs
// that failed to fetch are never Problems, they already carry their Err.
func EncodeReport(results []fanout.Result, mode Mode) ([]byte, []Problem, error) {
	doc, err := Build(results, mode)
	if err != nil {
		return nil, nil, err
	}
	out, err := jsonvalue.AppendIndent(nil, doc.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("combine: %w", err)
	}
	return out, doc.Problems, nil
}

// Document is a combined document without added white space.
type Document struct {
	Bytes []byte
	// At says where each result's Data begins in Bytes, or -1 where it is
	// not there as received: a failed URL, and every response in concat and
	// patch, which take values apart. A viewer that indexed the responses
	// can take their trees in at these offsets (jsontree.Part).
	At       []int
	Problems []Problem
}

// Build writes the combined document without adding white space: the
// responses' bytes spliced together, which costs a copy. Indenting it
// (jsonvalue.AppendIndent, or an Indenter a slice at a time) gives Encode's
// bytes; the page shows its tree from this document at once and indents
// for the raw view afterwards.
func Build(results []fanout.Result, mode Mode) (*Document, error) {
	at := make([]int, len(results))
	for i := range at {
		at[i] = -1
	}
	switch mode {
	case Concat:
		doc, problems := concat(results)
		return &Document{Bytes: doc, At: at, Problems: problems}, nil
	case Patch:
		doc, err := patch(results)
		if err != nil {
			return nil, fmt.Errorf("combine: %w", err)
		}
		return &Document{Bytes: doc, At: at}, nil
	}
	var compact bytes.Buffer
	size := 64
	for _, r := range results {
		size += len(r.Data) + len(r.URL) + 96
	}
	compact.Grow(size)
	switch mode {
	case Array, "":
		compact.WriteByte('[')
		for i, r := range results {
			comma(&compact, i)
			at[i] = value(&compact, r)
		}
		compact.WriteByte(']')
	case Object:
		compact.WriteByte('{')
		for i, r := range results {
			comma(&compact, i)
			str(&compact, r.URL)
			compact.WriteByte(':')
			at[i] = value(&compact, r)
		}
		compact.WriteByte('}')
	case Envelope:
		compact.WriteByte('[')
		for i, r := range results {
			comma(&compact, i)
			at[i] = envelope(&compact, r)
		}
		compact.WriteByte(']')
	default:
		return nil, fmt.Errorf("unknown merge mode %q", mode)
	}
	return &Document{Bytes: compact.Bytes(), At: at}, nil
}

func comma(b *bytes.Buffer, i int) {
	if i > 0 {
		b.WriteByte(',')
	}
}

// value writes r's value, or null, and returns where the value's bytes
// begin, or -1 for the null.
func value(b *bytes.Buffer, r fanout.Result) int {
	if r.OK() {
		at := b.Len()
		b.Write(r.Data)
		return at
	}
	b.WriteString("null")
	return -1
}

func envelope(b *bytes.Buffer, r fanout.Result) int {
	at := -1
	b.WriteString(`{"url":`)
	str(b, r.URL)
	if r.Page > 0 { // a paginated run's page: its chain's start URL and its number
		b.WriteString(`,"chain":`)
		str(b, r.ChainURL)
		b.WriteString(`,"page":`)
		b.WriteString(strconv.Itoa(r.Page))
	}
	b.WriteString(`,"status":`)
	b.WriteString(strconv.Itoa(r.Status))
	b.WriteString(`,"ms":`)
	b.WriteString(strconv.FormatInt(r.Elapsed().Milliseconds(), 10))
	b.WriteString(`,"bytes":`)
	b.WriteString(strconv.Itoa(r.Bytes))
	if r.OK() {
		b.WriteString(`,"data":`)
		at = b.Len()
		b.Write(r.Data)
	} else {
		err := r.Err
		if err == nil {
			err = &fanout.Error{Kind: fanout.KindCancelled, Message: "not finished"}
		}
		b.WriteString(`,"error":{"kind":`)
		str(b, string(err.Kind))
		b.WriteString(`,"message":`)
		str(b, err.Message)
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return at
}

// str writes s as a JSON string without HTML escaping, so URLs read as
// typed (& stays &).
func str(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode appends a newline
}
