package ui

import (
	"bytes"
	"fmt"
	"time"

	"fanin/app/jqwork"
	"fanin/app/result"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// comparePage is how many URLs the table shows at once.
const comparePage = 100

// compareTable evaluates one jq path against every response on its own and
// shows one row per URL: the same field across many APIs side by side.
type compareTable struct {
	app.Compo

	Result *result.Result

	result  *result.Result
	expr    string
	rows    []compareRow
	page    int
	job     filterJob
	errText string
	status  string
}

type compareRow struct {
	URL    string
	Status string // ok, error (the URL failed) or jq-error
	Value  string
}

func (c *compareTable) OnInit()                  { c.sync() }
func (c *compareTable) OnUpdate(ctx app.Context) { c.sync() }
func (c *compareTable) OnDismount()              { c.stop() }

func (c *compareTable) sync() {
	if c.Result != c.result {
		c.stop()
		c.result, c.rows, c.page, c.errText, c.status = c.Result, nil, 0, "", ""
	}
}

func (c *compareTable) stop() { c.job.stop() }

func (c *compareTable) onInput(ctx app.Context, e app.Event) {
	c.expr = ctx.JSSrc().Get("value").String()
	if c.Result != nil {
		c.Result.WarmJQ() // the worker starts while the path is typed
	}
}

func (c *compareTable) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" {
		e.PreventDefault()
		c.start(ctx)
	}
}

func (c *compareTable) onRun(ctx app.Context, e app.Event)    { c.start(ctx) }
func (c *compareTable) onCancel(ctx app.Context, e app.Event) { c.stop(); c.status = "Cancelled." }

func (c *compareTable) start(ctx app.Context) {
	c.stop()
	c.errText, c.status = "", ""
	if c.Result == nil || c.expr == "" {
		return
	}
	results, client, expr := c.Result.Results, c.Result.JQ(), c.expr
	if client == nil { // the result was replaced: a new one is on its way
		return
	}
	runCtx, cancel, run := c.job.begin()
	c.status = "running…"
	ctx.Async(func() {
		defer cancel()
		began := time.Now()
		reply, err := client.Run(runCtx, jqwork.Job{Expr: expr, Compact: true, Each: true, Progress: c.job.report(ctx, run)})
		took := time.Since(began)
		rows := make([]compareRow, len(results))
		for i, r := range results {
			rows[i] = compareRow{URL: r.URL, Status: "ok"}
			switch {
			case !r.OK():
				rows[i].Status, rows[i].Value = "error", "no value: "+string(r.Err.KindOr("not finished"))
			case err != nil:
				rows[i].Status, rows[i].Value = "jq-error", err.Error()
			case i < len(reply.Errs) && reply.Errs[i] != "":
				rows[i].Status, rows[i].Value = "jq-error", reply.Errs[i]
			case i < len(reply.Outs):
				rows[i].Value = truncate(string(bytes.TrimSpace(reply.Outs[i])))
			}
		}
		cancelled := runCtx.Err() != nil // before the deferred cancel
		ctx.Dispatch(func(ctx app.Context) {
			if !c.job.finish(run) {
				return
			}
			if err == nil && reply.Err != "" && reply.Outs == nil { // the filter did not compile
				c.rows, c.page, c.errText, c.status = nil, 0, reply.Err, ""
				return
			}
			c.rows, c.page = rows, 0
			c.status = fmt.Sprintf("%s against %s in %.2f s.%s", c.expr, plural(len(rows), "response"), took.Seconds(), fastNote(reply))
			if cancelled {
				c.status = "Cancelled."
			}
		})
	})
}

func (c *compareTable) turn(d int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.page = max(0, min(c.page+d, (len(c.rows)-1)/comparePage))
	}
}

func (c *compareTable) Render() app.UI {
	from := c.page * comparePage
	shown := c.rows[min(from, len(c.rows)):min(from+comparePage, len(c.rows))]
	return app.Div().Class("compare").Body(
		app.Div().Class("jq-input").Body(
			app.Label().For("compare-path").Text("Path to compare"),
			app.Input().ID("compare-path").Type("text").Spellcheck(false).Placeholder(".id").
				Value(c.expr).OnInput(c.onInput).OnKeyDown(c.onKeyDown),
			app.Button().ID("compare-run").OnClick(c.onRun).Text("Compare"),
			app.If(c.job.running, func() app.UI {
				return app.Button().ID("compare-cancel").OnClick(c.onCancel).Text("Cancel")
			}),
			app.Span().ID("compare-status").Aria("live", "polite").Text(c.status),
			c.job.view("compare-progress"),
		),
		app.If(c.errText != "", func() app.UI {
			return app.Pre().ID("compare-error").Class("problem").Role("alert").Text(c.errText)
		}),
		app.If(len(c.rows) > 0, func() app.UI {
			return app.Table().ID("compare-table").Body(
				app.THead().Body(app.Tr().Body(app.Th().Text("#"), app.Th().Text("URL"), app.Th().Text("Value"))),
				app.TBody().Body(app.Range(shown).Slice(func(i int) app.UI {
					r := shown[i]
					return app.Tr().Class("compare-row").DataSet("status", r.Status).Body(
						app.Td().Class("num").Text(from+i+1),
						app.Td().Class("url").Text(r.URL),
						app.Td().Class("val").Text(r.Value),
					)
				})),
			)
		}),
		app.If(len(c.rows) > comparePage, func() app.UI {
			return app.Div().Class("pager").Body(
				app.Button().ID("compare-prev").OnClick(c.turn(-1)).Text("Previous"),
				app.Span().Text(fmt.Sprintf("URLs %d–%d of %d", from+1, from+len(shown), len(c.rows))),
				app.Button().ID("compare-next").OnClick(c.turn(1)).Text("Next"),
			)
		}),
	)
}
