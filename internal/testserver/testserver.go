// Package testserver starts loopback HTTP servers that behave like the JSON
// APIs fanin meets in the wild: fast, slow, failing, not JSON, huge,
// dripping, compressed, redirecting, without CORS headers. Native tests, the
// CLI's tests and the browser end-to-end tests all use it. Every endpoint
// ends by itself: slow ones are bounded and stop when the client goes away.
package testserver

import (
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Exact is a document whose literals a careless JSON round trip would
// change: big and negative-zero numbers, long decimals, escapes, non-ASCII
// text, duplicate keys and a key order that is not sorted.
const Exact = `{"z":1,"a":[-0,1E400,12345678901234567890123,0.1000000000000000055511151231257827],` +
	`"esc":"tab\there \"q\" \u00e9 \ud83d\ude00 <b>&amp;</b>","utf8":"héllo 世界","dup":1,"dup":2}`

// Records is a JSON array of flat records, about n bytes long (never over,
// but always one record): the shape of a typical paged API response, many
// small objects. The view's tests and the bench serve it.
func Records(n int) []byte {
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i := 0; ; i++ {
		rec := fmt.Sprintf(`{"id":%d,"name":"record %d","tags":["a","b%d"],"score":%d.25,"url":"https://example.test/%d"}`, i, i, i%10, i, i)
		if len(b)+len(rec)+2 > n && i > 0 {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, rec...)
	}
	return append(b, ']')
}

// Server is a running test server.
type Server struct {
	*httptest.Server

	mu          sync.Mutex
	inFlight    int
	maxInFlight int
	hits        map[string]int
	times       map[string][]time.Time
	flaky       map[string]int // failures left per /flaky name
}

// Start starts a server on 127.0.0.1. Call Close when done (tests: use
// t.Cleanup(s.Close)).
func Start() *Server {
	s := &Server{hits: make(map[string]int), times: make(map[string][]time.Time), flaky: make(map[string]int)}
	s.Server = httptest.NewUnstartedServer(s.routes())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("testserver: listen on loopback: %v", err))
	}
	s.Listener = ln
	s.Start()
	return s
}

// URL returns the absolute URL of path on this server.
func (s *Server) URL(path string) string { return s.Server.URL + path }

// MaxInFlight is the most requests the server has been handling at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// ResetInFlight forgets the maximum seen so far.
func (s *Server) ResetInFlight() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxInFlight = s.inFlight
}

// Times are when requests reached path, in order.
func (s *Server) Times(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.times[path]...)
}

// Fail makes the next n requests to /flaky/{name} answer 503 with
// Retry-After: retryAfter (when not empty); later ones succeed.
func (s *Server) Fail(name string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flaky[name] = n
}

// Hits is how many requests reached path.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *Server) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		s.hits[r.URL.Path]++
		s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		if !strings.HasPrefix(r.URL.Path, "/nocors") {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /json/{name}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, fmt.Sprintf(`{"name":%q,"big":12345678901234567890123}`, r.PathValue("name")))
	})
	mux.HandleFunc("GET /items/{from}/{n}", func(w http.ResponseWriter, r *http.Request) {
		from, _ := strconv.Atoi(r.PathValue("from"))
		n, _ := strconv.Atoi(r.PathValue("n"))
		writeJSON(w, Items(from, min(max(n, 0), 1_000_000)))
	})
	mux.HandleFunc("GET /exact", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, Exact) })
	mux.HandleFunc("GET /slow/{ms}/{name}", func(w http.ResponseWriter, r *http.Request) {
		ms, _ := strconv.Atoi(r.PathValue("ms"))
		if !sleep(r, time.Duration(min(ms, 60_000))*time.Millisecond) {
			return
		}
		writeJSON(w, fmt.Sprintf(`{"slow":%q,"ms":%d}`, r.PathValue("name"), ms))
	})
	mux.HandleFunc("GET /status/{code}", func(w http.ResponseWriter, r *http.Request) {
		code, err := strconv.Atoi(r.PathValue("code"))
		if err != nil || code < 200 || code > 599 {
			code = http.StatusTeapot
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(code)
		fmt.Fprintf(w, "upstream says %d: something broke\n", code)
	})
	mux.HandleFunc("GET /html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html>\n<html><body><h1>Not JSON</h1></body></html>\n")
	})
	mux.HandleFunc("GET /empty", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("GET /bom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprint(w, "\uFEFF{\"bom\":true}")
	})
	mux.HandleFunc("GET /text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, `{"served":"as text/plain"}`)
	})
	mux.HandleFunc("GET /gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		fmt.Fprint(gz, `{"gzip":true}`)
		gz.Close()
	})
	mux.HandleFunc("GET /redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/json/redirected", http.StatusFound)
	})
	mux.HandleFunc("GET /ndjson", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		fmt.Fprint(w, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
	})
	mux.HandleFunc("GET /deep/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		n = min(max(n, 1), 1_000_000)
		writeJSON(w, strings.Repeat("[", n)+strings.Repeat("]", n))
	})
	mux.HandleFunc("GET /huge/{bytes}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.ParseInt(r.PathValue("bytes"), 10, 64)
		streamArray(w, r, min(max(n, 3), 1<<30), r.URL.Query().Get("length") != "no")
	})
	mux.HandleFunc("GET /drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < 120; i++ {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			if !sleep(r, time.Second) {
				return
			}
		}
		fmt.Fprint(w, "{}")
	})
	mux.HandleFunc("GET /flaky/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		s.mu.Lock()
		failing := s.flaky[name] > 0
		if failing {
			s.flaky[name]--
		}
		s.mu.Unlock()
		if failing {
			if ra := r.URL.Query().Get("retry-after"); ra != "" {
				w.Header().Set("Retry-After", ra)
			}
			http.Error(w, "busy, try again", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, fmt.Sprintf(`{"flaky":%q}`, name))
	})
	mux.HandleFunc("GET /nocors/{name}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, fmt.Sprintf(`{"nocors":%q}`, r.PathValue("name")))
	})
	s.pageRoutes(mux)
	return s.track(mux)
}

func writeJSON(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	fmt.Fprint(w, body)
}

// sleep waits d or until the client goes away; it reports whether the full
// time passed.
func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// streamArray writes a JSON array of exactly n bytes: [0,0,…,0] padded with
// spaces, in 32 KiB writes, stopping early if the client goes away.
func streamArray(w http.ResponseWriter, r *http.Request, n int64, withLength bool) {
	w.Header().Set("Content-Type", "application/json")
	if withLength {
		w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	}
	chunk := []byte(strings.Repeat("0,", 16<<10))
	w.Write([]byte("[")) //nolint:errcheck
	left := n - 2
	for left > 1 && r.Context().Err() == nil {
		k := min(int64(len(chunk)), left-1)
		k -= k % 2
		if k == 0 {
			break
		}
		if _, err := w.Write(chunk[:k]); err != nil {
			return
		}
		left -= k
	}
	w.Write([]byte(strings.Repeat(" ", int(max(left-1, 0))) + "0]")) //nolint:errcheck
}

// Items is what /items/FROM/N serves: an array of N records numbered
// from FROM, with the inconsistencies of real APIs for the table to show:
// a nested object, an array, a price that is an exact decimal and now and
// then a string, a key only some records have, text that needs quoting in
// CSV.
func Items(from, n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := from; i < from+n; i++ {
		if i > from {
			b.WriteByte(',')
		}
		price := fmt.Sprintf("%d.%02d", (i*37)%1000, i%100)
		if i%7 == 3 {
			price = fmt.Sprintf("%q", price)
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"item %d, \"no. %d\"","price":%s,"meta":{"color":%q,"size":%d},"tags":["t%d","x"]`,
			i, i, i, price, []string{"red", "green", "blue"}[i%3], i%5, i%4)
		if i%4 == 0 {
			fmt.Fprintf(&b, `,"sale":%t`, i%8 == 0)
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return b.String()
}
