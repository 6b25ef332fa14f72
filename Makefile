# The whole interface: make install | run | test | lint | bench
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.install-stamp
NODE_STAMP := node_modules/.install-stamp
CSS := src/scrutineer/core/static/scrutineer/scrutineer.css
DEBIAN_PACKAGES := chromium poppler-utils fonts-liberation
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: install run test lint format bench load system-packages clean

install: system-packages $(PY_STAMP) $(CSS)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE_STAMP) $(wildcard src/scrutineer/core/scss/*.scss)
	npm run --silent build

# Debian packages the browser tests and document checks need; installed once.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The web server and, on the default database task queue, one task worker beside it: Ctrl-C
# stops both. With SCRUTINEER_TASKS=rq the workers run apart (README); immediate needs none.
# The worker does not reload on code changes (a reloader's child would outlive the trap).
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --if-empty
	@echo "Scrutineer is at http://$(HOST):$(PORT)/"
	@if [ "$${SCRUTINEER_TASKS:-db}" = db ]; then \
	  $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  echo "Its task worker is process $$worker."; \
	fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -c pyproject.toml -r src
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

# Figures, not pass/fail: pages at 100,000 recommendations (on SQLite, and on PostgreSQL when
# DATABASE_URL names one), then imports and exports of 2,000 rows; written to bench/latest.md.
bench: install
	$(PY) bench/pages.py

# A bounded load test (50 users, 60 s) against gunicorn on a throwaway PostgreSQL database;
# fails on any error or lost progress update. Needs PostgreSQL (LOAD_DATABASE_URL).
load: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) node_modules $(CSS) staticfiles .pytest_cache .mypy_cache .ruff_cache
