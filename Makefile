# Two commands on a fresh machine with python3 and make: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE := examples/uav-surge.yaml
WEEK_20 := examples/uav-surge-week-20
OUT ?= out

.PHONY: demo test lint install system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the drone example, through the pipeline (surgeplan.pipeline.run):
# validate, then plan, check the plan, simulate its risks, rank the mitigations (fewer
# runs than the simulation) and write the report and the decision brief into $(OUT).
# Then the program at week 20 ($(WEEK_20)): plan against actual and the forecast into
# $(OUT)/status.json, and the report again with its plan-against-actual section.
demo: $(STAMP)
	$(BIN)/surgeplan validate $(EXAMPLE)
	$(BIN)/surgeplan run $(EXAMPLE) --out $(OUT)
	$(BIN)/surgeplan status $(EXAMPLE) --actuals $(WEEK_20)/actuals --out $(OUT)
	$(BIN)/surgeplan report $(EXAMPLE) --out $(OUT)
	@echo
	@echo "Open the dashboard on these results: $(BIN)/surgeplan serve --demo --demo-results $(OUT)"
	@echo "then browse to http://127.0.0.1:8000/ and sign in with the demo account it prints once."

# Test folders are type-checked one at a time: each has its own conftest.py, a module
# named `conftest` to mypy (pyproject.toml [tool.mypy] says why).
TEST_FOLDERS := $(sort $(dir $(wildcard tests/*/*.py)))

lint: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	for folder in $(TEST_FOLDERS); do $(BIN)/mypy $$folder || exit 1; done
	$(BIN)/lint-imports

# highspy and ortools cannot share one process (../shared/SOLVERS.md): the scheduler's
# tests (ortools) run in a pytest process of their own, everything else in another.
test: $(STAMP) $(if $(filter true,$(CI)),system-deps) lint
	$(BIN)/python -m pytest -n 2 --ignore=tests/scheduling
	$(BIN)/python -m pytest tests/scheduling

# System packages some tests need (PostgreSQL, Chromium, poppler and pango for the PDF brief).
system-deps:
	bash scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) $(OUT) .mypy_cache .ruff_cache .pytest_cache .hypothesis .grimp_cache .import_linter_cache
