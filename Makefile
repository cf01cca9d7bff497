# Run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.package-lock-installed
HOST ?= 127.0.0.1:8000

$(PY_STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: help install browser serve build test clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

install: $(PY_STAMP) $(NODE_STAMP) ## Create .venv and node_modules with the pinned dependencies (only what is missing)

browser: ## Make sure a Chromium for the browser tests is present (apt as root)
	@scripts/ensure-browser

serve: install ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: install ## Build the site into site/ with --strict
	$(BIN)/mkdocs build --strict

test: install browser ## Run every test: page code, outputs, shape claims, site build, browser
	$(BIN)/python -m pytest

clean: ## Remove the built site and caches (keeps .venv and node_modules)
	rm -rf site .pytest_cache .ruff_cache
