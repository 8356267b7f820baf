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
		"http://256.256.256.256/":    netscope.Private, // the browser refuses it
		"http://1.2.3.4.5/":          netscope.Private, // the browser refuses it
		"http://0x7f.0.0.1./":        netscope.Loopback,
		"http://%31%32%37.1/":        netscope.Loopback,
		"http://\uff11\uff12\uff17\u3002\uff10\u3002\uff10\u3002\uff11/":                   netscope.Loopback,
		"http://\uff10\uff38\uff43\uff10\uff0e\uff10\uff12\uff15\uff10\uff0e\uff10\uff11/": netscope.Private,
		"http://192\uff61168\uff611\uff611/":                                               netscope.Private,
		"http://LOCALHOST\u3002/":                                                          netscope.Loopback,
		"http:\\\\127.0.0.1/":                                                              netscope.Loopback,
		"http://example.com@127.0.0.1/":                                                    netscope.Loopback,
		"http://\t127.0.0.\n1/":                                                            netscope.Loopback,
		"http://[0:0::1]/":                                                                 netscope.Loopback,
		"http://router/":                                                                   netscope.Private,
		"http://router./":                                                                  netscope.Private,
		"http://printer.local/":                                                            netscope.Private,
		"http://db.internal/":                                                              netscope.Private,
		"http://nas.lan/":                                                                  netscope.Private,
		"http://box.home.arpa/":                                                            netscope.Private,
		"http://www.example.local.com/":                                                    netscope.Public,
		"ftp://8.8.8.8/":                                                                   netscope.Private, // never fetched
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
	urls := []string{"https://api.example.com/", "http://127.0.0.1:9000/", "http://192.168.1.10/", "http://localhost/x",
		"http://router/", "http://nas.local/", "http://\uff11\uff12\uff17\u3002\uff10\u3002\uff10\u3002\uff11/"}
	t.Run("every non-public URL needs a click, whatever serves the page", func(t *testing.T) {
		got := netscope.NeedsConfirm(netscope.Hostname, urls)
		if want := urls[1:]; !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("the page's own reader of hosts decides", func(t *testing.T) {
		all := func(string) (string, error) { return "10.0.0.1", nil }
		if got := netscope.NeedsConfirm(all, urls[:1]); len(got) != 1 {
			t.Fatalf("got %v, want the one URL", got)
		}
	})
}

func ExampleOfURL() {
	for _, u := range []string{"http://2130706433/", "https://example.com/", "http://10.0.0.7/", "http://\uff11\uff12\uff17\u3002\uff11/", "http://router/"} {
		fmt.Println(u, netscope.OfURL(u))
	}
	// Output:
	// http://2130706433/ loopback
	// https://example.com/ public
	// http://10.0.0.7/ private
	// http://１２７。１/ loopback
	// http://router/ private
}
