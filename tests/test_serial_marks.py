"""The tests ``make test`` runs alone (conftest's SERIAL_MODULES and SERIAL_TESTS) are there: a
name misspelt or a test renamed would run beside another test without a word."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import SERIAL_MODULES, SERIAL_TESTS

HERE = Path(__file__).resolve().parent


def _tests_of(module: str) -> set[str]:
    tree = ast.parse((HERE / module).read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def test_every_module_run_alone_exists():
    assert [m for m in SERIAL_MODULES if not (HERE / m).is_file()] == []


def test_every_test_run_alone_exists_in_its_module():
    missing = {m: sorted(names - _tests_of(m)) for m, names in SERIAL_TESTS.items()}
    assert {m: n for m, n in missing.items() if n} == {}
