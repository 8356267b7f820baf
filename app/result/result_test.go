package result_test

import (
	"context"
	"strings"
	"testing"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqengine"
	"fanin/app/jqwork"
	"fanin/app/jsontree"
	"fanin/app/result"
)

func ok(i int, url, data string) fanout.Result {
	return fanout.Result{Index: i, URL: url, State: fanout.Done, Status: 200, Bytes: len(data), Data: []byte(data)}
}

func sample() []fanout.Result {
	return []fanout.Result{
		ok(0, "https://a.test/1", `{"id":1,"n":1E400}`),
		{Index: 1, URL: "https://a.test/2", State: fanout.Done, Status: 503, Err: &fanout.Error{Kind: fanout.KindHTTPStatus, Message: "HTTP 503"}},
		ok(2, "https://a.test/3", `[1,2]`),
	}
}

// countingRunner records whether the result closed it.
type countingRunner struct {
	jqwork.Runner
	closed *int
}

func (r countingRunner) Close() { *r.closed++ }

func TestResult(t *testing.T) {
	t.Parallel()
	t.Run("the document, its text and NDJSON are the encoder's", func(t *testing.T) {
		t.Parallel()
		res, err := result.Build(sample(), nil, combine.Array, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := combine.Encode(sample(), combine.Array)
		if got, err := res.JSON(); err != nil || string(got) != string(want) {
			t.Fatalf("JSON: got %q (%v), want %q", got, err, want)
		}
		if got := string(res.NDJSON()); got != "{\"id\":1,\"n\":1E400}\nnull\n[1,2]\n" {
			t.Fatalf("NDJSON: got %q", got)
		}
		if !res.OpensOnRaw() {
			t.Fatal("a small result opens on Raw")
		}
	})
	t.Run("the responses' trees are grafted once, and the tree is the same as indexing whole", func(t *testing.T) {
		t.Parallel()
		results := sample()
		trees := make([]*jsontree.Tree, len(results))
		for i, r := range results {
			if r.OK() {
				trees[i], _ = jsontree.Index(r.Data)
			}
		}
		res, _ := result.Build(results, trees, combine.Envelope, nil)
		whole, _ := jsontree.Index(res.Doc.Bytes)
		for range 2 { // the second indexer scans everything itself
			ix := res.Indexer()
			for !ix.Step(64) {
			}
			tree, err := ix.Tree()
			if err != nil || tree.Len(tree.Root()) != whole.Len(whole.Root()) {
				t.Fatalf("got %v (%v)", tree, err)
			}
		}
	})
	t.Run("labels name each URL's node, with its status and size or its error", func(t *testing.T) {
		t.Parallel()
		res, _ := result.Build(sample(), nil, combine.Array, nil)
		tree, _ := jsontree.Index(res.Doc.Bytes)
		var got []string
		for _, l := range res.Labels(tree) {
			got = append(got, l.Text)
		}
		if want := "https://a.test/1 · HTTP 200 · 18 B|https://a.test/2 · HTTP 503 · 0 B · http-status|https://a.test/3 · HTTP 200 · 5 B"; strings.Join(got, "|") != want {
			t.Fatalf("got %q", got)
		}
		patched, _ := result.Build(sample()[:1], nil, combine.Patch, nil)
		if patched.Labels(tree) != nil {
			t.Fatal("a merged document has no per-URL labels")
		}
	})
	t.Run("a merge problem is the row's error, not the fetched result's", func(t *testing.T) {
		t.Parallel()
		res, _ := result.Build(sample(), nil, combine.Concat, nil)
		if res.Rows[0].Err == nil || res.Results[0].Err != nil || res.Rows[2].Err != nil {
			t.Fatalf("rows %+v", res.Rows)
		}
	})
	t.Run("the jq runner is made on first use, shared, and ended by Close", func(t *testing.T) {
		t.Parallel()
		made, closed := 0, 0
		factory := func(doc []byte, values [][]byte) jqwork.Runner {
			made++
			if string(values[0]) != `{"id":1,"n":1E400}` || values[1] != nil {
				t.Errorf("values %q", values)
			}
			return countingRunner{Runner: jqengine.NewLocal(doc, values), closed: &closed}
		}
		res, _ := result.Build(sample(), nil, combine.Array, factory)
		if made != 0 {
			t.Fatal("a runner was made before anyone asked")
		}
		reply, err := res.JQ().Run(context.Background(), jqwork.Job{Expr: ".[0].n"})
		if err != nil || string(reply.Out) != "1E400\n" {
			t.Fatalf("got %q (%v)", reply.Out, err)
		}
		res.JQ()
		res.Close()
		if made != 1 || closed != 1 || res.JQ() != nil {
			t.Fatalf("made %d, closed %d, runner after Close %v", made, closed, res.JQ())
		}
		res.Close() // twice is harmless
		var none *result.Result
		none.Close()
	})
}
