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
//	go run ./bench -only fetch  # only the wall-time rows (page, peers, fanin get), printed, not saved
//	go run ./bench -only load   # only time to interactive, cold and warm (5 of each), with one load's timeline each
//	go run ./bench -only load -profile out/prof # and a CPU profile of that cold and that warm load
//	go run ./bench -only load -trace out/trace  # or a Chrome trace of them (every thread: parse, compile, layout)
//	go run ./bench -only fetch -match 'HTTP/2 · 1 port · 0 ms|8 ports · 50 ms · N=100$' -profile out/prof
//	                            # the rows whose scenario matches, with a CPU profile of the page's last run of each
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
	only  string // "" for everything, "view", "fetch" or "load": one section
	match string // with -only fetch: only the scenarios whose name matches this regular expression
	loads int    // with -only load: pairs of cold and warm loads
	trace string // with -only load: a folder for a Chrome trace of the first cold and warm load
	// profile, when set, is a folder for a CDP CPU profile of the last
	// run of each page job; the wasm is then built with its symbols.
	profile string
}

func main() {
	var cfg config
	flag.BoolVar(&cfg.smoke, "smoke", false, "a quick run: few URLs, one run each")
	flag.StringVar(&cfg.out, "out", "", "folder for table.md and chart.svg (default bench/results)")
	flag.BoolVar(&cfg.micro, "micro", true, "also run the Go micro-benchmarks of ./app/... (never in -smoke)")
	flag.StringVar(&cfg.only, "only", "", `run one section only: "view" (the result view: time to show 100 KB to 100 MB, longest task, expand all, jq, memory; saved only with -out), "fetch" (the wall-time rows) or "load" (time to interactive, cold and warm, with a timeline of one load each); printed`)
	flag.StringVar(&cfg.match, "match", "", "with -only fetch: only the scenarios whose name (as the table shows it) matches this regular expression")
	flag.StringVar(&cfg.profile, "profile", "", "with -only fetch: a folder for a CPU profile (.cpuprofile and a top list) of each page job's last run; with -only load, of the first cold and warm load; the wasm is built with its function names (sent uncompressed)")
	flag.IntVar(&cfg.loads, "loads", 5, "with -only load: how many cold and warm loads to measure")
	flag.StringVar(&cfg.trace, "trace", "", "with -only load: a folder for a Chrome trace (DevTools' Performance panel opens it) of the first cold and warm load, summarized on stderr")
	flag.BoolVar(&timelines, "timeline", false, "print each browser run's timeline: first request, last byte and result shown, after the click (Resource Timing)")
	flag.Parse()
	if cfg.only != "" && cfg.only != "view" && cfg.only != "fetch" && cfg.only != "load" {
		fmt.Fprintf(os.Stderr, "bench: -only %q: the sections that run alone are \"view\", \"fetch\" and \"load\"\n", cfg.only)
		os.Exit(2)
	}
	if cfg.trace != "" && cfg.only != "load" {
		fmt.Fprintln(os.Stderr, "bench: -trace goes with -only load")
		os.Exit(2)
	}
	if (cfg.match != "" && cfg.only != "fetch") || (cfg.profile != "" && cfg.only != "fetch" && cfg.only != "load") {
		fmt.Fprintln(os.Stderr, "bench: -match goes with -only fetch, -profile with -only fetch or load")
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
