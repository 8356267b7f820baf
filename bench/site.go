package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"fanin/internal/testsite"
)

// site is a fanin site root built from this tree: web/ with the wasm that
// `make` built and its precompressed copies, and the fanin binary.
type site struct {
	root, bin string
	wasm      sizeInfo // app.wasm, the page
	jqWasm    sizeInfo // jq.wasm, the page's jq worker, fetched on a first filter
}

// sizeInfo is a wasm's size, raw and compressed.
type sizeInfo struct {
	Raw, Gzip, Brotli int
	GzipLevel         int
	BrotliQuality     int
}

// buildSite makes the site in dir from the repository's web/, which
// testsite brings up to date as `make` would (the wasm and its quality-11
// brotli copy are reused when newer than the sources). With symbols the
// site's wasm keeps its symbol table, for profiles, and its sizes are
// left out.
func buildSite(ctx context.Context, repo, dir string, symbols bool, logw io.Writer) (*site, error) {
	ts, err := testsite.Build(ctx, dir, testsite.Options{Repo: repo, Binary: true, Symbols: symbols, Log: logw})
	if err != nil {
		return nil, err
	}
	s := &site{root: ts.Root, bin: ts.Bin}
	if symbols {
		return s, nil // a profiling build: its sizes are not the page's
	}
	for _, w := range []struct {
		path string
		info *sizeInfo
	}{{ts.Wasm(), &s.wasm}, {ts.JQWasm(), &s.jqWasm}} {
		*w.info = sizeInfo{GzipLevel: testsite.GzipLevel, BrotliQuality: testsite.BrotliQuality}
		for _, f := range []struct {
			ext  string
			size *int
		}{{"", &w.info.Raw}, {".gz", &w.info.Gzip}, {".br", &w.info.Brotli}} {
			info, err := os.Stat(w.path + f.ext)
			if err != nil {
				return nil, err
			}
			*f.size = int(info.Size())
		}
	}
	return s, nil
}

// server is a running `fanin serve`.
type server struct {
	url string
	cmd *exec.Cmd
}

// startServer runs `fanin serve` on a free loopback port.
func (s *site) startServer() (*server, error) {
	cmd := exec.Command(s.bin, "serve", "-addr", "127.0.0.1:0", "-root", s.root)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &server{cmd: cmd}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, stdout) //nolint:errcheck
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(30 * time.Second):
	}
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://127.0.0.1:") {
		srv.stop()
		return nil, fmt.Errorf("fanin serve printed %q", line)
	}
	srv.url = strings.TrimSuffix(fields[2], "/")
	return srv, nil
}

// peakRSS is the server's peak resident set (VmHWM), in bytes.
func (s *server) peakRSS() (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", s.cmd.Process.Pid)
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt) //nolint:errcheck
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }() //nolint:errcheck
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill() //nolint:errcheck
		<-done
	}
}
