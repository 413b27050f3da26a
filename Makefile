# OCOP Market: `make demo` serves the demo marketplace, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
DATA_DIR ?= var

.PHONY: install demo demo-reset lint test lock schema bench

install: $(STAMP)

# Re-install only when the declared or locked dependencies change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# Stamps printed in the demo point at the port the demo serves on.
demo: $(STAMP)
	OCOP_MODE=demo DEBUG=true OCOP_DATA_DIR=$(DATA_DIR) \
	TRACE_BASE_URL=$${TRACE_BASE_URL:-http://127.0.0.1:$(PORT)} \
	$(BIN)/ocop demo --port $(PORT)

# Stops the embedded server of the demo data folder and deletes the folder.
demo-reset:
	@if [ -x $(BIN)/python ]; then \
		$(BIN)/python -c "from marketplace.embedded_database import remove_data; remove_data('$(DATA_DIR)')"; \
	else rm -rf $(DATA_DIR); fi
	@echo "Removed $(DATA_DIR)/"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if [ -f ../shared/tools/check_boundaries.py ]; then \
		$(BIN)/python ../shared/tools/check_boundaries.py .; fi

# GS1's Digital Link toolkit (npm, pinned in tests/gs1_toolkit/package-lock.json), which
# the conformance tests run our URIs through.
TOOLKIT := tests/gs1_toolkit/node_modules/.installed-stamp
$(TOOLKIT): tests/gs1_toolkit/package.json tests/gs1_toolkit/package-lock.json
	cd tests/gs1_toolkit && npm ci --no-audit --no-fund --silent
	touch $(TOOLKIT)

# Lighthouse 12.2.3 (npm, pinned in tests/lighthouse/package-lock.json), which the browser
# tests run on seven pages in its mobile preset with Debian's Chromium.
LIGHTHOUSE := tests/lighthouse/node_modules/.installed-stamp
$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	cd tests/lighthouse && npm ci --no-audit --no-fund --silent
	touch $(LIGHTHOUSE)

# pytest exits non-zero when it collects no tests, so an empty run fails too.
test: lint $(TOOLKIT) $(LIGHTHOUSE)
	$(BIN)/python -m pytest

# Every bench at full size (half an hour or so), then one table of goals and ratios.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# Refresh requirements.lock from a clean environment after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude ocop-market > requirements.lock
	rm -rf .lock-venv build

# Rewrite schema.graphql after changing the GraphQL API (a test fails while it drifts).
schema: $(STAMP)
	OCOP_MODE=test $(BIN)/ocop print_schema
