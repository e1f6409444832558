"""`sendvault intake` asked on a real terminal (pexpect), in the order a call goes (issue 3).

Answers are checked as they are typed and asked again if wrong; an anonymous contact
or a general enquiry is never asked for personal details; a referral without the
family's permission stops (exit 5); Ctrl-C, end of input, or declining the summary
write nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import signal
import sys

import pexpect
import pytest

from conftest import ID_RE, Env, case_count, show, vault_case_files

TODAY = dt.datetime.now(dt.timezone.utc).date()
CONTACT_DATE = (TODAY - dt.timedelta(days=21)).isoformat()

# The prompts of sendvault/cli/intake_cmd.py, as they appear on the terminal.
P_DATE = "Date of first contact (e.g. 12/03/2017)"
P_CHANNEL = "How did they contact us"
P_ROUTE = "Route"
P_REFERRER = "Referrer's role"
P_REFERRAL_OK = "Has the parent or young person given permission for this referral?"
P_POLICY = "Has the confidentiality policy (version 2025-01) been explained?"
P_COPY = "Was a copy given or sent?"
P_ANON = "Does the caller wish to stay anonymous?"
P_RECORD = "Permission to record personal details?"
P_CALLER = "Who is calling"
P_PR = "Do they hold parental responsibility?"
P_HEARD = "How did they hear about us"
P_NAME = "Caller's name"
P_ADDRESS = "Postal address"
P_POSTCODE = "Postcode"
P_PHONE = "Phone"
P_EMAIL = "Email"
P_RELATIONSHIP = "Relationship to the child"
P_CHILD = "Child or young person's name"
P_DOB = "Their date of birth (e.g. 12/03/2017)"
P_SCHOOL = "School or setting"
P_WORK = "OK to call them at work?"
P_ANSWERPHONE = "OK to leave answerphone messages?"
P_FAMILY = "OK to leave messages with family or colleagues?"
P_POST = "Is that the right address to post to?"
P_AGE_BAND = "Age band"
P_PHASE = "School phase"
P_SEN = "SEN stage"
P_NEED = "Primary need (DfE code)"
P_ETHNICITY = "Ethnicity"
P_LOCALITY = "Locality"
P_ISSUES = "Issues (numbers or names, separated by commas"
P_SUPPORT = "Support level"
P_LEVEL = "Intervention level"
P_HEARD_WORDS = "In their words (never published)"
P_SAVE = "Save this case?"

PERSONAL_PROMPTS = [P_NAME, P_ADDRESS, P_POSTCODE, P_PHONE, P_EMAIL, P_RELATIONSHIP, P_CHILD, P_DOB, P_SCHOOL,
                    P_WORK, P_ANSWERPHONE, P_FAMILY, P_POST]


class Call:
    """sendvault intake on a pseudo-terminal, with everything it printed kept in ``transcript``."""

    def __init__(self, env: Env):
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable, ["-m", "sendvault", "intake"],
            env={**os.environ, **env.env(), "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "200", "LINES": "50"},
            cwd=str(env.tmp), encoding="utf-8", timeout=30, dimensions=(50, 200),
            # An officer's terminal: Ctrl-C interrupts. A suite started as a background job (a CI script run with
            # '&') has SIGINT ignored, and the child would inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.child.logfile_read = self.log

    def answer(self, prompt: str, text: str) -> None:
        """Wait for ``prompt`` (up to its ': ') and type ``text``."""
        self.child.expect_exact(prompt)
        self.child.expect_exact(": ")  # the end of the prompt line, where it waits for input
        self.child.sendline(text)

    def answers(self, *pairs: tuple[str, str]) -> None:
        for prompt, text in pairs:
            self.answer(prompt, text)

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def finish(self) -> int:
        """Wait for the end; the exit status, or 128+signal if a signal ended it."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        if self.child.exitstatus is None:
            return 128 + self.child.signalstatus
        return self.child.exitstatus

    @property
    def transcript(self) -> str:
        return self.log.getvalue().replace("\r", "")


def opening(route: str = "self") -> list[tuple[str, str]]:
    return [(P_DATE, CONTACT_DATE), (P_CHANNEL, "phone"), (P_ROUTE, route)]


def printed_id(transcript: str) -> str:
    ids = re.findall(rf"^({ID_RE.pattern})$", transcript, re.MULTILINE)
    assert len(ids) == 1, transcript[-2000:]
    return ids[0]


def skip_profile(call: Call, age_band: str = "") -> None:
    call.answers((P_AGE_BAND, age_band), (P_PHASE, ""), (P_SEN, ""), (P_NEED, ""), (P_ETHNICITY, ""),
                 (P_LOCALITY, ""), (P_ISSUES, ""), (P_SUPPORT, ""), (P_LEVEL, ""))


# --- (a) a full case ----------------------------------------------------------------


def test_a_full_case_is_stored_with_every_answer(env: Env):
    call = Call(env)
    call.answers(
        (P_DATE, CONTACT_DATE), (P_CHANNEL, "2"), (P_ROUTE, "self"),
        (P_POLICY, "y"), (P_COPY, "y"), (P_ANON, "n"), (P_RECORD, "y"),
        (P_CALLER, "1"), (P_PR, "y"), (P_HEARD, "other"), (P_HEARD_WORDS, "school newsletter"),
        (P_NAME, "Zoë Tester"), (P_ADDRESS, "1 Example Road, Exampletown"), (P_POSTCODE, "ex1 2np"),
        (P_PHONE, "07700 900123"), (P_EMAIL, "zoe@example.org"), (P_RELATIONSHIP, "mother"),
        (P_CHILD, "Sam Tester"), (P_DOB, "2014-03-09"), (P_SCHOOL, "Example Hill Primary School"),
        (P_WORK, "n"), (P_ANSWERPHONE, "y"), (P_FAMILY, "n"), (P_POST, "y"),
    )
    call.expect("age band 11-15 (from the date of birth)")
    call.answers(
        (P_PHASE, "2"), (P_SEN, "ehc-needs-assessment"), (P_NEED, "asd"), (P_ETHNICITY, "WBRI"),
        (P_LOCALITY, "2"), (P_ISSUES, "1, exclusion"), (P_SUPPORT, "advice"), (P_LEVEL, ""), (P_SAVE, "y"),
    )
    assert call.finish() == 0, call.transcript
    transcript = call.transcript
    assert P_AGE_BAND + " (" not in transcript and P_AGE_BAND + ":" not in transcript  # derived, not asked (the summary shows it)
    cid = printed_id(transcript)
    assert f"case {cid} opened" in transcript

    record = show(env, cid)
    assert record["kind"] == "case" and record["anonymous"] is False and record["record_personal_details"] is True
    contact = record["contact"]
    assert contact["date"] == CONTACT_DATE and contact["channel"] == "email" and contact["route"] == "self"
    assert contact["caller"] == "parent-carer" and contact["parental_responsibility"] is True
    assert contact["heard_about"] == "other" and contact["heard_about_other"] == "school newsletter"
    assert contact["policy_explained"] == {"version": "2025-01", "date": CONTACT_DATE, "copy_given": True}
    assert "referrer" not in contact and "referral_permission" not in contact
    assert record["person"] == {
        "name": "Zoë Tester", "address": "1 Example Road, Exampletown", "postcode": "EX1 2NP",
        "phone": "07700 900123", "email": "zoe@example.org", "relationship": "mother",
    }
    assert record["child"] == {"name": "Sam Tester", "date_of_birth": "2014-03-09", "school": "Example Hill Primary School"}
    assert record["contact_preferences"] == {
        "call_at_work": False, "answerphone_messages": True, "messages_with_family": False, "post_ok": True,
    }
    assert record["profile"] == {
        "age_band": "11-15", "school_phase": "primary", "sen_stage": "ehc-needs-assessment", "primary_need": "ASD",
        "ethnicity": "WBRI", "locality": "South", "issues": ["ehc-needs-assessment", "exclusion"],
        "support_level": "advice",
    }


def test_a_referral_with_permission_records_who_when_and_how(env: Env):
    call = Call(env)
    call.answers(
        *opening("professional"),
        (P_REFERRER, "health visitor"), (P_REFERRAL_OK, "y"),
        ("Permission given by", "young-person"), ("Permission given on", ""), ("How was permission given", "written"),
        (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "n"),
        (P_CALLER, "young-person"), (P_HEARD, ""),
    )
    skip_profile(call, "16-18")
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    for prompt in PERSONAL_PROMPTS:  # R5: no permission to record, so nothing is asked
        assert prompt not in call.transcript, prompt
    record = show(env, printed_id(call.transcript))
    assert record["contact"]["referrer"] == "health visitor"
    assert record["contact"]["referral_permission"] == {"given_by": "young-person", "date": CONTACT_DATE, "method": "written"}
    assert record["record_personal_details"] is False
    assert not {"person", "child", "contact_preferences"} & set(record)
    assert record["profile"] == {"age_band": "16-18", "ethnicity": "NOBT", "support_level": "information"}


# --- (b) anonymous, (c) general enquiry: no personal questions ----------------------


def test_b_anonymous_contact_is_never_asked_for_identifying_details(env: Env):
    call = Call(env)
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "y"))
    call.expect("anonymous: no identifying question will be asked")
    call.answers((P_CALLER, "parent-carer"), (P_PR, "y"), (P_HEARD, ""))
    skip_profile(call, "5-10")
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    transcript = call.transcript
    for prompt in [P_RECORD, *PERSONAL_PROMPTS]:
        assert prompt not in transcript, prompt
    record = show(env, printed_id(transcript))
    assert record["anonymous"] is True and record["kind"] == "case"
    assert not {"person", "child", "contact_preferences"} & set(record)
    assert record["profile"]["age_band"] == "5-10"  # R3: still counts in statistics


@pytest.mark.parametrize("caller", ["other-family", "parent-carer"])
def test_c_caller_without_parental_responsibility_gets_a_general_enquiry(env: Env, caller):
    call = Call(env)
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"),
                 (P_CALLER, caller), (P_PR, "n"))
    call.expect("general enquiry")
    call.answer(P_HEARD, "")
    skip_profile(call)
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    for prompt in PERSONAL_PROMPTS:
        assert prompt not in call.transcript, prompt
    record = show(env, printed_id(call.transcript))
    assert record["kind"] == "general-enquiry"
    assert record["contact"]["caller"] == caller and record["contact"]["parental_responsibility"] is False
    assert not {"person", "child", "contact_preferences"} & set(record)


# --- (d) stopped by policy: exit 5, nothing written ---------------------------------


def test_d_referral_without_permission_is_stopped(env: Env):
    before = vault_case_files(env)
    call = Call(env)
    call.answers(*opening("professional"), (P_REFERRER, "school SENCo"), (P_REFERRAL_OK, "n"))
    assert call.finish() == 5
    assert "sendvault: error: a referral is accepted only once the parent's or young person's permission is recorded" \
        in call.transcript
    assert "Traceback" not in call.transcript
    assert P_POLICY not in call.transcript
    assert vault_case_files(env) == before


def test_d_policy_not_explained_is_stopped(env: Env):
    before = vault_case_files(env)
    call = Call(env)
    call.answers(*opening(), (P_POLICY, "n"))
    assert call.finish() == 5
    assert "the confidentiality policy must be explained at first contact" in call.transcript and "nothing was written" in call.transcript
    assert vault_case_files(env) == before


def test_declining_the_summary_writes_nothing(env: Env):
    before = vault_case_files(env)
    call = Call(env)
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "y"), (P_CALLER, "young-person"), (P_HEARD, ""))
    skip_profile(call)
    call.answer(P_SAVE, "n")
    assert call.finish() == 1  # declined by the officer: not a refusal by policy (5)
    assert "not saved; nothing was written" in call.transcript
    assert vault_case_files(env) == before


# --- (e) Ctrl-C and end of input ------------------------------------------------------


def _to_the_postcode_prompt(call: Call) -> None:
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"),
                 (P_CALLER, "parent-carer"), (P_PR, "y"), (P_HEARD, ""), (P_NAME, "Zoë Halfway"),
                 (P_ADDRESS, "2 Example Road"))
    call.expect(P_POSTCODE)
    call.expect(": ")


def test_e_ctrl_c_half_way_writes_nothing(env: Env):
    before = vault_case_files(env)
    call = Call(env)
    _to_the_postcode_prompt(call)
    call.child.sendintr()
    status = call.finish()
    assert status != 0
    assert "nothing was written" in call.transcript
    assert "Traceback" not in call.transcript and "Zoë Halfway" not in call.transcript.split(P_ADDRESS)[-1]
    assert vault_case_files(env) == before


def test_e_end_of_input_half_way_writes_nothing(env: Env):
    before = vault_case_files(env)
    call = Call(env)
    _to_the_postcode_prompt(call)
    call.child.sendeof()
    status = call.finish()
    assert status != 0
    assert "nothing was written" in call.transcript
    assert "Traceback" not in call.transcript
    assert vault_case_files(env) == before


def test_e_ctrl_c_at_the_first_question_writes_nothing(env: Env):
    before = case_count(env)
    call = Call(env)
    call.expect(P_DATE)
    call.expect(": ")
    call.child.sendintr()
    assert call.finish() != 0
    assert "Traceback" not in call.transcript
    assert case_count(env) == before


# --- (f) wrong answers are rejected and asked again -----------------------------------


def test_f_wrong_answers_are_rejected_and_asked_again(env: Env):
    future = (TODAY + dt.timedelta(days=5)).isoformat()
    call = Call(env)
    call.answer(P_DATE, "31/02/2026")
    call.expect("the date of first contact: there is no 31 February")
    call.answer(P_DATE, "12/13/2026")
    call.expect("the date of first contact: there is no 13th month")
    call.answer(P_DATE, future)
    call.expect("the date of first contact is in the future")
    call.answer(P_DATE, dt.date.fromisoformat(CONTACT_DATE).strftime("%d/%m/%Y"))  # day first, as written in England
    call.answer(P_CHANNEL, "carrier pigeon")
    call.expect("how they made contact: that is not one of the choices; choose one of: phone (Telephone), email,")
    call.answer(P_CHANNEL, "99")
    call.expect("choose one of:")
    call.answer(P_CHANNEL, "face")  # an unambiguous start of a name
    call.answers((P_ROUTE, "self"), (P_POLICY, "maybe"))
    call.expect("answer yes or no")
    call.answer(P_POLICY, "Yes")
    call.answers((P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"), (P_CALLER, "parent-carer"), (P_PR, "y"),
                 (P_HEARD, ""), (P_NAME, "Ann Other"), (P_ADDRESS, ""))
    call.answer(P_POSTCODE, "NOT A POSTCODE")
    call.expect("the caller's postcode must be a UK postcode such as EX1 2NP")
    call.answer(P_POSTCODE, "sw1a1aa")
    call.answer(P_PHONE, "call me")
    call.expect("the caller's phone number must be written with digits")
    call.answer(P_PHONE, "")
    call.answer(P_EMAIL, "not-an-email")
    call.expect("the caller's email address must be an address such as name@example.org")
    call.answers((P_EMAIL, ""), (P_RELATIONSHIP, ""), (P_CHILD, ""))
    call.answer(P_DOB, "09/13/2014")
    call.expect("the child's date of birth: there is no 13th month")
    call.answer(P_DOB, future)
    call.expect("the child's date of birth is in the future")
    call.answer(P_DOB, "09/03/2014")
    call.answers((P_SCHOOL, ""), (P_WORK, ""), (P_ANSWERPHONE, ""), (P_FAMILY, ""))
    call.expect("age band 11-15")
    call.answers((P_PHASE, ""), (P_SEN, ""), (P_NEED, "XYZ"))
    call.expect("the primary need: that is not one of the choices; choose one of:")
    call.answers((P_NEED, ""), (P_ETHNICITY, ""), (P_LOCALITY, "West"))
    call.expect("the locality: that is not one of the choices; choose one of: North, South")
    call.answer(P_LOCALITY, "north")
    call.answer(P_ISSUES, "1, 99")
    call.expect("'99' is not one of the issues")
    call.answer(P_ISSUES, "tribunal")
    call.answers((P_SUPPORT, ""), (P_LEVEL, ""), (P_SAVE, "y"))
    assert call.finish() == 0, call.transcript
    record = show(env, printed_id(call.transcript))
    assert record["contact"]["date"] == CONTACT_DATE and record["contact"]["channel"] == "face-to-face"
    assert record["person"] == {"name": "Ann Other", "postcode": "SW1A 1AA"}  # typed sw1a1aa: written as Royal Mail writes it
    assert record["child"] == {"date_of_birth": "2014-03-09"}
    assert record["profile"]["locality"] == "North" and record["profile"]["issues"] == ["tribunal"]
    assert "post_ok" not in record["contact_preferences"]  # no address, so not asked


# --- (g) answers in an officer's words --------------------------------------------------


def test_g_dates_yes_no_and_choices_are_read_as_officers_type_them(env: Env):
    contact = dt.date.fromisoformat(CONTACT_DATE)
    words = f"{contact.day} {contact.strftime('%B')} {contact.year}"
    call = Call(env)
    call.answer(P_DATE, words)  # 12 March 2017
    call.expect("1) phone")  # the choices, numbered, before the question
    call.answer(P_CHANNEL, "?")
    call.expect("1) phone")  # and again on ?
    call.answers((P_CHANNEL, "Face to face"), (P_ROUTE, "SELF"), (P_POLICY, "YES"), (P_COPY, "N"), (P_ANON, "No"),
                 (P_RECORD, "y"), (P_CALLER, "parent"), (P_PR, "Y"), (P_HEARD, ""))
    call.answers((P_NAME, ""), (P_ADDRESS, ""), (P_POSTCODE, ""), (P_PHONE, ""), (P_EMAIL, ""), (P_RELATIONSHIP, ""),
                 (P_CHILD, ""), (P_DOB, "2014-03-09"), (P_SCHOOL, ""), (P_WORK, ""), (P_ANSWERPHONE, ""), (P_FAMILY, ""))
    call.answers((P_PHASE, "secondary"), (P_SEN, ""))
    call.child.expect(r"11\) +ASD +Autistic Spectrum Disorder")  # needs listed with the DfE's descriptions
    call.answer(P_NEED, "autism")
    call.child.expect(r"AIND +Indian")
    call.answer(P_ETHNICITY, "white")
    call.expect("the ethnicity: 'white' matches: WBRI (White - British), WIRI (White - Irish)")
    call.answer(P_ETHNICITY, "Indian")
    call.answers((P_LOCALITY, ""), (P_ISSUES, "exclusion, bully"))
    call.answers((P_SUPPORT, ""), (P_LEVEL, ""))
    call.expect("Child's date of birth")  # the summary in words, not field names
    call.expect("9 March 2014")
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    assert "child.date_of_birth" not in call.transcript and "contact.date" not in call.transcript
    record = show(env, printed_id(call.transcript))
    assert record["contact"]["date"] == CONTACT_DATE and record["contact"]["channel"] == "face-to-face"
    assert record["contact"]["caller"] == "parent-carer"
    assert record["profile"]["primary_need"] == "ASD" and record["profile"]["ethnicity"] == "AIND"
    assert record["profile"]["issues"] == ["exclusion", "bullying"]


def _at_the_issues(env: Env) -> Call:
    """An intake of a parent's case answered with the defaults up to the question of the issues."""
    call = Call(env)
    call.answers((P_DATE, ""), (P_CHANNEL, ""), (P_ROUTE, "self"), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"),
                 (P_RECORD, "y"), (P_CALLER, "parent"), (P_PR, "y"), (P_HEARD, ""))
    call.answers((P_NAME, ""), (P_ADDRESS, ""), (P_POSTCODE, ""), (P_PHONE, ""), (P_EMAIL, ""), (P_RELATIONSHIP, ""),
                 (P_CHILD, ""), (P_DOB, "2014-03-09"), (P_SCHOOL, ""), (P_WORK, ""), (P_ANSWERPHONE, ""), (P_FAMILY, ""))
    call.answers((P_PHASE, ""), (P_SEN, ""), (P_NEED, ""), (P_ETHNICITY, ""), (P_LOCALITY, ""))
    return call


@pytest.mark.parametrize("typed", ["all", "2-4", "1 to 2, 5"])
def test_g_issues_take_all_and_ranges_of_their_numbers(env: Env, typed):
    from sendvault.records import categories

    everything = list(categories.defaults("issues"))
    call = _at_the_issues(env)
    call.answer(P_ISSUES, f"0-{len(everything) + 1}")
    call.expect(f"is not a range of the numbers listed (1 to {len(everything)})")
    call.answer(P_ISSUES, typed)
    call.answers((P_SUPPORT, ""), (P_LEVEL, ""), (P_SAVE, "y"))
    assert call.finish() == 0, call.transcript
    issues = show(env, printed_id(call.transcript))["profile"]["issues"]
    expected = {"all": everything, "2-4": everything[1:4], "1 to 2, 5": everything[0:2] + [everything[4]]}[typed]
    assert issues == expected


# --- who provided the answers (issue 9) ---------------------------------------------------

P_KEPT = "Did the young person ask that any of this is kept from their parent or carer?"
P_WHICH = "Which (numbers or names, separated by commas)"


def test_a_young_persons_call_is_theirs_and_a_confidence_is_asked_once(env: Env):
    call = Call(env)
    call.answers(
        *opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"),
        (P_CALLER, "young-person"), (P_HEARD, ""),
        ("Young person's name", "Sam Tester"), (P_ADDRESS, ""), (P_POSTCODE, ""), (P_PHONE, "07700 900456"), (P_EMAIL, ""),
        (P_DOB, "2012-03-09"), (P_SCHOOL, "Wrenfield Academy"),
        (P_WORK, "n"), (P_ANSWERPHONE, "n"), (P_FAMILY, "n"),
    )
    call.answers((P_PHASE, ""), (P_SEN, ""), (P_NEED, ""), (P_ETHNICITY, ""), (P_LOCALITY, ""), (P_ISSUES, ""),
                 (P_SUPPORT, ""), (P_LEVEL, ""), (P_KEPT, "y"), (P_WHICH, "child.school, person.phone"))
    call.expect("Not to be shared")
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    record = show(env, printed_id(call.transcript))
    assert record["provided"] == {"fields": {"child.school": {"from": "young-person", "private": True},
                                             "person.phone": {"from": "young-person", "private": True}}}
    # Their own call: asked their name once, and no "relationship to the child".
    assert P_RELATIONSHIP not in call.transcript and P_CHILD not in call.transcript
    assert record["person"]["name"] == record["child"]["name"] == "Sam Tester"
    assert "relationship" not in record["person"]


def test_a_parents_call_asks_nothing_more(env: Env):
    call = Call(env)
    call.answers(*opening(), (P_POLICY, "y"), (P_COPY, "n"), (P_ANON, "n"), (P_RECORD, "y"),
                 (P_CALLER, "parent-carer"), (P_PR, "y"), (P_HEARD, ""), (P_NAME, "Zoë Tester"), (P_ADDRESS, ""),
                 (P_POSTCODE, ""), (P_PHONE, ""), (P_EMAIL, ""), (P_RELATIONSHIP, ""), (P_CHILD, ""), (P_DOB, ""),
                 (P_SCHOOL, ""), (P_WORK, "n"), (P_ANSWERPHONE, "n"), (P_FAMILY, "n"))
    skip_profile(call)
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    assert "kept from" not in call.transcript and "provided" not in show(env, printed_id(call.transcript))


def test_g_issues_are_the_services_list_with_its_own_codes(env: Env):
    """A manager's added issue is offered with its words and recorded; a retired one is no longer taken."""
    assert env.cli("categories", "add", "issues", "mediation", "Disagreement resolution and mediation").exit_code == 0
    assert env.cli("categories", "retire", "issues", "bullying").exit_code == 0
    call = _at_the_issues(env)
    call.child.expect(r"mediation +Disagreement resolution and mediation")  # offered with its words
    call.answer(P_ISSUES, "bullying")
    call.expect("'bullying' is not one of the issues")
    call.answer(P_ISSUES, "exclusion, disagreement resolution")
    call.answers((P_SUPPORT, ""), (P_LEVEL, ""))
    call.expect("Disagreement resolution and mediation")  # the summary says it in the list's words
    call.answer(P_SAVE, "y")
    assert call.finish() == 0, call.transcript
    assert show(env, printed_id(call.transcript))["profile"]["issues"] == ["exclusion", "mediation"]
