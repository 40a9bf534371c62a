# Everything a fresh machine needs comes from here: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
BUNDLE_VENV ?= .venv-bundle
BUNDLE_PY := $(BUNDLE_VENV)/bin/python
BUNDLE_STAMP := $(BUNDLE_VENV)/.bundle-installed

.PHONY: run test lint bench screenshots translations bundle clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(RUN_STAMP) $@

run: $(RUN_STAMP)
	$(PY) main.py

lint: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy planner ui main.py
	$(VENV)/bin/lint-imports

test: $(TEST_STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# The app in English, Polish and Ukrainian (under Xvfb when installed, else offscreen),
# and every page of sample PDF reports (needs pdftoppm from poppler-utils).
screenshots: $(TEST_STAMP)
	$(PY) -m tools.screenshots
	$(PY) -m tools.screenshots --lang pl
	$(PY) -m tools.screenshots --lang uk
	$(PY) -m tools.report_pages docs/screenshots

# After changing user-facing text: extract it, merge it into each language's catalog,
# translate what is new in assets/locale/*/LC_MESSAGES/planner.po, then run this again.
translations: $(TEST_STAMP)
	$(PY) -m tools.i18n all

# The self-contained app folder dist/llm-cost-planner/ (PyInstaller), built in a virtual
# environment of its own that holds only the app and PyInstaller: no test tool goes in.
$(BUNDLE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_PY) -m pip install --quiet --upgrade pip
	$(BUNDLE_PY) -m pip install --quiet -e '.[bundle]' --config-settings editable_mode=compat
	touch $@

bundle: $(BUNDLE_STAMP)
	$(BUNDLE_PY) -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/llm-cost-planner.spec

clean:
	rm -rf $(VENV) $(BUNDLE_VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
