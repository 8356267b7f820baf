// Package urllist turns the text of the URL box (or a CLI file) into the
// ordered list of URLs fanin fetches: one URL per line, blank lines and
// `#` comments ignored, spaces trimmed, curl-style templates
// (`?page=[1-50]`, `{users,orders}`) counted while typing and expanded
// before fetching, every URL checked so that only http and https URLs are
// ever fetched.
package urllist

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fanin/app/urltemplate"
)

// MaxURLs is the most URLs one list may hold once templates are expanded:
// typed lines, lines from a file or a link and templates' URLs all count.
const MaxURLs = urltemplate.DefaultLimit

// ErrTooMany is wrapped by List.Err when the lines ask for more than
// MaxURLs URLs.
var ErrTooMany = errors.New("too many URLs")

// Entry is one URL line of the input, in input order.
type Entry struct {
	Line     int    // 1-based line number in the input text
	URL      string // the trimmed line, exactly as the user wrote it
	Problem  string // why the line cannot be fetched; empty when it can
	Template bool   // the line is a URL template
	Count    int    // how many URLs the line stands for (1 unless a template)
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
	// Wanted is how many URLs the lines ask for, templates counted in
	// full; past MaxURLs the lines that do not fit have a Problem.
	Wanted int
}

// Err says why the list may not run as a whole: it asks for more than
// MaxURLs URLs. A link over the cap starts nothing; the CLI refuses it.
func (l List) Err() error {
	if l.Wanted > MaxURLs {
		return fmt.Errorf("%w: the list asks for %d URLs; at most %d are fetched in one run", ErrTooMany, l.Wanted, MaxURLs)
	}
	return nil
}

// Total is how many URLs the list stands for once templates are expanded:
// one per line, and each template's count.
func (l List) Total() int {
	n := 0
	for _, e := range l.Entries {
		n += e.Count
	}
	return n
}

// Templates is how many lines are templates.
func (l List) Templates() int {
	n := 0
	for _, e := range l.Entries {
		if e.Template {
			n++
		}
	}
	return n
}

// URLs returns what to fetch, in order: every line's URL, templates
// expanded in their place, and invalid lines as written (so that they get a
// row and fail as invalid URLs). A URL that a template repeats is kept once
// and reported as a Duplicate of the line that first gave it.
func (l List) URLs() ([]string, []Duplicate) {
	urls := make([]string, 0, l.Total())
	if l.Templates() == 0 {
		// Parse dropped repeated lines: without templates there is
		// nothing more to find (and no map of a long list to make)
		for _, e := range l.Entries {
			urls = append(urls, e.URL)
		}
		return urls, nil
	}
	var dups []Duplicate
	first := make(map[string]int, l.Total())
	for _, e := range l.Entries {
		if !e.Template || !e.Valid() {
			urls = append(urls, e.URL)
			first[e.URL] = e.Line
			continue
		}
		expanded, err := urltemplate.Expand(e.URL, MaxURLs)
		if err != nil { // Parse counted it; this cannot fail, but never panic
			urls = append(urls, e.URL)
			continue
		}
		for _, u := range expanded {
			if at, seen := first[u]; seen {
				dups = append(dups, Duplicate{Line: e.Line, FirstLine: at, URL: u})
				continue
			}
			first[u] = e.Line
			urls = append(urls, u)
		}
	}
	return urls, dups
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
	// sized once for every line: a list of 200,000 URLs grows no copies
	lines := strings.Count(text, "\n") + 1
	list := List{Entries: make([]Entry, 0, lines)}
	first := make(map[string]int, lines)
	n := 0 // the line's number
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if at, seen := first[line]; seen {
			list.Duplicates = append(list.Duplicates, Duplicate{Line: n, FirstLine: at, URL: line})
			continue
		}
		first[line] = n
		entry := Entry{Line: n, URL: line, Count: 1}
		if t, literal := template(line); t != nil {
			entry.Template = true
			entry.Count, entry.Problem = checkTemplate(t, MaxURLs-list.Total())
			if want, err := t.Count(); err == nil {
				list.Wanted += want
			} else {
				list.Wanted++
			}
		} else if list.Wanted++; list.Wanted > MaxURLs {
			entry.Problem = fmt.Sprintf("past the limit of %d URLs in one list", MaxURLs)
		} else if err := Check(line); err != nil {
			entry.Problem = err.Error()
			if literal != nil {
				entry.Problem = literal.Error()
			}
		}
		list.Entries = append(list.Entries, entry)
	}
	return list
}

// template parses line as a URL template. A line with brackets or braces
// that does not parse as one but is a fine URL as written — a JSON:API
// `?page[size]=10` — is a plain URL: it returns nil, nil. Otherwise a
// failed parse comes back as the error to show.
func template(line string) (*urltemplate.Template, error) {
	if !urltemplate.IsTemplate(line) {
		return nil, nil
	}
	t, err := urltemplate.Parse(line)
	if err == nil {
		return t, nil
	}
	if Check(line) == nil {
		return nil, nil
	}
	return nil, fmt.Errorf("template: %w", err)
}

// CheckLine reports why a line of the URL box cannot be fetched: a plain
// URL must pass Check; a template's literal text before its first glob must
// already be http:// or https:// (so no expansion can have another scheme)
// and its first URL must pass Check.
func CheckLine(line string) error {
	t, err := template(line)
	switch {
	case err != nil:
		return err
	case t == nil:
		return Check(line)
	}
	_, problem := checkTemplate(t, MaxURLs)
	if problem != "" {
		return errors.New(problem)
	}
	return nil
}

// checkTemplate counts a template's URLs without expanding it, and checks
// its scheme and its first URL.
func checkTemplate(t *urltemplate.Template, room int) (int, string) {
	if t.Globs() > 0 {
		prefix := strings.ToLower(t.Prefix())
		if !strings.HasPrefix(prefix, "http://") && !strings.HasPrefix(prefix, "https://") {
			return 1, "template: write http:// or https:// before the first [ or {"
		}
	}
	n, err := t.Count()
	if err != nil {
		return 1, "template: " + err.Error()
	}
	if n > room {
		return 1, fmt.Sprintf("template expands to %d URLs; with the lines above that passes the limit of %d URLs", n, MaxURLs)
	}
	if err := Check(t.First()); err != nil {
		return 1, "template: " + err.Error()
	}
	return n, ""
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
