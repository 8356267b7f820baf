package jsonscan

import "bytes"

// StringEnd returns the offset just past the string whose opening quote is
// at i of doc, or -1 when it never closes: the first quote after an even
// run of backslashes. It does not check the string: the indenter and the
// tree use it on bytes they only need to cut, or already know are JSON.
func StringEnd(doc []byte, i int) int {
	for j := i + 1; ; {
		k := bytes.IndexByte(doc[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		n := 0
		for b := j - 1; b > i && doc[b] == '\\'; b-- {
			n++
		}
		j++
		if n%2 == 0 {
			return j
		}
	}
}

// BareEnd returns the offset just past the number, true, false or null
// that begins at i of doc: the first byte after i that no bare word holds
// (white space, punctuation, a quote), or len(doc).
func BareEnd(doc []byte, i int) int {
	j := i + 1
	for j < len(doc) && !endsBare[doc[j]] {
		j++
	}
	return j
}

// endsBare marks the bytes that end a number or a literal.
var endsBare = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r,:]}[{\"") {
		t[c] = true
	}
	return t
}()
