"""The caseload: who holds each case, what is due when, and which cases have gone quiet.

A case is held by one officer (``assigned_to``): whoever took the intake, until
``assign`` hands it on. A record written before the field existed is held by its
``created_by``. A case may carry one follow-up: a date and a short reason, kept in
the encrypted record like everything else; setting one and marking it done are both
kept in the case's history. The last activity is worked out from the record each
time it is needed, never stored.

The reading side is pure functions of a record and the date, which is passed in.
The three changes (assign, follow-up, follow-up done) go through
``Vault.update_case``, which validates, writes under the lock and records the
command and case id in the audit trail: never a reason, never a name of a family.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass

from . import casework
from .history import record_event
from ..basics.errors import CaseNotFound, SendvaultError, UsageError
from ..basics.timefmt import instant
from ..store.activity import last_activity

REASON_MAX = 120
"""A follow-up reason is a few words: what to do, not who it is about."""

SOON_DAYS = 7
"""'Due this week': within the next seven days. ``list --follow-up`` shows these and the overdue."""

DEFAULT_QUIET_WEEKS = 4

DATE_FORMS = "YYYY-MM-DD, today, tomorrow, +Nd (days from today) or +Nw (weeks)"

# --- reading a record (pure) ------------------------------------------------------


def assigned_to(record: dict) -> str:
    """The officer who holds the case."""
    return record.get("assigned_to") or record["created_by"]


def held_by(record: dict, name: str) -> bool:
    """Whether officer ``name`` holds the case (names match whatever their case)."""
    return assigned_to(record).casefold() == name.casefold()


def follow_up(record: dict) -> dict | None:
    return record.get("follow_up")


def due(record: dict, today: dt.date) -> str | None:
    """When the case's follow-up falls: 'overdue', 'today', 'this-week' (the next 7 days), 'later'; None without one."""
    fu = follow_up(record)
    return None if fu is None else due_on(fu["date"], today)


def due_on(date: str, today: dt.date) -> str:
    """When a follow-up of ``date`` (YYYY-MM-DD) falls, as ``due`` says."""
    days = (dt.date.fromisoformat(date) - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "today"
    return "this-week" if days <= SOON_DAYS else "later"


# --- what the officer types (pure) -----------------------------------------------


def parse_due_date(text: str, today: dt.date) -> dt.date:
    """A follow-up date: YYYY-MM-DD, ``today``, ``tomorrow``, ``+3d`` or ``+2w``; never in the past."""
    word = text.strip().lower()
    relative = re.fullmatch(r"\+([0-9]{1,3})([dw])", word)
    if word == "today":
        when = today
    elif word == "tomorrow":
        when = today + dt.timedelta(days=1)
    elif relative:
        n = int(relative.group(1))
        when = today + dt.timedelta(days=n * 7 if relative.group(2) == "w" else n)
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", word):
        try:
            when = dt.date.fromisoformat(word)
        except ValueError:
            raise UsageError("DATE is not a real date", hint=f"give the date as {DATE_FORMS}") from None
    else:
        raise UsageError("DATE is not a date sendvault understands", hint=f"give the date as {DATE_FORMS}")
    if when < today:
        raise UsageError("DATE is in the past", hint="a follow-up is due today or later")
    return when


def check_date_form(text: str) -> None:
    """Raise if ``text`` is not in a form ``parse_due_date`` takes (checked before any key is asked)."""
    parse_due_date(text, dt.date.min)  # nothing is before date.min: only the form is checked


def check_reason(text: str) -> str:
    """The reason on one line, spaces tidied; at most REASON_MAX characters."""
    reason = " ".join(text.split())
    if not reason:
        raise UsageError('give a short REASON, e.g. "chase LA for draft plan"')
    if any(ord(c) < 32 or ord(c) == 127 for c in reason):
        raise UsageError("REASON has a control character in it")
    if len(reason) > REASON_MAX:
        raise UsageError(
            f"REASON is {len(reason)} characters; keep it to {REASON_MAX}",
            hint="a few words on what to do (no names or details); the details go in a note",
        )
    return reason


def parse_weeks(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text.strip()) or int(text) < 1:
        raise UsageError("--quiet-weeks must be a whole number of weeks, 1 or more")
    return int(text)


# --- officers ---------------------------------------------------------------------


def current_officer(vault, name: str):
    """The current officer named ``name`` (whatever its case). The name typed is never repeated."""
    name = " ".join(name.split()).casefold()
    for officer in vault.active_officers():
        if officer.name.casefold() == name:
            return officer
    if any(o.name.casefold() == name for o in vault.officers):
        raise UsageError("that officer has left the team", hint="choose a current officer: 'sendvault officer list'")
    raise UsageError("no officer of this vault has that name", hint="'sendvault officer list' shows the team")


def any_officer_name(vault, name: str) -> str:
    """The name of an officer, current or past (a leaver's cases are still theirs until moved)."""
    folded = " ".join(name.split()).casefold()
    for officer in reversed(vault.officers):
        if officer.name.casefold() == folded:
            return officer.name
    raise UsageError("no officer of this vault, current or past, has that name",
                     hint="'sendvault officer list' shows the team and those who left")


# --- changes ----------------------------------------------------------------------


class _Unchanged(Exception):
    """Raised inside a change to leave the case as it is (nothing written, nothing audited)."""


def assign(vault, cid: str, name: str) -> tuple[str, str | None]:
    """Hand case ``cid`` to current officer ``name``.

    Returns the officer's name as the team spells it, and who held the case before
    (None if that officer holds it already: then nothing is written).
    """
    officer = current_officer(vault, name)
    return officer.name, _assign(vault, cid, officer.name)


def _assign(vault, cid: str, to: str, only_from: str | None = None) -> str | None:
    before: list[str] = []

    def change(record: dict) -> None:
        holder = assigned_to(record)
        if holder == to or (only_from is not None and (record["status"] != "open" or not held_by(record, only_from))):
            raise _Unchanged
        record["assigned_to"] = to
        record_event(vault, record, "assigned", **{"from": holder, "to": to})
        before.append(holder)

    try:
        vault.update_case(cid, change, "assign")
    except _Unchanged:
        return None
    return before[0]


@dataclass(frozen=True)
class Handover:
    source: str
    target: str
    case_ids: list[str]


def plan_handover(vault, source: str, target: str) -> Handover:
    """The open cases held by ``source`` (current or past officer), to go to current officer ``target``.

    Managers only. Closed cases stay with whoever held them: they record who did the work.
    """
    vault.require_manager()
    source_name = any_officer_name(vault, source)
    target_officer = current_officer(vault, target)
    if source_name.casefold() == target_officer.name.casefold():
        raise UsageError("--from and --to name the same officer")

    def pick(record: dict) -> str | None:
        return record["id"] if record["status"] == "open" and held_by(record, source_name) else None

    ids = sorted(cid for cid in vault.map_cases(pick) if cid)
    return Handover(source_name, target_officer.name, ids)


def hand_over(vault, plan: Handover) -> list[str]:
    """Move every case of ``plan``: one audit entry per case moved. Returns the ids moved.

    A case closed, moved or destroyed since the plan was made is left as it is.
    """
    moved: list[str] = []
    for cid in plan.case_ids:
        try:
            if _assign(vault, cid, plan.target, only_from=plan.source) is not None:
                moved.append(cid)
        except CaseNotFound:
            continue
        except SendvaultError as exc:
            exc.message = f"{len(moved)} of {len(plan.case_ids)} case(s) were moved, then case {cid} failed: {exc.message}"
            raise
    return moved


def set_follow_up(vault, cid: str, when: dt.date, reason: str) -> dict | None:
    """Give case ``cid`` a follow-up (replacing any it had); returns the one it replaced."""
    reason = check_reason(reason)
    if when < casework.today(vault):
        raise UsageError("DATE is in the past", hint="a follow-up is due today or later")
    replaced: list[dict | None] = []

    def change(record: dict) -> None:
        if record["status"] != "open":
            raise SendvaultError(f"case {cid} is closed; a follow-up is for an open case",
                                 hint=f"'sendvault reopen {cid}' first, if there is more to do")
        replaced.append(record.get("follow_up"))
        record["follow_up"] = {"date": when.isoformat(), "reason": reason, "at": instant(vault.now()),
                               "by": vault.officer.name}
        record_event(vault, record, "follow-up-set", due=when.isoformat(), reason=reason)

    vault.update_case(cid, change, "follow-up")
    return replaced[0]


def follow_up_done(vault, cid: str) -> dict:
    """Mark the follow-up of case ``cid`` done: it is removed, and kept in the history. Returns it."""
    done: list[dict] = []

    def change(record: dict) -> None:
        fu = record.pop("follow_up", None)
        if fu is None:
            raise SendvaultError(f"case {cid} has no follow-up to mark done")
        record_event(vault, record, "follow-up-done", due=fu["date"], reason=fu["reason"])
        done.append(fu)

    vault.update_case(cid, change, "follow-up done")
    return done[0]


# --- lists and the day's view -----------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which cases ``list`` shows, and the caseload columns of each row."""

    today: dt.date
    status: str | None = None
    holder: str | None = None  # an officer's name
    follow_up: bool = False

    def row(self, record: dict, names: bool = False) -> dict | None:
        """``list``'s row for ``record``, or None if it is not selected."""
        if self.status is not None and record["status"] != self.status:
            return None
        if self.holder is not None and not held_by(record, self.holder):
            return None
        fu = follow_up(record)
        if self.follow_up and due(record, self.today) in (None, "later"):
            return None
        base = casework.row(record, names)
        row = {k: base[k] for k in ("id", "opened", "status")}
        row["officer"] = assigned_to(record)
        row["last_activity"] = last_activity(record)
        if self.follow_up:
            row["follow_up"] = fu["date"]
            row["reason"] = fu["reason"]
        row.update((k, v) for k, v in base.items() if k not in row)
        return row

    def sort(self, rows: list[dict]) -> None:
        """Follow-ups oldest first; otherwise the newest case first."""
        if self.follow_up:
            rows.sort(key=operator.itemgetter("follow_up", "id"))
        else:
            rows.sort(key=operator.itemgetter("opened", "id"), reverse=True)


def selection(vault, today: dt.date, status: str | None = None, mine: bool = False,
              officer: str | None = None, follow_up: bool = False) -> Selection:
    """The selection for ``list``'s options. Follow-ups are of open cases unless ``status`` says otherwise."""
    if mine and officer is not None:
        raise UsageError("--mine and --officer cannot be used together")
    holder = vault.officer.name if mine else (any_officer_name(vault, officer) if officer is not None else None)
    if follow_up and status is None:
        status = "open"
    return Selection(today=today, status=status, holder=holder, follow_up=follow_up)


def summary(record: dict) -> dict:
    """What the day's view needs of a case (no names, nothing beyond the follow-up and open subject-access requests)."""
    return {"id": record["id"], "open": record["status"] == "open", "last_activity": last_activity(record),
            "follow_up": follow_up(record), "sar": sar_open(record)}


def sar_open(record: dict) -> list[dict]:
    """The case's open subject-access requests (R25): number, whose, due date. Closed cases can have them too."""
    return [{"request": r["number"], "for": r["for"], "due": r["due"]}
            for r in record.get("sar_requests") or () if r["status"] == "open"]


def sar_rows(record: dict, today: dt.date) -> list[dict]:
    """``list --sar-due``'s rows for one case: each open request, whose, received, due, days left (negative: overdue)."""
    return [{"id": record["id"], "status": record["status"], "officer": assigned_to(record), "request": r["number"],
             "for": r["for"], "received": r["received"], "due": r["due"],
             "days_left": (dt.date.fromisoformat(r["due"]) - today).days}
            for r in record.get("sar_requests") or () if r["status"] == "open"]


def in_day_view(record: dict, name: str) -> bool:
    """Whether the day's view of officer ``name`` shows the case: held by them, and open or with a request open."""
    return held_by(record, name) and (record["status"] == "open" or bool(sar_open(record)))


def agenda(cases: list[dict], today: dt.date, quiet_weeks: int = DEFAULT_QUIET_WEEKS) -> dict:
    """The day's view of one officer's open cases (``summary`` of each).

    Follow-ups overdue, due today and due in the next seven days, oldest first; then
    the cases with no activity for ``quiet_weeks`` weeks or more and no follow-up
    set (a follow-up means someone has it in hand), the quietest first; then counts.
    """
    sections: dict[str, list[dict]] = {"overdue": [], "due_today": [], "due_this_week": []}
    quiet: list[dict] = []
    sar_due: list[dict] = []
    for case in cases:
        for r in case.get("sar") or ():
            sar_due.append({"id": case["id"], **r, "days_left": (dt.date.fromisoformat(r["due"]) - today).days})
        if not case.get("open", True):
            continue
        fu = case["follow_up"]
        if fu is not None:
            when = {"overdue": "overdue", "today": "due_today", "this-week": "due_this_week"}.get(due_on(fu["date"], today))
            if when:
                sections[when].append({"id": case["id"], "due": fu["date"], "reason": fu["reason"],
                                       "last_activity": case["last_activity"]})
            continue
        days = (today - dt.date.fromisoformat(case["last_activity"])).days
        if days >= 7 * quiet_weeks:
            quiet.append({"id": case["id"], "last_activity": case["last_activity"], "weeks_quiet": days // 7})
    for items in sections.values():
        items.sort(key=lambda i: (i["due"], i["id"]))
    quiet.sort(key=lambda i: (i["last_activity"], i["id"]))
    sections["quiet"] = quiet
    # Subject-access requests (R25): every open one, the law's month runs whatever else
    # is going on; the nearest (or most overdue) first.
    sar_due.sort(key=lambda i: (i["due"], i["id"], i["request"]))
    sections["sar_due"] = sar_due
    counts = {key: len(items) for key, items in sections.items()}
    counts["open_cases"] = sum(1 for c in cases if c.get("open", True))
    return {"date": today.isoformat(), "quiet_weeks": quiet_weeks, **sections, "counts": counts}
