package cli

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"

	"fanin/internal/testserver"
)

func TestParseArgs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
		rest []string
		jq   string
		c    int
		v    bool
	}{
		{"flags after the arguments", []string{"a", "-jq", ".x"}, []string{"a"}, ".x", 0, false},
		{"flags before, between and after", []string{"-c", "2", "a", "-jq=.", "b", "-v", "c"}, []string{"a", "b", "c"}, ".", 2, true},
		{"-- ends the flags", []string{"-c", "3", "--", "-jq", "x", "-v"}, []string{"-jq", "x", "-v"}, "", 3, false},
		{"-- after an argument", []string{"a", "--", "-c", "4"}, []string{"a", "-c", "4"}, "", 0, false},
		{"-- as a flag's value is not the end", []string{"-jq", "--", "a", "-c", "5"}, []string{"a"}, "--", 5, false},
		{"-- after a bool flag is the end", []string{"-v", "--", "-c"}, []string{"-c"}, "", 0, true},
		{"a lone - is an argument", []string{"-", "-c", "6"}, []string{"-"}, "", 6, false},
		{"no arguments", []string{"-c", "7"}, nil, "", 7, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			jq, c, v := fs.String("jq", "", ""), fs.Int("c", 0, ""), fs.Bool("v", false, "")
			rest, code, ok := parseArgs(fs, tc.args)
			if !ok || code != ExitOK {
				t.Fatalf("parseArgs(%q): ok %v code %d", tc.args, ok, code)
			}
			if !reflect.DeepEqual(rest, tc.rest) || *jq != tc.jq || *c != tc.c || *v != tc.v {
				t.Errorf("parseArgs(%q): got rest %q jq %q c %d v %v, want %q %q %d %v", tc.args, rest, *jq, *c, *v, tc.rest, tc.jq, tc.c, tc.v)
			}
		})
	}
	t.Run("a bad flag after an argument is still a usage error", func(t *testing.T) {
		t.Parallel()
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		if _, code, ok := parseArgs(fs, []string{"a", "-nope"}); ok || code != ExitUsage {
			t.Fatalf("got ok %v code %d, want a usage error", ok, code)
		}
		if _, code, ok := parseArgs(fs, []string{"a", "-h"}); ok || code != ExitOK {
			t.Fatalf("-h after an argument: got ok %v code %d, want help", ok, code)
		}
	})
}

func TestFlagsAfterURLs(t *testing.T) {
	t.Parallel()
	srv := testserver.Start()
	t.Cleanup(srv.Close)

	t.Run("fanin get URL -jq filters", func(t *testing.T) {
		got := fanin(t, "", "get", srv.URL("/json/a"), srv.URL("/json/b"), "-jq", "[.[].name]")
		if got.code != ExitOK || got.stdout != "[\n  \"a\",\n  \"b\"\n]\n" || got.stderr != "" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("flags before and after the URLs all apply", func(t *testing.T) {
		got := fanin(t, "", "get", "-merge", "object", srv.URL("/json/a"), "-jq", "keys")
		if got.code != ExitOK || got.stdout != "[\n  \""+srv.URL("/json/a")+"\"\n]\n" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("after -- a URL may start with -", func(t *testing.T) {
		got := fanin(t, "", "get", srv.URL("/json/a"), "--", "-jq")
		if got.code != ExitPartial || !strings.Contains(got.stderr, "-jq: invalid-url") || !strings.Contains(got.stdout, `"name": "a"`) {
			t.Fatalf("got %+v, want -jq taken as a (bad) URL", got)
		}
	})
	t.Run("fanin export DIR -root ROOT takes its flags after the folder", func(t *testing.T) {
		dir := t.TempDir() + "/site"
		if got := fanin(t, "", "export", dir, "-root", siteRoot(t), "-base", "/x/"); got.code != ExitOK || !strings.Contains(got.stdout, "serve it at /x/") {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("fanin serve refuses stray arguments wherever they are", func(t *testing.T) {
		if got := fanin(t, "", "serve", "-addr", "127.0.0.1:0", "extra"); got.code != ExitUsage || !strings.Contains(got.stderr, `unexpected arguments ["extra"]`) {
			t.Fatalf("got %+v", got)
		}
	})
}

func TestHelpListsFlags(t *testing.T) {
	t.Parallel()
	for cmd, flags := range map[string][]string{
		"get":     {"-c", "-timeout", "-max-bytes", "-retries", "-H", "-merge", "-f", "-jq"},
		"serve":   {"-addr", "-root", "-proxy", "-proxy-allow"},
		"export":  {"-root", "-base"},
		"version": nil,
	} {
		t.Run("fanin "+cmd+" -h", func(t *testing.T) {
			t.Parallel()
			got := fanin(t, "", cmd, "-h")
			if got.code != ExitOK || !strings.HasPrefix(got.stderr, "Usage: fanin "+cmd) {
				t.Fatalf("got %+v", got)
			}
			for _, f := range flags {
				if !strings.Contains(got.stderr, "\n  "+f+" ") && !strings.Contains(got.stderr, "\n  "+f+"\n") {
					t.Errorf("fanin %s -h does not list %s:\n%s", cmd, f, got.stderr)
				}
			}
			if len(flags) == 0 && !strings.Contains(got.stderr, "no flags") {
				t.Errorf("fanin %s -h does not say it takes no flags:\n%s", cmd, got.stderr)
			}
		})
	}
}
