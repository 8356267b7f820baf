package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/netfetch"
	"fanin/app/run"
)

// streamNDJSON is fanin get -o ndjson: each URL's line is printed as soon
// as every earlier one is out, and then forgotten, so a list of millions
// runs in the memory of the reorder window (run.DefaultWindow per request
// in flight). The bytes are those of the page's Download NDJSON
// (combine.AppendNDJSONLine, which combine.NDJSON writes too). Failures go
// to standard error in the same order, as their lines are written.
func streamNDJSON(ctx context.Context, urls []string, opts fanout.Options, mode combine.Mode, stdout, stderr io.Writer) int {
	out := bufio.NewWriterSize(stdout, 64<<10)
	status := ExitOK
	var line []byte
	write := func(r fanout.Result) error {
		if !r.OK() {
			status = ExitPartial
			fmt.Fprintf(stderr, "fanin: %s: %s\n", r.URL, r.Err)
		} else if p := combine.NotArray(r); mode == combine.Concat && p != nil {
			status = ExitPartial
			fmt.Fprintf(stderr, "fanin: %s: %s\n", p.URL, p.Err)
		}
		line = combine.AppendNDJSONLine(line[:0], r)
		if _, err := out.Write(line); err != nil {
			return err
		}
		return out.Flush() // a reader sees each line as soon as it is in order

	}
	err := run.Stream(ctx, urls, netfetch.New(opts.Concurrency), opts, run.DefaultWindow*opts.Concurrency, write)
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "fanin get: writing output: %v\n", err)
		return ExitPartial
	}
	return status
}

// listHeap is the soft limit on the heap while a streamed run reads its
// list (see leanList).
const listHeap = 40 << 20

// leanList, when streaming, keeps the heap near listHeap while the list is
// read and expanded, and returns what puts the usual pacing back. Reading
// a list of 200,000 URLs keeps ~30 MB (the text, its lines, the map that
// finds repeats) and makes as much again in garbage (each URL is parsed
// to be checked); at the collector's usual pace (GOGC=100) the heap grows
// to twice what is live before it collects, which is the whole run's peak.
// The fetch afterwards holds only the reorder window and runs at the usual
// pace, from a heap collected once the list is made. A GOMEMLIMIT the user set is left alone.
func leanList(streaming bool) (restore func()) {
	if !streaming || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(listHeap)
	return func() {
		// collect the list's scaffolding now, so the pace of the fetch
		// starts from what stays live (the URLs), not from twice the peak
		runtime.GC()
		debug.SetMemoryLimit(old)
	}
}
