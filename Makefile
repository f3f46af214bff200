# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup ingest lint eval bench browser clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

ingest: setup
	$(PY) -m ingest

run: ingest
	$(PY) -m streamlit run app.py --browser.gatherUsageStats false

# Debian's chromium drives the browser tests; Playwright never downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: setup browser
	$(PY) -m ruff check .
	$(PY) -m pytest

# Tuning and validation halves of the dev questions and the dialogues (JSONL per set in out/).
eval: ingest
	$(PY) -m benchmarks.eval --out out

bench: ingest
	$(PY) -m benchmarks.bench

clean:
	rm -rf $(VENV) .leidraad-store out
