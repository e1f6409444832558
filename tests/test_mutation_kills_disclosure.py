"""What mutation testing of disclosure.py (disclosure/share.py) found untested (docs/reliability.md,
"Mutation testing"): a breach decision the parent was told of, the limits of its account and reason at
their exact length, a manager named in two words, and that only the young person's own consent to that
very party lets what they asked to keep private go with a share; from the second run, the people of a
case as parts of a share, whose confidence a consent releases and how much is left out, what a share
cites of its basis, the disclosures it lists, its output's form and party, and the file taken back when
the case cannot record the share; from what the third run left, a share under the young person's refusal beyond
the decision that would stand in for a parent's consent, a decision not naming a young person's private document,
and the documents inside an age file or an unprotected PDF. Each test's docstring names the mutants it kills."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, make_case, one_line_error, show

SCHOOL = "Thistlecombe Primary School"
SOCIAL_CARE = "children's social care"
BREACH = ["--reason", "risk-of-harm", "--approved-by", "Ann", "--to", SOCIAL_CARE, "--only", "caller,child"]


def ok(env: Env, *args: str):
    r = env.cli(*args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.mark.parametrize("said", ["yes", " YES ", "Yes"])
def test_a_breach_the_parent_was_told_of_needs_no_reason_for_not_telling(env: Env, said):
    cid = make_case(env)
    ok(env, "breach", cid, *BREACH, "--told-parent", said, "--account", "A risk of harm was disclosed.")
    [b] = show(env, cid)["breaches"]
    assert b["told_parent"] is True and "why_not_told" not in b


@pytest.mark.parametrize("option, most", [("--why-not", 2000), ("--account", 5000)])
def test_a_breach_decisions_words_may_be_as_long_as_the_limit_and_no_longer(env: Env, option, most):
    cid = make_case(env)
    told = ["--told-parent", "no"] + ([] if option == "--why-not" else ["--why-not", "it would put the child at risk"])
    account = [] if option == "--account" else ["--account", "A risk of harm was disclosed."]
    r = env.cli("breach", cid, *BREACH, *told, *account, option, "w" * (most + 1))
    assert r.exit_code == 2 and one_line_error(r).endswith(f"is at most {most} characters")
    assert "breaches" not in show(env, cid)
    ok(env, "breach", cid, *BREACH, *told, *account, option, "w" * most)
    assert len(show(env, cid)["breaches"]) == 1


def test_an_empty_account_is_refused(env: Env):
    cid = make_case(env)
    r = env.cli("breach", cid, *BREACH, "--told-parent", "yes", "--account", "")
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: the account is empty: say what happened and why the exception applies"
    assert "breaches" not in show(env, cid)


def test_approved_by_names_a_manager_of_two_words_in_any_spacing_and_case(env: Env):
    env.new_officer("Cara Jones", role="manager")
    cid = make_case(env)
    ok(env, "breach", cid, *[("  cara   JONES " if a == "Ann" else a) for a in BREACH], "--told-parent", "yes",
       "--account", "A risk of harm was disclosed.")
    assert show(env, cid)["breaches"][0]["approved_by"] == "Cara Jones"


def _share(env: Env, cid: str, to: str, target: Path):
    return env.cli("share", cid, "--to", to, "--only", "child", "--out", str(target), "--plaintext", "--force")


def test_what_the_young_person_kept_private_goes_only_with_their_consent_to_that_party(env: Env, tmp_path: Path):
    dob = dt.date.today().replace(year=dt.date.today().year - 13) - dt.timedelta(days=1)
    school = "MARKER-SCHOOL-Wrenfield-Academy"
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat(), "school": school},
                          "provided": {"fields": {"child.school": {"from": "young-person", "private": True}}}})
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    target = tmp_path / "share.md"
    left_out = "1 note(s) or detail(s) the young person asked to keep private were left out"
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 0 and left_out in r.stderr and school not in target.read_text()
    # Their consent to another party is no consent to this one.
    ok(env, "consent", "grant", cid, "share-information", "--party", "CAMHS", "--by", "young-person")
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 0 and left_out in r.stderr and school not in target.read_text()
    # Nor is their consent to another scope for this party.
    ok(env, "consent", "grant", cid, "contact-professional", "--party", SCHOOL, "--by", "young-person")
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 0 and left_out in r.stderr and school not in target.read_text()
    # Theirs to this party, however it is spelled, is.
    ok(env, "consent", "grant", cid, "share-information", "--party", "  thistlecombe PRIMARY school", "--by", "young-person")
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 0 and "left out" not in r.stderr
    assert school in target.read_text().replace("\\", "")


def test_under_a_refusal_only_the_young_persons_own_consent_to_that_party_is_a_basis(env: Env, tmp_path: Path):
    dob = dt.date.today().replace(year=dt.date.today().year - 13) - dt.timedelta(days=1)
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat()}})
    ok(env, "consent", "grant", cid, "share-information", "--party", "CAMHS", "--by", "young-person")
    ok(env, "consent", "grant", cid, "share-information", "--party", "thistlecombe  PRIMARY school", "--by", "young-person")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)  # the parent's, given last
    ok(env, "consent", "refuse", cid, "see-records")
    target = tmp_path / "share.md"
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["disclosures"][-1]["consent"]["given_by"] == "young-person"
    # Without theirs to this party (theirs to CAMHS, or to another scope, is none), the share is refused.
    ok(env, "consent", "withdraw", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    ok(env, "consent", "grant", cid, "contact-professional", "--party", SCHOOL, "--by", "young-person")
    target.unlink()
    r = _share(env, cid, SCHOOL, target)
    assert r.exit_code == 5 and "the young person has refused that others see their records" in one_line_error(r)
    assert not target.exists()


def test_breach_decisions_are_numbered_in_turn_and_the_reason_kept_in_one_line(env: Env):
    cid = make_case(env)
    for _ in range(2):
        ok(env, "breach", cid, *BREACH, "--told-parent", "no", "--why-not", "  telling them would\n put the   child at risk ",
           "--account", "A risk of harm was disclosed.")
    breaches = show(env, cid)["breaches"]
    assert [b["number"] for b in breaches] == [1, 2]
    assert {b["why_not_told"] for b in breaches} == {"telling them would put the child at risk"}


# Collected here too (the sharing run's list holds test_disclosure.py and this file only): the documents a share
# passes, on consent and under a breach decision naming them (share.beyond_consent, breach_covering's documents),
# and a share of single fields (share._known, covered): a field of a part, a field not there, a decision on a part.
from test_attach_share import (  # noqa: E402, F401
    case,
    test_a_breach_decision_covers_the_documents_it_names_and_no_others,
    test_a_young_persons_private_document_passes_on_a_decision_naming_it_not_on_a_parents_consent,
    test_documents_only_with_consent_and_a_young_persons_private_one_only_with_theirs,
)
from test_share_fields import (  # noqa: E402, F401
    out,
    test_a_breach_decision_on_a_part_covers_its_fields_and_one_on_a_field_no_more,
    test_a_field_that_is_not_there_is_refused_with_the_fields_in_the_hint,
    test_a_school_told_the_sen_stage_and_need_only,
)


def test_a_parents_own_private_document_passes_on_their_consent_a_professionals_never(env: Env, case: str):
    """Kills beyond_consent's mutants of who provided a private document (its `from` not read, or read as the
    officer's; the consent's giver dropped): the one parent's own confidence goes on their consent, a
    professional's only under a manager's decision."""
    from test_attach_share import PDF, SCHOOL, write

    for name, who in (("p.pdf", "parent-carer"), ("q.pdf", "professional")):
        r = env.cli("attach", case, str(write(env.tmp / name, PDF)), "--from", who, "--private")
        assert r.exit_code == 0, r.stderr
    r = env.cli("share", case, "--to", SCHOOL, "--document", "3", "--out", str(env.tmp / "a.pdf"))
    assert r.exit_code == 0, r.stderr
    r = env.cli("share", case, "--to", SCHOOL, "--document", "4", "--out", str(env.tmp / "b.pdf"))
    assert r.exit_code == 5 and "document 4 was given in confidence, and this consent does not release it" in \
        one_line_error(r)


# Collected here too, from files the sharing run's list leaves out: a share of one person's chosen details (the parts
# person-3 and person-3.phone: share._known, section_names, narrowed); whose confidence a family's consent releases
# (released_by_consent, without_private: a parent's where the case has one parent, nobody else's; the young
# person's with their own consent only); an exception the parent was not told of kept out of an ordinary share
# (without_hidden_breaches); a share under the young person's refusal, for everyone or naming one party, and one
# refused for a young person of 16 on a parent's consent, with its hint (basis_for);
# the documents a share passes named in the audit trail; the service's details, its own words for its lists' codes
# and the party as typed, in the document.
from test_attach_share import test_chosen_documents_go_inside_the_protected_pdf  # noqa: E402, F401
from test_categories_lists import test_copies_shares_and_case_studies_say_the_lists_words  # noqa: E402, F401
from test_documents import (  # noqa: E402, F401
    test_a_party_prints_as_the_officer_typed_it,
    test_a_share_and_a_subject_access_copy_carry_the_service_details_and_what_the_law_asks,
)
from test_mutation_kills_consent import (  # noqa: E402, F401
    test_a_refusal_for_one_party_stops_a_parents_consent_to_that_party_only,
    test_a_young_person_who_turned_16_is_told_why_a_parents_consent_no_longer_counts,
)
from test_people import test_a_share_passes_one_persons_chosen_details_and_nobody_elses  # noqa: E402, F401
from test_refusal import (  # noqa: E402, F401
    test_share_leaves_out_what_the_young_person_kept_private_without_their_consent,
    test_share_under_a_refusal_needs_the_young_persons_own_consent_or_a_breach_decision,
)
from test_review_disclosure import (  # noqa: E402, F401
    test_a_parents_own_confidence_passes_on_their_consent_where_they_are_the_one_parent,
    test_a_share_on_a_familys_consent_passes_no_one_elses_confidence,
    test_an_ordinary_share_does_not_tell_an_exception_the_parent_was_not_told_of,
)


def _worker(n: int) -> dict:
    return {"role": "professional", "name": f"Worker Number{n} Smith", "organisation": f"Agency Number{n}",
            "phone": f"01632 960{n:03d}", "email": f"worker{n}x@work.example", "relationship": f"visitor number{n}"}


def test_people_parts_come_after_the_child_once_each_in_number_order(env: Env, tmp_path: Path):
    """Kills section_names' mutants of the people parts (sorted as text or by nothing, so person-10 came before
    person-3; a key that cannot be compared; put after every part but the child, so each came several times) and
    narrowed's `or True` (every person asked for narrowed to the fields asked of one: person 10's email lost), its
    `break` after a person (the child's fields asked after them not narrowed: the child's name passed on) and its
    narrowed person without their relationship (the heading the party reads them by)."""
    cid = make_case(env, {**SAMPLE_CASE, "people": [_worker(n) for n in range(3, 11)]})
    assert [p["number"] for p in show(env, cid)["people"]] == list(range(3, 11))
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    target = tmp_path / "share.md"
    ok(env, "share", cid, "--to", SCHOOL, "--only", "person-10,person-3.phone,child.school", "--out", str(target),
       "--plaintext")
    text = target.read_text(encoding="utf-8").replace("\\", "")
    three, ten = _worker(3), _worker(10)
    assert text.count("## Person 3: professional (visitor number3)") == 1
    assert text.count("## Person 10: professional (visitor number10)") == 1
    assert text.index("## Child's details") < text.index("## Person 3:") < text.index("## Person 10:")
    assert all(ten[k] in text for k in ("name", "organisation", "phone", "email")) and three["phone"] in text
    assert not any(three[k] in text for k in ("name", "organisation", "email"))
    assert not any(_worker(n)["phone"] in text for n in range(4, 10))
    assert SAMPLE_CASE["child"]["name"] not in text and SAMPLE_CASE["child"]["date_of_birth"][:4] not in text


def test_below_the_private_age_what_the_child_kept_private_goes_on_a_parents_consent(env: Env, tmp_path: Path):
    """Kills released_by_consent's 18 and 19 (the child's age never read as under the private age): below it (12
    unless the vault says otherwise) a parent decides for the child, as subject access does, so a share on the
    parent's consent holds the child's private note and detail and leaves nothing out."""
    dob = dt.date.today() - dt.timedelta(days=365 * 11)  # 10 years old, whatever today is
    school = "MARKER-SCHOOL-Wrenfield-Academy"
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat(), "school": school},
                          "profile": {**SAMPLE_CASE["profile"], "age_band": "5-10"},
                          "provided": {"fields": {"child.school": {"from": "young-person", "private": True}}}})
    ok(env, "note", cid, "MARKER-NOTE the child's own worry", "--from", "young-person", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    target = tmp_path / "share.md"
    r = ok(env, "share", cid, "--to", SCHOOL, "--only", "child,notes", "--out", str(target), "--plaintext")
    text = target.read_text(encoding="utf-8").replace("\\", "")
    assert school in text and "MARKER-NOTE" in text and "left out" not in r.stderr
    assert "withheld" not in show(env, cid)["disclosures"][-1]


def test_a_share_under_a_breach_decision_leaves_nothing_out_and_records_nothing_withheld(env: Env, tmp_path: Path):
    """Kills without_private's 6 and 7 (a share under a breach decision counted one thing left out): an exception to
    confidentiality overrides every confidence, the young person's and a professional's, so the share holds them
    all, says nothing was left out, and records no count withheld."""
    dob = dt.date.today().replace(year=dt.date.today().year - 13) - dt.timedelta(days=1)
    school = "MARKER-SCHOOL-Wrenfield-Academy"
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat(), "school": school},
                          "provided": {"fields": {"child.school": {"from": "young-person", "private": True}}}})
    ok(env, "note", cid, "MARKER-NOTE from the health visitor", "--from", "professional", "--private")
    ok(env, "breach", cid, *BREACH[:-2], "--only", "child,notes", "--told-parent", "yes", "--account", "A risk of harm.")
    target = tmp_path / "share.md"
    r = ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child,notes", "--out", str(target), "--plaintext")
    text = target.read_text(encoding="utf-8").replace("\\", "")
    assert school in text and "MARKER-NOTE" in text and "left out" not in r.stderr
    entry = show(env, cid)["disclosures"][-1]
    assert entry["basis"] == "breach" and "withheld" not in entry


def test_every_detail_left_out_is_counted(env: Env, tmp_path: Path):
    """Kills without_private's 53 (each detail left out counted as the first, `= 1` for `+= 1`) and share's count
    withheld recorded only when the young person's and everyone else's differ (`-` for `+`): two details the
    young person (13) asked to keep private and two notes a professional gave in confidence are four left out, two
    and two, said and recorded."""
    dob = dt.date.today().replace(year=dt.date.today().year - 13) - dt.timedelta(days=1)
    private = {"from": "young-person", "private": True}
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat()},
                          "provided": {"fields": {"child.school": private, "profile.primary_need": private}}})
    for n in (1, 2):
        ok(env, "note", cid, f"MARKER-NOTE {n} from the health visitor", "--from", "professional", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    r = ok(env, "share", cid, "--to", SCHOOL, "--only", "child,profile,notes", "--out", str(tmp_path / "s.md"), "--plaintext")
    assert "2 note(s) or detail(s) the young person asked to keep private were left out" in r.stderr
    assert "2 note(s) or detail(s) a parent, carer or professional asked to keep private were left out" in r.stderr
    assert show(env, cid)["disclosures"][-1]["withheld"] == 4


def _basis_line(target: Path) -> str:
    return next(line for line in target.read_text(encoding="utf-8").replace("\\", "").splitlines() if "Basis:" in line)


def test_a_share_cites_the_consent_it_stands_on_in_the_case_and_in_the_document(env: Env, tmp_path: Path):
    """Kills basis_for's mutants of what a share on consent cites: the consent's `at` and `date` recorded under other
    names, its method or the day it was given left out of the document's basis ("given" for "given in writing",
    no date); and share's of the document's head (the service's name, who prepared it, when, for whom)."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--method", "written", "--date", "01/11/2025")
    [grant] = [e for e in json.loads(ok(env, "consent", "show", cid, "--json").stdout)["in_force"]
               if e["scope"] == "share-information"]
    target = tmp_path / "share.md"
    ok(env, "share", cid, "--to", SCHOOL, "--only", "profile", "--out", str(target), "--plaintext")
    assert show(env, cid)["disclosures"][-1]["consent"] == {"at": grant["at"], "given_by": "parent-carer",
                                                            "date": "2025-11-01", "method": "written"}
    assert _basis_line(target).endswith("Basis:** With the consent of the parent or carer, given in writing on "
                                        "1 November 2025.")
    today = dt.date.fromisoformat(show(env, cid)["disclosures"][-1]["at"][:10])
    head = target.read_text(encoding="utf-8").replace("\\", "").split("> Confidential")[0]
    for line in ("**Test SENDIASS**", f"- **Shared with:** {SCHOOL}", f"- **Date:** {today.day} {today:%B %Y}",
                 "- **Prepared by:** Ann, Test SENDIASS"):
        assert line in head.splitlines(), line


def test_a_share_under_a_decision_says_when_and_why_and_one_beyond_it_says_what_it_covers(env: Env, tmp_path: Path):
    """Kills basis_for's mutants of a share under a breach decision: the decision's date left out of the document's
    basis; and the refusal of a share beyond a decision that names no document speaking of "part and document",
    or of a part in other words."""
    cid = make_case(env)
    ok(env, "breach", cid, *BREACH, "--told-parent", "yes", "--account", "A risk of harm was disclosed.")
    decided = dt.date.fromisoformat(show(env, cid)["breaches"][0]["date"])
    target = tmp_path / "share.md"
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child", "--out", str(target), "--plaintext")
    assert _basis_line(target).endswith(
        f"Basis:** Without consent, as an exception to confidentiality approved by Ann (manager) on {decided.day} "
        f"{decided:%B %Y}: risk of harm to a child, young person or vulnerable adult.")
    r = env.cli("share", cid, "--to", SOCIAL_CARE, "--only", "notes", "--out", str(tmp_path / "no.md"), "--plaintext")
    assert r.exit_code == 5 and one_line_error(r) == (
        f"sendvault: error: case {cid}: breach decision 1 does not cover every part asked for, and there is no "
        "share-information consent for that party")
    assert "hint: it covers only: caller, child (use --only); no documents" in r.stderr
    assert not (tmp_path / "no.md").exists()


def test_a_share_lists_the_disclosures_the_parent_may_know_of_and_under_a_decision_its_own(env: Env, tmp_path: Path):
    """Kills without_hidden_breaches' mutants that hide too much: every decision taken as untold (what was shared
    under one the parent was told of hidden), every disclosure dropped once one decision is untold, and the share
    under an untold decision hiding its own earlier disclosure (the party took part in it)."""
    cid = make_case(env)
    ok(env, "breach", cid, *BREACH[:-2], "--only", "child,disclosures", "--told-parent", "no", "--why-not",
       "telling them would put the child at risk", "--account", "A risk of harm was disclosed.")
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child", "--out", str(tmp_path / "1.md"), "--plaintext")
    ok(env, "breach", cid, *BREACH[:-4], "--to", "CAMHS", "--only", "child", "--told-parent", "yes",
       "--account", "A risk of harm was disclosed.")
    ok(env, "share", cid, "--to", "CAMHS", "--only", "child", "--out", str(tmp_path / "2.md"), "--plaintext")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    ok(env, "share", cid, "--to", SCHOOL, "--only", "profile", "--out", str(tmp_path / "3.md"), "--plaintext")
    school, csc = tmp_path / "school.md", tmp_path / "csc.md"
    ok(env, "share", cid, "--to", SCHOOL, "--only", "disclosures", "--out", str(school), "--plaintext")
    text = school.read_text(encoding="utf-8").replace("\\", "")
    assert "made to: CAMHS" in text and f"made to: {SCHOOL}" in text and f"made to: {SOCIAL_CARE}" not in text
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "disclosures", "--out", str(csc), "--plaintext")
    text = csc.read_text(encoding="utf-8").replace("\\", "")
    assert f"made to: {SOCIAL_CARE}" in text and "made to: CAMHS" in text and f"made to: {SCHOOL}" in text


def test_every_person_asked_for_is_checked_wherever_they_come_in_the_list(env: Env, tmp_path: Path):
    """Kills check_people's `break` for `continue` (the check stopped at the first part that is no person, so a
    parent's own details, after the child's school, went on a consent that cannot say which parent gave it)."""
    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Kofi Mensah", "--phone", "07700 900522")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    target = tmp_path / "share.md"
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "child.school,person-3.phone", "--out", str(target), "--plaintext")
    assert r.exit_code == 5 and "which one" in one_line_error(r) and not target.exists()
    assert "disclosures" not in show(env, cid)


def test_a_plaintext_share_is_markdown_for_a_text_name_and_a_pdf_otherwise(env: Env, tmp_path: Path):
    """Kills output_kind's mutants of the plaintext's form: every name taken for Markdown, or `.md`, `.markdown` and
    `.txt` (in any case) not, and the PDF's form under another name."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    for name, form in (("a.MARKDOWN", "markdown-plaintext"), ("b.Txt", "markdown-plaintext"), ("c.pdf", "pdf-plaintext"),
                       ("d.text", "pdf-plaintext"), ("e.Md", "markdown-plaintext")):
        ok(env, "share", cid, "--to", SCHOOL, "--only", "child", "--out", str(tmp_path / name), "--plaintext")
        assert show(env, cid)["disclosures"][-1]["output"] == form, name
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"%PDF-") == (form == "pdf-plaintext") and (b"Sam Example" in data) == (form != "pdf-plaintext")


@pytest.mark.parametrize("command", ["share", "breach"])
def test_a_party_is_one_to_two_hundred_characters(env: Env, tmp_path: Path, command):
    """Kills check_party's mutants of its limits (a party of one character, or of 200, refused; of 201 taken) and of
    an empty --to (taken as a party of its own)."""
    cid = make_case(env)
    target = tmp_path / "share.md"

    def run(party: str):
        if command == "share":
            return env.cli("share", cid, "--to", party, "--only", "child", "--out", str(target), "--plaintext", "--force")
        return env.cli("breach", cid, *BREACH[:4], "--to", party, "--only", "child", "--told-parent", "yes",
                       "--account", "A risk of harm was disclosed.")

    for party in ("", "w" * 201):
        r = run(party)
        assert r.exit_code == 2 and one_line_error(r).startswith("sendvault: error: --to is 1 to 200 characters")
    for party in ("w", "w" * 200):
        if command == "share":
            ok(env, "consent", "grant", cid, "share-information", "--party", party)
        r = run(party)
        assert r.exit_code == 0, r.stderr
    assert [e["to"] for e in show(env, cid)["disclosures" if command == "share" else "breaches"]] == ["w", "w" * 200]


def test_a_part_that_does_not_exist_is_refused_with_the_parts_in_the_hint(env: Env, tmp_path: Path):
    """Kills sections_of's `or` for `and` in its tests of what an unknown part names (a part with no field in it,
    `--only bogus`, then failed with an IndexError instead of the error and its hint)."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "child,bogus", "--out", str(tmp_path / "x.md"), "--plaintext")
    assert r.exit_code == 2 and one_line_error(r) == "sendvault: error: --only names a part of a case that does not exist"
    assert "hint: choose from: first-contact, caller, child" in r.stderr and not (tmp_path / "x.md").exists()


def test_a_share_the_case_cannot_record_takes_its_file_back(env: Env, tmp_path: Path):
    """Kills share's mutants of taking the written file back when the case then cannot record the share (whether
    it was written tested otherwise, the path not kept or read under another name, other errors than a missing
    file tolerated): each write step of a share from the output file's last on failing in turn (a full disk: the
    file is in place, the case not yet written) leaves no output file and records nothing (tests/test_faults.py
    fails every step of every command)."""
    from sendvault.store import storage

    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    out, log = tmp_path / "out", tmp_path / "steps"
    out.mkdir()
    target = out / "share.pdf"
    storage.set_fault(f"count:{log}")
    try:
        ok(env, "share", cid, "--to", SCHOOL, "--only", "profile", "--out", str(target))
    finally:
        storage.set_fault(None)
    target.unlink()
    steps = log.read_text().split()
    assert steps[:5] == ["open", "write", "fsync", "rename", "dirsync"] and len(steps) > 5  # the output file's first
    for n in range(5, len(steps) + 1):
        storage.set_fault(f"any:{n}:ENOSPC")
        try:
            r = env.cli("share", cid, "--to", SCHOOL, "--only", "profile", "--out", str(target))
        finally:
            storage.set_fault(None)
        assert r.exit_code == 1 and "No space left on device" in one_line_error(r), (n, r.stderr)
        assert list(out.iterdir()) == [], n
        assert len(show(env, cid)["disclosures"]) == 1, n


def test_a_share_of_the_notes_on_a_parents_consent_keeps_what_others_asked_to_keep_private(env: Env, tmp_path: Path):
    """without_private 59, 64, 65, 66 (timeouts of the run, survivors given time: no test of the module's own
    shared a case's notes on consent). The officer's and the parent's notes go; the young person's private
    note does not, and is counted as theirs; a professional's private note is counted as another person's."""
    cid = make_case(env)
    ok(env, "note", cid, "OFFICERNOTE rang the school")
    ok(env, "note", cid, "PARENTNOTE worried about transport", "--from", "parent-carer")
    ok(env, "note", cid, "YPSECRET not to tell mum yet", "--from", "young-person", "--private")
    ok(env, "note", cid, "PROSECRET staffing at the school", "--from", "professional", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    target = tmp_path / "share.md"
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "notes", "--out", str(target), "--plaintext", "--force")
    assert r.exit_code == 0, r.stderr
    text = target.read_text()
    assert "OFFICERNOTE" in text and "PARENTNOTE" in text
    assert "YPSECRET" not in text and "PROSECRET" not in text
    assert f"case {cid}: 1 note(s) or detail(s) the young person asked to keep private were left out" in r.stderr
    assert f"case {cid}: 1 note(s) or detail(s) a parent, carer or professional asked to keep private" in r.stderr
    # The young person's own consent to that party passes their private note, never the professional's.
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "notes", "--out", str(target), "--plaintext", "--force")
    assert r.exit_code == 0, r.stderr
    assert "YPSECRET" in target.read_text() and "PROSECRET" not in target.read_text()
    assert "the young person asked" not in r.stderr and "a parent, carer or professional asked" in r.stderr


def test_a_field_of_a_person_asked_for_before_a_field_of_a_section_narrows_both(env: Env, tmp_path: Path):
    """narrowed 44 (a timeout of the run; a survivor given time): the loop over what was asked for by field
    stopped, not passed on, after a person's field, so the child's whole section went where only the child's
    name was asked for: more than the party was given consent for."""
    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Pat Lee", "--organisation", "Health visiting",
       "--phone", "01632 960777", "--email", "pat@health.example")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    target = tmp_path / "share.md"
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "person-3.phone,child.name", "--out", str(target),
                "--plaintext", "--force")
    assert r.exit_code == 0, r.stderr
    text = target.read_text()
    assert "01632 960777" in text and "Sam Example" in text
    assert SAMPLE_CASE["child"]["school"] not in text and "2014" not in text
    assert "pat@health.example" not in text and "Pat Lee" not in text


# Collected here too: the documents of a share made an age file (share's attachments given to the age file's PDF).
from test_attach_share import test_or_inside_the_age_file  # noqa: E402, F401


def _thirteen(env: Env) -> str:
    dob = dt.date.today().replace(year=dt.date.today().year - 13) - dt.timedelta(days=1)
    return make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": dob.isoformat()}})


def test_under_a_refusal_a_decision_that_does_not_cover_the_share_leaves_the_refusal_to_say_why(env: Env, tmp_path: Path):
    """Kills basis_for's 39 (under a refusal, a decision to that party taken as covering whatever parts are asked
    for) and 40 (and whatever documents): a share beyond the decision is refused because the young person refused,
    with the hint of what can still be a basis, not with the decision's parts as if it were the only question."""
    from test_attach_share import PDF, write

    cid = _thirteen(env)
    ok(env, "attach", cid, str(write(env.tmp / "plan.pdf", PDF)), "--from", "parent-carer")
    ok(env, "consent", "grant", cid, "share-information", "--party", SOCIAL_CARE, "--by", "parent-carer")
    ok(env, "breach", cid, *BREACH[:-2], "--only", "profile", "--told-parent", "yes", "--account", "A risk of harm.")
    ok(env, "consent", "refuse", cid, "see-records")
    refused = (f"sendvault: error: case {cid}: the young person has refused that others see their records, so a "
               "parent's consent does not cover this share")
    for extra in (["--only", "notes"], ["--only", "profile", "--document", "1"]):
        target = tmp_path / "x.pdf"
        r = env.cli("share", cid, "--to", SOCIAL_CARE, *extra, "--out", str(target))
        assert r.exit_code == 5 and one_line_error(r) == refused, (extra, r.stderr)
        assert "hint: only the young person's own share-information consent" in r.stderr and not target.exists()
    assert "disclosures" not in show(env, cid)
    # The share the decision covers goes, under the decision.
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "profile", "--out", str(tmp_path / "y.pdf"))
    assert show(env, cid)["disclosures"][-1]["basis"] == "breach"


def test_a_decision_not_naming_a_private_document_leaves_the_share_on_consent_and_says_whose_it_is(env: Env, tmp_path: Path):
    """Kills basis_for's 62 (a decision to that party that covers the parts taken as the basis although it does not
    name the young person's private document asked for): the share stays on the parent's consent and is refused
    because the young person asked that the document not be shared, with the hint of what releases it."""
    from test_attach_share import PDF, write

    cid = _thirteen(env)
    ok(env, "attach", cid, str(write(env.tmp / "mine.pdf", PDF)), "--from", "young-person", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SOCIAL_CARE, "--by", "parent-carer")
    ok(env, "breach", cid, *BREACH[:-2], "--only", "profile", "--told-parent", "yes", "--account", "A risk of harm.")
    target = tmp_path / "x.pdf"
    r = env.cli("share", cid, "--to", SOCIAL_CARE, "--only", "profile", "--document", "1", "--out", str(target))
    assert r.exit_code == 5 and one_line_error(r) == (
        f"sendvault: error: case {cid}: document 1 was provided by the young person, who asked that it not be shared")
    assert "(--by young-person), or a manager's breach decision naming it (--document)" in r.stderr
    assert not target.exists() and "disclosures" not in show(env, cid)


def test_an_unprotected_pdf_carries_the_documents_asked_for(env: Env, case: str):
    """Kills share's 150 (the unprotected PDF made without the documents asked for: the share recorded as passing
    them on, the file without them): `--plaintext --document` to a PDF's name writes them inside it."""
    from test_attach_share import PDF, PNG, detached

    out = env.tmp / "plain.pdf"
    ok(env, "share", case, "--to", SCHOOL, "--only", "profile", "--document", "1", "--document", "2", "--plaintext",
       "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert detached(out, None, env.tmp / "d") == {"1 Plan for Łukasz.pdf": PDF, "2 Class photo.png": PNG}
    [shared] = show(env, case)["disclosures"]
    assert (shared["output"], shared["documents"]) == ("pdf-plaintext", [1, 2])
