"""The report in the IASS Network's categories (issue 25): ``report --iass``, a tidy CSV.

What is public of the national categories, and followed here: the Council for Disabled
Children's IASS Network guidance "Intervention Levels (Casework)" (the revised version
of the 2016 draft): Levels 1 to 4 (the fourth added for SEND Tribunal and equivalent
complex legal casework), interventions counted as open, inactive or closed, and the
service user's answers to its evaluation questions 1, 2 and 3. No national list of
how families heard about a service, of issues or of outcomes was found in public, so
those appear only as far as the service maps its codes to names of its choosing.

The mapping is the vault's (``[categories.iass]``, changed with 'sendvault categories
national'): the national list changes, the code does not. A code with no national
category is counted as "Not mapped", so the rows still add up to the total. The same
disclosure control as the report (``suppression.protect``: small counts hidden, and
any count that would give one back through a total), audited the same way.
"""

from __future__ import annotations

import datetime as dt

from .periods import Period
from .suppression import protect
from .tables import Group, Report, Table, one_way
from .units import OTHER_ANSWERS, Unit

SOURCE = ("Council for Disabled Children, IASS Network: Intervention Levels (Casework), revised guidance "
          "(intervention levels 1 to 4; open, inactive and closed interventions; evaluation questions 1 to 3)")
NOT_MAPPED = "Not mapped"
# The shipped mapping: the service's default codes to the guidance's names. A manager changes it.
DEFAULTS = {
    "level": {"1": "Level 1", "2": "Level 2", "3": "Level 3", "4": "Level 4"},
    # The guidance numbers its evaluation questions; their wording was not found in public, so the
    # service's three default questions are mapped in order. Check them against the Network's own.
    "evaluation": {"met-needs": "Evaluation question 1", "confident": "Evaluation question 2",
                   "recommend": "Evaluation question 3"},
    "heard_about": {}, "issues": {}, "outcome": {},
}
MAPPED = tuple(DEFAULTS)
_STATUS = {"open": "Open", "inactive": "Inactive", "closed": "Closed"}


def mapping(config: dict, name: str) -> dict[str, str]:
    """The service's code -> national category for list ``name``: the shipped one, overridden code by code."""
    return {**DEFAULTS[name], **((config.get("categories") or {}).get("iass") or {}).get(name, {})}


def _national(config: dict, name: str, codes) -> list[str]:
    table = mapping(config, name)
    return [NOT_MAPPED if c is None or c == OTHER_ANSWERS else table.get(c, NOT_MAPPED) for c in codes]


def build(units: list[Unit], when: Period, config: dict, service: str, today: dt.date, threshold: int,
          style: str) -> Report:
    """The period's counts in the national categories, protected as the report's are."""
    contacts = [u for u in units if when.holds(u.opened)]
    closed = [u for u in units if when.holds(u.closed)]
    tables: list[Table] = []
    groups: list[Group] = []

    def add(t_g: tuple[Table, list[Group]]) -> None:
        tables.append(t_g[0])
        groups.extend(t_g[1])

    add(one_way("iass_level", "contacts", "level", [], "Interventions by level (new in the period)",
                values=_national(config, "level", (u.level for u in contacts))))
    add(one_way("iass_status", "contacts", "status", [], "Interventions open, inactive or closed at the end of the period",
                values=[_STATUS.get(u.status, NOT_MAPPED) for u in contacts]))
    add(one_way("iass_heard_about", "contacts", "heard_about", [], "How they heard about the service",
                values=_national(config, "heard_about", (u.heard_about for u in contacts))))
    add(one_way("iass_outcome", "closed", "outcome", [], "Outcomes of interventions closed in the period",
                values=_national(config, "outcome", (u.outcome for u in closed))))
    for code, national in sorted(mapping(config, "evaluation").items(), key=lambda item: item[1]):
        scores = [f"{national}: score {score}" for u in closed for q, score in u.evaluation if q == code]
        name = "iass_evaluation_" + "".join(ch if ch.isalpha() else "_" for ch in code).strip("_")
        add(one_way(name, f"evaluated_{code}", "evaluation", [], national, values=scores))
    protect(tables, groups, threshold, style)
    return Report(service, when, today, style, threshold, tables, groups, {"cases": len(closed), "hidden": True}, {},
                  notes=[f"Categories after: {SOURCE}.", "Not mapped: a code of the service's with no national "
                         "category in its mapping ('sendvault categories national')."])
