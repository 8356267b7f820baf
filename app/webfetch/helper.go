//go:build js && wasm

package webfetch

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// Result kinds as web/fetchone.js reports them.
const (
	kindOK       = 0
	kindDeclared = 1 // too large by Content-Length (detail: the length)
	kindTooLarge = 2 // too large while streaming
	kindCORS     = 3
	kindNetwork  = 4 // message: the fetch error
	kindBody     = 5 // the body failed after detail bytes; message
	kindAborted  = 6
	kindMixed    = 7
	kindOther    = 8 // message
)

// outcome is one finished request, as the helper delivered it.
type outcome struct {
	kind, status int
	detail       int64
	retryAfter   string
	message      string
	finalURL     string // where a redirected response came from
	link         string // the Link header, when the server exposes it
	body         []byte
	err          error // the delivery itself failed
}

// helper is the link to web/fetchone.js: its startAll and abort
// functions, the requests waiting to be started and those waiting for
// their outcome.
type helper struct {
	startAll, abort safejs.Value
	stride          int

	mu      sync.Mutex
	next    int
	pending map[int]chan outcome
	queued  []startRequest // registered, not yet handed to the helper
	kick    chan struct{}  // buffered 1: the starter has requests to hand over
}

var (
	linkMu sync.Mutex
	link   *helper
)

// errNoHelper is returned when the page did not load web/fetchone.js.
var errNoHelper = errors.New("the page's fetch helper (web/fetchone.js, globalThis.faninFetch) is not loaded")

// connect finds the helper and registers the one callback it delivers
// results through, once for the life of the wasm. The page's deferred
// <script> for it may still be loading when the wasm starts (a link with
// run=1 fetches at once), so a missing helper is waited for a little.
func connect() (*helper, error) {
	linkMu.Lock()
	defer linkMu.Unlock()
	if link != nil {
		return link, nil
	}
	var err error
	for wait := time.Duration(0); wait <= helperWait; wait += helperPoll {
		if wait > 0 {
			time.Sleep(helperPoll)
		}
		if link, err = newHelper(); !errors.Is(err, errNoHelper) {
			break
		}
	}
	return link, err
}

// How long connect waits for web/fetchone.js to define faninFetch.
const (
	helperWait = 5 * time.Second
	helperPoll = 20 * time.Millisecond
)

func newHelper() (*helper, error) {
	api, err := safejs.Global().Get("faninFetch")
	if err != nil || api.IsUndefined() || api.IsNull() {
		return nil, errNoHelper
	}
	h := &helper{pending: map[int]chan outcome{}, kick: make(chan struct{}, 1)}
	if h.startAll, err = api.Get("startAll"); err != nil {
		return nil, fmt.Errorf("fetch helper: %w", err)
	}
	if h.abort, err = api.Get("abort"); err != nil {
		return nil, fmt.Errorf("fetch helper: %w", err)
	}
	if h.stride, err = intOf(api.Get("STRIDE")); err != nil || h.stride < 9 {
		return nil, fmt.Errorf("fetch helper: no STRIDE (%v)", err)
	}
	deliver, err := safejs.FuncOf(h.deliver)
	if err != nil {
		return nil, fmt.Errorf("fetch helper: %w", err)
	}
	if _, err := api.Call("connect", deliver); err != nil {
		deliver.Release()
		return nil, fmt.Errorf("fetch helper: connect: %w", err)
	}
	go h.starter()
	return h, nil
}

// queue registers req under a new id, with the channel its outcome comes
// on, and has the starter hand it to the helper.
func (h *helper) queue(req startRequest) (int, chan outcome) {
	ch := make(chan outcome, 1)
	h.mu.Lock()
	h.next++
	req.ID = h.next
	h.pending[req.ID] = ch
	h.queued = append(h.queued, req)
	h.mu.Unlock()
	select {
	case h.kick <- struct{}{}:
	default: // already kicked: the starter takes the whole queue
	}
	return req.ID, ch
}

// starter hands the queued requests to the helper, many in one call.
//
// Why not one call per request, from its own goroutine: on 1,000 URLs a
// call each cost about 120 ms of the page's one thread (profile of the
// bench's HTTP/1.1 0 ms row): converting the arguments, safejs's guard
// around each call, and growing each new goroutine's stack for the deep
// call into JavaScript. One JSON string a batch crosses once.
func (h *helper) starter() {
	for range h.kick {
		// Yield once, so that goroutines already ready to run (a run's
		// new ones) queue their requests into this batch. A request waits
		// at most for the others that are ready to run, never for the
		// network.
		runtime.Gosched()
		h.mu.Lock()
		batch := h.queued[:0:0]
		for _, req := range h.queued {
			if _, ok := h.pending[req.ID]; ok { // not cancelled meanwhile
				batch = append(batch, req)
			}
		}
		h.queued = nil
		h.mu.Unlock()
		if len(batch) == 0 {
			continue
		}
		if _, err := h.startAll.Invoke(encodeBatch(batch)); err != nil {
			for _, req := range batch {
				if ch, ok := h.take(req.ID); ok {
					ch <- outcome{err: fmt.Errorf("starting the request: %w", err)}
				}
			}
		}
	}
}

// take removes id from the waiting requests; false if it was not there.
func (h *helper) take(id int) (chan outcome, bool) {
	h.mu.Lock()
	ch, ok := h.pending[id]
	delete(h.pending, id)
	h.mu.Unlock()
	return ch, ok
}

// cancel stops waiting for id and aborts it in the browser (if it was not
// handed over yet, the starter leaves it out); its late outcome, if any,
// is dropped without copying its body.
func (h *helper) cancel(id int) {
	if _, ok := h.take(id); ok {
		_, _ = h.abort.Invoke(id)
	}
}

// deliver takes a batch of outcomes from the helper: STRIDE slots each, id,
// kind, status, detail, retryAfter, message, bytes, finalURL, link. It runs on the
// browser's event loop, so it only copies and hands over; the waiting
// goroutines do the rest.
func (h *helper) deliver(_ safejs.Value, args []safejs.Value) any {
	if len(args) == 0 {
		return nil
	}
	batch := args[0]
	n, err := batch.Length()
	if err != nil {
		return nil
	}
	for i := 0; i+h.stride <= n; i += h.stride {
		id, err := intOf(batch.Index(i))
		if err != nil {
			continue
		}
		ch, ok := h.take(id)
		if !ok {
			continue
		}
		ch <- readOutcome(batch, i)
	}
	return nil
}

func readOutcome(batch safejs.Value, i int) outcome {
	var o outcome
	var err error
	if o.kind, err = intOf(batch.Index(i + 1)); err != nil {
		return outcome{err: fmt.Errorf("fetch helper: result kind: %w", err)}
	}
	o.status, _ = intOf(batch.Index(i + 2))
	if d, err := floatOf(batch.Index(i + 3)); err == nil {
		o.detail = int64(d)
	}
	o.retryAfter = stringOf(batch.Index(i + 4))
	o.message = stringOf(batch.Index(i + 5))
	o.finalURL = stringOf(batch.Index(i + 7))
	o.link = stringOf(batch.Index(i + 8))
	if o.kind != kindOK || o.detail <= 0 {
		return o
	}
	bytes, err := batch.Index(i + 6)
	if err != nil {
		return outcome{err: fmt.Errorf("fetch helper: body: %w", err)}
	}
	o.body = make([]byte, o.detail)
	m, err := safejs.CopyBytesToGo(o.body, bytes)
	if err != nil {
		return outcome{err: fmt.Errorf("fetch helper: copying the body: %w", err)}
	}
	o.body = o.body[:m]
	return o
}

func intOf(v safejs.Value, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return v.Int()
}

func floatOf(v safejs.Value, err error) (float64, error) {
	if err != nil {
		return 0, err
	}
	return v.Float()
}

// stringOf is a string slot's text; null (absent) is "".
func stringOf(v safejs.Value, err error) string {
	if err != nil || v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}
