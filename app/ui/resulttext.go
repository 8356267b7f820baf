package ui

import (
	"context"
	"fmt"
	"time"

	"fanin/app/result"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// previewBytes is how much of a big result's indented text Raw shows.
const previewBytes = 1 << 20

// indent writes the result's document with indentation, the bytes the
// CLI prints (result.JSON), a slice at a time, and hands it to the view.
// A result too big to keep its text (result.KeepTextMax) gets the text's
// beginning for Raw; Download indents it again, into the file.
func (c *resultView) indent(ctx app.Context, runCtx context.Context, res *result.Result, run int) error {
	if !res.KeepsText() {
		return c.indentPreview(ctx, runCtx, res, run)
	}
	in := res.Indenter()
	err := c.Pacer.Run(runCtx, func() bool { return in.Step(indentStep) }, c.shows(ctx, run, in.Progress, &c.indented))
	if err != nil {
		return err
	}
	pretty, err := in.Result()
	ctx.Dispatch(func(ctx app.Context) {
		if c.run == run {
			c.textRead(pretty, err)
		}
	})
	return err
}

// indentPreview indents the first previewBytes of the text, for Raw.
func (c *resultView) indentPreview(ctx app.Context, runCtx context.Context, res *result.Result, run int) error {
	in := res.StreamIndenter()
	var text []byte
	err := c.Pacer.Run(runCtx, func() bool {
		done := in.Step(indentStep)
		text = append(text, in.Take()...)
		return done || len(text) >= previewBytes
	}, nil)
	if err != nil {
		return err
	}
	if cut := lastNewline(text[:min(len(text), previewBytes)]); cut > 0 {
		text = text[:cut]
	}
	ctx.Dispatch(func(ctx app.Context) {
		if c.run != run {
			return
		}
		c.pretty, c.preview, c.indented = text, true, 100
		if c.tab == TabRaw {
			c.raw = rawBlocks(text)
		}
	})
	return nil
}

func lastNewline(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '\n' {
			return i + 1
		}
	}
	return 0
}

// previewNote says what Raw shows of a big result.
func (c *resultView) previewNote() string {
	return fmt.Sprintf("The first %s of the indented text: the result is %s, too big to lay out whole. Download JSON saves all of it.",
		formatBytes(len(c.pretty)), formatBytes(len(c.result.Doc.Bytes)))
}

// notReady says, for Copy all and Download JSON pressed before the text
// is ready, how far it is.
func (c *resultView) notReady() bool {
	if c.pretty != nil {
		return false
	}
	c.status = fmt.Sprintf("Still indenting the result (%d %%); try again in a moment.", c.indented)
	return true
}

func (c *resultView) onCopyAll(ctx app.Context, e app.Event) {
	if c.result != nil && !c.result.KeepsText() {
		c.status = fmt.Sprintf("The result is %s: too big for the clipboard. Download JSON saves all of it.", formatBytes(len(c.result.Doc.Bytes)))
		return
	}
	if !c.notReady() {
		copyText(ctx, c.Env, string(c.pretty), "Result", &c.status)
	}
}

func (c *resultView) onDownload(ctx app.Context, e app.Event) {
	if c.result != nil && !c.result.KeepsText() {
		c.streamDownload(ctx)
		return
	}
	if !c.notReady() {
		c.download("json", "application/json", c.pretty)
	}
}

// streamDownload indents a big result again, straight into the file, a
// piece at a time, so the page never holds its whole text.
func (c *resultView) streamDownload(ctx app.Context) {
	name := "fanin-" + time.Now().Format("2006-01-02") + ".json"
	f, err := c.Env.NewDownload(name, "application/json")
	if err != nil {
		c.status = "Download failed: " + err.Error()
		return
	}
	res, run, pacer := c.result, c.run, c.Pacer
	c.status = "Writing the file… 0 %"
	ctx.Async(func() {
		in, written := res.StreamIndenter(), 0
		var werr error
		err := pacer.Run(context.Background(), func() bool {
			done := in.Step(indentStep)
			piece := in.Take()
			written += len(piece)
			if _, werr = f.Write(piece); werr != nil {
				return true
			}
			return done
		}, func() {
			p := int(in.Progress() * 100)
			ctx.Dispatch(func(ctx app.Context) {
				if c.run == run {
					c.status = fmt.Sprintf("Writing the file… %d %%", p)
				}
			})
		})
		if err == nil {
			err = werr
		}
		if err == nil {
			err = in.Err()
		}
		if err == nil {
			err = f.Save()
		}
		ctx.Dispatch(func(ctx app.Context) {
			if c.run != run {
				return
			}
			if err != nil {
				c.status = "Download failed: " + err.Error()
				return
			}
			c.status = fmt.Sprintf("Saved %s (%s).", name, formatBytes(written))
		})
	})
}

func (c *resultView) onDownloadNDJSON(ctx app.Context, e app.Event) {
	if c.result == nil {
		return
	}
	c.download("ndjson", "application/x-ndjson", c.result.NDJSON())
}

func (c *resultView) download(ext, mime string, data []byte) {
	name := "fanin-" + time.Now().Format("2006-01-02") + "." + ext
	if err := c.Env.Download(name, mime, data); err != nil {
		c.status = "Download failed: " + err.Error()
		return
	}
	c.status = fmt.Sprintf("Saved %s (%s).", name, formatBytes(len(data)))
}
