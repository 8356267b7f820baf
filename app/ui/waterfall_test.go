package ui

import (
	"strings"
	"testing"
	"time"

	"fanin/app/fanout"
	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestWaterfallRender(t *testing.T) {
	t.Parallel()
	req := fanout.Result{URL: `https://a.test/?q=<script>&x="1"`, State: fanout.Done, Status: 200, End: 300 * time.Millisecond}
	w := &waterfall{W: run.NewWaterfall([]fanout.Result{req}, 300*time.Millisecond)}
	mount(t, w)
	if err := app.Match(app.Figure().ID("waterfall").Class("waterfall"), w, 0); err != nil {
		t.Fatal(err)
	}
	bar := svgElem("rect").Class("bar", RowOK).Attr("x", "0.0").Attr("y", "24.0").Attr("width", "1000.0").Attr("height", "9.8")
	if err := app.Match(bar, w, 0, 0, 1, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text(`https://a.test/?q=<script>&x="1" — HTTP 200, 300 ms`), w, 0, 0, 1, 0, 0, 0); err != nil {
		t.Error(err)
	}
	html := app.HTMLString(w)
	if strings.Contains(html, "style=") || strings.Contains(html, "<script>") {
		t.Errorf("inline style or unescaped text in:\n%s", html)
	}
	if got := svgElem("rect").XMLNamespace(); got != svgNS {
		t.Errorf("got namespace %q", got)
	}
}
