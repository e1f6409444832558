# Every target sets itself up: a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pyCANON, the k-anonymity checker the report's extract is tested with, pins typer, numpy and
# scipy to versions sendvault cannot use, so it lives in a venv of its own (tests call it there).
PYCANON := .venv-pycanon
PYCANON_STAMP := $(PYCANON)/.installed

.PHONY: demo test stress bench docs mutation clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(PYCANON_STAMP):
	test -x $(PYCANON)/bin/python || $(PYTHON) -m venv $(PYCANON)
	$(PYCANON)/bin/pip install --quiet 'pycanon>=1.3.6'
	touch $(PYCANON_STAMP)

demo: $(STAMP)
	$(BIN)/python bench/demo.py

# Two tests at a time (pytest-xdist, a module's tests on one worker), then the `serial` ones alone
# (tests/conftest.py: kills timed against the machine, races, scans of /tmp and /dev/shm). Either
# run failing, or collecting nothing (exit 5), fails the target.
test: $(STAMP) $(PYCANON_STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile -m "not serial"; a=$$?; \
	$(BIN)/python -m pytest -q -p no:cacheprovider -m serial; b=$$?; \
	if [ $$a -ne 0 ]; then exit $$a; fi; exit $$b

# The long runs of docs/reliability.md: every write step failed with every errno, many
# more crashes and fuzz cases. The figures go to bench/out/reliability.jsonl.
stress: $(STAMP)
	mkdir -p bench/out && rm -f bench/out/reliability.jsonl
	SENDVAULT_STRESS=1 SENDVAULT_FIGURES=$(CURDIR)/bench/out/reliability.jsonl $(BIN)/python -m pytest -q -p no:cacheprovider -s \
		tests/test_faults.py tests/test_fuzz.py tests/test_rollback.py \
		tests/test_crash.py tests/test_crash_commands.py tests/test_purge_crash.py tests/test_concurrency.py \
		tests/test_surroundings.py tests/test_sync_merge.py
	$(BIN)/python bench/reliability_figures.py bench/out/reliability.jsonl

# Mutation testing of the modules that make confidentiality decisions, each against its own tests
# (bench/mutation.py, docs/reliability.md): one module after another, long (hours for all of them).
# MODULES="consent disclosure" runs some; MINUTES=10 stops each module's run after that long.
mutation: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	$(BIN)/python bench/mutation.py $(if $(MINUTES),--minutes $(MINUTES)) $(MODULES)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --cases 20000
	$(BIN)/python bench/bulk.py --cases 20000
	$(BIN)/python bench/index.py --cases 20000
	$(BIN)/python bench/index.py --cases 100000 --runs 3  # its vault is generated once (~7 min)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/peers.py --cases 20000
	$(BIN)/python bench/retention.py --cases 20000 --purge 1000
	$(BIN)/python bench/sync.py --cases 20000
	$(BIN)/python bench/redaction_throughput.py --notes 1000
	$(BIN)/python bench/redaction_throughput.py --notes 1000 --per-case 3
	$(BIN)/python bench/report.py --cases 20000
	$(BIN)/python bench/documents.py --mb 200
	$(BIN)/python bench/import_speed.py --cases 20000
	$(BIN)/python bench/report_peer.py  # beside tau-ARGUS (pytauargus, in the test extra)
	$(BIN)/pip install --quiet presidio-analyzer  # the yardstick only: not a dependency of sendvault
	$(BIN)/python bench/redaction_peer.py

docs: $(STAMP)
	$(BIN)/python -m sendvault.cli.clidoc > docs/cli.md
	$(BIN)/python -m sendvault.cli.clidoc --summaries > sendvault/cli/summaries.py

clean:
	rm -rf $(VENV) $(PYCANON) demo-vault bench/out

