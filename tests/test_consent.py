"""Consent as a history (issue 7): grant, withdraw, show; whose consent counts; withdrawal of
permission to keep personal details; list by consent and by review date."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import (SAMPLE_CASE, Env, age_decrypt, assert_no_personal_data, audit_log, case_file, case_key_files,
                      make_case, one_line_error, requires_age, show)

SCHOOL = "Thistlecombe Primary School"


def young_person_case(age: int) -> dict:
    """A case about a young person of ``age`` today (date of birth given)."""
    today = dt.date.today()
    dob = today.replace(year=today.year - age) - dt.timedelta(days=1)
    band = "16-18" if age >= 16 else "11-15"
    return {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat()},
            "contact": {**SAMPLE_CASE["contact"], "date": dt.date.today().isoformat()},
            "profile": {**SAMPLE_CASE["profile"], "age_band": band, "school_phase": "post-16" if age >= 16 else "secondary"}}


def in_force(env: Env, cid: str) -> list[dict]:
    r = env.cli("consent", "show", cid, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)["in_force"]


def ok(env: Env, *args: str, identity=None):
    r = env.cli(*args, identity=identity)
    assert r.exit_code == 0, r.stderr
    return r


def test_intake_answers_read_as_the_first_events(env: Env):
    cid = make_case(env)
    data = json.loads(ok(env, "consent", "show", cid, "--json").stdout)
    assert [(e["scope"], e["action"], e["source"]) for e in data["history"]] == [("store-personal-details", "grant", "intake")]
    assert data["in_force"][0]["given_by"] == "parent-carer"
    referred = {**SAMPLE_CASE, "contact": {**SAMPLE_CASE["contact"], "route": "professional", "referrer": "health visitor",
                                             "referral_permission": {"given_by": "parent-carer", "date": "2026-11-01", "method": "verbal"}}}
    cid = make_case(env, referred)
    scopes = [e["scope"] for e in in_force(env, cid)]
    assert scopes == ["referral", "store-personal-details"]


def test_grant_then_withdraw_keeps_the_history(env: Env):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--method", "written", "--date", "01/11/2026")
    assert any(e["scope"] == "share-information" and e["party"] == SCHOOL and e["date"] == "2026-11-01" for e in in_force(env, cid))
    ok(env, "consent", "withdraw", cid, "share-information", "--party", "  thistlecombe   primary school ")
    data = json.loads(ok(env, "consent", "show", cid, "--json").stdout)
    assert not any(e["scope"] == "share-information" for e in data["in_force"])
    assert [e["action"] for e in data["history"] if e["scope"] == "share-information"] == ["grant", "withdraw"]
    # The audit trail names the command and the case, never the party.
    entries = [e for e in audit_log(env) if e["case"] == cid]
    assert {"consent grant", "consent withdraw"} <= {e["command"] for e in entries}
    assert SCHOOL not in json.dumps(audit_log(env))


def test_withdrawing_what_is_not_in_force_is_an_error(env: Env):
    cid = make_case(env)
    r = env.cli("consent", "withdraw", cid, "mailing-list")
    assert one_line_error(r) == f"sendvault: error: case {cid} has no mailing-list consent in force to withdraw"


@pytest.mark.parametrize("args, said", [
    (["share-information"], "share-information names a party: add --party"),
    (["mailing-list", "--party", "x"], "mailing-list names no party; leave out --party"),
    (["everything"], "SCOPE is not a consent scope"),
    (["quotes", "--by", "aunt"], "--by must be parent-carer or young-person"),
    (["quotes", "--date", "31/02/2026"], "the consent's date: there is no 31 February"),
])
def test_bad_requests_are_usage_errors_before_any_key(env: Env, args, said):
    r = env.cli("consent", "grant", "K7M3-Q9P2", *args, identity=env.tmp / "no-such-key")
    assert r.exit_code == 2
    assert one_line_error(r).startswith(f"sendvault: error: {said}")


def test_photographs_need_written_consent(env: Env):
    cid = make_case(env)
    r = env.cli("consent", "grant", cid, "photographs", "--method", "verbal")
    assert r.exit_code == 5
    assert one_line_error(r) == "sendvault: error: photographs needs written consent"
    ok(env, "consent", "grant", cid, "photographs", "--method", "written")


def test_a_parent_cannot_consent_for_a_sixteen_year_old(env: Env):
    cid = make_case(env, young_person_case(16))
    r = env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    assert r.exit_code == 5
    assert "a parent's consent does not cover their information" in one_line_error(r)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    younger = make_case(env, young_person_case(15))
    ok(env, "consent", "grant", younger, "share-information", "--party", SCHOOL, "--by", "parent-carer")


def test_review_dates_default_from_the_vault_and_list_consent_review(env: Env):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list", "--review", "today")
    later = make_case(env)
    ok(env, "consent", "grant", later, "mailing-list", "--review", (dt.date.today() + dt.timedelta(days=90)).isoformat())
    rows = json.loads(ok(env, "list", "--consent-review", "--json").stdout)
    assert [r["id"] for r in rows] == [cid]
    assert rows[0]["review"] == dt.date.today().isoformat() and rows[0]["scope"] == "mailing-list"


def test_list_consent_finds_the_cases_where_a_scope_is_in_force(env: Env):
    on, off, withdrawn = make_case(env), make_case(env), make_case(env)
    for cid in (on, withdrawn):
        ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    ok(env, "consent", "withdraw", withdrawn, "share-information", "--party", SCHOOL)
    rows = json.loads(ok(env, "list", "--consent", "share-information", "--party", "thistlecombe primary SCHOOL", "--json").stdout)
    assert [r["id"] for r in rows] == [on]
    assert json.loads(ok(env, "list", "--consent", "share-information", "--party", "Thistlecombe Primary", "--json").stdout) == []
    r = env.cli("list", "--party", SCHOOL)
    assert one_line_error(r) == "sendvault: error: --party goes with --consent"


def test_withdrawing_personal_details_removes_them_and_old_copies_stay_closed(env: Env):
    cid = make_case(env)
    ok(env, "note", cid, "Jane Example called about Sam's annual review.")
    before = case_file(env, cid).read_bytes()
    old_keys = {p.name: p.read_bytes() for p in case_key_files(env, cid)}
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    record = show(env, cid)
    assert not {"person", "child", "contact_preferences", "notes"} & set(record)
    assert record["profile"]["primary_need"] == "ASD"
    assert record["history"][-1]["event"] == "personal-details-removed"
    assert_no_personal_data(json.dumps(record))
    # The earlier copy of the case file opens with no key the vault still has.
    assert {p.name: p.read_bytes() for p in case_key_files(env, cid)} != old_keys
    copy = env.tmp / "copy.age"
    copy.write_bytes(before)
    r = env.cli("verify")
    assert r.exit_code == 0, r.stderr
    from conftest import core_vault

    vault = core_vault(env)
    for key_file in case_key_files(env, cid):
        epoch = int(key_file.name.rsplit(".e", 1)[1][:-4])
        pair = vault.keys.open_case_key(cid, epoch)
        from sendvault.store import crypto

        with pytest.raises(crypto.NoMatch):
            crypto.decrypt(before, [pair.identity], "copy")
    # Consent can be given again; the details are then taken again (by edit).
    ok(env, "consent", "grant", cid, "store-personal-details")
    assert any(e["scope"] == "store-personal-details" for e in in_force(env, cid))


@requires_age
def test_after_withdrawal_the_reference_age_cli_cannot_open_the_earlier_copy(env: Env):
    from conftest import core_vault

    cid = make_case(env)
    copy = env.tmp / "before.age"
    copy.write_bytes(case_file(env, cid).read_bytes())
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    vault = core_vault(env)
    keys = case_key_files(env, cid)
    assert keys
    for key_file in keys:  # every key the vault now has for the case is the new one
        epoch = int(key_file.name.rsplit(".e", 1)[1][:-4])
        ident = env.tmp / "case.key"
        ident.write_text(vault.keys.open_case_key(cid, epoch).secret + "\n")
        ident.chmod(0o600)
        assert age_decrypt(copy, ident).returncode != 0
        assert age_decrypt(case_file(env, cid), ident).returncode == 0


def test_managers_set_the_consent_defaults_and_new_grants_follow_them(env: Env):
    assert "review: no review date unless one is given" in ok(env, "consent", "defaults").stdout
    ok(env, "consent", "defaults", "--review-months", "24", "--own-consent-age", "17")
    assert "review: after 24 months" in ok(env, "consent", "defaults").stdout
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list", "--date", "2026-11-02")
    assert [e["review"] for e in in_force(env, cid) if e["scope"] == "mailing-list"] == ["2028-11-02"]
    officer = env.new_officer("Bea")
    r = env.cli("consent", "defaults", "--review-months", "12", identity=officer)
    assert r.exit_code == 5
    assert any(e["command"] == "consent defaults" for e in audit_log(env))
    assert one_line_error(env.cli("consent", "defaults", "--review-months", "0")) == "sendvault: error: --review-months is 1 to 120"


def test_withdrawal_takes_every_free_text_with_the_personal_details(env: Env):
    case = {**SAMPLE_CASE, "contact": {**SAMPLE_CASE["contact"], "heard_about": "other",
                                       "heard_about_other": "Jane's sister Kim"}}
    cid = make_case(env, case)
    ok(env, "follow-up", cid, "+3d", "ring Jane Example about Sam")
    ok(env, "consent", "grant", cid, "mailing-list", "--note", "Jane signed the form")
    ok(env, "follow-up", cid, "--done")
    ok(env, "follow-up", cid, "+5d", "ring Jane again")
    r = ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert "personal details, notes and other free text removed" in r.stderr
    record = show(env, cid)
    text = json.dumps(record)
    for said in ("Jane", "Sam", "Kim"):
        assert said not in text
    assert "follow_up" not in record and "heard_about" not in record["contact"]
    assert "heard_about_other" not in record["contact"]
    assert all(e.get("reason") in (None, "removed with the personal details") for e in record["history"])


def test_withdrawing_one_givers_grant_keeps_the_details_while_another_stands(env: Env):
    cid = make_case(env, young_person_case(15))
    ok(env, "consent", "grant", cid, "store-personal-details", "--by", "young-person")
    r = ok(env, "consent", "withdraw", cid, "store-personal-details", "--by", "parent-carer")
    assert "removed" not in r.stderr
    assert show(env, cid)["person"]["name"] == "Jane Example"


def test_edit_cannot_make_up_a_consent(env: Env):
    """Permission to record details and a referral's permission change only through consent grant/withdraw."""
    from conftest import core_vault
    from sendvault.records import casework

    case = {**SAMPLE_CASE, "record_personal_details": False}
    case = {k: v for k, v in case.items() if k not in ("person", "child")}
    cid = make_case(env, case)
    vault = core_vault(env)
    original = vault.read_case(cid)
    edited = {**casework.editable(original), "record_personal_details": True}
    problems = casework.edit_problems(original, casework.merge_edit(original, edited), vault.config, vault.today())
    assert any("cannot be changed with edit (use 'sendvault consent grant' or 'withdraw')" in p for p in problems)
    r = env.cli("consent", "grant", cid, "store-personal-details")
    assert r.exit_code == 5 and "opened without permission to record personal details" in r.stderr


def test_an_age_band_ages_with_the_years_since_first_contact(env: Env):
    three_years_ago = (dt.date.today() - dt.timedelta(days=3 * 366)).isoformat()
    case = {k: v for k, v in SAMPLE_CASE.items() if k != "child"}
    case = {**case, "contact": {**case["contact"], "date": three_years_ago,
                                "policy_explained": {**case["contact"]["policy_explained"], "date": three_years_ago}},
            "profile": {**case["profile"], "age_band": "11-15"}}
    cid = make_case(env, case)  # 11 to 15 then: 14 to 18 now, perhaps 16 or over
    r = env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    assert r.exit_code == 5
    assert "age is not recorded closely enough" in one_line_error(r)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")


def test_dates_in_the_wrong_order_are_refused(env: Env):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list", "--date", "2026-11-20")
    r = env.cli("consent", "withdraw", cid, "mailing-list", "--date", "2026-11-10")
    assert one_line_error(r) == "sendvault: error: the withdrawal's date is before the day the consent was given"
    r = env.cli("consent", "grant", cid, "quotes", "--date", "2026-11-20", "--review", "2026-11-01")
    assert one_line_error(r) == "sendvault: error: the review date is before the day consent was given"


def test_a_key_change_cut_short_is_reported_and_finished_by_the_next_change(env: Env):
    from conftest import core_vault
    from sendvault.store import crypto
    from sendvault.store.keys import case_path

    cid = make_case(env)
    vault = core_vault(env)
    record, epoch, key = vault.cases.read(cid)
    # The state a crash leaves after the first step of a re-key: the file for the old key and a new one.
    data = case_file(env, cid).read_bytes()
    plain = crypto.decrypt(data, [key.identity], "case")
    vault.store.write(case_path(cid), crypto.encrypt(plain, [key.recipient, crypto.generate().recipient]))
    r = env.cli("verify")
    assert r.exit_code == 4 and "a key change was cut short" in r.stderr
    ok(env, "note", cid, "called back")
    assert crypto.recipient_count(case_file(env, cid).read_bytes()) == 1
    ok(env, "verify")
