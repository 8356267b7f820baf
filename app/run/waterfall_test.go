package run

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/fanout"
)

const msec = time.Millisecond // keeps the tables short

func doneResult(url string, start, end time.Duration, status int, kind fanout.Kind) fanout.Result {
	r := fanout.Result{URL: url, State: fanout.Done, Status: status, Start: start, End: end}
	if kind != "" {
		r.Err = &fanout.Error{Kind: kind, Message: string(kind)}
	}
	return r
}

func TestWaterfall(t *testing.T) {
	t.Parallel()
	t.Run("each request is a bar from its start to its end", func(t *testing.T) {
		t.Parallel()
		w := NewWaterfall([]fanout.Result{
			doneResult("https://a.test/1", 0, 500*msec, 200, ""),
			doneResult("https://a.test/2", 100*msec, 1000*msec, 503, fanout.KindHTTPStatus),
			{URL: "https://a.test/3", State: fanout.Running, Start: 200 * msec},
			{URL: "https://a.test/4"},
		}, 800*msec)
		if len(w.Bars) != 3 {
			t.Fatalf("got %d bars, want 3 (none for the request not started)", len(w.Bars))
		}
		want := []struct {
			x, w   float64
			status string
		}{{0, 500, RowOK}, {100, 900, RowError}, {200, 600, RowPending}}
		for i, b := range w.Bars {
			if b.X != want[i].x || b.W != want[i].w || b.Status != want[i].status {
				t.Errorf("bar %d: got x=%v w=%v %s, want x=%v w=%v %s", i, b.X, b.W, b.Status, want[i].x, want[i].w, want[i].status)
			}
		}
		if got := w.Bars[1].Title; got != "https://a.test/2 — http-status (HTTP 503), 900 ms" {
			t.Errorf("got title %q", got)
		}
		if got := w.Bars[2].Title; got != "https://a.test/3 — fetching, 600 ms so far" {
			t.Errorf("got title %q", got)
		}
	})
	t.Run("ticks fall on round steps", func(t *testing.T) {
		t.Parallel()
		w := NewWaterfall([]fanout.Result{doneResult("https://a.test/", 0, 1234*msec, 200, "")}, 1234*msec)
		var labels []string
		for _, tk := range w.Ticks {
			labels = append(labels, tk.Label)
		}
		if got, want := strings.Join(labels, " "), "0 ms 500 ms 1000 ms 1500 ms"; got != want {
			t.Errorf("got ticks %q, want %q", got, want)
		}
		if last := w.Ticks[len(w.Ticks)-1]; last.X != WaterfallWidth || last.Anchor != "end" {
			t.Errorf("got last tick %+v, want it at the right edge, anchored at its end", last)
		}
	})
	t.Run("thousands of requests are drawn as at most MaxWaterfallBars groups", func(t *testing.T) {
		t.Parallel()
		rows := make([]fanout.Result, 2000)
		for i := range rows {
			rows[i] = doneResult(fmt.Sprintf("https://a.test/%d", i), time.Duration(i)*msec, time.Duration(i+50)*msec, 200, "")
		}
		rows[15] = doneResult("https://a.test/slow", 15*msec, 3000*msec, 0, fanout.KindTimeout)
		w := NewWaterfall(rows, 3*time.Second)
		if len(w.Bars) > MaxWaterfallBars {
			t.Fatalf("got %d bars, want at most %d", len(w.Bars), MaxWaterfallBars)
		}
		if b := w.Bars[2]; b.Status != RowError || !strings.Contains(b.Title, "Requests 15–21: 1 failed; slowest: https://a.test/slow — timeout") {
			t.Errorf("got group bar %+v", b)
		}
		if !strings.Contains(w.Caption, "2000 requests, drawn as 286 bars of 7") {
			t.Errorf("got caption %q", w.Caption)
		}
	})
	t.Run("an empty run has an axis and no bars", func(t *testing.T) {
		t.Parallel()
		w := NewWaterfall(nil, 0)
		if len(w.Bars) != 0 || len(w.Ticks) < 2 {
			t.Errorf("got %d bars and %d ticks", len(w.Bars), len(w.Ticks))
		}
	})
}

func TestNiceStep(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]time.Duration{
		50 * time.Microsecond: 50 * time.Microsecond, 130 * msec: 200 * msec, 201 * msec: 500 * msec,
		700 * msec: time.Second, 3 * time.Second: 5 * time.Second, 11 * time.Second: 20 * time.Second,
	} {
		if got := niceStep(d); got != want {
			t.Errorf("niceStep(%v): got %v, want %v", d, got, want)
		}
	}
	if got := tickLabel(1500*msec, 500*msec); got != "1500 ms" {
		t.Errorf("got %q", got)
	}
	if got := tickLabel(5*time.Second, 2*time.Second); got != "5 s" {
		t.Errorf("got %q", got)
	}
	if got := tickLabel(300*time.Microsecond, 100*time.Microsecond); got != "0.3 ms" {
		t.Errorf("got %q", got)
	}
}
