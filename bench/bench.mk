# The benchmarks measure the build the container ships: make PGO=1's
# build/pgo/articled, optimized with the profile of a training run
# (Makefile). BENCH_BIN=path measures another (BENCH_BIN=articled: the
# plain build).
BENCH_BIN ?= build/pgo/articled
.PHONY: bench-bin
bench-bin:
	@if [ "$(BENCH_BIN)" = build/pgo/articled ]; then \
	  $(MAKE) --no-print-directory PGO=1 build/pgo/articled; \
	elif [ "$(BENCH_BIN)" = articled ]; then \
	  $(MAKE) --no-print-directory PGO= SANITIZE= TSAN= articled; fi

# make bench: articled against nginx serving the same bytes (bench/run.sh),
# then the scale series (bench/scale.sh).
.PHONY: bench bench-scale
bench: bench-bin
	ARTICLED_BIN=$(abspath $(BENCH_BIN)) bench/run.sh
	ARTICLED_BIN=$(abspath $(BENCH_BIN)) bench/scale.sh

# make bench-scale: archives of 1 to 10,000 articles: time to the first
# answer, RSS per byte of text, load speed, cross-article lists.
bench-scale: bench-bin
	ARTICLED_BIN=$(abspath $(BENCH_BIN)) bench/scale.sh

# make bench-memory: requests/s and the request heads answered, per
# --connection-memory size (bench/memory.sh).
.PHONY: bench-memory
bench-memory: bench-bin
	ARTICLED_BIN=$(abspath $(BENCH_BIN)) bench/memory.sh

# make bench-compare BASE=OLD_BINARY: an older build against this one, in
# alternating rounds (bench/compare.sh): for changes that must not be slower.
.PHONY: bench-compare
bench-compare: bench-bin
	@test -n "$(BASE)" || { echo "usage: make bench-compare BASE=path/to/older/articled"; exit 2; }
	bench/compare.sh $(abspath $(BASE)) $(abspath $(BENCH_BIN))
