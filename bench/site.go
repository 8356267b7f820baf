package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// site is a fanin site root built from this tree: web/ assets, the page
// compiled to wasm with its precompressed copies, and the fanin binary.
type site struct {
	root, bin string
	wasm      sizeInfo
}

// sizeInfo is app.wasm's size, raw and compressed.
type sizeInfo struct {
	Raw, Gzip, Brotli int
	GzipLevel         int
	BrotliQuality     int
}

// buildSite builds into dir as `make` would (same flags, so the wasm is
// byte for byte web/app.wasm when that is up to date, and its .br is reused
// instead of spending half a minute on brotli -q 11). With symbols the wasm
// keeps its name section, for a CPU profile's function names, and is
// compressed at the fast levels, as in the smoke run.
func buildSite(ctx context.Context, repo, dir string, smoke, symbols bool, logw io.Writer) (*site, error) {
	s := &site{root: dir, bin: filepath.Join(dir, "fanin")}
	web := filepath.Join(dir, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		return nil, err
	}
	assets, _ := filepath.Glob(filepath.Join(repo, "web", "*"))
	for _, a := range assets {
		if info, err := os.Stat(a); err != nil || !info.Mode().IsRegular() || strings.HasPrefix(filepath.Base(a), "app.wasm") {
			continue
		}
		if err := copyFile(a, filepath.Join(web, filepath.Base(a))); err != nil {
			return nil, err
		}
	}
	wasmPath := filepath.Join(web, "app.wasm")
	fmt.Fprintln(logw, "bench: building the page (wasm) and fanin")
	ldflags := "-s -w"
	if symbols {
		ldflags, smoke = "", true
	}
	wasm := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", ldflags, "-o", wasmPath, "./cmd/fanin")
	wasm.Dir, wasm.Env = repo, append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := wasm.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the wasm: %v\n%s", err, out)
	}
	bin := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", s.bin, "./cmd/fanin")
	bin.Dir = repo
	if out, err := bin.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building fanin: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(wasmPath)
	if err != nil {
		return nil, err
	}
	s.wasm.Raw = len(raw)

	// The smoke run (under the race detector in `make test`) cannot spend
	// seconds on the best levels; its figures are labelled with the levels
	// it used.
	level := gzip.BestCompression
	if smoke {
		level = gzip.BestSpeed
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, level)
	zw.Write(raw) //nolint:errcheck
	zw.Close()
	s.wasm.Gzip, s.wasm.GzipLevel = gz.Len(), level
	if err := os.WriteFile(wasmPath+".gz", gz.Bytes(), 0o644); err != nil {
		return nil, err
	}

	br, quality := reusableBrotli(repo, raw)
	if br == nil {
		quality = brotli.BestCompression
		if smoke {
			quality = brotli.BestSpeed
		}
		fmt.Fprintf(logw, "bench: brotli -q %d of app.wasm\n", quality)
		var buf bytes.Buffer
		bw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: quality, LGWin: 24})
		bw.Write(raw) //nolint:errcheck
		bw.Close()
		br = buf.Bytes()
	}
	s.wasm.Brotli, s.wasm.BrotliQuality = len(br), quality
	if err := os.WriteFile(wasmPath+".br", br, 0o644); err != nil {
		return nil, err
	}
	return s, nil
}

// reusableBrotli returns web/app.wasm.br when web/app.wasm is exactly raw
// and the .br is newer (make's precompressed copy, quality 11).
func reusableBrotli(repo string, raw []byte) ([]byte, int) {
	wasm := filepath.Join(repo, "web", "app.wasm")
	wi, err1 := os.Stat(wasm)
	bi, err2 := os.Stat(wasm + ".br")
	if err1 != nil || err2 != nil || bi.ModTime().Before(wi.ModTime()) || wi.Size() != int64(len(raw)) {
		return nil, 0
	}
	if have, err := os.ReadFile(wasm); err != nil || !bytes.Equal(have, raw) {
		return nil, 0
	}
	br, err := os.ReadFile(wasm + ".br")
	if err != nil {
		return nil, 0
	}
	return br, brotli.BestCompression
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
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
