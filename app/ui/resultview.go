package ui

import (
	"context"
	"fmt"

	"fanin/app/jsontree"
	"fanin/app/pace"
	"fanin/app/result"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Result tabs.
const (
	TabTree    = "tree"
	TabRaw     = "raw"
	TabCompare = "compare"
	TabTable   = "table"
)

var tabs = []struct{ id, label string }{{TabTree, "Tree"}, {TabRaw, "Raw"}, {TabCompare, "Compare"}, {TabTable, "Table"}}

// rawBlockLines is how many lines of the raw text go in one block. The
// style sheet lets the browser skip laying out blocks out of view
// (content-visibility): one text node of a few megabytes took Chromium a
// second to lay out. The blocks' text, in order, is the document exactly.
const rawBlockLines = 500

// rawBlocks cuts text after every rawBlockLines-th newline.
func rawBlocks(text []byte) []string {
	var blocks []string
	for len(text) > 0 {
		end, lines := len(text), 0
		for i, b := range text {
			if b == '\n' {
				if lines++; lines == rawBlockLines {
					end = i + 1
					break
				}
			}
		}
		blocks = append(blocks, string(text[:end]))
		text = text[end:]
	}
	return blocks
}

// indexStep and indentStep are how many bytes the indexer and the indenter
// take on between clock checks: a few milliseconds of work in wasm.
const (
	indexStep  = 256 << 10
	indentStep = 128 << 10
)

// resultView shows the combined JSON: a summary of the run, a jq filter,
// and the result as a tree, as raw text (#result-raw, exactly what
// Download saves), as a table comparing one path across responses, or as
// one table of the responses' records (the Table tab).
type resultView struct {
	app.Compo

	Result *result.Result // owned by the run: the view reads it, never closes it
	// Running: a run is on, and its result is still to come. The view is
	// laid out for it already (its tabs, the jq filter, the panels saying
	// so): the frame that shows the result then only updates the view,
	// where mounting it took 3.5 ms of the 17 from the last byte to the
	// result on screen (bench -timeline, 3 URLs × 300 ms).
	Running bool
	Summary string
	JQ      string // the jq filter a link carried
	Env     webenv.Env
	Pacer   *pace.Pacer
	OnJQ    func(ctx app.Context, expr string)

	result *result.Result
	tab    string
	// treeShown: the tree tab has been shown for this result. Until then
	// its panel stays empty: a result that opens on Raw does not mount
	// tree rows nobody looks at (50 go-app components, 25 ms, on 100 URLs).
	treeShown bool
	pretty    []byte   // the document indented: what Raw shows, Copy copies and Download saves; nil until ready
	preview   bool     // pretty is only the beginning of the text: the result is too big to keep it whole
	raw       []string // pretty as text in blocks of rawBlockLines, made when the Raw tab is first shown
	doc       *treeDoc
	indexed   int // percent
	indented  int // percent
	indexErr  string
	run       int
	cancel    context.CancelFunc
	status    string
}

func (c *resultView) OnInit() {
	c.tab = TabRaw // until a result picks its tab: most are small enough to open on Raw
	c.sync()
}
func (c *resultView) OnMount(ctx app.Context) { c.index(ctx) }
func (c *resultView) OnDismount()             { c.stop() }
func (c *resultView) OnUpdate(ctx app.Context) {
	if c.sync() {
		c.index(ctx)
	}
}

// sync takes in a new result and reports whether it has to be read.
func (c *resultView) sync() bool {
	if c.Result == c.result {
		return false
	}
	c.stop()
	c.result, c.doc, c.pretty, c.preview, c.raw, c.indexed, c.indented, c.indexErr, c.status = c.Result, nil, nil, false, nil, 0, 0, "", ""
	if c.result == nil {
		return false
	}
	c.tab = TabTree
	if c.result.OpensOnRaw() {
		c.tab = TabRaw
	}
	c.treeShown = c.tab == TabTree
	if c.result.Quick() {
		c.readNow()
		return false
	}
	return true
}

// readNow takes in a Quick result read whole (the page has usually read
// it already, when the run was encoded): its text and its tree are there
// in the frame that first shows it.
func (c *resultView) readNow() {
	res := c.result
	w := res.ReadWhole()
	c.textRead(w.Pretty, w.TextErr)
	if w.TreeErr != nil {
		c.treeRead(nil, w.TreeErr)
		return
	}
	c.treeRead(newTreeDoc(res, w.Tree, nil, c.Pacer))
}

// newTreeDoc is the tree view's document for res's tree, unless indexing
// failed (err).
func newTreeDoc(res *result.Result, tree *jsontree.Tree, err error, pacer *pace.Pacer) (*treeDoc, error) {
	if err != nil {
		return nil, err
	}
	return &treeDoc{tree: tree, labels: res.Labels(tree), pacer: pacer}, nil
}

// treeRead takes in the result's tree, or why there is none.
func (c *resultView) treeRead(doc *treeDoc, err error) {
	if err != nil {
		c.indexErr = err.Error()
		return
	}
	c.doc, c.indexed = doc, 100
}

// textRead takes in the result's indented text, or why there is none.
func (c *resultView) textRead(pretty []byte, err error) {
	if err != nil {
		c.status = "The result could not be indented: " + err.Error()
		return
	}
	c.pretty, c.indented = pretty, 100
	if c.tab == TabRaw {
		c.raw = rawBlocks(pretty)
	}
}

func (c *resultView) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.run++
}

// index reads the result off the UI goroutine, a slice at a time and
// showing how far it got, so a 100 MB result never holds the page: it
// builds the tree and indents the text for Raw, Copy and Download. A big
// result shows its tree first; a small one, which opens on Raw, its text.
func (c *resultView) index(ctx app.Context) {
	if c.result == nil || c.doc != nil || c.cancel != nil {
		return
	}
	res, run, textFirst, pacer := c.result, c.run, c.result.OpensOnRaw(), c.Pacer
	runCtx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	ctx.Async(func() {
		defer cancel()
		defer ctx.Dispatch(func(ctx app.Context) {
			if c.run == run {
				c.cancel = nil
			}
		})
		if textFirst && c.indent(ctx, runCtx, res, run) != nil {
			return
		}
		result.Reclaim(len(res.Doc.Bytes)) // the bodies as fetched, now that the document holds them
		ix := res.Indexer()
		err := pacer.Run(runCtx, func() bool { return ix.Step(indexStep) }, c.shows(ctx, run, ix.Progress, &c.indexed))
		if err != nil {
			return
		}
		tree, err := ix.Tree()
		result.Reclaim(len(res.Doc.Bytes)) // the responses' own trees, now grafted
		doc, err := newTreeDoc(res, tree, err, pacer)
		ctx.Dispatch(func(ctx app.Context) {
			if c.run == run {
				c.treeRead(doc, err)
			}
		})
		if !textFirst {
			_ = c.indent(ctx, runCtx, res, run)
		}
	})
}

// shows is pace's progress hook for work on run: it puts progress() as a
// percentage in *percent, on the UI goroutine, while run is still the
// view's.
func (c *resultView) shows(ctx app.Context, run int, progress func() float64, percent *int) func() {
	return func() {
		p := int(progress() * 100)
		ctx.Dispatch(func(ctx app.Context) {
			if c.run == run {
				*percent = p
			}
		})
	}
}

func (c *resultView) showTab(tab string) {
	c.tab = tab
	c.treeShown = c.treeShown || tab == TabTree
	if tab == TabRaw && c.raw == nil && c.pretty != nil {
		c.raw = rawBlocks(c.pretty)
	}
}

func (c *resultView) onTab(tab string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.showTab(tab) }
}

// onTabKey moves between tabs with the arrow keys, Home and End.
func (c *resultView) onTabKey(ctx app.Context, e app.Event) {
	i := 0
	for j, t := range tabs {
		if t.id == c.tab {
			i = j
		}
	}
	switch e.Get("key").String() {
	case "ArrowRight":
		i = (i + 1) % len(tabs)
	case "ArrowLeft":
		i = (i + len(tabs) - 1) % len(tabs)
	case "Home":
		i = 0
	case "End":
		i = len(tabs) - 1
	default:
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	c.showTab(tabs[i].id)
	id := "tab-" + tabs[i].id
	ctx.Defer(func(app.Context) { app.Window().GetElementByID(id).Call("focus") })
}

func (c *resultView) Render() app.UI {
	return app.Section().Class("result").Body(
		app.H2().Text("Combined JSON"),
		app.P().ID("summary").Aria("live", "polite").Text(c.Summary),
		app.If(c.result == nil && !c.Running, func() app.UI {
			return app.P().Class("empty").Text("Press Fetch to see the combined JSON here.")
		}).Else(c.renderResult),
	)
}

func (c *resultView) renderResult() app.UI {
	return app.Div().Class("result-body").Body(
		&jqPanel{Result: c.result, Expr: c.JQ, Env: c.Env, OnExpr: c.OnJQ},
		app.Div().Class("result-bar").Body(
			app.Div().ID("result-tabs").Class("tabs").Role("tablist").Aria("label", "Views of the result").
				OnKeyDown(c.onTabKey).Body(app.Range(tabs).Slice(func(i int) app.UI {
				t, on := tabs[i], tabs[i].id == c.tab
				return app.Button().ID("tab-"+t.id).Role("tab").Aria("selected", on).Aria("controls", "panel-"+t.id).
					TabIndex(map[bool]int{true: 0, false: -1}[on]).OnClick(c.onTab(t.id)).Text(t.label)
			})),
			app.Div().Class("result-actions").Body(
				disabledIf(app.Button().ID("copy-all").OnClick(c.onCopyAll), c.result == nil).Text("Copy all"),
				disabledIf(app.Button().ID("download-json").OnClick(c.onDownload), c.result == nil).Text("Download JSON"),
				disabledIf(app.Button().ID("download-ndjson").OnClick(c.onDownloadNDJSON), c.result == nil).
					Title("One line per URL; null where a URL failed").Text("Download NDJSON"),
				app.Span().ID("result-status").Aria("live", "polite").Text(c.status),
			),
		),
		app.Div().ID("panel-tree").Role("tabpanel").Aria("labelledby", "tab-tree").Class(panelClass(c.tab == TabTree)).Body(
			app.If(c.doc != nil && c.treeShown, func() app.UI {
				return &treeView{Doc: c.doc, Env: c.Env, Visible: c.tab == TabTree}
			}).ElseIf(c.doc != nil, func() app.UI {
				return app.P().ID("tree-ready").Class("hint").Text("The tree is ready.")
			}).ElseIf(c.indexErr != "", func() app.UI {
				return app.P().Class("problem").Text(c.indexErr)
			}).ElseIf(c.result == nil, fetchingNote).Else(func() app.UI {
				return app.P().ID("tree-progress").Class("progress").Aria("live", "polite").
					Text(fmt.Sprintf("Reading the result… %d %%", c.indexed))
			}),
		),
		app.If(c.tab == TabRaw, func() app.UI {
			return app.Div().ID("panel-raw").Role("tabpanel").Aria("labelledby", "tab-raw").Class("panel").Body(
				app.If(c.result == nil, fetchingNote).ElseIf(c.pretty != nil && c.preview, func() app.UI {
					// Not #result-raw, which holds the exact document: this is its beginning.
					return app.Div().Body(
						app.P().ID("raw-preview-note").Class("hint").Text(c.previewNote()),
						app.Pre().ID("result-raw-preview").Aria("label", "The beginning of the combined JSON").TabIndex(0).Body(
							app.Range(c.raw).Slice(func(i int) app.UI { return app.Span().Class("raw-block").Text(c.raw[i]) }),
						),
					)
				}).ElseIf(c.pretty != nil, func() app.UI {
					return app.Pre().ID("result-raw").Aria("label", "Combined JSON").TabIndex(0).Body(
						app.Range(c.raw).Slice(func(i int) app.UI { return app.Span().Class("raw-block").Text(c.raw[i]) }),
					)
				}).Else(func() app.UI {
					return app.P().ID("raw-progress").Class("progress").Aria("live", "polite").
						Text(fmt.Sprintf("Indenting the result… %d %%", c.indented))
				}),
			)
		}),
		app.Div().ID("panel-compare").Role("tabpanel").Aria("labelledby", "tab-compare").Class(panelClass(c.tab == TabCompare)).Body(
			&compareTable{Result: c.result},
		),
		app.Div().ID("panel-table").Role("tabpanel").Aria("labelledby", "tab-table").Class(panelClass(c.tab == TabTable)).Body(
			&tableView{Result: c.result, Pacer: c.Pacer, Env: c.Env, Visible: c.tab == TabTable},
		),
	)
}

// fetchingNote stands in a panel while the run's result is still to come.
func fetchingNote() app.UI {
	return app.P().Class("progress result-waiting").Text("Fetching… the combined JSON shows here when every URL has answered.")
}

func panelClass(active bool) string {
	if active {
		return "panel"
	}
	return "panel hidden"
}
