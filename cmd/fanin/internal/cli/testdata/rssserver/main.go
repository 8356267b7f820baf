// Command rssserver is the loopback JSON server of rss.sh: every path
// answers a small record naming it. It prints its address and serves
// until killed.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "rssserver:", err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"path":%q,"n":12345678901234567890123,"ok":true}`, r.URL.Path)
	}))
	fmt.Fprintln(os.Stderr, "rssserver:", err)
	os.Exit(1)
}
