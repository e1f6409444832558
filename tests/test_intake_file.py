"""`sendvault intake --from FILE` (issue 3): the intake file, every rule, and nothing written on failure.

Rules: R1-R5, R7, R8 and R13 of REQUIREMENTS.md; the file format of PRODUCT.md.
Every refused intake must leave the vault's cases/ and casekeys/ exactly as they
were, list every problem at once, and never quote a personal value back.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    ID_RE,
    VALID_CASE,
    Env,
    case_count,
    intake_text,
    one_line_error,
    show,
    vault_case_files,
)

TODAY = dt.datetime.now(dt.timezone.utc).date()
HEADER_1 = "sendvault: error: the intake has 1 problem(s); nothing was written"


def intake(env: Env, text: str, *args: str):
    return env.cli("intake", "--from", "-", *args, input=text)


def changed(**patch) -> dict:
    """VALID_CASE with sections patched: ``changed(contact={"route": ...})`` merges; None deletes."""
    case = copy.deepcopy(VALID_CASE)
    for key, value in patch.items():
        if value is None:
            case.pop(key, None)
        elif isinstance(value, dict) and isinstance(case.get(key), dict):
            for k, v in value.items():
                if v is None:
                    case[key].pop(k, None)
                else:
                    case[key][k] = v
        else:
            case[key] = value
    return case


def problems_of(stderr: str) -> list[str]:
    return [ln[4:] for ln in stderr.splitlines() if ln.startswith("  - ")]


# --- a valid file --------------------------------------------------------------


def test_valid_file_prints_only_the_new_id_and_show_has_every_field(env: Env, tmp_path):
    f = tmp_path / "call.toml"
    f.write_text(intake_text(VALID_CASE))
    before = case_count(env)
    r = env.cli("intake", "--from", str(f))
    assert r.exit_code == 0, r.stderr
    assert re.fullmatch(ID_RE.pattern + r"\n", r.stdout), repr(r.stdout)
    cid = r.stdout.strip()
    assert case_count(env) == before + 1
    record = show(env, cid)
    for key in ("kind", "anonymous", "record_personal_details", "contact", "person", "child", "profile"):
        assert record[key] == VALID_CASE[key], key
    assert record["id"] == cid
    assert record["status"] == "open"
    assert record["created_by"] == "Ann" and record["updated_by"] == "Ann"
    assert record["format"] == "sendvault-case/2"


def test_valid_file_from_stdin(env: Env):
    r = intake(env, intake_text(VALID_CASE))
    assert r.exit_code == 0, r.stderr
    cid = r.stdout.strip()
    assert ID_RE.fullmatch(cid)
    assert show(env, cid)["person"] == VALID_CASE["person"]


def test_json_prints_id_object(env: Env):
    r = intake(env, intake_text(VALID_CASE), "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["id"] and ID_RE.fullmatch(data["id"])
    assert show(env, data["id"])["contact"] == VALID_CASE["contact"]


def test_the_product_example_file_with_its_referral_is_accepted(env: Env):
    """The intake file of PRODUCT.md, verbatim except the policy version this vault knows."""
    text = """
kind = "case"
anonymous = false
record_personal_details = true

[contact]
date = 2026-11-02
channel = "phone"
route = "professional"
referrer = "health visitor"
referral_permission = { given_by = "parent-carer", date = 2026-11-01, method = "verbal" }
caller = "parent-carer"
parental_responsibility = true
heard_about = "school"
policy_explained = { version = "2025-01", date = 2026-11-02, copy_given = true }

[person]
name = "Jane Example"
address = "1 Example Road, Exampletown"
postcode = "EX1 2NP"
phone = "07700 900123"
email = "jane@example.org"
relationship = "mother"

[child]
name = "Sam Example"
date_of_birth = 2014-03-09
school = "Example Hill Primary School"

[contact_preferences]
call_at_work = false
answerphone_messages = true
messages_with_family = false

[profile]
age_band = "11-15"
school_phase = "primary"
sen_stage = "sen-support"
primary_need = "ASD"
ethnicity = "WBRI"
locality = "North"
issues = ["ehc-needs-assessment", "exclusion"]
support_level = "advice"
"""
    r = intake(env, text)
    assert r.exit_code == 0, r.stderr
    record = show(env, r.stdout.strip())
    assert record["contact"]["referral_permission"] == {"given_by": "parent-carer", "date": "2026-11-01", "method": "verbal"}
    assert record["contact_preferences"] == {"call_at_work": False, "answerphone_messages": True, "messages_with_family": False}
    assert record["profile"]["issues"] == ["ehc-needs-assessment", "exclusion"]


def test_age_band_is_derived_from_the_date_of_birth(env: Env):
    r = intake(env, intake_text(changed(profile={"age_band": None})))
    assert r.exit_code == 0, r.stderr
    assert show(env, r.stdout.strip())["profile"]["age_band"] == "11-15"


def test_age_band_is_derived_even_without_a_profile_table(env: Env):
    case = changed(profile=None)
    case["child"]["date_of_birth"] = "2008-01-15"  # 18 on 2026-11-02
    r = intake(env, intake_text(case))
    assert r.exit_code == 0, r.stderr
    assert show(env, r.stdout.strip())["profile"] == {"age_band": "16-18"}


def test_anonymous_contact_without_identifying_sections_is_accepted(env: Env):
    case = changed(anonymous=True, person=None, child=None)
    r = intake(env, intake_text(case))
    assert r.exit_code == 0, r.stderr
    record = show(env, r.stdout.strip())
    assert record["anonymous"] is True
    assert not {"person", "child", "contact_preferences"} & set(record)
    assert record["profile"] == VALID_CASE["profile"]  # R3: still counts in statistics


def test_general_enquiry_from_family_without_parental_responsibility_is_accepted(env: Env):
    case = changed(kind="general-enquiry", person=None, child=None,
                   contact={"caller": "other-family", "parental_responsibility": False})
    r = intake(env, intake_text(case))
    assert r.exit_code == 0, r.stderr
    assert show(env, r.stdout.strip())["kind"] == "general-enquiry"


def test_general_enquiry_gets_information_only(env: Env):
    """R7: a general enquiry is general information, never advice or casework."""
    case = changed(kind="general-enquiry", person=None, child=None,
                   contact={"caller": "other-family", "parental_responsibility": False})
    case["profile"] = {**case["profile"], "support_level": "casework"}
    before = vault_case_files(env)
    r = intake(env, intake_text(case))
    assert r.exit_code == 1
    assert problems_of(r.stderr) == ["the support level must be information: a general enquiry gets general information only"]
    assert vault_case_files(env) == before


def test_a_policy_version_of_the_vault_history_is_accepted(env: Env):
    assert env.cli("policy", "set", "2026-04").exit_code == 0
    r = intake(env, intake_text(VALID_CASE))  # told 2025-01, which the vault knows
    assert r.exit_code == 0, r.stderr


# --- every rule: the exact problem, its exit code, nothing written ---------------
#
# One meaning per exit code: a refusal by policy exits 5, from a file as when typed
# at the prompts (missing referral permission R2, identifying details where none may
# be kept R3/R5/R7, casework without parental responsibility R8); a malformed,
# incomplete or mistaken record exits 1 (a file without the policy's explanation,
# R4, is incomplete: the prompts ask it, and refuse a "no" with exit 5).

REFUSED_BY_POLICY = {
    "R3-anonymous-with-person", "R3-anonymous-with-contact-preferences", "R5-no-permission-with-child",
    "R7-general-enquiry-with-person", "R2-professional-without-permission", "R2-other-route-without-permission",
    "R8-parent-carer-without-parental-responsibility", "R8-parental-responsibility-not-recorded",
}

RULES = [
    pytest.param(
        changed(anonymous=True, child=None),
        ["the caller's details are not allowed in an anonymous contact (no identifying details are stored)"],
        id="R3-anonymous-with-person",
    ),
    pytest.param(
        changed(anonymous=True, person=None, child=None, contact_preferences={"call_at_work": False}),
        ["the contact preferences are not allowed in an anonymous contact (no identifying details are stored)"],
        id="R3-anonymous-with-contact-preferences",
    ),
    pytest.param(
        changed(record_personal_details=False, person=None),
        ["the child's details are not allowed without permission to record personal details"],
        id="R5-no-permission-with-child",
    ),
    pytest.param(
        changed(kind="general-enquiry", child=None),
        ["the caller's details are not allowed in a general enquiry (no personal details)"],
        id="R7-general-enquiry-with-person",
    ),
    pytest.param(
        changed(contact={"route": "professional", "referrer": "health visitor"}),
        ["the permission for the referral is missing: a referral is accepted only once the parent's or young person's "
         "permission is recorded: who gave it, when and how"],
        id="R2-professional-without-permission",
    ),
    pytest.param(
        changed(contact={"route": "other", "referrer": "neighbour"}),
        ["the permission for the referral is missing: a referral is accepted only once the parent's or young person's "
         "permission is recorded: who gave it, when and how"],
        id="R2-other-route-without-permission",
    ),
    pytest.param(
        changed(contact={"route": "professional",
                         "referral_permission": {"given_by": "parent-carer", "date": "2026-11-01", "method": "verbal"}}),
        ["the referrer's role is required for a referral (a role, not a name)"],
        id="R1-professional-without-referrer",
    ),
    pytest.param(
        changed(contact={"policy_explained": None}),
        ["the explanation of the confidentiality policy is missing: record that the confidentiality policy was "
         "explained, its version, the date, and whether a copy was given"],
        id="R4-policy-not-explained",
    ),
    pytest.param(
        changed(contact={"policy_explained": {"version": "1999-01", "date": "2026-11-02", "copy_given": True}}),
        ["the version of the confidentiality policy explained is not a policy version of this vault "
         "(the current one is 2025-01)"],
        id="R4-unknown-policy-version",
    ),
    pytest.param(
        changed(contact={"parental_responsibility": False}),
        ["whether the caller has parental responsibility must be yes for casework: casework is only for the young "
         "person or someone with parental responsibility; without it, record a general enquiry "
         "(kind = \"general-enquiry\")"],
        id="R8-parent-carer-without-parental-responsibility",
    ),
    pytest.param(
        changed(contact={"parental_responsibility": None}),
        ["whether the caller has parental responsibility must be yes for casework: casework is only for the young "
         "person or someone with parental responsibility; without it, record a general enquiry "
         "(kind = \"general-enquiry\")"],
        id="R8-parental-responsibility-not-recorded",
    ),
    pytest.param(
        changed(contact={"date": "02/11/2026"}),
        ["the date of first contact must be a date in the form YYYY-MM-DD"],
        id="date-in-the-wrong-form",
    ),
    pytest.param(
        changed(contact={"date": (TODAY + dt.timedelta(days=3)).isoformat()}),
        ["the date of first contact is in the future"],
        id="contact-date-in-the-future",
    ),
    pytest.param(
        changed(child={"date_of_birth": "2026-11-03"}, profile={"age_band": None}),
        ["the child's date of birth is after the date of first contact"],
        id="born-after-the-contact",
    ),
    pytest.param(
        changed(child={"date_of_birth": "2000-11-01"}, profile={"age_band": None}),  # 26 on 2026-11-02
        ["the child's date of birth makes them older than 25: the service is for children and young people aged 0 to 25"],
        id="older-than-25",
    ),
    pytest.param(
        changed(profile={"age_band": "5-10"}),
        ["the age band does not match the child's date of birth (which gives 11-15)"],
        id="age-band-does-not-match",
    ),
    pytest.param(
        changed(profile={"locality": "Atlantis"}),
        ["the locality must be one of: North, South"],
        id="unknown-locality",
    ),
    pytest.param(
        changed(profile={"primary_need": "XYZ"}),
        ["the primary need must be one of: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA"],
        id="unknown-primary-need",
    ),
    pytest.param(
        changed(contact={"channel": "carrier-pigeon"}),
        ["how they made contact must be one of: phone, email, face-to-face, web-form, letter, social-media, other"],
        id="unknown-channel",
    ),
    pytest.param(
        changed(id="K7M3-Q9P2"),
        ["the case id is set by sendvault, not by an intake file"],
        id="system-field-id",
    ),
    pytest.param(
        changed(created_by="Mallory"),
        ["the officer who opened the case is set by sendvault, not by an intake file"],
        id="system-field-created-by",
    ),
]


@pytest.mark.parametrize("case, expected", RULES)
def test_each_rule_refuses_with_its_exact_problem_and_writes_nothing(env: Env, case, expected, request):
    before = vault_case_files(env)
    r = intake(env, intake_text(case))
    assert r.exit_code == (5 if request.node.callspec.id in REFUSED_BY_POLICY else 1), r.stderr
    assert one_line_error(r) == f"sendvault: error: the intake has {len(expected)} problem(s); nothing was written"
    assert problems_of(r.stderr) == expected
    assert r.stdout == ""
    assert vault_case_files(env) == before


def test_malformed_toml_is_one_error_line_and_writes_nothing(env: Env):
    before = vault_case_files(env)
    r = intake(env, intake_text(VALID_CASE) + "\n[profile\nname = \n")
    assert r.exit_code == 1
    line = one_line_error(r)
    assert line.startswith("sendvault: error: the intake file is not valid TOML (")
    assert re.search(r"line \d+, column \d+", line)
    assert vault_case_files(env) == before


def test_missing_file_is_one_error_line(env: Env, tmp_path):
    before = vault_case_files(env)
    missing = tmp_path / "no-such-call.toml"
    r = env.cli("intake", "--from", str(missing))
    assert r.exit_code == 1
    assert one_line_error(r) == "sendvault: error: no intake file at that path"  # the name may be a family's
    assert vault_case_files(env) == before


def test_every_problem_is_listed_at_once(env: Env):
    case = changed(
        anonymous=True,
        contact={"policy_explained": None, "date": (TODAY + dt.timedelta(days=10)).isoformat()},
        profile={"locality": "Atlantis", "primary_need": "XYZ", "age_band": None},
        id="K7M3-Q9P2",
    )
    before = vault_case_files(env)
    r = intake(env, intake_text(case))
    assert r.exit_code == 5  # one refusal by policy among them (anonymous with details): refused, all listed
    found = problems_of(r.stderr)
    for field in ("the case id", "the caller's details", "the child's details",
                  "the explanation of the confidentiality policy", "the date of first contact", "the locality",
                  "the primary need"):
        assert any(p.startswith(field + " ") for p in found), (field, found)
    assert one_line_error(r) == f"sendvault: error: the intake has {len(found)} problem(s); nothing was written"
    assert len(found) == len(set(found)), "a problem is listed twice"
    assert vault_case_files(env) == before


def test_a_refusal_with_malformed_fields_exits_5_and_lists_every_problem(env: Env):
    """Any refusal by policy makes the whole intake refused (exit 5); the malformed fields are listed with it."""
    case = changed(contact={"route": "professional", "referrer": "health visitor", "channel": "fax"})
    before = vault_case_files(env)
    r = intake(env, intake_text(case))
    assert r.exit_code == 5, r.stderr
    assert problems_of(r.stderr) == [
        "the permission for the referral is missing: a referral is accepted only once the parent's or young person's "
        "permission is recorded: who gave it, when and how",
        "how they made contact must be one of: phone, email, face-to-face, web-form, letter, social-media, other",
    ]
    assert one_line_error(r) == "sendvault: error: the intake has 2 problem(s); nothing was written"
    assert vault_case_files(env) == before
    # The malformed field alone is not a refusal: exit 1, as ever.
    r = intake(env, intake_text(changed(contact={"channel": "fax"})))
    assert r.exit_code == 1, r.stderr


def test_a_refused_referral_exits_as_the_same_refusal_typed(env: Env):
    """Typed, a referral without permission stops with exit 5 (test_intake_interactive); from a file, the same."""
    r = intake(env, intake_text(changed(contact={"route": "professional", "referrer": "health visitor"})))
    assert r.exit_code == 5
    assert r.stdout == ""


@pytest.mark.parametrize("line, field", [
    pytest.param('status = "closed"', "the case's status is", id="status"),
    pytest.param('notes = [{ text = "called back" }]', "the notes are", id="notes"),
    pytest.param('history = [{ event = "edited" }]', "the case history is", id="history"),
])
def test_a_system_field_is_one_problem_not_followed_by_schema_noise(env: Env, line, field):
    """The schema's complaints about a field the file must not have at all ("notes.0: 'at' is a
    required property") would send the officer to fix the wrong thing."""
    before = vault_case_files(env)
    r = intake(env, line + "\n" + intake_text(VALID_CASE))
    assert r.exit_code == 1
    assert problems_of(r.stderr) == [f"{field} set by sendvault, not by an intake file"]
    assert one_line_error(r) == HEADER_1
    assert vault_case_files(env) == before


@pytest.mark.parametrize("phone", ["07700 900123", "+44 7700 900123", "0117 496 0123", "(0117) 496 0123",
                                   "(01632) 960001"])
def test_phone_numbers_in_the_usual_uk_written_forms_are_accepted(env: Env, phone):
    """The rule's own words: 'digits, spaces, +, brackets'; UK numbers are written with the
    area code in brackets, which puts a bracket first."""
    r = intake(env, intake_text(changed(person={"phone": phone})))
    assert r.exit_code == 0, r.stderr
    assert show(env, r.stdout.strip())["person"]["phone"] == phone


PRIVATE = {
    "name": "Xanthippe Quellbrook",
    "address": "77 Zephyrine Crescent, Mulchester",
    "postcode": "not a postcode QQ",
    "phone": "call me maybe 0770",
    "email": "xanthippe.private-at-nowhere",
    "relationship": "grandmother-in-law",
}


@pytest.mark.parametrize("patch", [
    pytest.param({"anonymous": True}, id="anonymous"),
    pytest.param({"kind": "general-enquiry"}, id="general-enquiry"),
    pytest.param({"record_personal_details": False}, id="no-permission"),
    pytest.param({}, id="bad-forms-only"),
], )
def test_errors_never_quote_personal_values(env: Env, patch):
    case = changed(person=dict(PRIVATE), child={"name": "Quillon Zedmore", "school": "Brackenfold Academy"}, **patch)
    case["child"]["surname"] = "Zedmore-Ffinch"  # an unknown field: its value must not be echoed either
    r = intake(env, intake_text(case))
    assert r.exit_code == (5 if patch else 1)
    one_line_error(r)
    for value in [*PRIVATE.values(), "Quillon", "Zedmore", "Brackenfold", "Ffinch", "2014-03-09"]:
        assert value not in r.stderr and value not in r.stdout, value
    if not patch:
        for field in ("the caller's postcode", "the caller's phone number", "the caller's email address"):
            assert any(p.startswith(field + " ") for p in problems_of(r.stderr)), field


# --- property: any single broken rule is refused, valid intakes round-trip ------

CHANNELS = ["phone", "email", "face-to-face", "web-form", "letter", "social-media", "other"]
CALLERS = ["parent-carer", "young-person", "child", "other-family", "professional"]
BANDS = ["0-4", "5-10", "11-15", "16-18", "19-25"]
ISSUES = ["ehc-needs-assessment", "ehc-plan", "annual-review", "sen-support", "exclusion", "admissions",
          "attendance", "transport", "transition", "tribunal", "complaint", "health", "social-care", "bullying", "other"]
FIRST = ["Zoë", "Siân", "Łukasz", "Aoife", "Mohammed", "Chidi", "Ana-María", "Björn"]
LAST = ["O'Neill", "Ångström", "Nwosu", "Fernández", "Smith", "Kowalski", "Ní Bhriain"]
POSTCODES = ["EX1 2NP", "SW1A 1AA", "M1 1AE", "b338th", "CR2 6XH", "DN551PT"]
PHONES = ["07700 900123", "+44 7700 900456", "01632 960001", "01632-960-002", "01632 960123 ext 204"]


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def band_of(dob: dt.date, on: dt.date) -> str:
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return next(b for b in BANDS if int(b.split("-")[0]) <= age <= int(b.split("-")[1]))


def optional(draw, strategy, into: dict, key: str) -> None:
    if draw(st.booleans()):
        into[key] = draw(strategy)


@st.composite
def valid_intakes(draw) -> dict:
    """A valid intake, with real dates (as a TOML file holds them)."""
    date = draw(st.dates(TODAY - dt.timedelta(days=3 * 365), TODAY))
    kind = draw(st.sampled_from(["case", "case", "general-enquiry"]))
    caller = draw(st.sampled_from(CALLERS))
    route = draw(st.sampled_from(["self", "self", "professional", "other"]))
    contact: dict = {"date": date, "channel": draw(st.sampled_from(CHANNELS)), "route": route, "caller": caller}
    if route != "self":
        contact["referrer"] = draw(st.sampled_from(["health visitor", "school SENCo", "GP", "social worker"]))
        contact["referral_permission"] = {
            "given_by": draw(st.sampled_from(["parent-carer", "young-person"])),
            "date": draw(st.dates(date - dt.timedelta(days=30), date)),
            "method": draw(st.sampled_from(["verbal", "written"])),
        }
    if caller in ("parent-carer", "other-family"):
        contact["parental_responsibility"] = True if kind == "case" else draw(st.booleans())
    else:
        optional(draw, st.booleans(), contact, "parental_responsibility")
    optional(draw, st.sampled_from(["school", "health", "event", "other"]), contact, "heard_about")  # the default list
    if contact.get("heard_about") == "other":
        optional(draw, st.sampled_from(["GP", "leaflet", "a friend"]), contact, "heard_about_other")
    contact["policy_explained"] = {"version": "2025-01", "date": date, "copy_given": draw(st.booleans())}
    anonymous = draw(st.booleans())
    record: dict = {"kind": kind, "anonymous": anonymous, "record_personal_details": draw(st.booleans()),
                    "contact": contact}
    dob = None
    if kind == "case" and not anonymous and record["record_personal_details"]:
        name = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(FIRST), st.sampled_from(LAST))
        person: dict = {}
        optional(draw, name, person, "name")
        optional(draw, st.sampled_from(["1 Example Road, Exampletown", "Flat 2, 9 High St"]), person, "address")
        optional(draw, st.sampled_from(POSTCODES), person, "postcode")
        optional(draw, st.sampled_from(PHONES), person, "phone")
        optional(draw, st.sampled_from(["a.b@example.org", "zoë@example.co.uk"]), person, "email")
        optional(draw, st.sampled_from(["mother", "father", "carer"]), person, "relationship")
        if person:
            record["person"] = person
        if draw(st.booleans()):
            child: dict = {}
            optional(draw, name, child, "name")
            if draw(st.booleans()):
                dob = draw(st.dates(years_before(date, 26) + dt.timedelta(days=1), date))
                child["date_of_birth"] = dob
            optional(draw, st.sampled_from(["Example Hill Primary", "Vale Academy"]), child, "school")
            record["child"] = child
        if draw(st.booleans()):
            record["contact_preferences"] = draw(st.fixed_dictionaries({}, optional={
                k: st.booleans() for k in ("call_at_work", "answerphone_messages", "messages_with_family", "post_ok")}))
    profile: dict = {}
    if dob is not None:
        if draw(st.booleans()):
            profile["age_band"] = band_of(dob, date)
    else:
        optional(draw, st.sampled_from(BANDS), profile, "age_band")
    optional(draw, st.sampled_from(["early-years", "primary", "secondary", "post-16", "not-in-education",
                                    "home-education"]), profile, "school_phase")
    optional(draw, st.sampled_from(["none-identified", "sen-support", "ehc-needs-assessment", "ehc-plan"]),
             profile, "sen_stage")
    optional(draw, st.sampled_from(["ASD", "SEMH", "SLCN", "SPLD", "NSA"]), profile, "primary_need")
    optional(draw, st.sampled_from(["WBRI", "REFU", "NOBT", "BAFR"]), profile, "ethnicity")
    optional(draw, st.sampled_from(["North", "South"]), profile, "locality")
    optional(draw, st.lists(st.sampled_from(ISSUES), unique=True, max_size=3), profile, "issues")
    optional(draw, st.sampled_from(["information", "advice", "casework"]), profile, "support_level")
    if kind == "general-enquiry" and "support_level" in profile:
        profile["support_level"] = "information"  # R7: general information only
    record["profile"] = profile
    return record


def _personal(record: dict) -> None:
    """Make sure a personal section exists (where the base forbids it, that is itself a broken rule)."""
    record.setdefault("child", {})


def _break_anonymous(r, draw):
    r["anonymous"] = True
    r["person"] = {"name": "Anon Ymous"}


def _break_no_permission(r, draw):
    r["record_personal_details"] = False
    r["child"] = {"name": "Kept Out"}


def _break_general_enquiry(r, draw):
    r["kind"] = "general-enquiry"
    r["person"] = {"relationship": "aunt"}


def _break_general_enquiry_casework(r, draw):
    r["kind"] = "general-enquiry"
    for section in ("person", "child", "contact_preferences"):
        r.pop(section, None)
    r["profile"]["support_level"] = draw(st.sampled_from(["advice", "casework"]))


def _break_no_referral_permission(r, draw):
    r["contact"]["route"] = draw(st.sampled_from(["professional", "other"]))
    r["contact"]["referrer"] = "school SENCo"
    r["contact"].pop("referral_permission", None)


def _break_no_referrer(r, draw):
    c = r["contact"]
    c["route"] = "professional"
    c["referral_permission"] = {"given_by": "parent-carer", "date": c["date"], "method": "verbal"}
    c.pop("referrer", None)


def _break_policy_missing(r, draw):
    del r["contact"]["policy_explained"]


def _break_policy_version(r, draw):
    r["contact"]["policy_explained"]["version"] = draw(st.sampled_from(["2024-12", "v2", "2026-04"]))


def _break_parental_responsibility(r, draw):
    r["kind"] = "case"
    r["contact"]["caller"] = draw(st.sampled_from(["parent-carer", "other-family"]))
    r["contact"]["parental_responsibility"] = False


def _break_date_form(r, draw):
    d = r["contact"]["date"]
    r["contact"]["date"] = draw(st.sampled_from([d.strftime("%d/%m/%Y"), d.strftime("%d %B %Y"), d.strftime("%Y%m%d")]))


def _break_future(r, draw):
    r["contact"]["date"] = TODAY + dt.timedelta(days=draw(st.integers(1, 400)))


def _break_born_after(r, draw):
    _personal(r)
    for section in ("child",):
        r[section]["date_of_birth"] = r["contact"]["date"] + dt.timedelta(days=draw(st.integers(1, 300)))
    r["profile"].pop("age_band", None)


def _break_too_old(r, draw):
    _personal(r)
    r["child"]["date_of_birth"] = years_before(r["contact"]["date"], draw(st.integers(26, 60)))
    r["profile"].pop("age_band", None)


def _break_age_band(r, draw):
    _personal(r)
    dob = years_before(r["contact"]["date"], draw(st.integers(0, 25)))
    r["child"]["date_of_birth"] = dob
    right = band_of(dob, r["contact"]["date"])
    r["profile"]["age_band"] = draw(st.sampled_from([b for b in BANDS if b != right]))


def _break_locality(r, draw):
    r["profile"]["locality"] = draw(st.sampled_from(["Atlantis", "north", "East"]))


def _break_enum(r, draw):
    section, key, value = draw(st.sampled_from([
        ("profile", "primary_need", "XYZ"), ("profile", "support_level", "lots"), ("contact", "channel", "fax"),
        ("profile", "ethnicity", "Martian"), ("contact", "caller", "neighbour"),
    ]))
    r[section][key] = value


def _break_system_field(r, draw):
    key, value = draw(st.sampled_from([("id", "K7M3-Q9P2"), ("status", "open"), ("created_by", "Ann"),
                                       ("notes", [{"text": "x"}])]))
    r[key] = value


BREAKERS = [_break_anonymous, _break_no_permission, _break_general_enquiry, _break_general_enquiry_casework, _break_no_referral_permission,
            _break_no_referrer, _break_policy_missing, _break_policy_version, _break_parental_responsibility,
            _break_date_form, _break_future, _break_born_after, _break_too_old, _break_age_band, _break_locality,
            _break_enum, _break_system_field, "malformed-toml"]

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(base=valid_intakes(), breaker=st.sampled_from(BREAKERS), data=st.data())
def test_property_one_broken_rule_is_refused_and_nothing_written(env: Env, base, breaker, data):
    record = copy.deepcopy(base)
    if breaker == "malformed-toml":
        text = tomli_w.dumps(record).replace("]", "", 1)
    else:
        breaker(record, data.draw)
        text = tomli_w.dumps(record)
    before = vault_case_files(env)
    r = intake(env, text)
    assert r.exit_code != 0, f"{getattr(breaker, '__name__', breaker)} was accepted"
    one_line_error(r)
    assert r.stdout == ""
    assert vault_case_files(env) == before


def _as_record(value):
    """What a record holds for an intake value: TOML dates become 'YYYY-MM-DD' strings."""
    if isinstance(value, dict):
        return {k: _as_record(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_record(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@PROPERTY
@given(base=valid_intakes())
def test_property_valid_intakes_are_stored_and_round_trip(env: Env, base):
    before = case_count(env)
    r = intake(env, tomli_w.dumps(base))
    assert r.exit_code == 0, r.stderr
    cid = r.stdout.strip()
    assert ID_RE.fullmatch(cid)
    assert case_count(env) == before + 1
    record = show(env, cid)
    expected = _as_record(base)
    dob = base.get("child", {}).get("date_of_birth")
    if dob is not None:
        expected["profile"]["age_band"] = band_of(dob, base["contact"]["date"])
    if "postcode" in expected.get("person", {}):  # stored as Royal Mail writes it: "b338th" is "B33 8TH"
        from sendvault.records.intake import tidy_postcode

        expected["person"]["postcode"] = tidy_postcode(expected["person"]["postcode"])
    assert {k: record[k] for k in expected} == expected
    assert set(record) - set(expected) == {"format", "id", "created", "created_by", "updated", "updated_by", "status",
                                                  "assigned_to"}


def test_an_unknown_key_is_named_only_when_it_looks_like_a_field(env: Env):
    """A misspelt field is named, so it can be fixed; a key that is someone's name is not echoed."""
    case = changed()
    case["contact"]["refferer"] = "school"
    r = intake(env, intake_text(case))
    assert r.exit_code == 1
    assert "  - the first contact has unknown field(s): refferer" in r.stderr
    case = changed()
    case["child"]["Sam Example born 2014"] = True
    r = intake(env, intake_text(case))
    assert r.exit_code == 1
    assert "Sam Example" not in r.stderr and "  - the child's details have an unknown field" in r.stderr


def test_several_missing_fields_are_each_listed(env: Env):
    r = intake(env, 'kind = "case"\n')
    assert r.exit_code == 1
    for field in ("whether the contact is anonymous", "whether permission to record personal details was given at first contact", "the first contact",
                  "the profile"):
        assert f"  - {field} is missing" in r.stderr


@pytest.mark.parametrize(("field", "typed", "stored_or_error"), [
    ("postcode", "sp12ab", "SP1 2AB"),
    ("postcode", "  ec1a1bb ", "EC1A 1BB"),
    ("postcode", "QQ1 1QQ", "the caller's postcode must be a UK postcode"),
    ("postcode", "EX1 2CI", "the caller's postcode must be a UK postcode"),
    ("phone", "01632 9601", "is not a whole UK number"),
    ("phone", "1234567", "must start with 0 (with its area code)"),
    ("phone", "01632 960123 ext 204", "01632 960123 ext 204"),
    ("phone", "+33 1 23 45 67 89", "+33 1 23 45 67 89"),
])
def test_postcodes_are_written_as_royal_mail_writes_them_and_phones_must_reach_someone(env: Env, field, typed, stored_or_error):
    case = changed()
    case["person"][field] = typed
    r = intake(env, tomli_w.dumps(case))
    if stored_or_error.startswith("the ") or stored_or_error.startswith(("is ", "must ")):
        assert r.exit_code == 1 and stored_or_error in r.stderr, r.stderr
        assert typed.strip() not in r.stderr  # the value is not repeated
    else:
        assert r.exit_code == 0, r.stderr
        assert show(env, r.stdout.strip())["person"][field] == stored_or_error


@pytest.mark.parametrize("referrer", ["Mr Okafor, SENCo at Hill Top Academy", "SENCo (Mrs Patel)", "Dr. Jones, GP"])
def test_a_referrer_given_as_a_name_is_refused(env: Env, referrer):
    case = changed()
    case["contact"]["route"] = "professional"
    case["contact"]["referrer"] = referrer
    case["contact"]["referral_permission"] = {"given_by": "parent-carer", "date": case["contact"]["date"], "method": "verbal"}
    r = intake(env, tomli_w.dumps(case))
    assert r.exit_code == 1 and "the referrer's role names a person" in r.stderr, r.stderr
    case["contact"]["referrer"] = "SENCo at Hill Top Academy"
    assert intake(env, tomli_w.dumps(case)).exit_code == 0
