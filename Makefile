# The two commands of the README:  make serve  (or make build)  and  make test.
# Each sets up what it needs first, in .venv/, from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve preview build check test browser clients clean

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
test: setup browser clients
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

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
	rm -rf site $(VENV) .pytest_cache .cache/clients
