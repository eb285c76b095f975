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

# Waits for the 200 of /healthz at port $1 from the articled whose PID the
# file $2 will hold, once it is started; prints the wall-clock time of that
# answer (ns, as `date +%s%N`). Call it in the background, wait for the file
# $2.polling to appear, then start the server and write its PID to $2: the
# poller's own start-up is then not part of what it times. One process polls
# every 10 ms through a fresh connection: a curl started per poll costs some
# milliseconds of CPU each, which on a 2-core machine took a quarter of a
# core from the load being timed (1.5 s instead of 1.2 s at 10,000 articles).
# Exits 1 if the server is gone before it answers, or has not answered 200
# within BENCH_READY_LIMIT seconds (600).
poll_healthy() {
  python3 - "$1" "$2" "${BENCH_READY_LIMIT:-600}" <<'PY'
import http.client, sys, time
port, pidfile, limit = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
open(pidfile + ".polling", "w").close()
pid = None
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/healthz")
        r = c.getresponse()
        r.read()
        c.close()
        if r.status == 200:
            print(time.time_ns())
            sys.exit(0)
    except OSError:
        pass
    try:
        if pid is None:
            with open(pidfile) as f:
                pid = int(f.read().strip() or "0") or None
        if pid is not None:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    sys.exit(1)
    except FileNotFoundError:
        if pid is not None:
            sys.exit(1)
    except ValueError:
        pass
    time.sleep(0.01)
sys.exit(1)
PY
}

# Starts articled with extra flags on a free port and waits for its first
# 200 of /healthz; sets APID, APORT, ALOG (its stderr) and READY_MS (from
# just before the exec to that answer). The poller is started first, so
# that its own start-up is not timed.
start_timed() {
  local pidfile="$WORK/timed-$RANDOM.pid" poller t0 t1
  ALOG="$WORK/timed-$RANDOM.log"
  APORT=$(free_port)
  poll_healthy "$APORT" "$pidfile" >"$pidfile.ready" &
  poller=$!
  PIDS+=("$poller")
  until [ -e "$pidfile.polling" ]; do sleep 0.01; done
  t0=$(date +%s%N)
  "$BIN" --host 127.0.0.1 --port "$APORT" "$@" 2>"$ALOG" &
  APID=$!
  PIDS+=("$APID")
  echo "$APID" >"$pidfile"
  wait "$poller" || { echo "articled did not start:"; cat "$ALOG"; exit 1; }
  t1=$(cat "$pidfile.ready")
  READY_MS=$(( (t1 - t0) / 1000000 ))
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
