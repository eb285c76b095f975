#!/usr/bin/env bash
# make bench-compare BASE=OLD: two builds of articled side by side, in one
# run on this machine: for a change that must not make it slower. Each
# scenario runs both, in rounds that alternate which goes first (A B, B A,
# ...) so that drift hits both alike, and reports each build's median
# requests/s and CPU time per request (user + system from /proc: on a
# shared machine it drifts less than requests/s), and the median of the
# per-round ratios new/old.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY [--quick]   (BENCH_SECONDS, BENCH_ROUNDS)
#
# Scenarios, 64 keep-alive connections, wrk -t1: a prebuilt answer
# (/sections), its gzip form, a filtered list from the answer cache
# (/quotes?speaker=putin), lists built for every request (200 pages of
# /quotes?article=* over tests/articles, more than the cache holds), and a
# refused query (a 400 with its problem+json).
set -euo pipefail
cd "$(dirname "$0")/.."

OLD=${1:?usage: bench/compare.sh OLD_BINARY NEW_BINARY [--quick]}
NEW=${2:?usage: bench/compare.sh OLD_BINARY NEW_BINARY [--quick]}
SECONDS_PER_RUN=${BENCH_SECONDS:-4}
ROUNDS=${BENCH_ROUNDS:-6}
if [ "${3:-}" = "--quick" ]; then SECONDS_PER_RUN=2; ROUNDS=2; fi
BIN=$NEW
. bench/lib.sh

need_wrk

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

# Runs wrk against a server; prints "req/s cpu_us_per_request".
measure() {
  local pid=$1 url=$2; shift 2
  local before out reqs rps after
  before=$(cpu_ticks "$pid")
  out=$(wrk -t1 -c64 -d"${SECONDS_PER_RUN}s" "$@" "$url" 2>&1)
  after=$(cpu_ticks "$pid")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  echo "$rps $(awk -v t=$(( (after - before) * TICK_US )) -v n="$reqs" 'BEGIN {printf "%.2f", n ? t / n : 0}')"
}

# Every request another page, so that none comes from the answer cache.
cat >"$WORK/pages.lua" <<'EOF'
local n = 0
request = function()
  n = (n + 1) % 200
  return wrk.format("GET", "/quotes?article=*&limit=5&offset=" .. n)
end
EOF

# Starts both builds with the given flags; sets OPORT OPID NPORT NPID.
start_both() {
  BIN=$OLD start_articled --log-format off "$@"; OPORT=$APORT OPID=$APID
  BIN=$NEW start_articled --log-format off "$@"; NPORT=$APORT NPID=$APID
}

ROWS=()
# scenario NAME PATH [wrk args]: the servers of start_both.
scenario() {
  local name=$1 path=$2; shift 2
  local o_rps=() n_rps=() o_cpu=() n_cpu=() ratios=() cpu_ratios=()
  for r in $(seq "$ROUNDS"); do
    local orps ocpu nrps ncpu
    if (( r % 2 )); then
      read -r orps ocpu < <(measure "$OPID" "http://127.0.0.1:$OPORT$path" "$@")
      read -r nrps ncpu < <(measure "$NPID" "http://127.0.0.1:$NPORT$path" "$@")
    else
      read -r nrps ncpu < <(measure "$NPID" "http://127.0.0.1:$NPORT$path" "$@")
      read -r orps ocpu < <(measure "$OPID" "http://127.0.0.1:$OPORT$path" "$@")
    fi
    o_rps+=("$orps"); n_rps+=("$nrps"); o_cpu+=("$ocpu"); n_cpu+=("$ncpu")
    ratios+=("$(awk -v a="$nrps" -v b="$orps" 'BEGIN {printf "%.2f", a/b}')")
    cpu_ratios+=("$(awk -v a="$ncpu" -v b="$ocpu" 'BEGIN {printf "%.2f", b ? a/b : 0}')")
  done
  ROWS+=("$(printf '| %-44s | %9.0f | %9.0f | **%4.2f** | %6.2f | %6.2f | **%4.2f** |' "$name" \
    "$(printf '%s\n' "${o_rps[@]}" | median)" "$(printf '%s\n' "${n_rps[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | median)" "$(printf '%s\n' "${o_cpu[@]}" | median)" \
    "$(printf '%s\n' "${n_cpu[@]}" | median)" "$(printf '%s\n' "${cpu_ratios[@]}" | median)")")
  echo "  $name: new/old req/s per round ${ratios[*]}; CPU per request ${cpu_ratios[*]}" >&2
}

echo "old $OLD, new $NEW: wrk -t1 -c64, ${SECONDS_PER_RUN}s x ${ROUNDS} rounds, $(nproc) cores" >&2
start_both
scenario "/sections (prebuilt)" /sections
scenario "/sections, gzip (prebuilt)" /sections -H "Accept-Encoding: gzip"
scenario "/quotes?speaker=putin (answer cache)" "/quotes?speaker=putin"
scenario "/quotes?kind=banana (a 400)" "/quotes?kind=banana"
stop_pid "$OPID"; stop_pid "$NPID"
start_both --data tests/articles
scenario "/quotes?article=*, 200 pages (built each time)" / -s "$WORK/pages.lua"
stop_pid "$OPID"; stop_pid "$NPID"

echo
echo "| scenario | old req/s | new req/s | new/old | old CPU µs/req | new CPU µs/req | new/old |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo "(medians over the rounds; each ratio is the median of the per-round ratios)"
