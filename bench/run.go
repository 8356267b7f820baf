package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"fanin/internal/testbrowser"
)

// result is a job with its measured runs.
type result struct {
	job
	Times  []time.Duration
	Median time.Duration
}

// heap is a tab's peak memory while it ran 1,000 URLs: the JS heap and,
// for the page, the wasm's linear memory.
type heap struct{ Used, Wasm float64 }

// report is everything one run measured.
type report struct {
	Smoke     bool
	Env       []string
	Results   []result
	Wasm      sizeInfo        // app.wasm
	JQWasm    sizeInfo        // jq.wasm
	Cold      []time.Duration // time to interactive, fresh profile
	Warm      []time.Duration // second load, same profile
	Loads     []loadPair      // the first cold and warm loads' timelines
	FirstLoad int64           // bytes over the network in a cold load
	FirstPage []time.Duration // the first Fetch after a warm load (firstFetch)
	FirstPeer []time.Duration // the JS peer's first run after its load
	Heap      map[string]heap // by client
	ServerRSS int
	Micro     string
	Elapsed   time.Duration
	Load      [2]string // /proc/loadavg at the start and the end: others' work on the machine
	Only      string    // the one section run, if not all
	View      []viewResult
	Repeats   []repeatRun // the page's memory over runs in one tab
}

func run(ctx context.Context, cfg config, logw io.Writer) (*report, error) {
	began := time.Now()
	logw = stamped{logw, began}
	rep := &report{Smoke: cfg.smoke, Heap: map[string]heap{}, Only: cfg.only}
	rep.Load[0] = loadAvg()
	all := cfg.only == ""
	jobs := plan(cfg.smoke)
	if cfg.match != "" {
		re, err := regexp.Compile(cfg.match)
		if err != nil {
			return nil, fmt.Errorf("-match: %w", err)
		}
		jobs = slices.DeleteFunc(jobs, func(j job) bool { return !re.MatchString(j.Scenario.String()) })
		if len(jobs) == 0 {
			return nil, fmt.Errorf("-match %q: no scenario's name matches", cfg.match)
		}
	}
	if cfg.only == "view" || cfg.only == "load" {
		jobs = nil
	}
	if slices.ContainsFunc(jobs, func(j job) bool { return j.Client == clientAiohttp || j.Client == clientRequests }) {
		if err := ensurePython(ctx, logw); err != nil {
			return nil, err
		}
	}
	if slices.ContainsFunc(jobs, func(j job) bool { return j.Client == clientCurl }) {
		if err := ensureTools(ctx, logw); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "fanin-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	st, err := buildSite(ctx, cfg.root, filepath.Join(tmp, "site"), cfg.profile != "", logw)
	if err != nil {
		return nil, err
	}
	rep.Wasm, rep.JQWasm = st.wasm, st.jqWasm
	rep.Env = environment(ctx)
	apis, err := startAPIs(maxPorts)
	if err != nil {
		return nil, err
	}
	defer apis.close()
	srv, err := st.startServer()
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	if cfg.only == "load" {
		if err := runLoads(ctx, srv.url+"/", apis, max(cfg.loads, 1), cfg.profile, cfg.trace, rep, logw); err != nil {
			return nil, err
		}
		rep.Elapsed, rep.Load[1] = time.Since(began), loadAvg()
		return rep, nil
	}
	if cfg.only == "view" {
		if rep.View, err = runView(ctx, srv.url+"/", apis, cfg.smoke, logw); err != nil {
			return nil, err
		}
		if rep.Repeats, err = runRepeats(ctx, srv.url+"/", apis, cfg.smoke, logw); err != nil {
			return nil, err
		}
		rep.Elapsed, rep.Load[1] = time.Since(began), loadAvg()
		if cfg.out != "" {
			if err := rep.write(cfg.out); err != nil {
				return nil, err
			}
		}
		return rep, nil
	}

	results := make([]result, len(jobs))
	for i, j := range jobs {
		results[i].job = j
	}
	if err := runBrowser(ctx, srv.url+"/", apis, results, rep, cfg.profile, logw); err != nil {
		return nil, err
	}
	if all {
		if err := runRest(ctx, cfg, srv, apis, rep, logw); err != nil {
			return nil, err
		}
	}
	srv.stop()
	nat, err := newNatives(st.bin, tmp)
	if err != nil {
		return nil, err
	}
	for i := range results {
		r := &results[i]
		if r.Scenario.Native {
			if err := measure(ctx, r, logw, func() (time.Duration, error) { return nat.runOnce(ctx, r.job, apis.urls(r.Scenario)) }); err != nil {
				return nil, err
			}
		}
	}
	rep.Results = results

	if all && cfg.micro && !cfg.smoke {
		fmt.Fprintln(logw, "bench: go test -bench . ./app/...")
		mctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
		cmd := exec.CommandContext(mctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem", "./app/...")
		cmd.Dir = cfg.root
		out, err := cmd.CombinedOutput()
		cancel()
		var kept []string
		for _, l := range strings.Split(string(out), "\n") {
			if !strings.Contains(l, "[no test files]") {
				kept = append(kept, l)
			}
		}
		rep.Micro = strings.Join(kept, "\n")
		if err != nil {
			rep.Micro += fmt.Sprintf("\n(go test: %v)\n", err)
		}
	}
	rep.Elapsed, rep.Load[1] = time.Since(began), loadAvg()
	if cfg.out != "" {
		if err := rep.write(cfg.out); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// runRest measures what the whole run adds to the wall times: the result
// view, time to interactive and the server's memory.
func runRest(ctx context.Context, cfg config, srv *server, apis *apis, rep *report, logw io.Writer) error {
	var err error
	if rep.View, err = runView(ctx, srv.url+"/", apis, cfg.smoke, logw); err != nil {
		return err
	}
	if rep.Repeats, err = runRepeats(ctx, srv.url+"/", apis, cfg.smoke, logw); err != nil {
		return err
	}
	loads := 5
	if cfg.smoke {
		loads = 1
	}
	if err := runLoads(ctx, srv.url+"/", apis, loads, "", "", rep, logw); err != nil {
		return err
	}
	rep.ServerRSS, err = srv.peakRSS()
	return err
}

// runBrowser measures the browser jobs: the page in one tab and the JS
// peer in another, loaded once each. A scenario's jobs take turns run by
// run (page, page c=…, peer, page, …), so that the load others put on this
// shared machine falls on the page and its peer alike.
func runBrowser(ctx context.Context, pageURL string, apis *apis, results []result, rep *report, profileDir string, logw io.Writer) error {
	b, err := startBrowser(apis.spki)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.noNetworkEvents(); err != nil {
		return err
	}
	peer, err := b.newTab()
	if err != nil {
		return err
	}
	defer peer.close()
	if err := b.open(pageURL, `main[data-ready="true"]`); err != nil {
		return fmt.Errorf("loading the page: %w", err)
	}
	if err := peer.open(apis.peer, "main"); err != nil {
		return fmt.Errorf("loading the JS peer: %w", err)
	}
	tabs := map[string]*tabState{clientPage: {b: b, isPage: true}, clientPeerJS: {b: peer}}

	for first := 0; first < len(results); {
		if results[first].Scenario.Native {
			first++
			continue
		}
		last := first
		for last+1 < len(results) && results[last+1].Scenario == results[first].Scenario {
			last++
		}
		group := results[first : last+1]
		first = last + 1
		rounds := 0
		for _, r := range group {
			rounds = max(rounds, r.Runs)
		}
		for k := range rounds {
			for i := range group {
				r := &group[i]
				tab := tabs[r.Client]
				if tab == nil || k >= r.Runs {
					continue
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				// The profiled run is the last: by then the wasm's hot code
				// is optimized, as in the runs the medians come from.
				d, err := tab.runJob(r, apis, k == r.Runs-1 && profileDir != "", profileDir, rep, logw)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", r.Scenario, r.Label(), err)
				}
				r.Times = append(r.Times, d)
			}
		}
		for i := range group {
			r := &group[i]
			if tabs[r.Client] == nil {
				continue
			}
			r.Median = median(r.Times)
			fmt.Fprintf(logw, "bench: %-40s %-14s %9s  (runs %s)\n", r.Scenario, r.Label(), ms(r.Median), msList(r.Times))
		}
	}
	return nil
}

// timelines makes runBrowser print each run's timeline (-timeline).
var timelines bool

// tabState is one tab and what it was last set up for.
type tabState struct {
	b      *browser
	isPage bool
	job    *result // the job whose URLs and concurrency the tab holds
}

// runJob runs one of r's runs in the tab, setting its URLs (and, on the
// page, its concurrency) first when the last run was another job's.
func (t *tabState) runJob(r *result, apis *apis, profile bool, profileDir string, rep *report, logw io.Writer) (time.Duration, error) {
	urls := apis.urls(r.Scenario)
	if t.job != r {
		if t.isPage {
			if err := t.b.setConcurrency(r.Conc); err != nil {
				return 0, fmt.Errorf("setting the page's concurrency: %w", err)
			}
		}
		if err := t.b.setURLs(urls, t.isPage); err != nil {
			return 0, err
		}
		t.job = r
	}
	var sampler *heapSampler
	if r.Heap {
		sampler = t.b.sampleHeap()
	}
	var d time.Duration
	var err error
	if profile {
		var top string
		name := profileName(r.Scenario.String() + " " + r.Label())
		d, top, err = t.b.profiled(profileDir, name, func() (time.Duration, error) { return t.b.runOnce(len(urls), t.isPage) })
		if err == nil {
			fmt.Fprintf(logw, "bench: CPU profile of %s %s (%s, in %s):\n%s", r.Scenario, r.Label(), ms(d), filepath.Join(profileDir, name+".cpuprofile"), top)
		}
	} else {
		d, err = t.b.runOnce(len(urls), t.isPage)
	}
	if err == nil && timelines {
		if line, terr := t.b.timeline(); terr == nil {
			fmt.Fprintf(logw, "bench:   %s %s: %s\n", r.Scenario, r.Label(), line)
		}
	}
	if sampler != nil {
		h := rep.Heap[r.Client]
		h.Used = max(h.Used, sampler.finish())
		if t.isPage {
			h.Wasm, _ = t.b.wasmMemory()
		}
		rep.Heap[r.Client] = h
	}
	if t.isPage {
		// Let the page finish what follows a run (the tree's index) before
		// the next one starts.
		time.Sleep(250 * time.Millisecond)
	}
	return d, err
}

// profileName makes a scenario's name a file name.
func profileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '=':
			b.WriteRune(r)
		default:
			if !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	return strings.Trim(b.String(), "_")
}

// measure runs one job's runs and takes their median.
func measure(ctx context.Context, r *result, logw io.Writer, once func() (time.Duration, error)) error {
	for range r.Runs {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := once()
		if err != nil {
			return err
		}
		r.Times = append(r.Times, d)
	}
	r.Median = median(r.Times)
	fmt.Fprintf(logw, "bench: %-40s %-14s %9s  (runs %s)\n", r.Scenario, r.Label(), ms(r.Median), msList(r.Times))
	return nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// environment names the machine and the versions measured.
func environment(ctx context.Context) []string {
	line := func(name string, args ...string) string {
		out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
		if err != nil {
			return name + ": " + err.Error()
		}
		return strings.TrimSpace(string(out))
	}
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	path, err := testbrowser.Path()
	if err != nil {
		path = "chromium"
	}
	return []string{
		fmt.Sprintf("%s, %d cores", cpu, runtime.NumCPU()),
		line("go", "version"),
		lastLine(line(path, "--version")),
		line(python, "-c", "import sys, aiohttp, requests; print('Python', sys.version.split()[0], '· aiohttp', aiohttp.__version__, '· requests', requests.__version__)"),
	}
}

// lastLine drops what Debian's chromium wrapper prints before the version.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// stamped prefixes each progress line with the seconds since the start.
type stamped struct {
	w     io.Writer
	began time.Time
}

func (s stamped) Write(p []byte) (int, error) {
	if _, err := fmt.Fprintf(s.w, "%5.1fs %s", time.Since(s.began).Seconds(), p); err != nil {
		return 0, err
	}
	return len(p), nil
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}
