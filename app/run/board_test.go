package run

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"fanin/app/fanout"
)

// filterRows is the board's choice of rows for f.
func filterRows(rows []fanout.Result, f Filter) []int {
	r := &Run{Rows: rows, filter: f}
	r.refigure(time.Time{}, 0)
	if r.Board.Visible == nil {
		all := []int{}
		for i := range rows {
			all = append(all, i)
		}
		return all
	}
	return r.Board.Visible
}

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
		if got := Announcement(tt.done, tt.total, tt.failed); got != tt.want {
			t.Errorf("Announcement(%d, %d, %d): got %q, want %q", tt.done, tt.total, tt.failed, got, tt.want)
		}
	}
}

func TestFilterRows(t *testing.T) {
	t.Parallel()
	rows := []fanout.Result{
		doneResult("https://a.test/0", 0, 100*msec, 200, ""),
		doneResult("https://a.test/1", 0, 3*time.Second, 0, fanout.KindTimeout),
		doneResult("not a url", 0, 0, 0, fanout.KindInvalidURL),
		{URL: "https://a.test/3", State: fanout.Running},
		doneResult("https://a.test/4", 0, 9*time.Second, 0, fanout.KindCancelled),
		doneResult("https://a.test/5", 0, 1200*msec, 200, ""),
	}
	for i := 6; i < 26; i++ {
		rows = append(rows, doneResult(fmt.Sprintf("https://a.test/%d", i), 0, time.Duration(i)*msec, 200, ""))
	}
	tests := []struct {
		name string
		rows []fanout.Result
		f    Filter
		want []int
	}{
		{"all keeps every row", rows[:6], FilterAll, []int{0, 1, 2, 3, 4, 5}},
		{"failed keeps finished rows with an error", rows, FilterFailed, []int{1, 2, 4}},
		{"slow keeps the slowest tenth that took a second or more", rows, FilterSlow, []int{1, 5}},
		{"nothing is slow in a fast run", rows[6:], FilterSlow, []int{}},
		{"one slow request in a small run is slow", rows[:3], FilterSlow, []int{1}},
		{"an unknown filter keeps everything", rows[:2], Filter("bogus"), []int{0, 1}},
		{"no rows", nil, FilterSlow, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := filterRows(tt.rows, tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
