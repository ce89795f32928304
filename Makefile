# The two commands of the README:  make serve  (or make build)  and  make test.
# Each sets up what it needs first, in .venv/, from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve preview build check test test-unit test-browser test-hub lint lint-clients browser clients clean

setup: $(STAMP)

$(STAMP): pyproject.toml hubgen/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Hubgen needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c hubgen/constraints.txt -e '.[dev]'  # a release's versions
	@touch $@

## Preview the hub at http://127.0.0.1:8000 (drafts shown): MkDocs' build kept in one process, a saved file's page
## shown first, then only what the save changed re-rendered (hubgen/adapters/mkdocs/preview.py).
serve: setup
	$(BIN)/hubgen serve

## The same preview, built by Zensical: a saved file shows in about a second (README "Engines").
preview: setup
	$(BIN)/hubgen serve --engine zensical

## Check the content, then build the site into site/ exactly as CI publishes it.
build: check
	$(BIN)/mkdocs build --strict

## Report every problem in the content, with file and line.
check: setup
	$(BIN)/hubgen check

## Every test: Hubgen's own (on the hubs under tests/hubs/) and the checks of the hub at the root (tests/hub_checks/:
## content, strict build, privacy audit, browser and validators). `pytest -m hub_check` runs only the latter.
## PYTEST_ARGS passes more to pytest: make test PYTEST_ARGS='tests/test_feeds.py -k atom -n 0'.
PYTEST := $(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder
test: setup browser clients lint-clients
	$(PYTEST) $(PYTEST_ARGS)

## The same tests in three parts, which CI runs side by side (.github/workflows/check.yml); together they are
## `make test` (tests/test_workflows.py checks that each test is in exactly one).
TEST_UNIT    := not browser and not hub_check
TEST_BROWSER := browser and not hub_check
TEST_HUB     := hub_check

## Hubgen's own tests except the browser tests (Chromium still: the standalone hub's make test runs its checks).
test-unit: setup browser clients lint-clients
	$(PYTEST) -m "$(TEST_UNIT)" $(PYTEST_ARGS)

## Hubgen's browser tests (tests/browser/), in Chromium.
test-browser: setup browser clients
	$(PYTEST) -m "$(TEST_BROWSER)" $(PYTEST_ARGS)

## The hub's checks (tests/hub_checks/), on the root hub and on two others.
test-hub: setup browser clients
	$(PYTEST) -m "$(TEST_HUB)" $(PYTEST_ARGS)

## ruff (lint and format), mypy (strict for content/ and hub/, pyproject.toml) and eslint on the shipped JavaScript.
## The same run as a git hook: pre-commit install (.pre-commit-config.yaml). tests/test_quality.py runs them too.
ESLINT := tools/lint/node_modules/.bin/eslint
LINTED := hubgen tests bench tools
lint: setup lint-clients
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(ESLINT) -c tools/lint/eslint.config.js hubgen/assets

## eslint and its recommended rules, pinned in tools/lint/package.json (a development tool: not shipped to hubs).
lint-clients: $(ESLINT)

$(ESLINT): tools/lint/package.json
	@cd tools/lint && npm install --loglevel=error --ignore-scripts --no-package-lock --no-audit --no-fund \
	  || echo "npm is not installed: eslint cannot run (tests/test_quality.py skips it, except on CI)"
	@[ ! -e $@ ] || touch $@

## Debian's Chromium for the browser tests (installed when this machine allows it).
browser:
	@if [ -n "$$HUBGEN_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's Chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  echo "Installing Debian's Chromium for the browser tests..."; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Chromium is not installed and cannot be installed here: browser tests will be skipped."; \
	  echo "Install it with 'sudo apt-get install chromium', or point HUBGEN_CHROMIUM at a Chromium binary."; \
	fi

## The validators the tests run that come from npm: axe-core and the Nu HTML Checker, pinned in the package.json Hubgen
## ships for the hub's checks (hubgen/checks/clients/), installed into .cache/clients/ as a hub's `make clients` does.
## --ignore-scripts: vnu-jar's install script would download a Java runtime; Java comes from the system.
## --no-package-lock: a lockfile would record where the packages were downloaded from.
CLIENTS := .cache/clients/node_modules/.installed

clients: $(CLIENTS)

$(CLIENTS): hubgen/checks/clients/package.json | setup
	@$(BIN)/hubgen test --install-clients && touch $@ || true

clean:
	rm -rf site $(VENV) .pytest_cache .cache/clients tools/lint/node_modules
