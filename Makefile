# Plenary: `make run` serves the demo forum on SQLite; `make test` runs the whole suite.
# Needs Python 3.11+ on the PATH as $(PYTHON); everything else is installed into .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-dev demo clean system-packages eval-intake bench-intake

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

run: install
	PLENARY_DEBUG=1 $(BIN)/plenary migrate --no-input
	PLENARY_DEBUG=1 $(BIN)/plenary demo --if-empty
	@echo ""
	@echo "Plenary is at http://$(HOST):$(PORT)/  (back office: http://$(HOST):$(PORT)/admin/)"
	@echo ""
	PLENARY_DEBUG=1 $(BIN)/plenary runserver $(HOST):$(PORT)

demo: install
	PLENARY_DEBUG=1 $(BIN)/plenary migrate --no-input
	PLENARY_DEBUG=1 $(BIN)/plenary demo

# Precision, recall and F1 of the report extractor per field, on the reports in eval/intake/.
eval-intake: install
	PLENARY_DEBUG=1 $(BIN)/plenary migrate --no-input
	PLENARY_DEBUG=1 $(BIN)/plenary demo --if-empty
	$(BIN)/plenary intake_eval eval/intake --cases

# How fast the extractor reads (reports per second), beside a baseline pass in the same run.
bench-intake: install
	PLENARY_DEBUG=1 $(BIN)/plenary migrate --no-input
	PLENARY_DEBUG=1 $(BIN)/plenary demo --if-empty
	$(BIN)/python bench/intake_speed.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/plenary makemigrations --check --dry-run

system-packages:
	bash scripts/system-packages

test: system-packages lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
