# Two commands on a fresh machine with Python 3.11+: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint bench bench-browser load lock sample

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

# Where `make run` listens: this machine only, unless HOST=0.0.0.0 (every interface) is given to host it.
HOST ?= 127.0.0.1
PORT ?= 8501

## Start the dashboard (on the bundled sample unless FILE=path/to/tracker.xlsx is given).
run: $(STAMP)
	APPLYTICS_FILE="$(FILE)" $(BIN)/streamlit run app.py --server.address "$(HOST)" --server.port "$(PORT)" \
		--browser.serverAddress localhost  # else, on 0.0.0.0, Streamlit asks checkip.amazonaws.com for its IP

## Run the whole test suite: unit, app (AppTest), corpus (real trackers) and e2e (Playwright + Chromium).
test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
	else \
		echo "The e2e tests drive Debian's Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' first."; exit 1; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

## The speed and memory targets (issue 12) measured side by side; exits 1 when one is missed.
bench: $(STAMP)
	$(BIN)/python bench/targets.py

## The browser rows: a new visitor's first chart against a one-chart app, upload -> chart at 10k and 100k rows.
bench-browser: $(STAMP) $(CHROMIUM)
	PYTHONPATH=tests/e2e $(BIN)/python bench/browser.py

## Many users on one server: 10, then 20 browser sessions at once, each with its own tracker (bench/load.py).
load: $(STAMP) $(CHROMIUM)
	PYTHONPATH=tests/e2e $(BIN)/python bench/load.py

sample: $(STAMP)
	$(BIN)/python scripts/make_sample.py

## Re-pin requirements*.txt from pyproject.toml in a throwaway environment.
lock:
	rm -rf /tmp/applytics-lock && $(PYTHON) -m venv /tmp/applytics-lock
	/tmp/applytics-lock/bin/pip install --quiet .
	/tmp/applytics-lock/bin/pip uninstall --quiet -y applytics
	/tmp/applytics-lock/bin/pip freeze > requirements.txt
	echo '-e .' >> requirements.txt
	/tmp/applytics-lock/bin/pip install --quiet ".[dev]" && /tmp/applytics-lock/bin/pip uninstall --quiet -y applytics
	/tmp/applytics-lock/bin/pip freeze | grep -vxFf requirements.txt | sed '1i -r requirements.txt' > requirements-dev.txt
