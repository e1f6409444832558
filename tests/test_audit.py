"""The audit trail: what it records, that it keeps no personal data, and that
`audit verify` catches every kind of tampering while tolerating a torn last line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import (
    core_vault,
    PERSONAL_DATA,
    Env,
    assert_no_personal_data,
    make_case,
    one_line_error,
    show,
)


def _entries(env: Env) -> list[dict]:
    r = env.cli("audit", "show", "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _log(env: Env) -> Path:
    (log,) = (env.vault / "audit").glob("*.log")
    return log


def _head(env: Env) -> Path:
    (head,) = (env.vault / "audit").glob("*.head")
    return head


def _lines(env: Env) -> list[bytes]:
    data = _log(env).read_bytes()
    assert data.endswith(b"\n")
    return data[:-1].split(b"\n")


def _write_lines(env: Env, lines: list[bytes]) -> None:
    _log(env).write_bytes(b"".join(ln + b"\n" for ln in lines))


def _trail(env: Env, n: int = 6) -> list[bytes]:
    """Make the trail at least ``n`` entries long (init + n-1 `audit verify`)."""
    for _ in range(n - 1):
        assert env.cli("audit", "verify").exit_code == 0
    lines = _lines(env)
    assert len(lines) == n
    return lines


def _verify_fails(env: Env, *expected: str) -> str:
    r = env.cli("audit", "verify")
    assert r.exit_code == 4, r.stderr
    line = one_line_error(r)
    assert "audit trail" in line
    problems = [ln for ln in r.stderr.splitlines() if ln.startswith("  - ")]
    assert problems, r.stderr
    for text in expected:
        assert text in r.stderr, r.stderr
    return r.stderr


# --- what is recorded --------------------------------------------------------


def test_audit_show_lists_who_what_which_case(env: Env):
    bo = env.new_officer("Bo")
    cid = make_case(env, identity=bo)
    show(env, cid)
    entries = _entries(env)
    got = [(e["officer"], e["command"], e["case"]) for e in entries]
    assert got == [
        ("Ann", "init", None),
        ("Ann", "officer add", None),
        ("Bo", "intake", cid),
        ("Ann", "show", cid),
    ]
    for e in entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e["at"])
        assert len(e["device"]) == 16
    assert [e["seq"] for e in entries] == [1, 2, 3, 4]
    # --case and --officer filter.
    r = env.cli("audit", "show", "--json", "--case", cid.lower())
    assert [(e["command"], e["case"]) for e in json.loads(r.stdout)] == [("intake", cid), ("show", cid)]
    r = env.cli("audit", "show", "--json", "--officer", "bo")
    assert [e["command"] for e in json.loads(r.stdout)] == ["intake"]
    # The table form too.
    r = env.cli("audit", "show")
    assert r.exit_code == 0 and cid in r.stdout and "intake" in r.stdout


def test_audit_holds_no_personal_data(env: Env):
    cid = make_case(env)
    show(env, cid)
    for query in ("Jane Example", "EX1 2NP", "jane@example.org", "07700 900123"):
        r = env.cli("find", query)
        assert r.exit_code == 0 and cid in r.stdout, query  # the search found the case: its words went through find
    assert env.cli("note", cid, "Sam Example's school (Example Hill) agreed to meet").exit_code == 0
    r = env.cli("audit", "show", "--json")
    assert r.exit_code == 0
    assert_no_personal_data(r.stdout, r.stderr)
    commands = [e["command"] for e in json.loads(r.stdout)]
    assert commands.count("find") == 4 and "note" in commands
    # The files themselves are encrypted: not even the command names are in the clear.
    # (Searching the base64 for a short word like "Ann" would fail by chance now and
    # then; every line being a whole age file is the real claim.)
    import base64

    for f in (env.vault / "audit").iterdir():
        data = f.read_bytes()
        for line in data.splitlines():
            tag, b64 = line.split(b":", 1)
            assert re.fullmatch(rb"e[0-9]+", tag)
            assert base64.b64decode(b64, validate=True).startswith(b"age-encryption.org/v1\n")
        assert_no_personal_data(data.decode("latin-1"))


def test_audit_verify_clean_trail(env: Env):
    make_case(env)
    r = env.cli("audit", "verify")
    assert r.exit_code == 0, r.stderr
    assert "intact" in r.stderr
    r = env.cli("audit", "verify", "--json")
    assert r.exit_code == 0
    result = json.loads(r.stdout)
    assert result["problems"] == [] and result["entries"] == 3  # init, intake, audit verify


# --- tampering ---------------------------------------------------------------


def test_a_modified_line_is_detected(env: Env):
    lines = _trail(env)
    line = bytearray(lines[2])
    i = len(line) // 2
    line[i] = ord("A") if line[i] != ord("A") else ord("B")
    lines[2] = bytes(line)
    _write_lines(env, lines)
    _verify_fails(env, "line 3")


def test_a_modified_epoch_tag_is_detected(env: Env):
    lines = _trail(env)
    lines[1] = b"e9" + lines[1][2:]
    _write_lines(env, lines)
    _verify_fails(env, "line 2")


def test_a_line_removed_from_the_middle_is_detected(env: Env):
    lines = _trail(env)
    del lines[2]
    _write_lines(env, lines)
    _verify_fails(env, "line 3")


def test_two_lines_swapped_are_detected(env: Env):
    lines = _trail(env)
    lines[2], lines[3] = lines[3], lines[2]
    _write_lines(env, lines)
    _verify_fails(env, "line 3")


def test_a_line_replaced_by_a_copy_of_another_is_detected(env: Env):
    lines = _trail(env)
    lines[3] = lines[2]
    _write_lines(env, lines)
    _verify_fails(env, "line 4")


@pytest.mark.parametrize("cut", [1, 2])
def test_lines_cut_off_at_the_end_are_detected(env: Env, cut: int):
    lines = _trail(env)
    size = sum(len(ln) + 1 for ln in lines[:-cut])
    with open(_log(env), "r+b") as f:
        f.truncate(size)
    _verify_fails(env, "cut off")


def test_the_whole_log_removed_is_detected(env: Env):
    _trail(env)
    _log(env).unlink()
    _verify_fails(env)


def test_a_deleted_head_is_detected(env: Env):
    _trail(env)
    _head(env).unlink()
    _verify_fails(env, ".head")


def test_a_head_from_earlier_is_detected(env: Env):
    """An old head put back over a longer log (entries added behind the head's back)."""
    _trail(env, 3)
    old_head = _head(env).read_bytes()
    assert env.cli("audit", "verify").exit_code == 0
    assert env.cli("audit", "verify").exit_code == 0
    _head(env).write_bytes(old_head)
    _verify_fails(env, "entries added")


def test_nothing_is_appended_when_verify_fails(env: Env):
    lines = _trail(env)
    del lines[1]
    _write_lines(env, lines)
    before = _log(env).read_bytes(), _head(env).read_bytes()
    _verify_fails(env)
    assert (_log(env).read_bytes(), _head(env).read_bytes()) == before


# --- a killed writer ---------------------------------------------------------


def test_a_torn_last_line_is_tolerated_and_replaced(env: Env):
    lines = _trail(env, 4)
    with open(_log(env), "ab") as f:
        f.write(lines[-1][: len(lines[-1]) // 2])  # what a writer killed mid-append leaves
    r = env.cli("audit", "verify")  # appends its own entry, cutting the torn tail first
    assert r.exit_code == 0, r.stderr
    assert "cut short" in r.stderr  # said as a note, not a problem
    new = _lines(env)
    assert new[:4] == lines and len(new) == 5
    r = env.cli("audit", "verify", "--json")
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["problems"] == [] and result["notes"] == [] and result["entries"] == 5
    assert [e["seq"] for e in _entries(env)] == [1, 2, 3, 4, 5, 6]


def test_a_torn_first_line_is_tolerated(env: Env):
    log = _log(env)
    first = log.read_bytes()
    log.write_bytes(first + first[:10])
    assert env.cli("audit", "verify").exit_code == 0
    assert env.cli("audit", "verify").exit_code == 0
    assert len(_lines(env)) == 3


def test_an_entry_sealed_with_the_key_but_not_an_entry_is_a_problem(env: Env):
    """An insider holding the vault key can seal anything: a line that opens but is not a
    valid entry (here, one with personal data smuggled into an unknown field) is reported."""
    from sendvault.store import audit

    make_case(env)
    v = core_vault(env)
    (log,) = (env.vault / "audit").glob("*.log")
    bogus = json.dumps({"seq": 99, "note": "Jane Example"}).encode()
    with open(log, "ab") as f:
        f.write(audit._seal(v, bogus) + b"\n")
    r = env.cli("audit", "verify")
    assert r.exit_code == 4
    assert "fails its schema" in r.stderr and "Jane" not in r.stderr
