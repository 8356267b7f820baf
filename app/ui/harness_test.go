package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ctxHost gives native tests a live app.Context: go-app passes one to
// OnUpdate, which a second Load triggers.
type ctxHost struct {
	app.Compo
	N   int
	ctx app.Context
}

func (h *ctxHost) OnUpdate(ctx app.Context) { h.ctx = ctx }
func (h *ctxHost) Render() app.UI           { return app.Div() }

// liveContext returns a context whose Async and Dispatch run on e: call
// e.ConsumeAll to wait for them.
func liveContext(t *testing.T) (app.Context, app.TestEngine) {
	t.Helper()
	e := app.NewTestEngine()
	h := &ctxHost{}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	if err := e.Load(&ctxHost{N: 1}); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return h.ctx, e
}
