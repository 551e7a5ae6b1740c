# The two commands: `make` runs the analysis on the bundled corpus, `make test` runs the tests.
# Both create .venv from requirements.txt when it is missing or older than the requirements.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: all run test bench clean-venv help

all: run

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { echo "creating $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "installing requirements.txt into $(VENV) ..."
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

## run: validate the bundled corpus and print a summary per article
run: $(STAMP)
	$(PY) -m analysis check
	$(PY) -m analysis summary --format text

## test: run the test suite
test: $(STAMP)
	$(PY) -m pytest

## bench: measure the speed of the pipeline stages (not part of the tests)
bench: $(STAMP)
	$(PY) benchmarks/bench_scoring.py
	$(PY) benchmarks/bench_cleaning.py

clean-venv:
	rm -rf $(VENV)

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'
