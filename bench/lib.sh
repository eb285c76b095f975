# bench/lib.sh - what the benchmark scripts share: a scratch directory and
# the processes they started, both gone on exit; starting articled on a
# free port, stopping by PID, and running wrk. Sourced by bench/run.sh and
# bench/memory.sh from the top of the tree, after they set BIN and
# SECONDS_PER_RUN.

WORK=$(mktemp -d /tmp/articled-bench-XXXXXX)
chmod 755 "$WORK" # nginx workers run as an unprivileged user
PIDS=()

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench: failed at line $LINENO" >&2' ERR

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts articled with extra flags; sets APORT and APID. Its stderr (the
# request log, when on) goes to a file, as an operator's would.
start_articled() {
  local log="$WORK/articled-$RANDOM.log"
  "$BIN" --host 127.0.0.1 --port 0 "$@" 2>"$log" &
  APID=$!
  PIDS+=("$APID")
  for _ in $(seq 100); do
    APORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$APORT" ] && return 0
    sleep 0.05
  done
  echo "articled did not start:"; cat "$log"; exit 1
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# CPU time of a process so far, in clock ticks (user + system).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# wrk, installed when missing and we are root; else says how and exits.
need_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
  else
    echo "bench needs wrk (sudo apt-get install wrk)" >&2; exit 1
  fi
}

# Runs wrk; prints "rps p50_ms p99_ms errors", and with CPU_PID set, the
# CPU time that process spent per request (µs, user + system, from /proc)
# as a fifth field.
run_wrk() {
  local url=$1 conns=$2; shift 2
  local out before=0
  [ -n "${CPU_PID:-}" ] && before=$(cpu_ticks "$CPU_PID")
  out=$(wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" 2>&1)
  local cpu=""
  if [ -n "${CPU_PID:-}" ]; then
    local ticks=$(( $(cpu_ticks "$CPU_PID") - before )) reqs
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    cpu=" $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="${reqs:-0}" 'BEGIN {printf "%.2f", n ? t * 1e6 / hz / n : 0}')"
  fi
  local rps p50 p99 errs non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $(( ${errs:-0} + ${non2xx:-0} ))$cpu"
}
to_ms() { awk -v v="$1" 'BEGIN { u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
  f=(u=="us")?0.001:(u=="ms")?1:(u=="s")?1000:1; printf "%.2f", v*f }'; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
