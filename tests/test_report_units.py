"""Issues 10 and 12: what the report keeps of each case.

The reader processes drop every case that counts for nothing in the period (``units.unit`` with the period
gives ``units.OUTSIDE``), so the report keeps and receives only the period's cases. Dropping them must change
nothing: the report over the cases kept is the report over them all, cell for cell.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sendvault.statistics import periods, report, extract as report_extract, units as report_units

from report_fakes import units

CONFIG = {"report": {"cross_tabulations": [{"rows": "primary_need", "columns": "age_band"}]}}
TODAY = dt.date(2027, 1, 1)


def _dates(u: report_units.Unit):
    """A unit's other dates, as ``units.unit`` gives them to ``Period.counts`` from the case's record."""
    yield from u.consent_dates
    yield from u.share_dates
    for day, _ in u.breaches:
        yield day
    for received, completed, _ in u.sar:
        yield received
        yield completed


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), start=st.dates(dt.date(2023, 6, 1), dt.date(2026, 6, 1)),
       days=st.integers(0, 500))
def test_the_cases_outside_the_period_change_nothing(seed, start, days):
    when = periods.Period(start, start + dt.timedelta(days=days))
    every = units(150, seed)  # dates over 2024 to 2026, one in ten known to the month only
    kept = [u for u in every if when.counts(u.opened, u.closed, _dates(u))]
    whole, part = (report.build(us, when, CONFIG, "S", TODAY) for us in (every, kept))
    assert part.published() == whole.published() and part.durations == whole.durations
    ext_whole, ext_part = (report_extract.extract(us, when, 5) for us in (every, kept))
    assert (ext_part.rows, ext_part.left_out, ext_part.levels) == (ext_whole.rows, ext_whole.left_out, ext_whole.levels)


def _record(**fields) -> dict:
    """A closed case of 2020 (the parts of its summary the report reads), with ``fields`` added."""
    return {"id": "A1B2C3", "created": "2020-03-01T10:00:00Z", "status": "closed", "kind": "case",
            "contact": {"date": "2020-03-01", "caller": "parent-carer", "route": "self"},
            "profile": {"primary_need": "ASD", "issues": ["transport", "admissions", "transport"]},
            "person": {"name": "Jane Example", "postcode": "EX1 1AA"},
            "closed": {"date": "2020-06-30", "outcome": "resolved"}, **fields}


def test_a_case_counts_in_a_period_through_any_of_its_dates():
    year = periods.Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert report_units.unit(_record(), year) is report_units.OUTSIDE
    for fields in ({"consents": [{"action": "grant", "date": "2025-05-01"}]},
                   {"disclosures": [{"at": "2025-05-01T09:00:00Z"}]},
                   {"breaches": [{"date": "2026-03-31", "reason": "wrong-recipient"}]},
                   {"sar_requests": [{"received": "2025-04-01", "due": "2025-05-01"}]},
                   {"sar_requests": [{"received": "2025-03-01", "due": "2025-04-01", "completed": "2025-04-02"}]},
                   {"status": "open"},  # never closed: carried over
                   {"closed": {"date": "2025-04-01", "outcome": "resolved"}}):
        u = report_units.unit(_record(**fields), year)
        assert isinstance(u, report_units.Unit), fields
    # Dates that fall just outside, or a consent withdrawn rather than given, do not count.
    for fields in ({"consents": [{"action": "withdraw", "date": "2025-05-01"}]},
                   {"breaches": [{"date": "2026-04-01", "reason": "wrong-recipient"}]},
                   {"sar_requests": [{"received": "2025-03-01", "due": "2025-04-01", "completed": "2025-03-31"}]},
                   {"closed": {"date": "2025-03-31", "outcome": "resolved"}}):
        assert report_units.unit(_record(**fields), year) is report_units.OUTSIDE, fields
    u = report_units.unit(_record())
    assert u.issues == ("admissions", "transport") and u.outcome == "resolved" and u.closed == "2020-06-30"
    assert [g for g, _ in u.people] == ["parents", "children"] and u.people[0][1] is not None
