"""The record-level extract (only where the vault allows it): the period's contacts, one row each,
quasi-identifiers generalised until every combination is shared by at least k records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tables import NOT_RECORDED, words_of

if TYPE_CHECKING:
    from .periods import Period
    from .units import Unit


_NEED_AREAS = {**dict.fromkeys(("SPLD", "MLD", "SLD", "PMLD"), "Cognition and learning"),
               "SEMH": "Social, emotional and mental health",
               **dict.fromkeys(("SLCN", "ASD"), "Communication and interaction"),
               **dict.fromkeys(("HI", "VI", "MSI", "PD"), "Sensory and/or physical"),
               **dict.fromkeys(("OTH", "NSA"), "Other")}
_AGES = {"0-4": "0-10", "5-10": "0-10", "11-15": "11-18", "16-18": "11-18", "19-25": "19-25"}
ANY = "Any"
# Each quasi-identifier's ladder of generalisations: level 0 as recorded, the last "Any".
LADDERS = {
    "age_band": (lambda v: v, lambda v: _AGES.get(v, v), lambda v: ANY),
    "locality": (lambda v: v, lambda v: ANY),
    "primary_need": (lambda v: v, lambda v: _NEED_AREAS.get(v, v), lambda v: ANY),
    "ethnic_group": (lambda v: v, lambda v: v if v in ("White", "Unclassified", NOT_RECORDED) else "Other than White",
                     lambda v: ANY),
}
EXTRACT_COLUMNS = (*LADDERS, "support_level", "outcome")


@dataclass
class Extract:
    rows: list[dict]
    left_out: int  # records in a combination shared by fewer than k, after generalising
    levels: dict[str, int]
    k: int


def extract(units: list[Unit], when: Period, k: int, most_left_out: float = 0.05, lists: dict | None = None) -> Extract:
    """The period's contacts, one row each, quasi-identifiers generalised until every combination is shared by at
    least ``k`` records (k-anonymity); the least generalisation that leaves out at most ``most_left_out`` of them
    (else the one that leaves out fewest), and records still in a smaller combination left out and counted.
    ``lists``: the vault's words of its outcomes (``categories.described``)."""
    import itertools

    contacts = [u for u in units if when.holds(u.opened)]
    base = [{q: getattr(u, q) if getattr(u, q) is not None else NOT_RECORDED for q in LADDERS} for u in contacts]
    best = None
    for levels in itertools.product(*(range(len(ladder)) for ladder in LADDERS.values())):
        rows = [tuple(LADDERS[q][lv](b[q]) for q, lv in zip(LADDERS, levels)) for b in base]
        sizes: dict = {}
        for r in rows:
            sizes[r] = sizes.get(r, 0) + 1
        out = sum(1 for r in rows if sizes[r] < k)
        score = (out > most_left_out * len(rows), sum(levels) if out <= most_left_out * len(rows) else out, out)
        if best is None or score < best[0]:
            best = (score, levels, rows, sizes)
    if best is None:
        return Extract([], 0, dict.fromkeys(LADDERS, 0), k)
    _, levels, rows, sizes = best
    kept = [{**dict(zip(LADDERS, r)), "support_level": words_of("support_level", u.support_level),
             "outcome": words_of("outcome", u.outcome, lists) if when.holds(u.closed) else "Open at the end of the period"}
            for r, u in zip(rows, contacts) if sizes[r] >= k]
    kept.sort(key=lambda row: tuple(row.values()))  # no order that could follow the cases' own
    return Extract(kept, len(rows) - len(kept), dict(zip(LADDERS, levels)), k)

