"""Keeping and destroying records: the retention rules and schedule (R29, R30),
legal holds (R31) and removal on request (R26).

A case's due date is computed from the vault's rules (``vault.toml``'s
``[retention]``) and its record, never stored: ``due(record, rules)`` is pure.
A case is destroyed when *every* rule that applies to it says so (the latest of
their dates). Destruction itself, crash-safe and resumable, is ``destruction.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..basics.errors import Refused, SendvaultError, UsageError
from ..basics.timefmt import instant, local_date

DEFAULT_ENQUIRIES_MONTHS = 12
DEFAULT_ARCHIVE_MONTHS = 12  # a closed case's paper file in the archive (Dorset): papers.py's [papers] archive_months
DEFAULT_FALLBACK_MONTHS = 72
SOON_DAYS = 30


# --- dates (pure) ------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the last day of a shorter month."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    """The day someone born on ``date_of_birth`` turns ``age``: a 29 February birthday is 1 March in other years
    (as the law of England and Wales counts it)."""
    year = date_of_birth.year + age
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return date_of_birth.replace(year=year)


# --- the rules ---------------------------------------------------------------------


def rules_of(config: dict) -> dict | None:
    """The vault's ``[retention]`` section, or None: without one nothing is due."""
    return config.get("retention")


def make_rules(*, birthday_age: int | None = None, left_education_months: int | None = None, leaving_age: int | None = None,
               after_closed: int | None = None, after_last_contact: int | None = None,
               enquiries_months: int = DEFAULT_ENQUIRIES_MONTHS, fallback_months: int = DEFAULT_FALLBACK_MONTHS,
               keep_statistics: bool = True, statistics_locality: bool = True) -> dict:
    """A ``[retention]`` section from a manager's choices (validated whole by the config schema on writing).

    Each number is checked here, in words a manager can act on, before the schema sees it:
    the command's help is kept free of range notation so that it fits 80 columns.
    """
    for name, value, low, high, unit in (("--birthday", birthday_age, 1, 100, "an age"),
                                         ("--leaving-age", leaving_age, 1, 100, "an age"),
                                         ("--left-education", left_education_months, 0, 1200, "months"),
                                         ("--after-closed", after_closed, 0, 1200, "months"),
                                         ("--after-last-contact", after_last_contact, 0, 1200, "months"),
                                         ("--enquiries", enquiries_months, 0, 1200, "months"),
                                         ("--fallback", fallback_months, 0, 1200, "months")):
        if value is not None and not low <= value <= high:
            raise UsageError(f"{name} is {unit} from {low} to {high}")
    rules: list[dict] = []
    if birthday_age is not None:
        rules.append({"rule": "birthday", "age": birthday_age})
    if left_education_months is not None:
        rule = {"rule": "left-education", "months": left_education_months}
        if leaving_age is not None:
            rule["leaving_age"] = leaving_age
        rules.append(rule)
    elif leaving_age is not None:
        raise UsageError("--leaving-age goes with --left-education MONTHS")
    if after_closed is not None:
        rules.append({"rule": "after-closed", "months": after_closed})
    if after_last_contact is not None:
        rules.append({"rule": "after-last-contact", "months": after_last_contact})
    if not rules:
        raise UsageError("give at least one rule for cases",
                         hint="e.g. 'sendvault retention rules set --birthday 25 --after-closed 12'")
    return {"rules": rules, "enquiries_months": enquiries_months, "fallback_months": fallback_months,
            "keep_statistics": keep_statistics, "statistics_locality": statistics_locality}


def set_rules(vault, section: dict) -> None:
    """Replace the vault's retention rules (managers only; audited)."""
    vault.require_manager()

    def change(config: dict) -> None:
        config["retention"] = {**section, "set": local_date(vault.now()).isoformat(), "set_by": vault.officer.name}

    vault.update_config(change, "retention rules set", detail=describe_briefly(section))


def describe_briefly(section: dict) -> str:
    parts = []
    for r in section["rules"]:
        parts.append(f"{r['rule']} {r.get('age', r.get('months'))}" + (f"/{r['leaving_age']}" if "leaving_age" in r else ""))
    return "; ".join(parts) + f"; enquiries {section['enquiries_months']}; fallback {section['fallback_months']}"


def _months(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


months_words = _months  # for the words a subject-access copy says of the rules (sar.py)


def rule_words(rule: dict) -> str:
    """One rule in words: 'at the young person's 25th birthday'."""
    kind = rule["rule"]
    if kind == "birthday":
        return f"at the young person's {_ordinal(rule['age'])} birthday"
    if kind == "left-education":
        base = f"{_months(rule['months'])} after the young person left education (the date recorded)"
        if "leaving_age" in rule:
            base += f", or without one, {_months(rule['months'])} after their {_ordinal(rule['leaving_age'])} birthday"
        return base
    if kind == "after-closed":
        return f"{_months(rule['months'])} after the case was closed (never while it is open)"
    return f"{_months(rule['months'])} after the last activity on the case"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rules_in_words(section: dict | None) -> list[str]:
    if section is None:
        return ["no retention rules are set: 'retention purge' destroys nothing",
                "a manager sets them with 'sendvault retention rules set'"]
    lines = ["a case is destroyed when every one of these says so (the latest date):"]
    lines += [f"  - {rule_words(r)}" for r in section["rules"]]
    lines.append(f"anonymous contacts and general enquiries: {_months(section['enquiries_months'])} after their last activity")
    lines.append(f"a rule whose date the record lacks counts {_months(section['fallback_months'])} from the last activity instead")
    if section["keep_statistics"]:
        lines.append("a destroyed case's anonymous profile is kept for statistics"
                     + ("" if section["statistics_locality"] else ", without its locality"))
    else:
        lines.append("nothing of a destroyed case is kept for statistics")
    if "set" in section:
        lines.append(f"set on {section['set']} by {section.get('set_by', 'a manager')}")
    return lines


# --- a case's due date (pure) ------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """When a case falls due and why. ``date`` None: not while it is open (an after-closed rule)."""

    date: dt.date | None
    rule: str                 # the rule that decided the date: its kind, or "enquiries"
    fallback: tuple[str, ...] = ()  # the rules whose date the record lacked (counted from the last activity)


def last_activity_date(record: dict) -> dt.date:
    from .caseload import last_activity

    return dt.date.fromisoformat(last_activity(record))


def rule_date(rule: dict, record: dict, fallback_months: int) -> tuple[dt.date | None, bool]:
    """The date ``rule`` says for ``record``, and whether it came from the fallback."""
    kind = rule["rule"]
    child = record.get("child") or {}
    dob = dt.date.fromisoformat(child["date_of_birth"]) if "date_of_birth" in child else None
    if kind == "birthday" and dob:
        return birthday(dob, rule["age"]), False
    if kind == "left-education":
        if "left_education" in child:
            return add_months(dt.date.fromisoformat(child["left_education"]), rule["months"]), False
        if dob and "leaving_age" in rule:
            return add_months(birthday(dob, rule["leaving_age"]), rule["months"]), False
    if kind == "after-closed":
        if record.get("status") != "closed":
            return None, False
        return add_months(dt.date.fromisoformat(record["closed"]["date"]), rule["months"]), False
    if kind == "after-last-contact":
        return add_months(last_activity_date(record), rule["months"]), False
    return add_months(last_activity_date(record), fallback_months), True


def is_enquiry(record: dict) -> bool:
    return bool(record.get("anonymous")) or record.get("kind") == "general-enquiry"


def due(record: dict, section: dict) -> Due:
    """When ``record`` falls due under the rules ``section``: the latest date any rule that applies gives."""
    if is_enquiry(record):
        return Due(add_months(last_activity_date(record), section["enquiries_months"]), "enquiries")
    best: tuple[dt.date, str] | None = None
    fallback: list[str] = []
    for rule in section["rules"]:
        day, fell_back = rule_date(rule, record, section["fallback_months"])
        if fell_back:
            fallback.append(rule["rule"])
        if day is None:
            return Due(None, rule["rule"], tuple(fallback))
        if best is None or day > best[0]:
            best = (day, rule["rule"])
    assert best is not None  # the schema requires at least one rule
    return Due(best[0], best[1], tuple(fallback))


# --- paper files (R34; their register in the case: papers.py) ----------------------------


def papers_kept(record: dict) -> list[dict]:
    """The case's paper files not yet shredded."""
    return [p for p in record.get("papers") or () if "shredded" not in p]


def paper_due(record: dict, paper: dict, config: dict) -> dt.date | None:
    """When ``paper`` falls due for shredding: when the case's record does; a closed case's paper file in the
    archive, the archive period after closing if that is sooner. None: not yet known (open, or no rules)."""
    section = rules_of(config)
    case_due = due(record, section).date if section else None
    if paper["where"] == "archive" and record.get("status") == "closed":
        months = (config.get("papers") or {}).get("archive_months", DEFAULT_ARCHIVE_MONTHS)
        archived = add_months(dt.date.fromisoformat(record["closed"]["date"]), months)
        return min(case_due, archived) if case_due else archived
    return case_due


def _paper_place(paper: dict) -> dict:
    """Where a paper file is, as the register and the lists say it: a place, whose cabinet, who has it out."""
    out = {"where": paper["where"]}
    if paper.get("keeper"):
        out["keeper"] = paper["keeper"]
    if paper.get("out"):
        out["out"] = paper["out"]["by"]
    return out


def paper_due_rows(record: dict, config: dict, on: dt.date) -> list[dict]:
    """The case's paper files due for shredding by ``on``: number, place, due date; nothing personal."""
    rows = []
    for p in papers_kept(record):
        day = paper_due(record, p, config)
        if day is not None and day <= on:
            rows.append({"id": record["id"], "paper": p["number"], **_paper_place(p), "due": day.isoformat()})
    return rows


def paper_register(config: dict):
    """``destruction.destroy``'s ``papers``: the register of a destroyed case's paper files not yet shredded,
    written before its key is shredded (once: a resumed destruction finds it)."""
    from ..store import paper_register as register

    def write(vault, cid: str, record: dict, day: dt.date) -> None:
        # Destroyed: every paper file left is due now, if it was not before.
        entries = [{"number": p["number"], **_paper_place(p), "due": min(paper_due(record, p, config) or day, day).isoformat()}
                   for p in papers_kept(record)]
        if entries and not register.exists(vault, cid):
            register.write(vault, cid, day.isoformat(), entries)

    return write


def paper_register_due(vault) -> list[dict]:
    """Every paper file of a destroyed case still to shred, from the paper register."""
    from ..store import paper_register as register

    rows = []
    for cid in register.case_ids(vault):
        try:
            data = register.read(vault, cid)
        except SendvaultError:
            continue  # forged or damaged: 'verify' says so; it must not stop the plan (and with it the purge)
        rows += [{"id": cid, "paper": p["number"], **{k: p[k] for k in ("where", "keeper", "out") if k in p},
                  "due": p["due"], "destroyed": data["destroyed"]} for p in data["papers"] if "due" in p]
    return rows


def active_hold(record: dict) -> dict | None:
    for hold in reversed(record.get("holds", [])):
        if "released_at" not in hold:
            return hold
    return None


def place_hold(vault, cid: str, reason: str) -> dict:
    """Put a case under legal hold: it is not destroyed until released (R31)."""
    reason = reason.strip()
    if not reason:
        raise SendvaultError("give the hold's reason, e.g. the production order's reference")

    def change(record: dict) -> None:
        if active_hold(record):
            raise SendvaultError(f"case {cid} is already on hold", hint=f"'sendvault show {cid}' shows the hold")
        record.setdefault("holds", []).append({"at": instant(vault.now()), "by": vault.officer.name, "reason": reason})

    return vault.update_case(cid, change, "hold")


def release_hold(vault, cid: str) -> dict:
    vault.require_manager()

    def change(record: dict) -> None:
        hold = active_hold(record)
        if hold is None:
            raise SendvaultError(f"case {cid} is not on hold")
        hold["released_at"] = instant(vault.now())
        hold["released_by"] = vault.officer.name

    return vault.update_case(cid, change, "release")


def check_erasable(vault, cid: str) -> None:
    """Refuse (exit 5) unless the acting officer is a manager and the case exists and is not on legal hold.

    ``erase`` checks again under the lock; the command line asks this first, so
    nobody is asked to confirm an erasure that would be refused.
    """
    from ..store import destruction

    vault.require_manager()
    if any(vault.store.exists(destruction.record_path(cid, pending)) for pending in (True, False)):
        return  # begun, its checks passed, then interrupted: erasing again finishes it
    if active_hold(vault.read_case(cid)):
        raise Refused(
            f"case {cid} is under a legal hold and cannot be destroyed",
            hint=f"a manager releases the hold first: 'sendvault release {cid}'",
        )


def erasure_request(asked_by: str | None, how: str | None, received: dt.date | None, today: dt.date | None) -> dict:
    """An erasure's request (R26) checked: who asked (a kind of person, never a name), how, and the day received.

    ``received`` defaults to ``today``; with ``today`` None (before the vault is open)
    only the words are checked, so a missing option is refused before the passphrase.
    """
    from ..store.destruction import ASKED_BY, ASKED_HOW

    who, way = (asked_by or "").strip().lower(), (how or "").strip().lower()
    if who not in ASKED_BY:
        raise UsageError(f"--asked-by must be one of {', '.join(ASKED_BY)}" if who else "say who asked: --asked-by "
                         + "|".join(ASKED_BY), hint="e.g. 'sendvault erase ID --asked-by parent-carer --how letter'")
    if way not in ASKED_HOW:
        raise UsageError(f"--how must be one of {', '.join(ASKED_HOW)}" if way else "say how the request came: --how "
                         + "|".join(ASKED_HOW), hint="e.g. 'sendvault erase ID --asked-by parent-carer --how letter'")
    received = received or today
    if today is not None and received > today:
        raise UsageError("the request's date is in the future", hint="--received is the day the request came, e.g. 31/01/2027")
    return {"asked_by": who, "how": way, "received": received.isoformat() if received else None}


def erase(vault, cid: str, request: dict) -> None:
    """Destroy a case at the service user's request (R26), unless a legal hold forbids it.

    Managers only: it cannot be undone. The same crash-safe path as a purge
    (``destruction.destroy``), leaving the same records, and ``request`` (see
    ``erasure_request``) in the record and the audit entry.
    """
    with vault.locked():
        check_erasable(vault, cid)
        vault.destroy_case(cid, "erasure", None, _not_held(cid), request=request, heard_about=_heard_about(vault),
                           papers=_papers(vault))


def _papers(vault):
    """What a destroyed case's paper register keeps of its paper files not yet shredded (R34)."""
    return paper_register(vault.config)


def _heard_about(vault) -> frozenset:
    """The codes a destroyed case's statistical record may keep of how they heard about the service: every code
    the list ever held ("other" without its words), never an answer typed in words (issue 25)."""
    from . import categories

    return frozenset(categories.known(vault.config, "heard_about"))


def _not_held(cid: str):
    def check(record: dict) -> None:
        if active_hold(record):
            raise Refused(f"case {cid} is under a legal hold and cannot be destroyed",
                          hint=f"a manager releases the hold first: 'sendvault release {cid}'")
    return check


# --- the plan and the purge ----------------------------------------------------------


def plan_row(record: dict, section: dict, config: dict | None = None, on: dt.date | None = None) -> dict:
    """What the plan needs of one case (computed in the worker that read it: nothing personal travels).
    With ``config`` and ``on``: its paper files due for shredding by ``on`` (papers.py), by number."""
    d = due(record, section)
    hold = active_hold(record)
    row = {"id": record["id"], "due": d.date.isoformat() if d.date else None, "rule": d.rule,
           "fallback": list(d.fallback), "hold": hold["reason"] if hold else None, "status": record.get("status")}
    if config is not None and on is not None and record.get("papers"):
        row["papers"] = paper_due_rows(record, config, on)
    return row


def plan(vault, on: dt.date, damaged: list[str] | None = None) -> dict:
    """What falls due on ``on`` and in the 30 days after, under which rule; holds; fallbacks; unfinished destructions."""
    from ..store import destruction

    section = rules_of(vault.config)
    unfinished = destruction.unfinished(vault)
    out = {"on": on.isoformat(), "rules": section is not None, "due": [], "soon": [], "held": [], "fallback": [],
           "not_due_while_open": 0, "cases": 0, "unfinished": unfinished, "papers_due": paper_register_due(vault)}
    if section is None:
        out["cases"] = len(vault.case_ids())
        return out
    skip = set(unfinished)
    # From the index (summaries: every date the rules read is there): on an unchanged vault one
    # file is read, not every case. A purge checks each case again, from its file, under the lock.
    rows = vault.rows(lambda r: plan_row(r, section, vault.config, on) if r["id"] not in skip else None, damaged=damaged)
    if damaged is not None:  # an interrupted destruction whose key is shredded cannot be read: unfinished, not damaged
        damaged[:] = [cid for cid in damaged if cid not in skip]
    soon = on + dt.timedelta(days=SOON_DAYS)
    out["cases"] = len(rows)
    # Paper files due (R34): the purge never waits for them; a manager shreds each by hand and records it.
    out["papers_due"] = sorted([p for r in rows for p in r.pop("papers", ())] + out["papers_due"],
                               key=lambda p: (p["due"], p["id"], p["paper"]))
    for row in sorted(rows, key=lambda r: (r["due"] or "9999", r["id"])):
        if row["fallback"]:
            out["fallback"].append(row)
        if row["due"] is None:
            out["not_due_while_open"] += 1
            continue
        day = dt.date.fromisoformat(row["due"])
        if row["hold"] and day <= soon:
            out["held"].append(row)
        elif day <= on:
            out["due"].append(row)
        elif day <= soon:
            out["soon"].append(row)
    return out


# A purge by the clock is refused when the clock is this far past the newest thing the vault
# knows: every purge run is recorded, so a nightly job leaves a gap of a day; a machine off for
# a month of holidays still purges; a clock stepped a year or ten ahead does not (docs/retention.md).
CLOCK_AHEAD_DAYS = 31
# Devices' clocks differ a little: only a clock well behind what was already written is wrong.
CLOCK_BEHIND = dt.timedelta(days=1)


def clock_doubt(vault, last_synced: Callable[[], float | None]) -> str | None:
    """Why this machine's clock is implausible against what the vault knows, or None.

    ``last_synced`` gives the time of the vault's last synchronised commit (sync's
    ``last_commit_time``; passed in because the records' rules sit below sync).

    Too far ahead: more than ``CLOCK_AHEAD_DAYS`` after what another clock, or this one
    before it could have jumped, wrote (``audit.clock_evidence``: other devices' newest
    entries, this machine's last purge run). Behind: earlier than anything already
    written, any device's entry or the vault's last synchronised commit.
    """
    from ..store import audit

    newest, vouched = audit.clock_evidence(vault, PURGE_COMMAND)
    written = [(t, what) for t, what in ((newest, "the newest entry of the audit trail"),) if t is not None]
    committed = last_synced()
    if committed is not None:
        written.append((dt.datetime.fromtimestamp(committed, dt.timezone.utc), "the vault's last synchronised commit"))
    now = vault.now()
    if written:
        latest, what = max(written)
        if now < latest - CLOCK_BEHIND:
            return f"this machine's clock says {instant(now)}, earlier than {what} ({instant(latest)})"
    if vouched is not None and now > vouched + dt.timedelta(days=CLOCK_AHEAD_DAYS):
        return (f"this machine's clock says {local_date(now).isoformat()}, {(now - vouched).days} days after the "
                f"last purge or another device's newest entry ({local_date(vouched).isoformat()})")
    return None


def check_clock(vault, last_synced: Callable[[], float | None]) -> None:
    """Refuse (``Refused``) a purge by this machine's clock when it is implausible (``clock_doubt``):
    a purge takes "today" from it, and destruction cannot be undone."""
    doubt = clock_doubt(vault, last_synced)
    if doubt:
        raise Refused(f"{doubt}: if the clock is wrong a purge would destroy cases not yet due, so nothing was destroyed",
                      hint="set this machine's clock right, or give the date yourself: 'sendvault retention purge --on YYYY-MM-DD'")


def purge(vault, on: dt.date | None, last_synced: Callable[[], float | None], dry_run: bool = False,
          source: str = "given with --on") -> tuple[dict, "object"]:
    """Destroy every case due on ``on`` and not on hold (managers only; one purge at a time).

    ``on`` None: today, by this machine's clock, which must be plausible (``check_clock``);
    a date is a person's word for today (``source`` says how it was given), used as given. First finishes any destruction a
    crash interrupted. Returns the plan it worked from and a ``destruction.Outcome``. A
    case put on hold, or no longer due, since the plan is skipped (checked again under
    the lock). Every purge that destroys is recorded, with the day and where it came from.
    """
    from ..store import destruction

    vault.require_manager()
    today = local_date(vault.now())
    given = on is not None
    if not given:
        on = today
        if not dry_run:
            check_clock(vault, last_synced)
    if on > today and not dry_run:
        raise Refused(f"a purge destroys only what is due by today ({today.isoformat()})",
                      hint="'--on' a later date goes with --dry-run, or use 'sendvault retention plan --on DATE'")
    outcome = destruction.Outcome()
    try:
        with vault.store.exclusive(PURGE_LOCK):
            damaged: list[str] = []
            the_plan = plan(vault, on, damaged)
            for cid in damaged:  # its due date cannot be known: reported, never guessed
                outcome.failed[cid] = "cannot be read; 'sendvault verify' says why"
            if dry_run:
                return the_plan, outcome
            with vault.locked():
                destruction.before_destroying(vault)
            destruction.finish_unfinished(vault, outcome, _heard_about(vault), _papers(vault))
            section = rules_of(vault.config)
            for row in the_plan["due"]:
                try:
                    vault.destroy_case(row["id"], "retention", row["rule"], _still_due(row["id"], section, on),
                                       heard_about=_heard_about(vault), papers=_papers(vault))
                    outcome.destroyed.append(row["id"])
                except NotDue:
                    outcome.skipped.append(row["id"])
                except SendvaultError as exc:
                    outcome.failed[row["id"]] = exc.message
            # Recorded even when nothing was due: the nightly run's entry is what the next night's clock is
            # weighed against. Not when a case failed: a failed command leaves the vault as it was (that
            # night is reported).
            if not outcome.failed:
                try:
                    vault.audit(PURGE_COMMAND, detail=_purge_detail(on, today, source if given else None, outcome))
                except SendvaultError as exc:  # the destructions are recorded; the caller says this one is not
                    outcome.unrecorded = exc.message
    except BlockingIOError:
        raise Refused("another purge is running on this vault; nothing was done") from None
    return the_plan, outcome


PURGE_LOCK = "local/purge"
PURGE_COMMAND = "retention purge"


def _purge_detail(on: dt.date, today: dt.date, given: str | None, outcome) -> str:
    """The purge's own audit entry: the day it took as today, and whose word that was."""
    source = f"{given}; this machine's clock said {today.isoformat()}" if given else "by this machine's clock"
    return f"on {on.isoformat()} ({source}): {len(outcome.destroyed)} destroyed, {len(outcome.finished)} finished"


class NotDue(SendvaultError):
    """A case no longer due, or put on hold, since the plan: skipped, not failed."""


def _still_due(cid: str, section: dict, on: dt.date):
    def check(record: dict) -> None:
        d = due(record, section)
        if active_hold(record) or d.date is None or d.date > on:
            raise NotDue(f"case {cid} is no longer due")
    return check
