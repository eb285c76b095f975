# Browser tests: the web page and CORS, in Debian's Chromium driven by
# playwright-core (tests/browser/run.mjs). Included by the top Makefile,
# which defines BIN. Needs node, npm and /usr/bin/chromium
# (apt-get install -y chromium); never downloads a browser.

BROWSER_DIR := tests/browser
CHROMIUM ?= /usr/bin/chromium

.PHONY: test-browser

test-browser: $(BIN)
	@test -x $(CHROMIUM) || { \
	  echo "test-browser: $(CHROMIUM) is missing: install Debian's Chromium with 'apt-get install -y chromium'"; \
	  exit 1; }
	@command -v node >/dev/null 2>&1 || { echo "test-browser: node is missing: apt-get install -y nodejs npm"; exit 1; }
	@test -d $(BROWSER_DIR)/node_modules || npm ci --prefix $(BROWSER_DIR) --no-audit --no-fund
	ARTICLED_BIN=$(abspath $(BIN)) CHROMIUM=$(CHROMIUM) node $(BROWSER_DIR)/run.mjs
