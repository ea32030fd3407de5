# Two entry points for a fresh machine with only python3: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
BYTECODE := $(VENV)/.bytecode-stamp
SOURCES := $(shell find remisstui -name '*.py')

.PHONY: run test bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The editable install leaves our modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# Python would compile them from source at every start (~28 ms). Compile when a source changed.
$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q remisstui
	touch $(BYTECODE)

run: $(BYTECODE)
	$(VENV)/bin/remisstui $(ARGS)

# Four workers on 2 cores: a test spends about half its time waiting (Textual's timers and
# pauses, subprocesses, fsync), so two workers left the cores idle: 278 s with 2, 189 s with 4.
test: $(STAMP)
	$(PY) -m pytest -q -n 4 $(ARGS)

bench: $(BYTECODE)
	$(PY) tests/benchmarks/bench.py $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
