package netscope_test

import (
	"fmt"
	"reflect"
	"testing"

	"fanin/app/netscope"
)

func TestOfURL(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]netscope.Scope{
		"https://api.example.com/x":  netscope.Public,
		"https://8.8.8.8/":           netscope.Public,
		"http://127.0.0.1:8000/":     netscope.Loopback,
		"http://127.1/":              netscope.Loopback,
		"http://2130706433/":         netscope.Loopback,
		"http://0177.0.0.1/":         netscope.Loopback,
		"http://0x7f.1/":             netscope.Loopback,
		"http://localhost/":          netscope.Loopback,
		"http://LOCALHOST./":         netscope.Loopback,
		"http://api.localhost/":      netscope.Loopback,
		"http://[::1]:8080/":         netscope.Loopback,
		"http://[::ffff:127.0.0.1]/": netscope.Loopback,
		"http://10.1.2.3/":           netscope.Private,
		"http://172.20.0.1/":         netscope.Private,
		"http://192.168.1.1/":        netscope.Private,
		"http://169.254.169.254/":    netscope.Private,
		"http://100.64.0.1/":         netscope.Private,
		"http://0.0.0.0/":            netscope.Private,
		"http://[::]/":               netscope.Private,
		"http://[fe80::1]/":          netscope.Private,
		"http://[fd00::1]/":          netscope.Private,
		"http://[::ffff:10.0.0.1]/":  netscope.Private,
		"http://[64:ff9b::a00:1]/":   netscope.Private,
		"http://a@192.168.0.1/":      netscope.Private,
		"http://%zz/":                netscope.Private,
		"http://256.256.256.256/":    netscope.Public,
		"http://1.2.3.4.5/":          netscope.Public,
	} {
		t.Run(raw, func(t *testing.T) {
			if got := netscope.OfURL(raw); got != want {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
}

func TestNeedsConfirm(t *testing.T) {
	t.Parallel()
	urls := []string{"https://api.example.com/", "http://127.0.0.1:9000/", "http://192.168.1.10/", "http://localhost/x"}
	t.Run("a public page asks before any non-public URL", func(t *testing.T) {
		got := netscope.NeedsConfirm("fanin.example.org", urls)
		if want := urls[1:]; !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("a loopback page runs loopback URLs but asks before private ones", func(t *testing.T) {
		got := netscope.NeedsConfirm("127.0.0.1", urls)
		if want := []string{"http://192.168.1.10/"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
}

func ExampleOfHost() {
	for _, h := range []string{"2130706433", "example.com", "10.0.0.7"} {
		fmt.Println(h, netscope.OfHost(h))
	}
	// Output:
	// 2130706433 loopback
	// example.com public
	// 10.0.0.7 private
}
