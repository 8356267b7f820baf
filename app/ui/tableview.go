package ui

import (
	"context"
	"fmt"
	"time"

	"fanin/app/pace"
	"fanin/app/result"
	"fanin/app/table"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The records table is windowed like the tree: rows of a fixed height, the
// ones out of view stood in for by spacer rows (sp-N classes, powers of two
// rows), so 100,000 records are a few dozen rows in the DOM.
const (
	tableRowHeight = 24     // px, as #result-table rows in fanin.css
	tableStep      = 50_000 // tokens of the responses per StepTable
	viewStep       = 20_000 // records per Viewer step
)

// tableView is the Table tab: the responses' records as one table
// (app/table, read by result.Result), sorted by a column, filtered by
// text, its Schema, and Download CSV.
type tableView struct {
	app.Compo

	Result  *result.Result // read, never closed
	Pacer   *pace.Pacer
	Env     webenv.Env
	Visible bool // its tab is shown: the table is read the first time it is

	result     *result.Result
	table      *table.Table
	schema     []table.ColumnSchema
	built      int // percent
	order      table.Order
	filter     string
	rows       []int32 // the view: records in order; nil while it is made
	views      int     // views made, so the grid knows a new one from the last
	asked      int     // views asked for: only the last one asked is shown
	showSchema bool
	status     string
	run        int
	cancel     context.CancelFunc
	viewCancel context.CancelFunc
}

func (c *tableView) OnInit()                  { c.sync() }
func (c *tableView) OnMount(ctx app.Context)  { c.read(ctx) }
func (c *tableView) OnUpdate(ctx app.Context) { c.sync(); c.read(ctx) }
func (c *tableView) OnDismount()              { c.stop() }

func (c *tableView) sync() {
	if c.Result == c.result {
		return
	}
	c.stop()
	c.result, c.table, c.schema, c.rows, c.built = c.Result, nil, nil, nil, 0
	c.order, c.filter, c.status = table.Unsorted, "", ""
}

func (c *tableView) stop() {
	for _, cancel := range []context.CancelFunc{c.cancel, c.viewCancel} {
		if cancel != nil {
			cancel()
		}
	}
	c.cancel, c.viewCancel = nil, nil
	c.run++
}

// read makes the result's table off the UI goroutine, a slice at a time,
// the first time the tab is shown.
func (c *tableView) read(ctx app.Context) {
	if !c.Visible || c.result == nil || c.table != nil || c.cancel != nil {
		return
	}
	res, run, pacer := c.result, c.run, c.Pacer
	runCtx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	ctx.Async(func() {
		defer cancel()
		progress := func() {
			p := int(res.TableProgress() * 100)
			ctx.Dispatch(func(ctx app.Context) {
				if c.run == run {
					c.built = p
				}
			})
		}
		if pacer.Run(runCtx, func() bool { return res.StepTable(tableStep) }, progress) != nil {
			return
		}
		t := res.Table()
		schema := t.Schema()
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run {
				return
			}
			c.cancel, c.table, c.schema, c.built = nil, t, schema, 100
			c.view(ctx)
		})
	})
}

// view makes the rows in the current order and filter, replacing a view
// still being made (each key typed in the filter starts over).
func (c *tableView) view(ctx app.Context) {
	if c.viewCancel != nil {
		c.viewCancel()
	}
	c.asked++
	t, order, filter, pacer, run, asked := c.table, c.order, c.filter, c.Pacer, c.run, c.asked
	runCtx, cancel := context.WithCancel(context.Background())
	c.viewCancel = cancel
	ctx.Async(func() {
		defer cancel()
		v := table.NewViewer(t, order, filter)
		if pacer.Run(runCtx, func() bool { return v.Step(viewStep) }, nil) != nil {
			return
		}
		rows := v.Rows()
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run || c.asked != asked { // a later view is on its way

				return
			}
			c.rows = rows
			c.views++
		})
	})
}

// sortBy sorts by column col: ascending first, then descending, then
// ascending again.
func (c *tableView) sortBy(ctx app.Context, col int) {
	if c.table == nil {
		return
	}
	if c.order.Col == col {
		c.order.Desc = !c.order.Desc
	} else {
		c.order = table.Order{Col: col}
	}
	c.view(ctx)
}

func (c *tableView) onFilter(ctx app.Context, e app.Event) {
	c.filter = ctx.JSSrc().Get("value").String()
	if c.table != nil {
		c.view(ctx)
	}
}

func (c *tableView) onToggleSchema(ctx app.Context, e app.Event) { c.showSchema = !c.showSchema }

func (c *tableView) onDownloadCSV(ctx app.Context, e app.Event) {
	if c.table == nil {
		c.status = fmt.Sprintf("Still reading the records (%d %%); try again in a moment.", c.built)
		return
	}
	data, err := c.result.CSV()
	if err == nil {
		name := "fanin-" + time.Now().Format("2006-01-02") + ".csv"
		if err = c.Env.Download(name, "text/csv", data); err == nil {
			c.status = fmt.Sprintf("Saved %s (%s).", name, formatBytes(len(data)))
			return
		}
	}
	c.status = "Download failed: " + err.Error()
}

func (c *tableView) Render() app.UI {
	if c.result == nil {
		return app.Div().Class("table-panel")
	}
	if c.table == nil {
		return app.Div().Class("table-panel").Body(
			app.P().ID("table-progress").Class("progress").Aria("live", "polite").
				Text(fmt.Sprintf("Reading the records… %d %%", c.built)))
	}
	return app.Div().Class("table-panel").Body(
		app.Div().Class("table-tools").Body(
			app.Label().For("table-filter").Text("Filter rows"),
			app.Input().Type("search").ID("table-filter").Placeholder("text in any cell").
				Value(c.filter).OnInput(c.onFilter),
			app.Button().ID("show-schema").Aria("pressed", c.showSchema).OnClick(c.onToggleSchema).Text("Schema"),
			app.Button().ID("download-csv").OnClick(c.onDownloadCSV).
				Title("Every record, in record order, as CSV (RFC 4180)").Text("Download CSV"),
			app.Span().ID("table-status").Aria("live", "polite").Text(c.summary()),
		),
		app.If(c.showSchema, func() app.UI { return &schemaView{Schema: c.schema} }),
		&tableGrid{Table: c.table, Rows: c.rows, View: c.views, Order: c.order, OnSort: c.sortBy},
	)
}

// summary counts what is shown, or says what was just done.
func (c *tableView) summary() string {
	if c.status != "" {
		return c.status
	}
	n, cols := c.table.Len(), len(c.table.Columns())
	from := 0
	if len(c.schema) > 0 {
		from = c.schema[table.URLColumn].Responses
	}
	s := fmt.Sprintf("%s records from %s responses, %d columns", groupDigits(n), groupDigits(from), cols)
	if c.rows != nil && len(c.rows) != n {
		s = fmt.Sprintf("%s of %s", groupDigits(len(c.rows)), s)
	}
	return s
}
