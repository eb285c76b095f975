# make bench: articled against nginx serving the same bytes (bench/run.sh),
# then the scale series (bench/scale.sh).
.PHONY: bench bench-scale
bench: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/run.sh
	ARTICLED_BIN=$(abspath $(BIN)) bench/scale.sh

# make bench-scale: archives of 1 to 10,000 articles: time to the first
# answer, RSS per byte of text, load speed, cross-article lists.
bench-scale: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/scale.sh

# make bench-memory: requests/s and the request heads answered, per
# --connection-memory size (bench/memory.sh).
.PHONY: bench-memory
bench-memory: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/memory.sh

# make bench-compare BASE=OLD_BINARY: an older build against this one, in
# alternating rounds (bench/compare.sh): for changes that must not be slower.
.PHONY: bench-compare
bench-compare: $(BIN)
	@test -n "$(BASE)" || { echo "usage: make bench-compare BASE=path/to/older/articled"; exit 2; }
	bench/compare.sh $(abspath $(BASE)) $(abspath $(BIN))
