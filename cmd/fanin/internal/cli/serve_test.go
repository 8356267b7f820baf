package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fanin/cmd/fanin/internal/site"
)

// Secrets planted around a test site: no response may ever contain them.
const (
	secretOutside = "OUTSIDE-WEB-SECRET"
	secretDotfile = "DOTFILE-SECRET"
	secretGit     = "GIT-CONFIG-SECRET"
)

// siteRoot makes a site root with the real web/ assets, a stand-in wasm,
// and traps: a dotfile, a .git folder, a file outside web/ and a symlink
// to it from inside, and an empty folder.
func siteRoot(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(web, ".git"), 0o755))
	must(os.MkdirAll(filepath.Join(web, "sub"), 0o755))
	for _, name := range []string{"fanin.css", "icon.svg", "icon-192.png", "icon-512.png", "jqworker.js", "frameguard.js"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "web", name))
		must(err)
		must(os.WriteFile(filepath.Join(web, name), b, 0o644))
	}
	must(os.WriteFile(filepath.Join(web, "app.wasm"), []byte("\x00asm stand-in"), 0o644))
	must(os.WriteFile(filepath.Join(web, "jq.wasm"), []byte("\x00asm jq worker stand-in"), 0o644))
	must(os.WriteFile(filepath.Join(web, ".secret"), []byte(secretDotfile), 0o644))
	must(os.WriteFile(filepath.Join(web, ".git", "config"), []byte(secretGit), 0o644))
	must(os.WriteFile(filepath.Join(root, "outside.txt"), []byte(secretOutside), 0o644))
	must(os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+secretOutside), 0o644))
	must(os.Symlink(filepath.Join(root, "outside.txt"), filepath.Join(web, "link.txt")))
	must(os.Symlink("../outside.txt", filepath.Join(web, "rel-link.txt")))
	return root
}

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a `fanin serve` started in-process on a free loopback port.
type running struct {
	url  string // http://127.0.0.1:PORT
	log  *syncBuffer
	stop func() error // cancels and waits for serve to return
}

func startServe(t testing.TB, ctx context.Context, cfg serveConfig) *running {
	t.Helper()
	if cfg.addr == "" {
		cfg.addr = "127.0.0.1:0"
	}
	ctx, cancel := context.WithCancel(ctx)
	logs := &syncBuffer{}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := serve(ctx, cfg, pw, slog.New(slog.NewTextHandler(logs, nil)))
		pw.CloseWithError(fmt.Errorf("serve returned %v", err))
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, pr)
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://127.0.0.1:") {
		cancel()
		t.Fatalf("serve printed %q, want a loopback address", line)
	}
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(15 * time.Second):
				stopErr = fmt.Errorf("serve did not stop within 15 s")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { stop() })
	return &running{url: strings.TrimSuffix(fields[2], "/"), log: logs, stop: stop}
}

// rawGet sends target as written, with no client cleaning it first, and
// returns the status and body.
func rawGet(t testing.TB, addr, method, target string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(addr, "http://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: fanin.test\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestServe(t *testing.T) {
	t.Parallel()
	root := siteRoot(t)
	srv := startServe(t, context.Background(), serveConfig{root: root})
	version := func() string {
		s, err := site.New(site.Config{Root: root})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return s.Version()
	}()
	get := func(t *testing.T, path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(srv.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	t.Run("the page is pre-rendered with its hooks and local assets only", func(t *testing.T) {
		resp, body := get(t, "/")
		for _, want := range []string{`<textarea[^>]* id="urls"`, `<button[^>]* id="fetch"`, `<main[^>]* data-state="idle"`, `href="/web/[0-9a-f]{16}/fanin.css"`} {
			if resp.StatusCode != 200 || !regexp.MustCompile(want).MatchString(body) {
				t.Errorf("got %d; page lacks %s", resp.StatusCode, want)
			}
		}
		if m := regexp.MustCompile(`(src|href)="(https?:)?//[^"]*"`).FindString(body); m != "" {
			t.Errorf("the page loads %s from another origin", m)
		}
		// Until the wasm mounts nothing would answer a click: say so. (go-app
		// writes attributes in any order.)
		button := regexp.MustCompile(`<button[^>]*\bid="fetch"[^>]*>([^<]*)<`).FindStringSubmatch(body)
		if button == nil || !regexp.MustCompile(`\sdisabled[\s>=]`).MatchString(button[0]) || button[1] != "Loading…" {
			t.Errorf("the pre-rendered Fetch button is not disabled reading Loading…: %q", button)
		}
	})
	t.Run("healthz says ok and is never cached", func(t *testing.T) {
		resp, body := get(t, "/healthz")
		if resp.StatusCode != 200 || body != "ok\n" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("got %d %q, Cache-Control %q", resp.StatusCode, body, resp.Header.Get("Cache-Control"))
		}
	})
	t.Run("every response carries the security headers", func(t *testing.T) {
		for _, p := range []string{"/", "/app-worker.js", "/manifest.webmanifest", "/web/" + version + "/app.wasm",
			"/web/" + version + "/app.js", "/web/" + version + "/fanin.css", "/healthz", "/nowhere", "/web/.secret"} {
			resp, _ := get(t, p)
			wantCSP := site.PageCSP
			if p == "/app-worker.js" {
				wantCSP = site.WorkerCSP
			}
			h := resp.Header
			if h.Get("Content-Security-Policy") != wantCSP || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Referrer-Policy") != "no-referrer" || h.Get("Cross-Origin-Opener-Policy") != "same-origin" ||
				h.Get("Permissions-Policy") != site.PermissionsPolicy {
				t.Errorf("GET %s (%d): headers %v", p, resp.StatusCode, h)
			}
		}
		_, h, _ := rawGet(t, srv.url, "DELETE", "/")
		if h.Get("Content-Security-Policy") != site.PageCSP || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("a refused method's answer lacks the headers: %v", h)
		}
	})
	t.Run("the service worker's own policy lets the user's URLs through", func(t *testing.T) {
		resp, body := get(t, "/app-worker.js")
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "connect-src 'self' http: https:") || !strings.Contains(body, `"/web/`+version+`/app.wasm"`) {
			t.Errorf("worker policy %q; body caches %s", csp, regexp.MustCompile(`resourcesToCache = .*`).FindString(body))
		}
	})
	t.Run("no traversal payload reaches a file outside web/, a dotfile or a listing", func(t *testing.T) {
		v := version
		payloads := []string{
			// net/http's TestServeFile_DotDot, at the root and under /web/.
			"/../file", "/..", "/../", "/../foo", `/..\foo`, "/file/a/..", `/file/a\..`,
			"/web/../file", "/web/..", "/web/../", "/web/../foo", `/web/..\foo`, "/web/file/a/..", `/web/file/a\..`,
			"/web/../outside.txt", "/web/../go.mod", "/web/" + v + "/../../outside.txt",
			"/web/%2e%2e/outside.txt", "/web/%2E%2E/go.mod", "/web/..%2foutside.txt", "/web/%2e%2e%2foutside.txt",
			"/web/..%5coutside.txt", "/web/%5c..%5coutside.txt", `/web/..\outside.txt`, "/web/" + v + `/..\..\outside.txt`,
			"/web/%252e%252e/outside.txt", "/web/" + v + "/%2e%2e/%2e%2e/outside.txt",
			"/.git/config", "/web/.git/config", "/web/" + v + "/.git/config", "/web/.secret", "/web/" + v + "/.secret",
			"/web/%2esecret", "/web/" + v + "/%2egit/config", "/web/sub/../.secret",
			"/web/link.txt", "/web/" + v + "/link.txt", "/web/rel-link.txt", "/web/" + v + "/rel-link.txt",
			"/web/", "/web/" + v + "/", "/web/sub/", "/web/" + v + "/sub/", "/web/" + v + "/sub", "/web",
			"/web/fanin.css%00", "/web/" + v + "/fanin.css%00.txt", "/web/%00", "//outside.txt", "///etc/passwd",
			"/web//etc/passwd", "/web/" + v + "//etc/passwd", "/outside.txt", "/go.mod", "/web/" + v + "/fanin.css/",
		}
		secrets := []string{secretOutside, secretDotfile, secretGit, "root:x:0:0", "<pre>", "Index of"}
		for _, p := range payloads {
			code, h, body := rawGet(t, srv.url, "GET", p)
			if code == http.StatusMovedPermanently || code == http.StatusTemporaryRedirect || code == http.StatusPermanentRedirect {
				// ServeMux cleans the path and redirects: follow it once.
				loc := h.Get("Location")
				if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") {
					t.Errorf("GET %s redirects off-site to %q", p, loc)
					continue
				}
				code, _, body = rawGet(t, srv.url, "GET", loc)
				p += " → " + loc
				if loc == "/" && code == 200 {
					continue // cleaned up to the page itself
				}
			}
			if code == 200 || code/100 == 3 {
				t.Errorf("GET %s: %d, want a refusal", p, code)
			}
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: the body holds %q", p, s)
				}
			}
		}
	})
	t.Run("only GET and HEAD are answered", func(t *testing.T) {
		for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW"} {
			for _, p := range []string{"/", "/healthz", "/web/" + version + "/app.wasm", "/app-worker.js"} {
				code, h, _ := rawGet(t, srv.url, m, p)
				if code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
					t.Errorf("%s %s: %d, Allow %q; want 405, \"GET, HEAD\"", m, p, code, h.Get("Allow"))
				}
			}
		}
		code, h, body := rawGet(t, srv.url, "HEAD", "/")
		if code != 200 || body != "" || h.Get("Content-Length") == "" {
			t.Errorf("HEAD /: %d, %d bytes, Content-Length %q", code, len(body), h.Get("Content-Length"))
		}
	})
	t.Run("one access-log line per request, without the query string", func(t *testing.T) {
		get(t, "/healthz?token=SECRET-TOKEN&x=1#frag")
		rawGet(t, srv.url, "GET", "/nowhere?api_key=SECRET-TOKEN")
		var lines []string
		for _, l := range strings.Split(srv.log.String(), "\n") {
			if strings.Contains(l, "path=/healthz") && strings.Contains(l, "bytes=3 ") || strings.Contains(l, "path=/nowhere ") {
				lines = append(lines, l)
			}
		}
		if strings.Contains(srv.log.String(), "SECRET-TOKEN") {
			t.Errorf("the log holds a query string:\n%s", srv.log.String())
		}
		want := []*regexp.Regexp{
			regexp.MustCompile(`msg=request method=GET path=/healthz status=200 bytes=3 duration=\S+$`),
			regexp.MustCompile(`msg=request method=GET path=/nowhere status=404 bytes=\d+ duration=\S+$`),
		}
		for _, re := range want {
			n := 0
			for _, l := range lines {
				if re.MatchString(l) {
					n++
				}
			}
			if n < 1 {
				t.Errorf("no log line matches %s in\n%s", re, strings.Join(lines, "\n"))
			}
		}
	})
	t.Run("headers larger than the cap get 431", func(t *testing.T) {
		req, _ := http.NewRequest("GET", srv.url+"/", nil)
		req.Header.Set("X-Big", strings.Repeat("a", 200<<10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("got %d, want 431", resp.StatusCode)
		}
	})
	if err := srv.stop(); err != nil {
		t.Fatalf("serve returned %v after shutdown", err)
	}
}

func TestServerLimits(t *testing.T) {
	t.Parallel()
	srv := newServer(http.NotFoundHandler(), serverLimits{}, slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout != 5*time.Second || srv.ReadTimeout != 30*time.Second || srv.WriteTimeout != 2*time.Minute ||
		srv.IdleTimeout != 2*time.Minute || srv.MaxHeaderBytes != 64<<10 {
		t.Errorf("got ReadHeaderTimeout %v ReadTimeout %v WriteTimeout %v IdleTimeout %v MaxHeaderBytes %d",
			srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
	cfg, code, ok := parseServe(nil, io.Discard)
	if !ok || code != ExitOK || cfg.addr != "127.0.0.1:8000" {
		t.Errorf("default address %q, want loopback 127.0.0.1:8000", cfg.addr)
	}
	if _, code, ok := parseServe([]string{"extra"}, io.Discard); ok || code != ExitUsage {
		t.Errorf("an extra argument: exit %d", code)
	}
}

func TestHostFlag(t *testing.T) {
	t.Parallel()
	cfg, _, ok := parseServe([]string{"-proxy", "-host", "fanin.lan", "-host", "box.example"}, io.Discard)
	if !ok || !reflect.DeepEqual(cfg.hosts, []string{"fanin.lan", "box.example"}) {
		t.Fatalf("got hosts %q", cfg.hosts)
	}
	if _, code, ok := parseServe([]string{"-host", "fanin.lan"}, io.Discard); ok || code != ExitUsage {
		t.Errorf("-host without -proxy: exit %d", code)
	}
	if got := listenHosts("192.168.1.5:8000"); !reflect.DeepEqual(got, []string{"192.168.1.5"}) {
		t.Errorf("listen hosts of 192.168.1.5:8000: %q", got)
	}
	if got := listenHosts("0.0.0.0:8000"); !slices.Contains(got, "127.0.0.1") {
		t.Errorf("listen hosts of 0.0.0.0:8000 lack the interfaces' addresses: %q", got)
	}
	t.Run("a proxy on every interface still refuses a rebinding Host, and takes -host names", func(t *testing.T) {
		h, closeSite, err := newHandler(serveConfig{root: siteRoot(t), proxy: true, addr: "0.0.0.0:0", hosts: []string{"fanin.lan"}}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer closeSite()
		for host, want := range map[string]int{"evil.example:8000": 403, "fanin.lan:8000": 200, "127.0.0.1:8000": 200} {
			r := httptest.NewRequest(http.MethodGet, "http://"+host+"/proxy/info", nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != want {
				t.Errorf("Host %s: status %d, want %d", host, rec.Code, want)
			}
		}
	})
}

func TestSlowHeadersAreCutOff(t *testing.T) {
	t.Parallel()
	srv := startServe(t, context.Background(), serveConfig{root: siteRoot(t), limits: serverLimits{readHeader: time.Second}})
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(srv.url, "http://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The client sends its request a byte every 100 ms, never pausing long
	// enough for an idle limit: whole, it would take 9 s, nine header
	// limits. Only a limit on the headers' total time cuts it off before
	// the last byte.
	request := "GET / HTTP/1.1\r\nHost: fanin.test\r\nUser-Agent: " + strings.Repeat("slow", 10) + "\r\n\r\n"
	stop := make(chan struct{})
	sent := make(chan int, 1)
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		n := 0
		for ; n < len(request); n++ {
			if _, err := conn.Write([]byte{request[n]}); err != nil {
				break
			}
			select {
			case <-tick.C:
			case <-stop:
				sent <- n + 1
				return
			}
		}
		sent <- n
	}()
	// A hang guard, not a measure: the server answers or cuts off long
	// before this.
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	close(stop)
	wrote := <-sent
	// Cut off, the client gets the connection closed, with a 400 at most.
	switch {
	case strings.Contains(string(buf[:n]), " 200 "):
		t.Fatalf("the slow client was answered after sending %d of %d bytes: %q", wrote, len(request), buf[:n])
	case isTimeout(err):
		t.Fatalf("a client sending a byte every 100 ms was still connected after a minute (%d of %d bytes sent)", wrote, len(request))
	case wrote >= len(request):
		t.Fatalf("the connection ended (%v, %q) only after the whole request was sent", err, buf[:n])
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestGracefulShutdown sends the process SIGTERM while a request is in
// flight: serve stops taking connections, the request finishes, serve
// returns nil. Not parallel: the signal is process-wide.
func TestGracefulShutdown(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "finished")
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	closed := make(chan struct{})
	srv := startServe(t, ctx, serveConfig{root: siteRoot(t), mounts: map[string]http.Handler{"/slow": slow},
		onShutdown: func() { close(closed) }})

	type result struct {
		code int
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(srv.url + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, string(b), err}
	}()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow request never arrived")
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not reach serve")
	}
	// New connections are refused once shutdown has begun.
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("serve never began shutting down")
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(srv.url, "http://"), 5*time.Second); err == nil {
		c.Close()
		t.Fatal("the server still accepts connections during shutdown")
	}
	// Had shutdown cut the request in flight, it would end in an error,
	// not with the handler's answer.
	close(release)
	select {
	case r := <-got:
		if r.err != nil || r.code != 200 || r.body != "finished" {
			t.Fatalf("the request in flight got %+v, want 200 finished", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the request in flight never finished")
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if !strings.Contains(srv.log.String(), "path=/slow status=200 bytes=8") {
		t.Errorf("the finished request was not logged:\n%s", srv.log.String())
	}
}
