//go:build js && wasm

package jspromise

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// Error is a rejected promise's reason.
type Error struct {
	Name    string // e.g. TypeError, AbortError
	Message string
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

func toError(v safejs.Value) *Error {
	e := &Error{Name: "Error", Message: "unknown JavaScript error"}
	if v.Type() != safejs.TypeObject {
		if s, err := v.String(); err == nil {
			e.Message = s
		}
		return e
	}
	if name, err := v.Get("name"); err == nil {
		if s, err := name.String(); err == nil && s != "" {
			e.Name = s
		}
	}
	if msg, err := v.Get("message"); err == nil {
		if s, err := msg.String(); err == nil {
			e.Message = s
		}
	}
	return e
}

// Await waits for a promise to settle. It does not return early on its own:
// callers make promises settle by aborting them (AbortController), so the
// callbacks are always called before they are released. The callbacks only
// send on a buffered channel, never blocking the JavaScript event loop.
func Await(promise safejs.Value, callErr error) (safejs.Value, error) {
	if callErr != nil {
		return safejs.Undefined(), callErr
	}
	type outcome struct {
		value safejs.Value
		err   error
	}
	done := make(chan outcome, 1)
	onFulfilled, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		done <- outcome{value: arg0(args)}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer onFulfilled.Release()
	onRejected, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		done <- outcome{err: toError(arg0(args))}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer onRejected.Release()
	if _, err := promise.Call("then", onFulfilled, onRejected); err != nil {
		return safejs.Undefined(), fmt.Errorf("not a promise: %w", err)
	}
	o := <-done
	return o.value, o.err
}

func arg0(args []safejs.Value) safejs.Value {
	if len(args) == 0 {
		return safejs.Undefined()
	}
	return args[0]
}
