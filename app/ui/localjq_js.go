//go:build js && wasm

package ui

import (
	"fanin/app/jqwork"
	"fanin/app/pages"
)

// localJQ and localNext are none in the page's wasm, which links no jq
// (see app/jqwork): cmd/fanin gives the jq worker's.
var localJQ = jqwork.Unavailable

func localNext() pages.JQ { return nil }
