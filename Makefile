# articled - a news article as a JSON API.
#
#   make            build ./articled
#   make run        build and serve the shipped article on 127.0.0.1:8080
#   make test       build and run every test (unit, parser, HTTP, evaluation)
#   make eval       score the parser against every gold file (GOLD=DIR: those of DIR)
#   make eval-realdev  score the real-page development set against its bars
#   make install    install to $(DESTDIR)$(PREFIX)
#   make deps       install the Debian packages the build and tests need
#
# Variants build in their own directory: make SANITIZE=1 test (ASan+UBSan),
# make TSAN=1 (ThreadSanitizer, with clang; make test-tsan runs it),
# make PGO=1 (build/pgo/articled, optimized with a profile of its own run:
# what the container ships and the benchmarks measure).

VERSION := 1.0.0
PREFIX ?= /usr/local
DESTDIR ?=
DEFAULT_ARTICLE := data/articles/000_617779ec1d6cc40c.txt

PKGS := libmicrohttpd jansson zlib
TEST_PKGS := check libcurl

# Debian packages: for building, for the tests, and to run.
DEB_BUILD := build-essential pkg-config libmicrohttpd-dev libjansson-dev zlib1g-dev
DEB_TEST := check libcurl4-openssl-dev python3-yaml python3-jsonschema

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wformat=2 -Wno-format-nonliteral
override CFLAGS += -std=c11 $(WARNINGS) -pthread
override CPPFLAGS += -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	-DARTICLED_VERSION='"$(VERSION)"' -DDEFAULT_ARTICLE='"$(DEFAULT_ARTICLE)"'

# make PGO=1: GCC's profile-guided optimization. An instrumented build
# (PGO=train) runs tools/pgo-train.sh: the parser over the test articles,
# a server loading them as a directory and reloading, and the requests of
# every route. Its counts (build/pgo-profile) then steer the real build:
# which way each branch mostly goes (laid out as the straight path), what
# to inline, which loops to unroll. The parser, all branches on the bytes
# of prose, parses 15 to 30% faster; the answers are the same bytes. Code
# the training never ran is optimized as in the plain build
# (-fprofile-partial-training), not for size. Both builds use the same
# directory, build/pgo: GCC finds a static function's counts by a name
# made from its object's path. The profile is made again when a source, a
# table or a test article changes.
PGO_PROFILE := build/pgo-profile

ifeq ($(PGO),train)
BUILD := build/pgo
# Atomic counters: the loader and serving threads run the same code at once.
override CFLAGS += -fprofile-generate=$(abspath $(PGO_PROFILE)) \
	-fprofile-prefix-path=$(abspath $(BUILD)) -fprofile-update=atomic
override LDFLAGS += -fprofile-generate=$(abspath $(PGO_PROFILE))
BIN := $(BUILD)/articled
else ifeq ($(PGO),1)
BUILD := build/pgo
# (-Wno-missing-profile: a file the training never runs, such as the
# evaluation tool's, has no counts, which is no defect.)
override CFLAGS += -fprofile-use=$(abspath $(PGO_PROFILE)) \
	-fprofile-prefix-path=$(abspath $(BUILD)) -fprofile-partial-training -Wno-missing-profile
BIN := $(BUILD)/articled
else ifeq ($(SANITIZE),1)
BUILD ?= build/sanitize
override CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=address,undefined
BIN := $(BUILD)/articled
else ifeq ($(TSAN),1)
CC := clang
BUILD ?= build/tsan
# clang takes {NULL} ending a table for a missing initializer; gcc does not.
override CFLAGS += -fsanitize=thread -fno-omit-frame-pointer -Wno-missing-field-initializers
override LDFLAGS += -fsanitize=thread
BIN := $(BUILD)/articled
else
BUILD ?= build
BIN := articled
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
LDLIBS := $(PKG_LIBS) -lm -pthread

# The layers, top to bottom (README, "Architecture"; tests/check_layers.py
# holds the includes to it).
SERVER_SRC := $(wildcard server/*.c)
HTTP_SRC := $(wildcard http/*.c)
HANDLERS_SRC := $(wildcard handlers/*.c)
API_SRC := $(wildcard api/*.c)
SERVED_SRC := $(wildcard served/*.c)
PARSER_SRC := $(wildcard parser/*.c)
TEXT_SRC := $(wildcard text/*.c)
DATA_FILES := $(wildcard data/*.tsv data/*.txt) $(DEFAULT_ARTICLE)
WEB_FILES := web/openapi.json web/index.html

SERVER_OBJ := $(SERVER_SRC:%.c=$(BUILD)/%.o)
HTTP_OBJ := $(HTTP_SRC:%.c=$(BUILD)/%.o)
HANDLERS_OBJ := $(HANDLERS_SRC:%.c=$(BUILD)/%.o)
API_OBJ := $(API_SRC:%.c=$(BUILD)/%.o)
SERVED_OBJ := $(SERVED_SRC:%.c=$(BUILD)/%.o) $(BUILD)/served/builtin_web.o
PARSER_OBJ := $(PARSER_SRC:%.c=$(BUILD)/%.o) $(BUILD)/parser/builtin_tables.o
TEXT_OBJ := $(TEXT_SRC:%.c=$(BUILD)/%.o)
# From text to served answers: what the tools link.
MODEL_OBJ := $(SERVED_OBJ) $(PARSER_OBJ) $(TEXT_OBJ)
# Everything but main(), for the tests.
LIB_OBJ := $(filter-out $(BUILD)/server/main.o,$(SERVER_OBJ)) $(HTTP_OBJ) $(HANDLERS_OBJ) \
	$(API_OBJ) $(MODEL_OBJ)

TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/check_*.c))
TEST_SUPPORT := $(BUILD)/tests/harness.o
TOOLS := $(BUILD)/tools/articled-parse $(BUILD)/tools/articled-eval

.PHONY: all run test test-run check-deps deps-if-missing eval eval-realdev install uninstall \
	deps clean test-sanitize test-valgrind

all: $(BIN) $(TOOLS)

$(BIN): $(SERVER_OBJ) $(filter-out $(SERVER_OBJ),$(LIB_OBJ))
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Quiet by default ("CC file"); make V=1 shows the commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-6s %s\n'
endif

# Objects of the tools and tests are not intermediate files to delete.
.SECONDARY:

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The assembler embeds these files with .incbin, which no dependency
# scanner sees: name them here.
$(BUILD)/parser/builtin_tables.o: parser/builtin_tables.S text/incbin.h $(DATA_FILES)
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(CPPFLAGS) -c -o $@ $<

$(BUILD)/served/builtin_web.o: served/builtin_web.S text/incbin.h $(WEB_FILES)
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(CPPFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(TEST_SUPPORT) $(LIB_OBJ)
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(LDLIBS)

# Scoring against gold files: the evaluation tool and check_gold share it.
$(BUILD)/tools/articled-eval: $(BUILD)/tools/score.o $(BUILD)/tools/score_fields.o \
	$(BUILD)/tools/score_speakers.o
$(BUILD)/tests/check_gold: $(BUILD)/tools/score.o $(BUILD)/tools/score_fields.o \
	$(BUILD)/tools/score_speakers.o

$(BUILD)/tools/articled-%: $(BUILD)/tools/%.o $(MODEL_OBJ)
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# make PGO=1: every object waits for the profile, which the instrumented
# build makes in the same directory by running the training; that
# directory is then emptied, so that all of it is compiled again with the
# counts (see PGO_PROFILE above).
ifeq ($(PGO),1)
PGO_STAMP := $(PGO_PROFILE)/.trained
PGO_INPUTS := $(wildcard text/*.[ch] parser/*.[chS] served/*.[chS] api/*.[ch] handlers/*.[ch] \
	http/*.[ch] server/*.[ch] tools/*.[ch]) $(DATA_FILES) $(WEB_FILES) \
	$(wildcard tests/articles/*.txt) tools/pgo-train.sh Makefile
$(LIB_OBJ) $(BUILD)/server/main.o $(TEST_SUPPORT) $(TESTS:%=%.o) \
	$(patsubst tools/%.c,$(BUILD)/tools/%.o,$(wildcard tools/*.c)): $(PGO_STAMP)
$(PGO_STAMP): $(PGO_INPUTS)
	$(Q)rm -rf $(BUILD) $(PGO_PROFILE)
	@$(MAKE) --no-print-directory PGO=train all
	$(say) TRAIN $(PGO_PROFILE)
	$(Q)tools/pgo-train.sh $(BUILD)
	$(Q)rm -rf $(BUILD)
	$(Q)touch $@
endif

# Installs the Debian packages first if any is missing, then builds in a
# fresh make (whose pkg-config queries then see the new packages).
run:
	@$(MAKE) --no-print-directory deps-if-missing
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) --host 127.0.0.1 --port 8080

deps-if-missing:
	@pkg-config --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && $(PYTHON) -c 'import yaml, jsonschema' 2>/dev/null \
	  || $(MAKE) --no-print-directory deps

# The tests find the binary, the data and the fixtures through these.
TEST_ENV := ARTICLED_BIN=$(abspath $(BIN)) ARTICLED_SRC=$(CURDIR)

test:
	@$(MAKE) --no-print-directory deps-if-missing
	@$(MAKE) --no-print-directory test-run

# Debian's Python, which has python3-yaml, whatever python3 is first on PATH.
PYTHON := $(firstword $(wildcard /usr/bin/python3) python3)

test-run: check-deps check-layers $(BIN) $(TOOLS) $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $(TEST_ENV) $$t; done
	$(TEST_ENV) $(PYTHON) tests/check_kubernetes.py
	$(TEST_ENV) $(PYTHON) tests/check_formats.py
	$(TEST_ENV) $(PYTHON) tests/check_parse.py
	$(TEST_ENV) $(PYTHON) tests/check_openapi.py
	@tests/openapi/lint.sh

# The layers hold: no include from a layer above, no include circle, no
# name twice, libmicrohttpd only in http/ and server/.
.PHONY: check-layers
check-layers:
	@$(PYTHON) tests/check_layers.py

test-sanitize:
	$(MAKE) SANITIZE=1 test-run

# The suites that run servers with several serving threads (check_threads),
# reload one under hostile clients (check_hostile) or load a large
# directory on the loader threads (check_datadir), server and tests
# built with ThreadSanitizer: a report makes the server exit 66, which the
# tests check. Address randomization is off for the run: the
# ThreadSanitizer of clang 14 cannot map its shadow memory on kernels with
# high-entropy randomization.
TSAN_SUITES := check_threads check_hostile check_datadir
.PHONY: test-tsan tsan-run
test-tsan:
	$(MAKE) TSAN=1 tsan-run
tsan-run: check-deps $(BIN) $(TSAN_SUITES:%=$(BUILD)/tests/%)
	@set -e; for t in $(TSAN_SUITES); do echo "== ThreadSanitizer $(BUILD)/tests/$$t"; \
	  $(TEST_ENV) TSAN_OPTIONS="second_deadlock_stack=1 history_size=4" \
	    setarch "$$(uname -m)" -R $(BUILD)/tests/$$t; done

# The whole suite under valgrind, the servers it starts too: any error or
# leak fails. Check runs the tests in-process (CK_FORK=no) so that valgrind
# sees them; each server's report goes to its own log file.
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
test-valgrind: check-deps $(BIN) $(TOOLS) $(TESTS)
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
	  $(TEST_ENV) CK_FORK=no CK_TIMEOUT_MULTIPLIER=10 ARTICLED_WRAPPER="$(VALGRIND) --log-file=$(abspath $(BUILD))/valgrind/server-%p.log" \
	    $(VALGRIND) $$t; done
	@bad=$$(find $(BUILD)/valgrind -name 'server-*.log' -size +0); \
	if [ -n "$$bad" ]; then echo "valgrind found errors in the server:"; cat $$bad; exit 1; fi; \
	echo "valgrind: no errors, no leaks (tests and $$(ls $(BUILD)/valgrind | wc -l) server runs)"

# make eval scores every gold file of GOLD (our own by default) with the
# reference scorer's rules and counts; -v lists what was missed or extra.
GOLD ?= tests/gold
eval: $(BUILD)/tools/articled-eval
	@set -- $(GOLD)/*.gold.json; [ -e "$$1" ] || { echo "no *.gold.json in $(GOLD)"; exit 1; }; \
	$(BUILD)/tools/articled-eval -v $(if $(filter tests/gold,$(GOLD)),--seed tests/gold/seed.gold.json) "$$@"

# The real-page development set (pages of the genre with gold written by a
# careful reader, kept outside the repository) and the bars the parser must
# reach on it: the one place they are written. Where the set is absent,
# this says so and succeeds.
REALDEV ?= ../shared/realdev
REALDEV_BARS := quotes_r=0.95 quotes_p=0.95 figures_r=0.97 figures_p=0.95 sections=0.92 meta=0.95
eval-realdev: $(BUILD)/tools/articled-eval
	@if [ -d "$(REALDEV)" ]; then \
	  $(BUILD)/tools/articled-eval $(foreach b,$(REALDEV_BARS),--min $(b)) $(REALDEV)/*.gold.json; \
	else echo "eval-realdev: no $(REALDEV) here: the real-page bars are not checked"; fi

# The same broad set of requests to an older build (BASE=its binary) and to
# this one, their answers compared byte for byte: for changes that must
# not change behaviour (tools/compare_answers.py; COMPARE_FLAGS=--skip PATH).
.PHONY: compare-answers
compare-answers: $(BIN)
	@test -n "$(BASE)" || { echo "usage: make compare-answers BASE=path/to/older/articled"; exit 2; }
	$(PYTHON) tools/compare_answers.py $(BASE) $(BIN) $(COMPARE_FLAGS)

check-deps:
	@$(PYTHON) -c 'import yaml' 2>/dev/null || { \
	  echo "missing python3-yaml: run 'sudo make deps'"; exit 1; }
	@$(PYTHON) -c 'import jsonschema' 2>/dev/null || { \
	  echo "missing python3-jsonschema: run 'sudo make deps'"; exit 1; }
	@pkg-config --exists $(PKGS) $(TEST_PKGS) || { \
	  echo "missing libraries: run 'sudo make deps' (Debian: $(DEB_BUILD) $(DEB_TEST))"; \
	  exit 1; }

# Installs what is missing, and only that; needs root (or sudo).
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "all build and test packages are installed"; fi

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/articled
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/articled
	install -m 0644 $(DATA_FILES) $(DESTDIR)$(PREFIX)/share/articled/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/articled
	rm -rf $(DESTDIR)$(PREFIX)/share/articled

clean:
	rm -rf build articled

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Parts kept beside what they build: fuzzing, the container, the browser
# tests and the benchmark each have a makefile of their own.
-include fuzz/fuzz.mk docker/docker.mk tests/browser/browser.mk bench/bench.mk
