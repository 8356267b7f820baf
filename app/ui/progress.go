package ui

import (
	"fmt"
	"time"

	"fanin/app/fanout"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// AnnounceInterval is how often, at most, the parent should change
// progressBar.Announcement while a run goes on: a screen reader reads each
// change, and reading one every 100 ms would drown everything else.
const AnnounceInterval = 2 * time.Second

// progressBar shows how far a run is, how many URLs failed, and how much
// time fetching them together saved.
type progressBar struct {
	app.Compo

	Done, Total, Failed int
	Speedup             string // from speedup
	Announcement        string // from progressAnnouncement, throttled by the parent
}

// newProgressBar counts results. The parent sets Announcement itself, at
// most every AnnounceInterval.
func newProgressBar(results []fanout.Result, wall time.Duration) *progressBar {
	p := &progressBar{Total: len(results), Speedup: speedup(results, wall)}
	for _, r := range results {
		if r.State == fanout.Done {
			p.Done++
			if r.Err != nil {
				p.Failed++
			}
		}
	}
	return p
}

// progressAnnouncement is what screen readers are told about a run.
func progressAnnouncement(done, total, failed int) string {
	switch {
	case total == 0:
		return ""
	case done < total:
		return fmt.Sprintf("%d of %d URLs done, %d failed.", done, total, failed)
	}
	return fmt.Sprintf("Finished: %d URLs, %d failed.", total, failed)
}

// speedup compares the run's wall time with the time its requests took
// added up: what fetching them one after another would have cost. Requests
// cut short by Cancel are left out of both counts; requests still running
// count with their time so far.
func speedup(results []fanout.Result, wall time.Duration) string {
	var n, failed, running, unfinished int
	var sum time.Duration
	for _, r := range results {
		switch {
		case r.State == fanout.Pending:
			unfinished++
		case r.State == fanout.Running:
			unfinished++
			running++
			n++
			sum += max(0, wall-r.Start)
		case r.Err.KindOr("") == fanout.KindCancelled:
		default:
			n++
			sum += r.Elapsed()
			if r.Err != nil {
				failed++
			}
		}
	}
	if n == 0 || wall <= 0 {
		return ""
	}
	done := fmt.Sprintf("%d URLs in %s", n, seconds(wall))
	switch {
	case unfinished > 0:
		done = fmt.Sprintf("%d of %d URLs done after %s", n-running, len(results), seconds(wall))
	case n < len(results):
		done = fmt.Sprintf("Cancelled: %d of %d URLs in %s", n, len(results), seconds(wall))
	case n == 1:
		return fmt.Sprintf("1 URL in %s.", seconds(wall))
	}
	if failed == n {
		return done + ", all failed."
	}
	ratio := float64(sum) / float64(wall)
	if ratio < 1.05 {
		return fmt.Sprintf("%s; one after another would take %s — no faster.", done, seconds(sum))
	}
	return fmt.Sprintf("%s; one after another would take %s — %.1f× faster.", done, seconds(sum), ratio)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func (c *progressBar) Render() app.UI {
	return app.Section().ID("progress").Class("progress").Aria("label", "Progress").Body(
		app.Div().Class("progress-line").Body(
			app.Progress().ID("progress-bar").Max(max(c.Total, 1)).Value(c.Done).Aria("label", "URLs done"),
			app.Span().ID("progress-count").Text(fmt.Sprintf("%d / %d done", c.Done, c.Total)),
			app.If(c.Failed > 0, func() app.UI {
				return app.Span().ID("progress-failed").Class("failed").Text(fmt.Sprintf("%d failed", c.Failed))
			}),
		),
		app.P().ID("speedup").Text(c.Speedup),
		app.P().ID("progress-announce").Class("visually-hidden").Aria("live", "polite").Aria("atomic", "true").Text(c.Announcement),
	)
}
