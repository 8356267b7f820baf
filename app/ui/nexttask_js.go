//go:build js && wasm

package ui

import (
	"context"

	"github.com/hack-pad/safejs"
)

// nextTask waits until the browser starts a new task (a message posted to
// a MessageChannel), so it has painted and handled input in between. A Go
// timer is not enough: a page reading a response body resumes Go from
// promise callbacks, which are microtasks of the same task, and a goroutine
// whose timer ran out would carry on inside them, holding the task for
// seconds.
func nextTask(ctx context.Context) error {
	done := make(chan struct{})
	if err := postTask(func() { close(done) }); err != nil {
		return breatheTimer(ctx) // no MessageChannel: a timer still lets timers and I/O in
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func postTask(fn func()) error {
	ctor, err := safejs.Global().Get("MessageChannel")
	if err != nil {
		return err
	}
	ch, err := ctor.New()
	if err != nil {
		return err
	}
	port1, err := ch.Get("port1")
	if err != nil {
		return err
	}
	port2, err := ch.Get("port2")
	if err != nil {
		return err
	}
	var cb safejs.Func
	cb, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		_ = port1.Set("onmessage", nil)
		cb.Release()
		fn()
		return nil
	})
	if err != nil {
		return err
	}
	if err := port1.Set("onmessage", cb); err != nil {
		cb.Release()
		return err
	}
	if _, err := port2.Call("postMessage", nil); err != nil {
		cb.Release()
		return err
	}
	return nil
}
