# make bench: articled against nginx serving the same bytes (bench/run.sh).
.PHONY: bench
bench: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/run.sh
