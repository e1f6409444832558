"""The redaction engine: known identifiers in any spelling, patterns, consistency, idempotence, no identifier left."""

import re
import string

from hypothesis import example, given, settings, strategies as st

from sendvault.disclosure import redact, redact_names, redact_patterns
from sendvault.basics import spelling

CASE = {"person": {"name": "Jane Example", "address": "14 Mill Lane, Thornbury, Bristol", "postcode": "BS35 2AB",
                   "phone": "07700 900123", "email": "jane@example.org", "relationship": "mother"},
        "child": {"name": "Samuel Zoë Example", "date_of_birth": "2014-03-09", "school": "Thistlecombe Primary School"},
        "contact": {"caller": "parent-carer"}, "profile": {"school_phase": "primary", "age_band": "11-15"}}


def run(text, style="words", **kw):
    return redact.Redactor(redact_names.known_from_case(CASE, **kw), style).redact(text).text


def test_names_in_any_spelling():
    out = run("JANE rang about sam's EHCP; Samuel\nExample and S. Example, zoe too. Mrs Example agreed.")
    assert out == "The parent rang about the child's EHCP; the child and the child, the child too. The parent agreed."


def test_address_school_and_contact_details():
    out = run("At 14 Mill Lane, near Mill Lane in Thornbury (bs352ab), thistlecombe primary; call +44 7700 900 123 "
              "or JANE@EXAMPLE.ORG")
    for gone in ("14", "Mill", "Thornbury", "bs35", "thistlecombe", "7700", "JANE"):
        assert gone.lower() not in out.lower()
    assert "a primary school" in out


def test_patterns_the_case_does_not_hold():
    text = ("Dr Okafor at Riverside Academy, 0113 496 0123, nhs 943 476 5919, NI AB 12 34 56 C, "
            "anna.lee@school.sch.uk, www.example.org/x, LS1 4AP, 3rd of June 2025, 12/03/2026, 27 Station Road")
    out = run(text, style="tags")
    assert out == ("[PERSON 1] at [SCHOOL], [PHONE], nhs [NHS NUMBER], NI [NI NUMBER], [EMAIL], [URL], [POSTCODE], "
                   "June 2025, March 2026, [ADDRESS]")


def test_checksums():
    assert redact_patterns.nhs_number_valid("9434765919") and not redact_patterns.nhs_number_valid("9434765918")
    upn = redact_patterns.upn_check_letter("801200001001") + "801200001001"
    assert redact_patterns.upn_valid(upn) and not redact_patterns.upn_valid("A801200001001" if upn[0] != "A" else "B801200001001")
    assert "[UPN]" in run(f"UPN {upn}", style="tags")


def test_people_numbered_consistently():
    out = run("Sarah Jones said Mrs Jones would call. Sarah then emailed. Mr Okonkwo-Baptiste did not.", style="tags")
    assert out == "[PERSON 1] said [PERSON 1] would call. [PERSON 1] then emailed. [PERSON 2] did not."


def test_common_words_are_not_names_unless_written_as_one():
    assert run("Will the school agree? It will, may be in June.") == "Will the school agree? It will, may be in June."


def test_date_of_birth_and_officers():
    out = run("Born 09/03/2014; Priya Shah will ring", officers=("Priya Shah",))
    assert out == "Born the child's date of birth; the officer will ring"


def test_idempotent():
    text = "Jane and Dr Patel met at 27 Station Road on 4 May 2026; Sam (UPN none) at Thistlecombe Primary."
    for style in redact.STYLES:
        once = run(text, style)
        assert run(once, style) == once


def test_ni_numbers_in_capitals_or_as_one_word_not_lower_case_words_around_digits():
    assert run("NI AB 12 34 56 C, ab123456c and TR756092A.") == ("NI a National Insurance number, a National Insurance "
                                                                  "number and a National Insurance number.")
    for prose in ("on 900123 a postcode", "on 12 34 56 a day", "we 123456 a"):
        assert run(prose) == prose


def test_replacements_point_at_the_output():
    res = redact.Redactor(redact_names.known_from_case(CASE)).redact("Call Jane on 07700900123.")
    assert [(r.kind, res.text[r.out_start:r.out_end]) for r in res.replacements] == [
        ("parent", "the parent"), ("phone", "a phone number")]


def test_case_study_has_no_identifying_field():
    record = dict(CASE, notes=[{"at": "2026-03-02T10:00:00Z", "by": "Priya", "text": "Sam's mum Jane called."}])
    study = redact.case_study(record, redact_names.known_from_case(record)).text
    assert "Note 1 (March 2026)" in study and "The child's mum the parent called." in study
    for value in ("Jane", "Sam", "Thistlecombe", "2014", "BS35"):
        assert value not in study


# --- property: no string from the case's identifying fields survives, whatever the notes hold --------------

FIRST = sorted(redact_names.first_names() - redact_names.common_words())[:400]
LAST = sorted(redact_names.surnames())[:400]
name = st.builds(lambda f, l: f"{f.title()} {l.title()}", st.sampled_from(FIRST), st.sampled_from(LAST))
street = st.builds(lambda n, w, s: f"{n} {w.title()} {s}", st.integers(1, 300), st.sampled_from(LAST),
                   st.sampled_from(["Road", "Lane", "Close", "Street", "Avenue"]))
case = st.fixed_dictionaries({
    "person": st.fixed_dictionaries({"name": name, "address": st.builds(lambda s, t: f"{s}, {t.title()}ton", street,
                                                                         st.sampled_from(LAST)),
                                     "postcode": st.sampled_from(["LS1 4AP", "M13 9PL", "EX1 2NP", "SW1A 1AA"]),
                                     "phone": st.sampled_from(["07700 900123", "0113 496 0000", "020 7946 0111"]),
                                     "email": st.builds(lambda f: f"{f}@example.org", st.sampled_from(FIRST))}),
    "child": st.fixed_dictionaries({"name": name, "date_of_birth": st.sampled_from(["2014-03-09", "2011-11-30"]),
                                    "school": st.builds(lambda w, k: f"{w.title()} {k}", st.sampled_from(LAST),
                                                        st.sampled_from(["Primary School", "High School", "Academy"]))}),
})


def spellings(record):
    values = [v for section in ("person", "child") for v in record[section].values()]
    out = []
    for v in values:
        out += [v, v.upper(), v.lower(), v.replace(" ", "\n")]
    y, m, d = record["child"]["date_of_birth"].split("-")
    month = redact_patterns.MONTHS[int(m) - 1]
    out += [f"{d}/{m}/{y}", f"{int(d)} {month} {y}", f"{month} {int(d)}, {y}", f"{d}.{m}.{y[2:]}", f"{int(d)}th of {month[:3]} {y}"]
    return out


@settings(max_examples=150, deadline=None)
@given(case, st.data())
def test_no_identifier_survives(record, data):
    pieces = st.one_of(st.sampled_from(spellings(record)), st.text(string.ascii_letters + " .,'\n", max_size=12))
    notes = [data.draw(st.lists(pieces, max_size=12).map(" ".join)) for _ in range(2)]
    record = dict(record, notes=[{"at": "2026-01-01T00:00:00Z", "by": "x", "text": n} for n in notes])
    known = redact_names.known_from_case(record)
    outputs = [redact.case_study(record, known, style, dates).text for style in redact.STYLES for dates in redact.DATES]
    outputs += [redact.redact_text(n, known, dates=dates).text for n in notes for dates in redact.DATES]
    address_words = record["person"]["address"].replace(",", "").split()
    forbidden = [v for section in ("person", "child") for k, v in record[section].items() if k != "date_of_birth"]
    forbidden += [f"{a} {b}" for a, b in zip(address_words, address_words[1:])]
    # each word of a name alone too, unless it is also an ordinary word (written in lower case it stays)
    names = [w for p in (record["person"], record["child"]) for w in p["name"].split()]
    words = {redact.fold(w) for w in names if redact.fold(w) not in redact_names.common_words()}
    y, m, d = record["child"]["date_of_birth"].split("-")
    for out in outputs:
        folded = redact.fold(" ".join(out.split()))
        for value in forbidden:
            assert redact.fold(value) not in folded
        assert not words & set(re.findall(r"[a-z]+", folded))
        assert record["child"]["date_of_birth"] not in out and f"{d}/{m}/{y}" not in out
        assert f"{redact.MONTHS[int(m) - 1]} {y}" not in out  # not even the month and year of birth


# --- nicknames, dates as ages, capitals, numbering ------------------------------------------------------

FAMILY = {"person": {"name": "Margaret Example", "relationship": "mother"},
          "child": {"name": "William Robert Example", "date_of_birth": "2014-03-09"},
          "contact": {"caller": "parent-carer"}}


def test_nicknames_that_are_not_prefixes():
    known = redact_names.known_from_case(FAMILY)
    out = redact.Redactor(known).redact("Peggy says Bill (Billy to his nan) and Will get on; the bill came; Liam agreed.").text
    assert out == "The parent says the child (the child to his nan) and the child get on; the bill came; the child agreed."
    # and the other way: the case holds the nickname, the notes use the full name
    known = redact_names.known_from_case({"child": {"name": "Sasha Nowak"}, "person": {"name": "Bob Nowak", "relationship": "father"}})
    assert redact.Redactor(known).redact("Alexandra and Robert came.").text == "The child and the parent came."


def test_nickname_table_is_used_both_ways_and_only_for_the_case():
    table = redact_names.nicknames()
    assert "bill" in table["william"] and "william" in table["bill"] and "peggy" in table["margaret"]
    # without a case the table plays no part: Bill and Peggy are other people, found by the name lists
    assert redact.redact_text("Bill Jones rang about Peggy.", style="tags").text == "[PERSON 1] rang about [PERSON 2]."


def test_dates_as_the_childs_age():
    known = redact_names.known_from_case(FAMILY)
    text = "Met on 4 May 2026. Review 12/03/2026, then March 2027; the form of 2025-03-08. Born 09/03/2014."
    assert redact.Redactor(known).redact(text).text == (
        "Met on May 2026. Review March 2026, then March 2027; the form of March 2025. Born the child's date of birth.")
    aged = redact.Redactor(known, dates="age").redact(text).text
    assert aged == "Met at age 12. Review age 12, then age 12; the form of age 10. Born the child's date of birth."
    assert redact.Redactor(known, "tags", dates="age").redact("On 8 March 2024 ").text == "At [AGE 9] "
    # no date of birth: the month and year; a date before birth too
    assert redact.redact_text("On 4 May 2026", dates="age").text == "On May 2026"
    assert redact.Redactor(known, dates="age").redact("in June 2010").text == "in June 2010"


def test_case_study_headings_follow_the_date_option():
    record = dict(FAMILY, notes=[{"at": "2026-05-04T10:00:00Z", "by": "x", "text": "Call."}])
    known = redact_names.known_from_case(record)
    assert "### Note 1 (May 2026)" in redact.case_study(record, known).text
    assert "### Note 1 (age 12)" in redact.case_study(record, known, dates="age").text


def test_replacements_capitalised_at_the_start_of_a_sentence():
    out = run("Thistlecombe Primary rang. 14 Mill Lane is damp.\n- jane@example.org works\nWe said \"Sam is fine\" and "
              "spoke to\nSam again.")
    assert out == ("A primary school rang. An address is damp.\n- An email address works\nWe said \"the child is fine\" "
                   "and spoke to\nthe child again.")


def test_people_numbered_as_people_through_a_document():
    r = redact.Redactor(style="tags")
    first = r.redact("Sarah Jones and Sarah Smith came; Mrs Jones spoke, then Sarah Smith.").text
    assert first == "[PERSON 1] and [PERSON 2] came; [PERSON 1] spoke, then [PERSON 2]."
    assert r.redact("Later Mrs Smith rang.").text == "Later [PERSON 2] rang."  # the same document, a later note
    # a name the lists do not hold, first written bare, recognised from its title later in the document
    r = redact.Redactor(style="tags")
    r.learn(["Tobenna phoned.", "Dr Tobenna Okonjo wrote."])
    assert r.redact("Tobenna phoned.").text == "[PERSON 1] phoned."
    assert r.redact("Dr Tobenna Okonjo wrote; Okonjo agreed.").text == "[PERSON 1] wrote; [PERSON 1] agreed."


def test_case_study_numbers_people_across_notes():
    record = dict(CASE, notes=[{"at": "2026-03-02T10:00:00Z", "by": "x", "text": "Okonjo rang."},
                               {"at": "2026-03-03T10:00:00Z", "by": "x", "text": "Dr Okonjo and Dr Patel met."}])
    study = redact.case_study(record, redact_names.known_from_case(record), "tags").text
    assert "[PERSON 1] rang." in study and "[PERSON 1] and [PERSON 2] met." in study and "Okonjo" not in study


# --- the faster paths agree with the plain ones ----------------------------------------------------------

date_bits = st.sampled_from(["4", "12th", "31st of", "March", "Mar.", "may", "2026", "'26", "12/03/2026", "1-2-26",
                             "2026-03-12", "Tuesday", ",", " ", "\n", "of", "June 3rd", "Sept", "and", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(date_bits, max_size=14).map(" ".join))
def test_date_matches_are_what_each_pattern_finds(text):
    fast = {(m.re.pattern, m.span()) for m in redact_patterns.date_matches(text, redact.fold(text))}
    plain = {(p.pattern, m.span()) for p in redact_patterns.DATE_PATTERNS for m in p.finditer(text)}
    assert fast == plain


def test_fold_keeps_the_offsets_of_the_text_as_read():
    for text in ("Zoë Ó Súilleabháin’s İstanbul ß ﬁ", "plain ascii"):
        seen = spelling.read(text)
        assert len(spelling.lower(seen)) == len(seen) and spelling.lower(seen) == redact.fold(text)
    assert redact.fold("Zoë’s") == "zoe's"


words = st.sampled_from(["Jane", "Example", "Sam's", "Samuel", "Dr", "Okafor", "Sarah", "Jones", "Mrs", "on", "4",
                         "May", "2026", "07700", "900123", "BS35", "2AB", "Thistlecombe", "Primary", "School", "14",
                         "Mill", "Lane", "Bill", "Mark", "the", ".", ",", "\n", "[PERSON 1]", "at age 9", "Tuesday"])


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=30).map(" ".join), st.sampled_from(redact.STYLES), st.sampled_from(redact.DATES))
@example("on 900123 BS35", "words", "month")  # "on 900123 a postcode" was read again as an NI number "on 900123 a"
@example("Jane Jane Primary Lane Lane", "words", "month")  # "Primary Lane" hid the street "Lane Lane" ...
@example("Primary Lane Lane Jane Lane", "words", "month")  # ... and "Primary Lane Lane" the street "Primary Lane"
@example("07700 2026 2AB Primary", "tags", "month")  # a phone number ended inside "2AB"; "AB Primary" then a school
@example("May 2026 May", "words", "age")  # "age 12 May" was then read as a date "12 May"
@example("School 4 May Primary", "words", "month")  # "School May Primary" was then read as a school
@example("May 4 Lane", "words", "month")  # "May Lane" was then read as a street
@example("Jane Primary Lane Jane School the Primary", "words", "month")  # the school left after the street
@example("May 4 May Jane Primary", "words", "month")  # the date "May 4" was lost with "4 May", which the school took
@example("Sarah Mrs Okafor", "words", "month")  # "Sarah Mrs" was a name, and "Okafor" (after "Mrs") left for later
def test_redacting_twice_changes_nothing_more(text, style, dates):
    known = redact_names.known_from_case(CASE)
    once = redact.Redactor(known, style, dates).redact(text).text
    assert redact.Redactor(known, style, dates).redact(once).text == once


# The engine's phone (UK and other countries'), NHS, address, street and school patterns are written to start with a
# character the regex engine can skip to; these are their plain forms, which they must match exactly.
_CAP = r"[A-Z][\w'’-]*"
_SUFFIX = (r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Gardens|Place|Court|Terrace|"
           r"Grove|Park|Rise|View|Walk|Row|Square|Mews|Parade|Hill|Green|Vale|Fields|Meadows|Mount|Chase)")
PLAIN = {
    "PHONE": re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-]?\)?[\s\-]?\d){8,9}(?!\w)"),
    "INTL_PHONE": re.compile(r"(?<![\w+])(?:\+|00)(?!44)[1-9]\d{0,2}(?:\s?\(0\))?(?:[ .\-]?(?:\(\d+\)|\(?\d+)){2,5}(?!\d)"),
    "NHS": re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])"),
    "ADDRESS": re.compile(r"\b(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+(?:" + _CAP + r"\s+){1,3}"
                          + _SUFFIX + r"\b\.?"),
    "STREET": re.compile(r"\b(?:" + _CAP + r"\s+){1,2}" + _SUFFIX + r"\b(?!\s+(?:School|Academy|Primary))"),
    "SCHOOL": re.compile(r"\b(?P<stem>(?:St\.?\s+)?" + _CAP + r"(?:\s+(?:" + _CAP + r"|of|and|&|the|St\.?))*?)\s+"
                         r"(?P<kind>Primary|Infants?|Junior|First|Secondary|High|Grammar|Academy|College|School|"
                         r"Nursery|Community\s+School|Church\s+of\s+England|C\s?of\s?E|CE|Catholic)"
                         r"(?:\s+(?:Primary|Infant|Junior|Academy|School|College|Nursery))*\b"),
}
pattern_bits = st.sampled_from(["0", "00", "44", "+", "+44", "(0)", "(", ")", "7700", "900", "123", "1", "12", "-", " ",
                                "a", "x9", "St", "St.", "Mill", "Lane", "Road", "of", "the", "Primary", "School", "High",
                                "Anna's", "Ó", "CE", "C of E", "Academy", "\n", ".", "_", "Park", "Flat",
                                "Unit", "Apartment", "14a", ",", "2", "Rd"])


@settings(max_examples=400, deadline=None)
@given(st.lists(pattern_bits, max_size=16).map("".join), st.lists(pattern_bits, max_size=10).map(" ".join))
def test_quick_patterns_match_their_plain_forms(joined, spaced):
    for text in (joined, spaced):
        for name, plain in PLAIN.items():
            quick = getattr(redact_patterns, name)
            assert [(m.span(), m.groupdict()) for m in quick.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(text)], (name, text)


PLAIN_DATES = {2: re.compile(r"\b(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<n>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)\b"),
               3: re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<n>[01]\d)-(?P<d>[0-3]\d)\b")}
number_bits = st.sampled_from(["0", "1", "2", "3", "4", "9", "12", "19", "20", "2026", "1999", "/", "-", ".", " ", "a", "_",
                               "31", "03", "26", "x1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(number_bits, max_size=14).map("".join))
def test_quick_date_patterns_match_their_plain_forms(text):
    for i, plain in PLAIN_DATES.items():
        assert [(m.span(), m.groupdict()) for m in redact_patterns.DATE_PATTERNS[i].finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], (i, text)
