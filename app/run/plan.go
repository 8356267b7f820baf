package run

import "fanin/app/urllist"

// Plan is the URL box's text, read once per edit: its lines, how many URLs
// they stand for, which lines are templates, which cannot be fetched and
// which repeat an earlier one. The page renders these figures; nothing
// recounts them while a run redraws.
type Plan struct {
	Text      string
	List      urllist.List
	Total     int             // URLs once templates are expanded
	Templates int             // lines that are templates
	Invalid   []urllist.Entry // lines that will get an invalid-url row
}

// NewPlan reads text.
func NewPlan(text string) Plan {
	list := urllist.Parse(text)
	return Plan{Text: text, List: list, Total: list.Total(), Templates: list.Templates(), Invalid: list.Invalid()}
}

// Lines is how many URL lines the box holds.
func (p Plan) Lines() int { return len(p.List.Entries) }

// Duplicates are the lines that repeat an earlier one (fetched once).
func (p Plan) Duplicates() []urllist.Duplicate { return p.List.Duplicates }

// Expand returns what a run fetches, in order (templates expanded in
// place, invalid lines as written so that each gets its row), and the URLs
// that templates repeat, which are fetched once.
func (p Plan) Expand() ([]string, []urllist.Duplicate) { return p.List.URLs() }
