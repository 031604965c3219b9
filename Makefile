# Plenary: `make run` serves the demo forum on SQLite; `make test` runs the whole suite.
# Needs Python 3.11+ on the PATH as $(PYTHON); everything else is installed into .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-dev demo clean system-packages eval-intake bench-intake \
	vnu screenshots

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

# The Nu HTML Checker that tests/test_html_validity.py runs (vnu.jar, from npm, into .cache/).
# Without Java or npm the test is skipped, except on CI, where .ci/run installs both.
vnu:
	@if command -v npm >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then \
		bash scripts/vnu >/dev/null; \
	else \
		echo "Java or npm is missing: the HTML validity test will be skipped (see scripts/vnu)."; \
	fi

test: system-packages lint vnu
	$(BIN)/pytest

# Screenshots of the main pages at a desktop's and a phone's width, in English and Russian
# (test-artifacts/screenshots/); the README's are copied to docs/screenshots/.
SHOTS := test-artifacts/screenshots
screenshots: install-dev
	$(BIN)/pytest -q tests/browser/test_screenshots.py
	mkdir -p docs/screenshots
	cp $(SHOTS)/en-desktop-edition-14th.top.png docs/screenshots/edition-14.png
	cp $(SHOTS)/en-desktop-drafting-workspace-secretariat.top.png docs/screenshots/drafting.png
	cp $(SHOTS)/en-phone-registration-focal-point.top.png docs/screenshots/registration-phone.png
	cp $(SHOTS)/ru-phone-edition-14th.top.png docs/screenshots/edition-14-ru-phone.png

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
