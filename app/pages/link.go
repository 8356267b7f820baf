package pages

import (
	"strings"
)

// Link is one link of an RFC 8288 Link header: its target as written
// (resolve it against the response's URL) and its parameters. Rel holds
// the relation types, lower-cased, as rel may name several ("prev next").
type Link struct {
	Target string
	Rel    []string
	Params map[string]string // other parameters, names lower-cased
}

// HasRel reports whether the link has relation type rel (case-insensitive).
func (l Link) HasRel(rel string) bool {
	rel = strings.ToLower(rel)
	for _, r := range l.Rel {
		if r == rel {
			return true
		}
	}
	return false
}

// ParseLink reads the value of a Link header (several headers joined with
// ", " are one value). It never fails: a link it cannot read is skipped,
// and reading goes on at the next one.
//
// Written here rather than taken from a library: the two Go ones looked at
// (tomnomnom/linkheader, peterhellberg/link) split the header on every
// comma and semicolon, so a target like </items?fields=a,b> or a quoted
// title="a, b" breaks the links apart (peterhellberg/link even deletes
// the commas from targets), and neither splits rel="prev next" into its
// relation types or compares them without case, which GitHub-style
// headers need. RFC 8288 §3 is a small grammar: a target in <…>, then
// ;-separated name[=value] parameters, the value a token or a quoted
// string with \-escapes.
func ParseLink(header string) []Link {
	var links []Link
	s := header
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return links
		}
		// Anything before '<' other than separators is junk from a link
		// that could not be read; skip it.
		s = s[i+1:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			return links
		}
		link := Link{Target: strings.TrimSpace(s[:j]), Params: map[string]string{}}
		s = s[j+1:]
		s = readParams(s, &link)
		links = append(links, link)
	}
}

// readParams reads ;-separated parameters up to the comma that ends the
// link (or the end), and returns what follows.
func readParams(s string, link *Link) string {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return s
		}
		switch s[0] {
		case ',':
			return s[1:]
		case ';':
			s = s[1:]
		default:
			// Not a parameter: skip to the next link.
			k := strings.IndexAny(s, ",")
			if k < 0 {
				return ""
			}
			return s[k+1:]
		}
		s = strings.TrimLeft(s, " \t")
		n := strings.IndexFunc(s, func(r rune) bool { return r == '=' || r == ';' || r == ',' || r == ' ' || r == '\t' })
		if n < 0 {
			n = len(s)
		}
		name := strings.ToLower(s[:n])
		s = strings.TrimLeft(s[n:], " \t")
		value := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t")
			value, s = readValue(s)
		}
		if name == "" {
			continue
		}
		if name == "rel" {
			if link.Rel == nil { // the first rel wins (RFC 8288 §3.3)
				link.Rel = strings.Fields(strings.ToLower(value))
				if link.Rel == nil {
					link.Rel = []string{}
				}
			}
			continue
		}
		if _, seen := link.Params[name]; !seen {
			link.Params[name] = value
		}
	}
}

// readValue reads a token or a quoted string.
func readValue(s string) (string, string) {
	if !strings.HasPrefix(s, `"`) {
		n := strings.IndexAny(s, ";, \t")
		if n < 0 {
			return s, ""
		}
		return s[:n], s[n:]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), "" // unterminated: take what there is
}

// NextLink is the target of the first link with rel "next", or "".
func NextLink(header string) string {
	for _, l := range ParseLink(header) {
		if l.HasRel("next") {
			return l.Target
		}
	}
	return ""
}
