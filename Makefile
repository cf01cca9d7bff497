# Run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.package-lock-installed
HOST ?= 127.0.0.1:8000
# make serve SEARCH=true indexes every page on each rebuild, as the built site does
SEARCH ?= false

$(PY_STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# One venv per requirements-<name>.txt, for page blocks fenced {.python env="<name>"}.
ENVS := $(patsubst requirements-%.txt,.cache/envs/%/.requirements-installed,$(wildcard requirements-*.txt))

.cache/envs/%/.requirements-installed: requirements-%.txt
	@test -x .cache/envs/$*/bin/python || $(PYTHON) -m venv .cache/envs/$*
	.cache/envs/$*/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# npm ci empties node_modules first: through a link (a worktree or a test's checkout copy sharing
# another checkout's node_modules) that would empty the other checkout's, so a link is left alone.
$(NODE_STAMP): package.json package-lock.json
	@if [ -L node_modules ]; then \
	  echo "make: node_modules is a link to $$(readlink node_modules); not running npm ci through it" >&2; \
	else npm ci --no-audit --no-fund --loglevel=error && touch $@; fi

.PHONY: help install envs browser serve build test determinism check drift drift-run lock clean page claims translation-stamp check-successor lint lint-python lint-spelling lint-markdown lint-yaml lint-workflows

# What `make lint` checks; tests/test_lint.py points these at the bad inputs in tests/bad_lint/.
LINT_PY ?= docs_harness sitebuild sitebrowser snippets tests hooks scripts
LINT_SPELL ?= docs snippets $(wildcard *.md)
LINT_MD ?=
LINT_YAML ?= mkdocs.yml .yamllint.yaml .markdownlint-cli2.yaml .pre-commit-config.yaml .github/workflows
LINT_WORKFLOWS ?= $(wildcard .github/workflows/*.yml)

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

install: $(PY_STAMP) $(NODE_STAMP) ## Create .venv and node_modules with the pinned dependencies (only what is missing)

envs: $(ENVS) ## Create the framework environments some blocks run in (.cache/envs/<name> from requirements-<name>.txt)

browser: $(PY_STAMP) ## Make sure the Chromium the browser tests launch is present (apt as root; sitebrowser/chromium.py decides which)
	@scripts/ensure-browser

serve: install ## Serve the site with live reload on http://127.0.0.1:8000 (no git dates, no search unless SEARCH=true: faster rebuilds)
	DOCS_LAST_UPDATED=false DOCS_SEARCH=$(SEARCH) $(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: install ## Build the site into site/ with --strict
	$(BIN)/mkdocs build --strict

claims: $(PY_STAMP) ## Record the subject of every shape claim no words bind (shape-subjects.json); review its diff
	$(BIN)/python scripts/claim_binding.py --record

SUCCESSOR_VENV := .cache/successor-venv
SUCCESSOR_STAMP := $(SUCCESSOR_VENV)/.requirements-installed

$(SUCCESSOR_STAMP): requirements.successor.txt
	@test -x $(SUCCESSOR_VENV)/bin/python || $(PYTHON) -m venv $(SUCCESSOR_VENV)
	$(SUCCESSOR_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# Not part of make test: the site built by Zensical through the same plain functions (sitebuild/),
# a pre-build and a post-build step around `zensical build`, then scripts/check_successor.py.
check-successor: install $(SUCCESSOR_STAMP) ## Build the site with Zensical (Material's successor) into .successor/site and check it
	$(BIN)/python scripts/successor_build.py pre
	PYTHONPATH=$(CURDIR) $(SUCCESSOR_VENV)/bin/zensical build -f .successor.yml
	$(BIN)/python scripts/successor_build.py post
	$(BIN)/python scripts/check_successor.py

# make test runs the test files on every core (pytest-xdist); --dist loadfile keeps each file, so each page's blocks
# and each module's shared fixtures, in one worker. The workers share one site build (tests/conftest.py).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

test: install envs browser ## Run every test: lint, page code, outputs, shape claims, site build, browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Not part of make test (every page once more: 2 min 30 s on 2 cores, as long again as the pages); CI runs it after make test.
determinism: install envs ## Run every page a second time (another PYTHONHASHSEED, 2 threads, fresh RNG state) and fail output that differs
	$(BIN)/python -m pytest -q docs -p no:cacheprovider --docs-determinism -n $(TEST_WORKERS) --dist loadfile

check: install ## Fast loop for one page: make check PAGE=docs/x.md (its code and checks, and a strict build of the site)
	@test -n "$(PAGE)" || { echo 'make check: give PAGE=<page>, e.g. make check PAGE=docs/math/gradients.md' >&2; exit 2; }
	@test -e "$(PAGE)" || { echo 'make check: $(PAGE) does not exist' >&2; exit 2; }
	@# no -q: MkDocs then drops warnings before --strict counts them, and the build passes
	@site=$$(mktemp -d); log=$$(mktemp); trap 'rm -rf "$$site" "$$log"' EXIT; \
	  NO_MKDOCS_2_WARNING=1 DOCS_LAST_UPDATED=false $(BIN)/mkdocs build --strict -d "$$site" >"$$log" 2>&1 & build=$$!; \
	  $(BIN)/python -m pytest -q -p no:cacheprovider --durations=0 --durations-min=60 "$(PAGE)"; tests=$$?; \
	  wait $$build; built=$$?; \
	  test $$built = 0 || { grep -v '^INFO' "$$log" >&2; echo 'make check: mkdocs build --strict failed (messages above)' >&2; }; \
	  test $$tests = 0 -a $$built = 0

# `make drift`: the pages' code under another torch (TORCH=2.14.1; default: the newest pip would install), compared
# with the pinned one in .venv. The candidate venv gets the pinned requirements with only torch replaced; its
# requirements file lives in .cache/drift/ (requirements-*.txt at the top level are `make envs`' environments).
DRIFT := .cache/drift
PINNED_TORCH := $(shell sed -nE 's/^torch==([^ +]+).*/\1/p' requirements.txt)
DRIFT_PYTEST := -m pytest docs -q -p no:cacheprovider --durations=0 --durations-min=600
DRIFT_PY = $(if $(filter $(TORCH),$(PINNED_TORCH)),$(BIN)/python,$(DRIFT)/venv-$(TORCH)/bin/python)

$(DRIFT)/venv-%/.requirements-installed: requirements.txt
	@mkdir -p $(DRIFT)
	sed -E 's/^torch==.*/torch==$*/' requirements.txt > $(DRIFT)/requirements-torch-$*.txt
	@test -x $(DRIFT)/venv-$*/bin/python || $(PYTHON) -m venv $(DRIFT)/venv-$*
	$(DRIFT)/venv-$*/bin/python -m pip install --quiet --disable-pip-version-check -r $(DRIFT)/requirements-torch-$*.txt
	@touch $@

drift: install envs ## Page code under another torch vs the pin: make drift [TORCH=2.14.1] [RECORD=docs/about/drift-reports]
	@torch='$(TORCH)'; test -n "$$torch" || torch=$$($(BIN)/python scripts/drift.py --newest-torch) || exit 2; \
	  echo "make drift: torch $(PINNED_TORCH) (pinned, .venv) against torch $$torch"; \
	  $(MAKE) --no-print-directory drift-run TORCH=$$torch

drift-run: $(if $(filter $(TORCH),$(PINNED_TORCH)),,$(DRIFT)/venv-$(TORCH)/.requirements-installed)
	@test -n "$(TORCH)" || { echo 'make drift-run: give TORCH=<version>, or run make drift' >&2; exit 2; }
	@rm -f $(DRIFT)/baseline.json $(DRIFT)/candidate.json $(DRIFT)/report.md
	-NO_MKDOCS_2_WARNING=1 nice $(BIN)/python $(DRIFT_PYTEST) --docs-report $(DRIFT)/baseline.json
	-NO_MKDOCS_2_WARNING=1 nice $(DRIFT_PY) $(DRIFT_PYTEST) --docs-report $(DRIFT)/candidate.json
	$(BIN)/python scripts/drift.py $(DRIFT)/baseline.json $(DRIFT)/candidate.json \
	  --markdown $(DRIFT)/report.md $(if $(RECORD),--record $(RECORD))

lock: ## Recompile requirements.txt from requirements.in (pinned pip-tools in .venv-lock/)
	@test -x .venv-lock/bin/pip-compile || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet pip-tools==7.6.2; }
	.venv-lock/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --header --annotate -o requirements.txt requirements.in
	@# pip resolves torch to the local CPU wheel (2.13.0+cpu); pin the public version, which the CPU index also satisfies
	sed -i -E 's/^(torch==[0-9.]+)\+cpu$$/\1/' requirements.txt

page: install ## Start a page: make page SECTION=math TITLE="Broadcasting" (page, first snippet, nav entry)
	@test -n "$(SECTION)" || { echo 'make page: give SECTION=<section>, e.g. make page SECTION=math TITLE="Broadcasting"' >&2; exit 2; }
	@test -n "$(TITLE)" || { echo 'make page: give TITLE="<title>", e.g. make page SECTION=math TITLE="Broadcasting"' >&2; exit 2; }
	$(BIN)/python scripts/new_page.py --section "$(SECTION)" --title "$(TITLE)"

translation-stamp: install ## After updating a translation: make translation-stamp PAGE=docs/x.zh.md (no PAGE: every page marked pending)
	$(BIN)/python -m sitebuild.translations stamp $(PAGE)

lint: install lint-python lint-spelling lint-markdown lint-yaml lint-workflows ## Run every linter (also run by make test and pre-commit)

lint-python: ## ruff check (lint only: a formatter would turn #> into # >)
	$(BIN)/ruff check $(LINT_PY)

lint-spelling: ## codespell on docs, snippets and the top-level .md files
	$(BIN)/codespell $(LINT_SPELL)

lint-markdown: ## markdownlint-cli2, configured for Material's syntax
	node_modules/.bin/markdownlint-cli2 $(if $(LINT_MD),--no-globs $(LINT_MD))

lint-yaml: ## yamllint on mkdocs.yml, the lint configs and the workflows
	$(BIN)/yamllint --strict -c .yamllint.yaml $(LINT_YAML)

lint-workflows: ## GitHub workflows against their JSON schema (vendored, offline)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(LINT_WORKFLOWS)

clean: ## Remove the built site and caches (keeps .venv and node_modules)
	rm -rf site .pytest_cache .ruff_cache
