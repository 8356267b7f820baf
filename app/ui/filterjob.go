package ui

import (
	"context"
	"fmt"

	"fanin/app/jqwork"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// filterJob is a component's background jq run: a new run or a stop
// cancels the one before, and a run's late result is told apart by its
// number. The jq panel and the compare table share it.
type filterJob struct {
	running  bool
	run      int
	cancel   context.CancelFunc
	progress jqwork.Progress // the latest report of the running run
}

func (j *filterJob) stop() {
	if j.cancel != nil {
		j.cancel()
		j.cancel = nil
	}
	j.running = false
	j.run++
}

// begin marks a new run as going and returns its context, its cancel func
// and its number.
func (j *filterJob) begin() (context.Context, context.CancelFunc, int) {
	ctx, cancel := context.WithCancel(context.Background())
	j.cancel, j.running, j.progress = cancel, true, jqwork.Progress{}
	return ctx, cancel, j.run
}

// report returns a jqwork.Job's Progress for run: it takes each report
// into the component on the UI goroutine, while run is still the current one.
func (j *filterJob) report(ctx app.Context, run int) func(jqwork.Progress) {
	return func(p jqwork.Progress) {
		ctx.Dispatch(func(app.Context) {
			if j.running && j.run == run {
				j.progress = p
			}
		})
	}
}

// view shows the running run's progress, a bar and its percentage (not in
// a live region: the status line has said it is running), or nothing.
func (j *filterJob) view(id string) app.UI {
	return app.If(j.running && j.progress.Stage != "", func() app.UI { return j.bar(id) })
}

func (j *filterJob) bar(id string) app.UI {
	p := j.progress
	return app.Span().ID(id).Class("jq-progress").Body(
		app.Progress().Max(1).Value(p.Done).Aria("label", p.Stage),
		app.Span().Text(fmt.Sprintf(" %s %d%%", p.Stage, int(p.Done*100))),
	)
}

// finish ends run if it is still the current one, and reports whether it
// was: a stopped or replaced run's result is dropped.
func (j *filterJob) finish(run int) bool {
	if j.run != run {
		return false
	}
	j.cancel, j.running = nil, false
	return true
}

// fastNote says when a run was answered from the index, not by gojq.
func fastNote(r jqwork.Reply) string {
	if r.Fast {
		return " Answered without decoding."
	}
	return ""
}
