// Package conformance checks fanin's combined output against JSONTestSuite
// (../shared/conformance/JSONTestSuite): it serves the suite's files on
// loopback and judges each file's outcome by its prefix — y_ must come out
// with the same value and number literals, n_ must be rejected as not JSON
// with a position, i_ may go either way but never crash. The CLI test runs
// all 318 files, the browser test a sample; both use this package.
package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir finds test_parsing from a folder inside the repository: the suite
// lives in shared/ beside the checkout.
func Dir(from string) (string, error) {
	abs, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "shared", "conformance", "JSONTestSuite", "test_parsing")
		if info, err := os.Stat(candidate); err == nil && info.IsDir() {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("JSONTestSuite not found in shared/conformance beside any folder above %s", abs)
		}
	}
}

// Files lists the suite's file names, sorted.
func Files(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Case is one of the suite's files: its name (y_, n_ or i_ first) and bytes.
type Case struct {
	Name string
	Body []byte
}

// Cases finds the suite from a folder inside the repository and reads
// every file, sorted by name, for tests that judge parsers in-process.
func Cases(from string) ([]Case, error) {
	dir, err := Dir(from)
	if err != nil {
		return nil, err
	}
	names, err := Files(dir)
	if err != nil {
		return nil, err
	}
	cases := make([]Case, len(names))
	for i, name := range names {
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		cases[i] = Case{Name: name, Body: body}
	}
	return cases, nil
}

// Serve serves dir on 127.0.0.1 with CORS open, as JSON. Close the server
// when done.
func Serve(dir string) *httptest.Server {
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		files.ServeHTTP(w, r)
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("conformance: listen on loopback: %v", err))
	}
	srv.Listener = ln
	srv.Start()
	return srv
}

// URL is a file's address on a server made by Serve.
func URL(base, name string) string { return base + "/" + url.PathEscape(name) }

// Entry is one row of fanin's envelope output.
type Entry struct {
	URL    string          `json:"url"`
	Status int             `json:"status"`
	Data   json.RawMessage `json:"data"`
	Error  *struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// Outcome is what became of one file.
type Outcome struct {
	Name     string
	Accepted bool
	Kind     string // error kind when rejected
	Problem  string // why the outcome breaks the file's rule; "" when it keeps it
}

// Judge checks one envelope entry against the file it came from.
func Judge(name string, original []byte, e Entry) Outcome {
	o := Outcome{Name: name, Accepted: e.Error == nil}
	if e.Error != nil {
		o.Kind = e.Error.Kind
	}
	switch {
	case strings.HasPrefix(name, "y_"):
		if !o.Accepted {
			o.Problem = fmt.Sprintf("valid JSON rejected: %s: %s", e.Error.Kind, e.Error.Message)
		} else if err := SameTokens(original, e.Data); err != nil {
			o.Problem = "value changed: " + err.Error()
		}
	case strings.HasPrefix(name, "n_"):
		switch {
		case o.Accepted:
			o.Problem = "invalid JSON accepted as " + string(e.Data)
		case o.Kind == "empty" && len(original) == 0:
		case o.Kind != "not-json":
			o.Problem = "rejected as " + o.Kind + ", want not-json"
		case !strings.Contains(e.Error.Message, "line ") || !strings.Contains(e.Error.Message, "column "):
			o.Problem = "the not-json message names no position: " + e.Error.Message
		}
	case strings.HasPrefix(name, "i_"):
		if o.Accepted && !json.Valid(e.Data) {
			o.Problem = "accepted but passed on as invalid JSON"
		}
	}
	return o
}

// SameTokens reports whether two JSON texts hold the same tokens in the
// same order: same keys (duplicates included), same strings once
// unescaped, and number literals byte for byte.
func SameTokens(a, b []byte) error {
	ta, err := tokens(bytes.TrimPrefix(a, []byte("\xef\xbb\xbf")))
	if err != nil {
		return fmt.Errorf("reference decode: %w", err)
	}
	tb, err := tokens(b)
	if err != nil {
		return fmt.Errorf("output decode: %w", err)
	}
	if len(ta) != len(tb) {
		return fmt.Errorf("%d tokens became %d", len(ta), len(tb))
	}
	for i := range ta {
		if ta[i] != tb[i] {
			return fmt.Errorf("token %d: %s became %s", i, ta[i], tb[i])
		}
	}
	return nil
}

func tokens(doc []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var out []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%T:%v", tok, tok))
	}
}

// Tally counts outcomes by prefix and result, for reports.
func Tally(outcomes []Outcome) map[string]int {
	t := map[string]int{}
	for _, o := range outcomes {
		prefix := o.Name[:2]
		if o.Accepted {
			t[prefix+"accepted"]++
		} else {
			t[prefix+"rejected:"+o.Kind]++
		}
	}
	return t
}
