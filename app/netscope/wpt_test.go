package netscope_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fanin/app/netscope"
)

// wptCase is one case of web-platform-tests' urltestdata.json.
type wptCase struct {
	Input    string  `json:"input"`
	Base     *string `json:"base"`
	Failure  bool    `json:"failure"`
	Protocol string  `json:"protocol"`
	Hostname string  `json:"hostname"`
}

func loadWPT(t *testing.T) []wptCase {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "conformance", "wpt-url", "urltestdata.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the browsers' URL suite is missing (%v): it lives in ../shared/conformance/wpt-url", err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	var cases []wptCase
	for _, it := range items {
		var c wptCase
		if it[0] == '{' {
			if err := json.Unmarshal(it, &c); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, c)
		}
	}
	return cases
}

func isHTTP(s string) bool {
	s = strings.ToLower(strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	return strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:")
}

// TestHostnameMatchesBrowsers runs every http(s) case of the browsers' own
// URL suite: the same failure or the same hostname as the browser.
func TestHostnameMatchesBrowsers(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, c := range loadWPT(t) {
		base := ""
		if c.Base != nil {
			base = *c.Base
		}
		// A case is the parser's when the URL it produces (or would) is
		// http(s): an http(s) input, or a relative one against an http(s) base.
		_, schemeErr := netscope.Hostname(c.Input)
		absolute := schemeErr == nil || !strings.Contains(schemeErr.Error(), "relative")
		switch {
		case isHTTP(c.Input):
		case !absolute && base != "" && isHTTP(base):
		default:
			continue
		}
		if !c.Failure && c.Protocol != "http:" && c.Protocol != "https:" {
			continue
		}
		checked++
		got, err := netscope.ResolveHostname(c.Input, base)
		switch {
		case c.Failure && err == nil:
			t.Errorf("%q (base %q): got hostname %q, want failure", c.Input, base, got)
		case !c.Failure && err != nil:
			t.Errorf("%q (base %q): got %v, want hostname %q", c.Input, base, err, c.Hostname)
		case !c.Failure && got != c.Hostname:
			t.Errorf("%q (base %q): got hostname %q, want %q", c.Input, base, got, c.Hostname)
		}
	}
	if checked < 375 {
		t.Fatalf("checked %d cases, want at least the suite's 375 http(s) inputs", checked)
	}
	t.Logf("%d http(s) cases checked", checked)
}
