# Two commands do everything from a fresh clone:
#   make report   re-execute every notebook into reports/ and render each one as HTML
#   make test     run pytest: unit tests, property tests, and nbval over every notebook
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: install test lint report lab notebooks bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,scale]"
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check analysis tests benchmarks notebooks

report: $(STAMP)
	$(BIN)/framing report --out reports

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ROOT_FLAG) notebooks/

# Browser smoke test: every notebook opens in JupyterLab in headless Chromium (installed with
# apt-get when missing); screenshots go to reports/screenshots/.
browser: $(STAMP)
	$(BIN)/python tests/browser/smoke.py

# For maintainers: re-execute the committed notebooks in place, top to bottom in fresh kernels,
# with the same executor (and kernel environment) as `framing report` and `framing compare`.
notebooks: $(STAMP)
	$(BIN)/framing notebooks

# Speed, memory and import-time measurements (not part of the tests): see benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,scale,bench]"
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_tokenise_count.py
	$(BIN)/python benchmarks/bench_sources.py
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_suite.py

clean:
	rm -rf reports reports.partial-* reports.old-* .pytest_cache .hypothesis
