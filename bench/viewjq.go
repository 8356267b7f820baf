package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"

	"github.com/chromedp/chromedp"
)

// jq on the page against Debian's jq (issue 18): after the view's own jq
// row, the page runs more filters in the same tab, each timed from Enter
// to its output on screen, and the same filters run in /usr/bin/jq over
// the same bytes (the combined document the page's jq worker gets), one
// run each; the outputs must be the same bytes. Then Compare evaluates one
// path against every response.

// jqFilter is one filter of the comparison.
type jqFilter struct {
	Expr string
	Kind string // how the page answers it
}

// jqFilters: the view's filter first (its figure is the view's own row,
// the tab's first jq run: the worker starts and gets the document), then a
// filter gojq must run (the worker decodes the document), then a path with
// a select.
var jqFilters = []jqFilter{
	{viewJQ, "a path; the tab's first filter: the worker starts and gets the document"},
	{".[] | .[] | .id + 1", "not a path: the worker decodes the document for gojq"},
	{`.[] | .[] | select(.tags[1] == "b7") | .name`, "a path with a select"},
}

// compareJQ is the path Compare evaluates against every response: the
// last record's id, which needs the whole response read.
const compareJQ = ".[-1].id"

// jqRun is one filter's figures, on the page and in Debian's jq.
type jqRun struct {
	Filter     jqFilter
	Page       time.Duration // Enter to its output on screen
	PageOwn    time.Duration // the page's own figure (status line)
	PageStatus string
	PageShown  string // the output the page shows (up to 2,000 lines)
	Note       string

	Native     time.Duration // /usr/bin/jq, start to exit
	NativeOut  int           // its output's bytes
	NativeNote string
	Same       bool // the page's output (its byte count and the lines it shows) is jq's
}

// compareRun is Compare's figures.
type compareRun struct {
	Took   time.Duration // Enter in the path box to the table on screen
	Status string
	Rows   string // the rows' values, joined by "|"
	Note   string
}

// runJQFilters runs the filters after the view's first on the page (the
// first is the view's own row, copied in).
func (t *browser) runJQFilters(ctx context.Context, lim viewLimits, r *viewResult) {
	first := jqRun{Filter: jqFilters[0], Page: r.JQ, PageStatus: r.JQStatus, Note: r.JQNote}
	first.PageOwn, _ = jqOwnTime(r.JQStatus)
	first.PageShown, _ = evalIn[string](t, 20*time.Second, `document.querySelector("#jq-output")?.textContent ?? ""`)
	r.JQRuns = []jqRun{first}
	for _, f := range jqFilters[1:] {
		run := jqRun{Filter: f}
		if ctx.Err() != nil {
			run.Note = "not measured: the view's time was spent"
		} else {
			var err error
			run.Page, _, run.PageStatus, run.Note, err = t.runJQExpr(limit(ctx, lim.JQ), f.Expr)
			if err != nil {
				run.Note = "error: " + cellText(err.Error())
			}
			run.PageOwn, _ = jqOwnTime(run.PageStatus)
			run.PageShown, _ = evalIn[string](t, 20*time.Second, `document.querySelector("#jq-output")?.textContent ?? ""`)
		}
		r.JQRuns = append(r.JQRuns, run)
	}
	if ctx.Err() != nil {
		r.Compare.Note = "not measured: the view's time was spent"
		return
	}
	if err := t.runCompare(limit(ctx, lim.JQ), &r.Compare); err != nil {
		r.Compare.Note = "error: " + cellText(err.Error())
	}
}

// runJQExpr types expr into the jq box and times Enter to the first frame
// after the status line reports the output (or an error shows).
func (t *browser) runJQExpr(d time.Duration, expr string) (took, long time.Duration, status, note string, err error) {
	q, _ := json.Marshal(expr)
	if _, err := evalIn[bool](t, 10*time.Second, fmt.Sprintf(`(() => { const el = document.querySelector("#jq"); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, q)); err != nil {
		return 0, 0, "", "", err
	}
	time.Sleep(300 * time.Millisecond)
	js := fmt.Sprintf(viewActJS, `/output in|Cancelled/.test(text("#jq-status")) || document.querySelector("#jq-error") !== null`,
		`document.querySelector("#jq").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));`,
		`text("#jq-status") + text("#jq-error")`)
	f, err := evalIn[actFigures](t, d, js, chromedp.EvalAwaitPromise)
	if err != nil {
		if note, ok := timedOut(err, d); ok {
			return 0, 0, "", note, nil
		}
		return 0, 0, "", "", err
	}
	if !jqDone.MatchString(f.Status) {
		return 0, 0, f.Status, "failed: " + cellText(f.Status), nil
	}
	return msDur(f.Painted), msDur(f.Long), f.Status, "", nil
}

var compareDone = regexp.MustCompile(`against \d+ responses? in ([0-9.]+) s\.`)

// runCompare shows the Compare tab and times Enter in its path box to the
// first frame after its status line reports the run.
func (t *browser) runCompare(d time.Duration, c *compareRun) error {
	q, _ := json.Marshal(compareJQ)
	if _, err := evalIn[bool](t, 10*time.Second, fmt.Sprintf(`(() => { document.querySelector("#tab-compare").click(); return true })()`)); err != nil {
		return err
	}
	if err := t.waitJS(20*time.Second, `document.querySelector("#compare-path") !== null`); err != nil {
		return fmt.Errorf("the Compare tab did not show: %w", err)
	}
	if _, err := evalIn[bool](t, 10*time.Second, fmt.Sprintf(`(() => { const el = document.querySelector("#compare-path"); el.focus(); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, q)); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	js := fmt.Sprintf(viewActJS, `/ responses? in |Cancelled/.test(text("#compare-status")) || document.querySelector("#compare-error") !== null`,
		`document.querySelector("#compare-path").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));`,
		`text("#compare-status") + text("#compare-error")`)
	f, err := evalIn[actFigures](t, d, js, chromedp.EvalAwaitPromise)
	if err != nil {
		if note, ok := timedOut(err, d); ok {
			c.Note = note
			return nil
		}
		return err
	}
	c.Status = f.Status
	if !compareDone.MatchString(f.Status) {
		c.Note = "failed: " + cellText(f.Status)
		return nil
	}
	c.Took = msDur(f.Painted)
	c.Rows, _ = evalIn[string](t, 10*time.Second, `Array.from(document.querySelectorAll("#compare-table tr.compare-row")).map(r => r.querySelector(".val").textContent).join("|")`)
	return nil
}

// caseDoc is the combined document of a view case in array mode: the
// bytes the page's jq worker gets.
func (a *apis) caseDoc(vc viewCase) ([]byte, error) {
	part := a.docs.get(vc.Size / vc.Parts)
	results := make([]fanout.Result, vc.Parts)
	for i := range results {
		results[i] = fanout.Result{Index: i, URL: fmt.Sprintf("u%d", i), State: fanout.Done, Status: 200, Bytes: len(part), Data: part}
	}
	doc, err := combine.Build(results, combine.Array)
	if err != nil {
		return nil, err
	}
	return doc.Bytes, nil
}

// nativeJQ runs the case's filters in Debian's jq over the case's
// combined document, and checks the page printed the same.
func (a *apis) nativeJQ(ctx context.Context, r *viewResult) {
	bin, err := exec.LookPath("jq")
	if err != nil {
		for i := range r.JQRuns {
			r.JQRuns[i].NativeNote = "no jq installed (apt-get install jq)"
		}
		return
	}
	doc, err := a.caseDoc(r.Case)
	if err == nil {
		var dir string
		if dir, err = os.MkdirTemp("", "fanin-bench-jq"); err == nil {
			defer os.RemoveAll(dir)
			file := filepath.Join(dir, "combined.json")
			if err = os.WriteFile(file, doc, 0o600); err == nil {
				for i := range r.JQRuns {
					r.JQRuns[i].runNative(ctx, bin, file)
				}
			}
		}
	}
	if err != nil {
		for i := range r.JQRuns {
			r.JQRuns[i].NativeNote = "error: " + cellText(err.Error())
		}
	}
}

func (j *jqRun) runNative(ctx context.Context, bin, file string) {
	if ctx.Err() != nil {
		j.NativeNote = "not measured: the view's time was spent"
		return
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, j.Filter.Expr, file)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	began := time.Now()
	err := cmd.Run()
	j.Native = time.Since(began)
	if err != nil {
		j.Native, j.NativeNote = 0, "error: "+cellText(err.Error()+" "+stderr.String())
		return
	}
	j.NativeOut = out.Len()
	shown := strings.TrimSuffix(j.PageShown, "…")
	if m := jqDone.FindStringSubmatch(j.PageStatus); m != nil && m[1] == fmt.Sprint(out.Len()) && shown != "" && bytes.HasPrefix(out.Bytes(), []byte(shown)) {
		j.Same = true
	}
}

// answered says how the page answered, by its status line, and how it was
// expected to.
func (j jqRun) answered() string {
	got := "decoded, then gojq"
	if strings.Contains(j.PageStatus, "Answered without decoding.") {
		got = "without decoding"
	}
	if j.PageStatus == "" {
		got = "—"
	}
	return got + " (" + j.Filter.Kind + ")"
}

// jqMarkdown is the section comparing the page's jq with Debian's.
func (r *report) jqMarkdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("\n### jq on the page against Debian's jq\n\n")
	p("Each filter runs on the page (in its jq Web Worker), timed from Enter in the jq box to the first frame after the status line reports the output, in one tab, in this order; ")
	p("then in Debian's `jq` (`%s`) over the same bytes (the combined document the worker gets, written to a file), timed from start to exit, one run. ", jqVersion())
	p("**Same output** means the page's byte count is jq's and the lines it shows (up to 2,000) are jq's first lines. ")
	p("The target is the page within 1.5× of jq at 100 MB. Compare evaluates `%s` against every response, timed from Enter to the table on screen.\n\n", compareJQ)
	p("| result | filter | how the page answered | page | page's own time | Debian jq | page ÷ jq | output bytes | same output |\n")
	p("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, v := range r.View {
		if v.Client != clientPage || !v.Case.JQ {
			continue
		}
		for _, j := range v.JQRuns {
			page, own, native, x, same := "—", "—", "—", "—", "no"
			if missing, measured := v.unmeasured(j.Note); measured {
				page = ms(j.Page)
				if j.PageOwn > 0 {
					own = ms(j.PageOwn)
				}
			} else {
				page = missing
			}
			if j.NativeNote != "" {
				native = j.NativeNote
			} else if j.Native > 0 {
				native = ms(j.Native)
			}
			if j.Page > 0 && j.Native > 0 {
				x = fmt.Sprintf("%.2f", ratio(j.Page, j.Native))
				if v.Case.Label == "100 MB" {
					x += map[bool]string{true: " ✓", false: " ✗"}[ratio(j.Page, j.Native) <= 1.5]
				}
			}
			if j.Same {
				same = "yes"
			}
			p("| %s | `%s` | %s | %s | %s | %s | %s | %s | %s |\n", v.Case.Label, strings.ReplaceAll(j.Filter.Expr, "|", "\\|"), j.answered(), page, own, native, x, thousands(j.NativeOut), same)
		}
	}
	p("\n| result | Compare `%s` | status |\n| --- | ---: | --- |\n", compareJQ)
	for _, v := range r.View {
		if v.Client != clientPage || !v.Case.JQ {
			continue
		}
		took := v.Compare.Note
		if took == "" {
			took = ms(v.Compare.Took)
			if v.Case.Label == "100 MB" {
				took += map[bool]string{true: " ✓", false: " ✗"}[v.Compare.Took < 2*time.Second]
			}
		}
		p("| %s | %s | %s |\n", v.Case.Label, took, cellText(v.Compare.Status))
	}
	return b.String()
}

// jqTargets are issue 18's targets, for the 100 MB case when measured.
func (r *report) jqTargets() []target {
	v, ok := r.findView("100 MB", clientPage)
	if !ok {
		return nil
	}
	var ts []target
	for _, j := range v.JQRuns {
		note, got := strings.TrimSpace(j.Note+" "+j.NativeNote), 0.0
		if j.Page > 0 && j.Native > 0 {
			got = ratio(j.Page, j.Native)
		} else if note == "" {
			note = "not measured"
		}
		ts = append(ts, target{What: fmt.Sprintf("jq on the page vs Debian's jq, 100 MB, `%s`", strings.ReplaceAll(j.Filter.Expr, "|", "\\|")), Got: got, Limit: 1.5, Unit: "×", Note: note})
	}
	return append(ts, target{What: fmt.Sprintf("Compare `%s` against every response, 100 MB", compareJQ), Got: float64(v.Compare.Took) / float64(time.Millisecond), Limit: 2000, Unit: "ms", Note: v.Compare.Note})
}

func jqVersion() string {
	out, err := exec.Command("jq", "--version").Output()
	if err != nil {
		return "jq, not installed"
	}
	return strings.TrimSpace(string(out))
}
