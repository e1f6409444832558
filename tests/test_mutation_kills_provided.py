"""What mutation testing of provided.py found untested (docs/reliability.md, "Mutation testing"):
who gave the intake's answers kept through a withdrawal of permission to keep personal details,
and the edit that marks the fields it changes.

``edit`` needs a terminal, so its tests run sendvault in a subprocess, which mutmut does not trace:
the mutants of ``after_edit`` and ``changed`` were never given those tests. They are collected here
too, so that ``bench/mutation.py --recheck provided`` (which switches a mutant on for subprocesses
as well) runs them against each of those mutants."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE_CASE, Env, make_case, show

PRIVATE_SCHOOL = {"child.school": {"from": "young-person", "private": True}}


def ok(env: Env, *args: str):
    r = env.cli(*args)
    assert r.exit_code == 0, r.stderr
    return r


def test_who_gave_the_answers_outlasts_the_fields_a_withdrawal_removes(env: Env):
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"from": "young-person", "fields": PRIVATE_SCHOOL}})
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert show(env, cid)["provided"] == {"from": "young-person"}
    # With no field entries to begin with.
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"from": "young-person"}})
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert show(env, cid)["provided"] == {"from": "young-person"}
    ok(env, "verify")


def test_edit_field_adds_to_who_provided_what_already_recorded(env: Env):
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"fields": PRIVATE_SCHOOL}})
    r = ok(env, "edit", cid, "--from", "professional", "--field", "profile.primary_need")
    assert "unchanged" not in r.stderr
    assert show(env, cid)["provided"] == {"fields": {**PRIVATE_SCHOOL, "profile.primary_need": {"from": "professional"}}}
    # The same again changes nothing, and says so.
    r = ok(env, "edit", cid, "--from", "professional", "--field", "profile.primary_need")
    assert "unchanged; that was recorded already" in r.stderr


# Last, so that the quick tests above kill what they can first (the recheck stops at the first failure).
from test_sar import out, test_edit_from_marks_the_fields_it_changes  # noqa: E402, F401 (collected here too)


def test_a_persons_number_from_1_is_a_provider_and_0_is_refused(env: Env):
    """check 7, 8, 9 (a number taken for one of the case's people only from 2, or read wrongly): person 1, who
    made contact, is a provider by number like any other; 0 is no one's number."""
    cid = make_case(env)
    ok(env, "note", cid, "said by who made contact", "--from", "1")
    [note] = show(env, cid)["notes"]
    assert (note["from"], note.get("from_person")) == ("parent-carer", 1)
    r = env.cli("note", cid, "said by no one", "--from", "0")
    assert r.exit_code == 2 and r.stderr.startswith("sendvault: error: --from must be")
    assert len(show(env, cid)["notes"]) == 1


def test_a_field_marked_as_one_parents_keeps_their_number_where_the_role_says_no_more(env: Env):
    """mark 5, 29, 30, 31 (the person's number not recorded) and tidy 39, 40 (an entry dropped as saying no more
    than the default, the caller's role, though it names which of two parents gave it): the father's school
    answer stays his, person 3's, in a case where the mother made contact."""
    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Tom Example")
    ok(env, "edit", cid, "--from", "3", "--field", "child.school")
    assert show(env, cid)["provided"]["fields"]["child.school"] == {"from": "parent-carer", "from_person": 3}


@pytest.mark.parametrize("entry, words", [
    ({"child.year_group": {"from": "young-person"}},
     "the details someone else provided or asked not to be shared name child.year_group, which the record does not hold"),
    ({"child.school": {"from": "officer", "private": True}},
     "child.school cannot be private: it is the officer's own (say who provided it)")])
def test_an_intake_naming_a_field_it_lacks_or_an_officers_confidence_is_refused_in_one_line_each(env: Env, entry, words):
    """problems 16, 17, 19, 20, 33, 34 (the problem's place or its label read wrongly: a place the intake does not
    know does not stand for the schema's own words on it, which then came twice, or the label came out as a
    code). Each problem is said once, in words."""
    from conftest import intake_text

    r = env.cli("intake", "--from", "-", input=intake_text({**SAMPLE_CASE, "provided": {"fields": entry}}))
    assert r.exit_code == 1, r.stderr
    assert r.stderr.splitlines() == ["sendvault: error: the intake has 1 problem(s); nothing was written", f"  - {words}"]


def test_a_copy_says_where_its_information_came_from(env: Env, tmp_path):
    """default 2, 4 to 8 (who gave the intake's answers, ``provided.from``, not read: the caller's role taken
    instead) and note_provider 2, 4, 7, 8 (an officer's own note, which records no provider, counted as from no
    one): a subject-access copy's "Where the information came from" names the young person who gave the
    answers while a parent rang, and the officer's own notes as our staff's."""
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"from": "young-person"}})
    ok(env, "note", cid, "rang the school back")
    ok(env, "sar", "request", cid, "--for", "young-person")
    target = tmp_path / "copy.md"
    ok(env, "sar", cid, "--for", "young-person", "--out", str(target), "--format", "md", "--plaintext")
    text = " ".join(target.read_text(encoding="utf-8").split())
    assert "came from | The young person; our own staff, from what they did and were told\\. |" in text


def test_an_edit_from_one_of_the_case_people_marks_what_it_changes_as_theirs(env: Env):
    """after_edit 24, 29 (the person's number not passed on): ``edit --from 3`` in the editor marks the field it
    changes as from person 3, the father, not from parents in general. ``edit`` needs a terminal: a subprocess.
    Written for the mutants, it found a **bug**: no case with a person added could be edited in the editor at
    all (its people, numbered and dated as added, were read as intake's [[people]]: "unknown field 'number'")."""
    from test_edit import editor
    from test_sar import tty_run

    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Tom Example")
    editor(env, "path.write_text(text.replace('Example Hill Primary School', 'Riverside Academy'))\n")
    r = tty_run(env, "edit", cid, "--from", "3", timeout=60)
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["provided"]["fields"]["child.school"] == {"from": "parent-carer", "from_person": 3}


def test_show_lists_each_detail_asked_not_to_be_shared_one_inside_a_detail_too(env: Env, tmp_path):
    """private_fields 1 to 8 (the list of what was asked not to be shared made None, given no record or no path, or
    its entries lost: show crashed, or listed nothing) and paths 2 (a detail inside a detail, the confidentiality
    policy's version inside contact.policy_explained, walked as one: a confidence on it missed, by show and by the
    copy, which then gave it to the parent). show lists nothing until something is asked not to be shared, then
    each such detail with who gave it; the mother's copy leaves the professional's out."""
    cid = make_case(env)
    assert "asked not to be shared" not in ok(env, "show", cid).stdout
    ok(env, "edit", cid, "--from", "young-person", "--private", "--field", "child.school")
    ok(env, "edit", cid, "--from", "professional", "--private", "--field", "contact.policy_explained.version")
    text = " ".join(ok(env, "show", cid).stdout.replace("│", " ").split())
    panel = text.partition("asked not to be shared (left out of others' subject-access copies)")[2]
    rows = panel.lstrip(" ─╮").partition("╰")[0].strip()
    assert rows == ("Version of the confidentiality policy explained from a professional "
                    "Child's school or setting from the young person")
    ok(env, "sar", "request", cid, "--for", "parent")
    target = tmp_path / "copy.json"
    ok(env, "sar", cid, "--for", "parent", "--out", str(target), "--format", "json", "--plaintext")
    copy = json.loads(target.read_text(encoding="utf-8"))
    [first] = [s for s in copy["sections"] if s["name"] == "first-contact"]
    labels = [f["label"] for f in first["fields"]]
    assert "Version of the confidentiality policy explained" not in labels and "Date of first contact" in labels


def test_each_parents_copy_holds_what_they_gave_in_confidence_and_not_the_others(env: Env, tmp_path):
    """source_person 32, 33, 34 (which of the case's people provided a detail not read: with two parents, a
    parent's word is then neither's, and each parent's own confidence is withheld from their own copy as from the
    other's): the mother gave the child's school in confidence, the father the child's date of birth; each one's
    copy holds what they gave and withholds what the other gave, counted as someone else's confidence."""
    from test_mutation_kills_sar import add_father, cover, section
    from test_people import MUM

    cid = make_case(env, {**SAMPLE_CASE, "person": {**MUM, "relationship": "mother"},
                          "child": {**SAMPLE_CASE["child"], "school": "Wrenfield Academy"}})
    add_father(env, cid)
    ok(env, "edit", cid, "--from", "1", "--private", "--field", "child.school")
    ok(env, "edit", cid, "--from", "3", "--private", "--field", "child.date_of_birth")
    for who, mine, theirs in (("1", "Child's school or setting", "the child's date of birth"),
                              ("3", "Child's date of birth", "the child's school or setting")):
        ok(env, "sar", "request", cid, "--for", who)
        target = tmp_path / f"{who}.json"
        ok(env, "sar", cid, "--for", who, "--out", str(target), "--format", "json", "--plaintext")
        text = target.read_text(encoding="utf-8")
        assert [label for label, _ in section(text, "child")] == ["Child's name", mine], who
        withheld = {k: v for k, v in cover(text).items() if k.startswith("Withheld")}
        assert withheld == {"Withheld: Details someone else gave us in confidence":
                            f"1 item ({theirs}). Someone else told us this in confidence and asked that it is not "
                            "shared."}, who


def test_a_copy_says_who_gave_the_answers_when_who_made_contact_is_withheld_from_it(env: Env, tmp_path):
    """caller 8, 10, 14, 15 (the provider when the caller's role is unknown, "officer", made None or another word):
    called unreachable, the case schema requiring contact.caller; but a copy's own record is the case's less what
    it withholds, and the cover's "Where the information came from" read who gave the answers from it. A
    professional asked that what they told us of the first contact (who made contact among it) is not shared: the
    mother's copy then said her own answers came from "our own staff". A **bug**, fixed (sar.py: the copy's record
    says who gave the answers outright); the mutants are unreachable again."""
    cid = make_case(env)
    ok(env, "edit", cid, "--from", "professional", "--private", "--field", "contact")
    ok(env, "sar", "request", cid, "--for", "parent")
    target = tmp_path / "copy.json"
    ok(env, "sar", cid, "--for", "parent", "--out", str(target), "--format", "json", "--plaintext")
    copy = json.loads(target.read_text(encoding="utf-8"))
    rows = {f["label"]: f["value"] for s in copy["sections"] for f in s.get("fields", ())}
    assert rows["Where the information came from"] == "The parent or carer."
    assert rows["Withheld: Details a professional gave us in confidence"].startswith("8 items (")
    assert SAMPLE_CASE["child"]["name"] in target.read_text(encoding="utf-8")


def test_intakes_summary_says_each_detail_asked_not_to_be_shared_and_who_asked(env: Env):
    """private_fields 1 to 8, through ``intake`` on a terminal (its summary before saving; a subprocess, which
    mutmut does not trace): the young person who rang asked that their school and phone are kept from their
    parent; the summary lists each, with who asked, and nothing else as not to be shared."""
    from test_intake_interactive import (P_ADDRESS, P_ANON, P_ANSWERPHONE, P_COPY, P_DOB, P_EMAIL, P_ETHNICITY,
                                         P_FAMILY, P_HEARD, P_ISSUES, P_KEPT, P_LEVEL, P_LOCALITY, P_NEED, P_PHASE,
                                         P_PHONE, P_POLICY, P_POSTCODE, P_RECORD, P_SAVE, P_SCHOOL, P_SEN,
                                         P_SUPPORT, P_WHICH, P_WORK, Call, opening, printed_id)
    from test_intake_interactive import P_CALLER as P_WHO

    call = Call(env)
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"), (P_WHO, "young-person"),
                 (P_HEARD, ""), ("Young person's name", "Sam Tester"), (P_ADDRESS, ""), (P_POSTCODE, ""),
                 (P_PHONE, "07700 900456"), (P_EMAIL, ""), (P_DOB, "2012-03-09"), (P_SCHOOL, "Wrenfield Academy"),
                 (P_WORK, "n"), (P_ANSWERPHONE, "n"), (P_FAMILY, "n"), (P_PHASE, ""), (P_SEN, ""), (P_NEED, ""),
                 (P_ETHNICITY, ""), (P_LOCALITY, ""), (P_ISSUES, ""), (P_SUPPORT, ""), (P_LEVEL, ""), (P_KEPT, "y"),
                 (P_WHICH, "child.school, person.phone"))
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    summary = call.transcript.rpartition(P_WHICH)[2].partition(P_SAVE)[0]
    rows = [" ".join(line.split()) for line in summary.splitlines() if line.strip().startswith("Not to be shared")]
    assert rows == ["Not to be shared Caller's phone number (from the young person)",
                    "Not to be shared Child's school or setting (from the young person)"]
    assert show(env, printed_id(call.transcript))["provided"]["fields"].keys() == {"child.school", "person.phone"}


_DROP_CONTACT = """\
out, skip = [], False
for line in text.splitlines():
    if line.startswith("["):
        skip = line.startswith("[contact")
    if not skip:
        out.append(line)
path.write_text("\\n".join(out).replace("Example Hill Primary School", "Riverside Academy") + "\\n", encoding="utf-8")
"""


def test_an_edit_that_removes_the_first_contact_is_refused_in_words(env: Env):
    """caller 3 (the contact taken as a table whatever it is): an edit is marked with who provided what it
    changes before it is checked, and the mark asks the caller's role for who gave the rest; the officer removed
    the whole first contact in the editor and changed the school, ``--from professional``: the edit is refused
    for the missing first contact, in words, and discarded (the mutant crashed). A terminal: a subprocess."""
    from test_edit import editor
    from test_sar import tty_run

    cid = make_case(env)
    before = show(env, cid)
    editor(env, _DROP_CONTACT)
    r = tty_run(env, "edit", cid, "--from", "professional", input="n\n", timeout=60)
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert lines[0] == "sendvault: error: the edit has 2 problem(s); nothing was saved"
    assert "  - the first contact is missing" in lines[1:3]
    assert lines[-1].endswith("sendvault: error: edit discarded; nothing was saved")
    assert show(env, cid) == before
