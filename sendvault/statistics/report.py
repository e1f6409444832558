"""The anonymised annual report (R27): tables of counts that cannot single anyone out.

``build`` is pure: units in (``units``), the protected ``Report`` of a period out (its
tables from ``tables``, hidden by ``suppression``). ``make`` reads the vault for it
through the facade (the index and the statistical records); ``configure`` sets the
vault's [report] section.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics

from ..basics.errors import UsageError
from .periods import Period, period
from .suppression import protect
from .tables import (CONTACT_VARIABLES, CROSS_VARIABLES, FOOTNOTE, VARIABLES, Cell, Group, Report, Table, cross,
                     ethnic_hierarchy, key, one_way, order_of, words_of)
from .units import OTHER_ANSWERS, OUTSIDE, Unit, lists_of, unit, unit_from_statistics


STYLES = ("threshold", "ons")
DEFAULTS = {"threshold": 5, "style": "threshold", "year_start_month": 4, "cross_tabulations": [], "allow_extract": False}


def settings(config: dict) -> dict:
    """The vault's [report] section with its defaults filled in."""
    out = {**DEFAULTS, **(config.get("report") or {})}
    if out["style"] == "ons":
        out["threshold"] = max(out["threshold"], 10)
    return out


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
        if variable == "heard_about":
            t, g = one_way(variable, "contacts", variable, contacts,
                           values=_in_words(config, "heard_about", (u.heard_about for u in contacts)))
            t.note = (f"The service's list; answers in words (\"other\", or typed before the list) are never published: "
                      f"each is counted as '{OTHER_ANSWERS}'.")
        else:
            t, g = one_way(variable, "contacts", variable, contacts)
        tables.append(t)
        groups += g
    groups += ethnic_hierarchy("contacts", contacts)
    from ..records import categories

    lists = categories.described(config)  # the service's words for its issues and outcomes, added ones too
    t, g = one_way("outcome", "closed", "outcome", closed, lists=lists)
    tables.append(t)
    groups += g
    tables.append(_issues(contacts, lists))
    t, g = one_way("level", "contacts", "level", contacts, values=_in_words(config, "level", (u.level for u in contacts)))
    tables.append(t)
    groups += g
    t, g = one_way("status", "contacts", "status", contacts, values=[_STATUS.get(u.status) for u in contacts])
    t.note = "Inactive: open, with nothing done for a time the service sets; worked out, never recorded."
    tables.append(t)
    groups += g
    for t, g in _evaluation(config, closed):
        tables.append(t)
        groups += g
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


_STATUS = {"open": "Open", "inactive": "Inactive", "closed": "Closed"}


def _in_words(config: dict, name: str, codes) -> list:
    """Each code of the service's list ``name`` as its words (what a code meant when recorded: codes keep their
    words); ``OTHER_ANSWERS`` and None as they are."""
    from ..records import categories

    words = categories.known(config, name)
    return [words.get(c, c) if c not in (None, OTHER_ANSWERS) else c for c in codes]


def _evaluation(config: dict, closed: list[Unit]) -> list[tuple[Table, list[Group]]]:
    """One table a question: how many of the cases closed in the period gave each score."""
    import re

    from ..records import categories

    out = []
    for question, words in categories.known(config, "evaluation").items():
        scores = [f"Score {score}" for u in closed for q, score in u.evaluation if q == question]
        if not scores and question not in categories.codes_in_force(config, "evaluation"):
            continue  # a retired question no case of the period answered
        name = "evaluation_" + re.sub(r"[^a-z]+", "_", question).strip("_")
        out.append(one_way(name, f"evaluated_{question}", "evaluation", [], title=f"Evaluation: {words}",
                           values=scores))
    return out


def _issues(contacts: list[Unit], lists: dict) -> Table:
    """Issues raised: a case may raise several, so the rows do not add up to a total (none is published)."""
    counts: dict = {}
    for u in contacts:
        for issue in u.issues:
            counts[issue] = counts.get(issue, 0) + 1
    t = Table("issues", VARIABLES["issues"][0], "issues", note="A case can raise several issues: the rows do not add up.")
    for value in order_of("issues", set(counts), lists):
        label = words_of("issues", value, lists)
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
        "Words typed freely are never published, however many gave them: an answer to 'how did you hear about "
        f"us' that is not a code of the service's list, and any locality not on its list, is counted as "
        f"'{OTHER_ANSWERS}'.",
    ]


# --- reading the vault (through the facade: the index and the statistical records) ---


def collect(vault, when: Period | None = None, progress=None,
            damaged: list[str] | None = None) -> tuple[list[Unit], dict]:
    """Every case's report unit (live, from the index) and every destroyed case's (from its statistical record);
    with ``when``, only those that count in that period (the others are told apart in the reader processes, so
    they are neither sent back nor kept)."""
    from ..store import destruction

    from ..records import categories

    localities = tuple(categories.known(vault.config, "locality"))  # retired ones too: their cases keep them
    lists = lists_of(vault.config)
    found = vault.rows(functools.partial(unit, when=when, localities=localities, lists=lists), damaged, progress)
    live = [u for u in found if u is not OUTSIDE]
    gone = [unit_from_statistics(s, localities, lists) for s in destruction.statistical_records(vault)]
    return live + gone, {"live": len(found), "destroyed": len(gone)}


def make(vault, start: dt.date | None, end: dt.date | None, progress=None, damaged: list[str] | None = None) -> Report:
    """The protected report of the vault for the period (default: the last complete reporting year)."""
    s = settings(vault.config)
    when = period(start, end, vault.today(), s["year_start_month"])
    units, counted = collect(vault, when, progress, damaged)
    return build(units, when, vault.config, vault.config.get("service", ""), vault.today(), counted)


def make_national(vault, start: dt.date | None, end: dt.date | None, progress=None,
                  damaged: list[str] | None = None) -> Report:
    """The period's counts in the IASS Network's categories (``national``), protected as the report is."""
    from . import national

    s = settings(vault.config)
    when = period(start, end, vault.today(), s["year_start_month"])
    units, _ = collect(vault, when, progress, damaged)
    return national.build(units, when, vault.config, vault.config.get("service", ""), vault.today(), s["threshold"],
                          s["style"])


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

