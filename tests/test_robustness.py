"""Hostile or damaged input that must fail cleanly: found in review, pinned here."""

from __future__ import annotations

import json
import os

import pytest

from conftest import (
    Env,
    age_decrypt,
    case_file,
    core_vault,
    make_case,
    make_key,
    one_line_error,
    requires_age,
)


def _snapshot(env: Env) -> dict[str, bytes]:
    out = {}
    for dirpath, _, files in os.walk(env.vault):
        for name in files:
            p = os.path.join(dirpath, name)
            if "/local/" not in p:
                with open(p, "rb") as f:
                    out[p] = f.read()
    return out


@requires_age
def test_a_refused_officer_add_wraps_no_key_for_them(env: Env):
    key = env.tmp / "x.key"
    recipient = make_key(key)
    before = _snapshot(env)
    r = env.cli("officer", "add", "A" * 81, recipient)
    assert r.exit_code == 2
    assert "1 to 80 characters" in one_line_error(r)
    assert _snapshot(env) == before
    assert age_decrypt(env.vault / "vaultkeys" / "1.age", key).returncode != 0


def test_blank_officer_names_are_refused(env: Env):
    r = env.cli("officer", "add", "   ", make_key(env.tmp / "y.key"))
    assert r.exit_code == 2


def test_a_leavers_key_is_never_taken_back(env: Env):
    bo = env.new_officer("Bo")
    recipient = [line.split(": ")[1] for line in bo.read_text().splitlines() if line.startswith("# public key")][0]
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    r = env.cli("officer", "add", "Bo", recipient)
    assert r.exit_code == 1
    assert "who left" in one_line_error(r)


def test_a_damaged_audit_tail_stops_a_change_before_it_is_made(env: Env):
    cid = make_case(env)
    (log,) = (env.vault / "audit").glob("*.log")
    with open(log, "ab") as f:
        f.write(b"e1:AAAA\n")
    before = case_file(env, cid).read_bytes()
    r = env.cli("note", cid, "a note that must not be stored unrecorded")
    assert r.exit_code == 1
    assert "audit trail cannot be extended" in one_line_error(r)
    assert case_file(env, cid).read_bytes() == before


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_a_non_file_where_a_case_should_be_is_a_problem_not_a_hang(env: Env, kind):
    make_case(env)
    p = env.vault / "cases" / "ABCD-EFGH.age"
    os.mkdir(p) if kind == "directory" else os.mkfifo(p)
    (env.vault / "casekeys" / "ABCD-EFGH.e1.age").write_bytes(b"")
    r = env.run("verify", "--json", timeout=60)
    assert r.exit_code == 4, r.stderr
    assert any("ABCD-EFGH" in p for p in json.loads(r.stdout)["problems"])


def test_a_case_key_that_decrypts_but_is_no_key_is_a_problem(env: Env):
    from sendvault.store import crypto

    cid = make_case(env)
    v = core_vault(env)
    bogus = f"# case: {cid}\nAGE-SECRET-KEY-1QQQQ\n".encode()
    (env.vault / "casekeys" / f"{cid}.e1.age").write_bytes(crypto.encrypt(bogus, [v.vault_key(1).recipient]))
    r = env.cli("verify", "--json")
    assert r.exit_code == 4
    assert any(p.startswith(f"case {cid}:") and "does not hold a case key" in p for p in json.loads(r.stdout)["problems"])
    assert "does not hold a case key" in one_line_error(env.cli("show", cid))


def test_text_that_looks_like_markup_prints_as_written(env: Env):
    cid = make_case(env)
    note = "Mum said [see email] and [/school] was [bold]not[/bold] told"
    assert env.cli("note", cid, note).exit_code == 0
    r = env.cli("show", cid)
    assert r.exit_code == 0, r.stderr
    assert "[see email]" in r.stdout and "[/school]" in r.stdout and "[bold]not[/bold]" in r.stdout


def test_erase_leaves_no_key_of_any_epoch(env: Env):
    cid = make_case(env)
    key = next((env.vault / "casekeys").glob(f"{cid}.e*.age"))
    ahead = env.vault / "casekeys" / f"{cid}.e7.age"  # as if synced ahead of vault.toml
    ahead.write_bytes(key.read_bytes())
    assert env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    assert list((env.vault / "casekeys").glob(f"{cid}.*")) == []


def test_a_reader_survives_a_writer_rekeying_or_erasing_under_it(env: Env):
    """Readers take no lock: a case re-keyed (after a removal) or erased between listing
    and reading is read again, or left out, never an internal error."""
    env.new_officer("Bo")
    a, b = make_case(env), make_case(env)
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    reader = core_vault(env)
    reader.index_keys()  # sees a's key of epoch 1
    assert env.cli("note", a, "written after the removal: a gets a new key").exit_code == 0
    assert env.cli("erase", b, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    assert reader.read_case(a)["notes"][-1]["text"].startswith("written after the removal")
    assert [r["id"] for r in reader.map_cases(lambda r: r, [a, b])] == [a]
