package ui

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"fanin/app/fanout"
	"fanin/app/run"
	"fanin/app/webenv"
)

// countingFetcher counts the requests that reach it, and fails them.
type countingFetcher struct{ n *int }

func (f countingFetcher) Fetch(context.Context, fanout.Request) (*fanout.Response, error) {
	*f.n++
	return nil, fanout.Errorf(fanout.KindNetwork, "no network in this test")
}

// TestRehearsal: the page's rehearsal goes through a whole made-up run —
// its combined JSON is what a real run of those responses gives — while
// the page's own run, board, recent lists and storage stay as they were,
// and nothing reaches the page's fetcher. It happens once, and not at all
// once a run has started.
func TestRehearsal(t *testing.T) {
	var requests int
	env := webenv.NewMemory("localhost", "")
	p := NewPage(Browser{Fetcher: countingFetcher{&requests}, Env: env})
	p.SetText("https://a.test/1\nhttps://a.test/2")
	ctx, e := liveContext(t)
	before := *p.run
	p.rehearse(ctx)
	e.ConsumeAll()
	var doc []any
	if err := json.Unmarshal([]byte(p.rehearsal), &doc); err != nil {
		t.Fatalf("the rehearsal's result is not JSON (%v): %q", err, p.rehearsal)
	}
	want := []any{
		map[string]any{"id": 1.0, "name": "Ada", "tags": []any{"x", "y"}, "active": true, "score": 9.5, "manager": nil},
		[]any{map[string]any{"id": 2.0, "nested": map[string]any{"deep": []any{1.0, 2.0, map[string]any{"k": "v"}}}}, map[string]any{"id": 3.0, "text": "café \"quoted\""}},
		42.0,
		nil, nil,
	}
	if !reflect.DeepEqual(doc, want) {
		t.Fatalf("the rehearsal's result is\n%v, want\n%v (null for the two that failed, as in a run)", doc, want)
	}
	if marks := env.Marks(); !reflect.DeepEqual(marks, []string{RehearsedMark}) {
		t.Errorf("marks %q, want the rehearsal's", marks)
	}
	if requests != 0 {
		t.Errorf("the rehearsal made %d requests through the page's fetcher", requests)
	}
	if p.run.ID != before.ID || p.run.State != run.Idle || len(p.run.Rows) != 0 || p.run.Result != nil || len(p.shown) != 0 {
		t.Errorf("the page's run changed: id %d, state %q, %d rows, result %v, %d shown", p.run.ID, p.run.State, len(p.run.Rows), p.run.Result != nil, len(p.shown))
	}
	if len(p.recent) != 0 {
		t.Errorf("the rehearsal's URLs went into the recent lists: %q", p.recent)
	}
	if p.plan.Text != "https://a.test/1\nhttps://a.test/2" {
		t.Errorf("the URL box changed: %q", p.plan.Text)
	}

	p.rehearsal = ""
	p.rehearse(ctx)
	e.ConsumeAll()
	if p.rehearsal != "" {
		t.Error("the page rehearsed twice")
	}

	late := NewPage(Browser{Fetcher: countingFetcher{&requests}})
	late.SetText("https://a.test/1")
	lctx, le := liveContext(t)
	late.Start(lctx)
	late.rehearse(lctx)
	le.ConsumeAll()
	if late.rehearsal != "" {
		t.Error("the page rehearsed after a run had started")
	}
}
