# The two commands: `make` runs the analysis on the bundled corpus (notebooks and figures),
# `make test` runs the tests. Both create .venv from requirements.txt when it is missing or
# older than the requirements.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: all run notebooks figures lab exercises strip test test-fast bench clean-venv help

all: run

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { echo "creating $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "installing requirements.txt into $(VENV) (first time: a few minutes) ..."
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

## run: the main job: validate the corpus, execute every notebook (HTML in reports/), write every figure (figures/)
run: $(STAMP)
	$(PY) -m analysis check
	$(PY) -m analysis summary --format text
	$(PY) -m analysis.teach.notebooks run --out reports
	$(PY) -m analysis figures --out figures
	@echo "done: executed notebooks in reports/*.html, figures in figures/ (PNG, SVG, PDF)"

## notebooks: execute the teaching notebooks and write HTML copies to reports/
notebooks: $(STAMP)
	$(PY) -m analysis.teach.notebooks run --out reports

## figures: regenerate every figure in figures/ (PNG, SVG, PDF), without Jupyter
figures: $(STAMP)
	$(PY) -m analysis figures --out figures

## lab: open JupyterLab on notebooks/
# Jupyter refuses to run as root (containers, some lab machines) unless told to.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

## exercises: regenerate the student versions of the exercises from their solutions
exercises: $(STAMP)
	$(PY) -m analysis.teach.exercises build

## strip: remove outputs and execution counts from every notebook (before committing)
strip: $(STAMP)
	$(PY) -m analysis.teach.notebooks strip

## test: run the whole test suite (executes every notebook)
test: $(STAMP)
	$(PY) -m pytest

## test-fast: the quick loop: every test except those marked slow (notebooks, fresh processes)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow"

## bench: measure the speed of the pipeline stages (not part of the tests)
bench: $(STAMP)
	$(PY) benchmarks/bench_scoring.py
	$(PY) benchmarks/bench_cleaning.py
	$(PY) benchmarks/bench_notebooks.py

clean-venv:
	rm -rf $(VENV)

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'
