"""What mutation testing of the intruder's audit (statistics/lp_audit.feasible_ranges) found untested
(docs/reliability.md, "Mutation testing"): the function's own contract for ``only`` and ``rounded``, which
test_report_audit.py (every range against scipy's linprog, over whole reports) reaches only through the
suppression's calls; and the pruning's results, which tell whether ``only`` is honoured there."""

from __future__ import annotations

import pytest

from sendvault.statistics import lp_audit
from sendvault.statistics.tables import Group, key

# Collected here too: the pruning shows a cell again only when the audit of the cells linked to it passes; an
# audit that also solved for the cell being shown (fixed, so of no width) would never let it be shown again.
from test_mutation_kills_report import (  # noqa: F401
    test_suppression_hides_every_small_count_no_zero_and_nothing_it_could_show,
    test_the_heuristics_choices_are_the_documented_ones,
)

WHOLE, A, B, C = key("t"), key("t", r="a"), key("t", r="b"), key("t", r="c")
GROUPS = [Group(WHOLE, (A, B, C))]


def test_only_the_hidden_cells_asked_for_are_solved():
    """Kills `only` ignored (every hidden cell solved) and `hidden | only` (a shown cell in ``only`` solved: its range
    has no width, which the pruning reads as a disclosure)."""
    counts = {WHOLE: 20, A: 3, B: 4, C: 13}
    ranges = lp_audit.feasible_ranges(counts, GROUPS, {A, B}, only={A, C})
    assert list(ranges) == [A]
    assert ranges[A] == pytest.approx((0.0, 7.0))
    assert set(lp_audit.feasible_ranges(counts, GROUPS, {A, B})) == {A, B}
    assert lp_audit.feasible_ranges(counts, GROUPS, {A, B}, only={C}) == {}


def test_shown_counts_are_exact_unless_rounding_is_asked_for_and_a_rounded_one_is_known_to_within_two():
    """Kills `rounded` on by default, and a shown 1 (rounded to 0) taken as exact under rounding (`n > 1`)."""
    counts = {WHOLE: 20, A: 3, B: 4, C: 13}
    exact = lp_audit.feasible_ranges(counts, GROUPS, {A, B})
    assert exact[A] == pytest.approx((0.0, 7.0))
    # Rounded: the whole is 20 (18 to 22), C 15 (13 to 17): A + B lies between 1 and 9.
    assert lp_audit.feasible_ranges(counts, GROUPS, {A, B}, rounded=True)[A] == pytest.approx((0.0, 9.0))
    # A shown 1 is published as 0, so it is 0 to 2 (less than 0 cannot be): B = whole - A - C.
    ones = {WHOLE: 20, A: 1, B: 6, C: 13}
    assert lp_audit.feasible_ranges(ones, GROUPS, {B}, rounded=True)[B] == pytest.approx((0.0, 9.0))
    assert lp_audit.feasible_ranges(ones, GROUPS, {B})[B] == pytest.approx((6.0, 6.0))
