package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"

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
