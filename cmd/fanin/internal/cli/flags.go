package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet is a subcommand's flag set: errors and -h go to stderr, -h
// prints usage (a synopsis and what the command does) and every flag.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n == 0 {
			fmt.Fprintln(stderr, "\nIt takes no flags.")
			return
		}
		fmt.Fprintln(stderr, "\nFlags (before or after the arguments; -- ends them):")
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags anywhere among the arguments, as curl and most
// tools allow (`fanin get URL -jq .`): the standard flag package stops at
// the first argument that is not a flag, so parsing resumes after each
// one. "--" ends the flags; everything after it is an argument, even
// "-x". It returns the arguments in order; ok is false when the command
// should stop with code (-h: ExitOK; a bad flag: ExitUsage, the flag
// package having said why).
func parseArgs(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, ExitOK, true
		}
		if endedByDashes(fs, args[:len(args)-len(left)]) {
			return append(rest, left...), ExitOK, true
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// endedByDashes reports whether the flag package's parse of these
// arguments (all it consumed) ended at a "--" of its own rather than at an
// argument: "--" can also be a flag's value, as in `-jq --`.
func endedByDashes(fs *flag.FlagSet, consumed []string) bool {
	for i := 0; i < len(consumed); i++ {
		a := consumed[i]
		if a == "--" {
			return true
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBool(f) {
			i++ // the next argument is this flag's value
		}
	}
	return false
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
