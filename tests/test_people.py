"""Everyone in a case (issue 23): the people list, find over everyone, and subject access per person in the
situations a single caller got wrong: a professional referral, separated parents, a young person's confidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, audit_log, make_case, one_line_error, show
from test_consent import young_person_case
from test_sar import copy_text, ok, out  # noqa: F401 (out is a fixture)

SENCO = {"name": "Ade Okafor", "organisation": "Riverside Academy", "job": "SENCo",
         "email": "a.okafor@riverside.example", "phone": "01632 960001"}
MUM = {"name": "Grace Mensah", "phone": "07700 900311", "email": "grace@mensah.example", "address": "12 Acacia Road, Exeter",
       "postcode": "EX2 4TT"}
DAD = {"name": "Kofi Mensah", "phone": "07700 900522", "email": "kofi@elsewhere.example", "address": "4 Elm Row, Taunton",
       "postcode": "TA1 1AA"}


def referral(env: Env) -> str:
    """The SENCo rang (person 1, work details) with the mother's permission; she is person 3, given by the SENCo."""
    case = {**SAMPLE_CASE, "contact": {**{k: v for k, v in SAMPLE_CASE["contact"].items() if k != "parental_responsibility"},
                                       "route": "professional", "referrer": "SENCo", "caller": "professional",
                                       "referral_permission": {"given_by": "parent-carer", "date": "2026-11-01",
                                                               "method": "verbal"}}}
    case.pop("person")
    case["people"] = [{"role": "professional", "made_contact": True, **SENCO},
                      {"role": "parent-carer", "relationship": "mother", "parental_responsibility": True,
                       "from": "professional", **MUM}]
    return make_case(env, case)


def separated(env: Env) -> str:
    """Mum rang (person 1); dad, separated, with parental responsibility, is person 3 and gave his own details."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility", "yes",
       "--name", DAD["name"], "--phone", DAD["phone"], "--email", DAD["email"], "--address", DAD["address"],
       "--postcode", DAD["postcode"], "--from", "parent-carer")
    return cid


def contact_details(who: dict) -> list[str]:
    return [who[k] for k in ("phone", "email", "address", "postcode")]


# --- the list itself ---------------------------------------------------------------------------


def test_intake_people_become_numbered_people_and_show_lists_them(env: Env):
    cid = referral(env)
    rec = show(env, cid)
    assert rec["format"] == "sendvault-case/2"
    assert rec["person"]["organisation"] == "Riverside Academy" and rec["contact"]["caller"] == "professional"
    assert [(p["number"], p["role"], p["name"]) for p in rec["people"]] == [(3, "parent-carer", MUM["name"])]
    assert rec["people"][0]["from"] == "professional"
    text = ok(env, "show", cid).stdout
    assert "people (numbers for --for and --from)" in text and "professionals (work details)" in text
    assert "mother" in text and "with parental responsibility" in text


def test_add_change_remove_recorded_by_number_never_reused(env: Env):
    cid = separated(env)
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Pat Lee", "--organisation", "Health visiting",
       "--job", "Health visitor")
    ok(env, "person", "change", cid, "4", "--phone", "01632 960777", "--from", "4")
    ok(env, "person", "remove", cid, "4")
    ok(env, "person", "add", cid, "--role", "other-family", "--relationship", "grandmother", "--name", "Ama Mensah")
    rec = show(env, cid)
    assert [p["number"] for p in rec["people"]] == [3, 5]  # 4 is gone and not given to the grandmother
    events = [(h["event"], h["person"]) for h in rec["history"] if h["event"].startswith("person-")]
    assert events == [("person-added", 3), ("person-added", 4), ("person-changed", 4), ("person-removed", 4),
                      ("person-added", 5)]
    # Removed: out of the case's people; what they were recorded as is kept for redaction only (former_details:
    # a note quoting them is redacted in another requester's copy), never in the history or the audit.
    assert "Pat Lee" not in json.dumps({k: v for k, v in rec.items() if k != "former_details"})
    assert {"person": 4, "name": "Pat Lee"}.items() <= {"person": rec["former_details"][-1]["person"],
                                                        **rec["former_details"][-1]["details"]}.items()
    assert "Pat Lee" not in json.dumps(audit_log(env))
    commands = [e["command"] for e in audit_log(env) if e["command"].startswith("person")]
    assert commands == ["person add", "person add", "person change", "person remove", "person add"]


@pytest.mark.parametrize("args, words", [
    (["person", "add", "{cid}", "--role", "sibling", "--name", "X Y"], "--role must be"),
    (["person", "add", "{cid}", "--name", "X Y"], "say their role"),
    (["person", "add", "{cid}", "--role", "parent-carer"], "at least their name"),
    (["person", "add", "{cid}", "--role", "parent-carer", "--name", "X Y", "--organisation", "Acme"], "work details"),
    (["person", "add", "{cid}", "--role", "parent-carer", "--name", "X Y", "--phone", "12"], "phone"),
    (["person", "change", "{cid}", "9", "--phone", "07700 900111"], "no person 9"),
    (["person", "change", "{cid}", "1", "--phone", "07700 900111"], "sendvault edit"),
    (["person", "remove", "{cid}", "2"], "the child"),
    (["person", "remove", "{cid}", "Nobody Known"], "no one in case"),
    (["note", "{cid}", "from someone gone", "--from", "8"], "no person 8"),
])
def test_bad_input_is_one_line_and_writes_nothing(env: Env, args, words):
    cid = separated(env)
    before = show(env, cid)
    r = env.cli(*[a.format(cid=cid) for a in args])
    assert r.exit_code != 0 and words in one_line_error(r)
    assert "Nobody Known" not in r.stderr and "Traceback" not in r.stderr
    assert show(env, cid) == before


def test_people_cannot_be_added_without_personal_details_or_to_a_closed_case(env: Env):
    anon = make_case(env, {k: v for k, v in SAMPLE_CASE.items() if k not in ("person", "child")} | {"anonymous": True})
    assert "keeps no personal details" in one_line_error(env.cli("person", "add", anon, "--role", "parent-carer",
                                                                 "--name", "X Y"))
    cid = make_case(env)
    ok(env, "close", cid, "--outcome", "resolved")
    assert "reopen" in env.cli("person", "add", cid, "--role", "parent-carer", "--name", "X Y").stderr


def test_intake_file_people_errors_are_listed(env: Env):
    case = {**SAMPLE_CASE, "people": [{"role": "parent-carer", "made_contact": True, "name": "A B"},
                                      {"role": "uncle", "name": "C D"},
                                      {"role": "parent-carer", "name": "E F", "school": "Nowhere", "shoe_size": 9}]}
    from conftest import intake_text

    r = env.cli("intake", "--from", "-", input=intake_text(case))
    assert r.exit_code != 0
    for words in ("only one person made contact", "people[2].role must be", "people[3].school is only for the child",
                  "people[3] has unknown field 'shoe_size'"):
        assert words in r.stderr, words
    assert "A B" not in r.stderr and "E F" not in r.stderr


def test_withdrawing_consent_to_keep_details_removes_everyone(env: Env):
    cid = separated(env)
    ok(env, "consent", "withdraw", cid, "store-personal-details", "--by", "parent-carer")
    rec = show(env, cid)
    assert "people" not in rec and "person" not in rec


# --- find over everyone -------------------------------------------------------------------------


def test_the_mother_is_found_by_name_and_phone_after_a_professional_referral(env: Env):
    cid = referral(env)
    make_case(env)  # another family
    for query in ("Grace Mensah", "grace", "+44 7700 900311", "(07700) 900-311", "grace@mensah.example", "EX24TT",
                  "riverside academy"):
        r = ok(env, "find", query, "--json")
        assert [c["id"] for c in json.loads(r.stdout)] == [cid], query


# --- subject access per person -----------------------------------------------------------------


def test_a_professional_referral_the_mothers_copy_holds_her_details_as_hers_and_not_the_sencos(env: Env, out: Path):
    cid = referral(env)
    text = copy_text(env, cid, "3", out)
    doc = json.loads(text)
    yours = next(s for s in doc["sections"] if s["title"] == "Your details")
    values = {f["label"]: f["value"] for f in yours["fields"]}
    assert values["Your name"] == MUM["name"] and values["Your phone number"] == MUM["phone"]
    for value in SENCO.values():
        if value != "SENCo":  # the referrer's role is part of the first contact
            assert value not in text, value
    assert "Caller's" not in text
    request = show(env, cid)["sar_requests"][0]
    assert (request["for"], request["person"]) == ("parent", 3)
    # "parent" means her too: she is the case's only parent.
    assert "Your name" in copy_text(env, cid, "parent", out)


def test_separated_parents_each_copy_holds_none_of_the_other_parents_details(env: Env, out: Path):
    cid = separated(env)
    ok(env, "note", cid, f"Dad has moved to {DAD['address']}; call him on {DAD['phone']} or {DAD['email']}.",
       "--from", "3")
    ok(env, "note", cid, "Dad asks that his new partner is not mentioned to mum.", "--from", "3", "--private")
    ok(env, "note", cid, f"Mum says school rang her on {MUM['phone']}.", "--from", "1")
    # Two parents: 'parent' alone cannot say which.
    assert "more than one parent" in one_line_error(env.cli("sar", "request", cid, "--for", "parent"))
    mum = copy_text(env, cid, "1", out)
    dad = copy_text(env, cid, "3", out)
    for value in contact_details(DAD) + ["Elm Row", "Taunton"]:  # nor any part of his address
        assert value not in mum, value
    assert "From person" not in mum  # a number means nothing outside the case
    for value in contact_details(MUM):
        assert value not in dad, value
    assert MUM["phone"] in mum and DAD["phone"] in dad  # each one's own
    assert "new partner" not in mum and "new partner" in dad
    assert "Someone else told us this in confidence" in mum
    assert "Sam Example" in mum and "Sam Example" in dad  # both hold parental responsibility


def test_a_parent_without_parental_responsibility_gets_their_own_information_only(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility", "no",
       "--name", DAD["name"], "--phone", DAD["phone"], "--from", "parent-carer")
    ok(env, "note", cid, "Dad rang to ask about the annual review.", "--from", "3")
    ok(env, "note", cid, "Mum: the EHC plan is due in March.", "--from", "1")
    text = copy_text(env, cid, "3", out)
    assert DAD["phone"] in text and "annual review" in text
    assert "EHC plan is due" not in text and "Sam Example" not in text and "07700 900123" not in text
    assert "This copy holds your own information" in text
    assert show(env, cid)["sar_requests"][0]["for"] == "other"


def test_a_professional_asking_gets_their_own_information_only(env: Env, out: Path):
    cid = referral(env)
    ok(env, "note", cid, "Mother: the school has not done the assessment.", "--from", "3")
    text = copy_text(env, cid, "1", out)
    assert SENCO["email"] in text and MUM["phone"] not in text and MUM["name"] not in text
    assert "assessment" not in text and "Sam Example" not in text


def test_a_young_persons_refusal_a_parent_they_named_is_told_nothing(env: Env, out: Path):
    """The 17-year-old rang alone, named their mother (person 3, details from the young person) and refused that
    anyone sees their records: the mother's request gets no copy and nothing that says we hold the case."""
    case = young_person_case(17)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    case["person"] = {"name": "Robin Example", "phone": "07700 900444"}
    case["child"] = {**case["child"], "name": "Robin Example"}
    cid = make_case(env, case)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "mother", "--parental-responsibility", "yes",
       "--name", MUM["name"], "--phone", MUM["phone"], "--from", "young-person")
    ok(env, "consent", "refuse", cid, "see-records")
    ok(env, "sar", "request", cid, "--for", "3")
    target = out / "copy.json"
    r = env.cli("sar", cid, "--for", "3", "--out", str(target), "--format", "json", "--plaintext")
    assert r.exit_code != 0 and not target.exists() and "sar unconfirmed" in r.stderr
    assert "Robin Example" not in r.stderr and "07700 900444" not in r.stderr
    reply = out / "reply.json"
    ok(env, "sar", "unconfirmed", cid, "--out", str(reply), "--format", "json", "--plaintext")
    text = reply.read_text(encoding="utf-8")
    for marker in (cid, cid.replace("-", ""), "Robin Example", "07700 900444", "young person", MUM["phone"]):
        assert marker not in text, marker
    # Had she given us something of her own, she would get her own information (and only that).
    ok(env, "note", cid, "Mother rang about transport.", "--from", "3")
    own = copy_text(env, cid, "3", out)
    assert "transport" in own and "Robin Example" not in own and "07700 900444" not in own


def test_a_young_persons_copy_holds_no_parents_contact_details(env: Env, out: Path):
    cid = separated(env)
    text = copy_text(env, cid, "2", out)
    for value in contact_details(MUM) + contact_details(DAD):
        assert value not in text, value
    assert "Sam Example" in text


def test_a_case_study_replaces_everyone_in_the_case(env: Env):
    """The other parent and a professional named in notes are the case's own identifiers to the redaction."""
    cid = separated(env)
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Ade Okafor", "--organisation", "Riverside Academy",
       "--job", "SENCo", "--email", "a.okafor@riverside.example")
    ok(env, "note", cid, f"Kofi rang from {DAD['phone']}; Mr Okafor (a.okafor@riverside.example) will write. "
                         f"Post to {DAD['postcode']}.")
    text = ok(env, "redact", cid).stdout
    for value in ("Kofi", DAD["phone"], DAD["postcode"], "Okafor", "a.okafor@riverside.example"):
        assert value not in text, value


def test_interactive_intake_of_a_professional_referral_asks_the_referrers_work_details_then_the_parents(env: Env):
    from test_intake_interactive import (P_CALLER, P_CHILD, P_DOB, P_HEARD, P_POLICY, P_COPY, P_ANON, P_RECORD,
                                         P_REFERRAL_OK, P_REFERRER, P_SAVE, P_SCHOOL, Call, opening, printed_id,
                                         skip_profile)

    call = Call(env)
    call.answers(
        *opening("professional"), (P_REFERRER, "SENCo"), (P_REFERRAL_OK, "y"),
        ("Permission given by", "parent-carer"), ("Permission given on", ""), ("How was permission given", "verbal"),
        (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"), (P_CALLER, "professional"), (P_HEARD, ""),
        ("Professional's name", SENCO["name"]), ("Their organisation", SENCO["organisation"]),
        ("Their job", SENCO["job"]), ("Work phone", SENCO["phone"]), ("Work email", SENCO["email"]),
        ("Parent or carer's name", MUM["name"]), ("Their relationship to the child", "mother"),
        ("Their phone", MUM["phone"]), ("Their email", ""), ("Their postal address", ""), ("Their postcode", MUM["postcode"]),
        ("Do they hold parental responsibility?", "y"), ("OK to call them at work?", "n"),
        ("OK to leave answerphone messages?", "y"), ("OK to leave messages with family or colleagues?", "n"),
        (P_CHILD, "Kwame Mensah"), (P_DOB, ""), (P_SCHOOL, "Riverside Academy"),
    )
    skip_profile(call, "11-15")
    call.answers(("Did the professional ask that any of this is kept confidential?", "n"), (P_SAVE, "y"))
    assert call.finish() == 0, call.transcript
    # The summary names the parent's details as hers, and the professional's as work details.
    assert re.search(rf"Person 3: parent or carer, with parental responsibility +{MUM['name']}, mother, {MUM['phone']}",
                     call.transcript)
    rec = show(env, printed_id(call.transcript))
    assert rec["person"] == {k: SENCO[k] for k in ("name", "organisation", "job", "phone", "email")}
    assert "contact_preferences" not in rec  # the professional's: none asked
    [mum] = rec["people"]
    assert (mum["number"], mum["role"], mum["name"], mum["phone"], mum["from"]) == (3, "parent-carer", MUM["name"],
                                                                                   MUM["phone"], "professional")
    assert mum["parental_responsibility"] is True and mum["contact_preferences"]["answerphone_messages"] is True
    assert rec["child"]["name"] == "Kwame Mensah"


def test_a_detail_one_parent_asked_to_keep_private_is_withheld_from_the_other(env: Env, out: Path):
    cid = separated(env)
    ok(env, "edit", cid, "--from", "3", "--private", "--field", "child.school")
    assert show(env, cid)["provided"]["fields"]["child.school"] == {"from": "parent-carer", "from_person": 3,
                                                                  "private": True}
    mum, dad = copy_text(env, cid, "1", out), copy_text(env, cid, "3", out)
    assert "Example Hill Primary School" not in mum and "Details someone else gave us in confidence" in mum
    assert "Example Hill Primary School" in dad


def test_a_request_recorded_before_people_were_numbered_is_answered_by_kind(env: Env, out: Path):
    """A vault's open request 'for parent' (no number) is still the parent's: answered with --for parent or 1."""
    cid = make_case(env)
    ok(env, "sar", "request", cid, "--for", "parent")
    from conftest import core_vault

    vault = core_vault(env)
    def unnumbered(record: dict) -> None:  # as written before issue 23
        del record["sar_requests"][0]["person"]

    vault.update_case(cid, unnumbered, "test")
    target = out / "copy.json"
    ok(env, "sar", cid, "--for", "1", "--out", str(target), "--format", "json", "--plaintext")
    assert "Jane Example" in target.read_text(encoding="utf-8")
    assert show(env, cid)["sar_requests"][0]["status"] == "completed"


def test_the_unconfirmed_reply_answers_the_request_of_the_parent_it_names(env: Env, out: Path):
    """Both parents named by the young person (17, alone, refused): the father's request (person 4) is answered
    with the reply that neither confirms nor denies, and it is his request that is marked answered."""
    case = young_person_case(17)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    case["person"] = {"name": "Robin Example", "phone": "07700 900444"}
    cid = make_case(env, case)
    for name in ("Grace Example", "Kofi Example"):
        ok(env, "person", "add", cid, "--role", "parent-carer", "--parental-responsibility", "yes", "--name", name,
           "--from", "young-person")
    ok(env, "consent", "refuse", cid, "see-records")
    ok(env, "sar", "request", cid, "--for", "4")
    ok(env, "sar", "unconfirmed", cid, "--out", str(out / "reply.json"), "--format", "json", "--plaintext")
    [request] = show(env, cid)["sar_requests"]
    assert (request["person"], request["status"], request["answer"]) == (4, "completed", "unconfirmed")


def test_a_share_passes_one_persons_chosen_details_and_nobody_elses(env: Env, out: Path):
    """share --only person-3.phone: a professional's work phone to the school with the family's consent, and
    nobody else's details; a parent's own details not on a consent that cannot say which parent gave it; a person
    not in the case, a detail no one has, a confidence: refused, nothing written."""
    cid = separated(env)
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Pat Lee", "--organisation", "Health visiting",
       "--phone", "01632 960777", "--email", "pat@health.example")
    ok(env, "consent", "grant", cid, "share-information", "--party", "Riverside Academy", "--by", "parent-carer",
       "--method", "written")
    target = out / "school.md"
    ok(env, "share", cid, "--to", "Riverside Academy", "--only", "child.school,person-4.phone", "--out", str(target),
       "--plaintext")
    text = target.read_text(encoding="utf-8")
    assert "01632 960777" in text and "Person 4: professional" in text
    for value in ("pat@health.example", "Pat Lee") + tuple(contact_details(DAD)) + tuple(contact_details(MUM)):
        assert value not in text, value
    assert show(env, cid)["disclosures"][-1]["sections"] == ["child.school", "person-4.phone"]
    r = env.cli("share", cid, "--to", "Riverside Academy", "--only", "person-3.phone", "--out", str(out / "x.md"),
                "--plaintext")
    assert r.exit_code == 5 and "which one" in r.stderr and not (out / "x.md").exists()
    for only, words in (("person-7", "no person 7"), ("person-3.shoe_size", "a detail a person"),
                        ("person-2", "no person 2")):
        r = env.cli("share", cid, "--to", "Riverside Academy", "--only", only, "--out", str(out / "x.md"),
                    "--plaintext")
        assert words in one_line_error(r) and not (out / "x.md").exists()
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Ama Mensah", "--from", "1", "--private")
    r = env.cli("share", cid, "--to", "Riverside Academy", "--only", "person-5", "--out", str(out / "x.md"),
                "--plaintext")
    assert r.exit_code == 5 and "in confidence" in r.stderr and not (out / "x.md").exists()


# --- what a review found (each failed before its fix) -------------------------------------------


def alone_at(env: Env, age: int) -> str:
    case = young_person_case(age)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    case["person"] = {"name": "Robin Example", "phone": "07700 900444"}
    return make_case(env, case)


def test_someone_without_parental_responsibility_is_told_nothing_either(env: Env, out: Path):
    """The young person (17, alone) named a relative, parental responsibility not known, and refused: the
    relative's request gets no copy (it would show the case exists), and the unconfirmed reply answers it."""
    cid = alone_at(env, 17)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--name", "Grace Example", "--from", "young-person")
    ok(env, "consent", "refuse", cid, "see-records")
    ok(env, "sar", "request", cid, "--for", "3")
    r = env.cli("sar", cid, "--for", "3", "--out", str(out / "c.json"), "--format", "json", "--plaintext")
    assert r.exit_code == 5 and not (out / "c.json").exists() and "sar unconfirmed" in r.stderr
    ok(env, "sar", "unconfirmed", cid, "--for", "3", "--out", str(out / "reply.json"), "--format", "json", "--plaintext")
    assert show(env, cid)["sar_requests"][0]["answer"] == "unconfirmed"


def test_with_two_parents_a_confidence_needs_a_number(env: Env, out: Path):
    cid = separated(env)
    r = env.cli("note", cid, "Said in confidence.", "--from", "parent-carer", "--private")
    assert "say which one told you" in one_line_error(r)

    # A confidence recorded with the role's word before the second parent was added is neither parent's own.
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM}})
    ok(env, "note", cid, "A worry told in confidence.", "--from", "parent-carer", "--private")
    ok(env, "person", "add", cid, "--role", "parent-carer", "--parental-responsibility", "yes", "--name", DAD["name"],
       "--phone", DAD["phone"])
    assert "A worry" not in copy_text(env, cid, "1", out) and "A worry" not in copy_text(env, cid, "3", out)


def test_a_number_is_owned_only_with_the_role_it_was_recorded_with(env: Env, out: Path):
    """A 14-year-old's confidence as person 1; the caller later recorded as the mother (person 1 now): hers it is
    not."""
    cid = alone_at(env, 14)
    ok(env, "note", cid, "Self-harm, told in confidence.", "--from", "1", "--private")
    from conftest import core_vault

    def now_the_mother(record: dict) -> None:
        record["contact"]["caller"] = "parent-carer"
        record["contact"]["parental_responsibility"] = True
        record["person"] = {"name": MUM["name"], "phone": MUM["phone"]}

    core_vault(env).update_case(cid, now_the_mother, "test")
    assert "Self-harm" not in copy_text(env, cid, "1", out)


def test_another_persons_documents_are_not_in_a_copy(env: Env, out: Path):
    cid = separated(env)
    letter = out.parent / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% to the mother at 12 Acacia Road\n%%EOF\n")
    ok(env, "attach", cid, str(letter), "--title", "Letter to mum", "--from", "1")
    dad = json.loads(copy_text(env, cid, "3", out))
    assert "Letter to mum" not in json.dumps(dad) and "Documents that may hold other people's details" in json.dumps(dad)
    ok(env, "sar", "request", cid, "--for", "1")  # hers goes to her, inside her PDF copy
    ok(env, "sar", cid, "--for", "1", "--out", str(out / "mum.pdf"))
    assert show(env, cid)["disclosures"][-1].get("documents") == [1]


def test_a_number_is_not_reused_after_consent_to_keep_details_is_withdrawn_and_given_again(env: Env):
    cid = separated(env)
    ok(env, "sar", "request", cid, "--for", "3")
    ok(env, "consent", "withdraw", cid, "store-personal-details", "--by", "parent-carer")
    ok(env, "consent", "grant", cid, "store-personal-details", "--by", "parent-carer", "--method", "verbal")
    ok(env, "person", "add", cid, "--role", "other-family", "--name", "Ama Mensah")
    assert [p["number"] for p in show(env, cid)["people"]] == [4]


def test_a_name_is_matched_whole_and_never_repeated(env: Env):
    cid = separated(env)
    r = env.cli("sar", "request", cid, "--for", "Mensah")  # the family's surname: not a person
    assert "no one in case" in one_line_error(r) and "Mensah" not in r.stderr
    ok(env, "sar", "request", cid, "--for", "kofi  mensah")  # the whole name, as a reader sees it
    r = env.cli("sar", cid, "--for", "Kofi Mensah", "--out", "/nonexistent/x.pdf")
    assert "Kofi" not in r.stderr


def test_an_old_request_of_the_parent_is_not_answered_by_the_other_parent(env: Env, out: Path):
    cid = make_case(env)  # the mother rang (person 1)
    ok(env, "sar", "request", cid, "--for", "parent")
    from conftest import core_vault

    def unnumbered(record: dict) -> None:  # as written before issue 23
        del record["sar_requests"][0]["person"]

    core_vault(env).update_case(cid, unnumbered, "test")
    ok(env, "person", "add", cid, "--role", "parent-carer", "--parental-responsibility", "yes", "--name", DAD["name"])
    r = env.cli("sar", cid, "--for", "3", "--out", str(out / "d.json"), "--format", "json", "--plaintext")
    assert "no open subject-access request from person 3" in r.stderr
    ok(env, "sar", cid, "--for", "1", "--out", str(out / "m.json"), "--format", "json", "--plaintext")
    assert show(env, cid)["sar_requests"][0]["status"] == "completed"


def test_two_machines_adding_someone_under_the_same_number_keep_both_and_what_each_recorded_follows():
    """Sync's merge (records/merge.py): person 3 added on each machine (two different people): both kept, the
    other machine's renumbered 4, and its note and request from that person name 4; neither is asked about."""
    from sendvault.records.merge import merge

    base = {"id": "K7M3-Q9P2", "status": "open", "notes": [], "sar_requests": [], "history": []}

    def side(name: str, at: str) -> dict:
        return {**base, "people": [{"number": 3, "role": "parent-carer", "name": name, "added": at, "added_by": "Ann"}],
                "notes": [{"at": at, "by": "Ann", "text": f"{name} rang", "from": "parent-carer", "from_person": 3}],
                "sar_requests": [{"number": 1, "at": at, "by": "Ann", "received": at[:10], "for": "parent", "person": 3,
                                  "due": "2027-01-05", "status": "open"}],
                "history": [{"at": at, "by": "Ann", "event": "person-added", "person": 3}]}

    mine, theirs = side("Grace Mensah", "2026-12-05T10:00:00Z"), side("Kofi Mensah", "2026-12-05T10:05:00Z")
    merged = merge(base, mine, theirs, lambda conflict: None)
    assert merged.record is not None and merged.conflicts == []
    record = merged.record
    assert [(p["number"], p["name"]) for p in record["people"]] == [(3, "Grace Mensah"), (4, "Kofi Mensah")]
    assert {n["text"]: n["from_person"] for n in record["notes"]} == {"Grace Mensah rang": 3, "Kofi Mensah rang": 4}
    assert sorted((r["number"], r["person"]) for r in record["sar_requests"]) == [(1, 3), (2, 4)]
    assert sorted(h["person"] for h in record["history"]) == [3, 4]
