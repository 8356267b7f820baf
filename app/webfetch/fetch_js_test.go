//go:build js && wasm

package webfetch

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
	"fanin/app/run"
	"fanin/internal/testserver"
)

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
