# ConflictKG: `make demo` builds the seed graph, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test test-fast lint install install-dev browser score screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

demo: install
	$(BIN)/kg build seeds/ --out $(OUT)

# Headless Chromium for the browser tests, from Debian; skipped when it is already there.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and we are not root: browser tests will be skipped"; fi; }

lint: install-dev
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Test files are spread over the cores (at most 4), each file whole on one worker so that its
# module fixtures are made once, the files of slow tests first (tests/conftest.py); every worker
# loads the spaCy model once.
test: lint browser
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile

# The edit-test loop: everything but the tests marked slow (the model on the seeds, whole
# builds in subprocesses), browser (headless Chromium) and server (a server process).
test-fast: install-dev
	$(BIN)/python -m pytest -n auto --maxprocesses 4 -m "not slow and not browser and not server" -q

# The README's screenshots (docs/graph.png, docs/claims.png, docs/timeline.png, docs/figures.png)
# of the seed graph, and the timeline and figures of the stories set (docs/stories-*.png), as a
# 1400 x 900 window of headless Chromium shows the pages.
screenshots: demo install-dev browser
	$(BIN)/python docs/screenshots.py --store $(OUT)/store --out docs
	$(BIN)/kg -q build ../shared/gold/stories/articles --out $(OUT)/stories
	$(BIN)/python docs/screenshots.py --store $(OUT)/stories/store --out docs --prefix stories- --pages timeline figures

score: demo
	$(BIN)/python ../shared/eval/score.py --gold ../shared/gold/seeds.json --graph $(OUT)/graph.trig

clean:
	rm -rf $(OUT) .pytest_cache
