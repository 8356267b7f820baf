// Package cmdline writes the `fanin get` command that does what the page
// is about to do: the same URLs and the options that differ from the
// command's defaults, quoted for a POSIX shell so that pasting it runs
// exactly that and nothing else.
//
// Request headers often carry secrets (Authorization), so they are left out
// unless the caller asks for them with Options.IncludeHeaders. The -jq flag
// is written when a filter is set, as the design's `fanin get` has it.
package cmdline

import (
	"slices"
	"strconv"
	"strings"

	"fanin/app/fanout"
)

// MaxArgs is how many URLs are written as arguments; longer lists go in a
// here-document read with -f -.
const MaxArgs = 20

// Options are the run's settings. Zero values, and values equal to the
// command's defaults, add no flag.
type Options struct {
	Fetch          fanout.Options // -c, -timeout, -max-bytes, -retries, -rate, -per-host, -max-pages (with Next); Headers only with IncludeHeaders
	Next           string         // -next: "link" or a jq expression
	Merge          string         // -merge, unless "" or "array"
	JQ             string         // -jq
	IncludeHeaders bool           // write each of Fetch.Headers as -H 'Name: value'
}

// Command returns the shell command, without a trailing newline.
func Command(urls []string, opts Options) string {
	args := []string{"fanin", "get"}
	f := opts.Fetch
	if f.Concurrency > 0 && f.Concurrency != fanout.DefaultConcurrency {
		args = append(args, "-c", strconv.Itoa(f.Concurrency))
	}
	if f.Timeout > 0 && f.Timeout != fanout.DefaultTimeout {
		args = append(args, "-timeout", f.Timeout.String())
	}
	if f.MaxBytes > 0 && f.MaxBytes != fanout.DefaultMaxBytes {
		args = append(args, "-max-bytes", strconv.FormatInt(f.MaxBytes, 10))
	}
	if f.Retries > 0 {
		args = append(args, "-retries", strconv.Itoa(f.Retries))
	}
	if f.Rate > 0 {
		args = append(args, "-rate", strconv.FormatFloat(f.Rate, 'g', -1, 64))
	}
	if f.PerHost > 0 {
		args = append(args, "-per-host", strconv.Itoa(f.PerHost))
	}
	if opts.Next != "" {
		args = append(args, "-next", Quote(opts.Next))
		if f.MaxPages > 0 && f.MaxPages != fanout.DefaultMaxPages {
			args = append(args, "-max-pages", strconv.Itoa(f.MaxPages))
		}
	}
	if opts.Merge != "" && opts.Merge != "array" {
		args = append(args, "-merge", Quote(opts.Merge))
	}
	if opts.JQ != "" {
		args = append(args, "-jq", Quote(opts.JQ))
	}
	if opts.IncludeHeaders {
		for _, h := range f.Headers {
			args = append(args, "-H", Quote(h.Name+": "+h.Value))
		}
	}
	if len(urls) > MaxArgs && heredocSafe(urls) {
		return hereDoc(args, urls)
	}
	if slices.ContainsFunc(urls, func(u string) bool { return strings.HasPrefix(u, "-") }) {
		args = append(args, "--") // past it the flag package takes every word as a URL
	}
	for _, u := range urls {
		args = append(args, Quote(u))
	}
	return strings.Join(args, " ")
}

func hereDoc(args, urls []string) string {
	end := "EOF"
	for n := 1; slices.Contains(urls, end); n++ {
		end = "EOF" + strconv.Itoa(n)
	}
	var b strings.Builder
	b.WriteString(strings.Join(args, " "))
	b.WriteString(" -f - <<'" + end + "'\n")
	for _, u := range urls {
		b.WriteString(u + "\n")
	}
	b.WriteString(end)
	return b.String()
}

// heredocSafe reports whether every URL is one line that `fanin get -f`
// reads back unchanged: no line breaks or other control characters, no
// spaces it would trim, no leading '#' it would skip. Checked URLs always
// are; anything else is written as quoted arguments instead.
func heredocSafe(urls []string) bool {
	for _, u := range urls {
		if u == "" || u[0] == '#' || strings.TrimSpace(u) != u ||
			strings.IndexFunc(u, func(r rune) bool { return r < ' ' || r == 0x7f }) >= 0 {
			return false
		}
	}
	return true
}

// Quote returns s as one word for a POSIX shell: as it is when it holds
// only characters no shell treats specially, else in single quotes, where
// a single quote inside is written by closing the quotes, escaping it and
// reopening them.
func Quote(s string) string {
	if s != "" && strings.IndexFunc(s, unsafe) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func unsafe(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return !strings.ContainsRune("@%+=:,./-_", r)
}
