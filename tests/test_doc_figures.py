"""The figures of docs/reliability.md that the suite itself decides are the suite's (issue 21.10).

How many tests each row of "What is tested" names is counted by collecting them
(``pytest --collect-only``), and the rounds and examples of "What was tested" are read
from the constants the tests run with: a test added, removed or made longer fails here
until the page says so. (The long runs' figures are printed by ``make stress``; the
page gives the date they were measured.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELIABILITY = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")


def _collected(*files: str) -> Counter:
    """{(file, test function): how many tests it makes}, as pytest collects them."""
    p = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    return Counter(tuple(line.split("[")[0].split("::")[:2]) for line in p.stdout.splitlines() if "::" in line)


def _row(first_cell: str) -> list[str]:
    """The cells of the table row of docs/reliability.md whose first cell is ``first_cell``."""
    for line in RELIABILITY.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"docs/reliability.md has no row {first_cell!r}")


def test_the_counts_of_what_is_tested_are_the_suites():
    files = ["tests/test_surroundings.py", "tests/test_editor_copies.py", "tests/test_hygiene.py", "tests/test_edit.py"]
    counts = _collected(*files)
    per_file = Counter()
    for (f, _), n in counts.items():
        per_file[f] += n
    matrix = counts[("tests/test_surroundings.py", "test_every_command_in_hostile_surroundings")]
    wanted = {"tests/test_surroundings.py": f"{matrix} matrix + {per_file['tests/test_surroundings.py'] - matrix}",
              "tests/test_editor_copies.py": str(per_file["tests/test_editor_copies.py"]),
              "tests/test_hygiene.py": str(per_file["tests/test_hygiene.py"]),
              "tests/test_edit.py": str(per_file["tests/test_edit.py"])}
    for f, figure in wanted.items():
        assert _row(f"`{f}`")[-1] == figure, f"docs/reliability.md: {f} runs {figure} tests"
    rollback = sum(_collected("tests/test_rollback.py").values())
    assert _row("rollback")[2] == f"{rollback} tests", f"docs/reliability.md: tests/test_rollback.py runs {rollback} tests"


def _stress_and_default(path: str, name: str) -> tuple[str, str]:
    """``NAME = 100 if STRESS else 15`` (or ``name=...``) in a test module: ("100", "15")."""
    text = (ROOT / path).read_text(encoding="utf-8")
    m = re.search(rf"{name}\s*=\s*(\d+) if STRESS else (\d+)", text)
    assert m, f"{path}: no {name} = N if STRESS else M"
    return m.group(1), m.group(2)


def test_the_rounds_of_what_was_tested_are_the_tests_own():
    writer = _stress_and_default("tests/test_crash.py", "ROUNDS")
    purge = _stress_and_default("tests/test_purge_crash.py", "max_rounds")
    commands = _stress_and_default("tests/test_crash_commands.py", "ROUNDS")
    sync = _stress_and_default("tests/test_crash_commands.py", "rounds")
    _, _, test, stress = _row("crashes")
    for i, column in ((1, test), (0, stress)):
        assert column == f"writer {writer[i]}, purge {purge[i]}, commands {commands[i]}, sync {sync[i]} rounds", column
    cases = _stress_and_default("tests/test_concurrency.py", "PER_WRITER")
    rounds = _stress_and_default("tests/test_concurrency.py", "rounds")
    _, _, test, stress = _row("concurrency")
    for i, column in ((1, test), (0, stress)):
        assert column == f"{cases[i]} cases each; {rounds[i]} round{'s' if rounds[i] != '1' else ''} each", column
    examples = _stress_and_default("tests/test_fuzz.py", "max_examples")
    _, how, test, stress = _row("fuzzing")
    kinds = sum(_collected("tests/test_fuzz.py").values())  # one test a kind of hostile input
    assert how == f"hypothesis, {kinds} kinds of hostile input", how
    assert test.startswith(f"{examples[1]} examples each;") and stress.startswith(f"{examples[0]} examples each;")
    m = re.search(r"range\(0, len\(good\), 1 if STRESS else (\d+)\)", (ROOT / "tests/test_fuzz.py").read_text())
    assert m and test.endswith(f"truncation every {m.group(1)}th length"), test
