package jsontree

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Path returns the node's location in jq syntax: "." for the root, then
// ".name" for plain keys, ."a b" for keys that need quotes, and [3] for
// array items, e.g. .[3].items[0].name. Pasted into jq it selects the node.
func (t *Tree) Path(id NodeID) string {
	if !t.valid(id) {
		return ""
	}
	chain := append(t.Ancestors(id), id)
	var b strings.Builder
	for _, n := range chain[1:] {
		if t.IsMember(n) {
			writeKey(&b, t.Key(n))
		} else {
			b.WriteString("[")
			b.WriteString(strconv.Itoa(t.Index(n)))
			b.WriteString("]")
		}
	}
	if b.Len() == 0 {
		return "."
	}
	p := b.String()
	if p[0] == '[' {
		p = "." + p
	}
	return p
}

func writeKey(b *strings.Builder, k string) {
	b.WriteByte('.')
	if isIdent(k) {
		b.WriteString(k)
		return
	}
	var q bytes.Buffer
	enc := json.NewEncoder(&q)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(k) // a string always encodes
	b.Write(bytes.TrimSuffix(q.Bytes(), []byte("\n")))
}

// isIdent reports whether jq accepts k after a dot unquoted. Keywords such
// as "and" or "if" are quoted too, since older jq rejects .and.
func isIdent(k string) bool {
	if k == "" || jqKeywords[k] {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return true
}

var jqKeywords = map[string]bool{
	"and": true, "or": true, "not": true, "if": true, "then": true, "elif": true,
	"else": true, "end": true, "as": true, "def": true, "reduce": true,
	"foreach": true, "try": true, "catch": true, "label": true, "import": true,
	"include": true, "__loc__": true,
}
