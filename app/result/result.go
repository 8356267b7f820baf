// Package result owns a finished run's result: the combined document (one
// encoder, app/combine, for the page and the CLI), the responses' trees
// until the document's own tree has taken them in, the steppers that index
// and indent it a slice at a time (a Quick one is read whole, once), the
// NDJSON text, the labels of each URL's node, the table of records
// (app/table, made on first use) and its CSV, and the jq runner's
// lifetime (made on first use, ended by Close).
// The page's views and the CLI read it; only its owner (the run, or the
// CLI) closes it.
package result

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqwork"
	"fanin/app/jsontree"
	"fanin/app/jsonvalue"
)

// RawFirstMax is the largest result (before indenting, which may double
// it) that opens on the Raw view, so #result-raw holds the text, as
// automation expects; bigger ones open on the tree, since laying out
// megabytes of text is what freezes viewers.
const RawFirstMax = 2 << 20

// KeepTextMax is the largest result whose indented text is kept whole
// (for Raw, Copy all and Download); a bigger one is indented again when it
// is downloaded, straight into the file, and Raw shows its beginning: the
// indented text is twice the document, and a page holding it for a 100 MB
// result needs another 200 MB of memory it never gets back.
const KeepTextMax = 16 << 20

// Result is a finished run's combined document and what is made from it.
type Result struct {
	// Results are the URLs' outcomes as fetched, in list order.
	Results []fanout.Result
	// Rows are Results as the board shows them: a response the merge could
	// not use (concat wants arrays) carries that as its error.
	Rows []fanout.Result
	Mode combine.Mode
	Doc  *combine.Document

	mu      sync.Mutex
	parts   []jsontree.Part
	factory jqwork.Factory
	runner  jqwork.Runner
	closed  bool

	tmu sync.Mutex
	tab tabling

	wmu   sync.Mutex
	whole *Whole
}

// Whole is a Quick document read at once: its indented text and its
// tree, or why either is missing.
type Whole struct {
	Pretty  []byte
	TextErr error
	Tree    *jsontree.Tree
	TreeErr error
}

// ReadWhole indents and indexes a Quick document in one go, once: later
// calls return the same read. The page reads a finished run's result here
// as soon as it is encoded, while go-app's next frame is still to come,
// so that the frame which shows the result only renders it.
func (r *Result) ReadWhole() *Whole {
	r.wmu.Lock()
	defer r.wmu.Unlock()
	if r.whole != nil {
		return r.whole
	}
	w := &Whole{}
	w.Pretty, w.TextErr = jsonvalue.AppendIndent(nil, r.Doc.Bytes)
	ix := r.Indexer() // with the responses' trees, which a later indexer would not get
	for !ix.Step(math.MaxInt) {
	}
	w.Tree, w.TreeErr = ix.Tree()
	r.whole = w
	return w
}

// Build combines results in mode. trees, when not nil, are the responses'
// trees by URL number (app/bodycheck's Indexing), which the document's
// tree grafts instead of scanning those bytes again. jq makes the jq
// runner on first use (app/jqengine.NewLocal in-process, app/jqwork's
// NewWorker in the page); nil: none, and jq runs fail with jqwork.ErrNoJQ.
func Build(results []fanout.Result, trees []*jsontree.Tree, mode combine.Mode, jq jqwork.Factory) (*Result, error) {
	doc, err := combine.Build(results, mode)
	if err != nil {
		return nil, err
	}
	if jq == nil {
		jq = jqwork.Unavailable
	}
	results = append([]fanout.Result(nil), results...) // its own rows: their values change below
	r := &Result{Results: results, Rows: results, Mode: mode, Doc: doc, factory: jq}
	// The document holds each response's bytes where At says: point the
	// values and their trees there, so the bodies as fetched can go (wasm
	// memory never shrinks, so every copy kept counts at its peak).
	for i, at := range doc.At {
		if at < 0 || !results[i].OK() {
			continue
		}
		value := doc.Bytes[at : at+len(results[i].Data) : at+len(results[i].Data)]
		results[i].Data = value
		if i < len(trees) && trees[i] != nil {
			r.parts = append(r.parts, jsontree.Part{Offset: at, Tree: trees[i].WithBytes(value)})
		}
	}
	if len(doc.Problems) > 0 {
		r.Rows = append([]fanout.Result(nil), results...)
		for _, p := range doc.Problems {
			r.Rows[p.Index].Err = p.Err
		}
	}
	return r, nil
}

// QuickMax is the largest document read whole on the page's UI goroutine
// (built, indented and indexed in a few milliseconds) instead of a slice
// at a time off it: each trip through a goroutine costs a go-app frame
// (8 ms), and a small run's result waited three of them, 40 ms after its
// last byte, on 3 URLs (bench -timeline).
const QuickMax = 256 << 10

// Quick reports whether the document is small enough to read at once
// (QuickMax).
func (r *Result) Quick() bool { return len(r.Doc.Bytes) <= QuickMax }

// OpensOnRaw reports whether the result is small enough to show as text
// first.
func (r *Result) OpensOnRaw() bool { return len(r.Doc.Bytes) <= RawFirstMax }

// Indexer starts the document's tree, taking in the responses' trees: a
// result hands them over once, later indexers scan the whole document.
func (r *Result) Indexer() *jsontree.Indexer {
	r.mu.Lock()
	parts := r.parts
	r.parts = nil
	r.mu.Unlock()
	return jsontree.NewIndexerWith(r.Doc.Bytes, parts)
}

// Indenter starts the indented text, a slice at a time: the same bytes
// as JSON.
func (r *Result) Indenter() *jsonvalue.Indenter { return jsonvalue.NewIndenter(r.Doc.Bytes, nil) }

// KeepsText reports whether the indented text is small enough to keep
// whole (KeepTextMax).
func (r *Result) KeepsText() bool { return len(r.Doc.Bytes) <= KeepTextMax }

// StreamIndenter starts the indented text in pieces (Take), for writing
// it out without holding it: the same bytes as JSON.
func (r *Result) StreamIndenter() *jsonvalue.Indenter {
	return jsonvalue.NewStreamIndenter(r.Doc.Bytes)
}

// JSON is the indented document in one go: what the CLI prints, Raw shows
// and Download saves.
func (r *Result) JSON() ([]byte, error) {
	out, err := jsonvalue.AppendIndent(nil, r.Doc.Bytes)
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	return out, nil
}

// NDJSON is one line per URL, in list order (see combine.NDJSON).
func (r *Result) NDJSON() []byte { return combine.NDJSON(r.Results) }

// JQ is the runner of jq filters over this result, made on first use. It
// is nil once the result is closed.
func (r *Result) JQ() jqwork.Runner {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	if r.runner == nil {
		values := make([][]byte, len(r.Results))
		for i, res := range r.Results {
			if res.OK() {
				values[i] = res.Data
			}
		}
		r.runner = r.factory(r.Doc.Bytes, values)
	}
	return r.runner
}

// WarmJQ makes the jq runner and starts it ahead of a first job where it
// can: the page's worker then loads jq.wasm and starts Go while the filter
// is being typed (started on Enter, the bench's first filters waited
// 100–260 ms more for it).
func (r *Result) WarmJQ() {
	if s, ok := r.JQ().(interface{ Start() }); ok {
		s.Start()
	}
}

// Close ends the jq runner and lets the trees go; the result's owner calls
// it when the result is replaced.
func (r *Result) Close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	runner := r.runner
	r.runner, r.parts, r.closed = nil, nil, true
	r.mu.Unlock()
	if runner != nil {
		runner.Close()
	}
}

// Label is what the tree shows beside a URL's top-level node.
type Label struct {
	Text   string
	Failed bool
}

// Labels says, beside each URL's top-level node of t (the document's
// tree), which URL it is, its HTTP status and size, or its error; nil when
// the mode merges responses.
func (r *Result) Labels(t *jsontree.Tree) []Label {
	switch r.Mode {
	case combine.Array, combine.Object, combine.Envelope, "":
	default:
		return nil
	}
	if t == nil || t.Len(t.Root()) != len(r.Results) {
		return nil
	}
	out := make([]Label, len(r.Results))
	for i, res := range r.Results {
		var parts []string
		if r.Mode != combine.Object {
			parts = append(parts, res.URL)
		}
		if res.Status != 0 {
			parts = append(parts, fmt.Sprintf("HTTP %d", res.Status), FormatBytes(res.Bytes))
		}
		if !res.OK() {
			parts = append(parts, string(res.Err.KindOr("not finished")))
		}
		out[i] = Label{Text: strings.Join(parts, " · "), Failed: !res.OK()}
	}
	return out
}
