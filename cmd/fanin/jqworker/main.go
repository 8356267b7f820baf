// Command jqworker is the page's jq worker: compiled to WebAssembly it is
// web/jq.wasm, which web/jqworker.js starts in a Web Worker to run the
// page's jq filters and next-page expressions (app/jqwork's protocol, with
// app/jqengine, which links gojq). It is a wasm of its own so that the
// page's app.wasm carries no gojq: the page's every start would otherwise
// run gojq's package init and compile its code, though only a filter needs
// it. Built natively it only says what it is.
package main

import (
	"fmt"
	"os"

	"fanin/app/jqengine"
	"fanin/app/jqwork"
)

func main() {
	var next jqengine.Next
	if jqwork.Serve(jqengine.NewLocal, next.First) {
		return
	}
	fmt.Fprintln(os.Stderr, "jqworker is fanin's jq worker: it runs as web/jq.wasm in the page's Web Worker (make web/jq.wasm), not on its own")
	os.Exit(2)
}
