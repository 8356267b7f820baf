package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

var (
	//go:embed peer_aiohttp.py
	aiohttpPy []byte
	//go:embed peer_requests.py
	requestsPy []byte
)

// python is Debian's interpreter: the peers use Debian's python3-aiohttp
// and python3-requests, which a pyenv python3 on PATH would not see.
const python = "/usr/bin/python3"

// ensurePython installs the peers' Debian packages when they are missing.
func ensurePython(ctx context.Context, logw io.Writer) error {
	check := func() error {
		return exec.CommandContext(ctx, python, "-c", "import aiohttp, requests").Run()
	}
	if check() == nil {
		return nil
	}
	fmt.Fprintln(logw, "bench: installing python3-aiohttp python3-requests")
	install := func() ([]byte, error) {
		cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "-q", "python3-aiohttp", "python3-requests")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		return cmd.CombinedOutput()
	}
	if _, err := install(); err != nil {
		exec.CommandContext(ctx, "apt-get", "update", "-q").Run() //nolint:errcheck
		if out, err := install(); err != nil {
			return fmt.Errorf("apt-get install python3-aiohttp python3-requests: %v\n%s", err, out)
		}
	}
	return check()
}

// ensureTools installs Debian's curl and jq for the curl peer when one is
// missing.
func ensureTools(ctx context.Context, logw io.Writer) error {
	_, e1 := exec.LookPath("curl")
	_, e2 := exec.LookPath("jq")
	if e1 == nil && e2 == nil {
		return nil
	}
	fmt.Fprintln(logw, "bench: installing curl jq")
	cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "-q", "curl", "jq")
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("apt-get install curl jq: %v\n%s", err, out)
	}
	return nil
}

// natives runs the command-line clients.
type natives struct {
	bin string // fanin
	dir string // the peers' scripts and URL lists
}

func newNatives(bin, dir string) (*natives, error) {
	for name, src := range map[string][]byte{"peer_aiohttp.py": aiohttpPy, "peer_requests.py": requestsPy} {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return nil, err
		}
	}
	return &natives{bin: bin, dir: dir}, nil
}

// runOnce times one process, start to exit, with the URLs on its standard
// input, and checks that it printed one JSON value per URL.
func (n *natives) runOnce(ctx context.Context, j job, urls []string) (time.Duration, error) {
	var cmd *exec.Cmd
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	switch j.Client {
	case clientGet:
		args := []string{"get"}
		if j.Conc != getConc { // the default row runs as a user would type it
			args = append(args, "-c", strconv.Itoa(j.Conc))
		}
		cmd = exec.CommandContext(ctx, n.bin, args...)
	case clientAiohttp:
		cmd = exec.CommandContext(ctx, python, filepath.Join(n.dir, "peer_aiohttp.py"), strconv.Itoa(aiohttpLimit))
	case clientRequests:
		cmd = exec.CommandContext(ctx, python, filepath.Join(n.dir, "peer_requests.py"))
	case clientCurl:
		// The URLs as arguments, as a user would type them. Each body goes
		// to a file of its own (-O into a fresh folder): piped straight
		// into jq, parallel transfers interleave their bodies and jq fails.
		out, err := os.MkdirTemp(n.dir, "curl-")
		if err != nil {
			return 0, err
		}
		defer os.RemoveAll(out)
		script := `d=$1; shift; curl -sS --no-progress-meter -Z --parallel-max ` + strconv.Itoa(curlParallel) + ` --output-dir "$d" --remote-name-all "$@" && jq -s . "$d"/*`
		cmd = exec.CommandContext(ctx, "sh", append([]string{"-c", script, "sh", out}, urls...)...)
	default:
		return 0, fmt.Errorf("no native client %q", j.Client)
	}
	var out, errOut bytes.Buffer
	if j.Client != clientCurl {
		cmd.Stdin = strings.NewReader(strings.Join(urls, "\n") + "\n")
	}
	cmd.Stdout, cmd.Stderr = &out, &errOut
	began := time.Now()
	err := cmd.Run()
	wall := time.Since(began)
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", j.Client, err, clip(errOut.String(), 2000))
	}
	var values []json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &values); err != nil || len(values) != len(urls) {
		return 0, fmt.Errorf("%s printed %d values for %d URLs (%v)", j.Client, len(values), len(urls), err)
	}
	for i, v := range values {
		if string(v) == "null" {
			return 0, fmt.Errorf("%s: %s gave null", j.Client, urls[i])
		}
	}
	return wall, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
