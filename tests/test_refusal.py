"""R25: a young person of the service's private age or over may refuse that others, parents included,
see their records, and later withdraw the refusal; what they provided privately is shared only with
their agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Env, audit_log, make_case, one_line_error, show
from test_consent import young_person_case
from test_sar import OFFICER_NOTE, PARENT_SECRET, PRO_SECRET, YP_OPEN, YP_SECRET, case_with_notes, copy_text, ok

REFUSAL_NOTE = "MARKER-REFUSAL-REASON-2J"
SCHOOL = "Thistlecombe Primary School"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


def cover(text: str) -> dict[str, str]:
    return {f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]}


def test_refused_the_parents_copy_holds_their_own_information_only_until_withdrawn(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    child = show(env, cid)["child"]
    r = ok(env, "consent", "refuse", cid, "see-records", "--method", "written", "--note", REFUSAL_NOTE)
    assert "everyone outside the service, parents included" in r.stderr
    text = copy_text(env, cid, "parent", out)
    for marker in (YP_SECRET, YP_OPEN, child["name"], child["date_of_birth"], "Autistic", REFUSAL_NOTE):
        assert marker not in text, marker
    assert PARENT_SECRET in text and OFFICER_NOTE in text and "Jane Example" in text  # the parent's own
    rows = cover(text)
    wish = rows["The young person's wish"]
    assert "asked us not to share their records with anyone else, including their parents" in wish
    assert "only the information you gave us about yourself" in wish
    assert "asked that their records are not shared" in rows[
        "Withheld: Information about the young person (their details, profile, the case's progress, shares and history)"]
    assert not any("16 or over" in v for v in rows.values())  # the reason given is the young person's wish
    # Their own copy is theirs, refusal or not.
    mine = copy_text(env, cid, "young-person", out)
    assert YP_SECRET in mine and "The young person's wish" not in cover(mine)
    # Withdrawn: from then on the parent's copy is as before (the young person's confidences still kept).
    r = ok(env, "consent", "withdraw", cid, "see-records")
    assert "refusal withdrawn" in r.stderr
    text = copy_text(env, cid, "parent", out)
    assert YP_OPEN in text and child["name"] in text and YP_SECRET not in text
    assert "The young person's wish" not in cover(text)
    history = json.loads(ok(env, "consent", "show", cid, "--json").stdout)
    assert [e["action"] for e in history["history"] if e["scope"] == "see-records"] == ["refuse", "withdraw"]
    assert history["refused"] == []
    assert [e for e in audit_log(env) if e.get("command") == "consent refuse" and e.get("case") == cid]


def test_a_refusal_for_one_party_keeps_the_parents_copy_as_it_was(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    ok(env, "consent", "refuse", cid, "see-records", "--party", "CAMHS")
    assert YP_OPEN in copy_text(env, cid, "parent", out)
    ok(env, "consent", "refuse", cid, "see-records", "--party", "Parents")
    assert YP_OPEN not in copy_text(env, cid, "parent", out)
    shown = ok(env, "consent", "show", cid).stdout
    assert "refused by the young person" in shown and "CAMHS" in shown
    r = env.cli("consent", "withdraw", cid, "see-records")  # the refusals name parties: say which
    assert r.exit_code == 1 and "no see-records refusal in force" in one_line_error(r)


def test_who_may_refuse_and_what_is_refused(env: Env):
    young = make_case(env, young_person_case(13))
    child = make_case(env, {**young_person_case(9), "profile": {**young_person_case(9)["profile"], "age_band": "5-10",
                                                                 "school_phase": "primary"}})
    r = env.cli("consent", "refuse", child, "see-records")
    assert r.exit_code == 5 and "under 12" in one_line_error(r)
    ok(env, "sar-settings", "--private-age", "14")
    r = env.cli("consent", "refuse", young, "see-records")
    assert r.exit_code == 5 and "under 14" in one_line_error(r)
    ok(env, "sar-settings", "--private-age", "12")
    for args, code, words in ((("consent", "grant", young, "see-records", "--by", "young-person"), 2, "is not granted"),
                              (("consent", "refuse", young, "mailing-list"), 2, "only see-records is refused"),
                              (("consent", "refuse", young, "see-records", "--method", "shouted"), 2, "--method"),
                              (("consent", "refuse", young, "see-records", "--date", "01/01/2999"), 2, "future"),
                              (("consent", "withdraw", young, "see-records"), 1, "no see-records refusal in force")):
        r = env.cli(*args)
        assert r.exit_code == code and words in one_line_error(r), args
    assert "consents" not in show(env, young)


def _text(target: Path) -> str:
    return target.read_text().replace("\\", "")  # Markdown's escapes


def _share(env: Env, cid: str, to: str, target: Path, *parts: str):
    return env.cli("share", cid, "--to", to, "--only", ",".join(parts), "--out", str(target), "--plaintext", "--force")


def test_share_leaves_out_what_the_young_person_kept_private_without_their_consent(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    ok(env, "edit", cid, "--from", "young-person", "--private", "--field", "child.school")
    school = show(env, cid)["child"]["school"]
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    target = out / "school.md"
    r = _share(env, cid, SCHOOL, target, "child", "notes")
    assert r.exit_code == 0, r.stderr
    assert "2 note(s) or detail(s) the young person asked to keep private were left out" in r.stderr
    text = _text(target)
    assert YP_SECRET not in text and school not in text and YP_OPEN in text and PARENT_SECRET in text
    # The health visitor's confidence is not the family's to release (the parent's own is: the one parent's consent).
    assert PRO_SECRET not in text
    assert "1 note(s) or detail(s) a parent, carer or professional asked to keep private were left out" in r.stderr
    assert show(env, cid)["disclosures"][-1]["withheld"] == 3
    # Parts without them: nothing to leave out, nothing said.
    r = _share(env, cid, SCHOOL, target, "profile")
    assert r.exit_code == 0 and "left out" not in r.stderr and "withheld" not in show(env, cid)["disclosures"][-1]
    # With the young person's own consent to that party, theirs goes too.
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    r = _share(env, cid, SCHOOL, target, "child", "notes")
    assert r.exit_code == 0 and "the young person asked to keep private" not in r.stderr
    assert YP_SECRET in _text(target) and school in _text(target) and PRO_SECRET not in _text(target)


def test_share_under_a_refusal_needs_the_young_persons_own_consent_or_a_breach_decision(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    ok(env, "consent", "grant", cid, "share-information", "--party", "CAMHS", "--by", "parent-carer")
    ok(env, "consent", "refuse", cid, "see-records")
    target = out / "x.md"
    for party in (SCHOOL, "CAMHS"):
        r = _share(env, cid, party, target, "profile")
        assert r.exit_code == 5 and "refused that others see their records" in one_line_error(r)
        assert not target.exists()
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    r = _share(env, cid, SCHOOL, target, "notes")
    assert r.exit_code == 0, r.stderr
    assert YP_SECRET in _text(target)  # they agreed to this party
    ok(env, "breach", cid, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "yes",
       "--to", "CAMHS", "--only", "profile", "--account", "A risk of harm was disclosed.")
    r = _share(env, cid, "CAMHS", target, "profile")
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["disclosures"][-1]["basis"] == "breach"
    # The refusal withdrawn, the parent's consent counts again.
    ok(env, "consent", "withdraw", cid, "see-records")
    assert _share(env, cid, "CAMHS", target, "notes").exit_code == 0
