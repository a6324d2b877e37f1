# CivicBridge — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# The suite runs in parallel (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
HOST   ?= 127.0.0.1
CB     := $(BIN)/civicbridge

.PHONY: demo test install run migrate translations messages lint format check-deploy bench clean schema

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

translations: install
	$(CB) compiletranslations

migrate: translations
	$(CB) migrate --noinput

## demo: set up SQLite, load demo data and serve http://$(HOST):$(PORT) (PORT=8080 make demo to change it)
demo: migrate
	$(CB) loaddemo
	@echo "Serving CivicBridge on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	DEBUG=true $(CB) runserver $(HOST):$(PORT)

## test: the whole suite (SQLite unless DATABASE_URL says otherwise)
test: translations
	$(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## messages: refresh the ru/kk/en catalogues from the code (needs GNU gettext's xgettext)
messages: install
	$(CB) makemessages -l ru -l kk -l en --ignore=.venv --ignore=build --no-obsolete
	$(CB) makemessages -d djangojs -l ru -l kk -l en --ignore=.venv --ignore=build --ignore=staticfiles --no-obsolete

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=civicbridge.example.org $(CB) check --deploy --fail-level WARNING

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache civicbridge.sqlite3*

## schema: regenerate the committed OpenAPI schema (a test fails when it is stale)
schema: install
	$(CB) spectacular --validate --fail-on-warn --lang en --file docs/api/openapi.yaml
