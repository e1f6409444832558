"""Issue 10: an intruder's audit of the published report.

From the published cells alone (and the additive relations anyone reading the
report knows: rows add up to totals, margins are shared between tables, major
ethnic groups are sums of their codes), linear programming bounds every hidden
cell; its feasible range must be at least the threshold wide. Run on 44 generated
caseloads (30 to 150 cases; three configurations), small ones where suppression bites
hardest; on each, the report's own audit (HiGHS) must find exactly the same ranges.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from scipy.optimize import linprog

from sendvault.statistics import lp_audit, periods, report, tables as report_tables

from report_fakes import units

CROSS = [{"rows": "primary_need", "columns": "age_band"}, {"rows": "support_level", "columns": "locality"},
         {"rows": "age_band", "columns": "locality"}, {"rows": "ethnic_group", "columns": "sen_stage"}]
TODAY = dt.date(2025, 6, 1)


def feasible_ranges(rep: report_tables.Report) -> dict:
    """{hidden key: (lowest, highest)} from the published cells and the report's additive relations."""
    published = {}
    for c in rep.cells():
        published.setdefault(c.key, c.shown)
    keys = sorted(published, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    bounds = []
    for k in keys:
        v = published[k]
        if v is None:
            bounds.append((0, None))
        elif rep.style == "ons" and v > 0:
            bounds.append((max(0, v - 2), v + 2))  # round to the nearest 5: the truth is within 2
        else:
            bounds.append((v, v))
    rows = []
    for g in rep.groups:
        row = np.zeros(len(keys))
        row[index[g.whole]] += 1
        for p in g.parts:
            row[index[p]] -= 1
        rows.append(row)
    a_eq, b_eq = np.array(rows), np.zeros(len(rows))
    out = {}
    for k in keys:
        if published[k] is not None:
            continue
        c = np.zeros(len(keys))
        c[index[k]] = 1
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, low.message  # the truth is always feasible
        out[k] = (low.fun, float("inf") if high.status == 3 else -high.fun)
    return out


def _report(n: int, seed: int, style: str = "threshold", threshold: int = 5) -> report_tables.Report:
    config = {"report": {"threshold": threshold, "style": style, "cross_tabulations": CROSS}}
    return report.build(units(n, seed), periods.default_period(TODAY), config, "Test SENDIASS", TODAY)


def _audit(rep: report_tables.Report) -> None:
    counts = {c.key: c.count for c in rep.cells()}
    ranges = feasible_ranges(rep)
    assert ranges, "no cell was hidden: nothing to audit"
    # The report's own audit (HiGHS through highspy, one model) finds exactly these ranges (scipy's linprog).
    hidden = {c.key for c in rep.cells() if c.shown is None}
    own = lp_audit.feasible_ranges(counts, rep.groups, hidden, rounded=rep.style == "ons")
    assert own.keys() == ranges.keys()
    for k, (low, high) in ranges.items():
        assert own[k][0] == pytest.approx(low, abs=1e-6) and own[k][1] == pytest.approx(high, abs=1e-6), (k, own[k], low, high)
    for k, (low, high) in ranges.items():
        assert low <= counts[k] + 1e-6 and counts[k] <= high + 1e-6, (k, low, high, counts[k])
        assert high - low >= rep.threshold - 1e-6, f"{k}: true {counts[k]}, worked out to within [{low}, {high}]"


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("n", [30, 60, 150])
def test_no_hidden_cell_can_be_narrowed_below_the_threshold(n, seed):
    _audit(_report(n, seed))


@pytest.mark.parametrize("seed", range(4))
def test_ons_style_is_audited_too(seed):
    _audit(_report(80, seed, style="ons"))


@pytest.mark.parametrize("seed", range(4))
def test_a_higher_threshold_holds(seed):
    _audit(_report(100, seed, threshold=10))


@pytest.mark.parametrize("style", ["threshold", "ons"])
def test_the_published_report_matches_its_schema(style):
    from sendvault.statistics import formats as report_formats
    from sendvault.basics import schema

    for n in (30, 400):
        data = report_formats.to_json(_report(n, 2, style=style))
        assert [e.message for e in schema.full_validator("report").iter_errors(data)] == []


def test_every_small_count_is_hidden_and_every_total_adds_up():
    rep = _report(40, 3)
    for c in rep.cells():
        if 0 < c.count < rep.threshold:
            assert c.shown is None and c.symbol == report_tables.SYMBOL
        if c.shown is None:
            assert c.symbol == report_tables.SYMBOL
    for g in rep.groups:  # totals are the truth: shown parts + hidden parts = the whole
        counts = {c.key: c.count for c in rep.cells()}
        assert counts[g.whole] == sum(counts[p] for p in g.parts)


def test_the_same_count_is_hidden_in_every_table_that_shows_it():
    rep = _report(60, 5)
    seen = {}
    for c in rep.cells():
        assert seen.setdefault(c.key, c.shown) == c.shown, c.key


def test_the_auditor_catches_a_lone_hidden_cell():
    """A check of the auditor: one hidden cell in a row with its total shown is worked out exactly."""
    rep = _report(60, 1)
    table = next(t for t in rep.tables if t.name == "route")
    for c in table.cells:
        c.shown, c.symbol = c.count, ""
    table.cells[0].shown, table.cells[0].symbol = None, report_tables.SYMBOL
    with pytest.raises(AssertionError, match="worked out"):
        _audit(rep)
