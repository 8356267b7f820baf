package ui

import (
	"testing"

	"fanin/app/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestProgressBar(t *testing.T) {
	t.Parallel()
	p := &progressBar{Done: 2, Total: 3, Failed: 1, Announcement: run.Announcement(2, 3, 1)}
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
