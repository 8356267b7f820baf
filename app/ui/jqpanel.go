package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fanin/app/jqfilter"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxJQShown is how much jq output the panel puts in the page; Copy
// output copies all of it.
const maxJQShown = 1 << 20

// jqPanel runs a jq filter over the combined result and shows its output
// below, leaving the tree and the raw view on the result itself. A filter
// a link carried (Expr) runs as soon as a result arrives.
type jqPanel struct {
	app.Compo

	Outcome *Outcome
	Expr    string
	Env     webenv.Env
	OnExpr  func(ctx app.Context, expr string)

	outcome *Outcome
	linked  string // the last Expr seen, to tell a new link from our own echo
	expr    string
	input   *jqfilter.Input // Outcome.Doc decoded once for every filter
	job     filterJob
	output  []byte
	text    string // the part of output the page shows
	errText string
	status  string
}

func (c *jqPanel) OnInit() { c.sync() }

func (c *jqPanel) OnMount(ctx app.Context) {
	if c.expr != "" && c.Outcome != nil && !c.job.running && c.output == nil && c.errText == "" {
		c.start(ctx)
	}
}

func (c *jqPanel) OnUpdate(ctx app.Context) {
	if c.sync() && c.expr != "" && c.Outcome != nil {
		c.start(ctx)
	}
}

func (c *jqPanel) OnDismount() { c.stop() }

// sync takes in a new outcome or a filter from a new link, and reports
// whether the filter should run again.
func (c *jqPanel) sync() bool {
	rerun := false
	if c.Expr != c.linked {
		c.linked = c.Expr
		if c.Expr != c.expr {
			c.expr, rerun = c.Expr, true
		}
	}
	if c.Outcome != c.outcome {
		c.stop()
		c.outcome, c.input, c.output, c.text, c.errText, c.status = c.Outcome, nil, nil, "", "", ""
		rerun = true
	}
	return rerun
}

func (c *jqPanel) onInput(ctx app.Context, e app.Event) {
	c.expr = ctx.JSSrc().Get("value").String()
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

// start compiles the filter (a syntax error shows at once, with where) and
// runs it off the UI goroutine; the yielding context keeps the page and
// the Cancel button live while gojq works.
func (c *jqPanel) start(ctx app.Context) {
	c.stop()
	c.output, c.text, c.errText, c.status = nil, "", "", ""
	if c.Outcome == nil || c.expr == "" {
		return
	}
	f, err := jqfilter.Compile(c.expr)
	if err != nil {
		c.errText = err.Error()
		return
	}
	runCtx, cancel, run := c.job.begin()
	c.status = "running…"
	doc, input := c.Outcome.Doc, c.input
	ctx.Async(func() {
		defer cancel()
		began := time.Now()
		var out []byte
		var err error
		if input == nil {
			input, err = jqfilter.DecodePaced(runCtx, doc, pause)
		}
		if err == nil {
			out, err = f.RunInput(newYieldingContext(runCtx), input)
		}
		took := time.Since(began)
		ctx.Dispatch(func(ctx app.Context) {
			if !c.job.finish(run) {
				return
			}
			c.input, c.output = input, out
			c.text = shownText(out)
			c.status = fmt.Sprintf("%d bytes of output in %.2f s.", len(out), took.Seconds())
			switch {
			case errors.Is(err, context.Canceled):
				c.status = "Cancelled."
			case err != nil:
				c.errText = err.Error()
			}
		})
	})
}

func shownText(out []byte) string {
	if len(out) > maxJQShown {
		return string(out[:maxJQShown]) + "…"
	}
	return string(out)
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
		),
		app.If(c.errText != "", func() app.UI {
			return app.Pre().ID("jq-error").Class("problem").Role("alert").Text(c.errText)
		}),
		app.If(len(c.output) > 0, func() app.UI {
			return app.Pre().ID("jq-output").Aria("label", "jq output").Text(c.text)
		}),
	)
}
