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
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
		if u == "" || u[0] == '#' || strings.TrimSpace(u) != u || !utf8.ValidString(u) ||
			strings.IndexFunc(u, needsEscape) >= 0 {
			return false
		}
	}
	return true
}

// Quote returns s as one word for a POSIX shell: as it is when it holds
// only characters no shell treats specially, else in single quotes, where
// a single quote inside is written by closing the quotes, escaping it and
// reopening them. Control characters (Ctrl-U, ESC, CR, tab, …), invisible
// formatting characters (bidi overrides and isolates, zero-width joiners)
// and bytes that are not UTF-8 are never written raw: each run of them
// becomes `"$(printf '\025')"` (octal bytes), so no terminal or line editor
// can act on them when the command is pasted — a pasted command cannot end
// early or start another. A line break stays inside the single quotes,
// where it cannot end the command either.
func Quote(s string) string {
	if s != "" && strings.IndexFunc(s, unsafe) < 0 {
		return s
	}
	var b strings.Builder
	quoted := false // inside '…'
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || r != '\n' && needsEscape(r) {
			if quoted {
				b.WriteByte('\'')
				quoted = false
			}
			b.WriteString(`"$(printf '`)
			for ; i < len(s); i += size {
				r, size = utf8.DecodeRuneInString(s[i:])
				if !(r == utf8.RuneError && size <= 1) && (r == '\n' || !needsEscape(r)) {
					break
				}
				for _, c := range []byte(s[i : i+size]) {
					fmt.Fprintf(&b, `\%03o`, c)
				}
			}
			b.WriteString(`')"`)
			continue
		}
		if !quoted {
			b.WriteByte('\'')
			quoted = true
		}
		if r == '\'' {
			b.WriteString(`'\''`)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if quoted || b.Len() == 0 {
		b.WriteByte('\'')
	}
	if b.Len() == 1 {
		b.WriteByte('\'')
	}
	return b.String()
}

// needsEscape: C0 and C1 controls, DEL, format characters (Cf: bidi
// embeddings, overrides and isolates, zero-width joiners, …), line and
// paragraph separators, and U+FFFD (which stands for bytes that are not
// UTF-8).
func needsEscape(r rune) bool {
	return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError ||
		unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

func unsafe(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return !strings.ContainsRune("@%+=:,./-_", r)
}
