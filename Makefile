# Dateline — two commands: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
export DATELINE_DATA_DIR ?= $(CURDIR)/data
PG_URL ?= postgres://postgres@127.0.0.1:5432/dateline

.PHONY: run install messages gettext-deps test test-sqlite test-postgres lint typecheck bench quality browser-deps clean

$(BIN)/python:
	@py="$$(scripts/find-python)" || exit 1; echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip

# Re-installs only when the package definition changes, so a second `make run` starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# The translations (az, ru, en) are compiled from their catalogs at install, and again whenever a
# catalog changes. `make messages` gathers new strings from the code into the catalogs: the
# templates' and Python's (django.po) and the newsroom scripts' (djangojs.po, our own files in
# src/dateline/*/static/, never a vendored or minified one).
LOCALE := src/dateline/locale
CATALOGS := $(wildcard $(LOCALE)/*/LC_MESSAGES/django.po $(LOCALE)/*/LC_MESSAGES/djangojs.po)
MESSAGES_OPTIONS := --locale az --locale ru --locale en --no-obsolete --add-location file \
  --ignore 'demo/*' -v 0
JS_MESSAGES_IGNORE := --ignore '*.min.js' --ignore 'vendor/*' --ignore 'node_modules/*'

install: $(VENV)/.installed $(CATALOGS:.po=.mo)

COMPILE_MESSAGES = @cd src/dateline && ../../$(BIN)/dateline compilemessages --locale $* -v 0
$(LOCALE)/%/LC_MESSAGES/django.mo: $(LOCALE)/%/LC_MESSAGES/django.po | $(VENV)/.installed gettext-deps
	$(COMPILE_MESSAGES)
$(LOCALE)/%/LC_MESSAGES/djangojs.mo: $(LOCALE)/%/LC_MESSAGES/djangojs.po | $(VENV)/.installed gettext-deps
	$(COMPILE_MESSAGES)

messages: $(VENV)/.installed gettext-deps
	cd src/dateline && ../../$(BIN)/dateline makemessages $(MESSAGES_OPTIONS)
	cd src/dateline && ../../$(BIN)/dateline makemessages -d djangojs $(MESSAGES_OPTIONS) \
	  $(JS_MESSAGES_IGNORE)

# GNU gettext (msgfmt) compiles the catalogs; installed once, only where it is missing.
gettext-deps:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing GNU gettext to compile the translations"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "GNU gettext is missing: install it (apt-get install gettext) to compile the translations" >&2; exit 1; fi; }

run: install
	@$(BIN)/dateline migrate --noinput -v 0
	@$(BIN)/dateline demo --if-empty
	@$(BIN)/dateline serve --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; installed once, only where it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)"; fi; }

test: install browser-deps lint test-sqlite test-postgres

test-sqlite: install
	DATELINE_DATA_DIR=$(CURDIR)/.test-data $(BIN)/pytest -n 2 -q

# The same suite on PostgreSQL; skipped with a clear message when no server answers. The
# browser tests (marker `browser`) drive the same pages through Chromium and ran in the SQLite
# suite; every page and query they reach is tested on PostgreSQL by the rest of the suite.
test-postgres: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.replace('/dateline','/postgres'), connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) DATELINE_DATA_DIR=$(CURDIR)/.test-data $(BIN)/pytest -n 2 -q -m "not browser"; \
	else echo "SKIPPED: no PostgreSQL at $(PG_URL) — the PostgreSQL suite did not run"; \
	  if [ -n "$$REQUIRE_POSTGRES" ]; then exit 1; fi; fi

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/dateline

# Speed and resilience in one run, each a ratio to nginx measured alongside (docs/performance.md):
# hot pages and the beacon, the nginx recipe, the breaking-news spike, memory, then the database
# outage (PostgreSQL stopped and frozen). About 20 minutes; `make bench BENCH_ARGS=--quick` for a
# short run. COLD=1 adds the cold renders at a million stories (bench/coldrender.py; building
# its archives takes long the first time). The older per-page and server comparison stays
# runnable on its own: bench/pages.sh.
bench: install
	bench/speed.sh $(BENCH_ARGS)
	$(BIN)/python bench/outage.py
	@if [ -n "$(COLD)" ]; then $(BIN)/python bench/coldrender.py; fi

# The independent validators (W3C Nu, axe, Lighthouse, extruct, feed and sitemap checkers)
# against a demo site; slower than the suite, so not part of `make test`.
quality: install
	scripts/quality.sh

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
