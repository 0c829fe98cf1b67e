# The README's two commands are `make run` and `make test`; everything else is a building block.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
export TRACKER_DATABASE_URL ?= sqlite:///$(CURDIR)/var/tracker.sqlite3

.PHONY: install run test lint typecheck pytest browser bench serve dashboard screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The main job: the seed articles ingested into SQLite, the calendar feed and the dashboard running.
run: install
	$(BIN)/tracker run --seeds seeds

serve: install
	$(BIN)/tracker serve

dashboard: install
	$(BIN)/tracker dashboard

## The whole suite: lint, type check, tests on SQLite and (when reachable) PostgreSQL, browser tests.
test: install browser lint typecheck pytest

lint: install
	$(BIN)/ruff check tracker dashboard tests bench alembic/env.py

typecheck: install
	$(BIN)/mypy
	MYPYPATH=dashboard $(BIN)/mypy dashboard/app.py dashboard/data.py dashboard/ui.py dashboard/screens

pytest: install
	$(BIN)/python -m pytest

## Debian's Chromium for the browser tests (Playwright's own download does not work offline).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; \
	fi

## Screenshots of every dashboard page into docs/screenshots (a browser run of the e2e test).
screenshots: install browser
	DASHBOARD_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/e2e -q

bench: install
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
