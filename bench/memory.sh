#!/usr/bin/env bash
# make bench-memory: what --connection-memory costs and what it buys, side
# by side in one run. For each pool size: requests/s at 64 keep-alive
# connections (wrk -t1, /sections; the rounds rotate the order of the
# sizes, so that drift hits all alike), with wrk's bare request and with a
# browser's request through a proxy carrying 2 KB of cookies, and the
# server's CPU time per request (user + system, from /proc: on a shared
# machine it drifts less than requests/s); and which request heads it
# answers: the largest single header, the largest Cookie header, and that
# browser request with 0 to 8 KB of cookies.
#
#   bench/memory.sh [--quick]   (BENCH_SECONDS, BENCH_ROUNDS, BENCH_SIZES override)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-4}
ROUNDS=${BENCH_ROUNDS:-5}
if [ "${1:-}" = "--quick" ]; then SECONDS_PER_RUN=2; ROUNDS=2; fi
read -r -a SIZES <<<"${BENCH_SIZES:-4096 8192 16384 32768}"
BIN=${ARTICLED_BIN:-./articled}
. bench/lib.sh

need_wrk

# A browser's fetch() with credentials from https://www.news.example to
# its API at https://api.news.example (Chrome 120's headers), after a
# reverse proxy and a CDN added theirs. About 1.3 KB before the cookies.
BROWSER=(
  -H "Connection: keep-alive"
  -H 'sec-ch-ua: "Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"'
  -H "sec-ch-ua-mobile: ?0"
  -H 'sec-ch-ua-platform: "Windows"'
  -H "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
  -H "Accept: application/json, text/plain, */*"
  -H "Origin: https://www.news.example"
  -H "Sec-Fetch-Site: same-site"
  -H "Sec-Fetch-Mode: cors"
  -H "Sec-Fetch-Dest: empty"
  -H "Referer: https://www.news.example/world/2024/05/17/a-long-headline-made-into-a-slug-for-the-address"
  -H "Accept-Encoding: gzip, deflate, br, zstd"
  -H "Accept-Language: en-US,en;q=0.9,ru;q=0.8,de;q=0.7"
  -H 'If-None-Match: "3f2a9c0d1e4b5a69-gz"'
  -H "X-Forwarded-For: 203.0.113.195, 198.51.100.17, 192.0.2.44"
  -H "X-Forwarded-Proto: https"
  -H "X-Forwarded-Host: api.news.example"
  -H "X-Forwarded-Port: 443"
  -H "X-Real-IP: 203.0.113.195"
  -H "Forwarded: for=203.0.113.195;proto=https;host=api.news.example, for=198.51.100.17"
  -H "X-Request-ID: 7f0c2d9e-5b4a-4c1e-9a8f-2e6d1b3c4a5f"
  -H "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
  -H "CDN-Loop: cloudflare"
  -H "CF-Connecting-IP: 203.0.113.195"
  -H "CF-IPCountry: DE"
  -H 'CF-Visitor: {"scheme":"https"}'
  -H "CF-Ray: 8a1b2c3d4e5f6a7b-FRA"
)

# A Cookie header of about n bytes, shaped like a news site's: analytics,
# consent and ad identifiers, each name=value of 40 to 200 bytes.
cookies() {
  python3 - "$1" <<'EOF'
import sys
n = int(sys.argv[1]); out = []; i = 0
while len("; ".join(out)) < n:
    size = (40, 90, 200, 60, 130)[i % 5]
    out.append(f"c{i:02d}_{'id' if i % 2 else 'ga'}=" + ("GA1.2.%d." % (i * 7919) + "x" * size)[:size])
    i += 1
print("Cookie: " + "; ".join(out)[:n])
EOF
}

# The status articled answers (000: none, the connection closed).
status_of() {
  local port=$1; shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "http://127.0.0.1:$port/sections" || true
}

# The largest n for which a header of n bytes made by "$2 n" gets a 200.
largest() {
  local port=$1 make=$2 lo=0 hi=65536
  while (( hi - lo > 16 )); do
    local mid=$(( (lo + hi) / 2 ))
    if [ "$(status_of "$port" -H "$($make "$mid")")" = 200 ]; then lo=$mid; else hi=$mid; fi
  done
  echo "$lo"
}
plain_header() { printf 'X-Padding: %*s' "$1" '' | tr ' ' 'x'; }

TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

# Runs wrk against a server; prints "req/s non-2xx cpu_us_per_request".
measure() {
  local pid=$1 url=$2; shift 2
  local before out reqs rps bad after
  before=$(cpu_ticks "$pid")
  out=$(wrk -t1 -c64 -d"${SECONDS_PER_RUN}s" "$@" "$url" 2>&1)
  after=$(cpu_ticks "$pid")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$rps ${bad:-0} $(awk -v t=$(( (after - before) * TICK_US )) -v n="$reqs" 'BEGIN {printf "%.2f", n ? t / n : 0}')"
}

declare -A PORT PID
for m in "${SIZES[@]}"; do
  start_articled --log-format off --connection-memory "$m"
  PORT[$m]=$APORT PID[$m]=$APID
done
COOKIES_2K=$(cookies 2048)
declare -A PLAIN BROWSE BERR CPU
for m in "${SIZES[@]}"; do PLAIN[$m]=""; BROWSE[$m]=""; BERR[$m]=0; CPU[$m]=""; done
for r in $(seq "$ROUNDS"); do
  # Rotate which size goes first.
  order=("${SIZES[@]:$(( r % ${#SIZES[@]} ))}" "${SIZES[@]:0:$(( r % ${#SIZES[@]} ))}")
  for m in "${order[@]}"; do
    read -r rps _ us < <(measure "${PID[$m]}" "http://127.0.0.1:${PORT[$m]}/sections")
    PLAIN[$m]+="$rps "; CPU[$m]+="$us "
    read -r rps err _ < <(measure "${PID[$m]}" "http://127.0.0.1:${PORT[$m]}/sections" "${BROWSER[@]}" -H "$COOKIES_2K")
    BROWSE[$m]+="$rps "; BERR[$m]=$(( BERR[$m] + err ))
  done
done

echo "articled $("$BIN" --version | cut -d' ' -f2) ($BIN), wrk -t1 -c64, ${SECONDS_PER_RUN}s x ${ROUNDS} rounds, $(nproc) cores"
echo
echo "| --connection-memory | req/s, wrk's request | vs ${SIZES[0]} | CPU µs/request | vs ${SIZES[0]} | req/s, browser + proxy, 2 KB cookies | non-200 | largest header | largest Cookie | browser + proxy with cookies of 0 / 1 / 2 / 4 / 8 KB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
base=$(tr ' ' '\n' <<<"${PLAIN[${SIZES[0]}]}" | grep . | median)
base_cpu=$(tr ' ' '\n' <<<"${CPU[${SIZES[0]}]}" | grep . | median)
for m in "${SIZES[@]}"; do
  plain=$(tr ' ' '\n' <<<"${PLAIN[$m]}" | grep . | median)
  cpu=$(tr ' ' '\n' <<<"${CPU[$m]}" | grep . | median)
  browse=$(tr ' ' '\n' <<<"${BROWSE[$m]}" | grep . | median)
  port=${PORT[$m]}
  verdicts=""
  for kb in 0 1 2 4 8; do
    if (( kb == 0 )); then st=$(status_of "$port" "${BROWSER[@]}")
    else st=$(status_of "$port" "${BROWSER[@]}" -H "$(cookies $(( kb * 1024 )))"); fi
    verdicts+="${verdicts:+ / }$st"
  done
  printf '| %d | %.0f | %.2f | %.2f | %.2f | %.0f | %d | %d | %d | %s |\n' "$m" "$plain" \
    "$(awk -v a="$plain" -v b="$base" 'BEGIN {print a/b}')" "$cpu" \
    "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN {print a/b}')" "$browse" "${BERR[$m]}" \
    "$(largest "$port" plain_header)" "$(largest "$port" cookies)" "$verdicts"
done
echo
echo "largest header / Cookie: bytes of the one header line (name included) that still gets a 200."
echo "non-200: answers to the browser requests that were not a 200 (431, or errors), in all rounds."
echo "CPU µs/request: the server's user + system time over the requests of wrk's run, median of the rounds."
