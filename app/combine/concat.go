package combine

import (
	"bytes"

	"fanin/app/fanout"
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

// NotArray is concat's Problem with a response that is not an array (nil
// when it is one, or when the URL failed).
func NotArray(r fanout.Result) *Problem {
	v := bytes.TrimSpace(r.Data)
	if !r.OK() || len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
		return nil
	}
	return &Problem{Index: r.Index, URL: r.URL, Err: &fanout.Error{
		Kind: KindNotArray, Message: "concat needs an array; the response is " + describe(v)}}
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
		if p := NotArray(r); p != nil {
			problems = append(problems, *p)
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
