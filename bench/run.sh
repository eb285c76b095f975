#!/usr/bin/env bash
# make bench: articled against nginx serving the same bytes, on this
# machine, in one run. Rounds alternate A B A B so that drift hits both
# alike; what counts is the ratio articled/nginx per round and its median.
#
#   bench/run.sh [--quick]     (BENCH_SECONDS, BENCH_ROUNDS override)
#
# Needs wrk and nginx (Debian: wrk nginx-light); installs them with
# apt-get when run as root, else says what is missing. json-server is
# measured too when npm is present.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-4}
ROUNDS=${BENCH_ROUNDS:-5}
if [ "${1:-}" = "--quick" ]; then SECONDS_PER_RUN=2; ROUNDS=2; fi
BIN=${ARTICLED_BIN:-./articled}
. bench/lib.sh

need() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "installing: ${missing[*]}"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "bench needs: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
}
need
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- the bytes nginx serves: exactly what articled answers ---------------
start_articled --log-format off
curl -s "http://127.0.0.1:$APORT/sections" >"$WORK/sections.json"
CTYPE=$(curl -sI "http://127.0.0.1:$APORT/sections" | tr -d '\r' | sed -n 's/^Content-Type: //Ip')
stop_pid "$APID"

NPORT=$(free_port)
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
cp "$WORK/sections.json" "$WORK/nginx/www/sections"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/nginx/www;
    location / { default_type "$CTYPE"; }
  }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NPID=$!
PIDS+=("$NPID")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$NPORT/sections" >/dev/null && break; sleep 0.05; done
cmp -s <(curl -s "http://127.0.0.1:$NPORT/sections") "$WORK/sections.json" ||
  { echo "nginx does not serve the same bytes"; exit 1; }
NGINX_WORKER=$(pgrep -P "$NPID" | head -1)

TABLE=()
row() { TABLE+=("$(printf '| %-38s | %9s | %7s | %7s | %6s | %8s | %6s | %6s | %6s |' "$@")"); }

# One scenario: alternate articled and nginx ROUNDS times.
# scenario NAME ARTICLED_PATH NGINX_PATH CONNS [wrk args]
scenario() {
  local name=$1 apath=$2 npath=$3 conns=$4; shift 4
  local ratios=() a_best="" n_best=""
  local a_rps=() n_rps=() a_p99=() n_p99=() a_p50=() n_p50=() a_err=0 n_err=0
  local a_cpu=() n_cpu=() cpu_ratios=()
  for r in $(seq "$ROUNDS"); do
    local rps p50 p99 err cpu nrps np50 np99 nerr ncpu
    if (( r % 2 )); then
      read -r rps p50 p99 err cpu < <(CPU_PID=$APID run_wrk "http://127.0.0.1:$APORT$apath" "$conns" "$@")
      read -r nrps np50 np99 nerr ncpu < <(CPU_PID=$NGINX_WORKER run_wrk "http://127.0.0.1:$NPORT$npath" "$conns" "$@")
    else
      read -r nrps np50 np99 nerr ncpu < <(CPU_PID=$NGINX_WORKER run_wrk "http://127.0.0.1:$NPORT$npath" "$conns" "$@")
      read -r rps p50 p99 err cpu < <(CPU_PID=$APID run_wrk "http://127.0.0.1:$APORT$apath" "$conns" "$@")
    fi
    a_rps+=("$rps"); a_p50+=("$p50"); a_p99+=("$p99"); a_err=$((a_err + err)); a_cpu+=("$cpu")
    n_rps+=("$nrps"); n_p50+=("$np50"); n_p99+=("$np99"); n_err=$((n_err + nerr)); n_cpu+=("$ncpu")
    ratios+=("$(awk -v a="$rps" -v b="$nrps" 'BEGIN {printf "%.2f", a/b}')")
    cpu_ratios+=("$(awk -v a="$cpu" -v b="$ncpu" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')")
  done
  local med cmed; med=$(printf '%s\n' "${ratios[@]}" | median); cmed=$(printf '%s\n' "${cpu_ratios[@]}" | median)
  row "$name: articled" "$(printf '%s\n' "${a_rps[@]}" | median)" "$(printf '%s\n' "${a_p50[@]}" | median)" \
      "$(printf '%s\n' "${a_p99[@]}" | median)" "$a_err" "$(( $(rss_kb "$APID") / 1024 )) MB" "$med" \
      "$(printf '%s\n' "${a_cpu[@]}" | median)" "$cmed"
  row "$name: nginx" "$(printf '%s\n' "${n_rps[@]}" | median)" "$(printf '%s\n' "${n_p50[@]}" | median)" \
      "$(printf '%s\n' "${n_p99[@]}" | median)" "$n_err" "$(( $(rss_kb "$NGINX_WORKER") / 1024 )) MB" "" \
      "$(printf '%s\n' "${n_cpu[@]}" | median)" ""
  echo "  $name: ratio per round ${ratios[*]} -> median $med; CPU per request articled/nginx ${cpu_ratios[*]} -> median $cmed" >&2
}

echo "articled $("$BIN" --version | cut -d' ' -f2) ($BIN) vs $("$NGINX" -v 2>&1 | cut -d/ -f2), wrk -t1, ${SECONDS_PER_RUN}s x ${ROUNDS} rounds, $(nproc) cores" >&2

start_articled --log-format off
STARTUP_RSS=$(( $(rss_kb "$APID") / 1024 ))
scenario "/sections keep-alive, 16 conns" /sections /sections 16
scenario "/sections keep-alive, 64 conns" /sections /sections 64
scenario "/sections keep-alive, 256 conns" /sections /sections 256
scenario "/sections Connection: close, 64" /sections /sections 64 -H "Connection: close"
scenario "/sections gzip (nginx: plain), 64" /sections /sections 64 -H "Accept-Encoding: gzip"
scenario "/quotes?speaker=putin (nginx: plain), 64" "/quotes?speaker=putin" /sections 64
AFTER_RSS=$(( $(rss_kb "$APID") / 1024 ))
stop_pid "$APID"

# Logging, metrics, threads: articled against itself with the defaults of
# the table above, rounds alternating as above.
VARIANTS=()
variant() {
  local name=$1; shift
  start_articled --log-format off
  local bport=$APORT bpid=$APID
  start_articled "$@"
  local vport=$APORT vpid=$APID b=() v=() ratios=()
  for r in $(seq "$ROUNDS"); do
    local brps vrps
    if (( r % 2 )); then
      read -r brps _ _ _ < <(run_wrk "http://127.0.0.1:$bport/sections" 64)
      read -r vrps _ _ _ < <(run_wrk "http://127.0.0.1:$vport/sections" 64)
    else
      read -r vrps _ _ _ < <(run_wrk "http://127.0.0.1:$vport/sections" 64)
      read -r brps _ _ _ < <(run_wrk "http://127.0.0.1:$bport/sections" 64)
    fi
    b+=("$brps"); v+=("$vrps")
    ratios+=("$(awk -v a="$vrps" -v b="$brps" 'BEGIN {printf "%.2f", a/b}')")
  done
  VARIANTS+=("$(printf '| %-40s | %9s | %9s | %5s |' "$name" "$(printf '%s\n' "${v[@]}" | median)" \
    "$(printf '%s\n' "${b[@]}" | median)" "$(printf '%s\n' "${ratios[@]}" | median)")")
  stop_pid "$vpid"; stop_pid "$bpid"
}
variant "request log combined, to a file" --log-format combined
variant "request log json, to a file" --log-format json
variant "metrics off (--no-metrics)" --log-format off --no-metrics
variant "2 serving threads" --log-format off --threads 2

# json-server, the tool many would reach for instead.
JSON_SERVER=""
if command -v npm >/dev/null && [ "${BENCH_JSON_SERVER:-1}" = 1 ]; then
  if (cd "$WORK" && npm install --silent --no-audit --no-fund json-server@0.17.4 >/dev/null 2>&1); then
    python3 - "$WORK/sections.json" "$WORK/db.json" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1]))["items"]
json.dump({"sections": items}, open(sys.argv[2], "w"))
EOF
    JPORT=$(free_port)
    (cd "$WORK" && exec node node_modules/json-server/lib/cli/bin.js --port "$JPORT" --host 127.0.0.1 --quiet db.json) >/dev/null 2>&1 &
    JPID=$!
    PIDS+=("$JPID")
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$JPORT/sections" >/dev/null && break; sleep 0.1; done
    read -r jrps _ _ _ < <(run_wrk "http://127.0.0.1:$JPORT/sections" 64)
    read -r nrps _ _ _ < <(run_wrk "http://127.0.0.1:$NPORT/sections" 64)
    JSON_SERVER=$(awk -v a="$jrps" -v b="$nrps" 'BEGIN {printf "json-server 0.17.4: %.0f req/s, %.3f x nginx (%.0f req/s), RSS %d MB", a, a/b, b, 0}')
    JSON_SERVER="${JSON_SERVER% RSS*} RSS $(( $(rss_kb "$JPID") / 1024 )) MB"
    stop_pid "$JPID"
  else
    JSON_SERVER="json-server: npm could not install it here (skipped)"
  fi
fi

# --- parsing: time against size ------------------------------------------
make -s build/tools/articled-parse >/dev/null
python3 - "$WORK" <<'EOF'
import sys
seed = open("data/articles/000_617779ec1d6cc40c.txt").read()
header, rest = seed.split("\n\n", 1)
# The body's sections, repeated: a longer article of the same shape.
body, _, teasers = rest.rpartition("\n\n")
for n in (10, 100, 1000):
    open(f"{sys.argv[1]}/x{n}.txt", "w").write(header + "\n\n" + "\n\n".join([body] * n) + "\n\n" + teasers)
EOF
PARSE=()
for f in data/articles/000_617779ec1d6cc40c.txt "$WORK/x10.txt" "$WORK/x100.txt" "$WORK/x1000.txt"; do
  line=$(build/tools/articled-parse --time 3 "$f")
  bytes=$(sed -n 's/.*: \([0-9]*\) bytes.*/\1/p' <<<"$line")
  ms=$(sed -n 's/.*parsed in \([0-9.]*\) ms.*/\1/p' <<<"$line")
  PARSE+=("$(awk -v b="$bytes" -v m="$ms" -v f="$(basename "$f")" 'BEGIN {printf "| %-28s | %9d | %9.2f | %7.1f |", f, b, m, b/1048576/(m/1000)}')")
done

# --- POST /parse: texts in, documents out, on one serving thread ---------
# The reference in the same run is the parser alone on the same text
# (articled-parse --time: best of 20 parses, in process): the ratio says
# how much of one core's parsing rate survives HTTP, the document's JSON
# and its ETag.
POST=()
start_articled --log-format off
for f in data/articles/000_617779ec1d6cc40c.txt tests/articles/101_fishery-quotas.txt "$WORK/x10.txt"; do
  bytes=$(wc -c <"$f")
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain; charset=utf-8' \
    --data-binary @"$f" "http://127.0.0.1:$APORT/parse")
  [ "$status" = 200 ] || { echo "POST /parse of $f answered $status"; exit 1; }
  rates=()
  for r in $(seq "$ROUNDS"); do
    read -r rps _ p99 err < <(BENCH_BODY="$f" run_wrk "http://127.0.0.1:$APORT/parse" 4 -s bench/post_parse.lua)
    [ "$err" = 0 ] || { echo "POST /parse of $f: $err errors"; exit 1; }
    rates+=("$rps")
  done
  rps=$(printf '%s\n' "${rates[@]}" | median)
  ms=$(build/tools/articled-parse --time 20 "$f" | sed -n 's/.*parsed in \([0-9.]*\) ms.*/\1/p')
  POST+=("$(awk -v f="$(basename "$f")" -v b="$bytes" -v r="$rps" -v p="$p99" -v m="$ms" \
    'BEGIN {printf "| %-28s | %7d | %8.0f | %6.2f | %7.2f | %8.0f | %5.2f |", f, b, r, b*r/1048576, p, 1000/m, r/(1000/m)}')")
done
stop_pid "$APID"

# Startup to the first answer, and memory after loading the 1000x article.
start_timed --log-format off
STARTUP_MS=$READY_MS
stop_pid "$APID"
start_timed --log-format off --data "$WORK/x1000.txt"
BIG_RSS=$(( $(rss_kb "$APID") / 1024 ))
stop_pid "$APID"

# --- report ----------------------------------------------------------------
echo
echo "| scenario | req/s | p50 ms | p99 ms | errors | RSS after | articled/nginx req/s (median) | server CPU µs/request | articled/nginx CPU (median) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${TABLE[@]}"
echo
echo "| /sections keep-alive, 64 conns: variant | variant req/s | default req/s | ratio (median) |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${VARIANTS[@]}"
echo "(default: log off, metrics on, 1 thread; each ratio is variant/default, alternating rounds)"
echo
[ -n "$JSON_SERVER" ] && echo "$JSON_SERVER" && echo
echo "| POST /parse, 4 conns, 1 thread | bytes | req/s | MB/s in | p99 ms | parses/s alone | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${POST[@]}"
echo "(req/s: median of the rounds; parses/s alone: articled-parse --time 20, best; ratio: req/s / parses/s)"
echo
echo "| parse | bytes | ms (best of 3) | MB/s |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${PARSE[@]}"
echo
echo "articled: RSS after loading the shipped article ${STARTUP_RSS} MB, after the runs ${AFTER_RSS} MB;"
echo "startup to the first answer ${STARTUP_MS} ms; RSS serving the 1000x article ${BIG_RSS} MB."
