package ui

import (
	"strconv"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderInput is the URL box, the file picker and the notes under them.
func (c *Page) renderInput() app.UI {
	return app.Section().Class("input").Body(
		app.Label().For("urls").Text("URLs, one per line (# starts a comment; templates like ?page=[1-50] or {a,b} expand)"),
		app.Textarea().ID("urls").
			Rows(8).
			Spellcheck(false).
			Placeholder("https://api.example.com/users/1\nhttps://api.example.com/items?page=[1-5]").
			Attr("value", c.plan.Text).
			Text(c.plan.Text).
			OnInput(c.onURLsInput).
			OnKeyDown(c.onKeyDown).
			OnDragOver(c.onDragOver).
			OnDrop(c.onDrop),
		app.Div().Class("file-pick").Body(
			app.Label().For(fileInputID).Text("Or open a file of URLs (.txt, .csv, .json), or drop it on the box; Ctrl+Enter fetches:"),
			app.Input().ID(fileInputID).Type("file").Accept(".txt,.csv,.json,text/plain,text/csv,application/json").OnChange(c.onFilePicked),
			app.If(c.fileNote != "", func() app.UI { return app.Span().ID("file-note").Text(c.fileNote) }),
		),
		&urlNotes{Count: c.plan.Total, Lines: c.plan.Lines(), Templates: c.plan.Templates,
			Invalid: c.plan.Invalid, Duplicates: c.plan.Duplicates(), LinkNotes: c.notes},
	)
}

// renderControls is the row of buttons and options above the run.
func (c *Page) renderControls() app.UI {
	state := c.run.State
	return app.Div().Class("controls").Body(
		fetchButton(c.ready, state == run.Running, c.onFetch),
		disabledIf(app.Button().ID("cancel").OnClick(c.onCancel), state != run.Running).Text("Cancel"),
		disabledIf(app.Button().ID("retry-failed").OnClick(c.onRetryFailed), !c.run.Retryable()).Text("Retry failed"),
		app.Label().For("merge").Text("Merge"),
		app.Select().ID("merge").OnChange(c.onModeChange).Body(
			app.Range(combine.Modes).Slice(func(i int) app.UI {
				m := combine.Modes[i]
				option := app.Option().Value(string(m)).Text(string(m))
				if m == c.run.Mode {
					option = option.Selected(true)
				}
				return option
			}),
		),
		app.Label().For("concurrency").Text("At once"),
		concurrencyInput(c.options.Concurrency, c.onConcurrency),
		app.Label().For("timeout").Text("Timeout (s)"),
		app.Input().ID("timeout").Type("number").Min(1).Max(600).
			Value(orDefault(int(c.options.Timeout/time.Second), int(fanout.DefaultTimeout/time.Second))).OnChange(c.onTimeout),
		app.Label().For("retries").Text("Retries"),
		app.Input().ID("retries").Type("number").Min(0).Max(10).Value(c.options.Retries).OnChange(c.onRetries),
		&sharePanel{Link: c.link.url, Length: c.link.length, Env: c.env, Command: c.cmd},
		c.renderPages(),
	)
}

// renderMoreOptions is the folded request headers and proxy choice.
func (c *Page) renderMoreOptions() app.UI {
	return app.Details().Class("more-options").Body(
		app.Summary().Text("Request headers and proxy"),
		app.Label().For("headers").Text("Headers sent with every request, one per line (Name: value). They are never put into links."),
		app.Textarea().ID("headers").Rows(3).Spellcheck(false).
			Placeholder("Authorization: Bearer …\nAccept: application/json").
			Attr("value", c.headers).Text(c.headers).OnInput(c.onHeaders),
		app.If(c.proxy, func() app.UI {
			return app.Label().Class("check").Body(
				checkedIf(app.Input().ID("always-proxy").Type("checkbox").OnChange(c.onAlways), c.always),
				app.Text(" Send every URL through this server's proxy (otherwise only URLs that fail for CORS)"),
			)
		}).Else(func() app.UI {
			return app.P().ID("proxy-off").Class("hint").Text("This server offers no fetch proxy; URLs without CORS headers fail here (run `fanin serve -proxy`, or use `fanin get`).")
		}),
	)
}

// checkedIf sets checked only when it is true, for the same reason as
// disabledIf.
func checkedIf(in app.HTMLInput, checked bool) app.HTMLInput {
	if checked {
		return in.Checked(true)
	}
	return in
}

// disabledIf sets disabled only when it is true: go-app pre-renders
// Disabled(false) as disabled="false", which HTML reads as disabled.
func disabledIf(b app.HTMLButton, disabled bool) app.HTMLButton {
	if disabled {
		return b.Disabled(true)
	}
	return b
}

// concurrencyInput is "At once": empty (placeholder "auto") means the
// browser's own limits per origin (fanout's default for the page: 64 per
// http: origin, 256 per https: origin); a number is one bound for all.
func concurrencyInput(n int, onChange app.EventHandler) app.UI {
	value := "" // set even when empty, so that go-app clears the field a link left set
	if n > 0 {
		value = strconv.Itoa(n)
	}
	return app.Input().ID("concurrency").Type("number").Min(1).Max(64).Placeholder("auto").
		Title("Requests in flight at most; empty: as many as the browser allows per origin").Value(value).OnChange(onChange)
}
