//go:build !(js && wasm)

package ui

import (
	"fanin/app/jqengine"
	"fanin/app/pages"
)

// localJQ and localNext run jq in-process: the server's pre-render and the
// page's native tests. The page's wasm has none (localjq_js.go): there
// cmd/fanin gives the jq worker's.
var localJQ = jqengine.NewLocal

func localNext() pages.JQ { return &jqengine.Next{} }
