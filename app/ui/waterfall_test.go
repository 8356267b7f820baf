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
	top := parsed(t, w)
	if len(top) != 1 {
		t.Fatalf("got %d root elements", len(top))
	}
	wantAttrs(t, top[0], "id", "waterfall", "class", "waterfall")
	svg := all(top[0], "svg")
	if len(svg) != 1 {
		t.Fatalf("got %d <svg>", len(svg))
	}
	wantAttrs(t, svg[0], "role", "img", "aria-labelledby", "waterfall-caption")
	if svg[0].Namespace != "svg" {
		t.Errorf("the chart parses in namespace %q: an HTML <svg> draws nothing", svg[0].Namespace)
	}
	rects := all(top[0], "rect")
	if len(rects) != 1 {
		t.Fatalf("got %d bars", len(rects))
	}
	wantAttrs(t, rects[0], "class", "bar "+RowOK, "x", "0.0", "y", "24.0", "width", "1000.0", "height", "9.8")
	if got := textOf(all(rects[0], "title")[0]); got != `https://a.test/?q=<script>&x="1" — HTTP 200, 300 ms` {
		t.Errorf("got title %q", got)
	}
	if len(all(top[0], "script")) != 0 {
		t.Error("the URL became a <script>")
	}
	if html := app.HTMLString(w); strings.Contains(html, "style=") {
		t.Errorf("inline style in:\n%s", html)
	}
	if got := all(top[0], "figcaption"); len(got) != 1 || textOf(got[0]) != w.W.Caption {
		t.Errorf("got caption %v", got)
	}
}
