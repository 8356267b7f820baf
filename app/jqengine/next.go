package jqengine

import (
	"context"
	"errors"
	"strings"
	"sync"

	"fanin/app/jqfilter"
)

// Next runs next-page expressions (app/pages.JQ) in-process: the CLI's and
// the jq worker's. Each expression is compiled once; the zero value is
// ready, and safe for concurrent use by a run's chains.
type Next struct {
	mu       sync.Mutex
	compiled map[string]compiled
}

type compiled struct {
	f   *jqfilter.Filter
	err error
}

// nextMaxBytes caps a next-page expression's output: a URL or a cursor.
const nextMaxBytes = 64 << 10

// Check compiles expr, for a syntax error before a run starts.
func (n *Next) Check(expr string) error {
	_, err := n.filter(expr)
	return err
}

// First runs expr over a page's body and gives its first output, compact,
// or "" when there is none.
func (n *Next) First(ctx context.Context, expr string, body []byte) (string, error) {
	f, err := n.filter(expr)
	if err != nil {
		return "", err
	}
	out, err := f.Run(ctx, body)
	if err != nil && !errors.Is(err, jqfilter.ErrTooMuch) {
		return "", err
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return first, nil
}

func (n *Next) filter(expr string) (*jqfilter.Filter, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if c, ok := n.compiled[expr]; ok {
		return c.f, c.err
	}
	f, err := jqfilter.Compile(expr)
	if err == nil {
		f.Compact, f.MaxOutputs, f.MaxBytes = true, 1, nextMaxBytes
	}
	if n.compiled == nil || len(n.compiled) >= 16 { // a few at most: one a run
		n.compiled = map[string]compiled{}
	}
	n.compiled[expr] = compiled{f, err}
	return f, err
}
