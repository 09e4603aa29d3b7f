# Marsad: `make demo`, `make test`. Only python3 (>= 3.11) with pip and venv is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[web,test]'
	touch $@

install: $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/marsad demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks training scripts

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) marsad-demo.db marsad-demo.db-wal marsad-demo.db-shm
