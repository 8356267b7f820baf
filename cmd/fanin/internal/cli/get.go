package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"fanin/app/bodycheck"
	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/jqfilter"
	"fanin/app/netfetch"
	"fanin/app/result"
	"fanin/app/run"
	"fanin/app/urllist"
	"fanin/cmd/fanin/internal/termsafe"
)

// errFlagReported is a bad flag the flag package has already explained.
var errFlagReported = errors.New("bad flag")

// getConfig is `fanin get`'s command line.
type getConfig struct {
	options fanout.Options
	mode    combine.Mode
	jq      *jqfilter.Filter
	output  string // json, ndjson or csv
	shard   shard  // the slice of the list this machine fetches (zero: all of it)
	file    string
	urls    []string
}

// Output formats of fanin get.
const (
	outputJSON   = "json"
	outputNDJSON = "ndjson"
	outputCSV    = "csv"
)

func parseGet(args []string, stderr io.Writer) (getConfig, error) {
	fs := newFlagSet("fanin get", "Usage: fanin get [flags] [URL...] [flags] [-- URL...]\n\nFetches every URL at once and prints the combined JSON; URLs come from the\narguments, from -f FILE, or else from standard input, one per line. A URL may\nbe a curl-style template: 'https://api.test/items?page=[1-50]', '{a,b}'.", stderr)
	var cfg getConfig
	fs.IntVar(&cfg.options.Concurrency, "c", fanout.DefaultConcurrency, "requests in flight at most (1-1024)")
	fs.DurationVar(&cfg.options.Timeout, "timeout", fanout.DefaultTimeout, "time allowed for each request, body included")
	fs.Int64Var(&cfg.options.MaxBytes, "max-bytes", fanout.DefaultMaxBytes, "largest response body accepted, in bytes")
	fs.IntVar(&cfg.options.Retries, "retries", 0, "further attempts after a network error, timeout, 429 or 5xx (0-10), with backoff")
	fs.Func("H", "send a header with every request, `'Name: value'` (repeatable)", func(v string) error {
		h, err := fanout.ParseHeader(v)
		if err == nil {
			cfg.options.Headers = append(cfg.options.Headers, h)
		}
		return err
	})
	merge := fs.String("merge", string(combine.Array), fmt.Sprintf("how to combine: %v", combine.Modes))
	fs.StringVar(&cfg.file, "f", "", "read URLs from `FILE`, one per line (- for standard input)")
	jq := fs.String("jq", "", "filter the combined JSON with this jq `EXPR` (gojq: the whole jq language)")
	next := pageFlags(fs, &cfg.options)
	fs.StringVar(&cfg.output, "o", outputJSON, "output `FORMAT`: json (the combined document), ndjson (one line per URL, null where one failed, each printed as soon as the earlier ones are; the page's Download NDJSON) or csv (the responses' records as one table; the page's Download CSV)")
	fs.Var(&cfg.shard, "shard", "fetch only slice K of N contiguous slices of the expanded list, `K/N` with K from 1 to N (1/4 … 4/4), so N machines share one list")
	urls, code, ok := parseArgs(fs, args)
	if !ok {
		if code == ExitOK {
			return cfg, flag.ErrHelp
		}
		return cfg, errFlagReported
	}
	var err error
	if *jq != "" {
		if cfg.jq, err = jqfilter.Compile(*jq); err != nil {
			return cfg, err
		}
	}
	if cfg.mode, err = combine.ParseMode(*merge); err != nil {
		return cfg, err
	}
	if err = checkPageFlags(*next, &cfg.options); err != nil {
		return cfg, err
	}
	switch {
	case cfg.output != outputJSON && cfg.output != outputNDJSON && cfg.output != outputCSV:
		return cfg, fmt.Errorf("-o must be json, ndjson or csv, not %q", cfg.output)
	case cfg.output != outputJSON && cfg.jq != nil:
		return cfg, errors.New("-jq filters the combined document: use it with -o json")
	case cfg.options.Concurrency < 1 || cfg.options.Concurrency > 1024:
		return cfg, fmt.Errorf("-c must be from 1 to 1024, not %d", cfg.options.Concurrency)
	case cfg.options.Timeout <= 0:
		return cfg, fmt.Errorf("-timeout must be positive, not %v", cfg.options.Timeout)
	case cfg.options.Retries < 0 || cfg.options.Retries > 10:
		return cfg, fmt.Errorf("-retries must be from 0 to 10, not %d", cfg.options.Retries)
	case cfg.options.MaxBytes <= 0:
		return cfg, fmt.Errorf("-max-bytes must be positive, not %d", cfg.options.MaxBytes)
	}
	cfg.urls = urls
	return cfg, nil
}

// Get is `fanin get`.
//
// Everything written to stderr is escaped (termsafe): URLs and servers'
// error bodies reach a terminal without control or bidi characters. stdout
// is JSON, escaped by its encoder.
func Get(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stderr = termsafe.Writer{W: stderr}
	cfg, err := parseGet(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if errors.Is(err, errFlagReported) {
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "fanin get: %v\n", err)
		return ExitUsage
	}
	text, err := urlText(cfg, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "fanin get: %v\n", err)
		return ExitUsage
	}
	restore := leanList(cfg.output == outputNDJSON)
	list := urllist.Parse(text)
	if err := list.Err(); err != nil {
		fmt.Fprintf(stderr, "fanin get: %v\n", err)
		return ExitUsage
	}
	urls, expandedDups := list.URLs()
	urls = cfg.shard.of(urls)
	restore()
	for _, d := range append(list.Duplicates, expandedDups...) {
		fmt.Fprintf(stderr, "fanin: %s: repeated (line %d repeats line %d), fetched once\n", d.URL, d.Line, d.FirstLine)
	}
	if len(list.Entries) == 0 {
		fmt.Fprintln(stderr, "fanin get: no URLs given (arguments, -f FILE or standard input)")
		return ExitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := cfg.options
	opts.Check = bodycheck.JSON(nil).Check
	if cfg.output == outputNDJSON && opts.Next == nil {
		// Streamed in input order. Following pages, a URL's line count is
		// known only once its chain ends: those runs print one line per
		// page when the run is over.
		return streamNDJSON(ctx, urls, opts, cfg.mode, stdout, stderr)
	}
	results := run.Fetch(ctx, urls, netfetch.New(opts.Concurrency), opts, nil)

	res, err := result.Build(results, nil, cfg.mode, nil)
	var out []byte
	if err == nil {
		out, err = output(res, cfg.output)
	}
	if err != nil {
		fmt.Fprintf(stderr, "fanin get: %v\n", err)
		return ExitPartial
	}
	problems := res.Doc.Problems
	if cfg.jq != nil {
		filtered, err := cfg.jq.Run(ctx, out)
		if err != nil {
			stdout.Write(filtered)
			fmt.Fprintf(stderr, "fanin get: jq: %v\n", err)
			return ExitPartial
		}
		out = filtered
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "fanin get: writing output: %v\n", err)
		return ExitPartial
	}
	reportNotes(stderr, results)
	status := ExitOK
	for _, r := range results {
		if !r.OK() {
			fmt.Fprintf(stderr, "fanin: %s: %s\n", r.URL, r.Err)
			status = ExitPartial
		}
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "fanin: %s: %s\n", p.URL, p.Err)
		status = ExitPartial
	}
	return status
}

// output is the result as the page's downloads write it: one function each
// for the page and the CLI.
func output(res *result.Result, format string) ([]byte, error) {
	switch format {
	case outputNDJSON:
		return res.NDJSON(), nil
	case outputCSV:
		return res.CSV()
	}
	return res.JSON()
}

// urlText gathers the URL lines: arguments first, then -f FILE, and
// standard input only when neither gave any.
func urlText(cfg getConfig, stdin io.Reader) (string, error) {
	lines := append([]string(nil), cfg.urls...)
	read := func(r io.Reader, name string) error {
		// into a Builder, sized to the file when it says: a list of
		// 200,000 URLs is read once, not grown and copied into a string
		var b strings.Builder
		if f, ok := r.(*os.File); ok {
			if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
				b.Grow(int(min(info.Size(), 64<<20)))
			}
		}
		if _, err := io.Copy(&b, io.LimitReader(r, 64<<20)); err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		lines = append(lines, b.String())
		return nil
	}
	switch cfg.file {
	case "":
	case "-":
		if err := read(stdin, "standard input"); err != nil {
			return "", err
		}
	default:
		f, err := os.Open(cfg.file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if err := read(f, cfg.file); err != nil {
			return "", err
		}
	}
	if len(lines) == 0 && stdin != nil && !isTerminal(stdin) {
		if err := read(stdin, "standard input"); err != nil {
			return "", err
		}
	}
	if len(lines) == 1 {
		return lines[0], nil // a long list from one file is not copied again
	}
	return strings.Join(lines, "\n"), nil
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
