"""Policy versions (R4, R32): the current version, a manager sets a new one, and the open
cases whose service user has not yet been told of it are listed until recorded as told.
"""

from __future__ import annotations

import copy
import json

from conftest import VALID_CASE, Env, audit_log, case_file, flip_byte, make_case, one_line_error, show


def policy(env: Env, identity=None) -> dict:
    r = env.cli("policy", "--json", identity=identity)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def config_bytes(env: Env) -> bytes:
    return (env.vault / "vault.toml").read_bytes()


def test_policy_shows_the_current_version(env: Env):
    r = env.cli("policy")
    assert r.exit_code == 0, r.stderr
    assert "current policy version: 2025-01" in r.stdout
    data = policy(env)
    assert data["current"] == "2025-01"
    assert [h["version"] for h in data["history"]] == ["2025-01"]
    assert data["not_told"] == []


def test_new_cases_told_the_current_version_are_not_listed(env: Env):
    make_case(env, VALID_CASE)
    assert policy(env)["not_told"] == []


def test_an_officer_cannot_set_the_policy(env: Env):
    bo = env.new_officer("Bo")
    before = config_bytes(env)
    r = env.cli("policy", "set", "2026-04", identity=bo)
    assert r.exit_code == 5
    one_line_error(r)
    assert config_bytes(env) == before
    assert policy(env)["current"] == "2025-01"


def test_manager_sets_a_version_and_open_cases_told_the_older_one_are_listed(env: Env):
    open_a = make_case(env, VALID_CASE)
    open_b = make_case(env, VALID_CASE)
    closed = make_case(env, VALID_CASE)
    assert env.cli("close", closed, "--outcome", "resolved").exit_code == 0

    r = env.cli("policy", "set", "2026-04")
    assert r.exit_code == 0, r.stderr
    data = policy(env)
    assert data["current"] == "2026-04"
    assert [h["version"] for h in data["history"]] == ["2025-01", "2026-04"]
    assert data["history"][-1]["set_by"] == "Ann"
    pending = {p["id"]: p for p in data["not_told"]}
    assert set(pending) == {open_a, open_b}  # not the closed one
    assert pending[open_a]["told"] == "2025-01" and pending[open_a]["opened"] == VALID_CASE["contact"]["date"]

    text = env.cli("policy").stdout
    assert "current policy version: 2026-04" in text and open_a in text and closed not in text
    assert any(e["command"] == "policy set" and e["officer"] == "Ann" for e in audit_log(env))


def test_policy_told_removes_the_case_from_the_list(env: Env):
    bo = env.new_officer("Bo")
    a = make_case(env, VALID_CASE)
    b = make_case(env, VALID_CASE)
    assert env.cli("policy", "set", "2026-04").exit_code == 0

    r = env.cli("policy", "told", a, identity=bo)  # any officer records it
    assert r.exit_code == 0, r.stderr
    assert [p["id"] for p in policy(env)["not_told"]] == [b]
    (told,) = show(env, a)["policy_told"]
    assert told["version"] == "2026-04" and told["by"] == "Bo" and told["copy_given"] is True
    assert any(e["command"] == "policy told" and e["case"] == a and e["officer"] == "Bo" for e in audit_log(env))

    assert env.cli("policy", "told", b, "--no-copy").exit_code == 0
    assert policy(env)["not_told"] == []
    assert show(env, b)["policy_told"][-1]["copy_given"] is False


def test_a_reopened_case_told_an_older_version_is_listed_again(env: Env):
    cid = make_case(env, VALID_CASE)
    assert env.cli("close", cid, "--outcome", "resolved").exit_code == 0
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    assert policy(env)["not_told"] == []
    assert env.cli("reopen", cid).exit_code == 0
    assert [p["id"] for p in policy(env)["not_told"]] == [cid]


def test_a_case_opened_later_with_the_old_version_is_listed(env: Env):
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    told_new = copy.deepcopy(VALID_CASE)
    told_new["contact"]["policy_explained"] = {**told_new["contact"]["policy_explained"], "version": "2026-04"}
    current = make_case(env, told_new)
    old = make_case(env, VALID_CASE)
    assert [p["id"] for p in policy(env)["not_told"]] == [old]
    assert current != old


def test_reusing_a_version_name_is_refused(env: Env):
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    assert env.cli("policy", "set", "2026-09").exit_code == 0
    before = config_bytes(env)
    for version in ("2025-01", "2026-04", "2026-09"):
        r = env.cli("policy", "set", version)
        assert r.exit_code != 0, version
        assert f"policy version {version} was used before" in one_line_error(r)
    assert config_bytes(env) == before
    assert policy(env)["current"] == "2026-09"


def test_an_empty_version_name_is_refused(env: Env):
    r = env.cli("policy", "set", "  ")
    assert r.exit_code != 0
    one_line_error(r)
    assert policy(env)["current"] == "2025-01"


# --- the list in words -----------------------------------------------------------------


def test_policy_says_plainly_when_everyone_has_been_told(env: Env):
    make_case(env, VALID_CASE)
    r = env.cli("policy")
    assert r.exit_code == 0, r.stderr
    assert "every open case has been told of policy version 2025-01" in r.stdout
    assert "not yet told" not in r.stdout


def test_policy_lists_each_case_with_its_officer_and_last_contact(env: Env):
    bo = env.new_officer("Bo")
    cid = make_case(env, VALID_CASE)
    assert env.cli("assign", cid, "Bo").exit_code == 0
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    (p,) = policy(env)["not_told"]
    record = show(env, cid)
    assert p["officer"] == "Bo" and p["last_activity"] == record["created"][:10] and p["told"] == "2025-01"
    out = env.cli("policy").stdout
    assert "1 open case(s) not yet told of version 2026-04:" in out
    (line,) = [ln for ln in out.splitlines() if cid in ln]
    assert "Bo" in line and p["last_activity"] in line and "2025-01" in line
    assert env.cli("policy", "told", cid, identity=bo).exit_code == 0
    assert "every open case has been told of policy version 2026-04" in env.cli("policy").stdout


def test_anonymous_contacts_and_general_enquiries_are_counted_not_listed(env: Env):
    anonymous = copy.deepcopy(VALID_CASE)
    anonymous["anonymous"] = True
    del anonymous["person"], anonymous["child"]
    enquiry = copy.deepcopy(anonymous)
    enquiry["anonymous"] = False
    enquiry["kind"] = "general-enquiry"
    enquiry["profile"]["support_level"] = "information"
    hidden = [make_case(env, anonymous), make_case(env, enquiry)]
    told = make_case(env, VALID_CASE)
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    data = policy(env)
    assert [p["id"] for p in data["not_told"]] == [told] and data["cannot_be_told"] == 2
    out = env.cli("policy").stdout
    assert not any(cid in out for cid in hidden)
    assert "2 more open case(s) on an older version cannot be told (anonymous contacts or general enquiries)" in out
    assert env.cli("policy", "told", told).exit_code == 0
    out = env.cli("policy").stdout
    assert "every open case that can be told has been told of policy version 2026-04" in out


def test_a_damaged_case_is_skipped_and_named_not_fatal(env: Env):
    good = make_case(env, VALID_CASE)
    bad = make_case(env, VALID_CASE)
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    flip_byte(case_file(env, bad), -20)
    r = env.cli("policy")
    assert r.exit_code == 1
    assert good in r.stdout and bad not in r.stdout
    assert f"1 case(s) could not be read and are not listed: {bad}" in one_line_error(r)
    r = env.cli("policy", "--json")
    assert r.exit_code == 1 and [p["id"] for p in json.loads(r.stdout)["not_told"]] == [good]
