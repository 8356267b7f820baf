// Package pages follows paginated APIs: it reads where the next page is
// from a finished page, by the response's RFC 8288 Link header
// (rel="next") or by a jq expression over the page's body (a cursor or a
// next URL in the JSON), and resolves it against the page's URL. fanout
// runs the chains (Options.Next); this package only decides each next
// step, so the page and the CLI follow pages the same way. It links no
// jq itself: a JQ runs the expressions (app/jqengine's in-process, or the
// page's jq worker, app/jqwork), so the page's wasm carries no gojq.
package pages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fanin/app/fanout"
	"fanin/app/urllist"
)

// DefaultMaxPages caps each chain unless told otherwise.
const DefaultMaxPages = 100

// LinkRule is the -next value that follows Link headers; any other non-empty
// value is a jq expression.
const LinkRule = "link"

// JQ runs next-page expressions. Check reads one before a run, so that a
// syntax error stops the run before anything is fetched; First runs one
// over a page's body and gives its first output as compact JSON, or ""
// when there is none. The page's (app/jqwork.NextWorker) cannot check at
// once, as its jq is in a worker: its Check lets everything through, and
// First gives the syntax error, which ends each chain with a note.
type JQ interface {
	Check(expr string) error
	First(ctx context.Context, expr string, body []byte) (string, error)
}

// Rule is how to find the next page: "" (none), LinkRule, or a jq
// expression.
type Rule struct {
	Spec string
	jq   JQ
	// Browser marks a page's run: a browser sees a Link header only when
	// the server lists it in Access-Control-Expose-Headers, so a page with
	// none visible says so.
	Browser bool
}

// Parse reads a -next value (or a share link's next=); jq runs it when it
// is a jq expression.
func Parse(spec string, jq JQ) (Rule, error) {
	spec = strings.TrimSpace(spec)
	r := Rule{Spec: spec}
	if spec == "" || strings.EqualFold(spec, LinkRule) {
		if spec != "" {
			r.Spec = LinkRule
		}
		return r, nil
	}
	if jq == nil {
		return Rule{}, errors.New("next page: a jq expression needs jq, and none is linked here")
	}
	if err := jq.Check(spec); err != nil {
		return Rule{}, fmt.Errorf("next page: %w", err)
	}
	r.jq = jq
	return r, nil
}

// On reports whether the rule follows pages at all.
func (r Rule) On() bool { return r.Spec != "" }

// IsLink reports whether the rule follows Link headers.
func (r Rule) IsLink() bool { return r.Spec == LinkRule }

// HiddenLink is the note on a page whose Link header a browser could not
// see.
const HiddenLink = "no Link header visible to the page: a browser sees it only when the server lists Link in Access-Control-Expose-Headers; if there are more pages, use a jq expression for the next page, fanin serve -proxy, or fanin get"

// Next is a fanout.Next: the next page's absolute URL, or "" with a note
// when the chain should end for a reason worth telling.
func (r Rule) Next(ctx context.Context, page fanout.Result) (string, string) {
	var ref string
	switch {
	case !r.On():
		return "", ""
	case r.IsLink():
		if page.Link == "" && r.Browser && !page.ViaProxy {
			return "", HiddenLink
		}
		ref = NextLink(page.Link)
	default:
		var err error
		if ref, err = r.evalJQ(ctx, page.Data); err != nil {
			return "", "next page: " + err.Error()
		}
	}
	if ref == "" {
		return "", ""
	}
	next, err := Resolve(page.URL, ref)
	if err != nil {
		return "", "next page: " + err.Error()
	}
	return next, ""
}

// errNotURL is a jq output that is neither a URL string nor a stop.
var errNotURL = errors.New("want a URL string, or null, false or nothing to stop")

// evalJQ runs the expression on a page's body: its first output is the
// next URL; null, false, "" or no output stops.
func (r Rule) evalJQ(ctx context.Context, body []byte) (string, error) {
	first, err := r.jq.First(ctx, r.Spec, body)
	if err != nil {
		return "", err
	}
	switch first {
	case "", "null", "false", `""`:
		return "", nil
	}
	if !strings.HasPrefix(first, `"`) {
		return "", fmt.Errorf("jq gave %s: %w", clip(first), errNotURL)
	}
	var s string
	if err := json.Unmarshal([]byte(first), &s); err != nil {
		return "", fmt.Errorf("jq output: %w", err)
	}
	return s, nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// Resolve makes ref, absolute or relative, a URL against the page's URL,
// and checks that fanin may fetch it (http or https).
func Resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("page URL: %w", err)
	}
	u, err := b.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", fmt.Errorf("next URL %q: %w", clip(ref), err)
	}
	u.Fragment, u.RawFragment = "", ""
	s := u.String()
	if err := urllist.Check(s); err != nil {
		return "", fmt.Errorf("next URL %q: %w", clip(s), err)
	}
	return s, nil
}
