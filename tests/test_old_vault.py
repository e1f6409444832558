"""A vault written by an earlier sendvault still opens and says the same (issue 23, "Must show").

tests/data/vault-2026-12-05/ was made by tests/data/make_old_vault.py with the code of 2026-12-05,
before a case held a list of people, and is kept as it was made. A copy of it (git keeps no file
modes, so the copy is given the vault's own: 0700 and 0600, as a restore from a backup would) must pass
`verify` and `audit verify`, and give the same `show --json`, `find` and `report` as it did then,
apart from fields added since (expected.json holds what it said).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendvault.cli import app

DATA = Path(__file__).resolve().parent / "data" / "vault-2026-12-05"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def old(tmp_path: Path) -> Path:
    copy = tmp_path / "old"
    shutil.copytree(DATA, copy)
    for top, dirs, files in os.walk(copy):
        os.chmod(top, 0o700)
        for name in files:
            os.chmod(os.path.join(top, name), 0o600)
    return copy


def cli(old: Path, *args: str):
    env = {"SENDVAULT_VAULT": str(old / "vault"), "SENDVAULT_IDENTITY": str(old / "manager.key"),
           "SENDVAULT_AGENT": "off", "COLUMNS": "200", "NO_COLOR": "1"}
    r = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def same_apart_from_new_fields(then, now, where="") -> list[str]:
    """Where ``now`` differs from ``then``, other than by keys ``then`` did not have."""
    if isinstance(then, dict) and isinstance(now, dict):
        return [d for k, v in then.items()
                for d in (same_apart_from_new_fields(v, now[k], f"{where}.{k}") if k in now else [f"{where}.{k}: gone"])]
    if isinstance(then, list) and isinstance(now, list) and len(then) == len(now):
        return [d for i, (a, b) in enumerate(zip(then, now)) for d in same_apart_from_new_fields(a, b, f"{where}[{i}]")]
    return [] if then == now else [f"{where}: {then!r} then, {now!r} now"]


def test_the_old_vault_passes_verify_and_audit_verify(old: Path):
    assert "vault intact" in cli(old, "verify").stderr
    assert "audit trail intact" in cli(old, "audit", "verify").stderr


@pytest.mark.parametrize("name", sorted(EXPECTED["ids"]))
def test_each_case_shows_as_it_did(old: Path, name: str):
    now = json.loads(cli(old, "show", EXPECTED["ids"][name], "--json").stdout)
    assert same_apart_from_new_fields(EXPECTED["show"][name], now) == []


@pytest.mark.parametrize("query", sorted(EXPECTED["find"]))
def test_find_finds_what_it_did(old: Path, query: str):
    now = json.loads(cli(old, "find", query, "--json").stdout)
    assert same_apart_from_new_fields(EXPECTED["find"][query], now) == []


def test_the_report_says_what_it_did(old: Path):
    """Every table and cell it published then, the same now; tables added since (the intervention
    levels, status, evaluation) are new fields."""
    now = json.loads(cli(old, "report", "--from", "2026-04-01", "--to", "2026-12-05", "--format", "json").stdout)
    then = {k: v for k, v in EXPECTED["report"].items() if k not in ("generated", "cells", "tables")}
    # The method's notes are words about the method, rewritten as it grows; its settings are compared.
    then["method"] = {k: v for k, v in then["method"].items() if k != "notes"}
    assert same_apart_from_new_fields(then, now) == []
    tables = {t["table"]: t for t in now["tables"]}
    assert [same_apart_from_new_fields({k: v for k, v in t.items() if k != "note"}, tables.get(t["table"], {}))
            for t in EXPECTED["report"]["tables"]] == [[] for _ in EXPECTED["report"]["tables"]]  # notes: words

    def place(cell: dict) -> tuple:
        return cell["row_variable"], cell["row"], cell["column_variable"], cell["column"]

    cells = {place(c): c for c in now["cells"]}
    assert [c for c in EXPECTED["report"]["cells"] if cells.get(place(c)) != c] == []


def test_the_comparison_can_fail():
    assert same_apart_from_new_fields({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2], "c": 3}) == []
    assert same_apart_from_new_fields({"a": 1}, {"a": 2}) == [".a: 1 then, 2 now"]
    assert same_apart_from_new_fields({"a": 1}, {}) == [".a: gone"]
    assert same_apart_from_new_fields({"b": [1, 2]}, {"b": [1]}) != []


def test_a_changed_old_case_is_migrated_and_everything_else_still_reads(old: Path):
    """Format 1 is written as format 2 at a case's next change: a person added to each open old case of a family,
    then the vault checks out and every case still shows what it did, apart from the change and the new fields."""
    migrated = []
    for name, cid in sorted(EXPECTED["ids"].items()):
        before = json.loads(cli(old, "show", cid, "--json").stdout)
        if before["format"] != "sendvault-case/1":
            continue
        if before["status"] == "open" and before["kind"] == "case" and before.get("record_personal_details") \
                and not before.get("anonymous"):
            cli(old, "person", "add", cid, "--role", "other-family", "--name", "Added Later")
            now = json.loads(cli(old, "show", cid, "--json").stdout)
            assert now["format"] == "sendvault-case/2" and now["people"][0]["number"] == 3
            changed = {k: v for k, v in EXPECTED["show"][name].items() if k not in ("format", "updated", "history")}
            assert same_apart_from_new_fields(changed, now) == []
            migrated.append(name)
    assert migrated, "the fixture has no open case of a family to change"
    assert "vault intact" in cli(old, "verify").stderr
    assert "audit trail intact" in cli(old, "audit", "verify").stderr
    for name in sorted(set(EXPECTED["ids"]) - set(migrated)):
        now = json.loads(cli(old, "show", EXPECTED["ids"][name], "--json").stdout)
        assert same_apart_from_new_fields(EXPECTED["show"][name], now) == []
