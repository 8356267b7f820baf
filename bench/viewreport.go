package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The result view's section of the table, in markdown.

// viewMarkdown is the result view's section of the table.
func (r *report) viewMarkdown() string {
	if len(r.View) == 0 {
		return ""
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("\n## Result view\n\n")
	p("Each case is one run in a fresh tab: the page, and the plain-JS peer as a viewer (`bench/peer.html`: `fetch()`, `JSON.parse` of each body, then `JSON.stringify(combined, null, 2)` into a `<pre>`) on the same URLs. ")
	p("The URLs serve arrays of flat records (`{\"id\":…,\"name\":…,\"tags\":[…],\"score\":…,\"url\":…}`, about 90 bytes each) from a loopback server without latency; ")
	p("100 MB is 2 responses of 50 MB, the others 1 response (MB = 2²⁰ bytes). ")
	p("**Responses in** is the latest `responseEnd` of the run's URLs in Resource Timing. **On screen** is the first frame (`requestAnimationFrame`, then a task) after `#result-raw` has text or `#tree` has a row, whichever comes first: the page opens results of up to 2 MiB (combined, before indenting) on its Raw tab, bigger ones on the tree. ")
	p("**Longest task** comes from the long-task API, which reports tasks of 50 ms or more: the longest overlapping the time from responses in to on screen, and the longest over the whole run, from the Fetch click until the page settled (the run done and, on the page, the tree indexed) plus 0.5 s. ")
	p("**Peak JS heap** is CDP `Runtime.getHeapUsage` every 50 ms over the tab's whole run (a blocked page answers late, so a peak inside a long task can be missed); **wasm memory** is the page's linear memory at the end, which only grows. Both are the page's main thread only: a Web Worker the page starts (jq's) has a heap and a wasm memory of its own, not counted here. ")
	_, lim := viewCases(r.Smoke)
	p("The page's figures follow one unrecorded warm-up run in the same browser: its first load compiles the wasm and optimises it in the background for seconds, which a returning user's cached copy skips. ")
	p("A result not on screen within %.0f s (the viewer: %.0f s) is reported as timed out. ", lim.Shown.Seconds(), lim.PeerShown.Seconds())
	p("✓/✗ mark the figures with a target (listed under Targets).\n\n")
	p("| result | client | responses in (after Fetch) | on screen, after responses in | shown first | longest task, in → on screen | longest task, whole run | × JS viewer (on screen) | peak JS heap | wasm memory |\n")
	p("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
	mark := func(cell string, ok bool) string {
		if ok {
			return cell + " ✓"
		}
		return cell + " ✗"
	}
	for _, v := range r.View {
		if v.ShownNote != "" {
			cell := v.ShownNote
			if v.Client == clientPage && v.Case.Label == "100 MB" {
				cell = mark(cell, false)
			}
			p("| %s | %s | — | %s | — | — | — | — | %s | %s |\n", v.caseCell(), v.Client, cell, mibOr(v.Heap), mibOr(v.Wasm))
			continue
		}
		shown, longIn, longRun := ms(v.Shown), longest(v.LongShown), longest(v.LongRun)
		if v.Client == clientPage && v.Case.Label == "100 MB" {
			shown = mark(shown, v.Shown <= 3*time.Second)
			longIn = mark(longIn, v.LongShown <= 200*time.Millisecond)
			longRun = mark(longRun, v.LongRun <= 200*time.Millisecond)
		}
		xp := "—"
		if v.Client == clientPage {
			if q, ok := r.findView(v.Case.Label, clientPeerJS); ok {
				if q.ShownNote != "" {
					// the viewer took at least its limit
					_, lim := viewCases(r.Smoke)
					xp = fmt.Sprintf("< %.2f (viewer %s)", ratio(v.Shown, lim.PeerShown), q.ShownNote)
				} else {
					xp = fmt.Sprintf("%.2f", ratio(v.Shown, q.Shown))
				}
			}
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v.caseCell(), v.Client, ms(v.Fetch), shown, v.ShownBy, longIn, longRun, xp, mibOr(v.Heap), mibOr(v.Wasm))
	}

	b.WriteString(r.repeatsMarkdown())

	p("\n### Expand all and jq, on the page\n\n")
	p("Times from the click on **Expand all** (after switching to the Tree tab; the first time, as a user gets it, then again after Collapse all), or from Enter in the jq box, to the first frame after the status line reports the result; the longest task since then; the page's status line. ")
	p("The jq filter is `%s`: in array mode the combined document is an array of the responses, each of them an array of records. ", strings.ReplaceAll(viewJQ, "|", "\\|"))
	p("The page's own jq time is the figure in its status line.\n\n")
	p("| result | expand all, first | longest task | again (median of %d, after Collapse all) | status | jq `%s` | page's own jq time | longest task | status |\n", expandRepeats, strings.ReplaceAll(viewJQ, "|", "\\|"))
	p("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |\n")
	for _, v := range r.View {
		if v.Client != clientPage || (!v.Case.Expand && !v.Case.JQ) {
			continue
		}
		ex, exLong, exAgain, exStatus := "—", "—", "—", "—"
		if v.Case.Expand {
			missing, measured := v.unmeasured(v.ExpandNote)
			if ex = missing; measured {
				ex, exLong, exStatus = ms(v.Expand), longest(v.ExpandLong), v.ExpandStatus
				if v.ExpandAgain > 0 {
					exAgain = ms(v.ExpandAgain)
				}
			}
			if v.Case.Label == "100 KB" {
				ex = mark(ex, measured && v.Expand <= 100*time.Millisecond)
			}
		}
		jq, own, jqLong, jqStatus := "—", "—", "—", "—"
		if v.Case.JQ {
			missing, measured := v.unmeasured(v.JQNote)
			if jq = missing; measured {
				jq, jqLong, jqStatus = ms(v.JQ), longest(v.JQLong), v.JQStatus
				if d, ok := jqOwnTime(v.JQStatus); ok {
					own = ms(d)
				}
			}
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v.Case.Label, ex, exLong, exAgain, exStatus, jq, own, jqLong, jqStatus)
	}
	b.WriteString(r.jqMarkdown())
	return b.String()
}

// unmeasured says why a figure of the case was not taken (the result never
// showed, or note, the step's own failure), or reports it measured.
func (v viewResult) unmeasured(note string) (cell string, measured bool) {
	switch {
	case v.ShownNote != "":
		return "not measured (the result did not show)", false
	case note != "":
		return note, false
	}
	return "", true
}

// caseCell names the case with its size in bytes and URLs.
func (v viewResult) caseCell() string {
	return fmt.Sprintf("%s (%s bytes, %d URL%s)", v.Case.Label, thousands(v.Bytes), v.URLs, plural(v.URLs))
}

// cellText fits a message into a table cell: one line, no pipes, short.
func cellText(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "|", "/")), " ")
	return clip(s, 200)
}

func mibOr(n float64) string {
	if n <= 0 {
		return "—"
	}
	return mib(n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// thousands writes n with commas: 104,857,600.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
