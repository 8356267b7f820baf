//go:build !(js && wasm)

package ui

import "context"

// nextTask outside the browser waits on a timer: there is no page to let
// paint, only other goroutines (the tests') to let run.
func nextTask(ctx context.Context) error { return breatheTimer(ctx) }
