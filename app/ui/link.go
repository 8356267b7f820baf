package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fanin/app/combine"
	"fanin/app/netscope"
	"fanin/app/run"
	"fanin/app/sharelink"
	"fanin/app/urlhost"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// linkState is the page's share link as last read from or written to the
// address's fragment.
type linkState struct {
	fragment string // without '#'
	url      string // the whole link; "" when the list is empty
	length   int
	seq      int // debounces writes while the user types
}

// linkDelay is how long typing must pause before the address is updated.
const linkDelay = 300 * time.Millisecond

// readLink takes the page's state from the fragment, unless it is the
// fragment the page itself wrote. With allowRun, a link's run=1 starts the
// run, or asks first when the link reaches into the user's own network.
func (c *Page) readLink(ctx app.Context, allowRun bool) {
	c.applyLink(ctx, c.takeLink(), allowRun)
}

// linkTaken is what reading a link leaves for a context to do.
type linkTaken struct {
	run              bool // the link asks to run
	again            bool // the mode changed over a result: encode reencode
	reencode         run.Encoding
	clearConcurrency bool
}

// takeLink is readLink's part that needs no context: the page's fields
// from the fragment (OnInit does it before the first render).
func (c *Page) takeLink() linkTaken {
	frag := c.env.Fragment()
	if frag == "" || frag == c.link.fragment {
		return linkTaken{}
	}
	c.link.fragment = frag
	state, problems, err := sharelink.Decode(frag)
	if err != nil {
		c.problem = "This link could not be read (" + err.Error() + "); the list was left as it was."
		return linkTaken{}
	}
	if !isFaninLink(state, problems) {
		return linkTaken{}
	}
	var t linkTaken
	c.SetText(strings.Join(state.Lines, "\n"))
	mode := combine.Array
	if m, err := combine.ParseMode(state.Merge); err == nil {
		mode = m
	}
	t.reencode, t.again = c.run.SetMode(mode)
	c.options.Concurrency, c.options.Timeout, c.jqExpr = state.Concurrency, state.Timeout, state.JQ
	// An empty value attribute does not empty a field the page set
	// before: clear it, or it would show the last link's number.
	t.clearConcurrency = c.options.Concurrency == 0 && app.IsClient
	c.options.MaxPages, c.options.Rate, c.options.PerHost = state.MaxPages, state.Rate, state.PerHost
	c.pages.setSpec(state.Next)
	c.notes = nil
	for _, p := range problems {
		c.notes = append(c.notes, "From the link: "+p.Error())
	}
	c.setLink(frag)
	c.cmd = c.command()
	t.run = state.Run
	return t
}

// applyLink does what reading a link left for a context: encoding the
// result again in the link's mode, clearing the concurrency field, and
// with allowRun starting the run (or asking first).
func (c *Page) applyLink(ctx app.Context, t linkTaken, allowRun bool) {
	if t.again {
		c.encode(ctx, t.reencode)
	}
	if t.clearConcurrency {
		ctx.Defer(func(app.Context) { app.Window().GetElementByID("concurrency").Set("value", "") })
	}
	if allowRun && t.run {
		urls, _ := c.plan.Expand()
		if ask := netscope.NeedsConfirm(urlhost.Hostname, urls); len(ask) > 0 {
			c.confirm = ask
			return
		}
		c.Start(ctx)
	}
}

// isFaninLink tells a fanin state from a fragment meant for something else
// (an anchor such as #usage), which must leave the page alone.
func isFaninLink(s sharelink.State, problems []sharelink.Problem) bool {
	if len(s.Lines) > 0 || s.Merge != "" || s.JQ != "" || s.Concurrency != 0 || s.Timeout != 0 || s.Run ||
		s.Next != "" || s.MaxPages != 0 || s.Rate != 0 || s.PerHost != 0 {
		return true
	}
	for _, p := range problems {
		if p.Field == "u" || p.Field == "z" {
			return true
		}
	}
	return false
}

// linkChanged schedules the fragment to follow the page's state, once the
// user pauses: replaceState, so editing adds no history entries.
func (c *Page) linkChanged(ctx app.Context) {
	c.cmd = c.command()
	c.link.seq++
	seq := c.link.seq
	ctx.After(linkDelay, func(ctx app.Context) {
		if seq == c.link.seq {
			c.writeLink()
		}
	})
}

func (c *Page) writeLink() {
	frag := sharelink.Encode(c.shareState())
	c.env.ReplaceFragment(frag)
	c.link.fragment = frag
	c.setLink(frag)
}

func (c *Page) setLink(frag string) {
	c.link.url, c.link.length = "", 0
	if frag != "" {
		c.link.url = c.env.PageURL() + "#" + frag
		c.link.length = len(c.link.url)
	}
}

// shareState is what a link carries: never headers or results.
func (c *Page) shareState() sharelink.State {
	s := sharelink.State{Lines: strings.Split(c.plan.Text, "\n"), JQ: c.jqExpr,
		Concurrency: c.options.Concurrency, Timeout: c.options.Timeout,
		Next: c.pages.spec(), Rate: c.options.Rate, PerHost: c.options.PerHost}
	if s.Next != "" {
		s.MaxPages = c.options.MaxPages
	}
	if c.run.Mode != combine.Array {
		s.Merge = string(c.run.Mode)
	}
	return s
}

// recentKey is where the last lists are kept in localStorage.
const recentKey = "fanin.recent"

// maxRecent is how many lists are kept.
const maxRecent = 20

// The recent lists are stored as recentPrefix, then the lists joined by
// recentSep (ASCII's record separator, which a list of URLs has no use
// for; a list holding one is fetched but not remembered). Not JSON, on
// purpose: go-app decodes every localStorage value as JSON at each start
// (looking for its own expired states), and this prefix stops its scan at
// the first byte; and decoding the lists from JSON took the page 100 ms on
// 20 lists of 1,000 URLs. Both made a warm start 150-250 ms slower with
// such a history (`go run ./bench -only load` with it in storage).
const (
	recentPrefix = "~fanin recent lists 2\x1e"
	recentSep    = "\x1e"
)

func loadRecent(env webenv.Env) []string {
	raw, ok := env.Load(recentKey)
	if !ok {
		return nil
	}
	var lists []string
	if rest, ok := strings.CutPrefix(raw, recentPrefix); ok {
		if rest != "" {
			lists = strings.Split(rest, recentSep)
		}
	} else if json.Unmarshal([]byte(raw), &lists) != nil { // as stored before
		return nil
	}
	return lists[:min(len(lists), maxRecent)]
}

// withRecent puts text first in the recent lists.
func withRecent(lists []string, text string) []string {
	text = strings.TrimSpace(text)
	if text == "" || strings.Contains(text, recentSep) {
		return lists
	}
	out := []string{text}
	for _, l := range lists {
		if l != text && len(out) < maxRecent && !strings.Contains(l, recentSep) { // (one from the JSON days)
			out = append(out, l)
		}
	}
	return out
}

// storeRecent keeps the recent lists in the browser's storage.
func storeRecent(env webenv.Env, lists []string) {
	_ = env.Store(recentKey, recentPrefix+strings.Join(lists, recentSep)) // a full storage only loses the history
}

// recentLabel names a list by its first URL and how many more it has.
func recentLabel(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if len(first) > 80 {
		first = first[:77] + "…"
	}
	if more := strings.Count(text, "\n"); more > 0 {
		return fmt.Sprintf("%s (+%d more lines)", first, more)
	}
	return first
}
