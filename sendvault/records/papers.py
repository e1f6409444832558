"""Paper files (R34): a register in the case of the paper the service still holds.

Services keep paper in a locked cabinet in the office, in an officer's lockable
cabinet at home, or in a manager's archive of closed cases' papers; a file is taken
out of the office only after a risk assessment, and shredded by hand when due.
The case's ``papers`` list records each paper file by number (never reused): where
it is kept, who has it out and since when (with the risk assessment), and who
recorded it shredded and when. Every change is in the case's history and the audit
trail by number only: a folder's label and a note may name the family.

When a paper file is due is the retention rules' (``retention.paper_due``). The
nightly purge does not wait for paper: a case destroyed with paper files not yet
shredded leaves a paper register (``store/paper_register.py``, written by
``retention.paper_register``) that keeps no personal data, on which a manager
records each one shredded after the case is gone (``shredded``).
"""

from __future__ import annotations

import datetime as dt

from . import codes
from .history import record_event
from ..basics.errors import CaseNotFound, SendvaultError, UsageError
from ..basics.timefmt import instant, local_date
from ..store import paper_register
from .retention import DEFAULT_ARCHIVE_MONTHS, paper_due as due, paper_due_rows as due_rows, papers_kept as kept

PLACES = tuple(codes.PLACES)
DEFAULT_OUT_DAYS = 14
LABEL_MAX, NOTE_MAX, RISK_MAX = 120, 500, 500
_HINT = "'sendvault show ID' lists the case's paper files with their numbers"

# --- settings -------------------------------------------------------------------------


def settings(config: dict) -> dict:
    """``[papers]`` of vault.toml with the defaults filled in."""
    given = config.get("papers") or {}
    return {"out_days": given.get("out_days", DEFAULT_OUT_DAYS),
            "archive_months": given.get("archive_months", DEFAULT_ARCHIVE_MONTHS)}


def configure(vault, out_days: int | None, archive_months: int | None) -> dict:
    """Managers set ``[papers]`` in vault.toml, through its sealed change path (audited)."""
    vault.require_manager()
    if out_days is None and archive_months is None:
        raise UsageError("give --out-days or --archive-months to change them")
    if out_days is not None and not 1 <= out_days <= 365:
        raise UsageError("--out-days is 1 to 365")
    if archive_months is not None and not 0 <= archive_months <= 1200:
        raise UsageError("--archive-months is 0 to 1200")
    given = {k: v for k, v in (("out_days", out_days), ("archive_months", archive_months)) if v is not None}

    def change(config: dict) -> None:
        config.setdefault("papers", {}).update(given)

    vault.update_config(change, "paper settings", detail=", ".join(f"{k} {v}" for k, v in sorted(given.items())))
    return settings(vault.config)


# --- what an officer types (pure) -----------------------------------------------------


def check_number(text: str) -> int:
    raw = str(text).strip()
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError("a paper file is named by its number", hint=_HINT)
    return int(raw)


def check_place(text: str | None) -> str:
    where = (text or "").strip().lower()
    if where not in PLACES:
        # The words typed are not repeated: they might say more than a place.
        raise UsageError(("--where is one of " if where else "say where it is kept: --where ") + ", ".join(PLACES))
    return where


def check_text(text: str | None, option: str, most: int) -> str | None:
    """A label, note or risk assessment: one line, tidied, at most ``most`` characters."""
    if text is None:
        return None
    tidy = " ".join(text.split())
    if not tidy:
        raise UsageError(f"{option} is empty")
    if any(ord(c) < 32 or ord(c) == 127 for c in tidy):
        raise UsageError(f"{option} has a control character in it")
    if len(tidy) > most:
        raise UsageError(f"{option} is {len(tidy)} characters; keep it to {most}")
    return tidy


# --- reading a record (pure) ----------------------------------------------------------


def held(record: dict) -> bool:
    """Whether the service still holds paper on this case (a subject-access cover says so)."""
    return bool(kept(record))


def out_too_long(record: dict, officer: str, today: dt.date, days: int) -> list[dict]:
    """Paper files ``officer`` has had out of where they are kept for more than ``days`` days."""
    rows = []
    for p in kept(record):
        out = p.get("out")
        if out and out["by"].casefold() == officer.casefold():
            since = local_date(dt.datetime.fromisoformat(out["since"].replace("Z", "+00:00")))
            if (today - since).days > days:
                rows.append({"id": record["id"], "paper": p["number"], "where": p["where"], "since": since.isoformat(),
                             "days": (today - since).days})
    return rows


# --- changes --------------------------------------------------------------------------


def _keeper(vault, where: str, officer: str | None) -> str | None:
    from .caseload import current_officer

    if where == "office-cabinet":
        if officer is not None:
            raise UsageError("--officer goes with --where home-cabinet (whose cabinet) or archive (whose archive)")
        return None
    if officer is None:
        return vault.officer.name if where == "home-cabinet" else None
    return current_officer(vault, officer).name


def _paper(record: dict, number: int) -> dict:
    found = next((p for p in record.get("papers") or () if p["number"] == number), None)
    if found is None:
        raise UsageError(f"case {record['id']} has no paper file {number}", hint=_HINT.replace("ID", record["id"]))
    if "shredded" in found:
        raise SendvaultError(f"paper file {number} of case {record['id']} was shredded on "
                             f"{found['shredded']['at'][:10]}: nothing more can be recorded of it")
    return found


def _change(vault, cid: str, number: int | None, command: str, apply) -> int:
    """One change to one paper file of ``cid`` (``apply(record, paper)``), recorded by number only."""
    made: dict = {}

    def change(record: dict) -> None:
        made["number"] = apply(record, _paper(record, number) if number is not None else None)

    vault.update_case(cid, change, command, detail=lambda: f"paper {made['number']}")
    return made["number"]


def add(vault, cid: str, where: str, officer: str | None = None, label: str | None = None,
        note: str | None = None) -> int:
    """Record a paper file of case ``cid``; returns its number."""
    where = check_place(where)
    label, note = check_text(label, "--label", LABEL_MAX), check_text(note, "--note", NOTE_MAX)
    keeper = _keeper(vault, where, officer)

    def apply(record: dict, _: None) -> int:
        used = [p["number"] for p in record.get("papers") or ()]
        used += [h["paper"] for h in record.get("history") or () if "paper" in h]
        number = max(used, default=0) + 1
        entry = {"number": number, "at": instant(vault.now()), "by": vault.officer.name, "where": where}
        entry.update((k, v) for k, v in (("keeper", keeper), ("label", label), ("note", note)) if v)
        record.setdefault("papers", []).append(entry)
        record_event(vault, record, "paper-added", paper=number)
        return number

    return _change(vault, cid, None, "paper add", apply)


def check_risk(text: str | None) -> str:
    """The risk assessment a paper file goes out with: required (R34)."""
    if text is None or not text.strip():
        raise UsageError("a paper file goes out of the office only after a risk assessment: say it with "
                         "--risk-assessment", hint='e.g. --risk-assessment "to the tribunal hearing; kept in a locked bag"')
    return check_text(text, "--risk-assessment", RISK_MAX) or ""


def take_out(vault, cid: str, number: int, risk_assessment: str | None) -> int:
    """The acting officer takes paper file ``number`` out, since now, the risk assessment noted."""
    risk = check_risk(risk_assessment)

    def apply(record: dict, paper: dict) -> int:
        if paper.get("out"):
            raise SendvaultError(f"paper file {number} of case {cid} is out already, with {paper['out']['by']}",
                                 hint=f"sendvault paper back {cid} {number}")
        paper["out"] = {"by": vault.officer.name, "since": instant(vault.now()), "risk_assessment": risk}
        record_event(vault, record, "paper-out", paper=number)
        return number

    return _change(vault, cid, number, "paper out", apply)


def bring_back(vault, cid: str, number: int) -> int:
    def apply(record: dict, paper: dict) -> int:
        if not paper.pop("out", None):
            raise SendvaultError(f"paper file {number} of case {cid} is not out")
        record_event(vault, record, "paper-back", paper=number)
        return number

    return _change(vault, cid, number, "paper back", apply)


def move(vault, cid: str, number: int, where: str, officer: str | None = None) -> int:
    where = check_place(where)
    keeper = _keeper(vault, where, officer)

    def apply(record: dict, paper: dict) -> int:
        if paper.get("out"):
            raise SendvaultError(f"paper file {number} of case {cid} is out: record it back first",
                                 hint=f"sendvault paper back {cid} {number}")
        if paper["where"] == where and paper.get("keeper") == keeper:
            raise SendvaultError(f"paper file {number} of case {cid} is kept there already")
        paper["where"] = where
        paper.pop("keeper", None)
        if keeper:
            paper["keeper"] = keeper
        record_event(vault, record, "paper-moved", paper=number)
        return number

    return _change(vault, cid, number, "paper move", apply)


def shredded(vault, cid: str, number: int) -> str:
    """A manager records paper file ``number`` shredded by hand: in the case, or in the paper register once the
    case is destroyed. Returns where it was recorded: 'case' or 'register'."""
    vault.require_manager()
    if vault.exists(cid):
        def apply(record: dict, paper: dict) -> int:
            if paper.get("out"):
                raise SendvaultError(f"paper file {number} of case {cid} is out with {paper['out']['by']}: "
                                     "record it back first", hint=f"sendvault paper back {cid} {number}")
            paper["shredded"] = {"by": vault.officer.name, "at": instant(vault.now())}
            record_event(vault, record, "paper-shredded", paper=number)
            return number

        _change(vault, cid, number, "paper shredded", apply)
        return "case"
    with vault.locked():
        vault.audit_ready()
        data = paper_register.read(vault, cid)
        if data is None:
            vault.read_case(cid)  # says it was destroyed, and when, if it was
            raise CaseNotFound(f"no case {cid} in this vault")
        entry = next((p for p in data["papers"] if p["number"] == number), None)
        if entry is None:
            raise UsageError(f"the paper register of destroyed case {cid} has no paper file {number}")
        if "shredded" in entry:
            raise SendvaultError(f"paper file {number} of destroyed case {cid} was recorded shredded on "
                                 f"{entry['shredded']}")
        # Only the fact is kept of it now: where it was and when it was due go.
        papers = [{"number": number, "shredded": local_date(vault.now()).isoformat(), "by": vault.officer.name}
                  if p is entry else p for p in data["papers"]]
        paper_register.write(vault, cid, data["destroyed"], papers)
        vault.audit("paper shredded", cid, f"paper {number}")
    return "register"


__all__ = ["PLACES", "settings", "configure", "check_number", "check_place", "check_risk", "kept", "held", "due", "due_rows",
           "out_too_long", "add", "take_out", "bring_back", "move", "shredded"]
