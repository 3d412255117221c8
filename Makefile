# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/interviewprep

lint: $(VENV)/.installed-test
	$(BIN)/ruff check interviewprep tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict interviewprep

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/engine.py --cards 10000 --reviews 1000 --json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
