"""What mutation testing of redaction found untested (docs/reliability.md, "Mutation testing"): `sendvault redact`,
the engine of disclosure/redact.py and its patterns, names and matching.

Each test runs `sendvault redact` through its command line: `--text -` for a free-standing text (no vault, no
case), or a case's study or `ID --text -` where the case's own identifiers decide. Each docstring names the
mutants it kills (mutmut's names, without the module's path)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from conftest import SAMPLE_CASE, Env, core_vault, make_case, show
from sendvault.disclosure import redact_patterns


def _redact(env: Env, text: str, *args: str) -> str:
    """``text`` through ``sendvault redact --text -`` (in tags unless told otherwise): the redacted text."""
    if "--style" not in args:
        args = (*args, "--style", "tags")
    r = env.cli("redact", *args, "--text", "-", input=text)
    assert r.exit_code == 0, r.stderr
    return r.stdout.removesuffix("\n")


# --- reference numbers: the check digit and the check letter -------------------------------------------------


def test_an_nhs_number_whose_check_digit_is_0_is_found(env: Env):
    """An NHS number whose weighted sum is a multiple of 11 has 0 for its check digit (11 - 0 = 11 is written 0):
    no test had one, so an NHS number ending in 0 was left in by `check = 0 if (check == 11) and False`,
    `1 if check == 11`, `0 if check == 12` (redact_patterns.x_nhs_number_valid__mutmut_34, 36, 38). One digit
    off is no NHS number, and stays."""
    assert _redact(env, "NHS 400 000 0020 seen.") == "NHS [NHS NUMBER] seen."
    assert _redact(env, "Ref 400 000 0021 seen.") == "Ref 400 000 0021 seen."


def test_ten_equal_digits_are_no_nhs_number(env: Env):
    """111 111 1111 passes the modulus 11 sum (its check digit is 1), but ten equal digits are no NHS number (the
    NHS issues none): a reference of ones stays. Kills the same-digit rule dropped or made "two digits"
    (redact_patterns.x_nhs_number_valid__mutmut_1, 7, 8); a real number of two digits, 400 000 0004, is still found
    (mutant 7 takes it for none)."""
    assert redact_patterns.nhs_number_valid("1111111111") is False
    assert _redact(env, "Ref 111 111 1111 and 999 999 9999.") == "Ref 111 111 1111 and 999 999 9999."
    assert _redact(env, "NHS 400 000 0004.") == "NHS [NHS NUMBER]."


@pytest.mark.parametrize("upn", ["U801200001000", "U80120000100A", "W80120000100K", "E80120000100Z"])
def test_a_pupil_number_ending_in_a_letter_or_0_is_found(env: Env, upn: str):
    """A Unique Pupil Number's last character may be a letter (a temporary UPN) or 0; the one test had a UPN ending
    in 1. A UPN ending in a letter was left in, or crashed the command, by the mutants reading its last character
    as a digit, as no letter, or the twelve after the check letter as digits (redact_patterns.x_upn_valid__mutmut_8,
    16, 18, 20, 22, 24); one ending in 0 or A (value 0) by `values[-1] <= 0` or `< 1` (29, 30). Written in lower
    case it is the same number. The check letter one off is no UPN and stays."""
    assert _redact(env, f"UPN {upn}.") == "UPN [UPN]."
    assert _redact(env, f"upn {upn.lower()}.") == "upn [UPN]."
    wrong = "B" if upn[0] != "B" else "C"
    assert _redact(env, f"Ref {wrong}{upn[1:]}.") == f"Ref {wrong}{upn[1:]}."


def test_synthetic_pupil_numbers_made_with_a_check_letter_are_found_and_others_not(env: Env):
    """``upn_check_letter`` makes the synthetic UPNs of the tests and the corpus; the command is its judge: the
    number it makes is redacted, with each of the 22 other check letters the number stays. With a letter last
    (the one test had digits only) the mutants reading every character as a digit, looking up ``None`` or the
    lower-case letter crash (redact_patterns.x_upn_check_letter__mutmut_3, 5, 7)."""
    for rest in ("80120000100A", "80120000100K", "801200001007"):
        letter = redact_patterns.upn_check_letter(rest)
        assert _redact(env, f"UPN {letter}{rest}.") == "UPN [UPN]."
        others = [c for c in "ABCDEFGHJKLMNPQRTUVWXYZ" if c != letter]
        text = " ".join(f"{c}{rest}" for c in others)
        assert _redact(env, text) == text


# --- other people's names: what makes the word after a first name a surname ---------------------------------


@pytest.mark.parametrize("ending", ["ing", "ed", "ly", "tion", "ment", "ness"])
def test_a_word_shaped_as_no_surname_is_not_taken_with_the_first_name(env: Env, ending: str):
    """After a listed first name, a capitalised word the lists do not hold is taken as the surname, unless it ends
    as English words do and surnames seldom (-ing, -ed, -ly, -tion, -ment, -ness): "Sarah Blorping" is Sarah and a
    word. No test had such a word, so each ending dropped or written in capitals survived
    (redact_names.x__surname_shape__mutmut_3 to 14). The same stem ending otherwise is a surname, taken whole."""
    assert _redact(env, f"Sarah Blorp{ending} came.") == f"[PERSON 1] Blorp{ending} came."
    assert _redact(env, "Sarah Blorpton came.") == "[PERSON 1] came."


def test_an_unlisted_surname_is_taken_by_its_shape(env: Env):
    """What makes an unlisted capitalised word after a first name a surname: three letters or more ("Bzo", not "Qo":
    redact_names.x_name_like__mutmut_25 took "Qo", 26 left "Bzo" behind, an identifier left in), and a small second
    letter only ("DeBlorp" is a surname: `[1:3].islower()`, mutant 22, left it in)."""
    assert _redact(env, "Sarah Bzo came.") == "[PERSON 1] came."
    assert _redact(env, "Sarah Qo came.") == "[PERSON 1] Qo came."
    assert _redact(env, "Sarah DeBlorp came.") == "[PERSON 1] came."


def test_a_full_stop_ends_a_name_but_not_after_an_initial(env: Env):
    """"Sarah. Jones" is two people (a sentence ended between them); "Mrs J. Hughes" one. The dot is allowed only
    after a title's initial: allowed everywhere (`initials=True` by default, redact_names.x_adjacent__mutmut_1,
    or `or True`, 9) made "Sarah. Jones" one person, taking the full stop with it; allowed nowhere (8) split
    "Mrs J. Hughes"."""
    assert _redact(env, "Sarah. Jones came.") == "[PERSON 1]. [PERSON 2] came."
    assert _redact(env, "Mrs J. Hughes came.") == "[PERSON 1] came."


def test_a_first_name_that_is_also_a_word_needs_a_surname_after_it(env: Env):
    """"Mark" is a first name and a word: it is a name only before a listed surname or a name-like word that is
    not a plural ("Mark Blorpton" is a person, "Mark Blorps" and "Mark Blorping" are not). Kills the plural's
    test dropped, reversed or made another letter, and the name-like test made `or` or given no word
    (redact_names.x_surname_after_common__mutmut_7, 8, 14, 16, 17)."""
    assert _redact(env, "Mark Blorpton came.") == "[PERSON 1] came."
    for kept in ("Mark Blorps came.", "Mark Blorping came."):
        assert _redact(env, kept) == kept


def test_a_title_takes_up_to_three_names_after_it(env: Env):
    """A title and up to four capitalised words after it (three until the fix below) are one person: "Dr Anna Maria
    Blorpton" whole. With
    two (`j < i + 3`, redact.xǁRedactorǁ_person_after_title__mutmut_8) "Blorpton", in no list, was left in."""
    assert _redact(env, "Dr Anna Maria Blorpton came.") == "[PERSON 1] came."


# --- what the case holds ------------------------------------------------------------------------------------

def _case(env: Env, **person) -> str:
    """SAMPLE_CASE (Jane Example, EX1 2NP, 07700 900123, jane@example.org; Sam, born 9 March 2014), the person's
    fields changed."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], **person}}
    return make_case(env, case)


def _parents_copy(env: Env, cid: str, tmp_path, *notes: str) -> str:
    """The parent's subject-access copy (plaintext JSON) after ``notes``, each recorded as from the parent."""
    for note in notes:
        assert env.cli("note", cid, note, "--from", "parent-carer").exit_code == 0
    assert env.cli("sar", "request", cid, "--for", "parent").exit_code == 0
    target = tmp_path / "copy.json"
    r = env.cli("sar", cid, "--for", "parent", "--out", str(target), "--format", "json", "--plaintext")
    assert r.exit_code == 0, r.stderr
    return target.read_text(encoding="utf-8")


def test_the_outward_code_of_the_cases_postcode_alone_is_replaced(env: Env):
    """The case's postcode's outward code alone, in capitals ("EX1"), is the case's: no pattern finds it (a
    postcode pattern needs the inward code too). `squash` joining with "XXXX" made the outward code "EX1XXXX"
    and left "EX1" in the study (redact_patterns.x_squash__mutmut_9)."""
    cid = _case(env)
    assert _redact(env, "They live in EX1, near the bus.", cid) == "They live in [POSTCODE], near the bus."


def test_streets_and_schools_found_where_they_overlap_end(env: Env):
    """Streets and schools are looked for at each place one starts, overlapping ones too ("Primary Lane Lane"), each
    search one character after the last find. Searched again from the text's start or from one character before
    the find (redact_patterns.x_overlapping__mutmut_8, 9), the same find came back for ever: run as a subprocess, so
    that a redaction that never ends fails the test."""
    r = env.run("redact", "--style", "tags", "--text", "-", timeout=30, input="She walked up Mill Lane to Oak School.")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "She walked up [STREET] to [SCHOOL].\n"


def test_a_street_without_a_number_is_a_street_and_the_town_a_town(env: Env):
    """A part of the address without a house number is a street where it ends as a street does, else a town: in
    "Rose Cottage, Hill, Thornbury", "Hill" alone is a street (two or more words of the address together are
    "an address"). Kills `street_like` never or always matching (redact_patterns.x_street_like__mutmut_7, 8, 9:
    "Hill" became a town, or "Thornbury" a street)."""
    cid = _case(env, address="Rose Cottage, Hill, Thornbury")
    assert _redact(env, "She walked up Hill in Thornbury.", cid) == "She walked up [STREET] in [PLACE]."


def test_dates_as_ages_on_a_birthday_and_in_the_first_year(env: Env):
    """`--dates age` with a case (the child born on 9 March 2014): on a birthday the child is that age (12 on 9
    March 2026, not 11: `<=`, redact_patterns.x_age_on__mutmut_5), and in the first year of life age 0 (not the
    month and year: `age > 0`, `age >= 1`, 8, 9). A free-standing text with a case takes the option too (it was
    dropped: redact.x_redact_text__mutmut_11)."""
    cid = _case(env)
    assert _redact(env, "Seen on 9 March 2026 and on 4 May 2014.", cid, "--dates", "age") == \
        "Seen at [AGE 12] and at [AGE 0]."
    assert _redact(env, "Seen on 8 March 2026.", cid, "--dates", "age") == "Seen at [AGE 11]."


def test_the_case_studys_profile_in_the_words_of_the_codes_and_the_vaults_lists(env: Env):
    """The case study's profile gives each code in words: the shipped descriptions ("Autistic Spectrum Disorder"
    for ASD: the code itself was shown by `describe(None, value)` and `describe(path, None)`,
    redact.x__describe__mutmut_11, 12) and the words of a code the service added to its own list, an issue or an
    outcome (`lists.get(None)`, 7; the vault's lists not passed on, redact.x_case_study__mutmut_93)."""
    assert env.cli("categories", "add", "issues", "mediation", "Disagreement resolution and mediation").exit_code == 0
    assert env.cli("categories", "add", "outcome", "mediated", "Settled through mediation").exit_code == 0
    case = {**SAMPLE_CASE, "profile": {**SAMPLE_CASE["profile"], "issues": ["mediation", "ehc-plan"]}}
    cid = make_case(env, case)
    assert env.cli("close", cid, "--outcome", "mediated").exit_code == 0
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert "- Primary need: Autistic Spectrum Disorder\n" in r.stdout
    assert "- Issues: Disagreement resolution and mediation, Education, health and care plan\n" in r.stdout
    assert "- Outcome: Settled through mediation\n" in r.stdout


# --- a subject-access copy: the family's own details kept, other people's replaced --------------------------


def test_a_subject_access_copy_keeps_the_familys_own_details_in_any_spelling(env: Env, tmp_path):
    """`sar` redacts with the same engine, keeping what it finds as the case's own (``Replacement.known``) and
    replacing the rest: the family's phone, postcode and e-mail stay readable to the family, written as recorded
    or otherwise ("07700900123", "ex12np", "JANE@EXAMPLE.ORG"); another person's are replaced. No test of
    redaction's own looked at that mark, which `redact` never shows: a spelling of the family's own details not
    taken for theirs is withheld from them."""
    cid = _case(env)
    text = ("Jane (07700900123, JANE@EXAMPLE.ORG, ex12np) asked Dr Blorpton (07700 900555, blorpton@council.example, "
            "LS1 4AP) to ring.")
    # The e-mail first in a note that ends in a letter: `folded[s - 1]` at 0 is the last letter (bounded's `s or
    # True`, redact_matching.x_bounded__mutmut_3, took the family's own e-mail for another's).
    copy = _parents_copy(env, cid, tmp_path, text, "JANE@EXAMPLE.ORG wrote in")
    assert ("Jane (07700900123, JANE@EXAMPLE.ORG, ex12np) asked [PERSON 1] (a phone number, an email address, "
            "a postcode) to ring.") in copy
    assert "JANE@EXAMPLE.ORG wrote in" in copy


# --- the case study whole -----------------------------------------------------------------------------------


def _study_case(env: Env) -> tuple[str, str, int]:
    """A closed case with a profile in full and two notes: its id, its notes' month and the child's age then."""
    case = {**SAMPLE_CASE, "profile": {**SAMPLE_CASE["profile"], "support_level": "advice",
                                       "issues": ["annual-review", "ehc-plan"]}}
    cid = make_case(env, case)
    for text in ("Jane rang about Sam.\nSecond line.", "Met Dr Blorpton at Example Hill Primary."):
        assert env.cli("note", cid, text).exit_code == 0
    assert env.cli("close", cid, "--outcome", "resolved").exit_code == 0
    at = dt.date.fromisoformat(show(env, cid)["notes"][0]["at"][:10])  # the notes' time is the machine's today
    month = f"{at:%B} {at.year}"
    return cid, month, at.year - 2014 - ((at.month, at.day) < (3, 9))


PROFILE = ("# Case study\n\n- Age band: Aged 11 to 15\n- School phase: Secondary\n- SEN stage: SEN support\n"
           "- Primary need: Autistic Spectrum Disorder\n- Support level: Advice: on their own situation\n"
           "- Issues: Annual review of an EHC plan, Education, health and care plan\n- Outcome: Resolved\n\n")


def test_a_case_study_whole_in_each_style_and_its_review(env: Env):
    """The whole of a case study, as the command prints it: the profile's every line (the tests looked only for
    a line or two: the profile dropped, `record.get(None)`, survived, redact.x_case_study__mutmut_15, and a
    blank line made "XXXX", 22), each note under its month (or the child's age then), and the review marking
    exactly the replacements (their places in the study's text, counted across the headings)."""
    cid, month, age = _study_case(env)
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == PROFILE + (f"## Notes\n\n### Note 1 ({month})\n\nThe parent rang about the child.\nSecond line.\n\n"
                                  f"### Note 2 ({month})\n\nMet [PERSON 1] at a primary school.\n")
    r = env.cli("redact", cid, "--style", "tags", "--dates", "age")
    assert r.stdout == PROFILE + (f"## Notes\n\n### Note 1 ([AGE {age}])\n\n[PARENT] rang about [CHILD].\nSecond line.\n\n"
                                  f"### Note 2 ([AGE {age}])\n\nMet [PERSON 1] at [PRIMARY SCHOOL].\n")
    r = env.cli("redact", cid, "--review")
    assert r.stdout == PROFILE + (f"## Notes\n\n### Note 1 ({month})\n\n⟦The parent⟧ rang about ⟦the child⟧.\nSecond line.\n\n"
                                  f"### Note 2 ({month})\n\nMet ⟦[PERSON 1]⟧ at ⟦a primary school⟧.\n\n")
    assert r.stderr.startswith("sendvault: 4 replacement(s) highlighted")


# --- a school's kind --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("school, becomes", [
    ("Blorp Special School", "SPECIAL SCHOOL"), ("Blorp Infant School", "PRIMARY SCHOOL"),
    ("Blorp Infants School", "PRIMARY SCHOOL"), ("Blorp Junior School", "PRIMARY SCHOOL"),
    ("Blorp First School", "PRIMARY SCHOOL"), ("Blorp Primary", "PRIMARY SCHOOL"), ("Blorp Nursery", "NURSERY"),
    ("Blorp Preschool Academy", "NURSERY"),
    pytest.param("Blorp Pre-school Academy", "NURSERY", id="hyphenated_preschool"),
    ("Blorp High School", "SECONDARY SCHOOL"), ("Blorp Grammar School", "SECONDARY SCHOOL"),
    ("Blorp Secondary School", "SECONDARY SCHOOL"), ("Blorp Upper School", "SECONDARY SCHOOL"),
    ("Blorp College", "COLLEGE"), ("Blorp Sixth Form School", "COLLEGE"), ("Blorp Academy", "SCHOOL"),
    ("Blorp Special Primary School", "SPECIAL SCHOOL"), ("Blorp High Nursery", "NURSERY"),
    ("Blorp Sixth Form High School", "SECONDARY SCHOOL")])
def test_a_school_is_replaced_by_its_kind(env: Env, school: str, becomes: str):
    """A school's name says what kind it is, and the replacement keeps that much ("a special school", "a
    nursery"): each word of `school_phase`'s lists, and which wins where a name has two. Only "Primary" was tested
    (redact_names.x_school_phase's mutants of each word and each test). A **bug** this found: "pre-school" was
    looked for after hyphens were made spaces, so never found: "Pre-school Academy" was "a school"."""
    assert _redact(env, f"Seen at {school} today.") == f"Seen at [{becomes}] today."
    words = {"SPECIAL SCHOOL": "a special school", "PRIMARY SCHOOL": "a primary school", "NURSERY": "a nursery",
             "SECONDARY SCHOOL": "a secondary school", "COLLEGE": "a college", "SCHOOL": "a school"}[becomes]
    assert _redact(env, f"Seen at {school} today.", "--style", "words") == f"Seen at {words} today."


def test_the_schools_and_places_the_vault_lists_are_replaced_with_a_case(env: Env):
    """The vault's `[redaction]` lists (docs/redaction.md) are known for a case's text: a listed school whose name
    has no school word a pattern knows ("Greystones Pupil Referral Unit") and a listed nursery by its first word
    alone ("Larkrise"). No test set the lists (there is no command for them: the vault's settings are changed as a
    manager's command would); without the schools (redact_names.x_known_from_case__mutmut_127) both were left
    readable."""
    core_vault(env).update_config(lambda c: c.update(redaction={
        "schools": ["Greystones Pupil Referral Unit", "Larkrise Nursery"], "places": ["Little Snoring"]}), "settings")
    cid = make_case(env)
    assert _redact(env, "Sam left Larkrise for Greystones Pupil Referral Unit in Little Snoring.", cid) == \
        "[CHILD] left [NURSERY] for [SCHOOL] in [PLACE]."


@pytest.mark.parametrize("phase, becomes", [("primary", "a primary school"), ("secondary", "a secondary school"),
                                            ("early-years", "a nursery"), ("post-16", "a college"),
                                            ("home-education", "a school")])
def test_the_childs_school_with_no_kind_in_its_name_takes_the_profiles_phase(env: Env, phase: str, becomes: str):
    """The child's school named without its kind ("Blorp Hill Academy") is replaced as the profile's school phase
    says (redact_names.x_school_phase's mutants of its last line: the table's keys and values)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "school": "Blorp Hill Academy"},
            "profile": {**SAMPLE_CASE["profile"], "school_phase": phase}}
    cid = make_case(env, case)
    assert _redact(env, "Sam is at Blorp Hill Academy.", cid, "--style", "words") == f"The child is at {becomes}."


def test_a_schools_kind_written_with_a_hyphen(env: Env):
    """"Ashgrove Sixth-Form Centre": the words of a school's kind are read either side of a hyphen, so the child's
    school is a college, whatever the profile's school phase (secondary). The hyphen kept, or made a space with
    letters either side (redact_names.x_school_phase__mutmut_16, 17), hid "sixth", and the profile's phase made it
    a secondary school."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "school": "Ashgrove Sixth-Form Centre"}}
    cid = make_case(env, case)
    assert _redact(env, "Sam is at Ashgrove Sixth-Form Centre.", cid, "--style", "words") == "The child is at a college."


# --- dates ------------------------------------------------------------------------------------------------------


def test_a_date_that_ends_a_sentence_leaves_its_full_stop(env: Env):
    """"We met on 4 May. Then": the full stop is the sentence's, and stays after the date's replacement; a month's
    abbreviation takes its full stop only with a year after it ("4 Sept. 2026"). Found examining
    redact_patterns.x_merged_dates__mutmut_9 (`<=`: two dates that touch made one): the first date of "4 May.12
    June" took the full stop, so the two touched, and the code gave "MayJune"; every date now ends after a letter
    or a digit, and the next starts after a mark or a space, so no two touch (that mutant is equivalent)."""
    assert _redact(env, "We met on 4 May. Then she rang on 4 Sept. Then on 4 Sept. 2026, 4 May.12 June.") == \
        "We met on May. Then she rang on September. Then on September 2026, May.June."


def test_a_replaced_date_joins_no_day_or_title_around_it(env: Env):
    """What replaces a date is never read with its neighbours as a new date or a name: "in" goes before a month after
    a day or a title ("Dr 4 May 2026" is not "Dr May 2026", a person), and a comma after a month before a day ("May
    4 4" is "May, 4", not "May 4"), also at the very start of the text. Looked for from the text's second character
    (redact_patterns.x_merged_dates__mutmut_61), the title or day at its start was missed; the comma tested on the
    replacement from its second character (69: "in May" is then no word), a day looked for at the text's start (74),
    or the comma written as the whole replacement or otherwise (75, 77) changed the outputs below."""
    assert _redact(env, "Seen May 4 4 times.") == "Seen May, 4 times."
    assert _redact(env, "Dr May 4 7 people.") == "Dr in May, 7 people."
    assert _redact(env, "9 4 May 2026 was it.") == "9 in May 2026 was it."


def test_a_date_far_after_a_day_is_redacted_the_same_twice(env: Env):
    """A day is read with a month up to 64 characters after it ("4 <blanks> May"), so "in" goes before a replaced
    date wherever a day that far before it would join it. It was looked for only 24 characters back: "Room 9", 30
    blanks, "4 May 2026" became "Room 9 ... May 2026", and redacted again, "Room May 2026" (the 9 read as the day).
    Found examining redact_patterns.x_merged_dates__mutmut_63 (25 characters for 24)."""
    text = "Room 9" + " " * 30 + "4 May 2026 was booked; Room 9" + "-" * 40 + " 4 May 2026 too."
    once = _redact(env, text)
    assert once == "Room 9" + " " * 30 + "in May 2026 was booked; Room 9" + "-" * 40 + " in May 2026 too."
    assert _redact(env, once) == once


def test_a_day_is_read_with_a_month_up_to_64_characters_after_it_and_at_the_texts_start(env: Env):
    """A day is read with the month after it across up to 64 characters ("9", 63 blanks, "May 2026" is May 2026, the
    day gone), not 65 (redact_patterns.x_date_matches__mutmut_19 read the 9 there too), and a day at the text's
    very start is the date's (`day_first_end = 1` looked for it from the second character, 4, and left "4")."""
    assert _redact(env, "9" + " " * 63 + "May 2026 was it.") == "May 2026 was it."
    assert _redact(env, "9" + " " * 64 + "May 2026 was it.") == "9" + " " * 64 + "May 2026 was it."
    assert _redact(env, "4 May 2026 was the day.") == "May 2026 was the day."


def test_a_replaced_date_before_a_month_or_a_schools_word_takes_a_comma(env: Env):
    """A comma after the replacement where the next word would join it: an age of one digit before a month ("at age
    4, March", not "age 4 March", a date again: `words[-2:]`, " 4", is no number,
    redact_patterns.x_merged_dates__mutmut_80; the comma written as the whole replacement or as "XX,XX", 85, 87),
    and "in May" before a school's word ("Dr in May, Primary": tested from its second character, "n May" is no
    word, 89; the comma written as the whole replacement, 95)."""
    cid = _case(env)
    assert _redact(env, "Seen on 4 May 2018 March was fine.", cid, "--dates", "age", "--style", "words") == \
        "Seen at age 4, March was fine."
    assert _redact(env, "Dr 4 May Primary came.") == "Dr in May, Primary came."


def test_overlapping_readings_of_a_date_keep_the_one_with_its_year(env: Env):
    """"May 4 Jan 2026" reads as "May 4" and "4 Jan 2026", which overlap: one replacement, the reading with a
    number in it (its year) chosen. Chosen as the greater string (`max` without its key,
    redact_patterns.x_merged_dates__mutmut_17, 19) "May" won, and the year was lost."""
    assert _redact(env, "Seen May 4 Jan 2026.") == "Seen January 2026."


def test_a_date_with_a_month_written_in_look_alike_letters_is_a_date(env: Env):
    """A month's name with a Cyrillic or Greek letter drawn as a Latin one ("\u041cay" with a Cyrillic "\u041c",
    "\u039carch" with a Greek "\u039c") is that month as a reader sees it (docs/redaction.md, "Cyrillic and Greek
    letters drawn as Latin ones"): the month's name was found in the folded text, but the date's patterns were
    matched in the text as read, where it is no month, and the whole date stayed. Found examining
    redact_patterns.x_date_matches__mutmut_26 (`or` for `and`: it crashed where the code left the date)."""
    assert _redact(env, "Seen 4 \u041cay 2026, \u039carch 12, 2026 and \u041carch 2026.") == \
        "Seen May 2026, March 2026 and March 2026."


def test_an_address_a_school_or_a_street_with_a_look_alike_capital_is_replaced(env: Env):
    """The patterns that know a street, a school or an address by its capitals read a Cyrillic or Greek capital
    drawn as a Latin one as that letter: "12 \u041cill Lane" (a Cyrillic "\u041c") stayed whole, as did "\u041cill Primary
    School", and a weekday so written before a date ("\u0422uesday", a Cyrillic "\u0422"). Found with the date
    above."""
    assert _redact(env, "At 12 \u041cill Lane, at \u041cill Primary School, on \u041cill Lane; \u0422uesday 4 May 2026.") \
        == "At [ADDRESS], at [PRIMARY SCHOOL], on [STREET]; May 2026."


def test_dates_with_a_two_digit_year_and_numbers_that_are_no_month(env: Env):
    """A year written with two digits, "'26" or "-26", is 2026 (69 is 2069, 70 is 1970): the apostrophe stripped
    from its left (redact_patterns.x_full_year__mutmut_3, 4, 5 crashed the command on "'26") and the century
    chosen (8 made every such year 19xx). A middle number above 12 or 0 is no month: "12/13/2026" and
    "12/00/2026" stay as written (x_month_number__mutmut_26, 30: month 13 crashed, month 0 read as December)."""
    assert _redact(env, "Seen on 12 Mar '26 and 12-03-26 and 1.4.69 and 1.4.70.") == \
        "Seen on March 2026 and March 2026 and April 2069 and April 1970."
    assert _redact(env, "Ref 12/13/2026 and 12/00/2026 stay.") == "Ref 12/13/2026 and 12/00/2026 stay."


def test_a_note_in_the_month_of_the_childs_birthday_is_headed_by_the_age(env: Env):
    """With `--dates age`, a note's heading is the child's age on the note's day. A child born in the month the
    note is written (its day compared with the birthday's): without the day (`age_on(..., None)`,
    redact.x__when__mutmut_11) the command crashed. The note is written today, so the child is born in this
    month, on its 1st, twelve years ago."""
    today = dt.date.today()
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": f"{today.year - 12}-{today.month:02d}-01"}}
    cid = make_case(env, case)
    assert env.cli("note", cid, "Rang.").exit_code == 0
    at = dt.date.fromisoformat(show(env, cid)["notes"][0]["at"][:10])  # today in UTC: the 1st or later
    r = env.cli("redact", cid, "--dates", "age")
    assert r.exit_code == 0, r.stderr
    assert f"### Note 1 (age {at.year - (today.year - 12) - (at.month < today.month)})\n" in r.stdout


def test_the_childs_school_named_by_a_common_word_counts_only_with_its_capital(env: Env):
    """The child's school "Brook Primary School" is also found by its first word alone, "Brook", but "brook" in
    lower case is the word: a known school's words count only with a capital where they are ordinary words
    (the flag made `None`, redact_matching.x__add_school__mutmut_6, replaced "the brook")."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "school": "Brook Primary School"}}
    cid = make_case(env, case)
    assert _redact(env, "Sam walked by the brook to Brook today.", cid) == \
        "[CHILD] walked by the brook to [PRIMARY SCHOOL] today."


@pytest.mark.parametrize("school, text, becomes", [
    ("Bude Primary School", "Sam likes Bude.", "[CHILD] likes [PRIMARY SCHOOL]."),
    ("Oak Primary School", "The Oak was felled.", "The Oak was felled."),
    ("Oak Academy", "The Oak was felled.", "The Oak was felled.")])
def test_the_childs_school_by_its_first_word_alone_from_four_letters(env: Env, school: str, text: str, becomes: str):
    """The child's school is found by its distinctive first word(s) alone where they hold four letters or more:
    "Bude" for "Bude Primary School" (`> 4`, redact_matching.x__add_school__mutmut_36, left "Bude" in the study),
    never "Oak" for "Oak Primary School" (`stem or ...`, 34, took every capitalised "Oak") nor for "Oak Academy" (the
    name less its last word taken for a name of two words too, `len(words) >= 2`, 19)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "school": school}}
    cid = make_case(env, case)
    assert _redact(env, text, cid) == becomes


def test_the_address_by_any_two_consecutive_words_and_no_fewer(env: Env):
    """Any two or more consecutive words of the case's address are the address ("Mill Lane", "Lane Thornbury" of
    "14 Mill Lane, Thornbury, Bristol"), but one word alone is not ("the mill", "Room 14"). Kills the trie's
    count of words from 0 or from 2 (redact_matching.xǁ_Matcherǁadd__mutmut_6, 7) and the shorter runs not
    ended (`shortest < n`, 35; `entry in node.ends`, 37): "Mill Lane" was then a street and "Lane Thornbury" left
    "Lane" in."""
    cid = _case(env, address="14 Mill Lane, Thornbury, Bristol")
    assert _redact(env, "She lives on Mill Lane, near Lane Thornbury.", cid) == "She lives on [ADDRESS], near [ADDRESS]."
    assert _redact(env, "The mill was in Room 14.", cid) == "The mill was in Room 14."


def test_a_name_is_its_words_with_a_space_or_a_line_between_not_any_mark(env: Env):
    """The words of a recorded name follow each other with spaces, commas or a line break between; "Jane/Example"
    and "Jane. Example" are two finds, the parent and the family. A gap of any kind (the first gap made empty,
    redact_matching.xǁ_Matcherǁadd__mutmut_19, 21) took each as one name."""
    cid = _case(env)
    assert _redact(env, "Jane/Example and Jane. Example came; Jane\nExample too.", cid) == \
        "[PARENT]/[FAMILY] and [PARENT]. [FAMILY] came; [PARENT] too."


@pytest.mark.parametrize("name", ["Mrs Jane Example", "Dr. Jane Example"])
def test_a_recorded_name_with_a_title_is_the_name_without_it(env: Env, name: str):
    """A name recorded with its title ("Mrs Jane Example", "Dr. Jane Example") is found by its names: the title is
    no name of theirs, so another "Mrs" or "Dr." is not them. Kills the title kept (`... and words`, `strip(None)`,
    redact_matching.x__name_words__mutmut_8, 9) and only the title kept (12: "Jane" and "Example" left in)."""
    cid = _case(env, name=name)
    assert _redact(env, "Mrs Blorpton rang Jane Example; Dr. Blorpton too.", cid) == \
        "[PERSON 1] rang [PARENT]; [PERSON 1] too."


def test_a_middle_name_written_as_an_initial_is_part_of_the_name(env: Env):
    """A child recorded as "Samuel Zoe Blorpton-Smith" written "Sam Z Blorpton-Smith" or "Samuel Z.
    Blorpton-Smith" is one find, the child. No test had a middle name written as its initial: the form's entry
    dropped (redact_matching.x__add_person__mutmut_8: the middle names `[1:-2]`; 56: two letters for the initial)
    gave "the child the child", and its entry made `None`, given no role or no rank (50, 57, 59) crashed."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Samuel Zoe Blorpton-Smith"}}
    cid = make_case(env, case)
    assert _redact(env, "Sam Z Blorpton-Smith came; Samuel Z. Blorpton-Smith too.", cid) == "[CHILD] came; [CHILD] too."


def test_a_childs_name_that_is_a_word_counts_alone_only_with_its_capital(env: Env):
    """A child named "Grace Example" is "Grace" alone, but "the grace before lunch" is the word: each word of a
    name alone counts only with a capital where it is an ordinary word (the flag made `None` or `False`,
    redact_matching.x__add_person__mutmut_76, 83, replaced "grace" too)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Grace Example"}}
    cid = make_case(env, case)
    assert _redact(env, "Grace said the grace before lunch.", cid) == "[CHILD] said the grace before lunch."


def test_a_phone_number_in_brackets_leaves_the_brackets_but_a_bracketed_area_code_is_the_numbers(env: Env):
    """"(07700 900555)": the brackets are the sentence's and stay around the replacement; "(0113) 496 0123": the
    bracketed area code is part of the number. Only `sar`'s test had a number in brackets: the opening bracket
    taken with the number (redact_patterns.x_phone_start__mutmut_1, 7), the space before it too (3), or the
    number's first digit left in (4)."""
    assert _redact(env, "Call her (07700 900555) or (0113) 496 0123 today.") == "Call her ([PHONE]) or [PHONE] today."


def test_an_international_number_is_a_phone_only_when_valid(env: Env):
    """A number with another country's code is a phone number where that country's plan makes it a valid one
    ("+33 1 42 68 53 00", "+1 202 555 0143"), and "+999 12 34" is not. No test of redaction's own had one:
    the validity test reversed (redact_patterns.x_phone_key__mutmut_16) left real numbers in and took the
    invalid one; asked of `None` (17) it crashed."""
    assert _redact(env, "Call +33 1 42 68 53 00 or +1 202 555 0143, not +999 12 34.") == \
        "Call [PHONE] or [PHONE], not +999 12 34."


def test_another_countrys_number_in_brackets_with_its_0_or_a_number_after_it_is_a_phone(env: Env):
    """Found examining `phone_key` 19 (below): another country's number was left readable whole when a number
    followed it ("+1 202 555 0143 5 times": the pattern took the 5 too, and the two together are no valid number),
    when written with its trunk 0 in brackets ("+33 (0)1 42 68 53 00": the "(0)" counted among the five groups, so
    the pattern stopped before the last) or after "00" ("0033 ...", "001 ..."), or with dots; and a bracket
    closing the sentence was taken with it ("(+33 1 42 68 53 00)" lost its ")"). The longest valid number the
    pattern's match begins with is the phone number."""
    assert _redact(env, "Call +1 202 555 0143 5 times, +33 (0)1 42 68 53 00 and (+33 1 42 68 53 00).") == \
        "Call [PHONE] 5 times, [PHONE] and ([PHONE])."
    assert _redact(env, "Call 0033 1 42 68 53 00, 001 202 555 0143 or +1.202.555.0143 today.") == \
        "Call [PHONE], [PHONE] or [PHONE] today."


def test_the_familys_own_number_in_another_country_is_theirs_in_a_subject_access_copy(env: Env, tmp_path):
    """A case's phone may be another country's ("+91 20 7946 0018"): written so in a note from the parent it is the
    family's own and stays readable in their copy, as a UK number does (only UK numbers were compared with the
    case's); another person's number in that country is replaced."""
    cid = _case(env, phone="+91 20 7946 0018")
    copy = _parents_copy(env, cid, tmp_path, "Jane (+91 20 7946 0018) asked Dr Blorpton (+91 20 7946 0019) to ring.")
    assert "Jane (+91 20 7946 0018) asked [PERSON 1] (a phone number) to ring." in copy


def test_a_uk_number_written_as_the_familys_foreign_number_is_not_theirs(env: Env, tmp_path):
    """The family's phone may be another country's ("+91 20 7946 0018", a number in Pune): `phone_key` gives each
    number its E.164 form, country code and all, and the case's phone is matched on it. Without the country code
    (`format_number(number, None)`, redact_patterns.x_phone_key__mutmut_19) the Pune number and London's
    020 7946 0018 are both "20 7946 0018", so another person's London number was taken for the family's own and
    left readable in the parent's subject-access copy."""
    cid = _case(env, phone="+91 20 7946 0018")
    copy = _parents_copy(env, cid, tmp_path, "Dr Blorpton (020 7946 0018) asked Jane to ring.")
    assert "[PERSON 1] (a phone number) asked Jane to ring." in copy


@pytest.mark.parametrize("school, written", [("St Blorpa's Primary School", "Saint Blorpa's"),
                                             ("Saint Blorpa's Primary School", "St Blorpa's")])
def test_saint_and_st_are_one_word_in_a_schools_name(env: Env, school: str, written: str):
    """The child's school by its distinctive words alone, "St" written "Saint" or the other way: no pattern
    finds "Saint Blorpa's" without "Primary", only the case's school does, with "saint" looked up as "st". Each
    mutant of that (redact_matching.x__key__mutmut_8, 10, 11, 13, 14) left the school's name in; and "St." with
    its full stop (the folded "st" compared with "ST", x__gap_ok__mutmut_16)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "school": school}}
    cid = make_case(env, case)
    assert _redact(env, f"Sam loves {written}.", cid) == "[CHILD] loves [PRIMARY SCHOOL]."
    assert _redact(env, "Sam loves St. Blorpa's.", cid) == "[CHILD] loves [PRIMARY SCHOOL]."


def test_a_possessive_ends_a_name(env: Env):
    """"Jane's Blorpton relatives": the possessive ends the name "Jane"; "Blorpton" after it is the family,
    not the rest of "Jane Blorpton". Walking on after the possessive (redact_matching.xǁ_Matcherǁ_walk__mutmut_27,
    x__lookups__mutmut_13) took "Jane's Blorpton" as one name and lost the "'s"."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "name": "Jane Blorpton"},
            "child": {**SAMPLE_CASE["child"], "name": "Sam Blorpton"}}
    cid = make_case(env, case)
    assert _redact(env, "Jane's Blorpton relatives and Sam's Blorpton cousins came.", cid) == \
        "[PARENT]'s [FAMILY] relatives and [CHILD]'s [FAMILY] cousins came."


def test_a_possessive_name_after_a_first_name_that_is_a_word_with_either_apostrophe(env: Env):
    """"Mark Okafor's report": "Mark" is also a word, so it counts as a first name only before a surname, and
    "Okafor's" is one (a listed surname) only without its possessive, written with a straight or a curly
    apostrophe. The possessive kept, cut to two letters or three, or its straight apostrophe spelt otherwise
    (redact_names.x_without_possessive__mutmut_1, 3, 4, 6, 7) or its curly one (8, 9) left "Mark" readable, or
    "Mark Okafor's" whole."""
    assert _redact(env, "Mark Okafor's report came.") == "[PERSON 1] report came."
    assert _redact(env, "Mark Okafor’s report came.") == "[PERSON 1] report came."


def test_a_word_of_the_address_written_with_a_mark_inside(env: Env):
    """"Flat 2/14": one written word of the address with a mark inside, found as written ("2/14"), not as "2 14"
    (the mark compared the wrong way round, redact_matching.x__gap_ok__mutmut_22, left "Flat 2/14" in)."""
    cid = _case(env, address="Flat 2/14, Mill Lane, Thornbury")
    assert _redact(env, "Flat 2/14 was damp; 2 14 is not.", cid) == "[ADDRESS] was damp; 2 14 is not."


# --- a name written into a username or handle (found while examining `_Matcher._walk` 22) ------------------------


def test_a_name_inside_a_username_or_handle_is_taken_out(env: Env):
    """The names' own matching stops at "_" and "@" and inside a longer word (so as not to cut into an e-mail
    address), so "@jane_example", "jane_example", "@janeexample" and "JaneExample99" were left in a case study
    whole. A word marked as a handle that holds a name of the case, or a plain word made of two of its names, is
    now a username; an ordinary word that holds a name is not, nor is an e-mail address cut."""
    cid = make_case(env)
    text = ("Her Instagram is @jane_example, on TikTok jane_example, on X @janeexample and JaneExample99; Sam's "
            "gamer tag is sam_e2014 and janeexample wrote. Write to jane@example.org. The counterexamples were kind.")
    assert _redact(env, text, cid) == (
        "Her Instagram is [USERNAME], on TikTok [USERNAME], on X [USERNAME] and [USERNAME]; [CHILD]'s gamer tag is "
        "[USERNAME] and [USERNAME] wrote. Write to [EMAIL]. The counterexamples were kind.")
    assert _redact(env, "Jane Example rang.", cid, "--style", "words") == "The parent rang."


def test_a_name_written_against_an_at_sign_is_taken_out(env: Env):
    """"Zephyrine@school", "Zuleika@work", "Blorpton@home": "@" written for "at" in a quick note. A known name was
    not matched next to "@" (so as not to cut into an e-mail address, which its pattern takes whole anyway), nor
    found as a username (a word that is the name itself is left to the names' matching): the child's, the parent's
    and the family's names were left readable. A **leak**, found examining the mutant making the names' matching
    accept an end before "@" or "_" (redact_matching.xǁ_Matcherǁ_walk__mutmut_22 of the first run: the mutant was
    right); fixed: "@" is a word's edge for the names, "_" and "." are not. An e-mail address is still replaced
    whole, never cut, and a handle is still a username."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "name": "Zuleika Blorpton", "email": "zb@example.org"},
            "child": {**SAMPLE_CASE["child"], "name": "Zephyrine Blorpton"}}
    cid = make_case(env, case)
    assert _redact(env, "Zephyrine@school today, Zuleika@work, Blorpton@home; zuleika@ wrote, as zuleika@blorpton.", cid) == \
        "[CHILD]@school today, [PARENT]@work, [FAMILY]@home; [PARENT]@ wrote, as [PARENT]@[FAMILY]."
    assert _redact(env, "Mail zuleika@blorpton.org, zb@example.org, zephyrine.blorpton@x.org or @zuleika.", cid) == \
        "Mail [EMAIL], [EMAIL], [EMAIL] or [USERNAME]."


def test_the_familys_e_mail_only_standing_alone_is_theirs_in_a_subject_access_copy(env: Env, tmp_path):
    """The family's e-mail is kept readable in their copy only where it stands alone: written straight after "@"
    ("@jane@example.org", a stray mark or another address run into it) it is not taken for theirs, and is withheld
    as another person's would be (the e-mail pattern takes it: "an email address"). `bounded`'s look before the
    address made `before in "@._" and ...` (redact_matching.x_bounded__mutmut_15, "not yet killed" in the first
    run) kept it readable as the family's, and so did looking at the wrong character before it (2, 4, 5) or none
    after it (13: "jane@example.org@x"). After "." or "_" or a letter the pattern takes the longer address whole
    either way. At the very end of a note it is theirs (looking one past the end, 10, crashed)."""
    cid = _case(env)
    text = "Write to @jane@example.org, jane@example.org@x or jane@example.org"
    assert "Write to @an email address, an email address@x or jane@example.org\"" in _parents_copy(env, cid, tmp_path, text)


def test_a_title_and_initials_are_taken_with_a_name_within_24_characters(env: Env):
    """A known name takes its title and up to three initials before it ("Councillor A. B. C. Jane": 20 characters with
    single spaces) from the 24 characters before it; from further back (extra spaces) the title stays, as a word
    that identifies no one, and the initials go with the name. The look made 25 characters
    (redact_names.x_extend_left__mutmut_14, "not yet killed" in the first run) took the title from 25 too."""
    cid = _case(env)
    assert _redact(env, "Councillor  A.  B.  C.  Jane came.", cid) == "[PARENT] came."
    assert _redact(env, "Councillor   A.  B.  C.  Jane came.", cid) == "Councillor   [PARENT] came."


def test_a_title_takes_four_names_and_a_full_stop_only_after_an_initial(env: Env):
    """After a title, up to four names are one person: three given names (or initials) and the surname. Three were
    taken, so in "Dr Anna Maria Jane Blorpton" the surname, in no list, was left readable, there and wherever the
    document named the person again (the word learned was "Jane"): a **leak**, found examining
    redact.xǁRedactorǁ_person_after_title__mutmut_10 (`j <= i + 4`: the mutant was right), fixed. A full stop goes
    on with the name only after the title or an initial ("Dr. Okafor", "Mrs J. Hughes"); after a name it ends the
    sentence, and "Mrs Hughes. Then" took "Then", and "Mrs Hughes. Sam", the next person, as one name (fixed with
    it: four names would have taken more)."""
    assert _redact(env, "Dr Anna Maria Jane Blorpton came. Later Blorpton rang.") == \
        "[PERSON 1] came. Later [PERSON 1] rang."
    assert _redact(env, "Mrs Hughes. Then Sarah came; Dr. Okafor and Mrs A. B. C. Hughes too.") == \
        "[PERSON 1]. Then [PERSON 2] came; [PERSON 3] and [PERSON 1] too."


# --- other people: who is who across one document ---------------------------------------------------------------


def test_a_title_ends_at_the_next_title_or_a_schools_word_and_an_initial_is_no_given_name(env: Env):
    """After a title the name ends at another title ("Dr Blorp Dr Blorpton": two people; the test dropped,
    redact.xǁRedactorǁ_person_after_title__mutmut_21, made them one) or a word of a school's name ("Trust": taken
    into the name by `and` for `or`, 22). A one-letter first word is an initial, no given name: "Mrs J. Hughes" is
    the Hughes the document later calls "Jane Hughes" (one letter taken as a given name, 40, made two people); a
    given name of two letters is one ("Dr Xi Blorpton", then "Xi" alone: `> 2`, 41, left "Xi" readable)."""
    assert _redact(env, "Dr Blorp Dr Blorpton came; Mrs Blorp Trust helped.") == \
        "[PERSON 1] [PERSON 2] came; [PERSON 1] Trust helped."
    assert _redact(env, "Mrs J. Hughes came; Jane Hughes rang.") == "[PERSON 1] came; [PERSON 1] rang."
    assert _redact(env, "Dr Xi Blorpton came. Xi rang.") == "[PERSON 1] came. [PERSON 1] rang."


def test_a_name_met_in_the_document_is_known_again_unless_it_is_a_word(env: Env):
    """A name met once ("Dr Xu") is the person wherever the document names it again ("Xu" alone: a name of two
    letters, not learned with `len(word) > 2`, redact_names.xǁPeopleǁnumber__mutmut_14, was left readable), but not a
    one-letter name ("Dr X", then "Section X": learned with `>= 1`, 13) or a word that is also a name ("Dr Young",
    then the charity "Young Minds": learned by the tests made `or`, 9, 10, 11). A surname met first alone then with
    a given name is one person ("Dr Clarke", "Sarah Clarke": the full name not matched to the earlier partial one,
    xǁPeopleǁ_find__mutmut_15, made two), and a surname two people share is the one named last ("Mrs Jones" after
    "Sarah Jones and Tom Jones": looked for first-named first, 8, gave Sarah)."""
    assert _redact(env, "Dr Xu came. Later Xu rang.") == "[PERSON 1] came. Later [PERSON 1] rang."
    assert _redact(env, "Dr Young rang; Young Minds helped. Dr X came; see Section X.") == \
        "[PERSON 1] rang; Young Minds helped. [PERSON 2] came; see Section X."
    assert _redact(env, "Dr Clarke came. Sarah Clarke rang.") == "[PERSON 1] came. [PERSON 1] rang."
    assert _redact(env, "Sarah Jones and Tom Jones came; Mrs Jones rang.") == \
        "[PERSON 1] and [PERSON 2] came; [PERSON 2] rang."


# --- the case's own people: each role's title and initials, and a surname they share ----------------------------


def test_a_title_before_each_kind_of_known_name_and_a_surname_shared(env: Env):
    """A title or an initial goes with a known name of every role: the child's, a caller's who is not a parent (an
    aunt) ("Miss" left before the child's or the caller's name: the role spelt otherwise in `_find_known`'s list,
    redact.xǁRedactorǁ_find_known__mutmut_16, 17, 20, 21). A surname two of them share is resolved as a whole:
    "Mrs Example" is the caller (the caller left out of the title's choice, _resolve_shared 46, 47, made it the
    family), "X. Example" whoever's first name starts with X (the child Xavier: `rstrip("XX.XX")`, 25, took the
    initial's X away), "K. Example", an initial of no one's, and "Example" alone the family (`len(lead) == 1 or ...`,
    30, crashed on "K."; the caller's hits not grouped, 7, 8, made each of them the child). An aunt who rang is a
    caller, not a parent (redact_names.x_known_from_case__mutmut_45, 49, 53 made her the parent; 54, 55 crashed)."""
    case = {**SAMPLE_CASE, "contact": {**SAMPLE_CASE["contact"], "caller": "other-family"},
            "person": {**SAMPLE_CASE["person"], "relationship": "aunt"},
            "child": {**SAMPLE_CASE["child"], "name": "Xavier Example"}}
    cid = make_case(env, case)
    assert _redact(env, "Miss Jane Example rang about Miss Xavier Example; Mrs Example, X. Example, K. Example and "
                        "Example came.", cid) == "[CALLER] rang about [CHILD]; [CALLER], [CHILD], [FAMILY] and [FAMILY] came."


def test_an_officer_sharing_the_familys_surname(env: Env):
    """An officer of the team whose surname the child shares ("Anna Blorpton", the child "Sam Blorpton"): "Ms Anna
    Blorpton" is the officer with her title (the role spelt otherwise, redact.xǁRedactorǁ_find_known__mutmut_22, 23,
    left "Ms"), "Ms Blorpton" the officer (the officer left out of the title's choice, _resolve_shared 48, 49, made it
    the family; the officer's hits not grouped, 9, 10, the child) and "Blorpton" alone the family."""
    env.new_officer("Anna Blorpton")
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Sam Blorpton"}})
    assert _redact(env, "Ms Anna Blorpton met Sam; Ms Blorpton and Blorpton came.", cid) == \
        "[OFFICER] met [CHILD]; [OFFICER] and [FAMILY] came."


def test_the_familys_own_e_mail_each_time_and_their_handle_are_theirs_in_a_subject_access_copy(env: Env, tmp_path):
    """In the parent's subject-access copy the family's own e-mail is kept readable each time it is written, not only
    the last (`rfind`, redact.xǁRedactorǁ_find_known__mutmut_45, 79: the first or the middle one of three was
    withheld from the family as another person's), and a handle made of their own name is theirs too (its mark
    `known` dropped or made false, 94, 99, 100, 105: "@jane_example" withheld from Jane)."""
    cid = _case(env)
    text = "Jane (@jane_example) wrote from jane@example.org, jane@example.org and jane@example.org."
    assert text in _parents_copy(env, cid, tmp_path, text)


def test_a_name_written_bare_before_its_title_in_the_same_note_or_an_earlier_one(env: Env):
    """"Okonjo phoned; Dr Okonjo wrote.": a name in no list, written bare before the document names it with its title,
    is the same person, in the same note (the second look over the note's words: taken for already replaced,
    redact.xǁRedactorǁ_find_people__mutmut_126, 127, 128, left "Okonjo" readable; numbered None or nothing, 136, 141,
    145) and in an earlier note of a case study (the name learned from the later note: its title looked for in no
    text, 88, crashed). Each person is numbered ("[PERSON None]", 101, 106, 112), replaced whole (an empty span,
    107, left "Jane" and "Dr Okonjo") and the words after a name read on (two at a time, 119, skipped "Okonjo")."""
    assert _redact(env, "Jane rang. Okonjo phoned; Dr Okonjo wrote.") == \
        "[PERSON 1] rang. [PERSON 2] phoned; [PERSON 2] wrote."
    cid = make_case(env)
    for text in ("Okonjo phoned.", "Dr Okonjo wrote."):
        assert env.cli("note", cid, text).exit_code == 0
    r = env.cli("redact", cid, "--style", "tags")
    assert r.exit_code == 0, r.stderr
    assert "\n[PERSON 1] phoned.\n" in r.stdout and "\n[PERSON 1] wrote.\n" in r.stdout


def test_a_short_name_in_a_handle_is_looked_for_at_each_place_it_occurs(env: Env):
    """A name of fewer than 5 letters ("Sam") makes a handle a username only between its pieces' edges, and it is
    looked for at each place it occurs in the handle: in "@sam_samosa" the first, in "@samosa_sam" the last. Looked
    for from the last only (`rfind`, redact_matching.x__all__mutmut_3) left "@sam_samosa" readable; the look never
    moving on (`find(part)`, `find(part, None)`, `at - 1`: 8, 10, 12) never ended on "@samosa_sam" (run as a
    subprocess, so that a redaction that never ends fails the test)."""
    cid = make_case(env)
    r = env.run("redact", cid, "--style", "tags", "--text", "-", input="Her handles: @sam_samosa and @samosa_sam.",
                timeout=30)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Her handles: [USERNAME] and [USERNAME].\n"


@pytest.mark.parametrize("child, text, becomes", [
    ("Theo Blorpton", "The dog was late. Theo came.", "The dog was late. [CHILD] came."),
    ("Sheila Blorpton", "She said her mum came.", "She said her mum came."),
    ("Caroline Blorpton", "Her car broke down. Caro rang.", "Her car broke down. [CHILD] rang."),
    ("Wasim Blorpton", "It was late; Wasim rang.", "It was late; [CHILD] rang."),
    ("Catherine Blorpton", "The cat sat. Cat rang.", "The cat sat. [CHILD] rang."),
    ("William Blorpton", "Will rang; he will.", "[CHILD] rang; he will.")])
def test_a_prefix_of_the_childs_name_that_is_an_ordinary_word_is_no_nickname(env: Env, child: str, text: str,
                                                                              becomes: str):
    """A given name's prefixes are taken for nicknames ("Sam", "Samu" for Samuel), but many are ordinary words: a
    **wrong replacement**, found examining `_first_forms` 14 (a name of 4 letters given no prefix: "The dog barked"
    kept its "The"): every "the" and "The" was the child for a child named Theo, every "she" for a Sheila, "car" for
    a Caroline, "was" for a Wasim, "cat" for a Catherine ("The the child sat", "It the child late"). A prefix that is
    an ordinary word (names/not_nicknames.txt, or a word that begins a school's or street's name) is now no
    nickname, unless it is a given name itself ("Will" for William, still only with its capital); a short form
    that is a word ("Cat", "Kit", "Ash") counts only with its capital, as a common word does."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": child}}
    cid = make_case(env, case)
    assert _redact(env, text, cid) == becomes


def test_each_part_of_a_hyphenated_name_alone_is_the_person(env: Env):
    """A **leak**, found examining `_first_forms` 6 (prefixes of "Jo-Anne" though its first three characters are no
    letters): each word of a case's name alone was the person, but not each part of a hyphenated one, so "Ying" of
    a child "Ka-Ying" and the family's "Quillfeather" or "Zorblan" of "Zorblan-Quillfeather", written alone, were
    left readable. Each part of three letters or more is now the person alone (a shared one the family); a part of
    two ("Ka") is not, as no prefix of two letters is."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "name": "Jane Zorblan-Quillfeather"},
            "child": {**SAMPLE_CASE["child"], "name": "Ka-Ying Zorblan-Quillfeather"}}
    cid = make_case(env, case)
    assert _redact(env, "Ying rang; Quillfeather wrote; Zorblan came.", cid) == \
        "[CHILD] rang; [FAMILY] wrote; [FAMILY] came."


@pytest.mark.parametrize("child, text, becomes", [
    ("Maxi Blorpton", "Max rang.", "[CHILD] rang."),
    ("Amy-Lou Blorpton", "Amy rang; Amy L wrote.", "[CHILD] rang; [CHILD] wrote.")])
def test_a_four_letter_given_name_and_one_hyphenated_after_three_letters_have_prefixes(env: Env, child: str, text: str,
                                                                                      becomes: str):
    """"Max" for a child named Maxi, "Amy" and "Amy L" for an Amy-Lou are the child, not another person of the
    lists: a name of four letters given no prefix (`len(fp) > 4`, redact_matching.x__first_forms__mutmut_14), or
    none for a name whose fourth character is no letter (`fp[:4].isalpha()`, 15), named them "[PERSON 1]"."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": child}}
    cid = make_case(env, case)
    assert _redact(env, text, cid) == becomes


def test_a_given_name_whose_first_three_characters_are_not_letters_has_no_prefix(env: Env):
    """No prefix of fewer than three letters is taken for a nickname: "Jo-Anne" has none ("jo-" is two letters and a
    hyphen). Its prefixes taken all the same (`... or True`, `len(fp) > 3 or fp[:3].isalpha()`,
    redact_matching.x__first_forms__mutmut_6, 12) made "jo-an" one, "Jo an": "met Jo an hour later" lost its
    "an"."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Jo-Anne Blorpton"}}
    cid = make_case(env, case)
    out = _redact(env, "Mum met Jo an hour later.", cid)
    assert out.startswith("Mum met [") and out.endswith("] an hour later.") and "Jo" not in out, out


def test_a_short_name_in_a_handle_is_looked_for_past_a_place_that_is_not_between_edges(env: Env):
    """In "@samosa_sam_samosa" Sam's name is between the handle's edges only at its second place of three, and in
    "@xXxx" (a child recorded as "Xxx": a placeholder) "xxx" only at its second, one letter after the first. The
    look that goes on past a place that is not: `rfind` from the next place (redact_matching.x__all__mutmut_11) or
    from the end (3) left "@samosa_sam_samosa" readable, moving on two letters (13) "@xXxx"; the look made `None`
    or given `None` or no part (6, 7, 9) crashed the command; `find(part)`, `find(part, None)` and `at - 1` (8, 10,
    12) never end (run as a subprocess, so that a redaction that never ends fails the test)."""
    cid = make_case(env)
    r = env.run("redact", cid, "--style", "tags", "--text", "-", input="Her handle: @samosa_sam_samosa.", timeout=30)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Her handle: [USERNAME].\n"
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Xxx Example"}})
    r = env.run("redact", cid, "--style", "tags", "--text", "-", input="His tag is @xXxx.", timeout=30)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "His tag is [USERNAME].\n"


def test_a_name_or_a_handle_written_straight_after_an_ellipsis(env: Env):
    """A **leak**, found examining `handles` 23 and 26 (the handle looked for from a word that ends before the name):
    a word written straight after an ellipsis ("Sam...Example", "her...@sam_2014", a message's way) was taken for the
    rest of a dotted name: the names' matching passed over it (a dotted name is found whole) and the look for a
    handle went back into the word before the dots and stopped at them, so the family's name and the child's handle
    were left readable. An ellipsis is now a word's edge for both; a dotted name, an e-mail address and a web
    address are still found whole."""
    cid = make_case(env)
    assert _redact(env, "Sam...Example rang; follow her...@sam_2014, see...jane_example.", cid) == \
        "[CHILD]...[FAMILY] rang; follow her...[USERNAME], see...[USERNAME]."
    assert _redact(env, "Mail sam.example@x.org or see www.example.org; said.Sam came.", cid) == \
        "Mail [EMAIL] or see [URL]; [USERNAME] came."


def test_a_handle_marked_by_a_capital_after_one_or_two_letters_and_a_long_name_of_five(env: Env):
    """A capital inside a handle marks it and is an edge of its pieces: "iSam" and "xJane" (a capital at the second
    character), "@DrJane" (one after "@" and two letters), "@SamB" (a capital last); a name of exactly five letters
    ("sarah") anywhere in a marked handle. The capitals looked for from the third character (redact_matching.
    x_handles__mutmut_39) left "iSam" and "xJane" readable, one after a lower-case letter two back (42) "@DrJane",
    the long name made six letters (`> 5`, `>= 6`: 72, 73) "@ilovesarah99"; the letter after a capital read instead
    (41) crashed the command on "@SamB", and a name after "+" (`m is None and ...`, 24) on "Sam+Jane"."""
    cid = make_case(env)
    assert _redact(env, "Sam+Jane met; iSam, xJane, @SamB and @DrJane wrote.", cid) == \
        "[CHILD]+[PARENT] met; [USERNAME], [USERNAME], [USERNAME] and [USERNAME] wrote."
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Sarah Example"}})
    assert _redact(env, "@ilovesarah99 wrote.", cid) == "[USERNAME] wrote."


def test_a_handle_written_against_a_word_and_an_at_sign_or_after_a_hyphen(env: Env):
    """A **leak**, found examining `_Matcher._walk` 22 and 24 (a name's end accepted before "_", so that the mutants
    replaced the name inside the handle): "twitter@sam_2014", "insta@jane_example" (a handle written against the
    word before it) and "tag-sam_2014" (after a hyphen) were left readable. The look for a handle went back to the
    word before the "@" and stopped there, and never started after "-" or "+"; it now starts after either. A name
    written against "@" is still the name ("Jane@Example"), an e-mail address is still found whole."""
    cid = make_case(env)
    assert _redact(env, "Find her on twitter@sam_2014, insta@jane_example or tag-sam_2014; Jane@Example; "
                        "mail jane+sam@x.org.", cid) == \
        "Find her on twitter@[USERNAME], insta@[USERNAME] or tag-[USERNAME]; [PARENT]@[FAMILY]; mail [EMAIL]."


def test_a_name_ends_before_a_handles_underscore(env: Env):
    """"Sam Example_1": a name never ends before "_", which joins the word to a handle: the child, then the username
    "Example_1". A name's end accepted before "_" (`"_" and ...`, `== "XX_XX"`,
    redact_matching.xǁ_Matcherǁ_walk__mutmut_22, 24; the ends' test made `child.ends or ...`, 18, the same: a word
    ends before "_" or a mark) took "Sam Example" for the child, longer than the username, and left "_1"."""
    cid = make_case(env)
    assert _redact(env, "Sam Example_1 wrote; so did Jane Example_x.", cid) == \
        "[CHILD] [USERNAME] wrote; so did [PARENT] [USERNAME]."


def test_words_joined_two_ways_by_two_identifiers_are_followed_both_ways(env: Env):
    """The child "Mary-Jane" and the street "Mary Jane Court" share their first two words, joined by a hyphen in one
    and a space in the other: the trie holds both joins after "Mary". Written with two spaces ("Mary  Jane Court"),
    the hyphen's join does not fit and the word's join does: the look stopping at the first join that does not fit
    (`break` for `continue`, redact_matching.xǁ_Matcherǁ_walk__mutmut_17) missed the case's address, and the street
    pattern took it for some street."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "address": "3 Mary Jane Court, Thornbury"},
            "child": {**SAMPLE_CASE["child"], "name": "Mary-Jane Blorpton"}}
    cid = make_case(env, case)
    assert _redact(env, "She lives at Mary  Jane Court; Mary-Jane rang.", cid) == "She lives at [ADDRESS]; [CHILD] rang."


def test_the_case_s_other_people_sharing_a_surname_are_numbered_by_their_given_names(env: Env):
    """Two people recorded on the case with one surname, "Ann Zoblovic" and "Bob Zoblovic", are two people; one
    recorded by a surname alone ("Zoblovic") is numbered as "Mrs Jones" is with "Sarah Jones": as the one of that
    surname. The given name left out of a two-word name's key (`... and False`, `len(words) > 2`,
    redact_matching.x__add_person__mutmut_16, 20) numbered Ann and Bob as one; a one-word name given a given name
    (`... or True`, `>= 1`, "XXXX": 17, 19, 21) numbered "Zoblovic" apart from Ann Zoblovic."""
    people = [{"role": "professional", "name": "Ann Zoblovic", "organisation": "Council"},
              {"role": "other-family", "relationship": "aunt", "name": "Bob Zoblovic"}]
    cid = make_case(env, {**SAMPLE_CASE, "people": people})
    assert _redact(env, "Ann Zoblovic met Bob Zoblovic.", cid) == "[PERSON 1] met [PERSON 2]."
    people = [{"role": "professional", "name": "Zoblovic", "organisation": "Council"},
              {"role": "other-family", "relationship": "aunt", "name": "Ann Zoblovic"}]
    cid = make_case(env, {**SAMPLE_CASE, "people": people})
    assert _redact(env, "Ann Zoblovic came; Zoblovic rang.", cid) == "[PERSON 1] came; [PERSON 1] rang."


def test_another_person_of_the_case_by_a_nickname_a_middle_initial_or_a_name_that_is_a_word(env: Env):
    """The case's other people are found by their nicknames and prefixes ("Bob", "Rob" for Robert) and with a middle
    name written as its initial ("Robert B. Zoblovic"), each numbered as the person: those forms' key made `None`
    (redact_matching.x__add_person__mutmut_52, 70, 102) crashed the command. One recorded by a single name that is
    a word ("Rose") is that word only with its capital: the name taken as a full name too (`len(words) >= 1`, 27)
    made "a rose" the person."""
    people = [{"role": "professional", "name": "Robert Beth Zoblovic", "organisation": "Council"}]
    cid = make_case(env, {**SAMPLE_CASE, "people": people})
    assert _redact(env, "Bob Zoblovic rang; Robert B. Zoblovic wrote; Rob came.", cid) == \
        "[PERSON 1] rang; [PERSON 1] wrote; [PERSON 1] came."
    people = [{"role": "professional", "name": "Rose", "organisation": "Council"}]
    cid = make_case(env, {**SAMPLE_CASE, "people": people})
    assert _redact(env, "A rose grew; Rose rang.", cid) == "A rose grew; [PERSON 1] rang."


def test_a_full_name_as_recorded_is_that_person_before_anothers_nickname(env: Env):
    """A **wrong replacement**, found examining `_add_person` 41 (the full name's rank one higher): the child
    "Samuel Example" and an uncle recorded as "Sam Example": "Sam Example" is the uncle's name as recorded and the
    child's by a nickname, both ranked alike, and the first entered won: "Sam Example rang" said the child rang. The
    name as recorded now ranks above another person's nickname and prefixes ("Sam" alone was already the uncle's:
    a whole word of a name ranks above a prefix)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Samuel Example"},
            "people": [{"role": "other-family", "relationship": "uncle", "name": "Sam Example"}]}
    cid = make_case(env, case)
    assert _redact(env, "Sam Example rang; Samuel came; Sam too.", cid) == "[PERSON 1] rang; [CHILD] came; [PERSON 1] too."


def test_a_nickname_in_a_handle_or_after_a_full_stop_without_a_space(env: Env):
    """A **leak**, found examining `_Matcher.find` 35 (the names looked for after "." and "_" too): for a child named
    William, "@bill_2014" and "said.Bill came" (no space after the full stop) were left readable: the names' matching
    stops at "_" and passes over a word after "." (a dotted name is found whole), and the handles were looked for
    only with the words of the names, not their short forms. The given names' prefixes and nicknames are now looked
    for in handles too; a word that merely holds one stays ("goodwill.x", "billing_x")."""
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "William Example"}})
    assert _redact(env, "Mum said.Bill came; her tag is @bill_2014, not goodwill.x or billing_x.", cid) == \
        "Mum [USERNAME] came; her tag is [USERNAME], not goodwill.x or billing_x."


def test_a_capitalised_word_holding_a_name_is_no_handle(env: Env):
    """A word's first capital is no capital inside: "Bakery" at a sentence's start, for a family named Baker, is the
    word, not a username. The capitals looked for from the first character (`range(len(word))`,
    redact_matching.x_handles__mutmut_37: the first is then a "capital inside" when the word's last letter is small)
    marked every capitalised word as a handle, and "Bakery staff rang" became "[USERNAME] staff rang"."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "name": "Jane Baker"},
            "child": {**SAMPLE_CASE["child"], "name": "Sam Baker"}}
    cid = make_case(env, case)
    assert _redact(env, "Bakery staff rang; Jane Baker came.", cid) == "Bakery staff rang; [PARENT] came."


def test_a_number_that_is_no_date_does_not_stop_the_dates_after_it(env: Env):
    """"12/13/2026" is no date (no 13th month) and stays; the dates after it are still replaced, the child's date of
    birth among them. The look over the dates stopped at the first that is none (`break` for `continue`,
    redact.xǁRedactorǁ_find_dates__mutmut_14) and left "09/03/2014", the date of birth, readable; stopped at the date
    of birth (76), it left the date after it."""
    cid = _case(env)
    assert _redact(env, "Seen 12/13/2026, born 09/03/2014, seen 12/03/2026.", cid) == \
        "Seen 12/13/2026, born [DATE OF BIRTH], seen March 2026."


def test_a_schools_name_found_twice_over_leaves_none_of_it(env: Env):
    """"St Mary's C of E High School": the schools' pattern finds "St Mary's C of E" and, overlapping it, "C of E High
    School"; the second is kept only where the first lost. Kept always (redact.xǁRedactorǁ_find_patterns__mutmut_119),
    it won, and "St" and "Mary's" were left to the names ("St [PERSON 1]")."""
    out = _redact(env, "Her brother goes to St Mary's C of E High School too.")
    assert "St" not in out and "Mary" not in out and "[SECONDARY SCHOOL]" in out, out


def test_a_day_of_the_birth_month_is_the_date_of_birth(env: Env):
    """A date in the month and year of the child's birth is replaced as the date of birth, whatever its day: made its
    month and year ("20 March 2014" -> "March 2014", the child born on 9 March 2014) it said the birth's month and
    year, which the engine itself replaces where they are written alone, so redacting the study again replaced it
    (not idempotent). Found examining the mutant taking any dated day of the birth month for the date of birth
    (redact.xǁRedactorǁ_find_dates__mutmut_62: the mutant was right); **fixed**, the test fails on the old code."""
    cid = _case(env)
    text = "Referred on 20 March 2014; born 09/03/2014, in March 2014; seen 4 March 2015."
    once = _redact(env, text, cid)
    assert once == "Referred on [DATE OF BIRTH]; born [DATE OF BIRTH], in [DATE OF BIRTH]; seen March 2015."
    assert _redact(env, once, cid) == once


def test_the_days_of_a_month_and_a_weekday_before_a_date(env: Env):
    """A day is 1 to 31: "31 March 2026" is a date whose day goes (`day < 31`, redact.xǁRedactorǁ_find_dates__mutmut_29,
    left "31" readable, a birthday on the 31st with it), "32 March 2026" none (`<= 32`, 30, took it). A weekday written
    before a date goes with it ("on Tuesday 4 May 2026": its start made `None`, 52, crashed) from the 16 characters
    before the date ("Thursday,  the  "; 17, `start - 17`, 51, took "Wednesday,  the  " too)."""
    assert _redact(env, "Seen on 31 March 2026, on Tuesday 4 May 2026, on Wednesday,  the  6 May 2026 and on Thursday,  "
                        "the  7 May 2026; ref 32 March 2026.") == \
        "Seen on March 2026, on May 2026, on Wednesday,  the  May 2026 and on May 2026; ref 32 in March 2026."


def test_dates_as_ages_in_words_at_the_start_and_without_a_day(env: Env):
    """`--dates age` in words (the tags' "[AGE 12]" always, redact.xǁRedactorǁ_find_dates__mutmut_104), a date at the
    very start of a note ("On 9 March 2026" is "At age 12": the "on" looked for from the second character, 119, left
    "On"), and a month without a day taken as its first day (the child born on 2 March is 11 "in March 2026": the
    2nd, 89, made 12)."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": "2014-03-02"}}
    cid = make_case(env, case)
    assert _redact(env, "On 9 March 2026 and in March 2026.", cid, "--dates", "age", "--style", "words") == \
        "At age 12 and at age 11."


def test_a_date_read_two_ways_leaves_no_day_behind(env: Env):
    """"4 May 12" is read as "4 May" and as "May 12": the readings are merged into one date, and each reading alone
    is kept for where the merged one loses ("May 4 May Jane Primary": the school takes "May Jane Primary", and "May
    4" is still a date). The merged dates dropped (`hits = ...`, redact.xǁRedactorǁ_find_dates__mutmut_142) left
    "4", the single readings dropped (`fallback = ...`, 148) left "May 4"'s "4": a day of a date readable."""
    assert _redact(env, "On 4 May 12 children came; May 4 May Jane Primary.") == \
        "On May children came; May [PRIMARY SCHOOL]."


def test_the_other_people_a_case_records_are_known_by_their_names_and_details(env: Env):
    """A second parent and a professional recorded on the case (its `people`) are known as the family's are: the
    second parent by name as a parent, the professional's surname alone ("Zoblovic", in no list), and the second
    parent's town alone and their postcode's outward code. No test's case had other people: reading none
    (redact_names.x_known_from_case__mutmut_60 to 63), none with a name (79, 80, 81) or none of their details
    (111) left "Zoblovic", "Wickwar" and "GL12" readable; the second parent taken for a person (66, 73, 74) and
    everyone for a parent (67, 72) named them wrong."""
    case = {**SAMPLE_CASE, "people": [
        {"role": "parent-carer", "name": "Tom Blorpton", "address": "3 Elm Close, Wickwar",
         "postcode": "GL12 8NP", "phone": "07700 900777", "email": "tb@example.net"},
        {"role": "professional", "name": "Ann Zoblovic", "organisation": "Council"}]}
    cid = make_case(env, case)
    out = _redact(env, "Tom Blorpton rang from Wickwar (Elm Close), GL12, 07700900777, TB@example.net; Zoblovic and "
                       "Ann came.", cid)
    assert out.startswith("[PARENT] rang from [PLACE] ([ADDRESS]), [POSTCODE], [PHONE], [EMAIL]; "), out
    assert "Zoblovic" not in out and "Ann" not in out and "[PARENT] and" not in out, out


def test_the_other_people_a_case_records_are_numbered_as_the_documents_other_people(env: Env):
    """A professional recorded on the case came out as "[PERSON ]", with no number, in both styles (found with the
    test above): the case's other people are numbered as the other people a document names are, each once, the
    same number wherever and however named (whole, surname alone, after a title), with their title."""
    case = {**SAMPLE_CASE, "people": [
        {"role": "professional", "name": "Ann Zoblovic", "organisation": "Council"},
        {"role": "other-family", "relationship": "aunt", "name": "Bea Quillfeather"}]}
    cid = make_case(env, case)
    text = "Dr Zoblovic met Bea Quillfeather and Dr Okafor. Ann Zoblovic rang; Quillfeather wrote."
    out = _redact(env, text, cid)
    assert out == "[PERSON 2] met [PERSON 3] and [PERSON 1]. [PERSON 2] rang; [PERSON 3] wrote.", out
    out = _redact(env, text, cid, "--style", "words")
    assert "[PERSON ]" not in out and "Zoblovic" not in out and "Quillfeather" not in out and "Dr" not in out, out


def test_a_handle_marked_by_one_mark_alone_holding_one_name(env: Env):
    """A handle holding one name of the case is marked by any one of its marks alone: "@sam", "sam_x", "sam.x",
    "sam99", "SamZed"; a name of 5 letters or more anywhere in it ("@myexamplepage"); a shorter one only between its
    pieces' edges ("@samosa_x" is not Sam's); one at the very start of the text ("@jane_example rang"). The marks
    joined by `and` or spelt otherwise (redact_matching.x_handles__mutmut_44, 45, 46, 47, 50, 52, 53), the edges
    wrong (59, 60, 63, 64, 75, 76, 77, 78), the long name needing edges too (71), or the look back stopping at the
    text's second character (7) left a handle, Sam's or Jane's, readable; `s = 1` (15) never ended (run as a
    subprocess, so that a redaction that never ends fails the test)."""
    cid = make_case(env)
    r = env.run("redact", cid, "--style", "tags", "--text", "-", timeout=30, input=(
        "@jane_example rang; @sam, sam_x, sam.x, sam99, SamZed and @myexamplepage wrote, not @samosa_x."))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ("[USERNAME] rang; [USERNAME], [USERNAME], [USERNAME], [USERNAME], [USERNAME] and [USERNAME] "
                        "wrote, not @samosa_x.\n")


def test_a_title_written_with_a_full_stop_takes_the_name_after_it(env: Env):
    """"Dr. Blorpton", "Mrs. J. Blorpton": a title written with a full stop takes the name after it as the title
    without one does. The title's words were read on only where the word after the title stood after blanks alone,
    so a surname in no list after "Dr." was left readable, there and wherever the document named the person again:
    a **leak**, found examining redact.xǁRedactorǁ_person_after_title__mutmut_21 (`initials=j == i - 1`: the full
    stop after the title refused, which no input could tell from the code, since the title's first name was never
    read after a full stop), fixed; on the fixed code that mutant leaves "Dr. Blorpton" readable again."""
    assert _redact(env, "Dr. Blorpton came. Later Blorpton rang.") == "[PERSON 1] came. Later [PERSON 1] rang."
    assert _redact(env, "Mrs. J. Blorpton came; Dr.Zorbel too.") == "[PERSON 1] came; [PERSON 2] too."


def test_a_title_takes_no_fifth_word_as_the_surname(env: Env):
    """A title takes four names at most; a capitalised word after the fourth is not the name's: at a line's start
    ("Next steps" after a name ending a line) or a letter after a name ("MBE"). Taken as the surname (five names,
    `j <= i + 5`, redact.xǁRedactorǁ_person_after_title__mutmut_10), it made "Next" or "MBE" the surname learned,
    and "Blorpton", the true one in no list, was left readable where the document named the person again."""
    assert _redact(env, "Met Dr Anna Maria Jane Blorpton\nNext steps: Blorpton to write.") == \
        "Met [PERSON 1]\nNext steps: [PERSON 1] to write."
    assert _redact(env, "Mrs Anna Maria Jane Blorpton MBE came. Later Blorpton rang.") == \
        "[PERSON 1] MBE came. Later [PERSON 1] rang."


def test_the_cases_other_people_sharing_a_given_name_or_a_surname_are_told_apart(env: Env):
    """The case's other people are numbered by given name and surname both: an aunt and an uncle sharing a surname
    ("Ann Zoblovic", "Tom Zoblovic") and two aunts sharing a given name ("Ann Quillfeather") are three people, and one
    recorded by a single name ("Blorpwick") is one person each time. Numbered by the surname alone
    (redact.xǁRedactorǁ_words__mutmut_13, and `given and None`, 17) the uncle was the first aunt; by the given name
    alone (14) the two aunts were one, and the one-name professional a new person each time he was named."""
    case = {**SAMPLE_CASE, "people": [
        {"role": "other-family", "relationship": "aunt", "name": "Ann Zoblovic"},
        {"role": "other-family", "relationship": "aunt", "name": "Ann Quillfeather"},
        {"role": "other-family", "relationship": "uncle", "name": "Tom Zoblovic"},
        {"role": "professional", "name": "Blorpwick", "organisation": "Council"}]}
    cid = make_case(env, case)
    out = _redact(env, "Ann Zoblovic, Ann Quillfeather and Tom Zoblovic came; Blorpwick rang. Blorpwick wrote.", cid)
    assert out == "[PERSON 1], [PERSON 2] and [PERSON 3] came; [PERSON 4] rang. [PERSON 4] wrote.", out


def test_a_sentences_start_is_looked_for_in_the_24_characters_before(env: Env):
    """A replacement starting a sentence takes a capital ("An email address wrote."); the sentence's end is looked for
    in the 24 characters before it, blanks, quotes and brackets between (text laid out with spaces, as a pasted
    table is): 23 blanks after "Seen." still start a sentence, 24 no longer do. Looked for in 25
    (redact.x__sentence_start__mutmut_13) the replacement after 24 took the capital."""
    for blanks, words in ((23, "An email address"), (24, "an email address")):
        text = "Seen." + " " * blanks + "jo@blorp.org wrote."
        assert _redact(env, text, "--style", "words") == "Seen." + " " * blanks + words + " wrote."


def test_the_familys_own_address_and_outward_code_are_theirs_in_a_subject_access_copy(env: Env, tmp_path):
    """In the parent's subject-access copy the family's own address, written whole or by its parts, and their
    postcode's outward code alone stay readable: the engine finds them as the case's own (``Replacement.known``), and
    `sar` keeps those. The mark dropped or made false for everything the case's names and details are found by
    (redact.xǁRedactorǁ_find_known__mutmut_37, 43, 44) withheld "3 Elm Close, Wickwar", "Elm Close" and "EX1" from
    the family as another person's ("an address", "a postcode"); the tests above of their own details had only the
    phone, the e-mail, the handle and the postcode whole, which other finds mark."""
    cid = _case(env, address="3 Elm Close, Wickwar")
    text = "We moved to 3 Elm Close, Wickwar (EX1) in May; Elm Close is quiet."
    assert text in _parents_copy(env, cid, tmp_path, text)


def test_an_invisible_mark_before_a_name_goes_with_it_and_nothing_more(env: Env):
    """An invisible mark typed just before a name (a variation selector, which the reading of the text leaves with the
    character before it) is replaced with the name, and nothing before it: "Hi \\ufe0fJane." is "Hi [PERSON 1].". The
    look made two characters at a time (redact.xǁRedactorǁ_render__mutmut_45) took the blank too ("Hi[PERSON 1]."),
    made `start = 1` (43) all but the first letter. An invisible mark at the text's very end is no mark before a
    name at its very start: looked for at or before the last replacement's end (`start >= pos`, 39), the mark at
    index -1 moved the start before 0, and the whole text but its last character was written out readable before
    the first replacement ("Jane rang.[PERSON 1] rang.")."""
    assert _redact(env, "Hi \ufe0fJane.") == "Hi [PERSON 1]."
    assert _redact(env, "Jane rang.\u034f") == "[PERSON 1] rang.\u034f"


def test_a_weekday_before_a_date_at_the_texts_very_start_goes_with_it(env: Env):
    """A weekday before a date at the text's very start goes with the date ("Monday 4 May 2026" is "May 2026"): looked
    for from the 2nd character (`max(1, ...)`, redact.xǁRedactorǁ_find_dates__mutmut_47) it was left readable. A month
    without a day is its 1st for the child's age: a child born on 2 March 2014 is 5 "in March 2020" and 6 on its 2nd
    (taken as the 2nd, `day or 2`, 81, the month said 6; the run's own tests caught that one too)."""
    assert _redact(env, "Monday 4 May 2026: visit.") == "May 2026: visit."
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "date_of_birth": "2014-03-02"}})
    assert _redact(env, "Seen in March 2020 and on 2 March 2020.", cid, "--dates", "age") == \
        "Seen at [AGE 5] and at [AGE 6]."


def test_a_name_learned_later_in_the_same_text_takes_its_initials(env: Env):
    """"J. Okonjo rang. Dr Okonjo came.": a name in no list written bare, then with its title later in the same text,
    is replaced with the initials before it, as everywhere else ("Mrs J. Hughes", "J. Hughes"). The second look over
    a text's words (names learned only after they were first written) replaced the name alone, leaving "J."
    readable in a free-standing text (a document's texts are learned first, and took them): found examining
    redact.xǁRedactorǁ_find_people__mutmut_113 (`i = ...` for `i += ...`: the words read again from the start, the
    mutant took "J. Okonjo" whole), fixed."""
    assert _redact(env, "J. Okonjo rang. Dr Okonjo came; Sarah too.") == \
        "[PERSON 1] rang. [PERSON 1] came; [PERSON 2] too."


def test_a_given_name_written_bare_before_two_people_share_it_is_the_one_named_last(env: Env):
    """A given name in no list written bare ("Zephyrine") before two people of that name are named with their title is
    the one the text names last, as a surname two people share is ("Mrs Jones"): the bare names are looked at again
    once the whole text has been read. Read again from the start after each name (`i = ...` for `i += ...`,
    redact.xǁRedactorǁ_find_people__mutmut_113) it was numbered as the first Zephyrine, the only one named by then."""
    assert _redact(env, "Then Zephyrine rang. Dr Zephyrine Blorpton came; Sarah too. Dr Zephyrine Quillfeather wrote.") \
        == "Then [PERSON 3] rang. [PERSON 1] came; [PERSON 2] too. [PERSON 3] wrote."


def test_a_web_address_with_a_scheme_and_no_www_is_a_web_address(env: Env):
    """A web address written with its scheme and no "www." ("https://blorp.org/...") is a web address, path and all.
    No test had one: looked for only where "www." is written (`"XX://XX"`, redact.xǁRedactorǁ_find_patterns__mutmut_20)
    or only where no "://" is (21), it was left readable, the child's page on it included."""
    assert _redact(env, "See https://blorp.org/kids/zephyrine-q and http://10.0.0.1/x.") == "See [URL] and [URL]."


def test_a_school_beats_a_street_of_the_same_length_over_the_same_words(env: Env):
    """Two schools written one after the other with no comma ("Beacon School Elm Court Junior"): "School Elm Court" reads
    as a street and "Elm Court Junior" as a school, as long as each other; the school wins (its rank is the higher),
    and both schools are replaced. The street ranked as a school (19 for 18, redact.xǁRedactorǁ_find_patterns__mutmut_84)
    won the tie by coming first, and left "Beacon" readable and "Junior" taken for a person."""
    assert _redact(env, "Beacon School Elm Court Junior") == "[SCHOOL] [PRIMARY SCHOOL]"


def test_a_street_of_three_words_is_replaced_whole(env: Env):
    """A street's name of two words before its kind ("Blorpton Oak Road") is one street, replaced whole. Looked for only
    without the middle word (the shorter pattern alone, redact.xǁRedactorǁ_find_patterns__mutmut_57), "Oak Road" was
    the street and "Blorpton" was left readable."""
    assert _redact(env, "They live on Blorpton Oak Road now.") == "They live on [STREET] now."


def test_a_street_by_its_pattern_and_a_schools_kind_or_a_month_before_it_is_no_school(env: Env):
    """A street no case holds is found by its pattern ("Blorpton Lane"): the streets' patterns skipped
    (`s = None`, redact.xǁRedactorǁ_find_patterns__mutmut_67) or taken only where their leading words left nothing
    (`s is None`, 74) left it readable. A school's kind alone, its leading words skipped, names no school
    ("Secondary School starts": `s <= ...`, 103, made "School" one); nor does a month's name before it, which with
    the day before it is a date ("On 4 May Primary pupils": the month's test given no start or no end, 112, 113,
    made "May Primary" a school and left the day, "4", readable)."""
    assert _redact(env, "They moved to Blorpton Lane.") == "They moved to [STREET]."
    assert _redact(env, "Secondary School starts in September.") == "Secondary School starts in September."
    assert _redact(env, "On 4 May Primary pupils start.") == "On May, Primary pupils start."


# --- the case's people in the trie and in handles: `_add_person` and `name_parts` on the fixed code ----------------


def test_a_three_letter_part_of_a_hyphenated_name_is_the_person_alone(env: Env):
    """Each part of three letters or more of a hyphenated name is the person alone: "Lin" of a child "Mei-Lin", "Fox"
    of the family's "Zorblan-Fox". The parts' bound made four letters (`len(p) > 3`, `len(p) >= 4`,
    redact_matching.x__add_person__mutmut_84, 85) left them to the lists' other people or readable: the one test had
    parts of four letters or more."""
    case = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "name": "Jane Zorblan-Fox"},
            "child": {**SAMPLE_CASE["child"], "name": "Mei-Lin Zorblan-Fox"}}
    cid = make_case(env, case)
    assert _redact(env, "Lin rang; Fox wrote.", cid) == "[CHILD] rang; [FAMILY] wrote."


def test_a_handle_after_a_hyphenated_given_name_is_found(env: Env):
    """For a child "Zoe-Marie", "zoe-marie_2014": "zoe" is the child (a part of her given name) and "marie_2014" a
    handle holding her name. Only letters go into the handles' pattern; the given name's prefixes with a hyphen
    taken too (`w.isascii() or w.isalpha()`, redact_matching.x_name_parts__mutmut_17) made "zoe-mari" one, which
    took the letters of "marie" and hid the handle after it: "marie_2014" was left readable."""
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Zoe-Marie Example"}})
    assert _redact(env, "Her tag is zoe-marie_2014 now.", cid) == "Her tag is [CHILD]-[USERNAME] now."


def test_a_full_name_as_recorded_is_that_person_before_anothers_middle_name_form(env: Env):
    """As `full_name_as_recorded`, with a middle name: the child "Samuel John Example" and an uncle recorded as "Sam
    John Example". "Sam John Example" is the uncle's name as recorded (ranked 81) and the child's given-name form with
    his middle name (80). The middle-name form ranked 81 too (redact_matching.x__add_person__mutmut_77, explained as
    equivalent while the full name ranked 80, alike) tied with the uncle's name, and the child, entered first, won:
    "Sam John Example rang" said the child rang."""
    case = {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "Samuel John Example"},
            "people": [{"role": "other-family", "relationship": "uncle", "name": "Sam John Example"}]}
    cid = make_case(env, case)
    assert _redact(env, "Sam John Example rang; Samuel J Example came.", cid) == "[PERSON 1] rang; [CHILD] came."


# --- other people's names after something already found, and where the names' matching starts (fourth run) -----


_OAK_DR = {**SAMPLE_CASE, "person": {**SAMPLE_CASE["person"], "address": "4 Oak Dr, Wickwar"}}


def test_a_name_after_a_national_insurance_number_ending_a_sentence_is_replaced(env: Env):
    """A **leak**, found examining redact.xǁRedactorǁ_find_people__mutmut_140 (the name learned later taken with the
    initials before it even where they are already replaced): a National Insurance number ends in a letter, so at a
    sentence's end ("AB 12 34 56 C. Hughes") its "C." was read as an initial of the name after it. The case's
    people's names took it, were longer than the number, and won: "AB 12 34 56" was left readable before the parent's
    full name; the family's surname alone or the child's first name lost to the number instead, and were left
    readable or called another person; another person's listed surname or first name overlapped the number and was
    passed over. No initial is read straight after a number now."""
    cid = make_case(env)
    assert _redact(env, "NI AB 12 34 56 C. Jane Example rang; NI AB 12 34 56 C Sam came.", cid) == \
        "NI [NI NUMBER]. [PARENT] rang; NI [NI NUMBER] [CHILD] came."
    assert _redact(env, "NI AB 12 34 56 C. Example rang.", cid) == "NI [NI NUMBER]. [FAMILY] rang."
    assert _redact(env, "Her NI number is AB 12 34 56 C. Hughes confirmed it.") == \
        "Her NI number is [NI NUMBER]. [PERSON 1] confirmed it."
    assert _redact(env, "NI AB 12 34 56 C. Sarah rang.") == "NI [NI NUMBER]. [PERSON 1] rang."


def test_a_name_after_an_address_ending_in_dr_is_replaced_alone(env: Env):
    """A **leak**, found with the one above: the family's address ending in "Dr" (Drive) at a sentence's end, "4 Oak
    Dr. Hughes rang.", made "Dr." the title of the name after it; the name with it overlapped the address already
    replaced and was passed over, left readable. A name whose title or initials are already replaced is now taken
    alone, as the second look over a text's words (names learned only later) took it already."""
    cid = make_case(env, _OAK_DR)
    assert _redact(env, "They live at 4 Oak Dr. Hughes rang. 4 Oak Dr. Sarah came.", cid) == \
        "They live at [ADDRESS]. [PERSON 1] rang. [ADDRESS]. [PERSON 2] came."


def test_a_name_learned_later_after_a_replaced_title_is_replaced_alone(env: Env):
    """A name in no list written bare after the family's address ending in "Dr" (Drive) and learned later in the text
    ("4 Oak Dr. Blorpton rang. Dr Blorpton came.") is taken without the address's "Dr.", already replaced. Taken with
    it (redact.xǁRedactorǁ_find_people__mutmut_140, the check `... and False`), the name's span overlapped the
    address's, the longer address won, and "Blorpton" was left readable."""
    cid = make_case(env, _OAK_DR)
    assert _redact(env, "They live at 4 Oak Dr. Blorpton rang. Dr Blorpton came.", cid) == \
        "They live at [ADDRESS]. [PERSON 1] rang. [PERSON 1] came."


def test_a_name_learned_later_takes_its_initials_after_another_name(env: Env):
    """"Sarah rang J. Okonjo. Dr Okonjo came.": the name learned later takes its initials ("J.") wherever something is
    replaced before them in the text. With its span's check looked for from the text's start
    (`taken.overlaps(None, ...)`, redact.xǁRedactorǁ_find_people__mutmut_142) "Sarah", replaced first, made the
    initials count as taken, and "J." was left readable."""
    assert _redact(env, "Sarah rang J. Okonjo. Dr Okonjo came.") == "[PERSON 1] rang [PERSON 2]. [PERSON 2] came."


def test_a_handle_written_before_a_known_name_that_starts_with_its_last_piece(env: Env):
    """A handle or dotted name is found whole ("@sam_example", "sam.example"), and the case's names are not looked for
    from inside it: the child's school, "Example Hill Primary School", written straight after a handle ending in
    "example", is the school from "Hill". Looked for after "_" and "." too (redact_matching.xǁ_Matcherǁfind__mutmut_35,
    the skip's `or` made `and`; 37, the character after the word's first read for the one before it), the school
    from "example" on was longer than the handle and won, and "@sam_" was left readable (the child's name)."""
    cid = make_case(env)
    assert _redact(env, "Follow @sam_example Hill Primary School and sam.example Hill Primary School.", cid) == \
        "Follow [USERNAME] [PRIMARY SCHOOL] and [USERNAME] [PRIMARY SCHOOL]."


# --- handles, the changed code's run (`handles` of redact_matching.py; its survivors examined by diff) ------------


def test_a_handle_after_a_mark_no_handle_starts_with_in_a_text_that_starts_with_one(env: Env):
    """A handle is looked for from where the look back over its characters stopped, and from the next character
    where no handle starts there (".sam_2014", a full stop before it); a text may start with a character no handle
    starts with ("(sam_2014 ..."). Every test's text started with a letter or "@", and had no handle after a lone
    full stop. The first look made from the text's start (`HANDLE.match(seen, )`, redact_matching.x_handles__mutmut_22)
    then started one character late and left "(sam_2014" readable; after a lone full stop, the look on one character
    too far (`s + 2`, 33) left ".sam_2014" readable, the handle's end read where none was found (`if m or True`, 28)
    and each later look made from the text's start (43) crashed the command, and the look one character back (`s -
    1`, 32) never ends (a timeout)."""
    cid = make_case(env)
    assert _redact(env, "(sam_2014 wrote; see .sam_2014 or _sam_2014.)", cid) == \
        "([USERNAME] wrote; see .[USERNAME] or [USERNAME].)"


def test_a_handle_marked_by_an_at_sign_alone_and_a_word_of_exactly_two_names_in_process(env: Env):
    """"@sam" is marked as a handle by its "@" alone, and "samexample" is made of exactly two of the case's names
    ("janeexample", the one word of two names the tests had, also holds Jane's short form "jan": three). The "@" not
    read as a mark (`startswith("XX@XX")`, redact_matching.x_handles__mutmut_66) made "@sam" the name after an "@"
    ("@[CHILD]"); three names needed (`> 2`, `>= 3`: 102, 103) left "samexample" readable. (The subprocess test of
    one mark alone has "@sam" too, but the run does not trace a subprocess: this one runs in the test's process.)"""
    cid = make_case(env)
    assert _redact(env, "@sam and samexample wrote.", cid) == "[USERNAME] and [USERNAME] wrote."


def test_a_word_made_of_two_names_is_a_username_marked_or_not_and_a_name_with_its_short_form_is_one(env: Env):
    """A **leak** and **wrong replacements**, found examining redact_matching.x_handles__mutmut_66, 102 and 103: the
    given names' short forms, now looked for in handles, counted as names of their own, so any word holding a given
    name and its short form was "made of two names": for a Jane, "Janet" (another person) was "[USERNAME]", for a
    William "willing" and the surnames "Williams" and "Willis" (William's "wil", "will", "willi", "liam"). And a word
    made of two short names was a username only unmarked: "samjane" was, "@samjane", "samjane99" and "@samjane_x"
    were left readable (neither name of 5 letters, neither between the pieces' edges). The names a word is made of
    are now those no longer one found takes whole (Jane's "jan" lies within "jane"), marked or not."""
    cid = make_case(env)
    assert _redact(env, "Janet rang; @samjane, samjane99 and @samjane_x wrote; samjane too.", cid) == \
        "[PERSON 1] rang; [USERNAME], [USERNAME] and [USERNAME] wrote; [USERNAME] too."
    cid = make_case(env, {**SAMPLE_CASE, "child": {**SAMPLE_CASE["child"], "name": "William Example"}})
    assert _redact(env, "Will was willing; Williams and Willis rang; @bill_2014 and williamexample wrote.", cid) == \
        "[CHILD] was willing; [PERSON 1] and [PERSON 2] rang; [USERNAME] and [USERNAME] wrote."


# --- rdnum: `_find_numbers` and `intl_phone` (the fourth run's survivors) ------------------------------------------


def test_another_countrys_number_is_found_after_a_plus_alone_or_a_00_alone(env: Env):
    """Another country's number is looked for only where the text holds a "+" or "00" (the pattern starts with one):
    every test had both in one text, so the look made `and` (redact.xǁRedactorǁ_find_numbers__mutmut_40), `"XX+XX"`
    (41), `"+" not in` (42), `"XX00XX"` (43) or `"00" not in` (44) left a number written with the one and not the
    other readable. Each text here holds only one of the two."""
    assert _redact(env, "Call +1 202 555 0143 today.") == "Call [PHONE] today."
    assert _redact(env, "Call 0033 1 42 68 53 00 today.") == "Call [PHONE] today."
    assert _redact(env, "Call 001 202 555 0143 today.") == "Call [PHONE] today."


def test_another_countrys_number_before_another_number_is_its_longest_valid_start(env: Env):
    """Two numbers written one after the other ("+98 21 2345 6789 07700 900555", pasted from a form): the pattern takes
    the second's groups too, and the first number is the longest start of the match that is a valid one. Tried from
    the shortest start (`[::+1]`, redact_patterns.x_intl_phone__mutmut_4) the Tehran number was "+98 21 2345" (valid
    too) and "6789" was left readable; trying every other group's end (`[::-2]`, 5) gave the same, and missed the end
    of "+1 202 555 0143" altogether, leaving it readable whole."""
    assert _redact(env, "Phones +98 21 2345 6789 07700 900555.") == "Phones [PHONE] [PHONE]."
    assert _redact(env, "Phones +1 202 555 0143 07700 900555.") == "Phones [PHONE] [PHONE]."


def test_a_uk_number_written_into_another_countrys_is_replaced_with_it(env: Env):
    """A UK number's pattern can start inside another country's number and run past it ("+1 202 555 0143 1 2 3 4567":
    "0143 1 2 3 4567" is a possible UK number, as long as the American one). Whichever of the two won, the other's
    digits were left readable ("+1 202 555 [PHONE]"): found examining redact.xǁRedactorǁ_find_numbers__mutmut_57 (the
    other country's number ranked as a UK one, 30 for 29, so the one starting first won the tie), fixed: the two are
    replaced as one. The same with the UK number first ("0123 0033 1 42 68 53 00"); a UK number after another
    country's with nothing shared stays a number of its own, written against its closing bracket too ("...(0143)(0113)
    496 0123", "...(0143)+33 1 42 68 53 00")."""
    assert _redact(env, "Call +1 202 555 0143 1 2 3 4567 now.") == "Call [PHONE] now."
    assert _redact(env, "Call +1 202 555 0143 -123 -4567 now.") == "Call [PHONE] now."
    assert _redact(env, "Call 0123 0033 1 42 68 53 00 now.") == "Call [PHONE] now."
    assert _redact(env, "Call +1 202 555 0143 or 07700 900555 now.") == "Call [PHONE] or [PHONE] now."
    assert _redact(env, "Call +1 202 555 (0143)(0113) 496 0123 now.") == "Call [PHONE][PHONE] now."
    assert _redact(env, "Call +1 202 555 (0143)+33 1 42 68 53 00 now.") == "Call [PHONE][PHONE] now."


# --- the merged fixes' run: a name's start, and the surname in the plural ------------------------------------------


def test_a_names_initials_are_taken_with_it_whatever_is_replaced_after_it(env: Env):
    """A name's title and initials are left out only where they are already replaced (`_name_start`); what is
    replaced after the name does not count. Looked for to the text's end instead of the name's (`e` made `None`,
    redact.xǁRedactorǁ_find_people__mutmut_80, 92, 102: a listed first name, a listed surname alone, a name met
    earlier), the phone number at the end left each "J.", "K.", "L." readable."""
    text = "J. Sarah Jones rang. K. Hughes wrote. Dr Zorbel came; L. Zorbel rang. Call 07700 900123."
    assert _redact(env, text) == "[PERSON 1] rang. [PERSON 2] wrote. [PERSON 3] came; [PERSON 3] rang. Call [PHONE]."


def test_the_familys_surname_in_the_plural_is_taken_out(env: Env):
    """A **leak**, fixed: notes speak of a family by its surname in the plural ("the Examples came", "the
    Joneses"), and that was left readable. English plurals: -es after s, x, z, ch and sh. A family whose surname is an ordinary word is found
    in the plural with a capital, as in the singular ("the Bells came", but "the bells rang" stays). A person
    recorded by a surname alone ("Dr Okafor") is found in the plural too. A plural's ending in capitals
    (redact_names.x_plural_of__mutmut_5, 19) made "the churches" or "the bells" the family: mutmut's run counts them
    survived, its own process having read the common words' plurals once before the mutant was switched on."""
    plurals = {"Example": "Examples", "Jones": "Joneses", "Fox": "Foxes", "Lutz": "Lutzes", "Church": "Churches",
               "Nash": "Nashes", "Bell": "Bells"}
    for surname, plural in plurals.items():
        case = copy.deepcopy(SAMPLE_CASE)
        case["person"]["name"], case["child"]["name"] = f"Kim {surname}", f"Lee {surname}"
        cid = make_case(env, case)
        r = env.cli("redact", cid, "--style", "tags", "--text", "-",
                    input=f"The {plural} came. Dear {plural}, the {plural}' car.")
        assert r.exit_code == 0, r.stderr
        assert r.stdout == "The [FAMILY] came. Dear [FAMILY], the [FAMILY]' car.\n", surname
    r = env.cli("redact", cid, "--style", "words", "--text", "-", input="The Bells came; the bells rang; the bell.")
    assert r.stdout == "The the family came; the bells rang; the bell.\n"
    # "church" is a word too: its plural, "churches", in lower case is no name either.
    case["person"]["name"], case["child"]["name"] = "Kim Church", "Lee Church"
    r = env.cli("redact", make_case(env, case), "--style", "tags", "--text", "-", input="The Churches; the churches.")
    assert r.stdout == "The [FAMILY]; the churches.\n"
    # One recorded by a surname alone, after a title.
    people = [{"role": "professional", "name": "Dr Okafor", "organisation": "Council"}]
    r = env.cli("redact", make_case(env, {**SAMPLE_CASE, "people": people}), "--style", "tags", "--text", "-",
                input="Dr Okafor rang; the Okafors came.")
    assert r.stdout == "[PERSON 1] rang; the [PERSON 1] came.\n"


# --- what a review of the fourth look's fixes found ---------------------------------------------------------------


def test_an_initial_after_a_number_that_is_no_national_insurance_number_is_the_names(env: Env):
    """A **leak** the first fix for "AB 12 34 56 C. Hughes" made: no initial was read after any number and a space,
    so a date, a flat or a phone number before a name left its initial readable and the case's person read as the
    family ("On 4 May 2026 J. [FAMILY] rang"). Only a National Insurance number's last letter is no initial."""
    cid = make_case(env)
    text = "On 4 May 2026 J. Example rang. Flat 3 S. Example is the tenant. Call 07700 900555 J. Example answered."
    assert _redact(env, text, cid) == \
        "On May 2026 [PARENT] rang. Flat 3 [CHILD] is the tenant. Call [PHONE] [PARENT] answered."
    assert _redact(env, "NI AB 12 34 56 C. Example rang.", cid) == "NI [NI NUMBER]. [FAMILY] rang."
    text = "On 12 March 2026 J. Smith rang. Year 6 T. Jones is the teacher. NI AB 12 34 56 C. Hughes rang."
    assert _redact(env, text) == \
        "On March 2026 [PERSON 1] rang. Year 6 [PERSON 2] is the teacher. NI [NI NUMBER]. [PERSON 3] rang."


def test_initials_after_a_replaced_address_ending_in_dr_go_with_the_name(env: Env):
    """After the family's address ending in "Dr" the name was taken alone, so its initials were left readable ("4 Oak
    Dr. J. Hughes" gave "[ADDRESS]. J. [PERSON 1]"): what follows the replaced part goes with the name."""
    cid = make_case(env, _OAK_DR)
    assert _redact(env, "They live at 4 Oak Dr. J. Hughes rang. 4 Oak Dr. Hughes came.", cid) == \
        "They live at [ADDRESS]. [PERSON 1] rang. [ADDRESS]. [PERSON 1] came."


def test_a_surname_that_reads_as_a_words_plural_is_found_in_lower_case_as_before(env: Env):
    """A **leak** the plural's first fix made: every match that read as a common word's plural needed a capital, so a
    family Childs ("child" + s), Hays or Marks written in lower case was left readable ("spoke to mrs childs"). Only
    the surname's own plural ("the Bells") is held to the rule. A name that ends in no letter has no plural ("Jane
    2" made "2s" the parent)."""
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"]["name"], case["child"]["name"] = "Kim Childs", "Lee Childs"
    assert _redact(env, "spoke to mrs childs; childs rang. Childs came. The Childses came.", make_case(env, case)) == \
        "spoke to mrs [FAMILY]; [FAMILY] rang. [FAMILY] came. The [FAMILY] came."
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"]["name"] = "Jane 2"
    assert _redact(env, "in the 2s and 3s, Jane came", make_case(env, case)) == "in the 2s and 3s, [PARENT] came"


def test_a_national_insurance_number_at_the_texts_start_or_inside_a_word(env: Env):
    """The number at the text's very start is one too, and its letter no initial of the case's person after it (the
    look back from the text's second character, redact_names.x_extend_left__mutmut_25: the name took "C." and, the
    longer, left "AB 12 34 56" readable); letters and digits inside a longer word are no number ("REFAB 12 34 56
    C."), so "C." is the name's initial."""
    assert _redact(env, "AB 12 34 56 C. Example rang.", make_case(env)) == "[NI NUMBER]. [FAMILY] rang."
    assert _redact(env, "Ref REFAB 12 34 56 C. Hughes rang.") == "Ref REFAB 12 34 56 [PERSON 1] rang."


def test_a_surname_with_an_apostrophe_has_its_plural(env: Env):
    """"The O'Briens", "the Dall'Os": the plural of a surname ending in a letter, whatever is before it (its first
    letter, `last[+1:]`, or its last two, `last[-2:]`, looked at: redact_matching.x__add_person__mutmut_102, 103)."""
    for surname in ("O'Brien", "Dall'O"):
        case = copy.deepcopy(SAMPLE_CASE)
        case["person"]["name"], case["child"]["name"] = f"Kim {surname}", f"Lee {surname}"
        assert _redact(env, f"The {surname}s came.", make_case(env, case)) == "The [FAMILY] came.", surname
