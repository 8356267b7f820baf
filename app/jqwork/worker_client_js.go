//go:build js && wasm

package jqwork

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"
)

// Worker runs jobs over one result in a Web Worker, started on the first
// run. Its methods are safe for concurrent use.
type Worker struct {
	doc    []byte
	values [][]byte

	mu      sync.Mutex
	worker  safejs.Value
	onMsg   safejs.Func
	started bool
	sent    struct{ doc, values bool }
	next    int
	pending map[int]*call
	broken  error
}

// call is one run waiting on the worker: its reply, and the latest news
// of its progress (a newer report replaces one not yet taken).
type call struct {
	reply    chan Reply
	progress chan Progress
}

// NewWorker prepares to run filters over doc and, for Each, values.
func NewWorker(doc []byte, values [][]byte) Runner {
	return &Worker{doc: doc, values: values, pending: map[int]*call{}}
}

// Run sends job to the worker and waits for its reply. When ctx is done
// first it ends the worker (a filter may never stop on its own) and
// returns ctx's error.
func (c *Worker) Run(ctx context.Context, job Job) (Reply, error) {
	c.mu.Lock()
	if err := c.start(); err != nil {
		c.mu.Unlock()
		return Reply{}, err
	}
	if err := c.send(job.Each); err != nil {
		c.stop(err)
		c.mu.Unlock()
		return Reply{}, err
	}
	c.next++
	id, ch := c.next, &call{reply: make(chan Reply, 1), progress: make(chan Progress, 1)}
	c.pending[id] = ch
	_, err := c.worker.Call("postMessage", map[string]any{"op": "run", "id": id, "expr": job.Expr, "compact": job.Compact, "each": job.Each})
	c.mu.Unlock()
	if err != nil {
		c.Close()
		return Reply{}, fmt.Errorf("%w: %v", ErrWorker, err)
	}
	for {
		select {
		case r, ok := <-ch.reply:
			if !ok {
				return Reply{}, c.failure()
			}
			return r, nil
		case p := <-ch.progress:
			if job.Progress != nil {
				job.Progress(p)
			}
		case <-ctx.Done():
			c.Close()
			return Reply{}, ctx.Err()
		}
	}
}

// Close ends the worker; the next Run starts another.
func (c *Worker) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop(nil)
}

func (c *Worker) failure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken != nil {
		return c.broken
	}
	return fmt.Errorf("%w: it stopped", ErrWorker)
}

// start makes the worker: web/jqworker.js beside the page's wasm_exec.js,
// told where that script and app.wasm are (the versioned paths the page
// itself loaded, so the browser's cache serves them).
func (c *Worker) start() error {
	if c.started {
		return nil
	}
	exec, err := scriptURL("wasm_exec.js")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWorker, err)
	}
	base := strings.TrimSuffix(exec, "wasm_exec.js")
	ctor, err := safejs.Global().Get("Worker")
	if err != nil || ctor.IsUndefined() {
		return fmt.Errorf("%w: this browser has no Web Workers", ErrWorker)
	}
	url := base + "jqworker.js?exec=" + urlQuery(exec) + "&wasm=" + urlQuery(base+"app.wasm")
	w, err := ctor.New(url)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWorker, err)
	}
	onMsg, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) > 0 {
			c.receive(args[0])
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWorker, err)
	}
	if err := w.Set("onmessage", onMsg); err != nil {
		onMsg.Release()
		return fmt.Errorf("%w: %v", ErrWorker, err)
	}
	c.worker, c.onMsg, c.started, c.broken = w, onMsg, true, nil
	c.sent.doc, c.sent.values = false, false
	return nil
}

// send gives the worker the document, or the responses' values for Each,
// once per worker; the copies are transferred, not cloned again.
func (c *Worker) send(each bool) error {
	switch {
	case !each && !c.sent.doc:
		u8 := toJS(c.doc)
		if u8 == nil {
			u8 = toJS([]byte{})
		}
		buf, _ := u8.(safejs.Value).Get("buffer")
		if _, err := c.worker.Call("postMessage", map[string]any{"op": "load", "doc": u8}, []any{buf}); err != nil {
			return fmt.Errorf("%w: %v", ErrWorker, err)
		}
		c.sent.doc = true
	case each && !c.sent.values:
		list := make([]any, len(c.values))
		var transfer []any
		for i, v := range c.values {
			if v == nil {
				continue
			}
			u8 := toJS(v)
			list[i] = u8
			buf, _ := u8.(safejs.Value).Get("buffer")
			transfer = append(transfer, buf)
		}
		if _, err := c.worker.Call("postMessage", map[string]any{"op": "values", "values": list}, transfer); err != nil {
			return fmt.Errorf("%w: %v", ErrWorker, err)
		}
		c.sent.values = true
	}
	return nil
}

// receive takes a message from the worker. It runs in a JS callback, so it
// copies what it needs and never blocks.
func (c *Worker) receive(msg safejs.Value) {
	data, err := msg.Get("data")
	if err != nil {
		return
	}
	op := stringProp(data, "op")
	if op == "failed" {
		c.mu.Lock()
		c.stop(fmt.Errorf("%w: %s", ErrWorker, stringProp(data, "err")))
		c.mu.Unlock()
		return
	}
	idv, err := data.Get("id")
	if err != nil {
		return
	}
	id, err := idv.Int()
	if err != nil {
		return
	}
	if op == "progress" {
		c.progress(id, data)
		return
	}
	r := Reply{Out: bytesProp(data, "out"), Err: stringProp(data, "err")}
	r.Fast, _ = boolProp(data, "fast")
	if outs, err := data.Get("outs"); err == nil && !outs.IsUndefined() && !outs.IsNull() {
		n, _ := outs.Length()
		errs, _ := data.Get("errs")
		r.Outs, r.Errs = make([][]byte, n), make([]string, n)
		for i := range n {
			if o, err := outs.Index(i); err == nil && !o.IsNull() {
				r.Outs[i] = copyBytes(o)
			}
			if e, err := errs.Index(i); err == nil && e.Type() == safejs.TypeString {
				r.Errs[i], _ = e.String()
			}
		}
	}
	c.mu.Lock()
	ch := c.pending[id]
	delete(c.pending, id)
	c.mu.Unlock()
	if ch != nil {
		ch.reply <- r
	}
}

// progress hands a run's progress report to the goroutine waiting in Run,
// replacing one it has not taken yet; it never blocks.
func (c *Worker) progress(id int, data safejs.Value) {
	p := Progress{Stage: stringProp(data, "stage")}
	if d, err := data.Get("done"); err == nil && d.Type() == safejs.TypeNumber {
		p.Done, _ = d.Float()
	}
	c.mu.Lock()
	ch := c.pending[id]
	c.mu.Unlock()
	if ch == nil {
		return
	}
	for {
		select {
		case ch.progress <- p:
			return
		default:
		}
		select {
		case <-ch.progress: // drop the older report
		default:
		}
	}
}

// stop ends the worker and fails the runs waiting on it; c.mu is held.
func (c *Worker) stop(cause error) {
	if !c.started {
		return
	}
	_, _ = c.worker.Call("terminate")
	_ = c.worker.Set("onmessage", nil)
	c.onMsg.Release()
	c.started, c.broken = false, cause
	for id, ch := range c.pending {
		close(ch.reply)
		delete(c.pending, id)
	}
}

// scriptURL finds the address of the page's script whose name ends in name.
func scriptURL(name string) (string, error) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return "", err
	}
	el, err := doc.Call("querySelector", `script[src$="/`+name+`"]`)
	if err != nil {
		return "", err
	}
	if el.IsNull() {
		return "", fmt.Errorf("no %s on the page", name)
	}
	src, err := el.Get("src")
	if err != nil {
		return "", err
	}
	return src.String()
}

func urlQuery(s string) string {
	v, err := safejs.Global().Call("encodeURIComponent", s)
	if err != nil {
		return s
	}
	out, _ := v.String()
	return out
}
