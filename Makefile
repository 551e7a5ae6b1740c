# The two commands: `make` runs the analysis on the bundled corpus (notebooks and figures),
# `make test` runs the tests. Both create .venv from requirements.txt when it is missing or
# older than the requirements.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed


.PHONY: all run report notebooks figures lab exercises handout strip test test-fast bench clean-venv help

all: run

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { echo "creating $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "installing requirements.txt into $(VENV) (first time: a few minutes) ..."
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# CORPUS=DIR runs the main job on your own corpus: outputs go to runs/<name of DIR>/
# (reports/, figures/, report.html), so the bundled corpus's reports/ and figures/ stay as they are.
CORPUS ?=
ifeq ($(strip $(CORPUS)),)
RUN_ENV     :=
OUT_REPORTS := reports
OUT_FIGURES := figures
OUT_REPORT  := reports/report.html
else
RUN_DIR     := runs/$(notdir $(abspath $(CORPUS)))
RUN_ENV     := FRAMING_LAB_CORPUS=$(abspath $(CORPUS))
OUT_REPORTS := $(RUN_DIR)/reports
OUT_FIGURES := $(RUN_DIR)/figures
OUT_REPORT  := $(RUN_DIR)/report.html
endif

## run: the main job: validate the corpus, execute every notebook (HTML in reports/), write every figure (figures/) and the evidence report; CORPUS=DIR for your own
run: $(STAMP)
	$(RUN_ENV) $(PY) -m analysis check
	$(RUN_ENV) $(PY) -m analysis summary --format text
	$(RUN_ENV) $(PY) -m analysis.teach.notebooks run --out $(OUT_REPORTS)
	$(RUN_ENV) $(PY) -m analysis figures --out $(OUT_FIGURES)
	$(RUN_ENV) $(PY) -m analysis report -o $(OUT_REPORT)
	@echo "done: executed notebooks in $(OUT_REPORTS)/*.html, figures in $(OUT_FIGURES)/ (PNG, SVG, PDF), the evidence report in $(OUT_REPORT)"

## report: write the evidence report (one offline HTML file) to reports/report.html (CORPUS=DIR for your own)
report: $(STAMP)
	$(RUN_ENV) $(PY) -m analysis report -o $(OUT_REPORT)

## notebooks: execute the teaching notebooks and write HTML copies to reports/
notebooks: $(STAMP)
	$(RUN_ENV) $(PY) -m analysis.teach.notebooks run --out $(OUT_REPORTS)

## figures: regenerate every figure in figures/ (PNG, SVG, PDF), without Jupyter
figures: $(STAMP)
	$(RUN_ENV) $(PY) -m analysis figures --out $(OUT_FIGURES)

## lab: open JupyterLab on notebooks/
# Jupyter refuses to run as root (containers, some lab machines) unless told to.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

## exercises: regenerate the student versions of the exercises from their solutions
exercises: $(STAMP)
	$(PY) -m analysis.teach.exercises build

## handout: a student copy of the project in DEST (default /tmp/framing-lab-course): the working tree as it is (uncommitted corpus changes included), without the exercise solutions
DEST ?= /tmp/framing-lab-course
handout:
	@test ! -e "$(DEST)" || { echo "$(DEST) exists: remove it or give DEST=another/folder"; exit 2; }
	@mkdir -p "$(DEST)"
	@git ls-files -z --cached --others --exclude-standard | grep -zv '^notebooks/exercises/solutions/' \
		| xargs -0 -I{} sh -c 'test -e "{}" && mkdir -p "$(DEST)/$$(dirname "{}")" && cp -p "{}" "$(DEST)/{}" || true'
	@echo "student copy in $(DEST) (no solutions); students run make there, then make test"

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
