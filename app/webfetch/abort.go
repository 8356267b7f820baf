//go:build js && wasm

package webfetch

import (
	"context"
	"sync"

	"github.com/hack-pad/safejs"
)

// aborter ties an AbortController to a context: when the context ends the
// controller aborts, which makes every promise using its signal settle.
type aborter struct {
	controller safejs.Value
	once       sync.Once
	release    func() bool
}

func newAbort(ctx context.Context) (*aborter, safejs.Value, error) {
	ctor, err := safejs.Global().Get("AbortController")
	if err != nil {
		return nil, safejs.Undefined(), err
	}
	controller, err := ctor.New()
	if err != nil {
		return nil, safejs.Undefined(), err
	}
	signal, err := controller.Get("signal")
	if err != nil {
		return nil, safejs.Undefined(), err
	}
	a := &aborter{controller: controller}
	a.release = context.AfterFunc(ctx, a.now)
	return a, signal, nil
}

// now aborts the request and anything still reading its body.
func (a *aborter) now() {
	a.once.Do(func() { _, _ = a.controller.Call("abort") })
}

// stop detaches the controller from the context.
func (a *aborter) stop() { a.release() }
