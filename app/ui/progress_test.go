package ui

import (
	"testing"
	"time"

	"fanin/app/fanout"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestSpeedup(t *testing.T) {
	t.Parallel()
	ok := func(start, end time.Duration) fanout.Result {
		return doneResult("https://a.test/", start, end, 200, "")
	}
	failed := func(kind fanout.Kind, start, end time.Duration) fanout.Result {
		return doneResult("https://a.test/", start, end, 0, kind)
	}
	tests := []struct {
		name    string
		results []fanout.Result
		wall    time.Duration
		want    string
	}{
		{"the article's three URLs", []fanout.Result{ok(0, 510*msec), ok(0, 400*msec), ok(10*msec, 290*msec)}, 510 * msec,
			"3 URLs in 0.51 s; one after another would take 1.19 s — 2.3× faster."},
		{"no URLs", nil, time.Second, ""},
		{"a run not started", []fanout.Result{{}, {}}, 0, ""},
		{"one URL", []fanout.Result{ok(0, 300*msec)}, 310 * msec, "1 URL in 0.31 s."},
		{"one at a time is no faster", []fanout.Result{ok(0, 500*msec), ok(500*msec, time.Second)}, time.Second,
			"2 URLs in 1.00 s; one after another would take 1.00 s — no faster."},
		{"all failed", []fanout.Result{failed(fanout.KindNetwork, 0, 5*msec), failed(fanout.KindInvalidURL, 0, 0)}, 6 * msec,
			"2 URLs in 0.01 s, all failed."},
		{"some failed still count", []fanout.Result{ok(0, 400*msec), failed(fanout.KindTimeout, 0, 400*msec)}, 400 * msec,
			"2 URLs in 0.40 s; one after another would take 0.80 s — 2.0× faster."},
		{"a run going on counts time so far", []fanout.Result{ok(0, 400*msec), {State: fanout.Running, Start: 100 * msec}, {}}, time.Second,
			"1 of 3 URLs done after 1.00 s; one after another would take 1.30 s — 1.3× faster."},
		{"a cancelled run leaves out what was cut short", []fanout.Result{ok(0, 400*msec), ok(0, 500*msec), failed(fanout.KindCancelled, 0, 600*msec)}, 600 * msec,
			"Cancelled: 2 of 3 URLs in 0.60 s; one after another would take 0.90 s — 1.5× faster."},
		{"a run cancelled before anything finished", []fanout.Result{failed(fanout.KindCancelled, 0, 50*msec)}, 50 * msec, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := speedup(tt.results, tt.wall); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestProgressAnnouncement(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		done, total, failed int
		want                string
	}{
		{0, 0, 0, ""},
		{12, 40, 2, "12 of 40 URLs done, 2 failed."},
		{40, 40, 0, "Finished: 40 URLs, 0 failed."},
	} {
		if got := progressAnnouncement(tt.done, tt.total, tt.failed); got != tt.want {
			t.Errorf("progressAnnouncement(%d, %d, %d): got %q, want %q", tt.done, tt.total, tt.failed, got, tt.want)
		}
	}
}

func TestProgressBar(t *testing.T) {
	t.Parallel()
	results := []fanout.Result{
		doneResult("https://a.test/1", 0, 300*msec, 200, ""),
		doneResult("https://a.test/2", 0, 200*msec, 0, fanout.KindCORS),
		{URL: "https://a.test/3", State: fanout.Running},
	}
	p := newProgressBar(results, 300*msec)
	if p.Done != 2 || p.Total != 3 || p.Failed != 1 {
		t.Fatalf("got %d done of %d, %d failed; want 2 of 3, 1 failed", p.Done, p.Total, p.Failed)
	}
	p.Announcement = progressAnnouncement(p.Done, p.Total, p.Failed)
	mount(t, p)
	checks := []struct {
		want app.UI
		path []int
	}{
		{app.Progress().ID("progress-bar").Max(3).Value(2).Aria("label", "URLs done"), []int{0, 0, 0}},
		{app.Text("2 / 3 done"), []int{0, 0, 1, 0}},
		{app.Text("1 failed"), []int{0, 0, 2, 0}},
		{app.P().ID("speedup"), []int{0, 1}},
		{app.P().ID("progress-announce").Class("visually-hidden").Aria("live", "polite").Aria("atomic", "true"), []int{0, 2}},
		{app.Text("2 of 3 URLs done, 1 failed."), []int{0, 2, 0}},
	}
	for _, c := range checks {
		if err := app.Match(c.want, p, c.path...); err != nil {
			t.Errorf("at %v: %v", c.path, err)
		}
	}
}
