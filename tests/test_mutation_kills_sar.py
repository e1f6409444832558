"""What mutation testing of subject access found untested (docs/reliability.md, "Mutation testing"): what a
requester's copy holds and withholds (disclosure/sar.py) and the redaction of its notes (disclosure/sar_notes.py).

Each test makes the copy through `sendvault sar` on a throw-away vault, as an officer would, and reads the JSON
copy (the same document the PDF lays out); each docstring names the mutants it kills."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE_CASE, Env, audit_log, make_case, one_line_error, show
from test_consent import young_person_case
from test_people import DAD, MUM
from test_review_disclosure import notes_in
from test_sar import copy_text, ok, out  # noqa: F401 (out is a fixture)

CHILD = SAMPLE_CASE["child"]["name"]


def cover(text: str) -> dict[str, str]:
    """The copy's cover: each row's label and value."""
    return {f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]}


def seventeen(env: Env, mother: dict | None = None) -> str:
    """A 17-year-old's case; the mother rang (person 1, her relationship recorded if ``mother`` says so)."""
    case = young_person_case(17)
    if mother is not None:
        case["person"] = {**case["person"], **mother}
    return make_case(env, case)


def add_father(env: Env, cid: str, *extra: str) -> None:
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", DAD["name"], "--phone", DAD["phone"], "--from", "parent-carer", *extra)


def yp_consents(env: Env, cid: str, party: str) -> None:
    ok(env, "consent", "grant", cid, "share-information", "--party", party, "--by", "young-person")


# --- the settings: configure ------------------------------------------------------------------------------


def test_the_private_age_may_be_set_to_either_end_of_its_range(env: Env):
    """configure 3, 4 (`low < age` or `age < high`): 10 and 18, the schema's bounds, are accepted; 9 and 19 are
    not (test_sar.py)."""
    for age in (10, 18):
        ok(env, "sar-settings", "--private-age", str(age))
        assert json.loads(ok(env, "sar-settings", "--json").stdout)["private_age"] == age


# --- a young person's consent to a parent: _names_parent, young_person_consents_to_parent -------------------


def test_a_consent_to_someone_else_is_not_a_consent_to_the_parent(env: Env, out: Path):
    """_names_parent 13 (a party that is not a parent taken as one): the 17-year-old's consent to their school
    does not let the parent see their records."""
    cid = seventeen(env)
    yp_consents(env, cid, "Thistlecombe Primary School")
    text = copy_text(env, cid, "parent", out)
    assert CHILD not in text and any("16 or over" in v for v in cover(text).values())


def test_a_consent_naming_the_parent_by_name_is_theirs(env: Env, out: Path):
    """_names_parent 3-7, 10 (the requester's name not read, or a match not taken): the young person's consent to
    their mother by her name, in other letter case and spacing, lets her see their records."""
    cid = seventeen(env)
    yp_consents(env, cid, "jane  EXAMPLE")
    text = copy_text(env, cid, "parent", out)
    assert CHILD in text and "16 or over" not in text


def test_mum_or_dad_means_the_parent_whose_relationship_says_so(env: Env, out: Path):
    """_names_parent 26, 28 (the parents' recorded relationships not read, or the match turned round): both
    relationships recorded, a consent to "dad" is the father's and not the mother's."""
    cid = seventeen(env, {"relationship": "mother"})
    add_father(env, cid)
    ok(env, "note", cid, "Dad asked about transport", "--from", "3")
    yp_consents(env, cid, "dad")
    assert CHILD in copy_text(env, cid, "3", out)
    assert CHILD not in copy_text(env, cid, "1", out)


def test_a_later_consent_of_another_kind_leaves_the_young_persons_in_force(env: Env, out: Path):
    """young_person_consents_to_parent 14 (`break` for `continue`: the search stopped at the first consent that
    is not the young person's own share-information): their consent to our contacting the school, given after
    their consent to their parents, does not hide it."""
    cid = seventeen(env)
    yp_consents(env, cid, "parents")
    ok(env, "consent", "grant", cid, "contact-professional", "--party", "Thistlecombe Primary School", "--by",
       "young-person")
    assert CHILD in copy_text(env, cid, "parent", out)


def test_a_consent_of_another_kind_to_the_parents_is_not_one_to_share(env: Env, out: Path):
    """young_person_consents_to_parent 3 (`and` for `or`: any consent the young person gave, or any
    share-information consent, taken as theirs to share): their consent that we see records held by their
    parents (access-records) does not let the parents see ours."""
    cid = seventeen(env)
    ok(env, "consent", "grant", cid, "access-records", "--party", "parents", "--by", "young-person")
    assert CHILD not in copy_text(env, cid, "parent", out)


def test_someone_without_parental_responsibility_is_told_why_by_the_young_persons_consent(env: Env, out: Path):
    """young_person_consents_to_parent 20 (the requester's consent looked for by name when there is no parent to
    name: a crash): a father without parental responsibility gets his own information, because it is not his to
    have; a 17-year-old's consent to their parents does not change that, only the reason the cover gives."""
    cid = seventeen(env)
    add_father(env, cid)
    ok(env, "person", "change", cid, "3", "--parental-responsibility", "no")
    ok(env, "note", cid, "Dad asked about transport", "--from", "3")
    text = copy_text(env, cid, "3", out)
    assert CHILD not in text and "16 or over" in text
    yp_consents(env, cid, "parents")
    text = copy_text(env, cid, "3", out)
    assert CHILD not in text and "16 or over" not in text and "This copy holds your own information" in text


# --- the hint after a copy asked for without a request: _said ---------------------------------------------


def test_without_a_request_the_hint_names_the_requester_by_number_or_kind_never_by_name(env: Env, out: Path):
    """_said 1, 2, 5 (the number, or the kind word typed, not given back): the father typed by his name is named
    again as person 3; a parent the case does not name (a young person's call alone) as "parent". Never the
    name typed: it may be personal data."""
    cid = seventeen(env)
    add_father(env, cid)
    r = env.cli("sar", cid, "--for", DAD["name"], "--out", str(out / "x.json"), "--format", "json", "--plaintext")
    assert f"sar request {cid} --for 3 " in r.stderr and DAD["name"] not in r.stderr
    case = young_person_case(17)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    alone = make_case(env, case)
    r = env.cli("sar", alone, "--for", "Parent", "--out", str(out / "x.json"), "--format", "json", "--plaintext")
    assert "no open subject-access request" in one_line_error(r) and f"sar request {alone} --for parent " in r.stderr
    assert not (out / "x.json").exists()


# --- what an own-information copy says it left out: _has --------------------------------------------------


def test_an_own_information_copy_counts_the_young_persons_sections_it_leaves_out(env: Env, out: Path):
    """_has 1-5 (a section counted whether or not the case has it, or never): a 17-year-old's parent, without
    their consent, is told how many parts of the record about the young person are left out: their details, the
    profile and the case's progress (3), the shares once there is one (4), the history once it has an event (5)."""
    label = ("Withheld: Information about the young person (their details, profile, the case's progress, shares "
             "and history)")
    cid = seventeen(env)
    assert "history" not in show(env, cid) and "disclosures" not in show(env, cid)
    assert cover(copy_text(env, cid, "parent", out))[label].startswith("3 items.")
    yp_consents(env, cid, "Thistlecombe Primary School")
    ok(env, "share", cid, "--to", "Thistlecombe Primary School", "--only", "profile", "--out", str(out / "s.pdf"))
    assert cover(copy_text(env, cid, "parent", out))[label].startswith("4 items.")
    add_father(env, cid)  # an event of the history
    assert cover(copy_text(env, cid, "1", out))[label].startswith("5 items.")


# --- other people's words in notes: sar_notes.detail_words ------------------------------------------------


def test_a_short_part_of_another_parents_address_is_taken_out_of_notes(env: Env, out: Path):
    """detail_words 18 (`> 3` for `>= 3`): a part of the other parent's address of three letters (the town Ely)
    is taken out of the notes in the mother's copy, as the longer parts are."""
    cid = seventeen(env, {"relationship": "mother"})
    add_father(env, cid, "--address", "4 Elm Row, Ely")
    ok(env, "note", cid, "Dad has moved to Ely and wants the letters sent there.", "--from", "3")
    yp_consents(env, cid, "parents")
    text = copy_text(env, cid, "1", out)
    assert "Ely" not in text and "Elm Row" not in text and CHILD in text


def test_a_note_naming_no_one_else_reads_as_it_was_written(env: Env, out: Path):
    """detail_words 31 (`or` for `and`: another person's missing organisation taken as an empty word to find, which
    then matches between any two marks of punctuation): the mother's own note, which names no one else, is in her
    copy word for word."""
    cid = seventeen(env, {"relationship": "mother"})
    add_father(env, cid)
    words = "Mum rang (again). School: fine; transport -- not yet!"
    ok(env, "note", cid, words, "--from", "1")
    assert notes_in(copy_text(env, cid, "1", out)) == words


def test_the_childs_surname_stays_readable_where_the_other_parent_shares_it(env: Env, out: Path):
    """detail_words 36-38 (`or` for `and`: each word of another person's name taken out, even one the copy keeps;
    `> 3` or `>= 4` for `>= 3`): the father's first name, of three letters, is taken out of the mother's copy, but
    not the surname he shares with the child."""
    cid = seventeen(env, {"relationship": "mother"})
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Ade Example", "--from", "parent-carer")
    yp_consents(env, cid, "parents")
    ok(env, "note", cid, "Ade says Sam Example is settling in.", "--from", "1")
    notes = notes_in(copy_text(env, cid, "1", out))
    assert "Ade" not in notes and "Sam Example is settling in." in notes


# --- what a copy withholds, counted: copy_for -------------------------------------------------------------


def test_each_thing_withheld_is_counted(env: Env, out: Path):
    """copy_for 17 (a kind's count not added to: the last one's alone): two confidences of a 13-year-old are two
    items withheld from the parent's copy, and the request records every item withheld."""
    cid = make_case(env, young_person_case(13))
    for words in ("first confidence", "second confidence"):
        ok(env, "note", cid, words, "--from", "young-person", "--private")
    text = copy_text(env, cid, "parent", out)
    assert cover(text)["Withheld: Notes of what the young person told us in confidence"].startswith("2 items.")
    assert "confidence" not in notes_in(text)
    assert show(env, cid)["sar_requests"][0]["withheld"] == 2


def test_a_detail_of_the_caller_given_in_confidence_by_someone_else_is_not_in_their_copy(env: Env, out: Path):
    """copy_for 97 (the caller's own details passed over as another requester's are): a professional told us the
    mother's new address in confidence; her own copy holds her other details but not that one, and says so."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "address": "9 Quiet Lane, Exeter"}})
    ok(env, "edit", cid, "--from", "professional", "--private", "--field", "person.address")
    text = copy_text(env, cid, "parent", out)
    assert "Quiet Lane" not in text and SAMPLE_CASE["person"]["phone"] in text
    assert "Withheld: Details a professional gave us in confidence" in cover(text)


def test_the_callers_contact_preferences_are_not_named_in_another_requesters_copy(env: Env, out: Path):
    """copy_for 100, 101 (the caller's contact preferences not among what another requester's copy passes over):
    the mother asked that her preferences are kept private; the father's copy holds none of her details, and its
    cover does not list hers as withheld (that would tell him she has some)."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"},
                          "contact_preferences": {"answerphone_messages": False, "post_ok": False}})
    add_father(env, cid)
    ok(env, "edit", cid, "--from", "1", "--private", "--field", "contact_preferences")
    text = copy_text(env, cid, "3", out)
    assert not [label for label in cover(text) if label.startswith("Withheld: Details")]
    assert MUM["phone"] not in text and DAD["phone"] in text


def test_a_young_persons_private_detail_is_withheld_from_the_parent_who_did_not_call(env: Env, out: Path):
    """copy_for 111 (`break` for `continue`: the look at who provided each detail stopped at the first detail of
    who made contact, which another requester's copy passes over): the 13-year-old's school, told in confidence,
    is withheld from the father's copy as from the mother's."""
    case = young_person_case(13)
    case["child"] = {**case["child"], "school": "Wrenfield Academy"}
    case["provided"] = {"fields": {"child.school": {"from": "young-person", "private": True}}}
    cid = make_case(env, case)
    add_father(env, cid)
    for who in ("1", "3"):
        text = copy_text(env, cid, who, out)
        assert "Wrenfield" not in text and CHILD in text, who
        assert "Withheld: Details the young person gave us in confidence" in cover(text), who


def test_in_an_own_information_copy_what_the_young_person_told_us_is_theirs(env: Env, out: Path):
    """copy_for 131, 135-138 (what the young person gave us not withheld from an own-information copy, or what
    someone else gave withheld in its place): the 17-year-old gave us their mother's new phone number and a
    professional her address, neither in confidence; without the young person's consent her copy holds the
    address and not the phone number, which the cover lists as the young person's."""
    cid = seventeen(env, {"address": "9 Quiet Lane, Exeter"})
    ok(env, "edit", cid, "--from", "young-person", "--field", "person.phone")
    ok(env, "edit", cid, "--from", "professional", "--field", "person.address")
    text = copy_text(env, cid, "parent", out)
    assert SAMPLE_CASE["person"]["phone"] not in text and "Quiet Lane" in text
    assert cover(text)["Withheld: Details the young person gave us"].startswith("1 item (")


def test_what_a_removed_person_gave_is_named_as_notes_or_documents_and_the_rest_stays(env: Env, out: Path):
    """copy_for 203, 204 (notes named as documents, and the other way round; `break` for `continue`: everything
    after the first note of a removed person left out): the father, since removed from the case, left a note; the
    cover names a note, and the mother's own notes before and after it are in her copy."""
    cid = seventeen(env, {"relationship": "mother"})
    yp_consents(env, cid, "parents")
    ok(env, "note", cid, "Mum's first note", "--from", "1")
    add_father(env, cid)
    ok(env, "note", cid, "Dad's note", "--from", "3")
    ok(env, "note", cid, "Mum's second note", "--from", "1")
    ok(env, "person", "remove", cid, "3")
    text = copy_text(env, cid, "parent", out)
    assert notes_in(text) == "Mum's first note Mum's second note"
    rows = cover(text)
    assert rows["Withheld: Notes given by someone no longer part of the case"].startswith("1 item.")
    assert "Withheld: Documents given by someone no longer part of the case" not in rows


def test_an_own_information_copy_names_the_notes_it_leaves_out_by_its_reason(env: Env, out: Path):
    """copy_for 208, 211-214 (the kind of what was left out missing, or the wrong one): a copy of the requester's
    own information because the rest is not theirs (a father without parental responsibility, of a 13-year-old)
    names "Notes"; one because the young person is 17 and has not agreed names "Notes about the young person"."""
    cid = seventeen(env)
    ok(env, "note", cid, "Sam wants to choose the college", "--from", "young-person")
    ok(env, "note", cid, "Mum asked about transport", "--from", "1")
    assert cover(copy_text(env, cid, "1", out))["Withheld: Notes about the young person"].startswith("1 item.")
    cid = make_case(env, young_person_case(13))
    ok(env, "note", cid, "Sam wants to choose the school", "--from", "young-person")
    ok(env, "note", cid, "Mum asked about transport", "--from", "1")
    add_father(env, cid)
    ok(env, "person", "change", cid, "3", "--parental-responsibility", "no")
    ok(env, "note", cid, "Dad asked about the review", "--from", "3")
    rows = cover(copy_text(env, cid, "3", out))
    assert rows["Withheld: Notes"].startswith("2 items.") and "Withheld: Notes about the young person" not in rows


def test_the_requesters_own_name_stays_readable_in_their_copys_notes(env: Env, out: Path):
    """copy_for 272, 273 (the redaction told that who made contact, not the requester, is the family's own): the
    father's name in a note stays readable in his own copy; the mother's is taken out of it."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Tomasz Nowak", "--from", "parent-carer")
    ok(env, "note", cid, f"Mr Tomasz Nowak rang about the review; {MUM['name']} had not told him.", "--from", "3")
    notes = notes_in(copy_text(env, cid, "3", out))
    assert "Mr Tomasz Nowak rang about the review" in notes and "Grace" not in notes


def test_another_parents_phone_written_otherwise_is_taken_out_of_notes(env: Env, out: Path):
    """copy_for 278, 279 (the redaction told that everyone in the case is the family's own): the father's phone
    number, written in a note otherwise than as recorded, is taken out of the mother's copy."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    add_father(env, cid)
    ok(env, "note", cid, "Dad's new number is +44 7700 900522, mum says.", "--from", "1")
    notes = notes_in(copy_text(env, cid, "1", out))
    assert "900522" not in notes and "Dad's new number is" in notes


def test_an_own_information_copy_names_the_documents_it_leaves_out(env: Env, out: Path):
    """copy_for 282 (the kind of document left out missing): the 17-year-old's own document, in their parent's
    copy without their consent, is listed as "Documents about the young person"."""
    cid = seventeen(env)
    letter = out.parent / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\\n% college offer\\n%%EOF\\n")
    ok(env, "attach", cid, str(letter), "--title", "College offer", "--from", "young-person")
    text = copy_text(env, cid, "parent", out)
    assert cover(text)["Withheld: Documents about the young person"].startswith("1 item.")
    assert "College offer" not in text

def _officers_letter_withheld_from(env: Env, cid: str, who: str, out: Path) -> None:
    """A letter the officer filed for the case is left out of ``who``'s copy and counted on its cover."""
    letter = out.parent / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% a letter to the family\n%%EOF\n")
    ok(env, "attach", cid, str(letter), "--title", "Letter to the family")
    text = copy_text(env, cid, who, out)
    assert cover(text)["Withheld: Documents that may hold other people's details"].startswith("1 item.")
    assert "Letter to the family" not in text


def test_a_document_the_young_person_did_not_give_is_not_in_their_copy(env: Env, out: Path):
    """copy_for 300 (documents others gave kept from a copy only when given by another adult of the case): a
    letter the officer filed (it may hold the parent's details: it cannot be redacted) is left out of the
    13-year-old's own copy, and listed for review with them."""
    cid = make_case(env, young_person_case(13))
    _officers_letter_withheld_from(env, cid, "young-person", out)


def test_a_document_a_parent_did_not_give_is_not_in_their_copy_beside_another_adult(env: Env, out: Path):
    """copy_for 301, 302 (documents others gave kept from a parent's copy only when given by another adult): with
    two parents in the case, a letter the officer filed may hold the mother's address: not in the father's copy."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    add_father(env, cid)
    _officers_letter_withheld_from(env, cid, "3", out)


def test_an_own_information_copy_holds_the_requesters_own_consents(env: Env, out: Path):
    """copy_for 346 (no consents at all in an own-information copy): the 13-year-old refused that their records
    are seen; their mother's copy still holds the consent she gave us to share with the school."""
    cid = make_case(env, young_person_case(13))
    ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe Primary School", "--by",
       "parent-carer")
    ok(env, "consent", "refuse", cid, "see-records")
    doc = json.loads(copy_text(env, cid, "parent", out))
    (consents,) = [s for s in doc["sections"] if s["name"] == "consents"]
    assert "Thistlecombe Primary School" in json.dumps(consents["entries"]) and CHILD not in json.dumps(doc)


def test_another_parents_consents_are_named_on_the_cover_and_counted(env: Env, out: Path):
    """copy_for 420, 425 (the words naming them changed; the consents kept added to the count, not taken from
    it): the mother's consent to a refuge, and the share made on it, are two items left out of the father's copy,
    under their own words on the cover; the young person's consent, which his copy keeps, is not counted."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    add_father(env, cid)
    yp_consents(env, cid, "the school nurse")
    ok(env, "consent", "grant", cid, "share-information", "--party", "Riverside Refuge", "--by", "parent-carer")
    ok(env, "share", cid, "--to", "Riverside Refuge", "--only", "profile", "--out", str(out / "refuge.pdf"))
    text = copy_text(env, cid, "3", out)
    label = "Withheld: Consents another parent or carer gave, and what was shared on them"
    assert cover(text)[label].startswith("2 items.") and "Refuge" not in text


# --- the copy's "your details": _own_details -------------------------------------------------------------


def section(text: str, name: str) -> list[tuple[str, str]]:
    """A part of the copy, as its rows (label, value): a section's fields, or each entry's."""
    (s,) = [s for s in json.loads(text)["sections"] if s["name"] == name] or [{}]
    return [(f["label"], f["value"]) for f in s.get("fields", ())] + \
        [(f["label"], f["value"]) for e in s.get("entries", ()) for f in e.get("fields", ())]


def test_who_made_contacts_preferences_are_not_in_another_requesters_copy(env: Env, out: Path):
    """_own_details 12, 15, 16, 47-55 (who made contact's contact preferences left in the copy; the requester's
    own not put in): the mother rang and asked that no post is sent to her; the father's copy holds no contact
    preferences, hers or any (he gave none), and his own once he gives them."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"},
                          "contact_preferences": {"answerphone_messages": False, "post_ok": False}})
    add_father(env, cid)
    assert section(copy_text(env, cid, "1", out), "contact-preferences")
    assert section(copy_text(env, cid, "3", out), "contact-preferences") == []
    ok(env, "person", "change", cid, "3", "--post", "yes")
    assert [v for _, v in section(copy_text(env, cid, "3", out), "contact-preferences")] == ["Yes"]


def test_the_requesters_own_relationship_and_organisation_are_in_their_details(env: Env, out: Path):
    """_own_details 32-45 (one of the requester's details left out of "your details"): the father's copy holds
    each of his, and says he is the father; a professional's, the organisation they work for and their job, and
    nothing of the child (_own_only 6, 7, 50, 52-56: someone who is not a parent taken as one)."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    add_father(env, cid, "--email", DAD["email"], "--address", DAD["address"], "--postcode", DAD["postcode"])
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Ade Okafor", "--organisation",
       "Riverside Academy", "--job", "SENCo", "--from", "professional")
    ok(env, "note", cid, "Mr Okafor asked what we hold about him", "--from", "4")
    his = section(copy_text(env, cid, "3", out), "caller")
    assert ("Your relationship to the child", "father") in his and set(DAD.values()) <= {v for _, v in his}
    text = copy_text(env, cid, "4", out)
    mine = dict(section(text, "caller"))
    assert "Riverside Academy" in mine.values() and "SENCo" in mine.values() and CHILD not in text


def test_a_copy_is_made_where_who_made_contact_gave_no_details(env: Env, out: Path):
    """_own_details 9 (who made contact's details taken out of another requester's copy as if always recorded: a
    crash where there are none): the mother rang without giving her details; the 13-year-old's own copy is made,
    and holds no one's contact details."""
    case = young_person_case(13)
    del case["person"]
    cid = make_case(env, case)
    text = copy_text(env, cid, "young-person", out)
    assert CHILD in text and section(text, "caller") == []


# --- other people in notes: sar_notes.redacted, others_removed --------------------------------------------

REDACTED = "Withheld: Other people's names and details in notes (redacted)"


def test_other_people_the_engine_finds_are_replaced_and_counted_and_the_family_and_officers_stay(env: Env,
                                                                                                  out: Path):
    """redacted 4, 6-8, 10, 12, 13, 27, 28, 33-42, 46, 52-54 (the officers not known to the engine; a surname named bare not
    learnt from the notes before; the replacements after the family's first, or one of them, left out or
    miscounted; the text around them lost or doubled; the cover's words changed): two professionals the case
    does not record, one named by his first name alone in an earlier note, are replaced in the mother's copy, and counted
    one for each time they are named; her name, her e-mail address, a date, a place and the officer's name stay
    readable."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    env.new_officer("Priya Raman")
    ok(env, "note", cid, "Tobenna phoned. Priya Raman will write to the school.")
    ok(env, "note", cid, f"{MUM['name']} rang; Dr Tobenna Okonjo at the clinic will write, and Dr Tom Hale.", "--from",
       "1")
    ok(env, "note", cid, f"Write to {MUM['email']} after 3 March at Exeter.", "--from", "1")
    text = copy_text(env, cid, "1", out)
    assert notes_in(text) == ("[PERSON 1] phoned. Priya Raman will write to the school. "
                              f"{MUM['name']} rang; [PERSON 1] at the clinic will write, and [PERSON 2]. "
                              f"Write to {MUM['email']} after 3 March at Exeter.")
    assert cover(text)[REDACTED].startswith("3 items. Other people are named in our notes.")


def test_what_the_case_records_of_each_other_person_now_and_before_is_taken_out_of_notes(env: Env, out: Path):
    """others_removed 18, 19, 24-41, 47, 52, 77-87, detail_words 6, 30 (the words of only the last person, or none;
    another parent's words as they were before a change not read, or the requester's own read in their place;
    a word written in other letter case missed; the cover's words changed; a missing detail taken as the word
    XXXX): the father moved from Taunton to Ely, and a professional named after him moved from Riverside Academy; the
    mother's copy takes the old town and the new one, and the old school, out of her note, in any letter case,
    and counts them; the father's own copy keeps both towns."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    add_father(env, cid, "--address", "4 Elm Row, Taunton")
    ok(env, "person", "change", cid, "3", "--address", "9 Mill Lane, Ely")
    ok(env, "person", "add", cid, "--role", "professional", "--organisation", "Riverside Academy", "--from",
       "professional")
    ok(env, "person", "change", cid, "4", "--organisation", "Hillside College")
    ok(env, "note", cid, "Dad moved from TAUNTON to ely; the letter ref is XXXX. Riverside rang.", "--from", "1")
    text = copy_text(env, cid, "1", out)
    assert notes_in(text) == "Dad moved from (withheld) to (withheld); the letter ref is XXXX. (withheld) rang."
    rows = [label for label in cover(text) if label.startswith("Withheld")]
    assert rows == [REDACTED] and cover(text)[REDACTED].startswith("3 items. Other people are named")
    ok(env, "note", cid, "I moved from Taunton to Ely in May.", "--from", "3")
    assert "I moved from Taunton to Ely in May." in notes_in(copy_text(env, cid, "3", out))


def test_a_name_is_taken_out_whole_before_its_parts(env: Env, out: Path):
    """others_removed 55, 56, 59, 60 (the words found shortest first: the first name taken out of a full name
    before the whole, leaving a surname too short to be a word of its own, Ng): the father, Kim Ng, written in
    lower case (which the redaction engine does not take for a name) in the mother's note, is taken out whole."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"}})
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Kim Ng", "--from", "parent-carer")
    ok(env, "note", cid, "mum says kim ng has moved; kim is well.", "--from", "1")
    assert notes_in(copy_text(env, cid, "1", out)) == "mum says (withheld) has moved; (withheld) is well."


# --- why a copy holds the requester's own information only: _own_only --------------------------------------


def test_a_young_person_of_unknown_age_or_known_only_by_age_band_is_taken_as_possibly_16(env: Env, out: Path):
    """_own_only 26-37 (a case taken as about a young person only if it records both the child and an age band,
    or only by one of them): a young person whose date of birth and age band we do not know, and one we know only
    by the age band 16-18, may be of their own consent age: their parent's copy holds the parent's own
    information only."""
    profile = {k: v for k, v in SAMPLE_CASE["profile"].items() if k not in ("age_band", "school_phase")}
    cid = make_case(env, {**SAMPLE_CASE, "child": {"name": CHILD}, "profile": profile})
    ok(env, "note", cid, "Sam wants to choose the college", "--from", "young-person")
    text = copy_text(env, cid, "parent", out)
    assert CHILD not in text and "college" not in text and any("16 or over" in v for v in cover(text).values())
    case = {k: v for k, v in young_person_case(17).items() if k != "child"}
    cid = make_case(env, case)
    ok(env, "note", cid, "Wants to choose the college", "--from", "young-person")
    text = copy_text(env, cid, "parent", out)
    assert "college" not in text and any("16 or over" in v for v in cover(text).values())


# --- a request recorded before people were numbered: request_is_theirs ------------------------------------


def test_a_request_recorded_before_people_were_numbered_is_answered_for_whom_it_was(env: Env, out: Path):
    """request_is_theirs (a request recorded by kind alone, as before people were numbered, taken as anyone's,
    or as no one's): the 13-year-old rang us alone; a parent the case does not name asks, and is answered; a father
    was added; their requests, recorded by kind,
    are the young person's and the one parent's. Once a second parent is added, a parent's request recorded by
    kind is neither's: each is asked to make their own; one recorded now, by number, is that person's. Where the
    mother made contact, a parent's request by kind is hers."""
    from conftest import core_vault

    case = young_person_case(13)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {
        "caller": "young-person"}
    cid = make_case(env, case)
    ok(env, "sar", "request", cid, "--for", "parent")  # a parent the case does not name: by kind, even now
    ok(env, "sar", cid, "--for", "parent", "--out", str(out / "p.json"), "--format", "json", "--plaintext")
    add_father(env, cid)

    def unnumbered(record: dict) -> None:  # as written before issue 23
        for r in record["sar_requests"]:
            r.pop("person", None)

    for who in ("parent", "young-person"):
        ok(env, "sar", "request", cid, "--for", who)
    core_vault(env).update_case(cid, unnumbered, "test")
    for who, number in (("1", 3), ("3", 2)):
        ok(env, "sar", cid, "--for", who, "--out", str(out / f"{who}.json"), "--format", "json", "--plaintext")
        assert show(env, cid)["sar_requests"][number - 1]["status"] == "completed", who
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "mother", "--parental-responsibility",
       "yes", "--name", MUM["name"], "--from", "parent-carer")
    ok(env, "sar", "request", cid, "--for", "4")
    core_vault(env).update_case(cid, unnumbered, "test")
    for who in ("3", "4"):
        r = env.cli("sar", cid, "--for", who, "--out", str(out / "x.json"), "--format", "json", "--plaintext")
        assert f"no open subject-access request from person {who}" in one_line_error(r), who
    assert not (out / "x.json").exists()
    ok(env, "sar", "request", cid, "--for", "4")  # numbered, as now: the mother's, who did not make contact
    ok(env, "sar", cid, "--for", "4", "--out", str(out / "4.json"), "--format", "json", "--plaintext")
    cid = make_case(env)  # the mother rang: a parent's request by kind is hers, not the father's added since
    ok(env, "sar", "request", cid, "--for", "parent")
    core_vault(env).update_case(cid, unnumbered, "test")
    add_father(env, cid)
    r = env.cli("sar", cid, "--for", "3", "--out", str(out / "x.json"))
    assert "no open subject-access request" in one_line_error(r)
    ok(env, "sar", cid, "--for", "1", "--out", str(out / "m.json"), "--format", "json", "--plaintext")


def test_the_childs_name_and_school_stay_readable_where_another_person_shares_them(env: Env, out: Path):
    """others_removed 5-10 (the words of the child's name, or of their school, not kept; kept for the wrong
    people): the father shares the child's surname, and a professional works at the child's school; the
    mother's copy takes out the father's first name, and keeps the child's name and school."""
    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"},
                          "child": {**SAMPLE_CASE["child"], "school": "Wrenfield Academy"}})
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--name", "Ade Example",
       "--from", "parent-carer")
    ok(env, "person", "add", cid, "--role", "professional", "--organisation", "Wrenfield Academy", "--from", "1")
    ok(env, "note", cid, "ade thinks Sam Example is settling in at Wrenfield.", "--from", "1")
    assert notes_in(copy_text(env, cid, "1", out)) == "(withheld) thinks Sam Example is settling in at Wrenfield."


def test_the_officer_is_told_why_no_copy_was_made(env: Env, out: Path):
    """unconfirmed_reason 21 (the own consent age left out of the officer's words): a parent who gave us nothing
    asks about a 17-year-old who rang alone; the refusal says the young person is 16 or over."""
    case = young_person_case(17)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {
        "caller": "young-person"}
    cid = make_case(env, case)
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "x.json"), "--format", "json", "--plaintext")
    assert "no copy was made: the young person is 16 or over and has not agreed" in one_line_error(r)


def test_a_young_persons_consent_to_a_parent_is_looked_for_as_to_any_parent_when_someone_else_asks(env: Env,
                                                                                                    out: Path):
    """_own_only 43 (the young person's consent to a parent looked for as one to whoever asks: a professional's
    name, not a parent's): a 17-year-old agreed that their mum sees their records; the professional who asks what
    we hold about him is given his own information because the young person's is not his to have, not because
    they are 16 or over and have not agreed (which they have, to their mum). Before the consent, that is why."""
    cid = seventeen(env, {"relationship": "mother"})
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Ade Okafor", "--organisation",
       "Riverside Academy", "--from", "professional")
    ok(env, "note", cid, "Mr Okafor asked what we hold about him", "--from", "3")
    text = copy_text(env, cid, "3", out)
    assert CHILD not in text and any("16 or over" in v for v in cover(text).values())
    yp_consents(env, cid, "mum")
    text = copy_text(env, cid, "3", out)
    assert CHILD not in text and "16 or over" not in text and "This copy holds your own information" in text
    assert CHILD in copy_text(env, cid, "1", out)  # the consent is the mother's


# --- tonight's run: the exceptions to confidentiality (copy_for's last statements) -------------------------


def test_an_exception_the_parent_was_told_of_stays_in_their_copy_and_only_the_other_is_left_out(env: Env,
                                                                                                out: Path):
    """copy_for 436 (every exception to confidentiality taken as one the parent was not told of) and 464 (the
    shares the copy keeps added to the count left out, not taken from it): two decisions, the parent told of the
    one to the police and not of the one to children's social care. The share to the police is in the parent's
    copy and on its cover; the other decision and its share, two items, are left out, not listed, and counted."""
    cid = make_case(env, young_person_case(13))
    for party, told in (("Devon Police", ("yes",)), ("children's social care", ("no", "--why-not", "a risk"))):
        ok(env, "breach", cid, "--reason", "crime", "--approved-by", "Ann", "--to", party, "--only", "child",
           "--account", f"MARKER-ACCOUNT {party}", "--told-parent", *told)
        ok(env, "share", cid, "--to", party, "--only", "child", "--out", str(out / f"{told[0]}.pdf"))
    ok(env, "sar", "request", cid, "--for", "parent")
    r = ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.json"), "--format", "json", "--plaintext")
    assert "also left out, and not listed on the cover: 2 item(s)" in r.stderr
    text = (out / "copy.json").read_text(encoding="utf-8")
    assert cover(text)["Who we shared them with"].startswith("Devon Police, on ")
    assert "social care" not in text and "MARKER-ACCOUNT" not in text
    assert show(env, cid)["sar_requests"][0]["withheld"] == 2


# --- tonight's run: --for and --format on the command line: check_for, check_format --------------------------


def test_a_request_or_copy_without_for_is_refused_in_words(env: Env, out: Path):
    """check_for 3 (no --for taken as a person's name, "XXXX", looked for in the case): `sar request` and `sar`
    without --for are told that --for is needed, and what it may be; nothing is recorded or written."""
    cid = make_case(env)
    assert "--for must be parent, young-person" in one_line_error(env.cli("sar", "request", cid))
    assert "sar_requests" not in show(env, cid)
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.cli("sar", cid, "--out", str(out / "x.json"), "--format", "json", "--plaintext")
    assert "--for must be parent, young-person" in one_line_error(r) and r.exit_code == 2
    assert list(out.iterdir()) == [] and show(env, cid)["sar_requests"][0]["status"] == "open"


def test_the_pdf_copy_is_never_taken_for_an_unprotected_one(env: Env, out: Path):
    """check_format 15, 16 (the PDF's kind misspelt in the check that --plaintext goes with the unprotected
    formats only): `sar --plaintext` without --format, or with --format pdf, is refused (the PDF is always
    protected): no file, the request still open."""
    cid = make_case(env)
    ok(env, "sar", "request", cid, "--for", "parent")
    for fmt in ((), ("--format", "PDF")):
        r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"), "--plaintext", *fmt)
        assert "--plaintext goes with --format html, md or json" in one_line_error(r) and r.exit_code == 2, fmt
    assert list(out.iterdir()) == [] and show(env, cid)["sar_requests"][0]["status"] == "open"


def test_an_empty_format_is_the_protected_pdf(env: Env, out: Path):
    """check_format 5 (the default format, "pdf", misspelt): `--format ""` (a script's empty variable) makes the
    password-protected PDF, as no --format does; it is neither refused nor unprotected. (6, "PDF", is lowered
    to "pdf": the same.)"""
    cid = make_case(env)
    ok(env, "sar", "request", cid, "--for", "parent")
    r = ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"), "--format", "")
    assert (out / "copy.pdf").read_bytes().startswith(b"%PDF") and "password" in r.stderr.lower()
    assert show(env, cid)["disclosures"][-1]["output"] == "pdf-password"


# --- tonight's run: recording a request: request, due_date, requester, check_for, requests, open_requests ----


def test_a_request_is_numbered_dated_due_and_whose_it_says(env: Env, out: Path):
    """request 1-62, due_date 1-25, requester 1-13, check_for 1, 2, 4-7, requests 1-5, open_requests 1-6 (the
    request's parts, its number, its due date, whose it is, the kind typed in any letter case, the date it was
    received, its audit entry; the open ones among them): four requests, each numbered after the last, received
    on a day of December (due in January of the next year), on 31 January of a leap year and of another (due on
    the last day of February), and today (the default; a request received today is not in the future), for the
    parent typed "  Parent ", the young person, and person 1 by number (and, last, person 2 by number: the
    young person, not taken as a kind word). A copy answers the parent's first open
    request, and then the next; with none left, none is made."""
    cid = make_case(env)
    ok(env, "sar", "request", cid, "--for", "  Parent ", "--received", "15/12/2025")
    ok(env, "sar", "request", cid, "--for", "YOUNG-PERSON", "--received", "31/01/2024")
    r = ok(env, "sar", "request", cid, "--for", "1", "--received", "31/01/2025")
    assert "subject-access request 3 from person 1 (the parent or carer) recorded; received 2025-01-31, due " \
           "2025-02-28" in r.stderr
    ok(env, "sar", "request", cid, "--for", "young-person")
    recorded = show(env, cid)["sar_requests"]
    today = recorded[3]["at"][:10]
    assert [(q["number"], q["for"], q.get("person"), q["received"], q["due"], q["status"], q["by"])
            for q in recorded[:3]] == [(1, "parent", 1, "2025-12-15", "2026-01-15", "open", "Ann"),
                                       (2, "young-person", 2, "2024-01-31", "2024-02-29", "open", "Ann"),
                                       (3, "parent", 1, "2025-01-31", "2025-02-28", "open", "Ann")]
    assert (recorded[3]["number"], recorded[3]["person"], recorded[3]["received"]) == (4, 2, today)
    assert [e["case"] for e in audit_log(env) if e["command"] == "sar request"] == [cid] * 4
    for answered in (1, 3):
        r = ok(env, "sar", cid, "--for", "parent", "--out", str(out / f"{answered}.json"), "--format", "json",
               "--plaintext")
        assert f"subject-access request {answered} answered" in r.stderr
    assert [q["status"] for q in show(env, cid)["sar_requests"]] == ["completed", "open", "completed", "open"]
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "none.json"), "--format", "json", "--plaintext")
    assert "no open subject-access request" in one_line_error(r) and not (out / "none.json").exists()
    ok(env, "sar", "request", cid, "--for", "2")  # the young person by number, not a kind word
    assert (show(env, cid)["sar_requests"][-1]["for"], show(env, cid)["sar_requests"][-1]["person"]) == ("young-person", 2)
