package ui

import (
	"fmt"

	"fanin/app/fanout"
	"fanin/app/result"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Row statuses, as shown in each row's data-status.
const (
	RowPending = run.RowPending
	RowOK      = run.RowOK
	RowError   = run.RowError
)

// resultRow is one URL's line in the run: its state, HTTP status, size and
// time, or the kind and message of its error. Its fields are small values so
// that go-app can skip rows that did not change.
type resultRow struct {
	app.Compo

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

func (c *resultRow) Render() app.UI {
	li := app.Li().Class("row").
		DataSet("status", c.Status).
		DataSet("index", c.Index).
		DataSet("kind", c.Kind)
	if c.Page > 0 { // a paginated run's page
		li = li.DataSet("page", c.Page)
	}
	return li.Body(
		app.If(c.ChainHead != "", func() app.UI {
			return app.P().Class("chain").DataSet("pages", c.ChainPages).Title(c.ChainHead).Text(c.chainText())
		}),
		app.Span().Class("badge").Text(c.badge()),
		app.Span().Class("url").Title(c.URL).Text(c.URL),
		app.Span().Class("meta").Text(c.meta()),
		app.If(c.Message != "", func() app.UI {
			return app.P().Class("message").Text(c.Message)
		}),
		app.If(c.Note != "", func() app.UI {
			return app.P().Class("note").Text(c.Note)
		}),
	)
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
