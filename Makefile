# WikiMOOC: `make start` runs the platform, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= instance.yaml
INSTANCE ?= instance
INSTANCES ?= 1
# make test runs the test files in this many processes (pytest-xdist), one file per process at a time
TEST_WORKERS ?= 2
PACKAGES := src/wikimooc.workflows src/wikimooc.theme src/wikimooc.policy
THEME := src/wikimooc.theme
I18NDUDE := $(CURDIR)/$(BIN)/i18ndude

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "WikiMOOC needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(addsuffix /pyproject.toml,$(PACKAGES)) | $(BIN)/python
	$(BIN)/pip install --quiet --requirement requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation $(addprefix --editable ,$(PACKAGES))
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv with the pinned requirements and the three packages

.PHONY: instance
instance: install ## Render instance/etc from instance.yaml
	$(BIN)/python scripts/instance.py $(CONFIG) $(INSTANCE) $(INSTANCES)

.PHONY: start
start: instance ## Create or upgrade the site, serve http://localhost:8080/wikimooc with its task worker (INSTANCES=2: two web instances)
	VENV=$(VENV) INSTANCE=$(INSTANCE) CONFIG=$(CONFIG) scripts/start.sh

.PHONY: worker
worker: instance ## Run only a task worker (the database must be up: make start, RelStorage or ZEO)
	$(BIN)/wikimooc-worker $(INSTANCE)/etc/zope.conf

.PHONY: worker-ping
worker-ping: instance ## Ask the running worker to answer
	$(BIN)/wikimooc-worker --ping $(INSTANCE)/etc/zope.conf

.PHONY: lint
lint: install ## Check the code with ruff (Plone's import style): zero findings
	$(BIN)/ruff check $(PACKAGES)
	$(BIN)/ruff check --config src/wikimooc.policy/pyproject.toml tests bench scripts

.PHONY: test
test: install ## Run the whole test suite
	$(BIN)/pytest tests -ra -n $(TEST_WORKERS) --dist loadfile

.PHONY: theme
theme: ## Rebuild the theme's CSS from styles/ and the Codex design tokens (needs Node and npm)
	cd $(THEME) && npm ci --no-audit --no-fund && node build-css.mjs

.PHONY: i18n
i18n: install ## Extract the wikimooc messages of the three packages into their .pot, sync the .po files
	@for package in $(PACKAGES); do \
	  code=$$package/src/wikimooc/$${package#src/wikimooc.}; \
	  (cd $$code && $(I18NDUDE) rebuild-pot --pot locales/wikimooc.pot --create wikimooc . \
	    && $(I18NDUDE) sync --pot locales/wikimooc.pot locales/*/LC_MESSAGES/wikimooc.po) || exit 1; \
	done

.PHONY: dev-wiki
dev-wiki: ## Start a local MediaWiki on http://127.0.0.1:8181 for trying the wiki features by hand
	$(PYTHON) scripts/mediawiki.py serve --dir var/dev-wiki --port 8181

.PHONY: clean
clean: ## Remove .venv (instance/ and its data are kept)
	rm -rf $(VENV)

.PHONY: bench
bench: install ## Run the benchmarks (print figures, no pass/fail)
	$(BIN)/python bench/enrollment.py
	$(BIN)/python bench/edit_tracking.py
	$(BIN)/python bench/alerts.py
	$(BIN)/python bench/live_tracking.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/lesson_profile.py
	$(BIN)/python bench/rest.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/gradebook.py
	$(BIN)/python bench/quiz.py
	$(BIN)/python bench/olx_import.py
	$(BIN)/python bench/announcements.py
	$(BIN)/python bench/programs.py
