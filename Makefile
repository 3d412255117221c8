# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench catalogs clean

# Installing compiles the translations, so a changed catalog means installing again.
BUILD_INPUTS := pyproject.toml hatch_build.py $(wildcard interviewprep/locale/*/LC_MESSAGES/*.po)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/interviewprep

lint: $(VENV)/.installed-test
	$(BIN)/ruff check interviewprep tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict --explicit-package-bases interviewprep tests benchmarks

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/engine.py --cards 10000 --reviews 1000 --json

# After adding or changing user-facing strings: extract them and merge them into each
# language's catalog, then translate what is new (tests fail until every string is).
catalogs: $(VENV)/.installed-test
	$(BIN)/pybabel extract --no-location --sort-output --project interviewprep \
		-k N_ -k ngettext:1,2 -k pgettext:1c,2 -o interviewprep/locale/interviewprep.pot interviewprep
	$(BIN)/pybabel update --no-fuzzy-matching -i interviewprep/locale/interviewprep.pot \
		-d interviewprep/locale -D interviewprep

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
