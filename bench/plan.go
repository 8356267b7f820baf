package main

import (
	"fmt"
	"time"

	"fanin/app/fanout"
)

// Connection limits the bounds are computed from.
const (
	browserPerHost = 6   // Chromium's HTTP/1.1 connections per host (scheme, host, port)
	h2Streams      = 250 // SETTINGS_MAX_CONCURRENT_STREAMS of the HTTP/2 server (Go's default, set explicitly)
	spreadPorts    = 8   // loopback ports the spread scenarios use
	bigPorts       = 10  // loopback ports the big-body scenario uses
	maxPorts       = bigPorts
	bigBody        = 1 << 20                   // the big-body scenario's response size
	pageDefault    = 0                         // the page's "At once" left empty: the browser's limits per origin
	getConc        = fanout.DefaultConcurrency // fanin get's default -c
	aiohttpLimit   = getConc                   // the aiohttp peer's connector limit, like fanin get's default
	curlParallel   = 50                        // curl -Z --parallel-max (its default)
)

// Client names as the table shows them.
const (
	clientPage     = "page"
	clientPeerJS   = "JS peer"
	clientGet      = "fanin get"
	clientAiohttp  = "aiohttp"
	clientRequests = "requests"
	clientCurl     = "curl -Z -O, jq -s"
)

// scenario is one set of URLs: where they live and how slow they are.
type scenario struct {
	H2      bool // HTTPS with HTTP/2 on one port; else plain HTTP/1.1
	Ports   int
	Latency time.Duration
	N       int
	Native  bool // fetched by the native programs, not the browser
	Bytes   int  // every response's size; 0: sizes, cycled
}

func (s scenario) String() string {
	proto, where := "HTTP/1.1", "1 port"
	if s.H2 {
		proto = "HTTP/2"
	}
	if s.Ports > 1 {
		where = fmt.Sprintf("%d ports", s.Ports)
	}
	if s.Native {
		where = "native"
	}
	name := fmt.Sprintf("%s · %s · %d ms · N=%d", proto, where, s.Latency.Milliseconds(), s.N)
	if s.Bytes >= 1<<20 {
		name += fmt.Sprintf(" · %d MiB each", s.Bytes>>20)
	}
	return name
}

// connections is how many requests the transport lets run at once for
// this scenario's URLs in the browser.
func (s scenario) connections() int {
	if s.H2 {
		return h2Streams
	}
	return s.Ports * browserPerHost
}

// browserBound is the physical bound in the browser: the latency times the
// rounds the busiest host needs under the browser's connection limit.
func (s scenario) browserBound() time.Duration {
	if s.H2 {
		return s.Latency * time.Duration(ceilDiv(s.N, h2Streams))
	}
	perPort := ceilDiv(s.N, s.Ports)
	return s.Latency * time.Duration(ceilDiv(perPort, browserPerHost))
}

// job is one client measured on one scenario.
type job struct {
	Scenario scenario
	Client   string
	Conc     int // the page's or fanin get's requests in flight; 0 where not set
	Runs     int
	Bound    time.Duration // 0: none (no latency)
	Peer     string        // the label of the job it is compared with, if any
	Heap     bool          // sample the JS heap during its runs
}

// Label names the job in the table: the client and, where it is not the
// default, its concurrency.
func (j job) Label() string {
	if (j.Client == clientPage && j.Conc != pageDefault) || (j.Client == clientGet && j.Conc != getConc) {
		return fmt.Sprintf("%s c=%d", j.Client, j.Conc)
	}
	return j.Client
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// fastRuns is how many runs a row of a third of a second or less gets: on
// this shared 2-core machine such a row's median of 5 moved by 15-25%
// from one full run to the next (one slow first run in a fresh tab, a
// late frame), and 9 cost a few seconds.
const fastRuns = 9

// plan lists every job of a run. The smoke run has the same rows with fewer
// URLs and one run each, so that a test checks the shape of the real table.
func plan(smoke bool) []job {
	n := func(full int) int {
		if !smoke {
			return full
		}
		return map[int]int{3: 3, 60: 6, 100: 10, 1000: 20, 2000: 20}[full]
	}
	runs := func(full int) int {
		if smoke {
			return 1
		}
		return full
	}
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	var jobs []job
	browser := func(sc scenario, pageRuns int, wide int, heap bool) {
		bound := sc.browserBound()
		jobs = append(jobs, job{Scenario: sc, Client: clientPage, Conc: pageDefault, Runs: runs(pageRuns), Bound: bound, Peer: clientPeerJS, Heap: heap})
		if wide > 0 {
			jobs = append(jobs, job{Scenario: sc, Client: clientPage, Conc: wide, Runs: runs(pageRuns), Bound: bound, Peer: clientPeerJS})
		}
		jobs = append(jobs, job{Scenario: sc, Client: clientPeerJS, Runs: runs(pageRuns), Bound: bound, Heap: heap})
	}
	h1 := func(ports, lat, count int) scenario {
		return scenario{Ports: ports, Latency: ms(lat), N: n(count)}
	}
	h2 := func(lat, count int) scenario {
		return scenario{H2: true, Ports: 1, Latency: ms(lat), N: n(count)}
	}
	browser(h1(1, 50, 3), fastRuns, 0, false)
	browser(h1(1, 50, 100), 5, 0, false)
	browser(h1(1, 50, 1000), 3, 0, true)
	browser(h1(spreadPorts, 50, 100), fastRuns, spreadPorts*browserPerHost, false)
	browser(h1(spreadPorts, 50, 1000), 3, spreadPorts*browserPerHost, false)
	browser(h1(1, 300, 3), fastRuns, 0, false)
	browser(h1(1, 300, 100), 3, 0, false)
	browser(h1(spreadPorts, 300, 100), 3, spreadPorts*browserPerHost, false)
	browser(h2(50, 100), fastRuns, 64, false)
	browser(h2(50, 1000), 3, 64, false)
	browser(h1(1, 0, 1000), 3, 0, false)
	browser(h2(0, 1000), 3, 64, false)
	// Big bodies: the download path itself, not the per-request cost.
	browser(scenario{Ports: bigPorts, Latency: ms(200), N: n(60), Bytes: bigBody}, 5, 0, false)

	native := func(lat, count, getRuns, reqRuns int) {
		sc := scenario{Ports: 1, Latency: ms(lat), N: n(count), Native: true}
		bound := sc.Latency * time.Duration(ceilDiv(sc.N, getConc))
		jobs = append(jobs,
			job{Scenario: sc, Client: clientGet, Conc: getConc, Runs: runs(getRuns), Bound: bound, Peer: clientAiohttp},
			job{Scenario: sc, Client: clientAiohttp, Runs: runs(getRuns), Bound: sc.Latency * time.Duration(ceilDiv(sc.N, aiohttpLimit))})
		if reqRuns > 0 {
			jobs = append(jobs, job{Scenario: sc, Client: clientRequests, Runs: runs(reqRuns), Bound: sc.Latency * time.Duration(sc.N), Peer: clientAiohttp})
		}
	}
	// Sequential requests are as steady as their bound (N × latency), and
	// slow: one run at 100 URLs, none at 1,000 or at 300 ms × 100 (30 s).
	native(50, 3, 5, 5)
	native(50, 100, 5, 1)
	native(50, 1000, 3, 0)
	native(300, 3, 5, 5)
	native(300, 100, 3, 0)
	native(0, 1000, 3, 3)
	// curl's own parallel mode, then jq -s over the bodies: the terminal's
	// shortest way; not in the smoke run (a fresh machine may not have curl).
	if !smoke {
		sc := scenario{Ports: 1, Latency: ms(20), N: n(2000), Native: true}
		jobs = append(jobs,
			job{Scenario: sc, Client: clientGet, Conc: getConc, Runs: runs(3), Bound: sc.Latency * time.Duration(ceilDiv(sc.N, getConc)), Peer: clientCurl},
			job{Scenario: sc, Client: clientCurl, Runs: runs(3), Bound: sc.Latency * time.Duration(ceilDiv(sc.N, curlParallel))})
	}
	return jobs
}
