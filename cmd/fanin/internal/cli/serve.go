package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fanin/cmd/fanin/internal/site"
)

// serveConfig is `fanin serve`'s command line.
type serveConfig struct {
	addr string
	root string
}

// Serve is `fanin serve`: it serves the page until SIGINT or SIGTERM, then
// lets requests in flight finish.
func Serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fanin serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8000", "address to listen on (loopback by default)")
	fs.StringVar(&cfg.root, "root", ".", "folder holding web/ with the built web/app.wasm")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "fanin serve: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "fanin serve: %v\n", err)
		return ExitPartial
	}
	return ExitOK
}

func serve(ctx context.Context, cfg serveConfig, stdout io.Writer) error {
	h, err := site.Handler(cfg.root)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "fanin: serving http://%s/ (Ctrl+C stops)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
