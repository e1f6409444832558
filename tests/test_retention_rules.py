"""Retention rules (issue 11): each case's due date from the vault's rules and its record.

Every rule, its boundaries (the day before, the day of, leap-day birthdays), missing
data (the fallback), and a property: no case is ever due before any rule that applies
to it says.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendvault.records import retention
from sendvault.basics import schema
from sendvault.records.retention import add_months, birthday, due, make_rules

D = dt.date.fromisoformat

BASE = {
    "id": "K7M3-Q9P2", "created": "2020-01-10T10:00:00Z", "status": "open", "kind": "case", "anonymous": False,
    "contact": {"date": "2020-01-10"}, "child": {"date_of_birth": "2004-06-15"}, "profile": {},
}


def rec(**changes) -> dict:
    r = copy.deepcopy(BASE)
    for k, v in changes.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


def closed(on: str) -> dict:
    return rec(status="closed", closed={"date": on, "outcome": "resolved", "by": "Ann"})


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(D("2021-01-31"), 1) == D("2021-02-28")
    assert add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert add_months(D("2021-03-15"), 12) == D("2022-03-15")
    assert add_months(D("2021-11-30"), 3) == D("2022-02-28")
    assert add_months(D("2021-05-05"), 0) == D("2021-05-05")


def test_a_leap_day_birthday_falls_on_the_first_of_march_in_other_years():
    assert birthday(D("2004-02-29"), 25) == D("2029-03-01")
    assert birthday(D("2004-02-29"), 24) == D("2028-02-29")
    assert birthday(D("2004-03-01"), 25) == D("2029-03-01")


def test_birthday_rule_the_day_before_and_the_day_of():
    rules = make_rules(birthday_age=25)
    d = due(rec(), rules)
    assert (d.date, d.rule, d.fallback) == (D("2029-06-15"), "birthday", ())
    assert d.date > D("2029-06-14")  # the day before: not due; the day of: due (due when date <= today)


def test_leap_day_birthday_rule():
    assert due(rec(child={"date_of_birth": "2004-02-29"}), make_rules(birthday_age=25)).date == D("2029-03-01")


def test_left_education_from_the_recorded_date_else_the_leaving_age_else_the_fallback():
    rules = make_rules(left_education_months=24, leaving_age=19, fallback_months=72)
    assert due(rec(child={"date_of_birth": "2004-06-15", "left_education": "2022-07-20"}), rules).date == D("2024-07-20")
    assert due(rec(), rules).date == D("2025-06-15")  # 19th birthday + 24 months
    d = due(rec(child=None), rules)  # neither date: 72 months after the last activity
    assert (d.date, d.fallback) == (D("2026-01-10"), ("left-education",))
    without_age = make_rules(left_education_months=24, fallback_months=12)
    assert due(rec(), without_age).fallback == ("left-education",)


def test_after_closed_is_never_due_while_open():
    rules = make_rules(after_closed=12)
    assert due(rec(), rules).date is None
    assert due(closed("2021-03-31"), rules).date == D("2022-03-31")


def test_after_last_contact_counts_from_the_latest_activity():
    rules = make_rules(after_last_contact=12)
    r = closed("2021-03-31")
    r["notes"] = [{"at": "2021-05-02T09:00:00Z", "by": "Ann", "text": "x"}]
    assert due(r, rules).date == D("2022-05-02")


def test_rules_combine_by_the_latest_date_and_name_the_deciding_rule():
    rules = make_rules(birthday_age=18, after_closed=12)
    d = due(closed("2023-01-05"), rules)  # 18th birthday 2022-06-15; closed + 12 months 2024-01-05
    assert (d.date, d.rule) == (D("2024-01-05"), "after-closed")
    d = due(closed("2020-01-05"), rules)
    assert (d.date, d.rule) == (D("2022-06-15"), "birthday")


def test_missing_date_of_birth_falls_back_and_says_so():
    d = due(rec(child={}), make_rules(birthday_age=25, fallback_months=72))
    assert (d.date, d.rule, d.fallback) == (D("2026-01-10"), "birthday", ("birthday",))


def test_anonymous_contacts_and_general_enquiries_have_their_own_rule():
    rules = make_rules(birthday_age=25, enquiries_months=6)
    for r in (rec(anonymous=True, child=None), rec(kind="general-enquiry", child=None)):
        d = due(r, rules)
        assert (d.date, d.rule) == (D("2020-07-10"), "enquiries")


def test_rules_are_valid_config_and_read_in_words():
    section = make_rules(birthday_age=25, left_education_months=12, leaving_age=19, after_closed=12, after_last_contact=24)
    config = {"retention": section}
    full = schema.full_validator("config")
    errors = [e for e in full.iter_errors({**config}) if "retention" in list(e.absolute_path)]
    assert not errors
    words = "\n".join(retention.rules_in_words(section))
    assert "25th birthday" in words and "never while it is open" in words and "19th birthday" in words
    assert "no retention rules" in retention.rules_in_words(None)[0]


def test_no_rule_is_refused():
    from sendvault.basics.errors import UsageError

    with pytest.raises(UsageError):
        make_rules()


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def records(draw):
    contact = draw(dates)
    r = rec(contact={"date": contact.isoformat()}, created=f"{contact.isoformat()}T09:00:00Z")
    r["anonymous"] = draw(st.booleans()) and draw(st.booleans())
    r["kind"] = draw(st.sampled_from(["case", "case", "general-enquiry"]))
    child = {}
    if draw(st.booleans()):
        child["date_of_birth"] = (contact - dt.timedelta(days=draw(st.integers(0, 25 * 366)))).isoformat()
    if draw(st.booleans()):
        child["left_education"] = (contact + dt.timedelta(days=draw(st.integers(-2000, 3000)))).isoformat()
    r["child"] = child
    if draw(st.booleans()):
        r["status"] = "closed"
        r["closed"] = {"date": (contact + dt.timedelta(days=draw(st.integers(0, 2000)))).isoformat(), "outcome": "resolved", "by": "A"}
    return r


@st.composite
def rule_sets(draw):
    opts = {}
    if draw(st.booleans()):
        opts["birthday_age"] = draw(st.integers(16, 30))
    if draw(st.booleans()):
        opts["left_education_months"] = draw(st.integers(0, 60))
        if draw(st.booleans()):
            opts["leaving_age"] = draw(st.integers(16, 25))
    if draw(st.booleans()):
        opts["after_closed"] = draw(st.integers(0, 120))
    if draw(st.booleans()) or not opts or list(opts) == ["leaving_age"]:
        opts["after_last_contact"] = draw(st.integers(0, 120))
    return make_rules(**opts, enquiries_months=draw(st.integers(0, 60)), fallback_months=draw(st.integers(0, 120)))


@settings(max_examples=400, deadline=None)
@given(records(), rule_sets())
def test_no_case_is_ever_due_before_any_rule_that_applies_to_it_says(record, rules):
    d = due(record, rules)
    if retention.is_enquiry(record):
        assert d.date == add_months(D(retention.last_activity_date(record).isoformat()), rules["enquiries_months"])
        return
    for rule in rules["rules"]:
        day, _ = retention.rule_date(rule, record, rules["fallback_months"])
        if day is None:
            assert d.date is None  # an open case under an after-closed rule is never due
        elif d.date is not None:
            assert d.date >= day
