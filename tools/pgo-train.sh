#!/bin/bash
# pgo-train.sh BUILD_DIR - the training run of `make PGO=1`.
#
# Runs the instrumented build in BUILD_DIR (made with -fprofile-generate)
# on work like a deployment's, so that the optimized build is laid out
# for it: the parser over the test articles and the shipped one, a
# server loading them as a directory (the loader threads, the merge),
# and the requests its users make, on every list and with gzip. The
# counts go to the profile directory the build names; each process
# writes its share when it exits.
#
# Needs only bash (its /dev/tcp) and the build itself, so that it runs in
# the container's build stage too. The server listens on a free port of
# 127.0.0.1 (--port 0) and is stopped by its PID.
set -euo pipefail

build=${1:?usage: tools/pgo-train.sh BUILD_DIR}
server=$build/articled
parse=$build/tools/articled-parse
articles=(tests/articles/*.txt data/articles/*.txt)

# The parser, alone: each article parsed 20 times.
for f in "${articles[@]}"; do
	"$parse" --time 20 "$f" >/dev/null
done

log=$(mktemp)
pid=
stop() {
	if [ -n "$pid" ]; then
		kill -INT "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -f "$log"
}
trap stop EXIT

# The loaders and the merge, twice: a first load, then a reload (SIGHUP).
"$server" --host 127.0.0.1 --port 0 --log-format off --data tests/articles 2>"$log" &
pid=$!
port=
for _ in $(seq 1 200); do
	port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log")
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
	sleep 0.05
done
[ -n "$port" ] || { echo "pgo-train: the server did not start" >&2; cat "$log" >&2; exit 1; }

# One request on its own connection; the answer is read to its end.
get() {
	local path=$1 extra=${2:-}
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n' "$path" "$extra" >&3
	cat <&3 >/dev/null
	exec 3<&-
}

paths=(/ /healthz /article /sections /quotes /speakers /figures /reactions /articles
	"/articles?q=port" "/articles?q=the+fish" "/quotes?article=*" "/figures?article=*"
	"/reactions?article=*" "/speakers?article=*" "/quotes?kind=direct&limit=5"
	"/figures?kind=money&offset=2" "/search?q=said" "/search?q=million+tonnes"
	"/sections?limit=2&offset=1" /openapi.json /nothing-here "/quotes?limit=x")
for round in $(seq 1 10); do
	for p in "${paths[@]}"; do
		get "$p"
		get "$p" $'Accept-Encoding: gzip\r\n'
	done
	if [ "$round" = 5 ]; then
		kill -HUP "$pid"
		# The reload is done when the generation after it answers.
		for _ in $(seq 1 200); do
			exec 3<>"/dev/tcp/127.0.0.1/$port"
			printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
			body=$(cat <&3)
			exec 3<&-
			case $body in *'"generation":2'*) break ;; esac
			sleep 0.05
		done
	fi
done
