package proxy_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"fanin/cmd/fanin/internal/proxy"
)

func ExampleNew() {
	h, err := proxy.New(proxy.Config{Allow: []string{"127.0.0.1:9000"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle(proxy.Path, h)
	mux.Handle(proxy.InfoPath, h)

	for _, target := range []string{"http://2130706433/", "http://169.254.169.254/latest/meta-data/"} {
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8000/proxy?url="+url.QueryEscape(target), nil)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, r)
		fmt.Println(rec.Code, rec.Body)
	}
	// Output:
	// 403 {"error":{"kind":"proxy-refused","reason":"host-numeric","message":"host \"2130706433\" is a number a browser would read as an IPv4 address; write it as a dotted quad"}}
	// 403 {"error":{"kind":"proxy-refused","reason":"address","message":"169.254.169.254 is not a public address: prohibited IP address: 169.254.169.254 is not a permitted destination (denied by: 169.254.0.0/16)"}}
}
