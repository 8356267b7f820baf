package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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
