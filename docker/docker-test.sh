#!/usr/bin/env bash
# docker-test.sh - build docker/Dockerfile and check the running image.
# Run by `make docker-test`, from anywhere in the repository.
#
# Uses Docker when an engine answers (`docker info`), else Podman, set up as on
# a Debian machine with no Docker engine and no registry:
#   - installs podman runc netavark iptables debootstrap curl if missing (root);
#   - makes the base image localhost/debian:bookworm-slim with debootstrap from
#     the mirror apt itself uses (read with `apt-get indextargets`), once;
#   - keeps everything in a private store under $ARTICLED_PODMAN_STATE
#     (default /var/tmp/articled-podman), so warm runs reuse base and layers;
#   - runc, cgroupfs, file events, explicit ulimits, --format docker (keeps the
#     HEALTHCHECK), --pull=never (nothing is pulled).
#
# Then: builds the image, reports its size, runs it read-only with no
# capabilities on a loopback port, checks /healthz, /sections, /reactions, the
# image's own health check, that it runs as non-root, and that `stop` ends it
# quickly with exit code 0. The container is always removed. Every wait is
# bounded and only 127.0.0.1 is contacted.
#
# Environment:
#   ARTICLED_ENGINE=docker|podman   force an engine (default: docker if it answers)
#   ARTICLED_PODMAN_STATE=DIR       Podman store and base image cache
#   ARTICLED_REBASE=1               rebuild the base image (e.g. for updates)
#   ARTICLED_TEST_PORT=N            host port to publish (default: a free one)
#   ARTICLED_IMAGE=NAME             image tag (default: localhost/articled:test)

set -euo pipefail

now_ms() { date +%s%3N; }
T0=$(now_ms)

log() { printf 'docker-test: %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
secs() { # milliseconds -> "12.3 s"
	local ms=$1
	printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
{ [ -f docker/Dockerfile ] && [ -f Makefile ]; } || fail "run from the articled repository"

IMAGE=${ARTICLED_IMAGE:-localhost/articled:test}
NAME=articled-test-$$
BASE=localhost/debian:bookworm-slim
STATE=${ARTICLED_PODMAN_STATE:-/var/tmp/articled-podman}
LABEL=articled-docker-test=1
ULIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/articled-docker-test.XXXXXX")
STARTED=0      # a container was created: remove it on exit
PASSED=0
TIMINGS=()     # "phase seconds" lines, printed at the end

phase_start() { PHASE_T=$(now_ms); }
phase_end() { TIMINGS+=("$(printf '%-22s %s' "$1" "$(secs $(($(now_ms) - PHASE_T)))")"); }

# ---------------------------------------------------------------- engine

if [ -n "${ARTICLED_ENGINE:-}" ]; then
	ENGINE=$ARTICLED_ENGINE
elif command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1; then
	ENGINE=docker
else
	ENGINE=podman
fi
case $ENGINE in docker | podman) ;; *) fail "ARTICLED_ENGINE must be docker or podman" ;; esac

# ENG: the engine command, with the private store and settings for Podman.
if [ "$ENGINE" = docker ]; then
	ENG=(docker)
else
	# Without systemd Podman cannot make health-check timers and says so on
	# every run and stop; DISABLE_HC_SYSTEMD skips them (the test runs the
	# check itself with `podman healthcheck run`).
	ENG=(env DISABLE_HC_SYSTEMD=true podman --root "$STATE/storage" --runroot "$STATE/run" --tmpdir "$STATE/run/libpod"
		--runtime runc --cgroup-manager cgroupfs --events-backend file)
fi

# eng SECONDS ARGS...: the engine, with a time limit.
eng() {
	local t=$1
	shift
	timeout --kill-after=10 "$t" "${ENG[@]}" "$@"
}

# bounded SECONDS COMMAND...: a command with a time limit.
bounded() {
	local t=$1
	shift
	timeout --kill-after=10 "$t" "$@"
}

# On every exit: remove the container (with its log first if something
# failed), then print the timings and the verdict last.
cleanup() {
	local rc=$? line total
	set +e
	trap - EXIT INT TERM HUP
	if [ "$STARTED" = 1 ]; then
		if [ "$PASSED" != 1 ]; then
			log "container log (last 30 lines):"
			eng 20 logs --tail 30 "$NAME" 2>&1 | sed 's/^/    /' >&2
		fi
		eng 60 rm -f "$NAME" >/dev/null 2>&1 || log "could not remove container $NAME"
	fi
	rm -rf "$WORK"
	total=$(($(now_ms) - T0))
	log "timings:"
	for line in "${TIMINGS[@]}"; do log "  $line"; done
	log "  $(printf '%-22s %s' total "$(secs "$total")")"
	if [ "$PASSED" = 1 ] && [ "$rc" = 0 ]; then
		if [ "$ENGINE" = podman ] && [ -d "$STATE" ]; then
			# Earlier totals, to compare a warm run with the cold one.
			[ ! -s "$STATE/timings.log" ] ||
				log "  (earlier totals: $(tail -n 5 "$STATE/timings.log" | awk '{ printf "%s ", $2 }'))"
			printf '%s %s\n' "$(date -u +%FT%TZ)" "$(secs "$total" | tr -d ' ')" >>"$STATE/timings.log"
		fi
		log PASS
	else
		[ "$rc" != 0 ] || rc=1
		log "FAIL (exit $rc)"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM HUP

log "engine: $ENGINE"

# ---------------------------------------------------------------- podman setup

# Installs the Debian packages Podman needs here; netavark needs iptables to
# publish ports but does not depend on it, and crun (the default runtime)
# fails on this kind of kernel, hence runc.
podman_packages() {
	local p missing=()
	for p in podman runc netavark iptables debootstrap curl; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
	done
	[ ${#missing[@]} = 0 ] && return 0
	[ "$(id -u)" = 0 ] || fail "missing packages: ${missing[*]} (run as root, or apt-get install them)"
	command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
	log "installing ${missing[*]}"
	bounded 300 apt-get update -qq || fail "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive bounded 900 apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >"$WORK/apt.log" 2>&1 || {
		tail -20 "$WORK/apt.log" >&2
		fail "apt-get install ${missing[*]} failed"
	}
}

# The URI apt uses for suite $1 (e.g. bookworm-security), from apt's own
# configuration: no host name is written into the repository.
# shellcheck disable=SC2016 # $(...) are apt's format fields, not the shell's
apt_uri() {
	apt-get indextargets --no-release-info --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' 2>/dev/null |
		awk -v r="$1" '$1 == "deb" && $2 == r { print $3; exit }'
}

# Makes localhost/debian:bookworm-slim from Debian's packages (the registry
# cannot be reached), like the official slim image: minbase, apt sources for
# bookworm, -updates and -security, no docs, man pages or apt caches.
podman_base() {
	if [ "${ARTICLED_REBASE:-0}" != 1 ] && eng 30 image exists "$BASE" 2>/dev/null; then
		log "base image $BASE: cached"
		return 0
	fi
	command -v debootstrap >/dev/null || fail "debootstrap is missing"
	local mirror security
	mirror=$(apt_uri bookworm)
	security=$(apt_uri bookworm-security)
	# shellcheck disable=SC2016 # apt's format fields
	[ -n "$mirror" ] || mirror=$(apt-get indextargets --no-release-info --format '$(TARGET_OF) $(REPO_URI)' |
		awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }')
	[ -n "$mirror" ] || fail "no Debian mirror in apt's configuration (apt-get indextargets)"
	[ -n "$security" ] || security="${mirror%/}-security/"
	mirror=${mirror%/}/
	security=${security%/}/

	log "base image $BASE: debootstrap bookworm (minbase)"
	local rootfs="$STATE/base-rootfs"
	rm -rf "$rootfs"
	mkdir -p "$rootfs"
	bounded 900 debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 || {
		tail -20 "$WORK/debootstrap.log" >&2
		rm -rf "$rootfs"
		fail "debootstrap failed"
	}

	# apt sources for the three suites, and the host's date checks: the
	# archive may be a snapshot whose Release files are past Valid-Until.
	printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
		"$mirror" "$mirror" "$security" >"$rootfs/etc/apt/sources.list"
	apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date) ' \
		>"$rootfs/etc/apt/apt.conf.d/99host-date-checks" || rm -f "$rootfs/etc/apt/apt.conf.d/99host-date-checks"

	# As the official slim image: no docs, man pages or translations from
	# later installs, and apt keeps no package caches in layers.
	printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
		'path-exclude /usr/share/man/*' 'path-exclude /usr/share/groff/*' \
		'path-exclude /usr/share/info/*' 'path-exclude /usr/share/lintian/*' \
		'path-exclude /usr/share/linda/*' 'path-exclude /usr/share/locale/*' \
		'path-include /usr/share/locale/locale.alias' >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
	printf '%s\n' \
		'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
		'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
		'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' >"$rootfs/etc/apt/apt.conf.d/docker-clean"
	find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
	find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
	rm -rf "$rootfs/usr/share/man/"* "$rootfs/usr/share/info/"* "$rootfs/usr/share/locale/"* \
		"$rootfs/var/cache/apt/"*.bin "$rootfs/var/cache/apt/archives/"*.deb \
		"$rootfs/var/lib/apt/lists/"* "$rootfs/var/log/"*.log "$rootfs/var/log/apt/"* \
		"$rootfs/etc/resolv.conf" "$rootfs/etc/hostname" "$rootfs/etc/machine-id"
	: >"$rootfs/etc/machine-id" # the engine provides resolv.conf and hostname

	bounded 300 tar --numeric-owner -C "$rootfs" -c . |
		eng 300 import --message "debian bookworm minbase (debootstrap)" - "$BASE" >/dev/null 2>"$WORK/import.log" || {
		cat "$WORK/import.log" >&2
		fail "podman import of the base image failed"
	}
	rm -rf "$rootfs"
}

# ---------------------------------------------------------------- setup

phase_start
if [ "$ENGINE" = podman ]; then
	[ "$(id -u)" = 0 ] || fail "the Podman path runs as root (rootless Podman is not set up here); or use Docker"
	podman_packages
	command -v curl >/dev/null || fail "curl is missing"
	mkdir -p "$STATE"
	# One run at a time per store.
	exec 9>"$STATE/lock"
	flock -w 600 9 || fail "another docker-test holds $STATE/lock"
	free_mb=$(df -Pm "$STATE" | awk 'NR == 2 { print $4 }')
	[ "$free_mb" -ge 1024 ] || fail "only ${free_mb} MB free under $STATE (a build needs about 500 MB)"
	# Containers a killed earlier run left behind (we hold the lock).
	stale=$(eng 30 ps -a -q --filter "label=$LABEL" 2>/dev/null || true)
	# shellcheck disable=SC2086 # one id per word
	[ -z "$stale" ] || eng 60 rm -f $stale >/dev/null 2>&1 || true
	podman_base
else
	command -v curl >/dev/null || fail "curl is missing"
fi
phase_end setup

# ---------------------------------------------------------------- build

phase_start
log "building $IMAGE from docker/Dockerfile"
if [ "$ENGINE" = podman ]; then
	build=(build --format docker --pull=never --layers "${ULIMITS[@]}")
else
	build=(build)
fi
eng 1200 "${build[@]}" -f docker/Dockerfile -t "$IMAGE" . >"$WORK/build.log" 2>&1 || {
	tail -40 "$WORK/build.log" >&2
	fail "image build failed"
}
phase_end build
# Podman says "Using cache", Docker's BuildKit "CACHED", for each reused step.
log "build: $(grep -ciE 'using cache|cached' "$WORK/build.log" || true) steps from cache"

# Each changed source leaves a few MB of old layers behind; past 3 GB, drop
# the untagged images no container uses (the next build recompiles once).
if [ "$ENGINE" = podman ]; then
	used_mb=$(du -sm "$STATE/storage" 2>/dev/null | awk '{ print $1 }')
	if [ "${used_mb:-0}" -gt 3072 ]; then
		log "store holds ${used_mb} MB: pruning untagged images"
		eng 300 image prune -f >/dev/null || log "image prune failed (ignored)"
	fi
fi

size=$(eng 30 image inspect --format '{{.Size}}' "$IMAGE")
log "image $IMAGE: $(awk -v b="$size" 'BEGIN { printf "%.1f MB (%.1f MiB)", b / 1e6, b / 1048576 }')"
# Podman drops it unless built with --format docker; its inspect template
# names the field .HealthCheck (the JSON says "Healthcheck").
hcfield=.Config.Healthcheck
[ "$ENGINE" = docker ] || hcfield=.HealthCheck
hc=$(eng 30 image inspect --format "{{json $hcfield}}" "$IMAGE" 2>/dev/null || true)
case $hc in *health-check*) ;; *) fail "the image has no HEALTHCHECK (got: ${hc:-nothing})" ;; esac

# ---------------------------------------------------------------- run

phase_start
run=(run -d --name "$NAME" --label "$LABEL" --read-only --cap-drop ALL
	--security-opt no-new-privileges -p "127.0.0.1:${ARTICLED_TEST_PORT:-}:8080")
[ "$ENGINE" = podman ] && run+=(--pull=never "${ULIMITS[@]}")
STARTED=1
eng 60 "${run[@]}" "$IMAGE" >/dev/null || fail "could not start the container"

# The engine picked a free loopback port (unless ARTICLED_TEST_PORT was set).
hostport=$(eng 20 port "$NAME" 8080/tcp | head -1)
PORT=${hostport##*:}
case $PORT in '' | *[!0-9]*) fail "no published port for 8080 (got '$hostport')" ;; esac
case $hostport in 127.0.0.1:*) ;; *) fail "port published on $hostport, not 127.0.0.1" ;; esac
URL=http://127.0.0.1:$PORT
log "container $NAME on $URL"

get() { curl -fsS --noproxy '*' --max-time 5 "$URL$1"; }

deadline=$(($(now_ms) + 20000))
until body=$(get /healthz 2>/dev/null); do
	state=$(eng 30 inspect --format '{{.State.Status}}' "$NAME" 2>/dev/null || echo gone)
	[ "$state" = running ] || fail "container is $state before answering"
	[ "$(now_ms)" -lt "$deadline" ] || fail "no answer from $URL/healthz within 20 s"
	sleep 0.2
done
phase_end "start to /healthz"

# ---------------------------------------------------------------- checks

phase_start
ws='[[:space:]]*'
[[ $body =~ \"status\"$ws:$ws\"ok\" ]] || fail "/healthz: no \"status\":\"ok\" in: $body"
log "ok: GET /healthz -> ${body:0:60}..."

body=$(get /sections) || fail "GET /sections failed"
[[ $body =~ ^\{$ws\"total\"$ws:$ws([0-9]+) ]] || [[ $body =~ \"total\"$ws:$ws([0-9]+) ]] ||
	fail "/sections: no total in: ${body:0:200}"
[ "${BASH_REMATCH[1]}" = 5 ] || fail "/sections: total is ${BASH_REMATCH[1]}, expected 5"
log "ok: GET /sections -> total 5"

body=$(get /reactions) || fail "GET /reactions failed"
[[ $body =~ \"items\"$ws:$ws\[$ws\{ ]] || fail "/reactions: no items in: ${body:0:200}"
log "ok: GET /reactions -> items"

body=$(get '/quotes?format=csv&limit=100000') || fail "GET /quotes?format=csv failed"
[[ ${body%%$'\r'*} == id,kind,speaker,* ]] || fail "/quotes?format=csv: no header row in: ${body:0:200}"
log "ok: GET /quotes?format=csv -> $(printf '%s' "$body" | grep -c $'\r$') records with the header"

article=$'Ferry to the island\n\nThe new ferry took 120 passengers on its first trip, the captain said.\n'
body=$(curl -fsS --noproxy '*' --max-time 5 -H 'Content-Type: text/plain; charset=utf-8' \
	--data-binary "$article" "$URL/parse") || fail "POST /parse failed"
[[ $body =~ \"title\"$ws:$ws\"Ferry\ to\ the\ island\" ]] || fail "POST /parse: not the article: ${body:0:200}"
log "ok: POST /parse -> the whole model of a posted article"

# The image's own HEALTHCHECK (articled --health-check, run in the container).
deadline=$(($(now_ms) + 30000))
if [ "$ENGINE" = podman ]; then
	until out=$(eng 15 healthcheck run "$NAME" 2>&1); do
		if [ "$(now_ms)" -ge "$deadline" ]; then
			eng 20 run --rm --pull=never "${ULIMITS[@]}" "$IMAGE" --help 2>&1 |
				grep -q -- --health-check || log "hint: this articled has no --health-check option"
			fail "healthcheck not healthy within 30 s: $out"
		fi
		sleep 1
	done
	health=healthy
else
	# Docker runs the check itself, the first time after --interval (10 s).
	until health=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$NAME") &&
		[ "$health" = healthy ]; do
		[ "$health" != unhealthy ] || fail "healthcheck: unhealthy"
		[ "$(now_ms)" -lt "$deadline" ] || fail "healthcheck not healthy within 30 s (status '$health')"
		sleep 1
	done
fi
log "ok: healthcheck -> $health"

# Non-root: the configured user, and the user the process really runs as
# (the image has no `id` to exec; `top` reads it from the host side).
user=$(eng 30 inspect --format '{{.Config.User}}' "$NAME")
case ${user%%:*} in '' | root | 0) fail "container user is '${user:-<none>}' (root)" ;; esac
if [ "$ENGINE" = podman ]; then
	procs=$(eng 20 top "$NAME" user huser)
else
	procs=$(bounded 20 docker top "$NAME" -o user,uid)
fi
[ "$(printf '%s\n' "$procs" | awk 'NR > 1' | wc -l)" -ge 1 ] || fail "no processes in: $procs"
if printf '%s\n' "$procs" | awk 'NR > 1 { for (i = 1; i <= NF; i++) if ($i == "root" || $i == "0") bad = 1 } END { exit !bad }'; then
	fail "a process runs as root: $procs"
fi
log "ok: runs as $user ($(printf '%s\n' "$procs" | awk 'NR == 2 { $1 = $1; print }'))"
phase_end checks

# ---------------------------------------------------------------- stop

phase_start
t=$(now_ms)
eng 30 stop -t 10 "$NAME" >/dev/null || fail "stop failed"
stop_ms=$(($(now_ms) - t))
code=$(eng 30 inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$stop_ms" -lt 3000 ] || fail "stop took $(secs "$stop_ms") (limit 3 s): SIGTERM not handled?"
[ "$code" = 0 ] || fail "exit code after stop is $code, expected 0"
log "ok: stop in ${stop_ms} ms, exit code 0"
phase_end stop

PASSED=1
