# `make help` lists the targets. Everything runs from the project's own .venv and node_modules.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=

.PHONY: help bootstrap run test test-sqlite test-postgres lint format assets clean lock translations mutation

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@# Every package, transitive ones included, at the locked version and hash: a changed file on the index fails.
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/app.css: node_modules/.installed static/scss/*.scss scripts/build-assets.mjs
	npm run --silent build

# The compiled catalogue (translations/*/LC_MESSAGES/messages.mo) is committed beside its .po, so a fresh clone,
# CI and `pytest` alone serve Polish with no build step; tests/content/test_translations.py fails when it no
# longer matches the .po (run this target after changing any public words).
translations: bootstrap ## Extract the public words (messages.pot), update each language's .po, compile the .mo
	$(BIN)/pybabel extract -w 120 -F babel.cfg -k N_ -k gettext -k _ --no-location --sort-output \
	  --project="Children's services complaints" -o translations/messages.pot --ignore-dirs=".venv node_modules tests bench migrations static demo" .
	$(BIN)/pybabel update -w 120 --no-fuzzy-matching -i translations/messages.pot -d translations
	$(BIN)/pybabel compile --statistics -d translations

bootstrap: $(BIN)/.installed static/dist/app.css ## Create .venv, install Python and front-end dependencies, build assets

assets: static/dist/app.css ## Build the CSS and copy front-end scripts

run: bootstrap ## Migrate, load the demo if the database is empty, serve on http://127.0.0.1:8000 with the scheduler
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	@# gunicorn and the scheduler, with rate limits shared by the workers (see the script for how).
	scripts/serve.sh 127.0.0.1:8000

lint: bootstrap ## ruff lint and format check, the layer contracts (import-linter) and the types (mypy)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint test-sqlite test-postgres ## Lint, then the whole suite on SQLite and on a throwaway PostgreSQL

test-sqlite: bootstrap ## The suite on SQLite
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: bootstrap ## The suite on a throwaway PostgreSQL cluster (started and stopped here)
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

mutation: bootstrap ## Mutation testing (mutmut; slow, not in CI): deadlines, calendar, roles, questions, then the safety detector
	scripts/mutation.sh

format: bootstrap ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: bootstrap ## Re-lock requirements*.txt (every package, with hashes) from the pins in requirements*.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url \
	  --output-file=requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url \
	  --output-file=requirements-dev.txt requirements-dev.in

clean: ## Remove the virtualenv, node_modules and built assets (keeps instance/)
	rm -rf $(VENV) node_modules static/dist
