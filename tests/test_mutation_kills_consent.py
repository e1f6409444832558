"""What mutation testing of consent.py found untested (docs/reliability.md, "Mutation testing"):
the bounds of the service's consent defaults, the last day of the review window, calendar
months for review dates, whose consent counts when only a date of birth says a young person
is old enough, and who-provided-what after a withdrawal of permission to keep personal details."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import SAMPLE_CASE, Env, make_case, one_line_error, show


def ok(env: Env, *args: str):
    r = env.cli(*args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.mark.parametrize("option, value, accepted", [
    ("--review-months", "1", True), ("--review-months", "120", True),
    ("--review-months", "0", False), ("--review-months", "121", False),
    ("--own-consent-age", "12", True), ("--own-consent-age", "18", True),
    ("--own-consent-age", "11", False), ("--own-consent-age", "19", False),
])
def test_consent_defaults_are_bounded_at_both_ends(env: Env, option, value, accepted):
    r = env.cli("consent", "defaults", option, value)
    if accepted:
        assert r.exit_code == 0, r.stderr
        # What is printed after a change is the setting as stored, not the old one.
        said = f"review: after {value} months" if option == "--review-months" else f"own consent from age: {value}"
        assert said in r.stdout
        assert said in ok(env, "consent", "defaults").stdout
    else:
        assert r.exit_code == 2
        assert one_line_error(r).startswith(f"sendvault: error: {option} is ")
        assert ok(env, "consent", "defaults").stdout == "review: no review date unless one is given\nown consent from age: 16\n"


def test_changing_one_consent_default_keeps_the_other_and_no_review_clears_it(env: Env):
    ok(env, "consent", "defaults", "--no-review")  # nothing to clear yet: still fine
    ok(env, "consent", "defaults", "--review-months", "6")
    ok(env, "consent", "defaults", "--own-consent-age", "17")
    assert ok(env, "consent", "defaults").stdout == "review: after 6 months\nown consent from age: 17\n"
    ok(env, "consent", "defaults", "--no-review")
    assert ok(env, "consent", "defaults").stdout == "review: no review date unless one is given\nown consent from age: 17\n"
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list")
    assert "review" not in json.loads(ok(env, "consent", "show", cid, "--json").stdout)["in_force"][-1]


def _review_listed(env: Env) -> list[str]:
    return [row["id"] for row in json.loads(ok(env, "list", "--consent-review", "--json").stdout)]


def test_a_review_due_on_the_last_day_of_the_window_is_listed(env: Env):
    today = dt.date.today()
    inside, outside = make_case(env), make_case(env)
    ok(env, "consent", "grant", inside, "mailing-list", "--review", (today + dt.timedelta(days=30)).isoformat())
    ok(env, "consent", "grant", outside, "mailing-list", "--review", (today + dt.timedelta(days=31)).isoformat())
    assert _review_listed(env) == [inside]


@pytest.mark.parametrize("given, review", [
    ("2025-12-15", "2026-01-15"),  # into the next year
    ("2025-01-31", "2025-02-28"),  # the month is shorter
    ("2024-01-31", "2024-02-29"),  # a leap year's February
    ("2026-03-31", "2026-04-30"),  # a thirty-day month
])
def test_review_dates_are_calendar_months_on(env: Env, given, review):
    ok(env, "consent", "defaults", "--review-months", "1")
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list", "--date", given)
    grants = [e for e in json.loads(ok(env, "consent", "show", cid, "--json").stdout)["in_force"]
              if e["scope"] == "mailing-list"]
    assert [e["review"] for e in grants] == [review]


def test_a_child_of_unknown_age_needs_their_own_consent_on_the_safe_side(env: Env):
    # A child named, with neither a date of birth nor an age band: they could be 16 or over, so a
    # parent's consent is not taken to cover their information.
    profile = {k: v for k, v in SAMPLE_CASE["profile"].items() if k != "age_band"}
    cid = make_case(env, {**SAMPLE_CASE, "child": {"name": "Sam Example"}, "profile": profile})
    assert "age_band" not in show(env, cid)["profile"]
    r = env.cli("consent", "grant", cid, "share-information", "--party", "Thistlecombe College")
    assert r.exit_code == 5
    assert "the young person's age is not recorded closely enough" in one_line_error(r)
    ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe College", "--by", "young-person")


def test_withdrawing_personal_details_keeps_who_provided_what_is_left(env: Env):
    kept = {"profile.primary_need": {"from": "professional"}}
    case = {**SAMPLE_CASE, "provided": {"fields": {"child.school": {"from": "young-person", "private": True}, **kept}}}
    cid = make_case(env, case)
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert show(env, cid)["provided"] == {"fields": kept}
    # And nothing of it when nothing it named is left.
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"fields": {"child.school": {"from": "young-person", "private": True}}}})
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert "provided" not in show(env, cid)
    ok(env, "verify")


SCHOOL = "Thistlecombe Primary School"


def test_list_consent_names_the_consent_and_its_party(env: Env):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    ok(env, "consent", "grant", cid, "mailing-list")
    rows = json.loads(ok(env, "list", "--consent", "share-information", "--party", SCHOOL, "--json").stdout)
    assert [(r["id"], r["consent"]) for r in rows] == [(cid, f"share-information ({SCHOOL})")]
    rows = json.loads(ok(env, "list", "--consent", "mailing-list", "--json").stdout)
    assert [(r["id"], r["consent"]) for r in rows] == [(cid, "mailing-list")]


def test_list_consent_review_gives_the_soonest_review(env: Env):
    today = dt.date.today()
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list", "--review", (today + dt.timedelta(days=20)).isoformat())
    ok(env, "consent", "grant", cid, "quotes", "--review", (today + dt.timedelta(days=10)).isoformat())
    ok(env, "consent", "grant", cid, "act-on-behalf", "--review", (today + dt.timedelta(days=15)).isoformat())
    [row] = json.loads(ok(env, "list", "--consent-review", "--json").stdout)
    assert (row["review"], row["scope"]) == ((today + dt.timedelta(days=10)).isoformat(), "quotes")


def test_withdraw_by_someone_who_cannot_consent_is_a_usage_error_before_any_key(env: Env):
    r = env.cli("consent", "withdraw", "K7M3-Q9P2", "mailing-list", "--by", "aunt", identity=env.tmp / "no-such-key")
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: --by must be parent-carer or young-person"


def _in_force(env: Env, cid: str) -> list[tuple]:
    data = json.loads(ok(env, "consent", "show", cid, "--json").stdout)
    return sorted((e["scope"], e["given_by"], e.get("party")) for e in data["in_force"])


def test_withdrawing_one_givers_or_one_partys_consent_leaves_the_others_in_force(env: Env):
    young = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"],
                                      "date_of_birth": (dt.date.today().replace(year=dt.date.today().year - 15)).isoformat()}}
    cid = make_case(env, young)
    ok(env, "consent", "grant", cid, "mailing-list", "--by", "young-person")
    ok(env, "consent", "grant", cid, "mailing-list", "--by", "parent-carer")
    ok(env, "consent", "withdraw", cid, "mailing-list", "--by", "parent-carer")
    assert [s for s in _in_force(env, cid) if s[0] == "mailing-list"] == [("mailing-list", "young-person", None)]
    other = "Local Authority SEN Team"
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    ok(env, "consent", "grant", cid, "share-information", "--party", other)
    ok(env, "consent", "withdraw", cid, "share-information", "--party", SCHOOL)
    assert [s for s in _in_force(env, cid) if s[0] == "share-information"] == [("share-information", "parent-carer", other)]


def test_a_withdrawals_note_is_kept_in_one_line(env: Env):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "mailing-list")
    ok(env, "consent", "withdraw", cid, "mailing-list", "--note", "  asked by   phone\n to stop ")
    history = json.loads(ok(env, "consent", "show", cid, "--json").stdout)["history"]
    assert [e.get("note") for e in history if e["action"] == "withdraw"] == ["asked by phone to stop"]


def test_withdrawing_a_refusal_never_made_says_refusal(env: Env):
    cid = make_case(env)
    r = env.cli("consent", "withdraw", cid, "see-records")
    assert one_line_error(r) == f"sendvault: error: case {cid} has no see-records refusal in force to withdraw"


# --- the third run (issue 21): the refused share's hint, a refusal's words and the age it needs, and the
# paper files and documents a withdrawal of permission to keep personal details takes --------------------


def _hint(r) -> str:
    one_line_error(r)
    return [ln for ln in r.stderr.splitlines() if ln.startswith("sendvault: hint: ")][0]


def test_a_refused_shares_hint_counts_the_parties_of_that_consent_only(env: Env, tmp_path):
    """Kills require's hint mutants: parties of other scopes counted (`or` for `and`), 'party' for one
    party misspelt or always 'parties', the hint without parties chosen always, and ' --party ...' left
    out of the grant it suggests."""
    cid = make_case(env)
    out = str(tmp_path / "x.pdf")
    r = env.cli("share", cid, "--to", "Elmfield College", "--out", out)
    assert r.exit_code == 5
    assert _hint(r) == f"sendvault: hint: record it first: sendvault consent grant {cid} share-information --party ..."
    # A consent to contact a professional names a party too, but is no consent to share: not counted.
    ok(env, "consent", "grant", cid, "contact-professional", "--party", "Dr Example")
    r = env.cli("share", cid, "--to", "Elmfield College", "--out", out)
    assert _hint(r) == f"sendvault: hint: record it first: sendvault consent grant {cid} share-information --party ..."
    ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe Primary School")
    r = env.cli("share", cid, "--to", "Elmfield College", "--out", out)
    assert _hint(r) == ("sendvault: hint: share-information consent is recorded for 1 other party (the party must match "
                        f"one as recorded): 'sendvault consent show {cid}' lists them")
    ok(env, "consent", "grant", cid, "share-information", "--party", "local authority SEN team")
    r = env.cli("share", cid, "--to", "Elmfield College", "--out", out)
    assert "recorded for 2 other parties (the party" in _hint(r)
    assert "Thistlecombe" not in r.stderr and "authority" not in r.stderr  # counted, never named


def test_a_refusals_party_and_note_are_kept_in_one_line(env: Env):
    """Kills refuse's joins of the party's and the note's words with anything but one space."""
    from test_consent import young_person_case

    cid = make_case(env, young_person_case(14))
    ok(env, "consent", "refuse", cid, "see-records", "--party", "Thistlecombe   Primary\tSchool",
       "--note", "Talked  it\nthrough on her own")
    refusal = [e for e in json.loads(ok(env, "consent", "show", cid, "--json").stdout)["history"]
               if e["action"] == "refuse"][0]
    assert (refusal["party"], refusal["note"]) == ("Thistlecombe Primary School", "Talked it through on her own")


def test_a_refusal_needs_a_known_age_on_the_safe_side(env: Env):
    """Kills refuse's test of an age not known (`"unknown"` changed), and age_of's answer for a young person with no
    date of birth and no age band: a young person in the 11-15 band with no date of birth may be 11 (below the
    private age, 12) or 15; their refusal is not recorded until their age is, nor that of one with no band."""
    profile = {**SAMPLE_CASE["profile"], "age_band": "11-15", "school_phase": "secondary"}
    child = {k: v for k, v in SAMPLE_CASE["child"].items() if k != "date_of_birth"}
    cid = make_case(env, {**SAMPLE_CASE, "child": child, "profile": profile,
                          "contact": {**SAMPLE_CASE["contact"], "date": dt.date.today().isoformat()}})
    r = env.cli("consent", "refuse", cid, "see-records")
    assert r.exit_code == 5
    assert "age is not recorded closely enough to tell whether they are 12 or over" in one_line_error(r)
    assert "consents" not in show(env, cid)
    no_band = {k: v for k, v in SAMPLE_CASE["profile"].items() if k != "age_band"}
    cid = make_case(env, {**SAMPLE_CASE, "child": child, "profile": no_band})
    r = env.cli("consent", "refuse", cid, "see-records")
    assert r.exit_code == 5 and "not recorded closely enough" in one_line_error(r)


def test_withdrawing_personal_details_takes_every_paper_files_words_and_the_documents(env: Env, tmp_path):
    """Kills strip_personal_details' mutants for the documents (their list kept) and the paper files (their list
    not found, a label, note or risk assessment kept or named wrong, `out` tested the wrong way round, `pop`
    without a default failing on a paper file with no label or note), and withdraw's clearing of the documents'
    files (another case's, or none)."""
    cid = make_case(env)
    doc = tmp_path / "letter.pdf"
    doc.write_bytes(b"%PDF-1.4\n% a letter\n")
    ok(env, "attach", cid, str(doc))
    ok(env, "paper", "add", cid, "--where", "office-cabinet", "--label", "MARKER-LABEL-7Q", "--note", "MARKER-NOTE-7Q")
    ok(env, "paper", "add", cid, "--where", "archive")  # no label, no note, never out
    ok(env, "paper", "out", cid, "1", "--risk-assessment", "MARKER-RISK-7Q")
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    record = show(env, cid)
    assert "documents" not in record
    first, second = sorted(record["papers"], key=lambda p: p["number"])
    assert "MARKER" not in json.dumps(record)
    assert "label" not in first and "note" not in first and first["out"]["by"] == "Ann"
    assert first["out"]["risk_assessment"] != "MARKER-RISK-7Q" and "out" not in second
    assert second["where"] == "archive"
    # The document's file too (clear_strays given another case, or no set of names, left it or failed).
    assert not [p for p in (env.vault / "documents").rglob("*") if p.is_file()]
    assert env.cli("verify").exit_code == 0


def _turned_16_with_a_parents_consent(env: Env) -> tuple[str, str]:
    """A young person who turned 16 a week ago, and the parent's consent to a school given before that: their own
    consent is needed now, and the parent's no longer counts."""
    from test_consent import young_person_case

    case = young_person_case(16)
    today = dt.date.today()
    dob = (today.replace(year=today.year - 16) - dt.timedelta(days=7)).isoformat()
    case = {**case, "child": {**case["child"], "date_of_birth": dob}}
    cid = make_case(env, case)
    month_ago = (today - dt.timedelta(days=30)).strftime("%d/%m/%Y")
    ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe School", "--date", month_ago)
    return cid, month_ago


def test_a_young_person_who_turned_16_is_told_why_a_parents_consent_no_longer_counts(env: Env, tmp_path):
    """Kills require's 'old enough' hint mutants (the young person's word misspelt, the scope tested the wrong way,
    the hint emptied or changed), and a withdrawal looked for among everyone's (`withdrawn` without `givers`)."""
    cid, month_ago = _turned_16_with_a_parents_consent(env)
    out = str(tmp_path / "x.pdf")
    r = env.cli("share", cid, "--to", "Thistlecombe School", "--out", out)
    assert r.exit_code == 5
    assert one_line_error(r) == (f"sendvault: error: case {cid} has no consent of the young person's own "
                                 "to share-information for that party")
    assert _hint(r) == ("sendvault: hint: the young person is old enough that a parent's consent does not cover their "
                        "information; record theirs")
    # The young person's own consent to another party: the hint counts it; the parent's is not about this party.
    ok(env, "consent", "grant", cid, "share-information", "--party", "Elmfield College", "--by", "young-person")
    r = env.cli("share", cid, "--to", "Riverside Clinic", "--out", out)
    assert "recorded for 1 other party" in _hint(r)
    # The parent withdrew theirs: it was no basis already, so the refusal does not say the parent withdrew it.
    ok(env, "consent", "withdraw", cid, "share-information", "--party", "Thistlecombe School", "--by", "parent-carer",
       "--date", month_ago)
    r = env.cli("share", cid, "--to", "Thistlecombe School", "--out", out)
    assert "withdrew" not in one_line_error(r)


def test_a_refusal_after_withdrawals_names_the_latest_for_that_party_and_consent_only(env: Env, tmp_path):
    """Kills withdrawn's mutants: the latest chosen by another key or none (two withdrawals, the later one given
    first), `or` for `and` (a grant to the same party for another purpose, or any withdrawal of that consent, taken
    for a withdrawal), and a withdrawal for another party counted."""
    cid = make_case(env)
    out = str(tmp_path / "x.pdf")
    ok(env, "consent", "grant", cid, "contact-professional", "--party", "Thistlecombe School")
    ok(env, "consent", "grant", cid, "share-information", "--party", "Elmfield College", "--date", "01/10/2025")
    ok(env, "consent", "withdraw", cid, "share-information", "--party", "Elmfield College", "--date", "02/10/2025")
    r = env.cli("share", cid, "--to", "Thistlecombe School", "--out", out)
    assert one_line_error(r) == f"sendvault: error: case {cid} has no recorded consent to share-information for that party"
    for by, given, gone in (("young-person", "01/11/2025", "20/11/2025"), ("parent-carer", "02/11/2025", "10/11/2025")):
        ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe School", "--by", by, "--date", given)
        ok(env, "consent", "withdraw", cid, "share-information", "--party", "Thistlecombe School", "--by", by,
           "--date", gone)
    r = env.cli("share", cid, "--to", "Thistlecombe School", "--out", out)
    assert one_line_error(r) == (f"sendvault: error: case {cid} has no recorded consent to share-information for that "
                                 "party: the young person withdrew it on 2025-11-20")


def test_a_refusal_for_one_party_stops_a_parents_consent_to_that_party_only(env: Env, tmp_path):
    """Kills refusal_covering's mutants for a share to a party: a refusal naming a party tested as if it named a parent
    (always), never matched (the refusal's party dropped), or matched to every other party (`!=`)."""
    from test_consent import young_person_case

    cid = make_case(env, young_person_case(14))
    for party in ("Thistlecombe School", "Elmfield College"):
        ok(env, "consent", "grant", cid, "share-information", "--party", party)
    ok(env, "consent", "refuse", cid, "see-records", "--party", "thistlecombe  school")
    r = env.cli("share", cid, "--to", "Thistlecombe School", "--out", str(tmp_path / "a.pdf"))
    assert r.exit_code == 5 and not (tmp_path / "a.pdf").exists()
    ok(env, "share", cid, "--to", "Elmfield College", "--out", str(tmp_path / "b.pdf"))
    assert (tmp_path / "b.pdf").exists()


def test_the_referrals_permission_from_intake_says_when_and_by_whom_it_was_recorded(env: Env):
    """Kills history's mutants of the referral permission's event (its `at`, `by`, `party` or `method` under another name, the
    referrer or its default lost): the intake's answer is shown as a consent to the referrer recorded when the case
    was made, by the officer who made it."""
    referred = {**SAMPLE_CASE, "contact": {**SAMPLE_CASE["contact"], "route": "professional", "referrer": "health visitor",
                                             "referral_permission": {"given_by": "parent-carer", "date": "2026-11-01",
                                                                     "method": "verbal"}}}
    cid = make_case(env, referred)
    record = show(env, cid)
    referral = json.loads(ok(env, "consent", "show", cid, "--json").stdout)["history"][0]
    assert referral["scope"] == "referral" and referral["source"] == "intake"
    assert (referral["at"], referral["by"]) == (record["created"], record["created_by"])
    assert (referral["party"], referral["date"], referral["given_by"], referral["method"]) == \
        ("health visitor", "2026-11-01", "parent-carer", "verbal")
    # A permission recorded where no referrer is required or named: the consent is to "the referrer".
    unnamed = {**referred, "contact": {**{k: v for k, v in referred["contact"].items() if k != "referrer"},
                                       "route": SAMPLE_CASE["contact"]["route"]}}
    history = json.loads(ok(env, "consent", "show", make_case(env, unnamed), "--json").stdout)["history"]
    assert history[0]["party"] == "the referrer"
    assert "2026-11-01" in ok(env, "consent", "show", cid).stdout


def _intake_events(env: Env, case: dict) -> list[str]:
    cid = make_case(env, case)
    # Each as recorded: the permission is given (or not) as the case says, so only the kind of case decides.
    assert show(env, cid).get("record_personal_details") is case["record_personal_details"]
    history = json.loads(ok(env, "consent", "show", cid, "--json").stdout)["history"]
    return [e["scope"] for e in history if e.get("source") == "intake"]


def test_permission_to_keep_personal_details_comes_from_intake_only_for_a_named_case_that_gave_it(env: Env):
    """Kills history's mutants of the implied store-personal-details consent (`or` for either `and`): a case opened
    without that permission, an anonymous contact and a general enquiry hold no such consent."""
    unnamed = {k: v for k, v in SAMPLE_CASE.items() if k not in ("person", "child", "contact_preferences")}
    assert _intake_events(env, SAMPLE_CASE) == ["store-personal-details"]
    assert _intake_events(env, {**unnamed, "record_personal_details": False}) == []
    assert _intake_events(env, {**unnamed, "anonymous": True}) == []
    enquiry = {**unnamed, "kind": "general-enquiry",
               "contact": {**SAMPLE_CASE["contact"], "caller": "other-family", "parental_responsibility": False}}
    assert _intake_events(env, enquiry) == []


@pytest.mark.parametrize("contact, given_by, method", [
    ({"caller": "young-person", "channel": "phone"}, "young-person", "verbal"),
    ({"caller": "child", "channel": "phone"}, "young-person", "verbal"),
    ({"caller": "parent-carer", "channel": "email"}, "parent-carer", "written"),
    ({"caller": "parent-carer", "channel": "letter"}, "parent-carer", "written"),
    ({"caller": "parent-carer", "channel": "web-form"}, "parent-carer", "written"),
    ({"caller": "parent-carer", "channel": "face-to-face"}, "parent-carer", "verbal"),
    ({"caller": "professional", "route": "professional", "referrer": "health visitor", "parental_responsibility": False,
      "referral_permission": {"given_by": "young-person", "date": "2026-11-01", "method": "written"}},
     "young-person", "verbal"),
])
def test_intakes_permission_to_keep_personal_details_is_the_callers_or_the_referrals_giver(env: Env, contact, given_by,
                                                                                         method):
    """Kills history's mutants of who gave the implied permission (the young person who rang, the giver of a
    referral's permission, else the parent), how (in writing for an e-mail, a letter or a web form) and when and by
    whom it was recorded."""
    case = {**SAMPLE_CASE, "contact": {**SAMPLE_CASE["contact"], **contact}}
    cid = make_case(env, case)
    (implied,) = [e for e in json.loads(ok(env, "consent", "show", cid, "--json").stdout)["history"]
                  if e["scope"] == "store-personal-details"]
    assert (implied["given_by"], implied["method"], implied["date"]) == (given_by, method, case["contact"]["date"])
    record = show(env, cid)
    assert (implied["at"], implied["by"]) == (record["created"], record["created_by"])


def test_a_referrals_permission_is_not_granted_afterwards(env: Env):
    """Kills grant's test for the referral scope (the word changed): the permission is an answer of intake's."""
    cid = make_case(env)
    r = env.cli("consent", "grant", cid, "referral")
    assert r.exit_code == 2 and "a referral's permission is recorded at intake" in one_line_error(r)
    assert "consents" not in show(env, cid)


def test_the_services_own_consent_age_decides_whose_consent_counts(env: Env):
    """Kills own_consent_age's mutants (the setting read from anywhere else, so always 16): at 17, a parent's consent
    still covers a sixteen-year-old's information; and grant's note kept in one line."""
    from test_consent import young_person_case

    cid = make_case(env, young_person_case(16))
    r = env.cli("consent", "grant", cid, "share-information", "--party", "Elmfield College")
    assert r.exit_code == 5 and "16 or over" in one_line_error(r)
    ok(env, "consent", "defaults", "--own-consent-age", "17")
    ok(env, "consent", "grant", cid, "share-information", "--party", "Elmfield College", "--note", "Agreed  on\tthe phone")
    (grant,) = json.loads(ok(env, "consent", "show", cid, "--json").stdout)["in_force"][-1:]
    assert (grant["given_by"], grant["note"]) == ("parent-carer", "Agreed on the phone")


@pytest.mark.parametrize("band, first_contact_years_ago, said", [
    ("5-10", 0, None),               # under 16 whatever the day: a parent's consent counts
    ("11-15", 0, "unknown"),         # 15 at most on the day of first contact, perhaps 16 within the year
    ("19-25", 0, "over"),
    ("11-15", 5, "over"),            # 11 five years ago: 16 at least now
    ("5-10", 5, "unknown"),          # 5 to 10 then: 10 to 15 (or 16) now
    ("0-4", 5, None),                # 4 at most then: 10 at most now
    ("5-10", 4, None),               # 10 at most then: 14 at most now, 15 within the year
    ("11-15", "last 31 December", "unknown"),  # 3 full years ago (not yet 4): 14 to 18 or so now
])
def test_an_age_band_without_a_date_of_birth_says_whose_consent_counts(env: Env, band, first_contact_years_ago, said):
    """Kills age_of's mutants of the age band (not read, so every such young person's age unknown) and of the years
    since the first contact the band was true on: a parent's consent is taken for a child certainly under 16, refused
    for a young person certainly 16 or over, and refused as unknown between."""
    today = dt.date.today()
    if first_contact_years_ago == "last 31 December":
        # A first contact whose anniversary has not come this year (but on 31 December itself): 3 whole years.
        first = dt.date(today.year - 4, 12, 31)
    else:
        first = today.replace(year=today.year - first_contact_years_ago) if first_contact_years_ago else today
    child = {k: v for k, v in SAMPLE_CASE["child"].items() if k != "date_of_birth"}
    phase = {"0-4": "early-years", "5-10": "primary", "11-15": "secondary", "19-25": "post-16"}[band]
    contact = {**SAMPLE_CASE["contact"], "date": first.isoformat(),
               "policy_explained": {**SAMPLE_CASE["contact"]["policy_explained"], "date": first.isoformat()}}
    cid = make_case(env, {**SAMPLE_CASE, "child": child, "contact": contact,
                          "profile": {**SAMPLE_CASE["profile"], "age_band": band, "school_phase": phase}})
    r = env.cli("consent", "grant", cid, "share-information", "--party", "Elmfield College")
    if said is None:
        assert r.exit_code == 0, r.stderr
    else:
        assert r.exit_code == 5
        words = "is 16 or over" if said == "over" else "age is not recorded closely enough"
        assert words in one_line_error(r)
