#!/bin/sh
# Bounded load test of `fanin serve` on loopback: wrk, 10 s at 64
# connections, against the page (/) and the brotli wasm, then the server's
# peak memory. Fails on any socket error or non-2xx answer.
#
#   cmd/fanin/internal/cli/testdata/loadtest.sh [BIN [ROOT]]
#
# BIN defaults to bin/fanin, ROOT (the folder holding web/) to the current
# folder: run it from the repository after `make all`. Needs wrk (Debian:
# apt-get install -y wrk). DURATION and CONNECTIONS override 10s and 64.
set -eu
BIN=${1:-bin/fanin}
ROOT=${2:-.}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "loadtest: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "loadtest: $BIN is not built (make all)" >&2; exit 2; }

tmp=$(mktemp -d)
out="$tmp/serve.out"
"$BIN" serve -addr 127.0.0.1:0 -root "$ROOT" >"$out" 2>/dev/null &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

i=0
until grep -q '^fanin: serving ' "$out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 100 ] || { echo "loadtest: fanin serve did not start" >&2; exit 1; }
	kill -0 $pid 2>/dev/null || { echo "loadtest: fanin serve exited" >&2; exit 1; }
	sleep 0.1
done
base=$(sed -n 's/^fanin: serving \(http:[^ ]*\)\/ .*/\1/p' "$out")
wasm=$(curl -fsS "$base/" | grep -o '/web/[0-9a-f]*/app.js' | head -1 | sed 's/app.js$/app.wasm/')
[ -n "$wasm" ] || { echo "loadtest: no versioned URL in the page" >&2; exit 1; }
encoding=$(curl -fsS -o /dev/null -D - -H 'Accept-Encoding: br' "$base$wasm" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: //p')
echo "fanin serve at $base (pid $pid); wasm at $wasm (Content-Encoding: ${encoding:-none})"

status=0
run() {
	name=$1
	shift
	wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$tmp/wrk.out" 2>&1 || { cat "$tmp/wrk.out"; status=1; return; }
	rps=$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk.out")
	transfer=$(sed -n 's/^Transfer\/sec: *//p' "$tmp/wrk.out")
	p99=$(sed -n 's/^ *99% *//p' "$tmp/wrk.out")
	echo "$name: $rps req/s, $transfer/s, p99 $p99"
	if grep -q -e 'Socket errors' -e 'Non-2xx' "$tmp/wrk.out"; then
		grep -e 'Socket errors' -e 'Non-2xx' "$tmp/wrk.out"
		status=1
	fi
}
run "GET / (the page)" "$base/"
run "GET $wasm (br)" -H 'Accept-Encoding: br' "$base$wasm"
rss=$(sed -n 's/^VmRSS: *//p' /proc/$pid/status)
hwm=$(sed -n 's/^VmHWM: *//p' /proc/$pid/status)
echo "server memory: RSS $rss now, peak $hwm"
[ $status -eq 0 ] && echo "loadtest: zero errors" || echo "loadtest: errors" >&2
exit $status
