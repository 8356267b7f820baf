package testserver

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Paginated APIs in the three common styles, for following pages:
//
//	/pages/link/{chain}?page=N&pages=P      Link: <…?page=N+1…>; rel="next" (GitHub style;
//	                                        relative and absolute targets, several links, quoted and bare params)
//	/pages/hidden/{chain}?page=N&pages=P    the same, but Link is not in Access-Control-Expose-Headers
//	/pages/cursor/{chain}?cursor=C&pages=P  {"data":[…],"next_cursor":"…"|null,"next":"/pages/cursor/…"|null}
//	/pages/numbered/{chain}?page=N&per=K&total=T  {"items":[…],"page":N,"per_page":K,"total":T}
//	/pages/loop/{chain}?page=N              Link next: 1 → 2 → 1 (a loop)
//
// Every style takes ms=L (latency per page), fail=K (page K answers 500),
// items=M (records per page, default 2). Each page's body is or holds an
// array of records {"chain","page","item"}, so concat flattens them.
func (s *Server) pageRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /pages/{style}/{chain}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		style, chain := r.PathValue("style"), r.PathValue("chain")
		page := atoiOr(q.Get("page"), 1)
		if style == "cursor" {
			page = cursorPage(q.Get("cursor"))
		}
		if ms := atoiOr(q.Get("ms"), 0); ms > 0 && !sleep(r, time.Duration(min(ms, 10_000))*time.Millisecond) {
			return
		}
		if page == atoiOr(q.Get("fail"), 0) {
			http.Error(w, "page broke", http.StatusInternalServerError)
			return
		}
		pages := atoiOr(q.Get("pages"), 3)
		records := recordsOf(chain, page, atoiOr(q.Get("items"), 2))
		next := func(k int) string {
			v := cloneQuery(q)
			v.Set("page", strconv.Itoa(k))
			return v.Encode()
		}
		switch style {
		case "link", "hidden":
			if style == "link" {
				w.Header().Set("Access-Control-Expose-Headers", "Retry-After, Link")
			}
			var links []string
			// A relative target, a quoted and a bare rel, an absolute one,
			// a quoted title holding a comma and a semicolon.
			links = append(links, fmt.Sprintf(`<%s?%s>; rel="first"; title="page 1, the first; yes"`, r.URL.Path, next(1)))
			if page > 1 {
				links = append(links, fmt.Sprintf(`<?%s>; rel=prev`, next(page-1)))
			}
			if page < pages {
				// odd pages: relative; even pages: absolute, rel with two types
				if page%2 == 1 {
					links = append(links, fmt.Sprintf(`<?%s>; rel="next"`, next(page+1)))
				} else {
					links = append(links, fmt.Sprintf(`<http://%s%s?%s>; rel="NEXT last-but-one"`, r.Host, r.URL.Path, next(page+1)))
				}
			}
			w.Header().Set("Link", strings.Join(links, ", "))
			writeJSON(w, records)
		case "loop":
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After, Link")
			w.Header().Set("Link", fmt.Sprintf(`<?%s>; rel="next"`, next(page%2+1)))
			writeJSON(w, records)
		case "cursor":
			nextCursor, nextURL := "null", "null"
			if page < pages {
				v := cloneQuery(q)
				v.Set("cursor", fmt.Sprintf("c%d", page+1))
				nextCursor = fmt.Sprintf(`"c%d"`, page+1)
				nextURL = strconv.Quote(r.URL.Path + "?" + v.Encode())
			}
			writeJSON(w, fmt.Sprintf(`{"data":%s,"next_cursor":%s,"next":%s}`, records, nextCursor, nextURL))
		case "numbered":
			per, total := atoiOr(q.Get("per"), 2), atoiOr(q.Get("total"), 5)
			n := max(0, min(per, total-(page-1)*per))
			writeJSON(w, fmt.Sprintf(`{"items":%s,"page":%d,"per_page":%d,"total":%d}`, recordsOf(chain, page, n), page, per, total))
		default:
			http.NotFound(w, r)
		}
	})
}

// NumberedNext is the jq expression that follows /pages/numbered.
const NumberedNext = `if .page * .per_page < .total then "?page=\(.page + 1)&per=\(.per_page)&total=\(.total)" else null end`

// CursorNext is the jq expression that follows /pages/cursor by its next
// URL; CursorNextFromCursor builds it from next_cursor alone.
const (
	CursorNext           = `.next`
	CursorNextFromCursor = `if .next_cursor then "?cursor=\(.next_cursor)" else null end`
)

func recordsOf(chain string, page, n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"chain":%q,"page":%d,"item":%d}`, chain, page, i)
	}
	b.WriteByte(']')
	return b.String()
}

func cursorPage(c string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(c, "c"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

func cloneQuery(q url.Values) url.Values {
	v := url.Values{}
	for k, vs := range q {
		v[k] = append([]string(nil), vs...)
	}
	return v
}
