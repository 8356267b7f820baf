package main

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"
)

// colors per client; page rows with another concurrency get a lighter blue.
var colors = map[string]string{
	clientPage:     "#2563eb",
	"page c=":      "#93b4f5",
	clientPeerJS:   "#f59e0b",
	clientGet:      "#16a34a",
	clientAiohttp:  "#9333ea",
	clientRequests: "#dc2626",
}

func colorOf(x result) string {
	if x.Client == clientPage && x.Conc != pageDefault {
		return colors["page c="]
	}
	return colors[x.Client]
}

// chart draws the wall-time table as horizontal bars on a log scale, one
// group per scenario, with each bar's bound as a black tick.
func (r *report) chart() string {
	const (
		left, right, top = 300, 40, 70
		plotW            = 620
		barH, gap        = 13, 3
		groupGap         = 22
		minMS, maxMS     = 1.0, 100_000.0
	)
	x := func(d time.Duration) float64 {
		v := math.Min(math.Max(float64(d)/float64(time.Millisecond), minMS), maxMS)
		return left + plotW*math.Log10(v/minMS)/math.Log10(maxMS/minMS)
	}
	var groups [][]result
	for i, res := range r.Results {
		if i == 0 || res.Scenario != r.Results[i-1].Scenario {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], res)
	}
	height := top + 40
	for _, g := range groups {
		height += groupGap + len(g)*(barH+gap)
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	width := left + plotW + right
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, sans-serif" font-size="11">`+"\n", width, height, width, height)
	p(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	title := "fanin: wall time from Fetch to the combined JSON (median, log scale)"
	if r.Smoke {
		title += " — smoke run"
	}
	p(`<text x="12" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", html.EscapeString(title))
	lx := 12.0
	for _, c := range []string{clientPage, "page c=", clientPeerJS, clientGet, clientAiohttp, clientRequests} {
		name := c
		if c == "page c=" {
			name = "page, wider c"
		}
		p(`<rect x="%.0f" y="30" width="10" height="10" fill="%s"/><text x="%.0f" y="39">%s</text>`+"\n", lx, colors[c], lx+14, html.EscapeString(name))
		lx += 24 + 6.5*float64(len(name))
	}
	p(`<line x1="%.0f" y1="29" x2="%.0f" y2="41" stroke="#000" stroke-width="2"/><text x="%.0f" y="39">bound</text>`+"\n", lx, lx, lx+6)
	for _, t := range []float64{1, 10, 100, 1000, 10_000, 100_000} {
		tx := x(time.Duration(t * float64(time.Millisecond)))
		label := fmt.Sprintf("%g ms", t)
		if t >= 1000 {
			label = fmt.Sprintf("%g s", t/1000)
		}
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/><text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`+"\n",
			tx, top-8, tx, height-30, tx, top-12, label)
	}
	y := top
	for _, g := range groups {
		y += groupGap
		p(`<text x="12" y="%d" font-weight="bold">%s</text>`+"\n", y-5, html.EscapeString(g[0].Scenario.String()))
		for _, res := range g {
			p(`<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-6, y+barH-3, html.EscapeString(res.Label()))
			p(`<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
				left, y, x(res.Median)-left, barH, colorOf(res), html.EscapeString(res.Label()+": "+ms(res.Median)))
			p(`<text x="%.1f" y="%d" fill="#333">%s</text>`+"\n", x(res.Median)+4, y+barH-3, ms(res.Median))
			if res.Bound > 0 {
				bx := x(res.Bound)
				p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000" stroke-width="2"/>`+"\n", bx, y-1, bx, y+barH+1)
			}
			y += barH + gap
		}
	}
	p(`<text x="12" y="%d" fill="#555">Loopback servers with injected latency; bound = latency × ⌈N / connections allowed⌉. Source: bench/results/table.md</text>`+"\n", height-10)
	p("</svg>\n")
	return b.String()
}
