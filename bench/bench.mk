# make bench: articled against nginx serving the same bytes (bench/run.sh).
.PHONY: bench
bench: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/run.sh

# make bench-memory: requests/s and the request heads answered, per
# --connection-memory size (bench/memory.sh).
.PHONY: bench-memory
bench-memory: $(BIN)
	ARTICLED_BIN=$(abspath $(BIN)) bench/memory.sh
