package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"fanin/app/jqwork"
	"fanin/app/result"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panel puts at most this much jq output in the page: laying out a
// megabyte of one-number lines took Chromium seconds on its only thread.
// Copy output copies all of it.
const (
	maxJQShownBytes = 256 << 10
	maxJQShownLines = 2000
)

// jqPanel runs a jq filter over the combined result and shows its output
// below, leaving the tree and the raw view on the result itself. A filter
// a link carried (Expr) runs as soon as a result arrives.
type jqPanel struct {
	app.Compo

	Result *result.Result
	Expr   string
	Env    webenv.Env
	OnExpr func(ctx app.Context, expr string)

	result  *result.Result
	linked  string // the last Expr seen, to tell a new link from our own echo
	expr    string
	job     filterJob
	output  []byte
	text    string // the part of output the page shows
	errText string
	status  string
}

func (c *jqPanel) OnInit() { c.sync() }

func (c *jqPanel) OnMount(ctx app.Context) {
	if c.expr != "" && c.Result != nil && !c.job.running && c.output == nil && c.errText == "" {
		c.start(ctx)
	}
}

func (c *jqPanel) OnUpdate(ctx app.Context) {
	if c.sync() && c.expr != "" && c.Result != nil {
		c.start(ctx)
	}
}

func (c *jqPanel) OnDismount() { c.stop() }

// sync takes in a new result or a filter from a new link, and reports
// whether the filter should run again.
func (c *jqPanel) sync() bool {
	rerun := false
	if c.Expr != c.linked {
		c.linked = c.Expr
		if c.Expr != c.expr {
			c.expr, rerun = c.Expr, true
		}
	}
	if c.Result != c.result {
		c.stop()
		c.result, c.output, c.text, c.errText, c.status = c.Result, nil, "", "", ""
		rerun = true
	}
	return rerun
}

func (c *jqPanel) onInput(ctx app.Context, e app.Event) {
	c.expr = ctx.JSSrc().Get("value").String()
	if c.Result != nil {
		c.Result.WarmJQ() // the worker starts while the filter is typed
	}
	if c.OnExpr != nil {
		c.OnExpr(ctx, c.expr)
	}
}

func (c *jqPanel) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" {
		e.PreventDefault()
		c.start(ctx)
	}
}

func (c *jqPanel) onRun(ctx app.Context, e app.Event)    { c.start(ctx) }
func (c *jqPanel) onCancel(ctx app.Context, e app.Event) { c.stop(); c.status = "Cancelled." }
func (c *jqPanel) onCopy(ctx app.Context, e app.Event) {
	copyText(ctx, c.Env, string(c.output), "Output", &c.status)
}

func (c *jqPanel) stop() { c.job.stop() }

// start runs the filter in the result's jq runner (a Web Worker in the
// page), so neither gojq nor the garbage collection of a big decoded result
// ever holds the page; a syntax error comes back from it, with where.
// Cancel ends it.
func (c *jqPanel) start(ctx app.Context) {
	c.stop()
	c.output, c.text, c.errText, c.status = nil, "", "", ""
	if c.Result == nil || c.expr == "" {
		return
	}
	runCtx, cancel, run := c.job.begin()
	c.status = "running…"
	client, expr := c.Result.JQ(), c.expr
	if client == nil { // the result was replaced: a new one is on its way
		c.stop()
		return
	}
	ctx.Async(func() {
		defer cancel()
		began := time.Now()
		r, err := client.Run(runCtx, jqwork.Job{Expr: expr, Progress: c.job.report(ctx, run)})
		took := time.Since(began)
		ctx.Dispatch(func(ctx app.Context) {
			if !c.job.finish(run) {
				return
			}
			c.output = r.Out
			text, note := shownText(r.Out)
			c.text = text
			c.status = fmt.Sprintf("%d bytes of output in %.2f s.%s%s", len(r.Out), took.Seconds(), note, fastNote(r))
			switch {
			case errors.Is(err, context.Canceled):
				c.status = "Cancelled."
			case err != nil:
				c.errText = err.Error()
			case r.Err != "":
				c.errText = r.Err
			}
		})
	})
}

// shownText is the part of out the panel shows, and a note on the rest.
func shownText(out []byte) (text, note string) {
	cut := min(len(out), maxJQShownBytes)
	lines := 0
	for i, b := range out[:cut] {
		if b == '\n' {
			if lines++; lines == maxJQShownLines {
				cut = i + 1
				break
			}
		}
	}
	if cut == len(out) {
		return string(out), ""
	}
	total := bytes.Count(out, []byte("\n"))
	return string(out[:cut]) + "…", fmt.Sprintf(" Showing the first %d of %d lines; Copy output has all of them.", bytes.Count(out[:cut], []byte("\n")), total)
}

func (c *jqPanel) Render() app.UI {
	return app.Div().Class("jq-panel").Body(
		app.Div().Class("jq-input").Body(
			app.Label().For("jq").Text("jq filter"),
			app.Input().ID("jq").Type("text").Spellcheck(false).Placeholder(".[] | .id").
				Value(c.expr).OnInput(c.onInput).OnKeyDown(c.onKeyDown),
			app.Button().ID("jq-run").OnClick(c.onRun).Text("Run"),
			app.If(c.job.running, func() app.UI {
				return app.Button().ID("jq-cancel").OnClick(c.onCancel).Text("Cancel")
			}),
			app.If(len(c.output) > 0, func() app.UI {
				return app.Button().ID("jq-copy").OnClick(c.onCopy).Text("Copy output")
			}),
			app.Span().ID("jq-status").Aria("live", "polite").Text(c.status),
			c.job.view("jq-progress"),
		),
		app.If(c.errText != "", func() app.UI {
			return app.Pre().ID("jq-error").Class("problem").Role("alert").Text(c.errText)
		}),
		app.If(len(c.output) > 0, func() app.UI {
			return app.Pre().ID("jq-output").Aria("label", "jq output").Text(c.text)
		}),
	)
}
