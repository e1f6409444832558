# Every target sets itself up: a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test stress bench docs schemas clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python bench/demo.py

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

stress: $(STAMP)
	SENDVAULT_STRESS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_crash.py tests/test_purge_crash.py tests/test_concurrency.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --cases 20000
	$(BIN)/python bench/bulk.py --cases 20000
	$(BIN)/python bench/index.py --cases 20000
	$(BIN)/python bench/index.py --cases 100000 --runs 3  # its vault is generated once (~7 min)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/peers.py --cases 20000
	$(BIN)/python bench/retention.py --cases 20000 --purge 1000
	$(BIN)/python bench/redaction_throughput.py --notes 1000
	$(BIN)/pip install --quiet presidio-analyzer  # the yardstick only: not a dependency of sendvault
	$(BIN)/python bench/redaction_peer.py

docs: $(STAMP)
	$(BIN)/python -m sendvault.clidoc > docs/cli.md

clean:
	rm -rf $(VENV) demo-vault bench/out

schemas: $(STAMP)
	$(BIN)/python -m sendvault.schema
