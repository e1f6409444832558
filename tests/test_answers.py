"""What officers type, read forgivingly (sendvault.records.answers), and the words for fields and codes (sendvault.records.codes).

Every refusal is one line that starts with what was asked for and never repeats
what was typed, except a short code-like item of a list of choices.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendvault.records import answers, categories, codes, intake
from sendvault.records.answers import InvalidAnswer, choose, choose_many, format_date, parse_date, yes_no
from sendvault.basics.errors import USAGE, InvalidRecord, UsageError

TODAY = dt.date(2026, 11, 2)
DOB = "the child's date of birth"
NAMES = st.from_regex(r"[A-Z][a-z]{3,9} [A-Z][a-z]{3,9}", fullmatch=True)


def refusal(fn, *args, **kwargs) -> str:
    with pytest.raises(InvalidAnswer) as caught:
        fn(*args, **kwargs)
    return caught.value.problems[0]


# --- yes or no ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("yes", True), ("y", True), ("YES", True), ("Y", True), ("  Yes  ", True), ("yEs\n", True),
    ("no", False), ("n", False), ("NO", False), (" N ", False), ("No\t", False),
])
def test_yes_no_reads_yes_and_no_in_any_case(text, value):
    assert yes_no(text) is value


@pytest.mark.parametrize("text", ["", " ", "maybe", "yes please", "nope", "ye", "true", "1", "oui"])
def test_anything_else_is_answer_yes_or_no(text):
    assert refusal(yes_no, text) == "answer yes or no"


def test_a_bad_answer_is_an_invalid_record_for_prompts_and_a_usage_error_for_arguments():
    with pytest.raises(InvalidAnswer) as caught:
        yes_no("perhaps")
    assert isinstance(caught.value, InvalidRecord) and isinstance(caught.value, UsageError)
    assert caught.value.exit_code == USAGE
    assert caught.value.message == caught.value.problems[0] == "answer yes or no"


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2017-03-12", "12/03/2017", "12-03-2017", "12.03.2017", "12/3/2017", "12 03 2017", "12/3/17", "12-03-17",
    "12 March 2017", "12 march 2017", "12 MARCH 2017", "12 Mar 2017", "12th March 2017", "12th Mar 17",
    "12 March, 2017", "12-Mar-2017", "  12/03/2017  ", "2017-3-12",
])
def test_dates_in_every_accepted_form(text):
    assert parse_date(text, DOB, today=TODAY) == dt.date(2017, 3, 12)


def test_ordinals_and_september():
    assert parse_date("1st Sept 2019", DOB, today=TODAY) == dt.date(2019, 9, 1)
    assert parse_date("2nd September 2019", DOB, today=TODAY) == dt.date(2019, 9, 2)
    assert parse_date("3rd sep 2019", DOB, today=TODAY) == dt.date(2019, 9, 3)
    assert parse_date("23rd Dec 2019", DOB, today=TODAY) == dt.date(2019, 12, 23)


def test_today_yesterday_tomorrow():
    assert parse_date("today", "the date of first contact", today=TODAY) == TODAY
    assert parse_date("Yesterday", "the date of first contact", today=TODAY) == TODAY - dt.timedelta(days=1)
    assert parse_date("tomorrow", "the follow-up date", today=TODAY) == TODAY + dt.timedelta(days=1)


@pytest.mark.parametrize("text, year", [
    ("12/03/17", 2017),  # a date of birth: 2017, never 1917
    ("12/03/00", 2000),
    ("12/03/36", 2036),  # up to ten years ahead of 2026
    ("12/03/37", 1937),
    ("12/03/99", 1999),
    ("12 Mar 26", 2026),
])
def test_two_digit_years_are_the_year_in_the_hundred_ending_ten_years_ahead(text, year):
    assert parse_date(text, DOB, today=TODAY).year == year


def test_the_two_digit_window_moves_with_today():
    assert parse_date("12/03/40", DOB, today=dt.date(2031, 1, 1)).year == 2040
    assert parse_date("12/03/40", DOB, today=dt.date(2026, 1, 1)).year == 1940


@pytest.mark.parametrize("text, problem", [
    ("12/13/2017", "there is no 13th month (type the day first)"),
    ("03/13/2017", "there is no 13th month (type the day first)"),
    ("12/22/2017", "there is no 22nd month (type the day first)"),
    ("12/00/2017", "there is no 0th month"),
    ("20/41/2017", "there is no 41st month"),
    ("2017-13-01", "there is no 13th month (type the day first)"),
    ("31/04/2017", "April has 30 days"),
    ("31 June 2017", "June has 30 days"),
    ("30/02/2020", "there is no 30 February"),
    ("31 Feb 2019", "there is no 31 February"),
    ("29/02/2017", "2017 was not a leap year"),
    ("29/02/2026", "2026 is not a leap year"),
    ("29/02/2027", "2027 will not be a leap year"),
    ("32/01/2017", "no month has 32 days"),
    ("00/01/2017", "there is no day 0 in a month"),
    ("0000-01-01", "there is no year 0"),
    ("12/03/201", "type the year with four digits, as in 2017"),
    ("12/03/20177", "type the year with four digits, as in 2017"),
    ("March 12 2017", "put the day first, as in 12 March 2017"),
    ("Mar 12, 2017", "put the day first, as in 12 March 2017"),
    ("12/03", "give the day, the month and the year, as in 12/03/2017"),
    ("12 March", "give the day, the month and the year, as in 12/03/2017"),
    ("March 2017", "give the day, the month and the year, as in 12/03/2017"),
    ("12 Marhc 2017", "the month is not one I know; type it as a number or a name such as March"),
])
def test_an_impossible_date_says_exactly_what_is_wrong(text, problem):
    assert refusal(parse_date, text, DOB, today=TODAY) == f"{DOB}: {problem}"


@pytest.mark.parametrize("text", ["", "   ", "call me", "next Tuesday", "12032017", "2017/03/12/01", "12:03:2017",
                                  "the 12th", "1 2 3 4", "12/03/2017 or so", "ask mum"])
def test_text_that_is_not_a_date_says_which_forms_are_accepted(text):
    assert refusal(parse_date, text, DOB, today=TODAY) == f"{DOB}: type the date as 12/03/2017, 12 March 2017 or 2017-03-12"


def _forms(day: dt.date) -> list[str]:
    d, m, y, name = day.day, day.month, f"{day.year:04d}", answers.MONTHS[day.month - 1]
    return [
        day.isoformat(), f"{y}-{m}-{d}",
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y}", f"{d:02d}.{m:02d}.{y}", f"{d} {m} {y}",
        f"{d} {name} {y}", f"{d} {name[:3]} {y}", f"{d}{answers._ordinal(d)[-2:]} {name} {y}",
        f"{d} {name.upper()}, {y}", f"{d}-{name[:3].lower()}-{y}",
        format_date(day),
    ]


@settings(max_examples=300)
@given(day=st.dates())
def test_property_every_date_round_trips_through_every_accepted_form(day):
    for text in _forms(day):
        assert parse_date(text, DOB, today=TODAY) == day, text


@settings(max_examples=300)
@given(day=st.dates(min_value=dt.date(1937, 1, 1), max_value=dt.date(2036, 12, 31)))
def test_property_two_digit_years_round_trip_inside_the_window(day):
    yy = day.year % 100
    for text in (f"{day.day}/{day.month}/{yy:02d}", f"{day.day} {answers.MONTHS[day.month - 1][:3]} {yy:02d}"):
        assert parse_date(text, DOB, today=TODAY) == day, text


@given(day=st.dates())
def test_property_format_date_parses_back(day):
    assert parse_date(format_date(day), DOB, today=TODAY) == day


def test_format_date_is_as_said_in_england():
    assert format_date(dt.date(2017, 3, 12)) == "12 March 2017"
    assert format_date(dt.date(2026, 11, 2)) == "2 November 2026"


@given(day=st.integers(0, 99), month=st.integers(0, 99), year=st.integers(1900, 2100), sep=st.sampled_from("/-. "))
def test_property_a_number_date_is_read_or_refused_in_one_line_naming_what(day, month, year, sep):
    text = f"{day:02d}{sep}{month:02d}{sep}{year}"
    try:
        value = parse_date(text, DOB, today=TODAY)
    except InvalidAnswer as exc:
        assert exc.problems[0].startswith(f"{DOB}: ") and "\n" not in exc.problems[0]
        assert text not in exc.problems[0]
    else:
        assert value == dt.date(year, month, day)


@given(name=NAMES)
def test_property_a_name_typed_as_a_date_is_never_repeated(name):
    problem = refusal(parse_date, name, DOB, today=TODAY)
    assert name not in problem and name.split()[0] not in problem and name.split()[1] not in problem


# --- choices --------------------------------------------------------------------------------

NEED = codes.descriptions("profile.primary_need")
ETHNICITY = codes.descriptions("profile.ethnicity")
ISSUES = categories.defaults("issues")
CHANNEL = codes.descriptions("contact.channel")
SEN_STAGE = codes.descriptions("profile.sen_stage")


def pick(text, descriptions, what="the answer"):
    return choose(text, list(descriptions), what, descriptions)


@pytest.mark.parametrize("text, descriptions, value", [
    ("ASD", NEED, "ASD"), ("asd", NEED, "ASD"), (" Asd ", NEED, "ASD"),                # exact, any case
    ("wbri", ETHNICITY, "WBRI"),
    ("sem", NEED, "SEMH"), ("pm", NEED, "PMLD"), ("face", CHANNEL, "face-to-face"),  # a unique start
    ("face to face", CHANNEL, "face-to-face"), ("Social Media", CHANNEL, "social-media"),
    ("sen support", SEN_STAGE, "sen-support"),
    ("autism", NEED, "ASD"), ("Autistic", NEED, "ASD"), ("hearing", NEED, "HI"),      # words of the description
    ("hear", NEED, "HI"), ("speech", NEED, "SLCN"), ("mental health", NEED, "SEMH"), ("vision", NEED, "VI"),
    ("Indian", ETHNICITY, "AIND"), ("pakistani", ETHNICITY, "APKN"), ("white british", ETHNICITY, "WBRI"),
    ("irish traveller", ETHNICITY, "WIRT"), ("gypsy", ETHNICITY, "WROM"), ("roma", ETHNICITY, "WROM"),
    ("refused", ETHNICITY, "REFU"), ("not obtained", ETHNICITY, "NOBT"), ("chinese", ETHNICITY, "CHNE"),
    ("black caribbean", ETHNICITY, "BCRB"),  # every word of BCRB, only some of MWBC's "White and Black Caribbean"
    ("black african", ETHNICITY, "BAFR"),
    ("telephone", CHANNEL, "phone"),
    ("2", CHANNEL, "email"),  # its number in the list
])
def test_choose_finds_the_one_option_meant(text, descriptions, value):
    assert pick(text, descriptions) == value


def test_several_matches_name_them_all():
    assert refusal(choose, "ehc", list(SEN_STAGE), "the SEN stage", None) == \
        "the SEN stage: 'ehc' matches: ehc-needs-assessment, ehc-plan"
    problem = refusal(choose, "white", list(ETHNICITY), "the ethnicity", ETHNICITY)
    assert problem.startswith("the ethnicity: 'white' matches: ")
    for code in ("WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "MWAS"):
        assert code in problem
    assert "AIND" not in problem


def test_several_matches_are_shown_with_their_descriptions():
    assert refusal(choose, "learning", list(NEED), "the primary need", NEED) == (
        "the primary need: 'learning' matches: SPLD (Specific Learning Difficulty), MLD (Moderate Learning Difficulty), "
        "SLD (Severe Learning Difficulty), PMLD (Profound & Multiple Learning Difficulty)")


def test_no_match_lists_the_options_with_descriptions_when_few():
    problem = refusal(choose, "carrier pigeon", list(CHANNEL), "how they made contact", CHANNEL)
    assert problem == ("how they made contact: that is not one of the choices; choose one of: phone (Telephone), email, "
                       "face-to-face, web-form, letter, social-media, other (Another way)")


def test_no_match_lists_only_the_codes_when_many():
    problem = refusal(choose, "martian", list(ETHNICITY), "the ethnicity", ETHNICITY)
    assert problem == "the ethnicity: that is not one of the choices; choose one of: " + ", ".join(ETHNICITY)


def test_no_match_suggests_a_close_option():
    assert refusal(choose, "phnoe", list(CHANNEL), "how they made contact", None) == (
        "how they made contact: that is not one of the choices (did you mean phone?); choose one of: "
        "phone, email, face-to-face, web-form, letter, social-media, other")


def test_a_number_out_of_range_and_an_age_band_start():
    assert "not one of the choices" in refusal(choose, "99", list(CHANNEL), "how they made contact", None)
    bands = codes.descriptions("profile.age_band")
    assert pick("5", bands) == "5-10"  # the start of a band, not the fifth band
    assert "matches: 11-15, 16-18, 19-25" in refusal(choose, "1", list(bands), "the age band", None)


@given(name=NAMES)
def test_property_a_name_typed_as_a_choice_is_never_repeated(name):
    for descriptions in (NEED, ETHNICITY, CHANNEL, ISSUES):
        try:
            pick(name, descriptions)
        except InvalidAnswer as exc:
            if "' matches" in exc.problems[0]:
                continue  # each word is a word of the descriptions ("White Blac"): code-like, so named
            assert name not in exc.problems[0] and name not in exc.message
            assert not any(len(w) > 3 and w in exc.problems[0] for w in name.split()), exc.problems[0]


def test_choose_many_reads_a_comma_separated_list_in_order_without_repeats():
    options = list(ISSUES)
    assert choose_many("exclusion, ehc-plan", options, "the issues", ISSUES) == ["exclusion", "ehc-plan"]
    assert choose_many("Exclusion;transport , exclusion", options, "the issues", ISSUES) == ["exclusion", "transport"]
    assert choose_many("social care, bullying", options, "the issues", ISSUES) == ["social-care", "bullying"]
    assert choose_many("1, 3", options, "the issues", ISSUES) == ["ehc-needs-assessment", "annual-review"]
    assert choose_many("ehc-plan exclusion", options, "the issues", ISSUES) == ["ehc-plan", "exclusion"]
    assert choose_many("annual", options, "the issues", ISSUES) == ["annual-review"]
    assert choose_many("", options, "the issues", ISSUES) == []
    assert choose_many(" , ", options, "the issues", ISSUES) == []


def test_choose_many_names_an_unknown_item():
    problem = refusal(choose_many, "tribunal, exclusoin", list(ISSUES), "the issues", ISSUES)
    assert problem.startswith("'exclusoin' is not one of the issues (did you mean exclusion?); choose from: ")
    assert refusal(choose_many, "lunch", list(ISSUES), "the issues", None).startswith("'lunch' is not one of the issues; ")


def test_choose_many_names_an_ambiguous_item_and_its_matches():
    assert refusal(choose_many, "tribunal, ehc", list(ISSUES), "the issues", None) == \
        "'ehc' matches more than one of the issues: ehc-needs-assessment, ehc-plan"


def test_choose_many_cuts_a_long_item_to_30_characters():
    problem = refusal(choose_many, "a" * 80, list(ISSUES), "the issues", ISSUES)
    assert problem.startswith("'" + "a" * 29 + "…' is not one of the issues")
    assert "a" * 31 not in problem


# --- codes and labels ----------------------------------------------------------------------


def test_every_enumerated_value_has_a_description_and_no_description_names_a_missing_code():
    enums = codes.enumerations()
    assert set(codes.DESCRIPTIONS) == set(enums)
    for path, values in enums.items():
        assert set(codes.DESCRIPTIONS[path]) == set(values), path
        assert all(codes.DESCRIPTIONS[path][v].strip() for v in values), path
        assert list(codes.descriptions(path)) == values  # in the schema's order


def test_enumerations_are_read_as_intake_choices_reads_them():
    enums = codes.enumerations()
    for path in ("profile.primary_need", "profile.ethnicity", "profile.sen_stage",
                 "profile.school_phase", "profile.support_level", "contact.channel", "contact.route",
                 "contact.caller"):
        assert enums[path] == intake.choices(path), path
    for path in enums:
        assert enums[path] == intake.choices(path), path


def test_need_and_ethnicity_codes_in_the_dfe_wording():
    assert len(codes.NEEDS) == 13 and len(codes.ETHNICITIES) == 20
    assert codes.describe("profile.primary_need", "ASD") == "Autistic Spectrum Disorder"
    assert codes.describe("profile.primary_need", "SEMH") == "Social, Emotional and Mental Health"
    assert codes.describe("profile.ethnicity", "AIND") == "Indian"
    assert codes.describe("profile.ethnicity", "WBRI") == "White - British"
    assert codes.describe("profile.ethnicity", "REFU") == "Refused"
    assert codes.describe("profile.ethnicity", "NOBT") == "Information not yet obtained"


def test_every_field_of_the_case_schema_has_a_label():
    paths = codes.field_paths()
    assert "child.date_of_birth" in paths and "notes.text" in paths and "contact.referral_permission.method" in paths
    assert set(codes.LABELS) == set(paths)  # and none for a field that does not exist
    assert codes.PLURAL <= set(paths)
    labels = [codes.label(p) for p in paths]
    assert len(set(labels)) == len(labels), "two fields with the same label"
    assert all(label == label.lower()[:1] + label[1:] and "." not in label and "_" not in label for label in labels)


def test_labels():
    assert codes.label("child.date_of_birth") == "the child's date of birth"
    assert codes.label("contact.date") == "the date of first contact"
    assert codes.label("person.phone") == "the caller's phone number"
    assert codes.label("notes.0.text") == "the text of the note (entry 1)"
    assert codes.label("profile.issues.2") == "the issues (entry 3)"
    assert codes.label("(top level)") == codes.label("") == "the record"
    assert codes.label("contact.refferer") == "contact.refferer"  # a field the schema lacks: named as typed
    assert codes.label("child.Sam Example") == "a field"  # a key that may be a name is not repeated


def test_problems_speak_in_labels_with_their_verb_agreeing():
    assert intake.say("child.date_of_birth", "is in the future") == "the child's date of birth is in the future"
    assert intake.say("person", "is not allowed here") == "the caller's details are not allowed here"
    assert intake.say("profile.issues", "has repeated items") == "the issues have repeated items"
    with pytest.raises(InvalidRecord) as caught:
        intake.parse_date("12/03/2017", "child.date_of_birth")
    assert caught.value.problems == ["the child's date of birth must be a date in the form YYYY-MM-DD"]
    with pytest.raises(InvalidRecord) as caught:
        intake.check_field("person.postcode", "not a postcode")
    assert caught.value.problems == ["the caller's postcode must be a UK postcode such as EX1 2NP"]


def test_future_dates_and_ages_in_labels():
    config = {"policy": {"version": "2025-01"}}
    record = {"kind": "case", "contact": {"date": "2030-01-01", "policy_explained": {"version": "2025-01"}}}
    assert intake.rule_problems(record, config, TODAY) == ["the date of first contact is in the future"]
