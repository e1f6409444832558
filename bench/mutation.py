"""Mutation testing of the modules that make confidentiality decisions (`make mutation`).

    python bench/mutation.py                       # every module below, one after the other
    python bench/mutation.py consent disclosure    # some of them
    python bench/mutation.py --table               # the table of the last runs, without running (or the kept results)
    python bench/mutation.py --survivors consent   # each surviving mutant's diff
    python bench/mutation.py --minutes 10 retention                # stop a module's run after 10 minutes
    python bench/mutation.py --only "sendvault.sync.casekeys.x_merge_keys__mutmut_*" sync   # part of a module
    python bench/mutation.py --recheck --untested provided         # survivors against the new tests
    python bench/mutation.py --recheck --select "settings or locality" destruction  # only some of them
    python bench/mutation.py --recheck --mutants "*x_destroy__*" --select killed_at destruction  # some survivors
    python bench/mutation.py --recheck --children 2 --limit 90 redact  # two at a time, each stopped at 90 s
    python bench/mutation.py --given-time disclosure              # the timeouts against the module's own tests
    python bench/mutation.py --save redact                        # its results to bench/mutation-results/ (runs do it too)

Each module is mutated by mutmut and run against its OWN tests only (MODULES below), so
a module takes minutes, not the hours of the whole suite; within those, mutmut runs for
each mutant only the tests that called the mutated function. A module runs in a work
directory of its own, bench/out/mutation/MODULE/ (its `mutants/` copy and mutmut's
results), so a second run retests only what changed. Prints killed / survived /
timeout / no tests per module as the table docs/reliability.md has.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import fnmatch
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "mutation"

# module -> (its tests, the functions to mutate: mutmut's mutant-name globs, or None for all).
# Smallest first: that is the order a full run takes. tests/test_mutation_kills_MODULE.py holds
# the tests written for what a run left alive (report-audit's: test_mutation_kills_report_audit.py); a run
# includes it where it exists.
MODULES: dict[str, tuple[list[str], list[str] | None]] = {
    # With the share gate's and the young person's refusal's tests: require, refuse and
    # refusal_covering are reached only through share and sar.
    "consent": (["tests/test_consent.py", "tests/test_refusal.py", "tests/test_disclosure.py",
                 "tests/test_mutation_kills_consent.py"], None),
    "disclosure": (["tests/test_disclosure.py", "tests/test_mutation_kills_disclosure.py"], None),
    "provided": (["tests/test_sar.py", "tests/test_mutation_kills_provided.py"], None),
    # With the paper files' (paper_due, paper_due_rows, _paper_place: 95 "no tests" without it) and the purge's
    # doubt of the clock (clock_doubt) tests.
    "retention": (["tests/test_retention_rules.py", "tests/test_retention.py", "tests/test_holds.py",
                   "tests/test_papers.py", "tests/test_retention_clock.py", "tests/test_mutation_kills_retention.py"],
                  None),
    "keys": (["tests/test_keys.py", "tests/test_shredding.py", "tests/test_mutation_kills_keys.py"], None),
    # Beside its own: verify's checks of the records, the report's count of destroyed cases, the
    # plain statistics of an earlier version, purges by a wrong clock. Not the purge crash test: it
    # kills purges in subprocesses (which mutmut does not trace) for 36 s a mutant.
    "destruction": (["tests/test_retention.py", "tests/test_shredding.py", "tests/test_holds.py",
                     "tests/test_verify.py", "tests/test_report_cli.py", "tests/test_sync_leaks.py",
                     "tests/test_retention_clock.py", "tests/test_mutation_kills_destruction.py"], None),
    # Subject access: the copy's decisions (sar.py) and the redaction of its notes (sar_notes.py). Beside test_sar.py,
    # the files that make copies where the case has several people, documents, a refusal or no copy may be made.
    # Not make (211 mutants: writing the file, recording the disclosure) nor _documents_of (19: reading the
    # attachments): I/O around the copy, whose decisions (copy_for, unconfirmed_reason, request_is_theirs) are here.
    "sar": (["tests/test_sar.py", "tests/test_sar_unconfirmed.py", "tests/test_review_disclosure.py",
             "tests/test_refusal.py", "tests/test_people.py", "tests/test_documents.py", "tests/test_attach_share.py",
             "tests/test_mutation_kills_sar.py"],
            [f"sendvault.disclosure.sar.x_{f}__mutmut_*" for f in (
                "due_date", "check_for", "requester", "request_is_theirs", "_said", "check_format", "requests",
                "open_requests", "private_age", "settings", "configure", "_names_parent",
                "young_person_consents_to_parent", "copy_for", "_own_details", "_own_only", "parent_has_own",
                "unconfirmed_reason", "_private_reason", "export_section", "_drop", "_field_words", "_has", "request")]
            + ["sendvault.disclosure.sar_notes.x_*"]),
    # The report's disclosure control: the suppression, the ONS style's rounding, and free answers never
    # published (units._coded: test_report_free_text.py is the only file of the list that types one).
    "report": (["tests/test_report_units.py", "tests/test_report_free_text.py", "tests/test_report_audit.py",
                "tests/test_report_cli.py", "tests/test_mutation_kills_report.py"],
               ["sendvault.statistics.units.x__coded__mutmut_*", "sendvault.statistics.lp_audit.x_round5__mutmut_*"]
               + [f"sendvault.statistics.suppression.x_{f}__mutmut_*" for f in (
                   "primary", "secondary", "_widen", "_prune", "_linked", "_without", "_group_holds", "protect")]),
    # The intruder's (LP) audit itself, a run of its own: test_report_audit.py checks every range it finds
    # against scipy's linprog.
    "report-audit": (["tests/test_report_audit.py", "tests/test_mutation_kills_report_audit.py"],
                     ["sendvault.statistics.lp_audit.x_feasible_ranges__mutmut_*"]),
    # With the spelling tests (every spelling of a name replaced whole, a property) and the labelled corpus's
    # recall and precision: 32 s together.
    "redact": (["tests/test_redact.py", "tests/test_redact_cli.py", "tests/test_spelling.py",
                "tests/test_redaction_corpus.py", "tests/test_mutation_kills_redact.py"], None),
    # The key channel: key material travels in refs of its own, never in the vault's history. Only the sync
    # tests that look at the keys (SELECT_IN): every sync reaches casekeys, so each survivor would run them all.
    "sync": (["tests/test_sync.py", "tests/test_sync_merge.py", "tests/test_sync_leaks.py",
              "tests/test_mutation_kills_sync.py"],
             [f"sendvault.sync.casekeys.x_{f}__mutmut_*" for f in (
                 "key_objects", "fetch_keys", "key_ids", "read_blobs", "read_keys", "_blob_id", "keys_commit",
                 "merge_keys", "_key_opens")] + ["sendvault.sync.casekeys.xǁKeyCacheǁ*"]),
}

# module -> the source files mutmut mutates (a job split over several modules: the globs above
# pick its functions). Every module of MODULES is here; a test checks the files exist.
SOURCES: dict[str, list[str]] = {
    "consent": ["sendvault/records/consent.py"],
    "disclosure": ["sendvault/disclosure/share.py"],
    "provided": ["sendvault/records/provided.py"],
    "retention": ["sendvault/records/retention.py"],
    "keys": ["sendvault/store/keys.py"],
    "destruction": ["sendvault/store/destruction.py"],
    "sar": ["sendvault/disclosure/sar.py", "sendvault/disclosure/sar_notes.py"],
    "sync": ["sendvault/sync/casekeys.py"],
    "report": [f"sendvault/statistics/{m}.py" for m in ("units", "suppression", "lp_audit")],
    "report-audit": ["sendvault/statistics/lp_audit.py"],
    "redact": [f"sendvault/disclosure/{m}.py" for m in ("redact", "redact_patterns", "redact_names", "redact_matching")],
}

# Tests left out of every run: they look at the whole of /dev/shm, where the other processes of a
# shared machine (another checkout's tests) leave files of their own, so they fail by chance there.
DESELECT = ["tests/test_disclosure.py::test_no_plaintext_left_on_success_or_refusal",
            # Imports bench/generate.py, which the mutants' copy has not (bench/ holds the runs' own
            # work directories); a progress bar's display, and 600 cases made for it.
            "tests/test_report_cli.py::test_a_progress_bar_on_a_terminal_when_many_cases_are_read"]
# A module's tests narrowed to those pytest's -k picks (the kill file's are always picked).
SELECT_IN = {"sync": " or ".join([
    "appears_on_the_other", "removes_the_case_everywhere", "key_material_never", "destruction_wins_over",
    "fresh_clone_cannot_open", "purge_reaches_every_copy", "personal_details_withdrawn_on_one_machine",
    "shreds_what_a_killed_sync_left", "test_mutation_kills_sync"])}
# Left out of the report's two runs only: the audit of 150-case caseloads (12 of the 36 audited caseloads, a
# third of the time every surviving mutant costs); the 30- and 60-case ones, where suppression bites hardest, stay.
_AUDITS_150 = [f"tests/test_report_audit.py::test_no_hidden_cell_can_be_narrowed_below_the_threshold[150-{seed}]"
               for seed in range(12)]
DESELECT_IN = {"report": _AUDITS_150, "report-audit": _AUDITS_150,
               # sar: test_sar.py's tests of no plaintext left behind look at the whole of /dev/shm, as DESELECT's do.
               "sar": ["tests/test_sar.py::test_no_plaintext_left_on_success_or_refusal",
                       "tests/test_sar.py::test_no_plaintext_left_when_killed"]}

# A module's mutmut timeout_multiplier, where 1 is too short: sar's tests are short calls on fresh vaults (a vault
# made for each, which mutmut's measure of the tests' time leaves out), so at 1 a busy machine made survivors
# "timeouts" there too. sar.py and sar_notes.py hold no loop a mutant could make endless. share.py and casekeys.py
# likewise (a sync's tests run git, whose time mutmut does not count): at 1, 30 and 8 timeouts on a busy machine,
# most of them survivors; share.py's one loop that could become endless (following "$ref") costs 4 times more.
# redact, retention and report at 3: mutmut also stops a mutant at a wall-clock limit, (its tests' time + the
# constant) x the multiplier seconds, so on a machine shared with other runs (load 4 to 8 on 2 cores) a survivor
# whose tests merely ran slowly came out "timeout" at 1 (31 of redaction's first 443, 18 of retention's 150).
TIMEOUT_IN = {"sar": 4.0, "disclosure": 4.0, "sync": 4.0, "redact": 3.0, "retention": 3.0, "report": 3.0}

# Lines not mutated: those that raise an error with its wording, and a message's continuation
# lines. The wording decides nothing (the condition that raises is on the line before, and is
# mutated); mutating it would add mutants and hours for no confidentiality decision.
NOT_MUTATED = [r"^\s*raise \w+\(", r"^\s*hint=", r"^\s*f?\"[^\"]*\"\)*,?\s*$"]

STATUSES = ("killed", "survived", "timeout", "no tests", "suspicious", "segfault", "not checked", "skipped")
LINE = re.compile(r"^\s*(sendvault\.\S+): (.+)$")


def _config(module: str, tests: list[str]) -> str:
    """The project's pyproject.toml (pytest's settings) with mutmut's settings for one module."""
    listed = ", ".join(f'"{t}"' for t in tests)
    sources = ", ".join(f'"{p}"' for p in SOURCES[module])
    deselect = "".join(f', "--deselect", "{t}"' for t in DESELECT + DESELECT_IN.get(module, []))
    select = f', "-k", "{SELECT_IN[module]}"' if module in SELECT_IN else ""
    return (ROOT / "pyproject.toml").read_text() + f"""
[tool.mutmut]
source_paths = ["sendvault"]
only_mutate = [{sources}]
pytest_add_cli_args_test_selection = [{listed}]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "mutation_fastest_first", "-o", "addopts="{deselect}{select}]
also_copy = ["vault-schema", "docs", "README.md"]
use_git_change_detection = false
# mutmut stops a mutant at 2 x (its tests' time + timeout_constant) x timeout_multiplier of CPU time, or at half
# that in wall-clock time (mutmut's own wall limit: the one a loaded machine reaches first). Its
# defaults (15, 1 s) cost half an hour for each mutant that loops (the suppression's fixed points: a dozen);
# a multiplier of 1 with a constant of 1 s stopped fast tests as "timeout" that had not looped at all (30
# of consent's strip_personal_details: running a mutant costs more than the tests' own measured time), and
# counted them as caught. The constant covers that fixed cost; the multiplier stays small for the loops.
timeout_multiplier = {TIMEOUT_IN.get(module, 1.0)}
timeout_constant = 10.0
do_not_mutate_patterns = [{", ".join("'" + p + "'" for p in NOT_MUTATED)}]
"""


def _workdir(module: str, tests: list[str]) -> Path:
    """bench/out/mutation/MODULE: links to the sources, the tests and what they read; its own config."""
    work = OUT / module
    work.mkdir(parents=True, exist_ok=True)
    for name in ("sendvault", "tests", "vault-schema", "docs", "README.md"):
        link = work / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    config = _config(module, tests)
    path = work / "pyproject.toml"
    if not path.exists() or path.read_text() != config:
        path.write_text(config)
    return work


def _mutmut(work: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=work, text=True, **kw)


# Each module's results, kept in the repository (bench/out is not): a new checkout's run goes on where the last
# one stopped instead of testing every mutant again. Per source file, per function: mutmut's hash of the
# function and each mutant's exit code by its number; a function whose code has changed since is tested anew
# (mutmut compares the hashes itself when it makes the mutants). The rechecks' and --given-time's findings too.
SAVED = ROOT / "bench" / "mutation-results"
_NUMBER = re.compile(r"^(.*)__mutmut_(\d+)$")


def save(module: str) -> Path | None:
    """Write bench/mutation-results/MODULE.json from the module's work directory; the path, or None if not run."""
    work = OUT / module
    files = {}
    for source in SOURCES[module]:
        meta = work / "mutants" / (source + ".meta")
        if not meta.exists():
            continue
        data = json.loads(meta.read_text())
        functions = {f: {"hash": h, "codes": {}} for f, h in sorted(data["hash_by_function_name"].items())}
        for name, code in data["exit_code_by_key"].items():
            m = _NUMBER.match(name.rpartition(".")[2])
            if m and m[1] in functions and code is not None:
                functions[m[1]]["codes"][m[2]] = code
        files[source] = functions
    if not files:
        return None
    found = {"files": files}
    for extra in ("recheck.json", "given-time.json"):
        if (work / extra).exists():
            found[extra] = json.loads((work / extra).read_text())
    SAVED.mkdir(exist_ok=True)
    path = SAVED / f"{module}.json"
    path.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    return path


def _restore(module: str, work: Path) -> bool:
    """Plant the saved results in a work directory that has no mutants yet (a new checkout): mutmut keeps a
    planted result wherever the function's hash is unchanged. True if there was anything to plant."""
    path = SAVED / f"{module}.json"
    if (work / "mutants").exists() or not path.exists():
        return False
    found = json.loads(path.read_text())
    for source, functions in found["files"].items():
        prefix = source.removesuffix(".py").replace("/", ".")
        meta = work / "mutants" / (source + ".meta")
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({
            "exit_code_by_key": {f"{prefix}.{f}__mutmut_{n}": code for f, v in functions.items()
                                 for n, code in v["codes"].items()},
            "hash_by_function_name": {f: v["hash"] for f, v in functions.items()},
            "type_check_error_by_key": {}, "durations_by_key": {}, "estimated_durations_by_key": {}}))
    for extra in ("recheck.json", "given-time.json"):
        if extra in found:
            (work / extra).write_text(json.dumps(found[extra], indent=1))
    return True


def _untested(module: str, globs: list[str]) -> list[str]:
    """The mutants matching ``globs`` that no run has tested (mutmut's results, made by a run)."""
    work = OUT / module
    names = []
    for source in SOURCES[module]:
        meta = work / "mutants" / (source + ".meta")
        if meta.exists():
            names += [n for n, code in json.loads(meta.read_text())["exit_code_by_key"].items()
                      if code is None and any(fnmatch.fnmatchcase(n, g) for g in globs)]
    return sorted(names)


def results(module: str) -> dict[str, str]:
    """Each mutant's status from the last run of MODULE (only the functions the module's run covers)."""
    work = OUT / module
    if not (work / "mutants").is_dir():
        return {}
    p = _mutmut(work, "results", "--all", "true", capture_output=True)
    globs = MODULES[module][1]
    found = {}
    for line in p.stdout.splitlines():
        m = LINE.match(line)
        if m and (globs is None or any(fnmatch.fnmatchcase(m[1], g) for g in globs)):
            found[m[1]] = m[2].strip()
    return found


def _subprocess_env(work: Path) -> dict:
    """The tests' own subprocesses (Env.run, a terminal's) import sendvault too: from the mutated copy,
    so that a mutant switched on in the test is on in them as well (mutmut passes it in the environment).
    But not mutmut's "stats" mode, in which a subprocess would look for mutmut's settings in its own
    working directory: site/sitecustomize.py switches that off in a new interpreter."""
    site = work / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(
        "import os\n"
        "if os.environ.get('MUTANT_UNDER_TEST') in ('stats', 'list_all_tests'):\n"
        "    os.environ['MUTANT_UNDER_TEST'] = ''\n")
    # mutmut hands a mutant's tests to pytest in a set's order, so a test that fails at once may run last:
    # fastest first (by the durations mutmut measured), a caught mutant stops at its first cheap failure.
    (site / "mutation_fastest_first.py").write_text(
        "def pytest_collection_modifyitems(items):\n"
        "    try:\n"
        "        from mutmut.state import state\n"
        "        durations = state().duration_by_test\n"
        "    except Exception:\n"
        "        return\n"
        "    items.sort(key=lambda item: durations.get(item.nodeid, float('inf')))\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(work / "mutants"), str(site)])}


def run(module: str, children: int, minutes: float | None, only: list[str] | None = None) -> float:
    tests, globs = MODULES[module]
    if only:
        # A part of the module's mutants (say, those an earlier run's budget did not reach): each glob
        # must lie within what the module covers, or the table (which counts the module's) would miss it.
        for glob in only:
            if globs is not None and not any(fnmatch.fnmatchcase(glob, g) or glob == g for g in globs):
                sys.exit(f"mutation: {glob} is not among {module}'s mutants")
        globs = only
    work = _workdir(module, [t for t in tests if (ROOT / t).exists()])
    started = time.monotonic()
    env = _subprocess_env(work)
    log = work / "run.log"
    _restore(module, work)
    if globs is not None and not only and (work / "mutants").exists():
        # A module named by its functions, run before (or planted): mutmut tests again every mutant it is given
        # by name, so first let it make the mutants anew (a name that matches none: the code may have changed),
        # then name only those no run has tested.
        with open(log, "w") as out:
            subprocess.run([sys.executable, "-m", "mutmut", "run", "sendvault.no_such_mutant"], cwd=work, env=env,
                           stdout=out, stderr=subprocess.STDOUT)
        globs = _untested(module, globs)
        print(f"mutation: {module}: {len(globs)} mutants not yet tested", file=sys.stderr)
        if not globs:
            return time.monotonic() - started
    for _ in range(2):
        with open(log, "w") as out:
            p = subprocess.Popen([sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *(globs or [])],
                                 cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                p.wait(timeout=None if minutes is None else max(1.0, minutes * 60 - (time.monotonic() - started)))
            except subprocess.TimeoutExpired:
                # Out of time: what was tested is kept (mutmut saves each result as it comes);
                # the rest stays "not checked", and the table says so.
                # SIGINT first: pytest then runs its teardown and the tests' finally blocks, which
                # remove their files in /dev/shm (SIGTERM skipped them and left a test's intake file).
                for sig, wait in ((signal.SIGINT, 30), (signal.SIGTERM, 10), (signal.SIGKILL, None)):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(p.pid, sig)
                    try:
                        p.wait(timeout=wait)
                        break
                    except subprocess.TimeoutExpired:
                        continue
                print(f"mutation: {module}: stopped after {minutes} minutes", file=sys.stderr)
                break
        # mutmut 3.8.1 sometimes finds no test reaching the mutants on the run that first
        # makes them; the second run (mutants made) finds them.
        if p.returncode == 0 or "could not find any test case" not in log.read_text(errors="replace"):
            break
    if p.returncode != 0:
        print(f"mutation: {module}: mutmut exited {p.returncode}; see {log}", file=sys.stderr)
    return time.monotonic() - started


def _pytest(args: list[str], cwd: Path, env: dict, limit: float | None) -> int | None:
    """pytest's exit code, or None if it was still running at ``limit`` seconds (a mutant that loops): then it
    and whatever it started (the tests' own subprocesses) are stopped."""
    p = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        return p.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        return None


def recheck(module: str, untested: bool = False, select: str | None = None, mutants: str | None = None,
            children: int = 1, limit: float = 300.0) -> dict[str, str]:
    """The last run's surviving (and timed-out) mutants against tests/test_mutation_kills_MODULE.py, the
    tests written for them: each mutant switched on as mutmut does (MUTANT_UNDER_TEST). ``untested``: the
    mutants no test of the module's own reaches too. ``select``: only the tests pytest's ``-k`` picks
    (those written since the run, which already ran the file as it was: a survivor runs every test
    selected, so the whole file for each is slow). ``mutants``: only the survivors whose name matches this
    glob (the others keep what an earlier recheck found). ``children`` mutants at once; one whose tests still run
    at ``limit`` seconds is stopped and so marked (a loop proves nothing). Returns name -> status."""
    work = OUT / module
    kills = ROOT / "tests" / f"test_mutation_kills_{module.replace('-', '_')}.py"
    if not kills.exists():
        return {}
    env = _subprocess_env(work)
    args = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=", str(kills),
            *(["-k", select] if select else [])]
    # The new tests must pass without a mutant, or a "kill" would mean nothing.
    clean = subprocess.run(args, cwd=work / "mutants", env={**env, "MUTANT_UNDER_TEST": ""}, capture_output=True, text=True)
    if clean.returncode != 0:
        sys.exit(f"mutation: {kills.name} fails with no mutant:\n{clean.stdout[-2000:]}")
    saved = work / "recheck.json"
    # Incremental, as mutmut is: a mutant the new tests killed stays killed (they only grow); delete
    # recheck.json to test every one again.
    before = json.loads(saved.read_text()) if saved.exists() else {}
    found, todo = {}, []
    for name, status in sorted(results(module).items()):
        # A timeout proves nothing either: mutmut stops a mutant at a CPU limit, and one that runs all of a slow
        # function's tests on a busy machine can reach it without looping.
        if status not in ("survived", "timeout") and not (untested and status == "no tests"):
            continue
        if "killed by" in before.get(name, "") or (mutants and not fnmatch.fnmatchcase(name, mutants)):
            if name in before:
                found[name] = before[name]
            continue
        todo.append((name, status))

    def one(item: tuple[str, str]) -> tuple[str, str]:
        name, status = item
        code = _pytest(args, work / "mutants", {**env, "MUTANT_UNDER_TEST": name}, limit)
        if code is None:
            return name, f"{status}, still running at {limit:.0f} s"
        return name, f"{status}, killed by {kills.name}" if code in (1, 3) else status

    with concurrent.futures.ThreadPoolExecutor(max(1, children)) as pool:
        for name, status in pool.map(one, todo):
            found[name] = status
            print(f"{name}: {status}", flush=True)
            saved.write_text(json.dumps({**before, **found}, indent=1))  # so far, should the run be stopped
    # Kept: what an earlier recheck found of the mutants this one did not look at (another glob, or "no tests"
    # without --untested).
    saved.write_text(json.dumps({**before, **found}, indent=1))
    return found


def given_time(module: str, mutants: str | None = None, limit: float = 900.0) -> dict[str, str]:
    """The last run's timeouts against the module's OWN tests (its list in MODULES), each mutant with no CPU
    limit but ``limit`` seconds of wall-clock time. mutmut stops a mutant at a CPU limit measured from the
    tests' own calls, so on a busy machine a mutant that only makes a test fail slowly (or whose tests are
    slow to set up) is stopped before it fails, and counted as a timeout: neither caught nor survived.
    Each is "caught" (a test fails), "survived" (every test passes: a survivor, to kill or explain) or
    "loops" (still running at ``limit``). Saved in the module's given-time.json; returns name -> outcome."""
    tests, _ = MODULES[module]
    work = OUT / module
    env = _subprocess_env(work)
    args = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
            *[str(ROOT / t) for t in tests if (ROOT / t).exists()],
            *[a for t in DESELECT + DESELECT_IN.get(module, []) for a in ("--deselect", str(ROOT / t))],
            *(["-k", SELECT_IN[module]] if module in SELECT_IN else [])]
    saved = work / "given-time.json"
    found = json.loads(saved.read_text()) if saved.exists() else {}
    for name, status in sorted(results(module).items()):
        if status != "timeout" or name in found or (mutants and not fnmatch.fnmatchcase(name, mutants)):
            continue
        p = subprocess.Popen(args, cwd=work / "mutants", env={**env, "MUTANT_UNDER_TEST": name},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            code = p.wait(timeout=limit)
            found[name] = "caught" if code in (1, 3) else "survived" if code == 0 else f"pytest exited {code}"
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            found[name] = "loops"
        print(f"{name}: timeout, {found[name]} given time", flush=True)
        saved.write_text(json.dumps(found, indent=1))  # so far, should the run be stopped
    saved.write_text(json.dumps(found, indent=1))
    return found


# mutmut's exit codes as mutmut reads them (its stats module), here so that the table needs no mutmut installed.
_STATUS_BY_CODE = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
                   36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout",
                   -11: "segfault", -9: "segfault"}


def _saved_results(module: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each mutant's status and the recheck's findings as bench/mutation-results/MODULE.json keeps them (a new
    checkout, with no work directory): the table's figures without running anything."""
    path = SAVED / f"{module}.json"
    if not path.exists():
        return {}, {}
    found = json.loads(path.read_text())
    globs = MODULES[module][1]
    statuses = {}
    for source, functions in found["files"].items():
        prefix = source.removesuffix(".py").replace("/", ".")
        for function, kept in functions.items():
            for n, code in kept["codes"].items():
                name = f"{prefix}.{function}__mutmut_{n}"
                if globs is None or any(fnmatch.fnmatchcase(name, g) for g in globs):
                    statuses[name] = _STATUS_BY_CODE.get(code, "suspicious")
    return statuses, found.get("recheck.json", {})


def table(modules: list[str], seconds: dict[str, float]) -> None:
    print("| module | mutants | killed | survived | timeout | no tests | not checked | other | killed by the new tests | run (min) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    notes = []
    for module in modules:
        found = results(module)
        recheck_file = OUT / module / "recheck.json"
        rechecked = json.loads(recheck_file.read_text()) if found and recheck_file.exists() else {}
        if not found:
            found, rechecked = _saved_results(module)
            if found:
                notes.append(f"{module}: from bench/mutation-results/{module}.json (no work directory here), which "
                             "keeps no mutant a run did not check")
        if not found:
            print(f"| {module} | not run | | | | | | | | |")
            continue
        counts = {s: sum(1 for v in found.values() if v == s) for s in STATUSES}
        main = ("killed", "survived", "timeout", "no tests", "not checked")
        other = len(found) - sum(counts[s] for s in main)
        # Only those the run still counts as alive: a later run may have killed a mutant with the new tests itself.
        new = sum(1 for k, v in rechecked.items() if "killed by" in v and found.get(k) in ("survived", "timeout", "no tests"))
        took = f"{seconds[module] / 60:.1f}" if module in seconds else ""
        print(f"| {module} | {len(found)} | " + " | ".join(str(counts[s]) for s in main) + f" | {other} | {new} | {took} |")
        given = OUT / module / "given-time.json"
        outcome = [v for k, v in json.loads(given.read_text()).items() if found.get(k) == "timeout"] \
            if given.exists() else []
        if outcome:
            notes.append(f"{module}: of its {counts['timeout']} timeouts, given time " + ", ".join(
                f"{outcome.count(o)} {o}" for o in ("caught", "survived", "loops") if o in outcome))
    for line in notes:
        print(line)


def survivors(module: str) -> None:
    for name, status in sorted(results(module).items()):
        if status in ("survived", "no tests", "suspicious"):
            print(f"## {name}: {status}")
            print(_mutmut(OUT / module, "show", name, capture_output=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--table", action="store_true", help="print the last runs' table, run nothing")
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants' diffs, run nothing")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once (default 1: a shared machine)")
    parser.add_argument("--minutes", type=float, help="stop each module's run after this long (the rest: not checked)")
    parser.add_argument("--only", metavar="GLOB", action="append",
                        help="run only the mutants whose name matches GLOB (mutmut's names; repeatable)")
    parser.add_argument("--recheck", action="store_true",
                        help="test the last run's survivors against tests/test_mutation_kills_MODULE.py, run nothing else")
    parser.add_argument("--given-time", action="store_true",
                        help="test the last run's timeouts against the module's own tests with no CPU limit, run nothing else")
    parser.add_argument("--save", action="store_true",
                        help="write the last runs' results to bench/mutation-results/ (a run does so itself), run nothing")
    parser.add_argument("--limit", type=float, default=300.0, metavar="SECONDS",
                        help="with --recheck: stop a mutant whose tests still run after this long (default 300)")
    parser.add_argument("--untested", action="store_true", help="with --recheck: the mutants no test reached too")
    parser.add_argument("--select", metavar="EXPR", help="with --recheck: only the new tests pytest -k EXPR selects")
    parser.add_argument("--mutants", metavar="GLOB", help="with --recheck: only the survivors whose name matches GLOB")
    args = parser.parse_args()
    for module in args.modules:
        if module not in MODULES:
            parser.error(f"no such module: {module} (one of: {', '.join(MODULES)})")
    modules = args.modules or list(MODULES)
    if args.survivors:
        for module in modules:
            survivors(module)
        return
    seconds = {}
    if args.save:
        for module in modules:
            print(save(module) or f"mutation: {module}: not run")
        return
    if args.given_time:
        for module in modules:
            given_time(module, args.mutants)
            save(module)
    elif args.recheck:
        for module in modules:
            recheck(module, args.untested, args.select, args.mutants, args.children, args.limit)
            save(module)
    elif not args.table:
        for module in modules:
            print(f"mutation: {module} ...", file=sys.stderr, flush=True)
            seconds[module] = run(module, args.children, args.minutes, args.only)
            save(module)
            recheck(module, children=args.children, limit=args.limit)
            save(module)
    table(modules, seconds)


if __name__ == "__main__":
    main()
