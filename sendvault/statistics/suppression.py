"""Disclosure control of the report's tables (R27): which cells are hidden.

1. Primary suppression: a count from 1 to threshold - 1 is hidden (ONS style: below
   10 hidden, the rest rounded to the nearest 5).
2. Secondary suppression, repeated until nothing changes: in every group that hides
   something, at least two members are hidden, and when its whole is shown the hidden
   parts add up to at least the threshold (else any one of them could be narrowed
   below it); the next cell hidden is the smallest non-zero part still shown (the
   whole only when no part is left), so as little as possible is lost.

3. The audit (``lp_audit``): linear programming over every group bounds each hidden
   cell from the published cells, as an intruder would; a hidden cell that can be
   narrowed below the threshold wide (a chain of tables can pin it even when every
   group hides two) gets its smallest shown neighbour hidden too, and 2 and 3 repeat.
4. Pruning: each secondary cell, largest first, is shown again if the rules of 2 and
   the audit of 3 still hold without it (with any secondary cell it alone kept company
   in a group): a cell hidden early can be made needless by later choices.

``tests/test_report_audit.py`` checks the result with an auditor of its own: from the
published cells alone, linear programming over every group bounds each hidden
cell, and the range must be at least the threshold wide.
"""

from __future__ import annotations

from .lp_audit import feasible_ranges, round5
from .tables import SYMBOL, Group, Key, Table


def primary(counts: dict[Key, int], threshold: int) -> set[Key]:
    """Every cell whose count is from 1 to ``threshold`` - 1."""
    return {k for k, n in counts.items() if 0 < n < threshold}


def secondary(counts: dict[Key, int], groups: list[Group], hidden: set[Key], threshold: int) -> set[Key]:
    """``hidden`` grown until no group gives a hidden cell back, or narrows it below ``threshold`` (see module doc)."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for g in groups:
            if not (g.whole in hidden or any(p in hidden for p in g.parts)) or _group_holds(g, counts, hidden, threshold):
                continue
            shown = sorted((counts[p], p) for p in g.parts if p not in hidden and counts[p] > 0)
            if shown:
                hidden.add(shown[0][1])
            elif g.whole not in hidden:
                hidden.add(g.whole)
            else:
                continue
            changed = True
    return hidden


def _widen(k: Key, counts: dict[Key, int], groups: list[Group], hidden: set[Key]) -> Key | None:
    """The smallest shown non-zero cell nearest ``k`` through the groups (the next to hide to protect it)."""
    members: dict[Key, list[Group]] = {}
    for g in groups:
        for m in (g.whole, *g.parts):
            members.setdefault(m, []).append(g)
    seen, frontier = {k}, [k]
    while frontier:
        near = {m for f in frontier for g in members.get(f, ()) for m in (g.whole, *g.parts)} - seen
        shown = sorted((counts[m], repr(m), m) for m in near if m not in hidden and counts[m] > 0)
        if shown:
            return shown[0][2]
        seen |= near
        frontier = [m for m in near if m in hidden]
    return None


def _prune(counts: dict[Key, int], groups: list[Group], hidden: set[Key], small: set[Key], threshold: int,
           rounded: bool) -> set[Key]:
    """Show again the secondary cells the others have made needless (one hidden early to protect a cell that a
    later choice protects too): largest first, each only if every group's rule still holds without it and the
    intruder's audit still passes."""
    membership: dict[Key, list[tuple]] = {}
    for g in groups:
        for m in (g.whole, *g.parts):
            membership.setdefault(m, []).append((g.whole, *g.parts))
    for k in sorted(hidden - small, key=lambda k: (-counts[k], repr(k))):
        if k not in hidden:
            continue
        trial = _without(k, counts, groups, hidden, small, threshold)
        if trial is None:
            continue
        # Showing a cell changes only the ranges of the hidden cells linked to it through groups of hidden cells:
        # with every shown cell fixed, the rest of the report is another, independent, system.
        ranges = feasible_ranges(counts, groups, trial, rounded, _linked(hidden - trial, membership, hidden))
        if all(high - low >= threshold - 1e-6 for low, high in ranges.values()):
            hidden = trial
    return hidden


def _linked(start: set[Key], membership: dict[Key, list[tuple]], hidden: set[Key]) -> set[Key]:
    """The hidden cells reached from ``start`` through groups (``membership``: cell -> its groups' members),
    hidden cell to hidden cell."""
    seen, frontier = set(start), list(start)
    while frontier:
        for members in membership.get(frontier.pop(), ()):
            for m in members:
                if m in hidden and m not in seen:
                    seen.add(m)
                    frontier.append(m)
    return seen


def _without(k: Key, counts: dict[Key, int], groups: list[Group], hidden: set[Key], small: set[Key],
             threshold: int) -> set[Key] | None:
    """``hidden`` less ``k``, and less any secondary cell left alone in a group by that (two margins hidden only
    to protect each other go together); None if a group's rule would then fail."""
    trial = hidden - {k}
    changed = True
    while changed:
        changed = False
        for g in groups:
            members = [m for m in (g.whole, *g.parts) if m in trial]
            if not members or _group_holds(g, counts, trial, threshold):
                continue
            if len(members) == 1 and members[0] not in small:
                trial.discard(members[0])
                changed = True
            else:
                return None
    return trial


def _group_holds(g: Group, counts: dict[Key, int], hidden: set[Key], threshold: int) -> bool:
    """A group that hides something hides two or more, and when its whole is shown its hidden parts add up to
    at least the threshold."""
    n_hidden = (g.whole in hidden) + sum(p in hidden for p in g.parts)
    return n_hidden >= 2 and (g.whole in hidden or sum(counts[p] for p in g.parts if p in hidden) >= threshold)


def protect(tables: list[Table], groups: list[Group], threshold: int, style: str) -> set[Key]:
    """Hide (and in the ONS style round) the cells of ``tables`` in place; returns the hidden keys."""
    counts = {c.key: c.count for t in tables for c in t.cells}
    small = primary(counts, threshold)
    hidden = secondary(counts, groups, small, threshold)
    while True:  # the heuristic's result audited as an intruder would; any cell left too narrow gets a partner
        narrow = [k for k, (low, high) in feasible_ranges(counts, groups, hidden, style == "ons").items()
                  if high - low < threshold - 1e-6]
        more = {m for m in (_widen(k, counts, groups, hidden) for k in narrow) if m is not None}
        if not more:
            break
        hidden = secondary(counts, groups, hidden | more, threshold)
    hidden = _prune(counts, groups, hidden, small, threshold, style == "ons")
    for t in tables:
        for c in t.cells:
            if c.key in hidden:
                c.shown, c.symbol = None, SYMBOL
            else:
                c.shown = round5(c.count) if style == "ons" else c.count
    return hidden

