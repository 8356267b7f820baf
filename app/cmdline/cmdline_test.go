package cmdline_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"fanin/app/cmdline"
	"fanin/app/fanout"
)

func TestCommand(t *testing.T) {
	t.Parallel()
	secret := []fanout.Header{{Name: "Authorization", Value: "Bearer s3cr3t"}, {Name: "Accept", Value: "application/json"}}
	tests := []struct {
		name string
		urls []string
		opts cmdline.Options
		want string
	}{
		{"plain URLs stay unquoted", []string{"https://a.test/1", "https://a.test/2"}, cmdline.Options{},
			"fanin get https://a.test/1 https://a.test/2"},
		{"defaults add no flags", []string{"https://a.test/"}, cmdline.Options{
			Fetch: fanout.Options{Concurrency: fanout.DefaultConcurrency, Timeout: 15 * time.Second, MaxBytes: 64 << 20}, Merge: "array"},
			"fanin get https://a.test/"},
		{"other values add flags in a fixed order", []string{"https://a.test/"}, cmdline.Options{
			Fetch: fanout.Options{Concurrency: 4, Timeout: 1500 * time.Millisecond, MaxBytes: 1024, Retries: 3},
			Merge: "envelope", JQ: `.[] | {id, "n": .name}`},
			`fanin get -c 4 -timeout 1.5s -max-bytes 1024 -retries 3 -merge envelope -jq '.[] | {id, "n": .name}' https://a.test/`},
		{"following pages and politeness", []string{"https://a.test/"}, cmdline.Options{
			Fetch: fanout.Options{Rate: 2.5, PerHost: 2, MaxPages: 20}, Next: `if .next then .next else null end`},
			`fanin get -rate 2.5 -per-host 2 -next 'if .next then .next else null end' -max-pages 20 https://a.test/`},
		{"Link headers, the default page cap, and no cap without -next", []string{"https://a.test/"}, cmdline.Options{
			Fetch: fanout.Options{MaxPages: 100}, Next: "link"}, `fanin get -next link https://a.test/`},
		{"a page cap alone adds nothing", []string{"https://a.test/"}, cmdline.Options{Fetch: fanout.Options{MaxPages: 5}}, `fanin get https://a.test/`},
		{"shell characters are quoted", []string{"https://a.test/?a=1&b=$HOME", "https://a.test/it's", "https://a.test/[1-3]", "https://a.test/{x,y}"}, cmdline.Options{},
			`fanin get 'https://a.test/?a=1&b=$HOME' 'https://a.test/it'\''s' 'https://a.test/[1-3]' 'https://a.test/{x,y}'`},
		{"headers are left out by default", []string{"https://a.test/"}, cmdline.Options{Fetch: fanout.Options{Headers: secret}},
			"fanin get https://a.test/"},
		{"headers are written when asked for", []string{"https://a.test/"}, cmdline.Options{Fetch: fanout.Options{Headers: secret}, IncludeHeaders: true},
			"fanin get -H 'Authorization: Bearer s3cr3t' -H 'Accept: application/json' https://a.test/"},
		{"a word starting with a dash comes after --", []string{"https://a.test/", "-c"}, cmdline.Options{},
			"fanin get -- https://a.test/ -c"},
		{"no URLs", nil, cmdline.Options{}, "fanin get"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := cmdline.Command(tt.urls, tt.opts); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	t.Run("more than MaxArgs URLs go in a here-document", func(t *testing.T) {
		t.Parallel()
		urls := numbered(cmdline.MaxArgs + 1)
		got := cmdline.Command(urls, cmdline.Options{Fetch: fanout.Options{Concurrency: 2}})
		want := "fanin get -c 2 -f - <<'EOF'\n" + strings.Join(urls, "\n") + "\nEOF"
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("MaxArgs URLs are still arguments", func(t *testing.T) {
		t.Parallel()
		if got := cmdline.Command(numbered(cmdline.MaxArgs), cmdline.Options{}); strings.Contains(got, "\n") {
			t.Errorf("got a here-document:\n%s", got)
		}
	})
}

func numbered(n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://a.test/items?id=%d&x='$(touch pwned)'", i)
	}
	return urls
}

// TestCommandInShell runs each command in sh with a stand-in fanin that
// prints the arguments and standard input it got.
func TestCommandInShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Fatalf("a POSIX shell is needed: %v", err)
	}
	bin := t.TempDir()
	stub := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\ncat\n"
	if err := os.WriteFile(filepath.Join(bin, "fanin"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	tricky := []string{
		"https://a.test/?a=1&b=2", "https://a.test/$HOME/${PATH}", "https://a.test/`id`", "https://a.test/it's/''",
		`https://a.test/"q"\n\`, "https://a.test/*?[a]", "https://a.test/#frag;rm -rf /", "https://a.test/with space",
		"https://a.test/new\nline", "https://a.test/é!~", "EOF", "-c",
	}
	cases := map[string][]string{
		"a terminator line among many URLs":        append(numbered(25), "EOF"),
		"a few tricky URLs as arguments":           tricky,
		"many tricky URLs in a heredoc":            append(numbered(30), "EOF", "https://a.test/!$x'y"),
		"URLs with a newline in one, as arguments": append(numbered(30), "https://a.test/a\nb"),
	}
	for name, urls := range cases {
		t.Run(name, func(t *testing.T) {
			opts := cmdline.Options{JQ: ".a | \"it's $x\"\x15\ntouch pwned\n\x1b[2K\u202e\xff", IncludeHeaders: true, Next: `if .next then "?c=\(.next)&x='$y'" else null end`,
				Fetch: fanout.Options{Headers: []fanout.Header{{Name: "X-Key", Value: `a'b"c $d`}}}}
			command := cmdline.Command(urls, opts)
			if heredoc := strings.Contains(command, "<<'"); heredoc != strings.Contains(name, "many") {
				t.Errorf("here-document: %v, want it for long lists of one-line URLs only:\n%s", heredoc, command)
			}
			cmd := exec.Command(sh, "-c", command)
			cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=/nowhere"}
			cmd.Dir = t.TempDir()
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s\n: %v", command, err)
			}
			got := strings.Split(string(out), "\x00")
			args, stdin := got[:len(got)-1], got[len(got)-1]
			wantFlags := []string{"get", "-next", opts.Next, "-jq", opts.JQ, "-H", `X-Key: a'b"c $d`}
			if len(args) < len(wantFlags) || !reflect.DeepEqual(args[:len(wantFlags)], wantFlags) {
				t.Fatalf("got arguments %q, want them to start with %q", args, wantFlags)
			}
			gotURLs := args[len(wantFlags):]
			if len(gotURLs) > 0 && gotURLs[0] == "--" {
				gotURLs = gotURLs[1:]
			}
			if reflect.DeepEqual(gotURLs, []string{"-f", "-"}) {
				gotURLs = strings.Split(strings.TrimSuffix(stdin, "\n"), "\n")
			}
			if !reflect.DeepEqual(gotURLs, urls) {
				t.Errorf("URLs the command gets:\n got %q\nwant %q\ncommand:\n%s", gotURLs, urls, command)
			}
			if entries, _ := os.ReadDir(cmd.Dir); len(entries) > 0 {
				t.Errorf("the command ran something: %v", entries)
			}
		})
	}
}

func TestQuoteWritesNoControlCharacters(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]string{
		"Ctrl-U then a second command": "https://a.test/\x15\ntouch pwned\n",
		"ESC sequences":                ".a\x1b[2K\x1b]0;title\x07",
		"bidi overrides and isolates":  ".a | \"\u202e\u2066evil\u2069\u202c\"",
		"a carriage return and a tab":  ".a\r\tb",
		"C1 controls and DEL":          ".a\u0085\u009b\x7f",
		"bytes that are not UTF-8":     ".a\xff\xfe",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			q := cmdline.Quote(s)
			for _, r := range q {
				if r != '\n' && (r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError) {
					t.Fatalf("Quote(%q) = %q carries %U raw", s, q, r)
				}
			}
			out, err := exec.Command("sh", "-c", "printf %s "+q).Output()
			if err != nil || string(out) != s {
				t.Fatalf("the shell reads %q back as %q (%v)", q, out, err)
			}
		})
	}
}

func ExampleQuote() {
	fmt.Println(cmdline.Quote(".a\x15\nrm -rf ~\u202e"))
	// Output:
	// '.a'"$(printf '\025')"'
	// rm -rf ~'"$(printf '\342\200\256')"
}

func ExampleCommand() {
	urls := []string{"https://api.test/users/1", "https://api.test/search?q=a&page=2", "https://api.test/it's"}
	opts := cmdline.Options{
		Fetch: fanout.Options{Concurrency: 4, Timeout: 5 * time.Second, Headers: []fanout.Header{{Name: "Authorization", Value: "Bearer secret"}}},
		Merge: "object",
	}
	fmt.Println(cmdline.Command(urls, opts))
	// Output:
	// fanin get -c 4 -timeout 5s -merge object https://api.test/users/1 'https://api.test/search?q=a&page=2' 'https://api.test/it'\''s'
}
