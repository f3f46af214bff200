# Two commands for a fresh machine: `make run` and `make test`.
# Both install the tested versions from the lock files (with hashes); `make lock` refreshes them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PIP_STAMP := $(VENV)/.installed-pip
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
UV := uv==0.13.9
BOOTSTRAP_PIP := pip==26.3
LOCK := $(PY) -m uv pip compile --quiet --upgrade --universal --generate-hashes \
	--python-version 3.11 --custom-compile-command "make lock"
# llama.cpp is compiled on this machine; with its default (-march=native) it used AMX on a Xeon and
# crashed on the first decode. Without it: AVX2/FMA/F16C, which every x86-64 CPU since 2013 runs.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF

.PHONY: run test setup setup-test ingest lint lock eval bench tune vectors browser frog clean

# The pip that `python -m venv` brings differs per Python build (3.11.7 brings 23.2.1, which mis-resolves a
# pinned package's extras under --require-hashes), so every install goes through the pip pinned here.
$(PIP_STAMP): requirements-bootstrap.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock
	touch $@

$(RUN_STAMP): requirements.lock pyproject.toml $(PIP_STAMP)
	$(PIP) install -q --require-hashes -r requirements.lock
	$(PIP) install -q --no-deps -e .
	touch $@

# No cache: pip's wheel cache ignores CMAKE_ARGS and would hand back a llama.cpp built natively earlier.
$(TEST_STAMP): requirements-test.lock $(RUN_STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -q --no-cache-dir --require-hashes -r requirements-test.lock
	touch $@

setup: $(RUN_STAMP)

setup-test: $(TEST_STAMP)

ingest: setup
	$(PY) -m ingest

# Listens on 127.0.0.1 unless LEIDRAAD_HOST says otherwise (see README, "Voor collega's op het netwerk").
run: setup frog
	$(PY) -m ui.serve --check
	$(PY) -m ingest
	$(PY) -m ui.serve

# Debian's chromium drives the browser tests; Playwright never downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }

# Frog (CLST's Dutch NLP suite: POS, lemmas, noun-phrase chunks) from Debian; the flows start it as a server.
frog:
	@command -v frog >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q frog frogdata; }

lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: setup-test browser frog
	$(PY) -m ruff check .
	$(PY) -m pytest

# The test lock is constrained by the run lock, so both install the same version of every package.
lock: $(PIP_STAMP)
	$(PIP) install -q $(UV)
	echo "$(BOOTSTRAP_PIP)" | $(LOCK) - -o requirements-bootstrap.lock
	$(LOCK) pyproject.toml -o requirements.lock
	$(LOCK) pyproject.toml --extra test -c requirements.lock -o requirements-test.lock

# Tuning and validation halves of the dev questions and the dialogues (JSONL per set in out/).
eval: ingest
	$(PY) -m benchmarks.eval --out out

bench: ingest
	$(PY) -m benchmarks.bench

# The bundled corpus's passage vectors, shipped so a new machine's ingest need not embed them (run it after
# changing how files become passages; tests/ingest/test_vectors.py says when).
vectors: setup
	$(PY) -m ingest.vectors

# Refit the answer/decline decision (held-out figures per writer) after the ranking changed.
tune: ingest
	$(PY) -m benchmarks.decision --write

clean:
	rm -rf $(VENV) .leidraad-store out
