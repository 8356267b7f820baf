package ui

import "context"

// filterJob is a component's background jq run: a new run or a stop
// cancels the one before, and a run's late result is told apart by its
// number. The jq panel and the compare table share it.
type filterJob struct {
	running bool
	run     int
	cancel  context.CancelFunc
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
	j.cancel, j.running = cancel, true
	return ctx, cancel, j.run
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
