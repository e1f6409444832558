"""Issue 10: the record-level extract is k-anonymous at the threshold on generated caseloads."""

from __future__ import annotations

import datetime as dt

import pytest

from sendvault import report

from report_fakes import units

WHEN = report.default_period(dt.date(2025, 6, 1))


def _k(rows: list[dict]) -> int:
    sizes: dict = {}
    for row in rows:
        combo = tuple(row[q] for q in report.LADDERS)
        sizes[combo] = sizes.get(combo, 0) + 1
    return min(sizes.values())


@pytest.mark.parametrize("n,seed", [(30, 1), (60, 2), (200, 3), (1000, 4)])
def test_every_combination_is_shared_by_at_least_k(n, seed):
    e = report.extract(units(n, seed), WHEN, 5)
    contacts = sum(1 for u in units(n, seed) if WHEN.holds(u["opened"]))
    assert len(e.rows) + e.left_out == contacts
    assert _k(e.rows) >= 5


def test_a_large_caseload_keeps_detail():
    e = report.extract(units(3000, 5), WHEN, 5)
    assert sum(e.levels.values()) < sum(len(ladder) - 1 for ladder in report.LADDERS.values())


def test_pycanon_agrees():
    """pyCANON, when installed (it pins typer==0.23.2, so it cannot sit in sendvault's test extra)."""
    pd = pytest.importorskip("pandas")
    anonymity = pytest.importorskip("pycanon.anonymity")
    e = report.extract(units(400, 3), WHEN, 5)
    assert anonymity.k_anonymity(pd.DataFrame(e.rows), list(report.LADDERS)) >= 5
