package ui

import (
	"fmt"

	"fanin/app/fanout"
	"fanin/app/result"
	"fanin/app/run"
)

// Row statuses, as shown in each row's data-status.
const (
	RowPending = run.RowPending
	RowOK      = run.RowOK
	RowError   = run.RowError
)

// resultRow is one URL's line in the run: its state, HTTP status, size and
// time, or the kind and message of its error. The board writes its rows as
// markup (markup.go says why), so a row is plain data.
type resultRow struct {
	Index    int
	URL      string
	Status   string // RowPending, RowOK or RowError
	Running  bool
	HTTP     int
	Bytes    int
	Millis   int64
	Kind     string
	Message  string
	Attempts int
	ViaProxy bool
	Wait     string // the server's last Retry-After

	// A paginated run's page: its number, and on a chain's first page the
	// chain's heading (start URL, pages so far).
	Page         int
	Note         string
	ChainHead    string
	ChainPages   int
	ChainRunning bool
}

func newResultRow(r fanout.Result) *resultRow {
	row := &resultRow{Index: r.Index, URL: r.URL, Status: RowPending, Running: r.State == fanout.Running, HTTP: r.Status, Bytes: r.Bytes,
		Attempts: r.Attempts, ViaProxy: r.ViaProxy, Wait: r.RetryAfter, Page: r.Page, Note: r.Note}
	if r.State != fanout.Done {
		return row
	}
	row.Millis = r.Elapsed().Milliseconds()
	if r.Err != nil {
		row.Status, row.Kind, row.Message = RowError, string(r.Err.Kind), r.Err.Message
	} else {
		row.Status = RowOK
	}
	return row
}

// write writes the row as an <li>.
func (c *resultRow) write(m *markup) {
	attrs := []string{"class", "row", "data-status", c.Status, "data-index", itoa(c.Index), "data-kind", c.Kind}
	if c.Page > 0 { // a paginated run's page
		attrs = append(attrs, "data-page", itoa(c.Page))
	}
	m.open("li", attrs...)
	if c.ChainHead != "" {
		m.elem("p", c.chainText(), "class", "chain", "data-pages", itoa(c.ChainPages), "title", c.ChainHead)
	}
	m.elem("span", c.badge(), "class", "badge")
	m.elem("span", c.URL, "class", "url", "title", c.URL)
	m.elem("span", c.meta(), "class", "meta")
	if c.Message != "" {
		m.elem("p", c.Message, "class", "message")
	}
	if c.Note != "" {
		m.elem("p", c.Note, "class", "note")
	}
	m.close("li")
}

// chainText heads a chain's pages: its start URL and its page count.
func (c *resultRow) chainText() string {
	pages := fmt.Sprintf("%d pages", c.ChainPages)
	if c.ChainPages == 1 {
		pages = "1 page"
	}
	if c.ChainRunning {
		pages += " so far"
	}
	return c.ChainHead + " · " + pages
}

func (c *resultRow) badge() string {
	switch {
	case c.Status == RowOK:
		return "ok"
	case c.Status == RowError:
		return c.Kind
	case c.Running:
		return "fetching"
	default:
		return "waiting"
	}
}

func (c *resultRow) meta() string {
	if c.Status == RowPending {
		return ""
	}
	s := fmt.Sprintf("%d ms", c.Millis)
	if c.HTTP != 0 {
		s = fmt.Sprintf("HTTP %d · %s · %s", c.HTTP, formatBytes(c.Bytes), s)
	}
	if c.Page > 0 {
		s = fmt.Sprintf("page %d · %s", c.Page, s)
	}
	if c.Attempts > 1 {
		s += fmt.Sprintf(" · %d attempts", c.Attempts)
	}
	if c.Wait != "" {
		s += " · Retry-After " + c.Wait
	}
	if c.ViaProxy {
		s += " · via proxy"
	}
	return s
}

func formatBytes(n int) string { return result.FormatBytes(n) }
