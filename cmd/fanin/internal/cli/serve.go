package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fanin/cmd/fanin/internal/proxy"
	"fanin/cmd/fanin/internal/site"
)

// serveConfig is `fanin serve`'s command line, and what tests change.
type serveConfig struct {
	addr string
	root string // "": the page embedded in the binary
	// mounts are handlers served beside the page, by http.ServeMux
	// pattern: the fetch proxy goes here.
	mounts map[string]http.Handler
	// limits are the http.Server's timeouts and header cap; zero fields
	// take defaultLimits'.
	limits serverLimits
	// proxy turns on the fetch proxy (-proxy), with allowed internal
	// targets (-proxy-allow HOST:PORT).
	proxy      bool
	proxyAllow []string
	// onShutdown, when set, runs once shutdown has begun, after the
	// listener is closed: tests wait on it rather than poll.
	onShutdown func()
	// hosts are further names clients use for this server (-host NAME),
	// accepted in the Host header besides loopback names and the listen
	// addresses.
	hosts []string
}

// serverLimits bound what one client can hold: slow headers, slow bodies,
// slow readers, idle keep-alive connections, huge headers.
type serverLimits struct {
	readHeader, read, write, idle time.Duration
	maxHeaderBytes                int
}

// The wasm is 1.5 MB brotli, 7.5 MB raw: 2 minutes of writing leaves room
// for a slow link; proxied fetches time out after 15 s.
var defaultLimits = serverLimits{
	readHeader:     5 * time.Second,
	read:           30 * time.Second,
	write:          2 * time.Minute,
	idle:           2 * time.Minute,
	maxHeaderBytes: 64 << 10,
}

// shutdownGrace is how long requests in flight get to finish after SIGINT
// or SIGTERM.
const shutdownGrace = 10 * time.Second

// Serve is `fanin serve`: it serves the page until SIGINT or SIGTERM, then
// lets requests in flight finish.
func Serve(args []string, stdout, stderr io.Writer) int {
	cfg, code, ok := parseServe(args, stderr)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runServe(ctx, cfg, stdout, stderr)
}

func parseServe(args []string, stderr io.Writer) (cfg serveConfig, code int, ok bool) {
	fs := newFlagSet("fanin serve", "Usage: fanin serve [flags]\n\nServes the page (built into this binary, or from -root DIR) on loopback by\ndefault, until SIGINT or SIGTERM.", stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8000", "address to listen on (loopback by default)")
	fs.StringVar(&cfg.root, "root", "", rootHelp)
	fs.BoolVar(&cfg.proxy, "proxy", false, "offer /proxy, through which the page fetches URLs that send no CORS headers (see README: Security)")
	fs.Func("proxy-allow", "let the proxy reach this internal `HOST:PORT` (repeatable)", func(v string) error {
		cfg.proxyAllow = append(cfg.proxyAllow, v)
		return nil
	})
	fs.Func("host", "accept this `NAME` in the Host header of proxy requests, besides loopback names and the listen address (repeatable)", func(v string) error {
		cfg.hosts = append(cfg.hosts, v)
		return nil
	})
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return cfg, code, false
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "fanin serve: unexpected arguments %q\n", rest)
		return cfg, ExitUsage, false
	}
	if len(cfg.proxyAllow) > 0 && !cfg.proxy {
		fmt.Fprintln(stderr, "fanin serve: -proxy-allow needs -proxy")
		return cfg, ExitUsage, false
	}
	if len(cfg.hosts) > 0 && !cfg.proxy {
		fmt.Fprintln(stderr, "fanin serve: -host needs -proxy")
		return cfg, ExitUsage, false
	}
	return cfg, ExitOK, true
}

// runServe serves cfg until ctx ends, logging to stderr.
func runServe(ctx context.Context, cfg serveConfig, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if err := serve(ctx, cfg, stdout, log); err != nil {
		fmt.Fprintf(stderr, "fanin serve: %v\n", err)
		return ExitPartial
	}
	return ExitOK
}

func serve(ctx context.Context, cfg serveConfig, stdout io.Writer, log *slog.Logger) error {
	h, closeSite, err := newHandler(cfg, log)
	if err != nil {
		return err
	}
	defer closeSite()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := newServer(h, cfg.limits, log)
	if cfg.onShutdown != nil {
		srv.RegisterOnShutdown(cfg.onShutdown)
	}
	fmt.Fprintf(stdout, "fanin: serving http://%s/ (Ctrl+C stops)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: waiting for requests in flight", "grace", shutdownGrace)
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// newHandler builds all `fanin serve` answers: the page and its files,
// /healthz and cfg.mounts, behind the method check, the security headers
// and the access log. The returned func releases the site's files.
func newHandler(cfg serveConfig, log *slog.Logger) (http.Handler, func() error, error) {
	page, err := openSite(cfg.root, "/", log)
	if err != nil {
		return nil, nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", page)
	mux.HandleFunc("/healthz", healthz)
	for pattern, h := range cfg.mounts {
		mux.Handle(pattern, h)
	}
	if cfg.proxy {
		hosts := append(listenHosts(cfg.addr), cfg.hosts...)
		p, err := proxy.New(proxy.Config{Allow: cfg.proxyAllow, Hosts: hosts, Log: log})
		if err != nil {
			page.Close()
			return nil, nil, fmt.Errorf("proxy: %w", err)
		}
		mux.Handle(proxy.Path, p)
		mux.Handle(proxy.InfoPath, p)
		log.Info("fetch proxy on", "path", proxy.Path, "allow", cfg.proxyAllow, "hosts", hosts)
	}
	return site.AccessLog(log, site.OnlyGetHead(site.WithSecurityHeaders(mux))), page.Close, nil
}

// listenHosts are the addresses a listen address is reached by: its own
// IP, or every address of this machine's interfaces when it listens on all
// of them (0.0.0.0, ::, or no host). A name (localhost) adds nothing:
// loopback names are always accepted.
func listenHosts(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	ip := net.ParseIP(host)
	if host != "" && ip == nil {
		return nil
	}
	if ip != nil && !ip.IsUnspecified() {
		return []string{ip.String()}
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var hosts []string
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			hosts = append(hosts, n.IP.String())
		}
	}
	return hosts
}

func newServer(h http.Handler, limits serverLimits, log *slog.Logger) *http.Server {
	or := func(v, def time.Duration) time.Duration {
		if v == 0 {
			return def
		}
		return v
	}
	maxHeader := limits.maxHeaderBytes
	if maxHeader == 0 {
		maxHeader = defaultLimits.maxHeaderBytes
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: or(limits.readHeader, defaultLimits.readHeader),
		ReadTimeout:       or(limits.read, defaultLimits.read),
		WriteTimeout:      or(limits.write, defaultLimits.write),
		IdleTimeout:       or(limits.idle, defaultLimits.idle),
		MaxHeaderBytes:    maxHeader,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// healthz answers load balancers and scripts: the server is up.
func healthz(w http.ResponseWriter, r *http.Request) {
	// The repository's index.html probes this from file:// or another
	// origin to see whether fanin runs; it reveals nothing else.
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "ok\n")
}
