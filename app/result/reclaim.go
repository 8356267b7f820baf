package result

import "runtime"

// reclaimAbove is the document size from which Reclaim asks the collector
// to run at once.
const reclaimAbove = 8 << 20

// reclaim collects now what a result just let go (the bodies as fetched,
// the responses' own trees once grafted). Go's collector otherwise waits
// until the heap has doubled, and in wasm the memory it grew into is never
// given back: collecting before the next big allocation keeps the page's
// peak, and so its memory for good, near what it holds. The heap is mostly
// byte and int32 slices, which the collector does not scan, so this takes
// milliseconds.
func reclaim() { runtime.GC() }

// Reclaim is for the result's readers: call it before the document's tree
// is made (the bodies as fetched are garbage by then), once it has taken
// the responses' trees in, and once a result has been let go.
func Reclaim(docBytes int) {
	if docBytes >= reclaimAbove {
		reclaim()
	}
}
