"""Issue 10: sendvault's disclosure control beside tau-ARGUS on the same tables.

tau-ARGUS (``pytauargus``, in the ``compare`` extra: ``pip install -e '.[test,compare]'``)
and sendvault protect the same tables from the same generated caseloads
(``report_peer`` says how). sendvault must hide no more than 1.1 times what tau-ARGUS
hides, in cells and in their total count (each caseload and all together), and the intruder's audit of
``test_report_audit`` must pass on both outputs (on tau-ARGUS's, a check of the auditor).
The long run, with every figure, is ``bench/report_peer.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sendvault.statistics import periods, tables as report_tables, suppression

import report_peer
from report_fakes import units
from test_report_audit import _audit

pytest.importorskip("pytauargus")
TODAY = dt.date(2025, 6, 1)
WHEN = periods.default_period(TODAY)
CASELOADS = [(30, 1), (30, 2), (60, 3), (150, 4), (400, 5)]


def _published(tabs, groups) -> report_tables.Report:
    return report_tables.Report("Test SENDIASS", WHEN, TODAY, "threshold", 5, tabs, groups, {"hidden": True}, {})


def test_sendvault_hides_no_more_than_tauargus_and_both_pass_the_audit():
    ours, theirs = [0, 0], [0, 0]
    for n, seed in CASELOADS:
        tabs, groups = report_peer.tables(units(n, seed), WHEN)
        mine = report_peer.sendvault_hidden(tabs, groups, 5)
        _audit(_published(tabs, groups))
        peer_tabs, _ = report_peer.tables(units(n, seed), WHEN)
        peer = report_peer.tauargus_hidden(peer_tabs, 5, "OPT")
        assert suppression.primary({c.key: c.count for t in tabs for c in t.cells}, 5) <= peer  # it hid every small count
        report_peer.publish(peer_tabs, peer)
        _audit(_published(peer_tabs, groups))
        mine_loss, peer_loss = report_peer.loss(tabs, mine), report_peer.loss(tabs, peer)
        assert all(a <= 1.1 * b for a, b in zip(mine_loss, peer_loss)), (n, seed, mine_loss, peer_loss)
        ours = [a + b for a, b in zip(ours, mine_loss)]
        theirs = [a + b for a, b in zip(theirs, peer_loss)]
    assert ours[0] <= 1.1 * theirs[0], (ours, theirs)
    assert ours[1] <= 1.1 * theirs[1], (ours, theirs)


def test_the_audit_fails_a_table_tauargus_left_unprotected():
    """A check of the comparison itself: primary suppression alone (no secondary) fails the audit."""
    tabs, groups = report_peer.tables(units(60, 3), WHEN)
    counts = {c.key: c.count for t in tabs for c in t.cells}
    report_peer.publish(tabs, suppression.primary(counts, 5))
    with pytest.raises(AssertionError, match="worked out"):
        _audit(_published(tabs, groups))
