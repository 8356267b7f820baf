//go:build js && wasm

package jqwork

import (
	"context"
	"errors"
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
	conn   conn
	sent   struct{ doc, values bool } // to the conn's current worker; conn.mu
}

// NewWorker prepares to run filters over doc and, for Each, values.
func NewWorker(doc []byte, values [][]byte) Runner {
	w := &Worker{doc: doc, values: values}
	w.conn.fresh = func() { w.sent.doc, w.sent.values = false, false }
	return w
}

// Run sends job to the worker and waits for its reply. When ctx is done
// first it ends the worker (a filter may never stop on its own) and
// returns ctx's error.
func (w *Worker) Run(ctx context.Context, job Job) (Reply, error) {
	msg := map[string]any{"op": "run", "expr": job.Expr, "compact": job.Compact, "each": job.Each}
	return w.conn.call(ctx, func() error { return w.send(job.Each) }, msg, nil, job.Progress)
}

// Close ends the worker; the next Run starts another.
func (w *Worker) Close() { w.conn.close() }

// Start starts the worker ahead of the first Run, unless it runs; the
// document goes with the first Run. A failure shows on Run.
func (w *Worker) Start() { w.conn.warm() }

// send gives the worker the document, or the responses' values for Each,
// once per worker; the copies are transferred, not cloned again. conn.mu
// is held.
func (w *Worker) send(each bool) error {
	switch {
	case !each && !w.sent.doc:
		u8, buf := transferable(w.doc)
		if err := w.conn.post(map[string]any{"op": "load", "doc": u8}, []any{buf}); err != nil {
			return err
		}
		w.sent.doc = true
	case each && !w.sent.values:
		list := make([]any, len(w.values))
		var transfer []any
		for i, v := range w.values {
			if v == nil {
				continue
			}
			u8, buf := transferable(v)
			list[i] = u8
			transfer = append(transfer, buf)
		}
		if err := w.conn.post(map[string]any{"op": "values", "values": list}, transfer); err != nil {
			return err
		}
		w.sent.values = true
	}
	return nil
}

// NextWorker runs next-page expressions (app/pages.JQ) in a Web Worker of
// its own, kept for the page's life once started, so the page's wasm needs
// no jq. Its methods are safe for concurrent use by a run's chains.
type NextWorker struct{ conn conn }

// NewNextWorker makes one; its worker starts on the first Check or First.
func NewNextWorker() *NextWorker { return &NextWorker{} }

// Check cannot answer at once, as the expression compiles in the worker:
// it starts the worker (if Start has not), so that it is up by the time
// the first page is in, and lets expr through; First reports its syntax
// error.
func (n *NextWorker) Check(string) error {
	n.Start()
	return nil
}

// Start starts the worker unless it runs; the page calls it once a run's
// next page is to come from a jq expression. A failure shows on First.
func (n *NextWorker) Start() { n.conn.warm() }

// First runs expr over body in the worker and gives its first output. When
// ctx is done first it ends the worker (an expression may never stop).
func (n *NextWorker) First(ctx context.Context, expr string, body []byte) (string, error) {
	u8, buf := transferable(body)
	r, err := n.conn.call(ctx, nil, map[string]any{"op": "first", "expr": expr, "body": u8}, []any{buf}, nil)
	if err != nil {
		return "", err
	}
	if r.Err != "" {
		return "", errors.New(r.Err)
	}
	return string(r.Out), nil
}

// conn is one Web Worker running web/jq.wasm, started when first needed,
// and the calls waiting on its replies.
type conn struct {
	mu      sync.Mutex
	worker  safejs.Value
	onMsg   safejs.Func
	started bool
	next    int
	pending map[int]*call
	broken  error
	fresh   func() // called, mu held, when a new worker starts
}

// call is one message waiting on the worker: its reply, and the latest
// news of its progress (a newer report replaces one not yet taken).
type call struct {
	reply    chan Reply
	progress chan Progress
}

// call starts the worker if need be, lets prepare post what msg needs
// first (mu held), posts msg with an id, and waits for the reply, handing
// progress reports to tell. When ctx is done first it ends the worker and
// returns ctx's error.
func (c *conn) call(ctx context.Context, prepare func() error, msg map[string]any, transfer []any, tell func(Progress)) (Reply, error) {
	c.mu.Lock()
	if err := c.start(); err != nil {
		c.mu.Unlock()
		return Reply{}, err
	}
	if prepare != nil {
		if err := prepare(); err != nil {
			c.stop(err)
			c.mu.Unlock()
			return Reply{}, err
		}
	}
	c.next++
	id, ch := c.next, &call{reply: make(chan Reply, 1), progress: make(chan Progress, 1)}
	c.pending[id] = ch
	msg["id"] = id
	err := c.post(msg, transfer)
	c.mu.Unlock()
	if err != nil {
		c.close()
		return Reply{}, err
	}
	for {
		select {
		case r, ok := <-ch.reply:
			if !ok {
				return Reply{}, c.failure()
			}
			return r, nil
		case p := <-ch.progress:
			if tell != nil {
				tell(p)
			}
		case <-ctx.Done():
			c.close()
			return Reply{}, ctx.Err()
		}
	}
}

// warm starts the worker ahead of a first call, unless it runs; a failure
// to start shows on that call, which tries again.
func (c *conn) warm() {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.start()
}

// transferable copies b into a new Uint8Array (empty for nil) for a
// message, with the buffer to transfer rather than clone.
func transferable(b []byte) (u8, buf any) {
	if b == nil {
		b = []byte{}
	}
	v := toJS(b)
	if jv, ok := v.(safejs.Value); ok {
		buf, _ = jv.Get("buffer")
	}
	return v, buf
}

// post sends msg to the worker, transferring transfer; mu is held.
func (c *conn) post(msg map[string]any, transfer []any) error {
	args := []any{msg}
	if transfer != nil {
		args = append(args, transfer)
	}
	if _, err := c.worker.Call("postMessage", args...); err != nil {
		return fmt.Errorf("%w: %v", ErrWorker, err)
	}
	return nil
}

// close ends the worker; the next call starts another.
func (c *conn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop(nil)
}

func (c *conn) failure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken != nil {
		return c.broken
	}
	return fmt.Errorf("%w: it stopped", ErrWorker)
}

// start makes the worker, mu held: web/jqworker.js beside the page's
// wasm_exec.js, told where that script and jq.wasm are (the versioned
// paths, so the browser's cache and the service worker's serve them).
func (c *conn) start() error {
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
	url := base + "jqworker.js?exec=" + urlQuery(exec) + "&wasm=" + urlQuery(base+WasmName)
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
	if c.pending == nil {
		c.pending = map[int]*call{}
	}
	c.worker, c.onMsg, c.started, c.broken = w, onMsg, true, nil
	if c.fresh != nil {
		c.fresh()
	}
	return nil
}

// receive takes a message from the worker. It runs in a JS callback, so it
// copies what it needs and never blocks.
func (c *conn) receive(msg safejs.Value) {
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

// progress hands a run's progress report to the goroutine waiting in call,
// replacing one it has not taken yet; it never blocks.
func (c *conn) progress(id int, data safejs.Value) {
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

// stop ends the worker and fails the calls waiting on it; mu is held.
func (c *conn) stop(cause error) {
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
