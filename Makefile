# Two commands on a fresh machine with python3 and make: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE := examples/uav-surge.yaml
OUT ?= out

.PHONY: demo test lint install system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the drone example: validate, plan, check the plan, simulate its risks,
# rank the mitigations (fewer runs than the simulation, to keep the demo quick), then
# write the report and the decision brief.
demo: $(STAMP)
	$(BIN)/surgeplan validate $(EXAMPLE)
	$(BIN)/surgeplan plan $(EXAMPLE) --out $(OUT)
	$(BIN)/surgeplan check $(EXAMPLE) $(OUT)/plan.json
	$(BIN)/surgeplan simulate $(EXAMPLE) --plan $(OUT)/plan.json --runs 10000 --seed 7 --out $(OUT)
	$(BIN)/surgeplan mitigate $(EXAMPLE) --plan $(OUT)/plan.json --runs 2000 --seed 7 --out $(OUT)
	$(BIN)/surgeplan report $(EXAMPLE) --plan $(OUT)/plan.json --risk $(OUT)/risk.json --mitigations $(OUT)/mitigations.json --out $(OUT)
	$(BIN)/surgeplan brief $(EXAMPLE) --plan $(OUT)/plan.json --risk $(OUT)/risk.json --mitigations $(OUT)/mitigations.json --out $(OUT)
	@echo "Report: $(OUT)/report.html   Brief: $(OUT)/brief.pdf, $(OUT)/brief.html"

lint: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# highspy and ortools cannot share one process (../shared/SOLVERS.md): the scheduler's
# tests (ortools) run in a pytest process of their own, everything else in another.
test: $(STAMP) $(if $(filter true,$(CI)),system-deps) lint
	$(BIN)/python -m pytest -n 2 --ignore=tests/scheduling
	$(BIN)/python -m pytest tests/scheduling

# System packages some tests need (PostgreSQL, Chromium, poppler and pango for the PDF brief).
system-deps:
	bash scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) $(OUT) .mypy_cache .ruff_cache .pytest_cache .hypothesis
