# fuzz/fuzz.mk - coverage-guided fuzzing with libFuzzer (see fuzz/README.md).
#
# Included by the top Makefile, so it runs from the top of the source tree
# (where builtin_tables.S and builtin_web.S find their .incbin files).
#
#   make fuzz                    regressions, then each harness for FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=600   longer
#   make fuzz-regressions        run the seeds and known crashers once each
#   make fuzz-build              only build build/fuzz/fuzz_*
#   make fuzz-clean              remove build/fuzz (found corpus included)
#
# Every variable here starts with FUZZ_; the only one taken from the top
# Makefile is CPPFLAGS (-D_GNU_SOURCE, ARTICLED_VERSION, DEFAULT_ARTICLE).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
# libFuzzer flags of every timed run. -entropic=0: entropic scheduling keeps
# a list of the inputs' rarest features and, for every feature of every run,
# looks it up there; in the first minutes of a run from the seeds that list
# is long, and the lookups took about 60% of fuzz_parser's time. Without it,
# 30 s runs reached more edges, at about 2.5 times the executions. A long
# campaign may want it back: FUZZ_FLAGS=-entropic=1 (the last flag wins).
FUZZ_RUN_FLAGS := -entropic=0
# Extra libFuzzer flags for the timed runs, e.g. FUZZ_FLAGS='-jobs=4 -workers=4'.
FUZZ_FLAGS ?=
FUZZ_HARNESSES := fuzz_parser fuzz_request fuzz_headers fuzz_http
FUZZ_MAXLEN_fuzz_parser ?= 65536
FUZZ_MAXLEN_fuzz_request ?= 4096
FUZZ_MAXLEN_fuzz_headers ?= 4096
# A little more than its server's 4 KiB of connection memory.
FUZZ_MAXLEN_fuzz_http ?= 6000

FUZZ_OUT := build/fuzz
FUZZ_OBJDIR := $(FUZZ_OUT)/obj
FUZZ_PKGS := libmicrohttpd jansson zlib
FUZZ_PKG_CFLAGS := $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null)
FUZZ_PKG_LIBS := $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null)

FUZZ_CFLAGS := -g -O1 -std=c11 -pthread -fno-omit-frame-pointer -Wall -Wextra \
	-Wno-missing-field-initializers
FUZZ_SANITIZERS := address,undefined -fno-sanitize-recover=undefined
# Project code: instrumented for coverage and the sanitizers, no main.
FUZZ_LIB_FLAGS := -fsanitize=fuzzer-no-link,$(FUZZ_SANITIZERS)
# text/ and parser/ without comparison tracing. What they compare is a byte
# against a class (a digit, a quote mark, a UTF-8 lead byte), which
# mutations find unaided, or a word's hash against a table's, which tracing
# cannot invert: the tables' words reach the fuzzer through a dictionary
# instead (fuzz/tables_dict.awk). The tracing calls were half of
# fuzz_parser's time. The layers above keep it: their comparisons are with
# header names, query parameters and methods.
FUZZ_UNTRACED_DIRS := text parser
# Harnesses: compiled with the sanitizers but no coverage, since what
# their code does is check invariants (what the fuzzer must never reach):
# its branches would be features to track and comparisons to trace, all
# noise. (fuzz_parser's JSON checker, so instrumented, cost as much as
# loading the text with jansson.) Linked with libFuzzer's main.
FUZZ_HARNESS_FLAGS := -fsanitize=$(FUZZ_SANITIZERS)
FUZZ_BIN_FLAGS := -fsanitize=fuzzer,$(FUZZ_SANITIZERS)
FUZZ_RUN_ENV := UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0

# The server too, all but main(): fuzz_http runs its loops.
FUZZ_SRC := $(wildcard text/*.c parser/*.c served/*.c api/*.c handlers/*.c http/*.c) \
	$(filter-out server/main.c,$(wildcard server/*.c))
FUZZ_OBJ := $(FUZZ_SRC:%.c=$(FUZZ_OBJDIR)/%.o) $(FUZZ_OBJDIR)/parser/builtin_tables.o \
	$(FUZZ_OBJDIR)/served/builtin_web.o
FUZZ_BINS := $(FUZZ_HARNESSES:%=$(FUZZ_OUT)/%)
# The objects as an archive, so that each harness links only what it can
# reach: fuzz_parser then carries no server code, and libFuzzer's scans of
# the coverage counters after every run are a third shorter.
FUZZ_ARCHIVE := $(FUZZ_OUT)/libarticled.a
# The words of the data tables, for the harnesses that read article text.
FUZZ_DICT := $(FUZZ_OUT)/tables.dict
FUZZ_DICT_fuzz_parser := $(FUZZ_DICT)
# Whole articles that fuzz-regressions replays besides the seeds: the test
# articles and the shipped one. They are no seeds, since a run's speed
# follows its inputs' size (see fuzz/README.md).
FUZZ_REPLAY_fuzz_parser := tests/articles data/articles
FUZZ_EMPTY :=
FUZZ_SPACE := $(FUZZ_EMPTY) $(FUZZ_EMPTY)
# What builtin_tables.S and builtin_web.S .incbin (no dependency scanner sees it).
FUZZ_EMBEDDED := $(wildcard data/*.tsv data/*.txt data/articles/*.txt)
FUZZ_ASSETS := $(wildcard web/openapi.json web/index.html)

.PHONY: fuzz fuzz-build fuzz-regressions fuzz-clean

fuzz-build: $(FUZZ_BINS) $(FUZZ_DICT)

# Every object and harness depends on this file, which holds their flags:
# a change of flags here rebuilds them (an old object would measure, and
# fuzz, the old build).
$(FUZZ_OBJDIR)/%.o: %.c fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	@printf '  %-6s %s\n' FUZZCC $<
	@$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_PKG_CFLAGS) $(FUZZ_CFLAGS) $(FUZZ_LIB_FLAGS) \
		$(FUZZ_TRACE_FLAGS) -MMD -MP -c -o $@ $<

$(foreach d,$(FUZZ_UNTRACED_DIRS),$(FUZZ_OBJDIR)/$(d)/%.o): \
	FUZZ_TRACE_FLAGS := -fno-sanitize-coverage=trace-cmp

$(FUZZ_ARCHIVE): $(FUZZ_OBJ)
	@printf '  %-6s %s\n' FUZZAR $@
	@rm -f $@ && ar rcs $@ $(FUZZ_OBJ)

$(FUZZ_DICT): fuzz/tables_dict.awk $(wildcard data/*.tsv data/*.txt)
	@mkdir -p $(dir $@)
	@printf '  %-6s %s\n' DICT $@
	@LC_ALL=C awk -f fuzz/tables_dict.awk $(wildcard data/*.tsv data/*.txt) > $@.tmp \
		&& mv $@.tmp $@

$(FUZZ_OBJDIR)/parser/builtin_tables.o: parser/builtin_tables.S $(FUZZ_EMBEDDED)
	@mkdir -p $(dir $@)
	@printf '  %-6s %s\n' FUZZAS $<
	@$(FUZZ_CC) $(CPPFLAGS) -c -o $@ $<

$(FUZZ_OBJDIR)/served/builtin_web.o: served/builtin_web.S $(FUZZ_ASSETS)
	@mkdir -p $(dir $@)
	@printf '  %-6s %s\n' FUZZAS $<
	@$(FUZZ_CC) $(CPPFLAGS) -c -o $@ $<

$(FUZZ_OBJDIR)/fuzz/%.o: fuzz/%.c fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	@printf '  %-6s %s\n' FUZZCC $<
	@$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_PKG_CFLAGS) $(FUZZ_CFLAGS) $(FUZZ_HARNESS_FLAGS) -MMD -MP \
		-c -o $@ $<

$(FUZZ_BINS): $(FUZZ_OUT)/%: $(FUZZ_OBJDIR)/fuzz/%.o $(FUZZ_ARCHIVE) fuzz/fuzz.mk
	@printf '  %-6s %s\n' FUZZLD $@
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_BIN_FLAGS) -o $@ $< $(FUZZ_ARCHIVE) $(FUZZ_PKG_LIBS) -lm

-include $(wildcard $(FUZZ_OBJDIR)/*/*.d)

# Each harness once over its seeds and its known crashers, as plain inputs
# (file arguments: libFuzzer runs each and stops, no fuzzing). Fails if any
# input crashes, leaks, or breaks an invariant.
fuzz-regressions: $(FUZZ_BINS)
	@mkdir -p $(FUZZ_OUT)/logs $(FUZZ_OUT)/artifacts
	@failed=""; \
	for hr in $(foreach h,$(FUZZ_HARNESSES),$(h):$(subst $(FUZZ_SPACE),+,$(strip $(FUZZ_REPLAY_$(h))))); do \
	  h=$${hr%%:*}; replay=$$(echo "$${hr#*:}" | tr + ' '); \
	  files=$$(for d in fuzz/regressions/$$h fuzz/corpus/$$h $$replay; do \
	             find $$d -type f ! -name .gitkeep 2>/dev/null | LC_ALL=C sort; done); \
	  n=$$(printf '%s\n' $$files | grep -c . || true); \
	  log=$(FUZZ_OUT)/logs/$$h-regressions.log; \
	  if [ "$$n" = 0 ]; then echo "  $$h: no inputs"; continue; fi; \
	  if $(FUZZ_RUN_ENV) $(FUZZ_OUT)/$$h -timeout=10 -rss_limit_mb=2048 \
	       -artifact_prefix=$(FUZZ_OUT)/artifacts/$$h-regression- $$files >$$log 2>&1; then \
	    echo "  $$h: $$n inputs pass (fuzz/regressions/$$h, fuzz/corpus/$$h$${replay:+, $$replay})"; \
	  else \
	    failed="$$failed $$h"; \
	    echo "  $$h: FAILED on $$(grep '^Running: ' $$log | tail -n 1 | cut -c 10-)"; \
	    grep -m 1 -A 16 -E '==ERROR|runtime error|invariant broken|ERROR: libFuzzer' $$log \
	      | sed 's/^/    /'; \
	    echo "    full log: $$log"; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz-regressions: failed:$$failed"; exit 1; fi

# Fuzzes each harness for FUZZ_SECONDS on a copy of its corpus in
# build/fuzz/corpus/<harness> (new inputs go there, not into fuzz/corpus),
# then prints a summary. Fails if any harness found a crash.
fuzz: fuzz-regressions $(FUZZ_BINS) $(FUZZ_DICT)
	@mkdir -p $(FUZZ_OUT)/logs $(FUZZ_OUT)/artifacts
	@failed=""; \
	for hmd in $(foreach h,$(FUZZ_HARNESSES),$(h):$(FUZZ_MAXLEN_$(h)):$(FUZZ_DICT_$(h))); do \
	  h=$${hmd%%:*}; md=$${hmd#*:}; max=$${md%%:*}; dict=$${md#*:}; \
	  corpus=$(FUZZ_OUT)/corpus/$$h; log=$(FUZZ_OUT)/logs/$$h.log; \
	  mkdir -p $$corpus; cp -Rf fuzz/corpus/$$h/. $$corpus/; \
	  echo "== $$h: $(FUZZ_SECONDS)s, -max_len=$$max$${dict:+, -dict=$$dict}, corpus $$corpus, log $$log"; \
	  if ! $(FUZZ_RUN_ENV) $(FUZZ_OUT)/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=$$max \
	       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $${dict:+-dict=$$dict} \
	       -artifact_prefix=$(FUZZ_OUT)/artifacts/$$h- $(FUZZ_RUN_FLAGS) $(FUZZ_FLAGS) \
	       $$corpus >$$log 2>&1; then \
	    failed="$$failed $$h"; \
	    grep -m 1 -A 24 -E '==ERROR|runtime error|invariant broken|ERROR: libFuzzer' $$log \
	      | sed 's/^/    /'; \
	  fi; \
	done; \
	echo; echo "fuzz summary ($(FUZZ_SECONDS)s each):"; \
	for h in $(FUZZ_HARNESSES); do \
	  log=$(FUZZ_OUT)/logs/$$h.log; \
	  last=$$(grep -E '^#[0-9]+' $$log | tail -n 1); \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
	  files=$$(find $(FUZZ_OUT)/corpus/$$h -type f | wc -l); \
	  case " $$failed " in *" $$h "*) verdict=FAIL;; *) verdict=ok;; esac; \
	  printf '  %-13s %-5s execs=%s %s corpus_files=%s\n' $$h $$verdict \
	    "$${execs:-?}" "$$(echo "$$last" | grep -oE '(cov|ft|corp|exec/s): [^ ]+' \
	      | sed 's/: /=/' | tr '\n' ' ')" "$$files"; \
	  echo "                final: $${last:-(none: it failed before its first status line)}"; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo; \
	  for h in $$failed; do \
	    art=$$(sed -n 's/.*Test unit written to \(.*\)$$/\1/p' $(FUZZ_OUT)/logs/$$h.log | tail -n 1); \
	    if [ -n "$$art" ]; then \
	      echo "$$h found a bug: reproducer $$art (report: $(FUZZ_OUT)/logs/$$h.log)"; \
	      echo "  reproduce: $(FUZZ_OUT)/$$h $$art"; \
	      echo "  copy it to fuzz/regressions/$$h/ under a descriptive name, then fix the code"; \
	    else \
	      echo "$$h failed without a reproducer: see $(FUZZ_OUT)/logs/$$h.log"; \
	    fi; \
	  done; \
	  exit 1; \
	fi

fuzz-clean:
	rm -rf $(FUZZ_OUT)
