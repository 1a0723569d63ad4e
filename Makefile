# alke – the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PG_DB ?= alke_ci
PG_URL := postgres://alke:alke@127.0.0.1:5432/$(PG_DB)
# pytest-xdist: one worker per CPU by default (PYTEST_WORKERS=0 runs in one process). loadgroup keeps the
# demo_data modules on one worker, so the demo content is seeded once per run.
PYTEST_WORKERS ?= auto
PYTEST := ALKE_MODE=test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup
# make ci measures coverage of alke across its three test stages and prints the total at the end.
COV := --cov=alke --cov-report= --cov-append
CI_TIMES := var/ci-stages.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_POSTGRES := $(shell [ "$$(id -u)" = 0 ] && echo "runuser -u postgres --" || echo "sudo -u postgres")

.PHONY: help install demo serve test test-sqlite test-postgres ci lint format browser-deps pdf-deps document-deps postgres messages bench clean

help:
	@echo "make demo   – set up, load reference data and the demo round, serve http://127.0.0.1:$(PORT)"
	@echo "make test   – run the whole test suite (SQLite)"
	@echo "make ci     – lint, the suite on SQLite and on PostgreSQL, the browser tests; timings and coverage"

$(STAMP): requirements.lock pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(STAMP)

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v msgfmt >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

# WeasyPrint (the PDF exports) needs the Pango library; a fresh Debian has none.
pdf-deps:
	@ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || { \
	  echo "installing Pango for the PDF exports"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null \
	  || echo "WARNING: could not install Pango; PDF exports will answer with an error until it is installed"; }

# The document tests open every DOCX in LibreOffice (headless) and read the PDFs with poppler's pdfinfo and
# pdftotext, as the people who receive them do; Debian's packages, installed once.
document-deps:
	@{ command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; } || { \
	  echo "installing Debian's libreoffice-writer-nogui and poppler-utils for the document tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null; }

demo: $(STAMP) pdf-deps
	@mkdir -p var
	ALKE_MODE=demo $(BIN)/alke migrate --noinput -v0
	ALKE_MODE=demo $(BIN)/alke seed-demo
	@echo "serving on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	ALKE_MODE=demo $(BIN)/alke runserver 127.0.0.1:$(PORT) --noreload

serve: $(STAMP)
	ALKE_MODE=demo $(BIN)/alke runserver 127.0.0.1:$(PORT) --noreload

test: test-sqlite

test-sqlite: $(STAMP) browser-deps pdf-deps document-deps
	$(PYTEST) $(PYTEST_ARGS)

# PostgreSQL: start the local cluster with pg_ctlcluster (installing it from Debian when missing),
# create a throw-away role and database, and run the suite against it.
postgres:
	@if ! command -v pg_ctlcluster >/dev/null 2>&1; then \
	  echo "installing PostgreSQL from Debian"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || true; \
	fi
	@if command -v pg_ctlcluster >/dev/null 2>&1; then \
	  ver=$$(pg_lsclusters -h | awk 'NR==1{print $$1}'); name=$$(pg_lsclusters -h | awk 'NR==1{print $$2}'); \
	  if [ -z "$$ver" ]; then ver=$$(ls /usr/lib/postgresql | sort -n | tail -1); name=main; $(SUDO) pg_createcluster $$ver $$name >/dev/null; fi; \
	  $(SUDO) pg_ctlcluster $$ver $$name start 2>/dev/null || true; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done; \
	  $(AS_POSTGRES) psql -q -c "DO \$$\$$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='alke') THEN CREATE ROLE alke LOGIN CREATEDB PASSWORD 'alke'; END IF; END\$$\$$;" >/dev/null; \
	  $(AS_POSTGRES) psql -q -c "DROP DATABASE IF EXISTS $(PG_DB);" >/dev/null; \
	  $(AS_POSTGRES) psql -q -c "CREATE DATABASE $(PG_DB) OWNER alke;" >/dev/null; \
	fi

test-postgres: $(STAMP) browser-deps pdf-deps document-deps postgres
	@if command -v pg_ctlcluster >/dev/null 2>&1; then \
	  DATABASE_URL=$(PG_URL) $(PYTEST) $(PYTEST_ARGS); \
	else echo "SKIPPED: PostgreSQL is not installed and could not be installed; the PostgreSQL run did not happen."; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports --no-cache
	ALKE_MODE=test $(BIN)/alke makemigrations --check --dry-run >/dev/null || { echo "missing migrations: run alke makemigrations"; exit 1; }

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# One stage of make ci: run it, print (and keep) how long it took, stop make ci if it failed.
define stage
	@mkdir -p var; start=$$(date +%s); $(2); status=$$?; \
	  line=$$(printf '%-10s %5d s%s' "$(1)" $$(( $$(date +%s) - start )) "$$([ $$status = 0 ] || echo '  FAILED')"); \
	  echo "== make ci: $$line"; echo "$$line" >> $(CI_TIMES); exit $$status
endef

# lint; the suite without the browser tests on SQLite, then on PostgreSQL; the browser tests (SQLite).
ci: $(STAMP) browser-deps pdf-deps document-deps
	@rm -f $(CI_TIMES) .coverage .coverage.*
	$(call stage,lint,$(MAKE) --no-print-directory lint)
	$(call stage,sqlite,$(PYTEST) $(COV) -m "not browser" $(PYTEST_ARGS))
	$(call stage,postgres,$(MAKE) --no-print-directory test-postgres PYTEST_ARGS='$(COV) -m "not browser" $(PYTEST_ARGS)')
	$(call stage,browser,$(PYTEST) $(COV) -m browser $(PYTEST_ARGS))
	@echo "== make ci stages:"; cat $(CI_TIMES); awk '{s += $$2} END {printf "%-10s %5d s\n", "total", s}' $(CI_TIMES)
	@echo "== coverage of alke (all stages): $$($(BIN)/coverage report --format=total)%"

messages: $(STAMP) browser-deps
	cd src/alke && for app in */; do [ -d "$$app/locale" ] && (cd $$app && ../../../$(BIN)/django-admin makemessages -l sv -l en --no-obsolete >/dev/null); done; true
	cd src/alke && ../../$(BIN)/django-admin compilemessages >/dev/null

bench: $(STAMP)
	@for script in bench/*.py; do [ "$$script" = bench/benchdb.py ] && continue; echo "== $$script"; ALKE_MODE=test $(BIN)/python $$script || exit 1; done

clean:
	rm -rf var .pytest_cache .coverage .coverage.*
