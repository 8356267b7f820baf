package cli

import (
	"io"
	"strings"
	"testing"

	"fanin/internal/testserver"
)

// BenchmarkSeedArticle is the 2015 article's measurement: three JSON URLs
// that each take 300 ms, fetched by `fanin get` at once (concurrent) and one
// after another (-c 1, the sequential peer), in the same run. Compare the
// two ns/op figures: the article saw 0.51 s against 1.19 s.
func BenchmarkSeedArticle(b *testing.B) {
	srv := testserver.Start()
	defer srv.Close()
	urls := []string{srv.URL("/slow/300/a"), srv.URL("/slow/300/b"), srv.URL("/slow/300/c")}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"concurrent", append([]string{"get"}, urls...)},
		{"sequential", append([]string{"get", "-c", "1"}, urls...)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if code := Main(bc.args, strings.NewReader(""), io.Discard, io.Discard); code != ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
