package combine

import (
	"bytes"
	"fmt"

	"fanin/app/fanout"
	"fanin/app/jsonvalue"
)

// KindNotArray is the kind of Problem concat reports for a response that
// is valid JSON but not an array.
const KindNotArray fanout.Kind = "not-array"

// Problem is a URL whose response was fetched but could not take part in
// the merge. It is not an error of the whole run: the document is still
// written, without that URL's value, and the row for that URL shows Err.
type Problem struct {
	Index int // the result's place in the list
	URL   string
	Err   *fanout.Error
}

// EncodeReport is Encode that also says which URLs the merge had to leave
// out. Only concat leaves any out (responses that are not arrays); URLs
// that failed to fetch are never Problems, they already carry their Err.
// Encode returns the same bytes without the Problems.
func EncodeReport(results []fanout.Result, mode Mode) ([]byte, []Problem, error) {
	var (
		compact  []byte
		problems []Problem
	)
	switch mode {
	case Concat:
		compact, problems = concat(results)
	case Patch:
		var err error
		if compact, err = patch(results); err != nil {
			return nil, nil, fmt.Errorf("combine: %w", err)
		}
	default:
		out, err := Encode(results, mode)
		return out, nil, err
	}
	var out bytes.Buffer
	out.Grow(len(compact) * 2)
	if err := jsonvalue.Indent(&out, compact); err != nil {
		return nil, nil, fmt.Errorf("combine: %w", err)
	}
	return out.Bytes(), problems, nil
}

// concat splices the inside of every array response, in list order, into
// one array. A validated array is "[" elements "]" give or take white
// space, so the elements' bytes are everything between the brackets: no
// need to split them one by one.
func concat(results []fanout.Result) ([]byte, []Problem) {
	size := 2
	for _, r := range results {
		size += len(r.Data) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, '[')
	var problems []Problem
	n := 0
	for _, r := range results {
		if !r.OK() {
			continue
		}
		v := bytes.TrimSpace(r.Data)
		if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
			problems = append(problems, Problem{Index: r.Index, URL: r.URL, Err: &fanout.Error{
				Kind: KindNotArray, Message: "concat needs an array; the response is " + describe(v)}})
			continue
		}
		inner := bytes.TrimSpace(v[1 : len(v)-1])
		if len(inner) == 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, inner...)
		n++
	}
	return append(b, ']'), problems
}

func describe(v []byte) string {
	if len(v) == 0 {
		return "empty"
	}
	switch c := v[0]; {
	case c == '{':
		return "an object"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	default:
		return "a number"
	}
}
