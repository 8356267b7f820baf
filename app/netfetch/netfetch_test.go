package netfetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"fanin/app/bodycheck"
	"fanin/app/fanout"
	"fanin/app/netfetch"
	"fanin/app/run"
	"fanin/internal/testserver"
)

// fetch runs urls as fanin get does: checked, then fetched with JSON bodies.
func fetch(t *testing.T, urls []string, opt fanout.Options) []fanout.Result {
	t.Helper()
	opt.Check = bodycheck.JSON(nil).Check
	return run.Fetch(context.Background(), urls, netfetch.New(opt.Concurrency), opt, nil)
}

func kindOf(r fanout.Result) fanout.Kind {
	if r.Err == nil {
		return ""
	}
	return r.Err.Kind
}

func TestFetcher(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)

	t.Run("the server sees exactly the bound in flight", func(t *testing.T) {
		// Not parallel: it reads the server's in-flight maximum.
		srv.ResetInFlight()
		var urls []string
		for i := range 24 {
			urls = append(urls, srv.URL(fmt.Sprintf("/slow/100/bound-%d", i)))
		}
		results := fetch(t, urls, fanout.Options{Concurrency: 6})
		for _, r := range results {
			if !r.OK() {
				t.Fatalf("%s: %v", r.URL, r.Err)
			}
		}
		if got := srv.MaxInFlight(); got != 6 {
			t.Fatalf("server saw %d requests in flight at most, want exactly 6", got)
		}
	})
	t.Run("every kind of answer lands in its own slot", func(t *testing.T) {
		urls := []string{
			srv.URL("/exact"), srv.URL("/status/404"), srv.URL("/html"), srv.URL("/empty"),
			srv.URL("/bom"), srv.URL("/text"), srv.URL("/gzip"), srv.URL("/redirect"),
			srv.URL("/ndjson"), srv.URL("/deep/100000"), "http://127.0.0.1:9/refused", "gopher://x/",
		}
		want := []fanout.Kind{"", fanout.KindHTTPStatus, fanout.KindNotJSON, fanout.KindEmpty,
			"", "", "", "", fanout.KindNotJSON, fanout.KindNotJSON, fanout.KindNetwork, fanout.KindInvalidURL}
		results := fetch(t, urls, fanout.Options{})
		for i, r := range results {
			if got := kindOf(r); got != want[i] {
				t.Errorf("%s: got kind %q (%v), want %q", r.URL, got, r.Err, want[i])
			}
		}
		if string(results[0].Data) != testserver.Exact {
			t.Errorf("exact document changed:\ngot  %s\nwant %s", results[0].Data, testserver.Exact)
		}
		for i, want := range map[int]string{4: `{"bom":true}`, 6: `{"gzip":true}`} {
			if string(results[i].Data) != want {
				t.Errorf("%s: got %s, want %s", results[i].URL, results[i].Data, want)
			}
		}
	})
	t.Run("bodies over the cap are too large, declared or streamed", func(t *testing.T) {
		results := fetch(t, []string{srv.URL("/huge/3000000"), srv.URL("/huge/300000000?length=no"), srv.URL("/huge/1000")},
			fanout.Options{MaxBytes: 1 << 20})
		for i, want := range []fanout.Kind{fanout.KindTooLarge, fanout.KindTooLarge, ""} {
			if got := kindOf(results[i]); got != want {
				t.Errorf("%s: got %q (%v), want %q", results[i].URL, got, results[i].Err, want)
			}
		}
		if results[1].Bytes > 1<<20 {
			t.Errorf("kept %d bytes of a streamed body, want at most the cap", results[1].Bytes)
		}
	})
	t.Run("a dripping body ends at the timeout", func(t *testing.T) {
		// Left alone, /drip sends a space a second for two minutes and then
		// {}, a value: a timeout is only what cutting it off gives.
		results := fetch(t, []string{srv.URL("/drip"), srv.URL("/json/fast")}, fanout.Options{Timeout: 1500 * time.Millisecond})
		if kindOf(results[0]) != fanout.KindTimeout || !results[1].OK() {
			t.Fatalf("got %v and %v, want a timeout and a value", results[0].Err, results[1].Err)
		}
	})
}

func TestHeadersOnRedirects(t *testing.T) {
	t.Parallel()
	type seen struct{ auth, key string }
	hits := make(chan seen, 4)
	record := func(w http.ResponseWriter, r *http.Request) {
		hits <- seen{r.Header.Get("Authorization"), r.Header.Get("X-Api-Key")}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{}`)
	}
	other := httptest.NewServer(http.HandlerFunc(record))
	t.Cleanup(other.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/landed", http.StatusFound)
		case "/stay":
			http.Redirect(w, r, "/landed", http.StatusFound)
		default:
			record(w, r)
		}
	}))
	t.Cleanup(origin.Close)
	headers := []fanout.Header{{Name: "Authorization", Value: "Bearer secret"}, {Name: "X-Api-Key", Value: "k"}}
	get := func(t *testing.T, u string) (seen, *fanout.Response) {
		t.Helper()
		resp, err := netfetch.New(1).Fetch(context.Background(), fanout.Request{URL: u, Headers: headers})
		if err != nil {
			t.Fatal(err)
		}
		return <-hits, resp
	}
	t.Run("a redirect to another port (another origin) drops every -H header", func(t *testing.T) {
		got, resp := get(t, origin.URL+"/away")
		if got != (seen{}) {
			t.Fatalf("the other origin got %+v", got)
		}
		if resp.FinalURL != other.URL+"/landed" {
			t.Fatalf("got final URL %q", resp.FinalURL)
		}
	})
	t.Run("a redirect on the same origin keeps them", func(t *testing.T) {
		if got, _ := get(t, origin.URL+"/stay"); got != (seen{"Bearer secret", "k"}) {
			t.Fatalf("got %+v", got)
		}
	})
}
