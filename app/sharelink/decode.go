package sharelink

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fanin/app/urllist"
)

// Errors for fragments that cannot be read at all; Decode wraps them with
// the details.
var (
	ErrTooLarge       = errors.New("share link too large")
	ErrUnknownVersion = errors.New("share link from an unknown format version")
	ErrCorrupt        = errors.New("share link damaged")
)

// maxProblems keeps a garbled 1 MB fragment from producing a million
// messages; the rest are counted in one last Problem.
const maxProblems = 20

var mergeModes = map[string]bool{"array": true, "object": true, "envelope": true, "concat": true, "patch": true}

type pair struct{ key, value string }

// Decode reads a fragment, with or without its leading '#'. An error means
// nothing could be read and the State is empty; otherwise the State holds
// every valid part and each Problem names a part that was dropped or
// replaced by its default.
func Decode(fragment string) (State, []Problem, error) {
	fragment = strings.TrimPrefix(fragment, "#")
	if len(fragment) > MaxFragment {
		return State{}, nil, fmt.Errorf("%w: %d bytes; the limit is %d", ErrTooLarge, len(fragment), MaxFragment)
	}
	pairs, problems, err := readPairs(fragment)
	if err != nil {
		return State{}, nil, err
	}
	d := decoder{problems: problems, seen: map[string]bool{}}
	for _, p := range pairs {
		d.apply(p)
	}
	if err := checkSize(d.state); err != nil {
		return State{}, nil, err
	}
	if err := urllist.Parse(strings.Join(d.state.Lines, "\n")).Err(); err != nil {
		return State{}, nil, fmt.Errorf("it %w", unwrapTooMany(err))
	}
	return d.state, d.report(), nil
}

// unwrapTooMany words urllist's cap error for a link.
func unwrapTooMany(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), urllist.ErrTooMany.Error()+": the list "))
}

// hiddenInJQ: what a filter from a link may not carry, since it would be
// copied into commands and shown: controls other than line break and tab,
// DEL, C1 controls, format characters (bidi overrides, isolates,
// zero-width characters) and line or paragraph separators.
func hiddenInJQ(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError ||
		unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// readPairs splits the fragment into key/value pairs (values still
// escaped), replacing each z pair by the pairs it inflates to.
func readPairs(fragment string) ([]pair, []Problem, error) {
	var pairs []pair
	var problems []Problem
	for _, p := range split(fragment) {
		if p.key != "z" {
			pairs = append(pairs, p)
			continue
		}
		inner, err := inflate(p.value)
		if err != nil {
			return nil, nil, err
		}
		for _, q := range split(inner) {
			if q.key == "z" {
				problems = append(problems, Problem{"z", "a z value inside a z value is ignored"})
				continue
			}
			pairs = append(pairs, q)
		}
	}
	return pairs, problems, nil
}

func split(s string) []pair {
	var pairs []pair
	for seg := range strings.SplitSeq(s, "&") {
		if seg == "" {
			continue
		}
		k, v, _ := strings.Cut(seg, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		pairs = append(pairs, pair{k, v})
	}
	return pairs
}

func inflate(z string) (string, error) {
	if z == "" {
		return "", fmt.Errorf("%w: z is empty", ErrCorrupt)
	}
	if z[0] != version {
		return "", fmt.Errorf("%w: z=%s is format %q; this page reads format %q (is the link from a newer fanin?)",
			ErrUnknownVersion, clip(z, 8), z[:1], string(version))
	}
	data, err := b64.DecodeString(z[1:])
	if err != nil {
		return "", fmt.Errorf("%w: z is not base64url (truncated or garbled?): %v", ErrCorrupt, err)
	}
	src := bytes.NewReader(data)
	// src is an io.ByteReader, so flate reads no further than the stream's
	// end and leftover bytes can be detected.
	r := flate.NewReader(src)
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxInflated+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "", fmt.Errorf("%w: z is truncated", ErrCorrupt)
	case err != nil:
		return "", fmt.Errorf("%w: z does not inflate: %v", ErrCorrupt, err)
	case len(out) > MaxInflated:
		return "", fmt.Errorf("%w: z inflates to more than %d bytes", ErrTooLarge, MaxInflated)
	case src.Len() > 0:
		return "", fmt.Errorf("%w: z has %d stray bytes after its end", ErrCorrupt, src.Len())
	}
	return string(out), nil
}

// checkSize refuses a state that Encode could not turn back into a link
// Decode reads, so that every decoded state survives a round trip.
func checkSize(s State) error {
	plain := encodePlain(s)
	if len(plain) <= MaxFragment {
		return nil
	}
	if len(plain) > MaxInflated || len(Encode(s)) > MaxFragment {
		return fmt.Errorf("%w: the list takes %d bytes", ErrTooLarge, len(plain))
	}
	return nil
}

type decoder struct {
	state    State
	problems []Problem
	dropped  int
	lines    int
	seen     map[string]bool
}

func (d *decoder) problem(field, format string, args ...any) {
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	d.problems = append(d.problems, Problem{field, fmt.Sprintf(format, args...)})
}

func (d *decoder) report() []Problem {
	if d.dropped > 0 {
		return append(d.problems, Problem{"link", fmt.Sprintf("and %d more problems", d.dropped)})
	}
	return d.problems
}

func (d *decoder) apply(p pair) {
	v, err := url.QueryUnescape(p.value)
	if p.key == "u" {
		d.lines++
	}
	if err != nil {
		if p.key == "u" {
			d.problem("u", "line %d dropped: bad percent-encoding: %v", d.lines, err)
		} else {
			d.problem(clip(p.key, 40), "ignored: bad percent-encoding: %v", err)
		}
		return
	}
	if p.key != "u" && knownKey(p.key) {
		if d.seen[p.key] {
			d.problem(p.key, "given more than once; the last one counts")
		}
		d.seen[p.key] = true
	}
	switch p.key {
	case "u":
		line := strings.TrimSpace(v)
		if err := checkLine(line); err != nil {
			d.problem("u", "line %d (%q) dropped: %v", d.lines, clip(line, 100), err)
			return
		}
		d.state.Lines = append(d.state.Lines, line)
	case "merge":
		if !mergeModes[v] {
			d.state.Merge = ""
			d.problem("merge", "unknown mode %q; using array (the modes are array, object, envelope, concat, patch)", clip(v, 40))
			return
		}
		d.state.Merge = v
	case "jq":
		if i := strings.IndexFunc(v, hiddenInJQ); i >= 0 {
			r, _ := utf8.DecodeRuneInString(v[i:])
			d.state.JQ = ""
			d.problem("jq", "filter dropped: it holds the invisible or control character %U at byte %d (a link may carry line breaks and tabs, nothing else of the kind)", r, i)
			return
		}
		d.state.JQ = v
	case "c":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 64 {
			d.state.Concurrency = 0
			d.problem("c", "%q is not a concurrency from 1 to 64; using the default", clip(v, 40))
			return
		}
		d.state.Concurrency = n
	case "timeout":
		t, err := time.ParseDuration(v)
		if err != nil || t < time.Second || t > 10*time.Minute {
			d.state.Timeout = 0
			d.problem("timeout", "%q is not a duration from 1s to 10m; using the default", clip(v, 40))
			return
		}
		d.state.Timeout = t
	case "next", "max-pages", "rate", "per-host":
		d.applyPages(p.key, v)
	case "run":
		switch v {
		case "1":
			d.state.Run = true
		case "0":
			d.state.Run = false
		default:
			d.state.Run = false
			d.problem("run", "%q is neither 1 nor 0; not running on open", clip(v, 40))
		}
	default:
		d.problem(clip(p.key, 40), "unknown key ignored")
	}
}

func knownKey(k string) bool {
	switch k {
	case "merge", "jq", "c", "timeout", "run", "next", "max-pages", "rate", "per-host":
		return true
	}
	return false
}

// clip shortens s to n runes for a message.
func clip(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}

// applyPages reads the keys for following pages and politeness.
func (d *decoder) applyPages(key, v string) {
	switch key {
	case "next":
		d.state.Next = strings.TrimSpace(v)
	case "max-pages":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100_000 {
			d.state.MaxPages = 0
			d.problem(key, "%q is not a page cap from 1 to 100000; using the default", clip(v, 40))
			return
		}
		d.state.MaxPages = n
	case "rate":
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || !(r > 0 && r <= 1e6) {
			d.state.Rate = 0
			d.problem(key, "%q is not a rate above 0, up to 1000000 requests per second; no cap", clip(v, 40))
			return
		}
		d.state.Rate = r
	case "per-host":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 64 {
			d.state.PerHost = 0
			d.problem(key, "%q is not a cap from 1 to 64 requests per host; no cap", clip(v, 40))
			return
		}
		d.state.PerHost = n
	}
}
