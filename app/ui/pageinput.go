package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fanin/app/cmdline"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/run"
	"fanin/app/urllist"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fileInputID is the URL file picker; a drop on the box puts the dropped
// files there too, so one reader serves both.
const fileInputID = "url-file"

func (c *Page) onURLsInput(ctx app.Context, e app.Event) {
	c.SetText(ctx.JSSrc().Get("value").String())
	c.linkChanged(ctx)
}

func (c *Page) onModeChange(ctx app.Context, e app.Event) {
	mode, err := combine.ParseMode(ctx.JSSrc().Get("value").String())
	if err != nil {
		c.problem = err.Error()
		return
	}
	e2, again := c.run.SetMode(mode)
	c.linkChanged(ctx)
	if again {
		c.encode(ctx, e2)
	}
}

func (c *Page) onConcurrency(ctx app.Context, e app.Event) {
	c.options.Concurrency = clampInt(inputInt(ctx), 1, 64, 0) // empty or out of range: per origin
	c.linkChanged(ctx)
}

func (c *Page) onTimeout(ctx app.Context, e app.Event) {
	secs := clampInt(inputInt(ctx), 1, 600, int(fanout.DefaultTimeout/time.Second))
	c.options.Timeout = time.Duration(secs) * time.Second
	c.linkChanged(ctx)
}

func (c *Page) onRetries(ctx app.Context, e app.Event) {
	c.options.Retries = clampInt(inputInt(ctx), 0, 10, 0)
}

func (c *Page) onHeaders(ctx app.Context, e app.Event) {
	c.headers = ctx.JSSrc().Get("value").String()
}

func (c *Page) onAlways(ctx app.Context, e app.Event) {
	c.always = ctx.JSSrc().Get("checked").Bool()
}

func (c *Page) onReload(ctx app.Context, e app.Event) { ctx.Reload() }

func (c *Page) onJQ(ctx app.Context, expr string) {
	c.jqExpr = expr
	c.linkChanged(ctx)
}

// onKeyDown runs the list on Ctrl+Enter (Cmd+Enter on a Mac).
func (c *Page) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
		e.PreventDefault()
		c.SetText(ctx.JSSrc().Get("value").String())
		c.Start(ctx)
	}
}

func (c *Page) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

// onDrop and onFilePicked fill the box from a .txt, .csv or .json file.
func (c *Page) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	app.Window().GetElementByID(fileInputID).Set("files", e.Get("dataTransfer").Get("files"))
	c.readFile(ctx)
}

func (c *Page) onFilePicked(ctx app.Context, e app.Event) { c.readFile(ctx) }

func (c *Page) readFile(ctx app.Context) {
	wait := c.env.ReadFile(fileInputID)
	ctx.Async(func() {
		name, text, err := wait()
		if err == nil {
			text, err = urllist.FromFile(name, text)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.fileNote = fmt.Sprintf("Could not use %s: %v", name, err)
				return
			}
			c.fileNote = fmt.Sprintf("Read %s.", name)
			c.SetText(text)
			c.linkChanged(ctx)
		})
	})
}

func (c *Page) onFilter(ctx app.Context, f run.Filter) {
	c.run.SetFilter(f)
	c.showBoard()
}

func (c *Page) onBoardPage(ctx app.Context, p int) {
	c.run.ShowPage(p)
	c.showBoard()
}

func (c *Page) onRecent(ctx app.Context, text string) {
	c.SetText(text)
	c.linkChanged(ctx)
}

func (c *Page) onClearRecent(ctx app.Context) {
	c.recent = nil
	c.env.Remove(recentKey)
}

// command is the fanin command line that does what the page does (no
// headers: they may hold secrets).
func (c *Page) command() string {
	if c.plan.Total == 0 {
		return ""
	}
	lines := make([]string, 0, len(c.plan.List.Entries))
	for _, e := range c.plan.List.Entries {
		lines = append(lines, e.URL)
	}
	return cmdline.Command(lines, cmdline.Options{Fetch: c.options, Merge: string(c.run.Mode), JQ: c.jqExpr, Next: c.pages.spec()})
}

// inputInt reads a number input's value: a string in JavaScript (reading
// it as a number would panic); -1 when it is not a whole number.
func inputInt(ctx app.Context) int {
	n, err := strconv.Atoi(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
	if err != nil {
		return -1
	}
	return n
}

func clampInt(v, lo, hi, def int) int {
	if v < lo || v > hi {
		return def
	}
	return v
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}
