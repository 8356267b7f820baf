// Command bench measures fanin against its peers and against the physical
// bound, in one run, on loopback only: the page (Go wasm in headless
// Chromium), a plain-JavaScript peer page in the same browser, `fanin get`,
// and the article's two Python programs (asyncio+aiohttp, sequential
// requests), all fetching the same URLs from JSON servers with injected
// latency. It prints a table and writes it, with a chart, to bench/results.
//
//	go run ./bench              # the full run (make bench), under 15 minutes
//	go run ./bench -smoke       # a few URLs, one run each, under two minutes
//	go run ./bench -only view   # only the result view's measures (about 4 minutes), printed, not saved
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"
)

// config is the command line.
type config struct {
	smoke bool
	out   string // folder for table.md and chart.svg
	root  string // the module's root
	micro bool   // run the Go micro-benchmarks
	only  string // "" for everything, or "view": only the result view's section
}

func main() {
	var cfg config
	flag.BoolVar(&cfg.smoke, "smoke", false, "a quick run: few URLs, one run each")
	flag.StringVar(&cfg.out, "out", "", "folder for table.md and chart.svg (default bench/results)")
	flag.BoolVar(&cfg.micro, "micro", true, "also run the Go micro-benchmarks of ./app/... (never in -smoke)")
	flag.StringVar(&cfg.only, "only", "", `run one section only: "view" (the result view: time to show 100 KB to 100 MB, longest task, expand all, jq, memory); printed, and saved only with -out`)
	flag.Parse()
	if cfg.only != "" && cfg.only != "view" {
		fmt.Fprintf(os.Stderr, "bench: -only %q: the only section that runs alone is \"view\"\n", cfg.only)
		os.Exit(2)
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	cfg.root = root
	if cfg.out == "" && cfg.only == "" {
		cfg.out = filepath.Join(root, "bench", "results")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	limit := 15 * time.Minute
	if cfg.smoke {
		limit = 3 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	rep, err := run(ctx, cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Print(rep.markdown())
}

// moduleRoot is the folder holding fanin's go.mod, wherever the bench runs
// from (the repository with go run, bench/ with go test).
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside fanin's module")
	}
	return filepath.Dir(gomod), nil
}
