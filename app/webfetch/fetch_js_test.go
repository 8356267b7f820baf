//go:build js && wasm

package webfetch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
	"fanin/app/run"
	"fanin/internal/testserver"

	"github.com/hack-pad/safejs"
)

// TestMain loads the fetch helper into the test's page as the real page
// does, with a <script>, and waits for it.
func TestMain(m *testing.M) {
	if err := loadHelper(os.Getenv("FANIN_EXTRA") + "/fetchone.js"); err != nil {
		fmt.Println("loading web/fetchone.js:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func loadHelper(src string) error {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	script, err := doc.Call("createElement", "script")
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	onLoad, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { done <- nil; return nil })
	if err != nil {
		return err
	}
	defer onLoad.Release()
	onError, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { done <- errors.New("the script did not load"); return nil })
	if err != nil {
		return err
	}
	defer onError.Release()
	for name, v := range map[string]any{"onload": onLoad, "onerror": onError, "src": src} {
		if err := script.Set(name, v); err != nil {
			return err
		}
	}
	head, err := doc.Get("head")
	if err != nil {
		return err
	}
	if _, err := head.Call("appendChild", script); err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		return errors.New("no load or error event in 30 s")
	}
}

func extra(t *testing.T) string {
	t.Helper()
	u := os.Getenv("FANIN_EXTRA")
	if u == "" {
		t.Fatal("FANIN_EXTRA is not set: run these tests through TestInBrowser (go test ./app/webfetch)")
	}
	return u
}

// pendingInHelper is how many requests the helper and Go still wait for.
func pendingInHelper(t *testing.T) (js, goSide int) {
	t.Helper()
	h, err := connect()
	if err != nil {
		t.Fatal(err)
	}
	js = helperCount(t, "pending")
	h.mu.Lock()
	defer h.mu.Unlock()
	return js, len(h.pending)
}

// helperBatches is how many times Go has called the helper's startAll.
func helperBatches(t *testing.T) int { return helperCount(t, "batches") }

// helperCount calls the helper's counting function name (pending or
// batches).
func helperCount(t *testing.T, name string) int {
	t.Helper()
	api, err := safejs.Global().Get("faninFetch")
	if err != nil {
		t.Fatal(err)
	}
	v, err := api.Call(name)
	if err != nil {
		t.Fatal(err)
	}
	n, err := v.Int()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func server(t *testing.T) string {
	t.Helper()
	u := os.Getenv("FANIN_TESTSERVER")
	if u == "" {
		t.Fatal("FANIN_TESTSERVER is not set: run these tests through TestInBrowser (go test ./app/webfetch)")
	}
	return u
}

func fetch(t *testing.T, ctx context.Context, url string, maxBytes int64) (*fanout.Response, error) {
	t.Helper()
	return New().Fetch(ctx, fanout.Request{URL: url, MaxBytes: maxBytes})
}

func wantKind(t *testing.T, err error, kind fanout.Kind) {
	t.Helper()
	var fe *fanout.Error
	if !errors.As(err, &fe) || fe.Kind != kind {
		t.Fatalf("got error %v, want kind %s", err, kind)
	}
}

func TestFetch(t *testing.T) {
	base := server(t)
	ctx := context.Background()

	t.Run("a JSON body arrives byte for byte", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/exact", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 200 || string(resp.Body) != testserver.Exact {
			t.Fatalf("got %d %q, want 200 %q", resp.Status, resp.Body, testserver.Exact)
		}
	})
	t.Run("an error status still returns its body", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/status/503", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 503 || len(resp.Body) == 0 {
			t.Fatalf("got %d %q, want 503 with a body", resp.Status, resp.Body)
		}
	})
	t.Run("a server without CORS headers is a cors error", func(t *testing.T) {
		_, err := fetch(t, ctx, base+"/nocors/x", 1<<20)
		wantKind(t, err, fanout.KindCORS)
	})
	t.Run("a closed port is a network error", func(t *testing.T) {
		_, err := fetch(t, ctx, "http://127.0.0.1:9/nothing", 1<<20)
		wantKind(t, err, fanout.KindNetwork)
	})
	t.Run("gzip bodies are decoded", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/gzip", 1<<20)
		if err != nil || string(resp.Body) != `{"gzip":true}` {
			t.Fatalf("got %v %q", err, resp.Body)
		}
	})
	t.Run("redirects are followed", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/redirect", 1<<20)
		if err != nil || resp.Status != 200 || string(resp.Body) != `{"name":"redirected","big":12345678901234567890123}` {
			t.Fatalf("got %v %+v", err, resp)
		}
		if want := base + "/json/redirected"; resp.FinalURL != want {
			t.Fatalf("got final URL %q, want %q", resp.FinalURL, want)
		}
	})
	t.Run("a response that was not redirected has no final URL", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/exact", 1<<20)
		if err != nil || resp.FinalURL != "" {
			t.Fatalf("got %v, final URL %q", err, resp.FinalURL)
		}
	})
	t.Run("an empty body is empty", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/empty", 1<<20)
		if err != nil || len(resp.Body) != 0 {
			t.Fatalf("got %v %q", err, resp.Body)
		}
	})
	t.Run("a large body is read whole", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/huge/5000000", 8<<20)
		if err != nil || len(resp.Body) != 5000000 {
			t.Fatalf("got %v, %d bytes; want 5000000", err, len(resp.Body))
		}
	})
	t.Run("a declared length over the cap is too large", func(t *testing.T) {
		_, err := fetch(t, ctx, base+"/huge/3000000", 1<<20)
		wantKind(t, err, fanout.KindTooLarge)
	})
	t.Run("a streamed body over the cap is cut off while streaming", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/huge/200000000?length=no", 1<<20)
		wantKind(t, err, fanout.KindTooLarge)
		if resp == nil || len(resp.Body) > 1<<20 {
			t.Fatalf("kept %d bytes, want at most the 1 MiB cap", len(resp.Body))
		}
	})
	t.Run("cancelling the context aborts the request", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(100*time.Millisecond, cancel)
		// Not aborted, the request would end after 30 s with a 200 and no
		// error: context.Canceled is only what aborting it gives.
		_, err := fetch(t, ctx, base+"/slow/30000/cancel", 1<<20)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	})
	t.Run("a dripping body ends at the deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		defer cancel()
		_, err := fetch(t, ctx, base+"/drip", 1<<20)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want context.DeadlineExceeded", err)
		}
	})
	t.Run("a body one byte over the cap is too large while streaming; at the cap it is read whole", func(t *testing.T) {
		resp, err := fetch(t, ctx, base+"/huge/100000?length=no", 100000)
		if err != nil || len(resp.Body) != 100000 {
			t.Fatalf("at the cap: got %v, %d bytes; want all 100000", err, len(resp.Body))
		}
		_, err = fetch(t, ctx, base+"/huge/100000?length=no", 99999)
		wantKind(t, err, fanout.KindTooLarge)
		if !strings.Contains(err.Error(), "body is over the 99999-byte limit") {
			t.Errorf("got %q, want the streaming cap named", err)
		}
		_, err = fetch(t, ctx, base+"/huge/100000", 99999)
		wantKind(t, err, fanout.KindTooLarge)
		if !strings.Contains(err.Error(), "Content-Length 100000 is over the 99999-byte limit") {
			t.Errorf("got %q, want the declared length named", err)
		}
	})
	t.Run("a body cut off midway is a network error naming the bytes read", func(t *testing.T) {
		_, err := fetch(t, ctx, extra(t)+"/cut", 1<<20)
		wantKind(t, err, fanout.KindNetwork)
		if !strings.Contains(err.Error(), "reading the body failed after") {
			t.Errorf("got %q, want a body failure", err)
		}
	})
	t.Run("request headers are sent", func(t *testing.T) {
		resp, err := New().Fetch(ctx, fanout.Request{URL: extra(t) + "/echo", MaxBytes: 1 << 20,
			Headers: []fanout.Header{{Name: "X-Fanin-Test", Value: "sent"}}})
		if err != nil || string(resp.Body) != `{"x":"sent"}` {
			t.Fatalf("got %v %+v", err, resp)
		}
	})
	t.Run("an exposed Retry-After comes back with the status", func(t *testing.T) {
		resp, err := fetch(t, ctx, extra(t)+"/busy", 1<<20)
		if err != nil || resp.Status != 429 || resp.RetryAfter != "7" {
			t.Fatalf("got %v %+v, want 429 with Retry-After 7", err, resp)
		}
	})
	t.Run("a cancelled request leaves nothing waiting, in JavaScript or in Go", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		errc := make(chan error, 1)
		go func() {
			_, err := fetch(t, ctx, base+"/slow/30000/pending", 1<<20)
			errc <- err
		}()
		// wait until the request is in the helper's hands, then cancel it
		for {
			if js, _ := pendingInHelper(t); js > 0 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		if js, goSide := pendingInHelper(t); js != 0 || goSide != 0 {
			t.Fatalf("%d requests still pending in the helper and %d in Go, want none", js, goSide)
		}
	})
	t.Run("many requests at once each get their own body, and cross into JavaScript in a few calls", func(t *testing.T) {
		const n = 300
		before := helperBatches(t)
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := fetch(t, ctx, fmt.Sprintf("%s/json/n%d", base, i), 1<<20)
				want := fmt.Sprintf(`{"name":"n%d","big":12345678901234567890123}`, i)
				if err == nil && string(resp.Body) != want {
					err = fmt.Errorf("got %q, want %q", resp.Body, want)
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("request %d: %v", i, err)
			}
		}
		if js, goSide := pendingInHelper(t); js != 0 || goSide != 0 {
			t.Errorf("%d requests still pending in the helper and %d in Go, want none", js, goSide)
		}
		// A call a request was the old way: the starter hands over every
		// request queued before it runs.
		if calls := helperBatches(t) - before; calls < 1 || calls > n/20 {
			t.Errorf("%d requests took %d calls to startAll, want 1 to %d", n, calls, n/20)
		}
	})
	t.Run("a request cancelled before it is handed over is never started", func(t *testing.T) {
		h, err := connect()
		if err != nil {
			t.Fatal(err)
		}
		// Nothing yields between queue and cancel: the starter has not run.
		id, _ := h.queue(startRequest{URL: base + "/slow/30000/never"})
		h.cancel(id)
		if resp, err := fetch(t, ctx, base+"/json/after", 1<<20); err != nil {
			t.Fatalf("the request after it: %v %+v", err, resp)
		}
		if js, goSide := pendingInHelper(t); js != 0 || goSide != 0 {
			t.Fatalf("%d requests still pending in the helper and %d in Go, want none", js, goSide)
		}
	})
	t.Run("fanout runs the browser fetcher concurrently", func(t *testing.T) {
		urls := []string{base + "/slow/300/a", base + "/slow/300/b", base + "/json/c", base + "/html", "ftp://x"}
		results := run.Fetch(ctx, urls, New(), fanout.Options{Check: bodycheck.JSON(nil).Check}, nil)
		kinds := []fanout.Kind{"", "", "", fanout.KindNotJSON, fanout.KindInvalidURL}
		for i, r := range results {
			got := fanout.Kind("")
			if r.Err != nil {
				got = r.Err.Kind
			}
			if got != kinds[i] {
				t.Errorf("result %d (%s): got kind %q (%v), want %q", i, r.URL, got, r.Err, kinds[i])
			}
		}
	})
}
