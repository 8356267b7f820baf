//go:build js && wasm

package jqwork

import (
	"context"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// Serve runs the jq worker when this wasm was started by web/jqworker.js,
// which defines faninReady: it answers the page's messages with runners
// (over the document it is sent) and first (next-page expressions), and
// never returns. Anywhere else it reports false at once.
func Serve(runners Factory, first First) bool {
	global := safejs.Global()
	ready, err := global.Get("faninReady")
	if err != nil || ready.Type() != safejs.TypeFunction {
		return false
	}
	var q queue
	handle, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) > 0 {
			q.put(args[0]) // never blocks: this is a JS callback
		}
		return nil
	})
	if err != nil {
		return false
	}
	if _, err := ready.Invoke(handle); err != nil {
		return false
	}
	var runner Runner
	var doc []byte
	var values [][]byte
	for {
		msg := q.take()
		op := stringProp(msg, "op")
		switch op {
		case "load":
			doc = bytesProp(msg, "doc")
			runner = nil
		case "values":
			values = nil
			if list, err := msg.Get("values"); err == nil {
				n, _ := list.Length()
				values = make([][]byte, n)
				for i := range n {
					if v, err := list.Index(i); err == nil && !v.IsNull() {
						values[i] = copyBytes(v)
					}
				}
			}
			runner = nil
		case "run":
			if runner == nil {
				runner = runners(doc, values)
			}
			compact, _ := boolProp(msg, "compact")
			each, _ := boolProp(msg, "each")
			job := Job{Expr: stringProp(msg, "expr"), Compact: compact, Each: each}
			job.Progress = reporter(global, msg)
			r, err := runner.Run(context.Background(), job)
			if err != nil && r.Err == "" {
				r.Err = err.Error()
			}
			post(global, msg, r)
		case "first":
			out, err := first(context.Background(), stringProp(msg, "expr"), bytesProp(msg, "body"))
			r := Reply{Out: []byte(out)}
			if err != nil {
				r.Err = err.Error()
			}
			post(global, msg, r)
		}
	}
}

// queue keeps the page's messages in order until the worker loop takes
// them; put never blocks.
type queue struct {
	mu    sync.Mutex
	msgs  []safejs.Value
	ready chan struct{}
}

func (q *queue) put(v safejs.Value) {
	q.mu.Lock()
	q.msgs = append(q.msgs, v)
	if q.ready == nil {
		q.ready = make(chan struct{}, 1)
	}
	ready := q.ready
	q.mu.Unlock()
	select {
	case ready <- struct{}{}:
	default:
	}
}

func (q *queue) take() safejs.Value {
	for {
		q.mu.Lock()
		if q.ready == nil {
			q.ready = make(chan struct{}, 1)
		}
		if len(q.msgs) > 0 {
			v := q.msgs[0]
			q.msgs = q.msgs[1:]
			q.mu.Unlock()
			return v
		}
		ready := q.ready
		q.mu.Unlock()
		<-ready
	}
}

// reporter posts a run's progress to the page, at most every 100 ms and
// whenever the stage changes.
func reporter(global, msg safejs.Value) func(Progress) {
	id, _ := msg.Get("id")
	var last time.Time
	stage := ""
	return func(p Progress) {
		if now := time.Now(); p.Stage != stage || now.Sub(last) >= 100*time.Millisecond {
			last, stage = now, p.Stage
			_, _ = global.Call("postMessage", map[string]any{"op": "progress", "id": id, "stage": p.Stage, "done": p.Done})
		}
	}
}

func post(global, msg safejs.Value, r Reply) {
	id, _ := msg.Get("id")
	reply := map[string]any{"id": id, "err": r.Err, "out": toJS(r.Out), "fast": r.Fast}
	if r.Outs != nil {
		outs := make([]any, len(r.Outs))
		errs := make([]any, len(r.Errs))
		for i := range r.Outs {
			outs[i], errs[i] = toJS(r.Outs[i]), r.Errs[i]
		}
		reply["outs"], reply["errs"] = outs, errs
	}
	_, _ = global.Call("postMessage", reply)
}
