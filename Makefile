# Marsad: `make demo`, `make test`. Only python3 (>= 3.11) with pip and venv is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# pinned versions of everything the demo and the tests install (regenerate: `make constraints`)
CONSTRAINTS := constraints.txt

.PHONY: demo test lint install constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[web,test]'
	touch $@

install: $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/marsad demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks training scripts
	$(BIN)/vulture
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# After a change to the dependencies in pyproject.toml: a clean install with the pip a fresh
# venv ships, frozen (the train extra's torch build is left unpinned: it is never installed here).
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet '.[web,test]'
	echo "# pip freeze of a clean '.[web,test]' install (make constraints); used as pip -c" > $(CONSTRAINTS)
	.venv-constraints/bin/pip freeze --exclude marsad >> $(CONSTRAINTS)
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) marsad-demo.db marsad-demo.db-wal marsad-demo.db-shm
