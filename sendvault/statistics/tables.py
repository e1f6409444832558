"""The report's tables and cells, and the additive relations (groups) between them.

Disclosure control works on *cells identified by what they count*: a cell's key is
(population, conditions), e.g. ("contacts", (("primary_need", "ASD"),)). The same key
in two tables (a one-way table's row and a cross-tabulation's margin) is the same
number, shown or hidden in both. Every additive relation the report publishes is a
``Group`` (a whole and its parts: a table's rows and its total, a cross-tabulation's
row or column and its margin, ethnic major groups and their detailed codes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import codes
from .units import OTHER_ANSWERS, Unit

if TYPE_CHECKING:
    from .periods import Period


SYMBOL = "[c]"
FOOTNOTE = ("[c] confidential: the count is hidden because it is small, or because it would let a small count "
            "be worked out from the totals")
TOTAL = "Total"
NOT_RECORDED = "Not recorded"


# The variables a table can be made of: (name, title, path of its codes' words or None).
VARIABLES = {
    "record": ("Type of contact", None),
    "route": ("Route to the service", "contact.route"),
    "channel": ("How they made contact", "contact.channel"),
    "caller": ("Who made contact", "contact.caller"),
    "heard_about": ("How they heard about the service", None),
    "age_band": ("Age band of the child or young person", "profile.age_band"),
    "school_phase": ("School phase", "profile.school_phase"),
    "sen_stage": ("SEN stage", "profile.sen_stage"),
    "primary_need": ("Primary need (DfE type of need)", "profile.primary_need"),
    "ethnic_group": ("Ethnicity: major group", None),
    "ethnicity": ("Ethnicity (DfE codes)", "profile.ethnicity"),
    "locality": ("Locality", None),
    "support_level": ("Support level", "profile.support_level"),
    "outcome": ("Outcome of cases closed", "closed.outcome"),
    "issues": ("Issues raised", "profile.issues"),
    "breach_reason": ("Breaches of confidentiality by category", "breaches.reason"),
    "level": ("Intervention level", None),  # the service's list: its words given as the values (report._listed)
    "status": ("Status at the end of the period (new contacts)", None),
    "evaluation": ("Evaluation", None),
}
CONTACT_VARIABLES = ("record", "route", "channel", "caller", "heard_about", "age_band", "school_phase", "sen_stage",
                     "primary_need", "ethnic_group", "ethnicity", "locality", "support_level")
CROSS_VARIABLES = tuple(v for v in CONTACT_VARIABLES if v not in ("ethnicity", "heard_about"))
_RECORD_WORDS = {"case": "Case", "anonymous": "Anonymous contact", "general-enquiry": "General enquiry"}


Key = tuple  # (population, ((variable, value), ...)) with the conditions sorted


def key(population: str, **conditions: str) -> Key:
    return (population, tuple(sorted(conditions.items())))


@dataclass
class Cell:
    table: str
    row_variable: str
    row: str
    column_variable: str
    column: str
    key: Key
    count: int  # the true count: never published when hidden
    shown: int | None = None
    symbol: str = ""

    def published(self) -> dict:
        """The cell as the tidy CSV and JSON publish it."""
        return {"table": self.table, "row_variable": self.row_variable, "row": self.row,
                "column_variable": self.column_variable, "column": self.column,
                "count": self.shown, "symbol": self.symbol}


@dataclass
class Table:
    name: str
    title: str
    row_variable: str
    column_variable: str = ""
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    note: str = ""

    def cell(self, row: str, column: str = "") -> Cell:
        return next(c for c in self.cells if c.row == row and c.column == column)


@dataclass(frozen=True)
class Group:
    """An additive relation the report publishes: ``whole`` = sum of ``parts``."""

    whole: Key
    parts: tuple[Key, ...]


@dataclass
class Report:
    service: str
    period: Period
    generated: dt.date
    style: str
    threshold: int
    tables: list[Table]
    groups: list[Group]
    durations: dict  # closed cases' durations in days: n, quartiles (or hidden)
    counted: dict  # live and destroyed cases read
    notes: list[str] = field(default_factory=list)

    def cells(self) -> list[Cell]:
        return [c for t in self.tables for c in t.cells]

    def published(self) -> list[dict]:
        return [c.published() for c in self.cells()]


def _described(path: str, lists: dict | None) -> dict[str, str]:
    """The words of a field's codes: the vault's for a field of its lists (``categories.described``; without a
    vault, the shipped ones), else the case format's."""
    from ..records import categories

    lists = categories.described({}) if lists is None else lists
    return lists.get(path) or codes.DESCRIPTIONS.get(path, {})


def words_of(variable: str, value: str | None, lists: dict | None = None) -> str:
    if value is None:
        return NOT_RECORDED
    if variable == "record":
        return _RECORD_WORDS[value]
    path = VARIABLES[variable][1]
    if path is None:
        return value  # a code of ours (ethnic group), a listed locality or OTHER_ANSWERS: never free text
    words = _described(path, lists).get(value, value)
    return f"{value}: {words}" if variable in ("primary_need", "ethnicity") else words


def order_of(variable: str, values: set, lists: dict | None = None) -> list:
    path = VARIABLES[variable][1]
    known = list(_described(path, lists)) if path else []
    if variable == "record":
        known = list(_RECORD_WORDS)
    rank = {v: i for i, v in enumerate(known)}
    return sorted(values, key=lambda v: (v is None, v == OTHER_ANSWERS, rank.get(v, len(rank)), str(v)))


def one_way(name: str, population: str, variable: str, units: list[Unit], title: str | None = None,
            values: list | None = None, lists: dict | None = None) -> tuple[Table, list[Group]]:
    """A table of ``units`` by ``variable`` (or of ``values``, one per unit counted), with its total; ``lists``:
    the vault's words of its listed codes (``categories.described``)."""
    if values is None:
        values = [getattr(u, variable) for u in units]
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    table = Table(name, title or VARIABLES[variable][0], variable)
    parts = []
    for value in order_of(variable, set(counts), lists):
        label = words_of(variable, value, lists)
        k = key(population, **{variable: label})
        table.rows.append(label)
        table.cells.append(Cell(name, variable, label, "", "", k, counts[value]))
        parts.append(k)
    table.rows.append(TOTAL)
    table.cells.append(Cell(name, variable, TOTAL, "", "", key(population), len(values)))
    return table, [Group(key(population), tuple(parts))]


def cross(name: str, population: str, rows: str, columns: str, units: list[Unit]) -> tuple[Table, list[Group]]:
    """A cross-tabulation of ``units``, ``rows`` by ``columns``, with both margins and the grand total."""
    pairs = [(getattr(u, rows), getattr(u, columns)) for u in units]
    r_values = order_of(rows, {r for r, _ in pairs})
    c_values = order_of(columns, {c for _, c in pairs})
    r_labels = [words_of(rows, v) for v in r_values]
    c_labels = [words_of(columns, v) for v in c_values]
    table = Table(name, f"{VARIABLES[rows][0]} by {VARIABLES[columns][0].lower()}", rows, columns,
                  [*r_labels, TOTAL], [*c_labels, TOTAL])
    counts: dict = {}
    for pair in pairs:
        counts[pair] = counts.get(pair, 0) + 1
    groups = []

    def k(r: str | None, c: str | None) -> Key:
        return key(population, **({rows: r} if r else {}), **({columns: c} if c else {}))

    for rv, rl in zip([*r_values, TOTAL], table.rows):
        for cv, cl in zip([*c_values, TOTAL], table.columns):
            if rl == TOTAL and cl == TOTAL:
                n = len(units)
            elif rl == TOTAL:
                n = sum(v for (_, c), v in counts.items() if c == cv)
            elif cl == TOTAL:
                n = sum(v for (r, _), v in counts.items() if r == rv)
            else:
                n = counts.get((rv, cv), 0)
            table.cells.append(Cell(name, rows, rl, columns, cl, k(None if rl == TOTAL else rl, None if cl == TOTAL else cl), n))
    for rl in [*r_labels, None]:
        groups.append(Group(k(rl, None), tuple(k(rl, cl) for cl in c_labels)))
    for cl in [*c_labels, None]:
        groups.append(Group(k(None, cl), tuple(k(rl, cl) for rl in r_labels)))
    return table, groups


def ethnic_hierarchy(population: str, units: list[Unit]) -> list[Group]:
    """Each major group is the sum of its detailed codes (both tables are published)."""
    by_group: dict = {}
    for u in units:
        by_group.setdefault(u.ethnic_group, set()).add(u.ethnicity)
    return [Group(key(population, ethnic_group=words_of("ethnic_group", g)),
                  tuple(key(population, ethnicity=words_of("ethnicity", c)) for c in order_of("ethnicity", codes_)))
            for g, codes_ in by_group.items()]

