// Package urllist turns the text of the URL box (or a CLI file) into the
// ordered list of URLs fanin fetches: one URL per line, blank lines and
// `#` comments ignored, spaces trimmed, every line checked so that only
// http and https URLs are ever fetched.
package urllist

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Entry is one URL line of the input, in input order.
type Entry struct {
	Line    int    // 1-based line number in the input text
	URL     string // the trimmed line, exactly as the user wrote it
	Problem string // why the URL cannot be fetched; empty when it can
}

// Valid reports whether the entry can be fetched.
func (e Entry) Valid() bool { return e.Problem == "" }

// Duplicate records a line that repeats an earlier one. Duplicates are
// fetched once: the later line is dropped from the list and reported.
type Duplicate struct {
	Line      int
	FirstLine int
	URL       string
}

// List is the parsed input.
type List struct {
	Entries    []Entry
	Duplicates []Duplicate
}

// URLs returns the URL of every entry, valid or not, in order.
func (l List) URLs() []string {
	urls := make([]string, len(l.Entries))
	for i, e := range l.Entries {
		urls[i] = e.URL
	}
	return urls
}

// Invalid returns the entries that cannot be fetched.
func (l List) Invalid() []Entry {
	var bad []Entry
	for _, e := range l.Entries {
		if !e.Valid() {
			bad = append(bad, e)
		}
	}
	return bad
}

// Parse reads one URL per line. Lines are trimmed; blank lines and lines
// whose first non-space character is '#' are skipped. Invalid lines stay in
// the list with a Problem so that they get a row (and a null slot) of their
// own; repeated lines are dropped and reported as Duplicates.
func Parse(text string) List {
	var list List
	first := make(map[string]int)
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n := i + 1
		if at, seen := first[line]; seen {
			list.Duplicates = append(list.Duplicates, Duplicate{Line: n, FirstLine: at, URL: line})
			continue
		}
		first[line] = n
		entry := Entry{Line: n, URL: line}
		if err := Check(line); err != nil {
			entry.Problem = err.Error()
		}
		list.Entries = append(list.Entries, entry)
	}
	return list
}

// Check reports why raw cannot be fetched, or nil when it is an absolute
// http or https URL with a host.
func Check(raw string) error {
	if raw == "" {
		return fmt.Errorf("empty URL")
	}
	if i := strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("contains a space or control character at column %d", i+1)
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("cannot parse: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return fmt.Errorf("missing scheme: start it with https:// or http://")
	default:
		return fmt.Errorf("scheme %q is not fetched: only http and https are", u.Scheme)
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("missing host")
	}
	return nil
}
