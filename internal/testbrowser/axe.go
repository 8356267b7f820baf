package testbrowser

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// AxeScript is where `npm ci` puts axe-core, relative to the repository root.
const AxeScript = "node_modules/axe-core/axe.min.js"

// AxeHint says how to get axe-core.
const AxeHint = "the accessibility check needs axe-core: run `npm ci` in the repository root (it installs the version locked in package-lock.json into node_modules/)"

// Violation is one axe-core rule the page breaks, with the elements that
// break it.
type Violation struct {
	ID      string          `json:"id"`
	Impact  string          `json:"impact"` // "serious" or "critical"
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	Target  string `json:"target"` // a CSS selector for the element
	HTML    string `json:"html"`
	Summary string `json:"summary"` // what to fix
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s: %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
	}
	return b.String()
}

// axeRun runs every axe-core rule on the document and keeps the serious and
// critical violations; iframes' selectors are joined with " >>> ".
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String).join(" >>> "), html: n.html, summary: n.failureSummary || ""}))})))`

// Axe checks the page open in ctx (a chromedp tab) with axe-core and
// returns its serious and critical violations. It loads axe-core into the
// page through DevTools, so the page's Content-Security-Policy does not
// stop it. axe-core comes from node_modules, found by walking up from the
// working directory; without it Axe returns an error saying to run npm ci.
func Axe(ctx context.Context) ([]Violation, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	path, err := findAxe(dir)
	if err != nil {
		return nil, err
	}
	script, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, AxeHint)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(script))); err != nil {
			return nil, fmt.Errorf("axe: loading %s: %w", path, err)
		}
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe: running: %w", err)
	}
	return violations, nil
}

// findAxe looks for AxeScript in dir and the folders above it.
func findAxe(dir string) (string, error) {
	for d := dir; ; {
		p := filepath.Join(d, filepath.FromSlash(AxeScript))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%v\n%s", err, AxeHint)
		}
		up := filepath.Dir(d)
		if up == d {
			return "", fmt.Errorf("%s not found in %s or any folder above it: %s", AxeScript, dir, AxeHint)
		}
		d = up
	}
}
