"""The anonymised annual report (R27): tables of counts that cannot single anyone out.

Pure: records in, a ``Report`` out. ``unit`` turns a case summary (from the index)
into what the report counts of it, ``unit_from_statistics`` does the same for the
statistical record retention keeps of a destroyed case; ``build`` makes the tables
for a period and protects them.

Disclosure control works on *cells identified by what they count*: a cell's key is
(population, conditions), e.g. ("contacts", (("primary_need", "ASD"),)). The same key
in two tables (a one-way table's row and a cross-tabulation's margin) is the same
number, shown or hidden in both. Every additive relation the report publishes is a
``Group`` (a whole and its parts: a table's rows and its total, a cross-tabulation's
row or column and its margin, ethnic major groups and their detailed codes).

1. Primary suppression: a count from 1 to threshold - 1 is hidden (ONS style: below
   10 hidden, the rest rounded to the nearest 5).
2. Secondary suppression, repeated until nothing changes: in every group that hides
   something, at least two members are hidden, and when its whole is shown the hidden
   parts add up to at least the threshold (else any one of them could be narrowed
   below it); the next cell hidden is the smallest non-zero part still shown (the
   whole only when no part is left), so as little as possible is lost.

3. The audit: linear programming (HiGHS, through highspy) over every group bounds each hidden
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

import datetime as dt
import functools
import hashlib
import os
import statistics
import sys
from dataclasses import dataclass, field
from typing import NamedTuple

from ..records import codes
from ..basics.errors import UsageError

SYMBOL = "[c]"
FOOTNOTE = ("[c] confidential: the count is hidden because it is small, or because it would let a small count "
            "be worked out from the totals")
TOTAL = "Total"
NOT_RECORDED = "Not recorded"
OTHER_ANSWERS = "Other answers"
STYLES = ("threshold", "ons")
DEFAULTS = {"threshold": 5, "style": "threshold", "year_start_month": 4, "cross_tabulations": [], "allow_extract": False}

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
}
CONTACT_VARIABLES = ("record", "route", "channel", "caller", "heard_about", "age_band", "school_phase", "sen_stage",
                     "primary_need", "ethnic_group", "ethnicity", "locality", "support_level")
CROSS_VARIABLES = tuple(v for v in CONTACT_VARIABLES if v not in ("ethnicity", "heard_about"))
_RECORD_WORDS = {"case": "Case", "anonymous": "Anonymous contact", "general-enquiry": "General enquiry"}


def ethnic_group(code: str | None) -> str | None:
    """The DfE major ethnic group of a detailed code ('WBRI' -> 'White')."""
    if code is None:
        return None
    if code in ("REFU", "NOBT"):
        return "Unclassified"
    return {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "C": "Chinese"}.get(code[0], "Any other ethnic group")


# --- what a report counts of one case ------------------------------------------------


class Unit(NamedTuple):
    """What the report counts of one case: codes and dates only, no id, no name, no text.

    A tuple, not a dict (~0.5 KB a case against ~1.5): a report holds one for every case that counts in its period, and the
    reader processes send them back pickled; repeated codes and dates are interned, so each is stored (and sent)
    once.
    """

    opened: str  # first contact: a date, or a month (a destroyed case's)
    closed: str | None  # the day (or month) the case was closed, if it was
    outcome: str | None
    record: str  # "case", "anonymous" or "general-enquiry"
    route: str | None
    channel: str | None
    caller: str | None
    age_band: str | None
    school_phase: str | None
    sen_stage: str | None
    primary_need: str | None
    ethnicity: str | None
    ethnic_group: str | None
    locality: str | None  # one of the vault's localities, OTHER_ANSWERS for any other answer (see _listed)
    support_level: str | None
    issues: tuple  # the issues raised, sorted, each once
    heard_about: str | None  # OTHER_ANSWERS when answered, else None: the free text itself is never kept
    people: tuple  # ((group, token or None), ...): see _people
    consent_dates: tuple  # the days consent was given
    share_dates: tuple  # the days information was shared
    breaches: tuple  # ((day, reason), ...)
    sar: tuple  # subject-access requests: ((received, completed or None, due), ...)


OUTSIDE = False  # what ``unit`` gives for a case that counts for nothing in the period asked for


def unit(record: dict, when: Period | None = None, localities: tuple = ()) -> Unit | bool:
    """What the report counts of a case (live: from its summary in the index); no id, no name, no text but codes.

    With ``when``, a case that adds to no count of that period (opened after it, closed before it, no consent,
    share, breach or request in it) is ``OUTSIDE``, told from its dates before anything else is made of it.
    ``localities``: the vault's list; a locality not in it is free text (see ``_listed``)."""
    contact = record.get("contact") or {}
    opened = contact.get("date") or record["created"][:10]
    closed = record.get("closed") if record.get("status") == "closed" else None
    day = closed["date"] if closed else None
    if when is not None and not when.counts(opened, day, _dates(record)):
        return OUTSIDE
    intern = sys.intern
    kind = "general-enquiry" if record.get("kind") == "general-enquiry" else ("anonymous" if record.get("anonymous") else "case")
    return Unit(intern(opened), day and intern(day), intern(closed["outcome"]) if closed else None, kind,
                *_codes(contact, record.get("profile") or {}, localities), _free_answer(contact.get("heard_about")),
                _people(kind, contact.get("caller"), record.get("person"), record.get("child")),
                tuple(intern(c["date"]) for c in record.get("consents") or () if c.get("action") == "grant"),
                tuple(intern(d["at"][:10]) for d in record.get("disclosures") or ()),
                tuple((b["date"], intern(b["reason"])) for b in record.get("breaches") or ()),
                tuple((r["received"], r.get("completed"), r["due"]) for r in record.get("sar_requests") or ()))


def _dates(record: dict):
    """The days of a case's consents given, shares, breaches and subject-access requests received or answered:
    what ``Unit`` keeps of them, as ``build`` counts them."""
    for c in record.get("consents") or ():
        if c.get("action") == "grant":
            yield c["date"]
    for d in record.get("disclosures") or ():
        yield d["at"][:10]
    for b in record.get("breaches") or ():
        yield b["date"]
    for r in record.get("sar_requests") or ():
        yield r["received"]
        yield r.get("completed")


def _codes(contact: dict, profile: dict, localities: tuple) -> tuple:
    """route to issues, in ``Unit``'s order, each code interned."""
    values = [contact.get("route"), contact.get("channel"), contact.get("caller"), profile.get("age_band"),
              profile.get("school_phase"), profile.get("sen_stage"), profile.get("primary_need"), profile.get("ethnicity")]
    values += [ethnic_group(values[-1]), _listed(profile.get("locality"), localities), profile.get("support_level")]
    out = [sys.intern(v) if type(v) is str else v for v in values]
    issues = profile.get("issues")
    if issues:
        as_given = tuple(issues)
        issues = _ISSUES.get(as_given) or _ISSUES.setdefault(as_given, tuple(sorted(set(as_given))))
    out.append(issues or ())
    return tuple(out)


_ISSUES: dict = {}  # each combination of issues made once: thousands of cases share a few dozen


_SALT = os.urandom(16)  # made when the module loads, before any reader process forks: one salt for all of them


def _token(*parts: str | None) -> bytes | None:
    """A one-way token for telling the same person in two cases apart from two people; salted afresh in every
    run, held only in memory, never published (only how many distinct tokens there are)."""
    words = [" ".join(p.lower().split()) for p in parts if p]
    if not words or not words[0]:
        return None
    return hashlib.blake2b("\x1f".join(words).encode(), key=_SALT, digest_size=16).digest()


def _people(record: str, caller: str | None, person: dict | None, child: dict | None) -> tuple:
    """The service users a contact counts: ((group, token or None), ...); None (no details kept: an anonymous
    contact, a general enquiry, a destroyed case) counts as one more person. A parent or carer is known by name and
    postcode, phone or e-mail; a child or young person by name and date of birth; a professional by name and
    e-mail or phone."""
    person, child = person or {}, child or {}
    contact_of = person.get("postcode") or person.get("phone") or person.get("email")
    out = []
    if caller in ("parent-carer", "other-family", None) and record != "general-enquiry":
        out.append(("parents", _token(person.get("name"), contact_of) if person.get("name") and contact_of else None))
    if caller == "professional":
        out.append(("professionals", _token(person.get("name"), person.get("email") or person.get("phone"))
                    if person.get("name") and (person.get("email") or person.get("phone")) else None))
    if record == "case" or caller in ("young-person", "child"):
        out.append(("children", _token(child.get("name"), child.get("date_of_birth"))
                    if child.get("name") and child.get("date_of_birth") else None))
    return tuple(out)


def unit_from_statistics(stat: dict, localities: tuple = ()) -> Unit:
    """The same from the statistical record of a destroyed case: months, not dates; consents and shares counted
    in the month the case was opened."""
    kind = "general-enquiry" if stat["kind"] == "general-enquiry" else ("anonymous" if stat["anonymous"] else "case")
    contact = stat.get("contact") or {}
    closed = "closed" in stat
    return Unit(stat["opened"], stat["closed"] if closed else None, stat["outcome"] if closed else None, kind,
                *_codes(contact, stat.get("profile") or {}, localities), None,
                _people(kind, contact.get("caller"), None, None),  # no details kept: each counts as new
                (stat["opened"],) * stat.get("consents", 0), (stat["opened"],) * stat.get("disclosures", 0),
                (), ())  # breaches and requests are not kept by retention: answered long before


def _free_answer(text: str | None) -> str | None:
    """A free-text answer as the report counts it: only that there is one (``OTHER_ANSWERS``), never its words.

    Free text is never published, whatever its count: five families who name the same doctor at the same school
    would otherwise put a name in the report. Until the service has a coded list of answers, every answer is
    "other"."""
    return OTHER_ANSWERS if isinstance(text, str) and text.strip() else None


def _listed(value: str | None, allowed: tuple) -> str | None:
    """A value of a field the vault lists (a locality): itself when listed, else ``OTHER_ANSWERS``.

    The schema lets a locality be any short text (a vault with no list, a list changed since, an edited record),
    so only the manager's list is published; anything else is free text and counted as other."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value if value in allowed else OTHER_ANSWERS


# --- the period ----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        # Compared with every case's dates: the bounds as text made once, not once a comparison.
        object.__setattr__(self, "_first", self.start.isoformat())
        object.__setattr__(self, "_last", self.end.isoformat())

    def holds(self, value: str | None) -> bool:
        """Whether a date (YYYY-MM-DD) or a month (YYYY-MM, a destroyed case's) falls in the period."""
        if not value:
            return False
        if len(value) == 7:
            return self._first[:7] <= value <= self._last[:7]
        return self._first <= value[:10] <= self._last

    def before(self, value: str) -> bool:
        return value < self._first[:7] if len(value) == 7 else value[:10] < self._first

    def counts(self, opened: str, closed: str | None, dates) -> bool:
        """Whether a case opened, closed (or not) and with these other ``dates`` (consents, shares, breaches,
        subject-access requests; ``_dates``) adds to any count of the period's report (``build``): a contact, a
        case carried over or closed, a consent, share, breach or request received or answered."""
        first, last = self._first, self._last
        if first <= opened[:10] <= last if len(opened) != 7 else first[:7] <= opened <= last[:7]:
            return True  # a contact of the period
        if closed and (first <= closed[:10] <= last if len(closed) != 7 else first[:7] <= closed <= last[:7]):
            return True  # closed in it
        if opened and self.before(opened) and not (closed and self.before(closed)):
            return True  # carried over into it
        return any(self.holds(d) for d in dates)


def default_period(today: dt.date, start_month: int = 4) -> Period:
    """The last complete reporting year (April to March unless configured) before ``today``."""
    year = today.year if today.month >= start_month else today.year - 1
    start = dt.date(year - 1, start_month, 1)
    return Period(start, dt.date(year, start_month, 1) - dt.timedelta(days=1))


def period(start: dt.date | None, end: dt.date | None, today: dt.date, start_month: int = 4) -> Period:
    if start is None and end is None:
        return default_period(today, start_month)
    if start is None or end is None:
        raise UsageError("give both --from and --to, or neither (the last complete year)")
    if end < start:
        raise UsageError("--to is before --from")
    return Period(start, end)


# --- settings ------------------------------------------------------------------------


def settings(config: dict) -> dict:
    """The vault's [report] section with its defaults filled in."""
    out = {**DEFAULTS, **(config.get("report") or {})}
    if out["style"] == "ons":
        out["threshold"] = max(out["threshold"], 10)
    return out


# --- tables and cells ----------------------------------------------------------------

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


def _words(variable: str, value: str | None) -> str:
    if value is None:
        return NOT_RECORDED
    if variable == "record":
        return _RECORD_WORDS[value]
    path = VARIABLES[variable][1]
    if path is None:
        return value  # a code of ours (ethnic group), a listed locality or OTHER_ANSWERS: never free text
    words = codes.DESCRIPTIONS.get(path, {}).get(value, value)
    return f"{value}: {words}" if variable in ("primary_need", "ethnicity") else words


def _order(variable: str, values: set) -> list:
    path = VARIABLES[variable][1]
    known = list(codes.DESCRIPTIONS.get(path, {})) if path else []
    if variable == "record":
        known = list(_RECORD_WORDS)
    rank = {v: i for i, v in enumerate(known)}
    return sorted(values, key=lambda v: (v is None, v == OTHER_ANSWERS, rank.get(v, len(rank)), str(v)))


def one_way(name: str, population: str, variable: str, units: list[Unit], title: str | None = None,
            values: list | None = None) -> tuple[Table, list[Group]]:
    """A table of ``units`` by ``variable`` (or of ``values``, one per unit counted), with its total."""
    if values is None:
        values = [getattr(u, variable) for u in units]
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    table = Table(name, title or VARIABLES[variable][0], variable)
    parts = []
    for value in _order(variable, set(counts)):
        label = _words(variable, value)
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
    r_values = _order(rows, {r for r, _ in pairs})
    c_values = _order(columns, {c for _, c in pairs})
    r_labels = [_words(rows, v) for v in r_values]
    c_labels = [_words(columns, v) for v in c_values]
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


def _ethnic_hierarchy(population: str, units: list[Unit]) -> list[Group]:
    """Each major group is the sum of its detailed codes (both tables are published)."""
    by_group: dict = {}
    for u in units:
        by_group.setdefault(u.ethnic_group, set()).add(u.ethnicity)
    return [Group(key(population, ethnic_group=_words("ethnic_group", g)),
                  tuple(key(population, ethnicity=_words("ethnicity", c)) for c in _order("ethnicity", codes_)))
            for g, codes_ in by_group.items()]


# --- disclosure control --------------------------------------------------------------


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


def feasible_ranges(counts: dict[Key, int], groups: list[Group], hidden: set[Key],
                    rounded: bool = False, only: set[Key] | None = None) -> dict[Key, tuple[float, float]]:
    """What an intruder can work out: each hidden cell's (lowest, highest) by linear programming (HiGHS).

    Shown cells are fixed (or, ``rounded``, known to within 2), hidden ones only non-negative; every group's
    whole equals the sum of its parts. ``only``: solve for these hidden cells alone.

    One model for the whole audit: for each hidden cell only the objective changes (its own count, minimised
    then maximised), so HiGHS starts each solve from the last one's basis instead of from nothing.
    """
    wanted = sorted(hidden if only is None else hidden & only, key=repr)
    if not wanted:
        return {}
    import highspy

    inf = highspy.kHighsInf
    keys = sorted(counts, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    lower, upper = [], []
    for k in keys:
        n = counts[k]
        if k in hidden:
            lower.append(0.0)
            upper.append(inf)
        elif rounded and n > 0:
            shown = round5(n)
            lower.append(float(max(0, shown - 2)))
            upper.append(float(shown + 2))
        else:
            lower.append(float(n))
            upper.append(float(n))
    starts, columns, values = [], [], []
    for g in groups:  # whole - sum(parts) = 0
        row: dict[int, float] = {index[g.whole]: 1.0}
        for p in g.parts:
            row[index[p]] = row.get(index[p], 0.0) - 1.0
        starts.append(len(columns))
        for j, v in row.items():
            if v:
                columns.append(j)
                values.append(v)
    lp = _quiet_highs(highspy)
    lp.addCols(len(keys), [0.0] * len(keys), lower, upper, 0, [], [], [])
    lp.addRows(len(groups), [0.0] * len(groups), [0.0] * len(groups), len(columns), starts, columns, values)
    optimal = highspy.HighsModelStatus.kOptimal
    out = {}
    for k in wanted:
        j = index[k]
        lp.changeColCost(j, 1.0)
        lp.changeObjectiveSense(highspy.ObjSense.kMinimize)
        lp.run()
        low = lp.getInfo().objective_function_value if lp.getModelStatus() == optimal else 0.0
        lp.changeObjectiveSense(highspy.ObjSense.kMaximize)
        lp.run()
        high = lp.getInfo().objective_function_value if lp.getModelStatus() == optimal else float("inf")
        lp.changeColCost(j, 0.0)
        out[k] = (low, high)
    return out


def _quiet_highs(highspy):
    """A HiGHS model that prints nothing: its banner would land in the report's own output (CSV, JSON) on
    stdout. ``Highs()`` prints it on setting its callbacks, before a caller could turn output off, hence the
    option set first."""

    class Quiet(highspy.Highs):
        def enableCallbacks(self):
            self.setOptionValue("output_flag", False)
            super().enableCallbacks()

    lp = Quiet()
    lp.setOptionValue("output_flag", False)
    lp.setOptionValue("threads", 1)  # small, serial solves: no thread pool of HiGHS's own left in the process
    return lp


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


def round5(n: int) -> int:
    return 5 * ((n + 2) // 5)


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


# --- the report ----------------------------------------------------------------------


def build(units: list[Unit], when: Period, config: dict, service: str, today: dt.date,
          counted: dict | None = None) -> Report:
    """The protected report of ``units`` (from ``unit`` and ``unit_from_statistics``) for the period."""
    s = settings(config)
    threshold, style = s["threshold"], s["style"]
    holds, before = when.holds, when.before
    contacts = [u for u in units if holds(u.opened)]
    carried = [u for u in units if u.opened and before(u.opened) and not (u.closed and before(u.closed))]
    closed = [u for u in units if holds(u.closed)]
    tables: list[Table] = []
    groups: list[Group] = []

    caseload = Table("caseload", "Cases in the period", "measure")
    for label, pop, n in (("New contacts and cases", "contacts", len(contacts)),
                          ("Cases carried over from before", "carried", len(carried)),
                          ("Cases closed", "closed", len(closed))):
        caseload.rows.append(label)
        caseload.cells.append(Cell("caseload", "measure", label, "", "", key(pop), n))
    tables.append(caseload)
    tables.append(_service_users(contacts))
    for variable in CONTACT_VARIABLES:
        t, g = one_way(variable, "contacts", variable, contacts)
        if variable == "heard_about":
            t.note = f"Answers are typed in words, which are never published: each is counted as '{OTHER_ANSWERS}'."
        tables.append(t)
        groups += g
    groups += _ethnic_hierarchy("contacts", contacts)
    t, g = one_way("outcome", "closed", "outcome", closed)
    tables.append(t)
    groups += g
    tables.append(_issues(contacts))
    for spec in s["cross_tabulations"]:
        rows, columns = spec["rows"], spec["columns"]
        t, g = cross(f"{rows}_by_{columns}", "contacts", rows, columns, contacts)
        tables.append(t)
        groups += g
    tables.append(_activity(units, when))
    breaches = [reason for u in units for day, reason in u.breaches if holds(day)]
    t, g = one_way("breaches", "breaches", "breach_reason", [], values=breaches)
    tables.append(t)
    groups += g

    protect(tables, groups, threshold, style)
    report = Report(service, when, today, style, threshold, tables, groups, _durations(closed, threshold), counted or {})
    report.notes = method_notes(report)
    return report


def _issues(contacts: list[Unit]) -> Table:
    """Issues raised: a case may raise several, so the rows do not add up to a total (none is published)."""
    counts: dict = {}
    for u in contacts:
        for issue in u.issues:
            counts[issue] = counts.get(issue, 0) + 1
    t = Table("issues", VARIABLES["issues"][0], "issues", note="A case can raise several issues: the rows do not add up.")
    for value in _order("issues", set(counts)):
        label = _words("issues", value)
        t.rows.append(label)
        t.cells.append(Cell("issues", "issues", label, "", "", key("issues", issues=label), counts[value]))
    return t


_USER_GROUPS = (("parents", "Parents and carers"), ("children", "Children and young people"),
                ("professionals", "Professionals"))


def _service_users(contacts: list[Unit]) -> Table:
    """Distinct people among the period's contacts: one family's three calls count once. No total: a case has a
    parent and a child, so the groups overlap in cases."""
    t = Table("service_users", "Distinct service users in the period", "group",
              note="A person in several cases counts once; where no details are kept (anonymous contacts, destroyed "
                   "cases) each contact counts as one person.")
    for group, label in _USER_GROUPS:
        seen: set = set()
        n = 0
        for u in contacts:
            for g, tok in u.people:
                if g == group and (tok is None or tok not in seen):
                    n += 1
                    if tok is not None:
                        seen.add(tok)
        t.rows.append(label)
        t.cells.append(Cell("service_users", "group", label, "", "", key("users", group=label), n))
    return t


def _activity(units: list[Unit], when: Period) -> Table:
    """Totals of the period's consents, shares and subject-access requests: never per case, and no total row
    (they count different things)."""
    t = Table("activity", "Consents, disclosures and subject-access requests in the period", "measure")
    sar = [r for u in units for r in u.sar]
    answered = [(done, due) for _, done, due in sar if done and when.holds(done)]
    measures = (
        ("Consents given", "consent_dates", sum(1 for u in units for day in u.consent_dates if when.holds(day))),
        ("Information shared with another party", "share_dates",
         sum(1 for u in units for day in u.share_dates if when.holds(day))),
        ("Subject-access requests received", "sar_received", sum(1 for received, _, _ in sar if when.holds(received))),
        ("Subject-access requests answered", "sar_answered", len(answered)),
        ("of which answered after the one-month deadline", "sar_late", sum(1 for done, due in answered if done > due)),
    )
    for label, name, n in measures:
        t.rows.append(label)
        t.cells.append(Cell("activity", "measure", label, "", "", key(name), n))
    return t


def _days(u: Unit) -> int:
    def day(value: str) -> dt.date:
        return dt.date.fromisoformat(value + "-15" if len(value) == 7 else value[:10])

    return max(0, (day(u.closed) - day(u.opened)).days)


def _durations(closed: list[Unit], threshold: int) -> dict:
    """Median and quartiles of the days from first contact to closing, hidden when fewer than ``threshold`` closed."""
    days = sorted(_days(u) for u in closed if u.opened)
    if len(days) < max(threshold, 2):
        return {"cases": len(days), "hidden": True}
    q1, median, q3 = statistics.quantiles(days, n=4, method="inclusive")
    return {"cases": len(days), "hidden": False, "lower_quartile": round(q1), "median": round(median),
            "upper_quartile": round(q3)}


def method_notes(report: Report) -> list[str]:
    how = (f"Counts from 1 to {report.threshold - 1} are hidden" if report.style == "threshold" else
           f"Counts below {report.threshold} are hidden and every other count is rounded to the nearest 5 "
           "(so rounded rows may not add up to their rounded totals)")
    return [
        FOOTNOTE + ".",
        how + "; further counts are hidden where a hidden count could otherwise be worked out from a total, or from "
        "another table sharing that total. Totals are the true totals of every case, hidden ones included.",
        "Cases destroyed under the retention schedule still count, through the anonymous profile kept of each "
        "(their dates are known to the month; how they heard about the service is not kept).",
        "Words typed freely are never published, however many gave them: every answer to 'how did you hear about "
        f"us', and any locality not on the service's list, is counted as '{OTHER_ANSWERS}'.",
    ]


__all__ = ["SYMBOL", "FOOTNOTE", "TOTAL", "STYLES", "DEFAULTS", "VARIABLES", "CROSS_VARIABLES", "Period", "Cell",
           "Table", "Group", "Report", "Unit", "OUTSIDE", "unit", "unit_from_statistics", "default_period", "period", "settings", "build",
           "primary", "secondary", "protect", "feasible_ranges", "collect", "make", "configure",
           "extract", "Extract", "LADDERS", "EXTRACT_COLUMNS", "one_way", "cross", "ethnic_group", "round5", "method_notes"]


# --- reading the vault (through the facade: the index and the statistical records) ---


def collect(vault, when: Period | None = None, progress=None,
            damaged: list[str] | None = None) -> tuple[list[Unit], dict]:
    """Every case's report unit (live, from the index) and every destroyed case's (from its statistical record);
    with ``when``, only those that count in that period (the others are told apart in the reader processes, so
    they are neither sent back nor kept)."""
    from ..store import destruction

    localities = tuple(vault.config.get("localities") or ())
    found = vault.rows(functools.partial(unit, when=when, localities=localities), damaged, progress)
    live = [u for u in found if u is not OUTSIDE]
    gone = [unit_from_statistics(s, localities) for s in destruction.statistical_records(vault)]
    return live + gone, {"live": len(found), "destroyed": len(gone)}


def make(vault, start: dt.date | None, end: dt.date | None, progress=None, damaged: list[str] | None = None) -> Report:
    """The protected report of the vault for the period (default: the last complete reporting year)."""
    s = settings(vault.config)
    when = period(start, end, vault.today(), s["year_start_month"])
    units, counted = collect(vault, when, progress, damaged)
    return build(units, when, vault.config, vault.config.get("service", ""), vault.today(), counted)


def configure(vault, **changes) -> dict:
    """Managers set the [report] section of vault.toml (audited); ``None`` leaves a setting as it is."""
    vault.require_manager()
    changes = {k: v for k, v in changes.items() if v is not None}
    if "style" in changes and changes["style"] not in STYLES:
        raise UsageError("--style must be 'threshold' or 'ons'")
    if "threshold" in changes and not 2 <= changes["threshold"] <= 100:
        raise UsageError("--threshold is 2 to 100")
    if "year_start_month" in changes and not 1 <= changes["year_start_month"] <= 12:
        raise UsageError("--year-start-month is 1 to 12")
    for spec in changes.get("cross_tabulations", ()):
        for side in ("rows", "columns"):
            if spec[side] not in CROSS_VARIABLES:
                raise UsageError(f"a cross-tabulation can use: {', '.join(CROSS_VARIABLES)}")
        if spec["rows"] == spec["columns"]:
            raise UsageError("a cross-tabulation needs two different variables")

    if "allow_extract" in changes:
        changes["allow_extract"] = bool(changes["allow_extract"])

    def change(config: dict) -> None:
        config["report"] = {**config.get("report", {}), **changes}

    vault.update_config(change, "report settings", detail=", ".join(sorted(changes)) or None)
    return settings(vault.config)


# --- the record-level extract (only where the vault allows it) ------------------------

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


def extract(units: list[Unit], when: Period, k: int, most_left_out: float = 0.05) -> Extract:
    """The period's contacts, one row each, quasi-identifiers generalised until every combination is shared by at
    least ``k`` records (k-anonymity); the least generalisation that leaves out at most ``most_left_out`` of them
    (else the one that leaves out fewest), and records still in a smaller combination left out and counted."""
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
    kept = [{**dict(zip(LADDERS, r)), "support_level": _words("support_level", u.support_level),
             "outcome": _words("outcome", u.outcome) if when.holds(u.closed) else "Open at the end of the period"}
            for r, u in zip(rows, contacts) if sizes[r] >= k]
    kept.sort(key=lambda row: tuple(row.values()))  # no order that could follow the cases' own
    return Extract(kept, len(rows) - len(kept), dict(zip(LADDERS, levels)), k)
