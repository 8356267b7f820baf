package ui

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"fanin/app/fanout"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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

func TestRowFilter(t *testing.T) {
	t.Parallel()
	c := newRowFilter(FilterFailed, 3, 1)
	mount(t, c)
	for i, want := range []app.UI{
		app.Legend(),
		app.Input().Type("radio").ID("filter-all").Name("row-filter").Value("all"),
		app.Input().Type("radio").ID("filter-failed").Name("row-filter").Value("failed").Checked(true),
		app.Input().Type("radio").ID("filter-slow").Name("row-filter").Value("slow"),
	} {
		path := []int{0, i}
		if i > 0 {
			path = append(path, 0)
			want.(app.HTMLInput).OnChange(func(app.Context, app.Event) {})
		}
		if err := app.Match(want, c, path...); err != nil {
			t.Errorf("child %d: %v", i, err)
		}
	}
	if err := app.Match(app.Label().For("filter-failed").Text("Failed (3)"), c, 0, 2, 1); err != nil {
		t.Error(err)
	}

	var got Filter
	c.OnChange = func(_ app.Context, f Filter) { got = f }
	c.choose(FilterSlow)(app.Context{}, app.Event{})
	if got != FilterSlow || c.Value != FilterSlow {
		t.Errorf("got OnChange(%q) and Value %q, want slow", got, c.Value)
	}
}
