#!/usr/bin/env bash
# make bench-scale (and the end of make bench): an archive of 1, 100,
# 1,000 and 10,000 articles made from copies of tests/articles (each copy
# under its own name, so each is an article of its own). For each size:
# the time from start to the first answer, the RSS then and per byte of
# article text, the load's speed (read, parse and prepare, MB of text per
# second) with one loader thread and with one per core, and the p99 of
# the first page of the cross-article lists, each request a distinct one
# (limit=1..N), so that no answer comes from the cache.
#
#   bench/scale.sh [--quick]   (BENCH_SCALE="1 100 1000 10000", BENCH_LIST_REQUESTS override)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${ARTICLED_BIN:-./articled}
read -r -a SIZES <<<"${BENCH_SCALE:-1 100 1000 10000}"
REQUESTS=${BENCH_LIST_REQUESTS:-50}
if [ "${1:-}" = "--quick" ]; then SIZES=(1 100 1000); REQUESTS=20; fi
SECONDS_PER_RUN=1
. bench/lib.sh

# A directory of n articles: the test articles over and over.
make_archive() {
  local n=$1 dir="$WORK/archive-$1" i=0
  mkdir -p "$dir"
  local files=(tests/articles/*.txt)
  while (( i < n )); do
    for f in "${files[@]}"; do
      (( i < n )) || break
      cp "$f" "$dir/$(printf '%05d' "$i")_$(basename "$f")"
      i=$((i + 1))
    done
  done
  echo "$dir"
}

# Starts articled on dir with flags; waits for /healthz to answer 200.
# Sets APID, APORT, READY_MS, LOAD_MS (the load's own time, from its log).
start_loaded() {
  local dir=$1; shift
  start_timed --log-format off --data "$dir" "$@"
  LOAD_MS=$(sed -n 's/.*parsed in \([0-9.]*\) ms.*/\1/p' "$ALOG" | head -1)
}

# The p99 (ms) of the first page of each cross-article list at $APORT.
LISTS=("/quotes?article=*" "/figures?article=*" "/quotes?article=*&kind=direct"
       "/figures?article=*&kind=money" "/quotes?article=*&speaker=lavrov" "/articles?q=port"
       "/quotes?article=*&kind=indirect&speaker=a" "/quotes?article=*&section=intro"
       "/figures?article=*&unit=RUB&change=increase" "/reactions?article=*&country=JP"
       "/articles?q=u.s")
list_p99() {
  python3 - "$APORT" "$REQUESTS" "${LISTS[@]}" <<'PY'
import http.client, sys, time
port, n, shapes = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
c.request("GET", "/healthz"); c.getresponse().read()  # the connection, opened before timing
out = []
for sh in shapes:
    ts = []
    for k in range(n):
        t0 = time.perf_counter()
        c.request("GET", f"{sh}&limit={k + 1}")
        r = c.getresponse(); r.read()
        assert r.status == 200, (sh, r.status)
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    out.append("%.1f" % ts[min(n - 1, int(n * 0.99))])
print(" ".join(out))
PY
}

echo "articled $("$BIN" --version | cut -d' ' -f2) ($BIN), $(nproc) cores; archives of copies of tests/articles"
ROWS=() LIST_ROWS=()
for n in "${SIZES[@]}"; do
  dir=$(make_archive "$n")
  bytes=$(cat "$dir"/*.txt | wc -c)
  one_ms=""
  if "$BIN" --help | grep -q -- --load-threads; then # (an older build has one thread only)
    start_loaded "$dir" --load-threads 1
    one_ms=$LOAD_MS
    stop_pid "$APID"
  fi
  start_loaded "$dir"
  rss=$(rss_kb "$APID")
  read -r -a p99 <<<"$(list_p99)"
  worst=$(printf '%s\n' "${p99[@]}" | sort -g | tail -1)
  stop_pid "$APID"
  ROWS+=("$(awk -v n="$n" -v b="$bytes" -v ready="$READY_MS" -v rss="$rss" -v one="$one_ms" -v all="$LOAD_MS" -v w="$worst" \
    'BEGIN {printf "| %6d | %7.1f MB | %7d ms | %6.0f MB | %5.1f | %6.1f | %6.1f | %6s |", n, b/1e6, ready, rss/1024, rss*1024/b, (one ? b/1048576/(one/1000) : 0), b/1048576/(all/1000), w}')")
  LIST_ROWS+=("| $n |$(printf ' %s |' "${p99[@]}")")
  rm -rf "$dir"
done

echo
echo "| articles | text | to the first answer | RSS | RSS per byte of text | load MB/s, 1 thread | load MB/s, $(nproc) threads | lists p99 ms (worst) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "| articles |$(printf ' `%s` |' "${LISTS[@]}")"
echo "|---:|$(printf -- '---:|%.0s' "${LISTS[@]}")"
printf '%s\n' "${LIST_ROWS[@]}"
echo
echo "to the first answer: from exec to the first 200 of /healthz (polled every 10 ms by one process), loading on every core."
echo "load MB/s: text read, parsed and prepared per second (the load's own time, from its log line)."
echo "lists: p99 of $REQUESTS first pages each (limit=1..$REQUESTS), ms, through one keep-alive connection."
