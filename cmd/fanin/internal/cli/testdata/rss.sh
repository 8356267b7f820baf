#!/bin/sh
# Peak memory of `fanin get` on a long list: N URLs (200,000 by default)
# against a loopback JSON server, once with -o ndjson (streamed) and once
# with -o json (held to the end), each under /usr/bin/time -v. Prints the
# maximum resident set size of each and checks the outputs' line counts.
#
#   cmd/fanin/internal/cli/testdata/rss.sh [BIN]
#
# BIN defaults to bin/fanin (make bin/fanin). Run from the repository.
set -eu
BIN=${1:-bin/fanin}
N=${N:-200000}
[ -x "$BIN" ] || { echo "rss: $BIN is not built (make bin/fanin)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "rss: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

tmp=$(mktemp -d)
go build -o "$tmp/rssserver" ./cmd/fanin/internal/cli/testdata/rssserver
"$tmp/rssserver" >"$tmp/addr" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
i=0
until [ -s "$tmp/addr" ]; do
	i=$((i + 1)); [ $i -le 100 ] || { echo "rss: the server did not start" >&2; exit 1; }
	sleep 0.1
done
base=$(cat "$tmp/addr")
seq 1 "$N" | sed "s|^|$base/item/|" >"$tmp/urls.txt"
echo "$N URLs against $base, -c ${C:-64}"

for o in ndjson json; do
	/usr/bin/time -v "$BIN" get -c "${C:-64}" -o $o -f "$tmp/urls.txt" >"$tmp/out.$o" 2>"$tmp/time.$o" || {
		tail -5 "$tmp/time.$o" >&2; exit 1; }
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time.$o")
	wall=$(sed -n "s/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$tmp/time.$o")
	echo "-o $o: max RSS $((rss / 1024)) MiB ($rss KiB), wall $wall, $(wc -c <"$tmp/out.$o") bytes out"
done
lines=$(wc -l <"$tmp/out.ndjson")
[ "$lines" -eq "$N" ] || { echo "rss: -o ndjson printed $lines lines, want $N" >&2; exit 1; }
