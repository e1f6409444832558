"""Legal holds (R31) and removal on request (R26), through the command line."""

from __future__ import annotations

import pytest

from conftest import Env, case_key_files, finish, make_case, one_line_error, show, spawn


def _audit_commands(env: Env, cid: str) -> list[str]:
    import json

    r = env.cli("audit", "show", "--case", cid, "--json")
    assert r.exit_code == 0, r.stderr
    return [e["command"] for e in json.loads(r.stdout)]


def test_a_held_case_cannot_be_erased_until_released(env: Env):
    cid = make_case(env)
    r = env.cli("hold", cid, "--reason", "production order PO-2026-114")
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["holds"][0]["reason"] == "production order PO-2026-114"

    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 5
    assert "legal hold" in one_line_error(r)
    assert show(env, cid)["id"] == cid  # still there, still readable

    assert env.cli("release", cid).exit_code == 0
    hold = show(env, cid)["holds"][0]
    assert hold["released_by"] == "Ann" and "released_at" in hold
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    assert not (env.vault / "cases" / f"{cid}.age").exists()
    assert case_key_files(env, cid) == []
    assert [c for c in _audit_commands(env, cid) if c != "show"] == ["intake", "hold", "release", "erase"]


def test_a_second_hold_and_a_release_without_hold_are_refused(env: Env):
    cid = make_case(env)
    assert env.cli("hold", cid, "--reason", "court order").exit_code == 0
    assert "already on hold" in one_line_error(env.cli("hold", cid, "--reason", "again"))
    assert env.cli("release", cid).exit_code == 0
    assert "not on hold" in one_line_error(env.cli("release", cid))


def test_only_managers_erase_or_release(env: Env):
    cid = make_case(env)
    bo = env.new_officer("Bo")
    assert env.cli("hold", cid, "--reason", "court order", identity=bo).exit_code == 0  # any officer may hold
    r = env.cli("release", cid, identity=bo)
    assert r.exit_code == 5 and "manager" in one_line_error(r)
    assert env.cli("release", cid).exit_code == 0
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes", identity=bo)
    assert r.exit_code == 5 and "manager" in one_line_error(r)
    assert show(env, cid)["id"] == cid


def test_erase_asks_for_the_id_and_a_wrong_answer_destroys_nothing(env: Env):
    cid = make_case(env)
    child = spawn(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter")
    child.expect_exact(f"This destroys case {cid} for good. Type its id to confirm")
    child.sendline("NOPE-NOPE")
    status, text = finish(child)
    assert status == 1, text
    assert "sendvault: error: the id typed does not match; nothing was destroyed" in text
    assert show(env, cid)["id"] == cid


@pytest.mark.parametrize("form", ["lower", "spaced", "no-hyphen"])
def test_erase_accepts_the_id_typed_in_any_forgiving_form(env: Env, form: str):
    cid = make_case(env)
    typed = {"lower": cid.lower(), "spaced": cid.replace("-", " ").lower(), "no-hyphen": cid.replace("-", "")}[form]
    child = spawn(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter")
    child.expect_exact("Type its id to confirm")
    child.sendline(typed)
    status, text = finish(child)
    assert status == 0, text
    assert f"case {cid} was destroyed on " in one_line_error(env.cli("show", cid))  # when and why, nothing else


def test_erase_without_a_terminal_names_yes_and_destroys_nothing(env: Env):
    cid = make_case(env)
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", input=cid + "\n")  # a piped answer is not a confirmation
    assert r.exit_code == 2
    line = one_line_error(r)
    assert "terminal" in line and "--yes" in line
    assert show(env, cid)["id"] == cid


def test_erase_checks_role_and_hold_before_asking_to_confirm(env: Env):
    """Nobody is asked to type the id of an erasure that would be refused."""
    cid = make_case(env)
    bo = env.new_officer("Bo")
    child = spawn(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter", identity=bo)
    status, text = finish(child)
    assert status == 5, text
    assert "only a manager" in text and "Type its id" not in text
    assert env.cli("hold", cid, "--reason", "court order").exit_code == 0
    child = spawn(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter")
    status, text = finish(child)
    assert status == 5, text
    assert "legal hold" in text and "Type its id" not in text
    assert show(env, cid)["id"] == cid


def test_erase_yes_is_still_manager_only_and_hold_checked(env: Env):
    cid = make_case(env)
    bo = env.new_officer("Bo")
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes", identity=bo)
    assert r.exit_code == 5 and "manager" in one_line_error(r)
    assert env.cli("hold", cid, "--reason", "court order").exit_code == 0
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 5 and "legal hold" in one_line_error(r)
    assert show(env, cid)["id"] == cid


def test_erase_of_an_unknown_case_is_one_line(env: Env):
    r = env.cli("erase", "K7M3-Q9P2", "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 1
    assert "no case K7M3-Q9P2" in one_line_error(r)


def test_an_erased_case_leaves_verify_clean(env: Env):
    cid = make_case(env)
    make_case(env)
    assert env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    r = env.cli("verify")
    assert r.exit_code == 0, r.stderr


def test_erase_records_who_asked_how_and_when(env: Env):
    """R26: the destruction record, the audit entry and 'show' afterwards keep who asked (a kind of person), how and when."""
    import json

    cid = make_case(env)
    r = env.cli("erase", cid, "--asked-by", "Young-Person", "--how", "email", "--received", "03/01/2025", "--yes")
    assert r.exit_code == 0, r.stderr
    record = json.loads((env.vault / "destroyed" / f"{cid}.json").read_text())
    assert record["request"] == {"asked_by": "young-person", "how": "email", "received": "2025-01-03"}
    r = env.cli("audit", "show", "--case", cid, "--json")
    entry = [e for e in json.loads(r.stdout) if e["command"] == "erase"][0]
    assert entry["detail"] == "asked by young-person by email, received 2025-01-03"
    r = env.cli("show", cid)
    assert "at the service user's request (young-person, by email, received 2025-01-03)" in one_line_error(r)


@pytest.mark.parametrize("options, says", [
    (["--how", "letter"], "say who asked: --asked-by parent-carer|young-person|professional|other"),
    (["--asked-by", "parent-carer"], "say how the request came: --how phone|email|letter|in-person"),
    (["--asked-by", "Mr Okafor", "--how", "letter"], "--asked-by must be one of parent-carer, young-person, professional, other"),
    (["--asked-by", "parent-carer", "--how", "fax"], "--how must be one of phone, email, letter, in-person"),
    (["--asked-by", "parent-carer", "--how", "letter", "--received", "31/02/2025"], "the request's date: "),
    (["--asked-by", "parent-carer", "--how", "letter", "--received", "01/01/2099"], "the request's date is in the future"),
])
def test_erase_without_who_how_or_a_good_date_is_refused_and_destroys_nothing(env: Env, options, says):
    cid = make_case(env)
    r = env.cli("erase", cid, *options, "--yes")
    assert r.exit_code == 2, r.stderr
    line = one_line_error(r)
    assert line.startswith(f"sendvault: error: {says}"), line
    assert "Mr Okafor" not in r.stderr  # a name typed where a kind of person goes is never echoed
    assert show(env, cid)["id"] == cid
    assert not (env.vault / "destroyed" / f"{cid}.json").exists()
