# make serve — build the site and serve it on http://127.0.0.1:8000
# make test  — lint, then every test (shell unit tests in Node, core unit tests, real Chromium against dist/)
# make lint  — ruff, and tsc --checkJs over the shell's JavaScript;  make jstest — node --test tests/js/
# make build — build dist/ only;  make bench — boot and preview timings against bare Pyodide
# make lock  — re-pin dev deps
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements/dev.txt | cut -d' ' -f1)

.PHONY: serve test build bench lock browser office lint clean stress jstest

# The shell's dev tools (typescript, for checking site/*.js): pinned with integrity in
# package-lock.json, installed into node_modules/ (never shipped: the build reads site/ only).
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-* && touch $@

$(STAMP): requirements/dev.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@# The core is used in place (py/), so `.venv/bin/python -m weiquan` works without installing.
	@$(BIN)/python -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'weiquan-dev.pth').write_text('$(CURDIR)/py\n')"
	@rm -f $(VENV)/.installed-* && touch $@

build: $(STAMP)
	$(BIN)/python build.py --strict

serve: build
	$(BIN)/python serve.py --port 8000

browser: $(STAMP)
	@scripts/ensure-browser.sh $(BIN)/python

# LibreOffice and pdftoppm: the Word-file tests convert every letter to A4 PDF pages.
office:
	@scripts/ensure-office.sh

lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json

# The shell's own unit tests (router, store, error texts…) in Node, without a browser.
jstest: $(STAMP)
	node --test tests/js/

# Two pytest workers: a browser test spends much of its time waiting on Chromium and Pyodide's
# boot, so two at once finish the suite about a fifth sooner on this 2-core machine.
PYTEST_JOBS ?= -n 2 --dist worksteal
export PYTEST_JOBS

test: build browser office lint jstest
	$(BIN)/python -m pytest $(PYTEST_JOBS)

# make stress — the e2e suite 5 times (STRESS_RUNS=n) beside a CPU hog: a slow phone in miniature.
stress: build browser
	@scripts/stress.sh $(BIN)/python

# make bench RUNS=1 for a quick look; the default is 5 alternating runs per page and profile.
RUNS ?= 5
bench: build browser
	$(BIN)/python bench.py --runs $(RUNS)

# pip-tools lives in its own venv: its dependency `build` would shadow our build.py.
lock:
	@test -x .cache/lockenv/bin/pip-compile || ($(PY) -m venv .cache/lockenv && .cache/lockenv/bin/pip install --quiet pip-tools)
	.cache/lockenv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		-o requirements/dev.txt requirements/dev.in

clean:
	rm -rf dist .cache .pytest_cache node_modules
