"""Destroying a case, crash-safe and resumable: the one path of purge and erase.

A destruction leaves two kinds of plain, non-identifying files in the synchronised
part of the vault (``sync`` carries them to every copy):

- ``destroyed/<ID>.json``, the destruction record: the case id, the date, why
  (retention under which rule, or erasure on request), the authorising manager and
  the method. Sealed with an HMAC keyed by the vault key, so a record forged by
  whoever runs the git server destroys nothing.
- ``statistics/<random>.age``, the case's anonymous profile (age band, need, ...,
  months rather than dates, no id), so past years' reports still add up; encrypted
  for the vault key and padded to one size, because ``sync`` commits it with the
  destruction record: whoever reads git history without a key (the server's
  operator) sees a file of the usual size added, never the profile. Its name is
  random (unless the vault says not to keep it).

The order, under the writers' lock, for one case::

    1. destroyed/<ID>.pending    the intent: the record, plus the statistical record's
                                 random name encrypted for the vault key (so a resumed
                                 run writes it exactly once)
    2. statistics/<random>.age   the profile, encrypted for the vault key
    3. the audit entry           (command and case id only)
    4. casekeys/<ID>.e*.age      shredded: from here on no copy of the case opens
    5. cases/<ID>.age            removed
    6. destroyed/<ID>.json       the record, without the encrypted name; .pending removed

A process killed anywhere leaves a ``.pending`` file (or nothing at all, or a
finished destruction): ``finish_unfinished`` (which every purge runs first) takes
each step not yet done, checking the statistical record and the audit entry for
existence first, so each case is destroyed, counted and recorded exactly once.
``verify`` reports an unfinished destruction as a note, never a problem.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from typing import Callable

from . import crypto
from ..basics import ids, schema
from ..basics.errors import CaseNotFound, SendvaultError, VaultCorrupt
from .storage import discard_key_objects
from ..basics.timefmt import local_date

RECORDS = "destroyed"
STATISTICS = "statistics"
RECORD_FORMAT = "sendvault-destruction/1"
STATISTICS_FORMAT = "sendvault-statistics/1"
METHOD = "crypto-shredding"  # the case key overwritten and deleted (NIST SP 800-88 "purge"), then the case file deleted
REASON_COMMAND = {"retention": "retention purge", "erasure": "erase"}
# An erasure's request (R26): who asked, in words of a fixed list (never a name), and how.
ASKED_BY = ("parent-carer", "young-person", "professional", "other")
ASKED_HOW = ("phone", "email", "letter", "in-person")
DESTROYING = ("destroy", "erase", "retention purge")  # the audit commands that destroy a case
_STAT_NAME = re.compile(r"^[0-9a-f]{32}\.age$")
_PLAIN_STAT_NAME = re.compile(r"^[0-9a-f]{32}\.json$")  # written in the clear before format 2: migrated
STAT_PAD = 2048  # every record encrypted at this size (or a multiple): its size says nothing of what it holds


def record_path(cid: str, pending: bool = False) -> str:
    return f"{RECORDS}/{cid}.{'pending' if pending else 'json'}"


def _canonical(data: dict) -> bytes:
    return json.dumps({k: v for k, v in data.items() if k != "seal"}, sort_keys=True, separators=(",", ":")).encode()


def _seal(vault, data: dict, purpose: bytes) -> dict:
    data = {**data, "epoch": vault.epoch}
    data["seal"] = crypto.mac(vault.vault_key(vault.epoch).secret, purpose, _canonical(data))
    return data


seal = _seal  # the paper register's too (paper_register.py)


def seal_ok(vault, data: dict, purpose: bytes) -> bool:
    import hmac

    epoch = data.get("epoch")
    if not isinstance(epoch, int) or not 1 <= epoch <= vault.epoch:
        return False
    return hmac.compare_digest(str(data.get("seal", "")), crypto.mac(vault.vault_key(epoch).secret, purpose, _canonical(data)))


# --- the statistical record (pure but for its seal) -----------------------------------


def statistical_record(record: dict, keep_locality: bool, heard_about: frozenset = frozenset()) -> dict:
    """What a report can count of a destroyed case: its kind, contact route, profile, months; no id, no date.

    ``heard_about``: every code the vault's list of how they heard about the service ever held; the case's answer
    is kept only when it is one of them (a code, "other" without its words): words typed before the list may
    name someone, so they are never kept."""
    profile = dict(record.get("profile") or {})
    if not keep_locality:
        profile.pop("locality", None)
    contact = record.get("contact") or {}
    out = {
        "format": STATISTICS_FORMAT,
        "kind": record.get("kind", "case"),
        "anonymous": bool(record.get("anonymous")),
        "opened": contact.get("date", record["created"][:10])[:7],
        "contact": {k: contact[k] for k in ("route", "channel", "caller") if k in contact},
        "profile": profile,
        "consents": len(record.get("consents") or ()),
        "disclosures": len(record.get("disclosures") or ()),
    }
    others = {"parents": 0, "professionals": 0}
    for p in record.get("people") or ():  # a second parent, a professional...: counted by group, nothing else kept
        others["professionals" if p.get("role") == "professional" else "parents"] += 1
    if any(others.values()):
        out["others"] = {k: n for k, n in others.items() if n}
    if isinstance(contact.get("heard_about"), str) and contact["heard_about"] in heard_about:
        out["contact"]["heard_about"] = contact["heard_about"]  # a code only: past years' tables still add up
    if record.get("status") == "closed":
        out["closed"] = record["closed"]["date"][:7]
        out["outcome"] = record["closed"]["outcome"]
        if record["closed"].get("evaluation"):  # scores only: past years' evaluation tables still add up
            out["evaluation"] = dict(record["closed"]["evaluation"])
    return out


# --- reading what is there --------------------------------------------------------------


def read_record(vault, cid: str, pending: bool = False) -> dict | None:
    try:
        data = json.loads(vault.store.read(record_path(cid, pending)))
    except FileNotFoundError:
        return None
    except ValueError:
        raise VaultCorrupt(f"{record_path(cid, pending)} is not a destruction record") from None
    schema.validate("destruction", data, record_path(cid, pending))
    return data


def listing(vault) -> tuple[set[str], set[str]]:
    """(ids with a finished record, ids with a pending one)."""
    done, pending = set(), set()
    for name in vault.store.listdir(RECORDS):
        cid, _, ext = name.partition(".")
        if ids.is_id(cid) and ext in ("json", "pending"):
            (done if ext == "json" else pending).add(cid)
    return done, pending


def destroyed_ids(vault) -> set[str]:
    return listing(vault)[0]


# --- destroying ------------------------------------------------------------------------


@dataclass
class Outcome:
    destroyed: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)   # interrupted destructions completed
    failed: dict[str, str] = field(default_factory=dict)  # id -> one-line reason (no personal data)
    skipped: list[str] = field(default_factory=list)    # no longer due, or put on hold, since the plan
    unrecorded: str | None = None  # why a purge's own audit entry (the run, not a case) was not written


def request_words(request: dict | None) -> str | None:
    """An erasure's request as the audit entry's detail: "asked by parent-carer by letter, received 2027-01-31"."""
    if not request:
        return None
    return f"asked by {request['asked_by']} by {request['how']}, received {request['received']}"


# papers(vault, cid, record, day): writes the paper register of a case destroyed on ``day`` (paper_register.py) if it
# has paper files not yet shredded; when each is due is the records' layer's rule (records/retention.py).
Papers = Callable[["object", str, dict, dt.date], None]


def destroy(vault, cid: str, reason: str, rule: str | None, check: Callable[[dict], None] = lambda r: None,
            audited: set[str] | None = None, request: dict | None = None, heard_about: frozenset = frozenset(),
            papers: Papers | None = None) -> None:
    """Destroy case ``cid`` for ``reason`` ("retention" under ``rule``, or "erasure"), under the lock.

    ``check(record)`` runs under the lock on the record as it is now, and raises to
    refuse (a hold placed since the plan). A case already recorded as destroyed is
    finished rather than destroyed again. ``request`` (an erasure's: asked_by, how,
    received) goes into the record and the audit entry. ``heard_about``: the codes the statistical record may keep
    (``statistical_record``). ``papers`` writes the paper register of the case's paper files not yet shredded
    (``paper_register.py``), before the key is shredded.
    """
    vault.require_manager()
    with vault.locked():
        vault.audit_ready()
        before_destroying(vault)
        if read_record(vault, cid, pending=True) is not None or read_record(vault, cid) is not None:
            _finish(vault, cid, audited, heard_about, papers)
            return
        record = vault.read_case(cid)
        check(record)
        section = vault.config.get("retention") or {}
        token = os.urandom(16).hex() if section.get("keep_statistics", True) else None
        today = local_date(vault.now())
        stats = statistical_record(record, section.get("statistics_locality", True), heard_about) if token else None
        intent = {
            "format": RECORD_FORMAT, "case": cid, "date": today.isoformat(), "by": vault.officer.name,
            "reason": reason, "rule": rule, "method": METHOD,
            "pending": _encrypt_note(vault, {"statistics": token}),
        }
        if request:
            intent["request"] = dict(request)
        _write_record(vault, cid, intent, pending=True)
        if token:
            _write_statistics(vault, token, stats, today)
        if papers:
            papers(vault, cid, record, today)
        _shred(vault, cid, REASON_COMMAND[reason], audit=True, detail=request_words(request))
        _finalise(vault, cid, intent)


def finish_unfinished(vault, outcome: Outcome, heard_about: frozenset = frozenset(), papers: Papers | None = None) -> None:
    """Complete every destruction a crash interrupted, and apply every record whose files are still here."""
    done, pending = listing(vault)
    present = _present(vault)
    todo = sorted(pending | (done & present))
    if not todo:
        return
    audited = _audited(vault)
    for cid in todo:
        try:
            with vault.locked():
                vault.audit_ready()
                _finish(vault, cid, audited, heard_about, papers)
            outcome.finished.append(cid)
        except SendvaultError as exc:
            outcome.failed[cid] = exc.message


def _audited(vault) -> set[str]:
    """Case ids the audit trail (every device's) records as destroyed."""
    from . import audit

    return {e["case"] for e in audit.verify(vault).entries if e.get("case") and e["command"] in DESTROYING}


def _finish(vault, cid: str, audited: set[str] | None, heard_about: frozenset = frozenset(),
            papers: Papers | None = None) -> None:
    if audited is None:
        audited = _audited(vault)
    intent = read_record(vault, cid, pending=True)
    final = read_record(vault, cid)
    if final is not None:
        if not seal_ok(vault, final, b"destruction record"):
            raise VaultCorrupt(f"{record_path(cid)} is not sealed by this vault's key: nothing was destroyed",
                               hint="someone wrote it outside sendvault; run 'sendvault verify'")
        _shred(vault, cid, REASON_COMMAND[final["reason"]], audit=cid not in audited,
               detail=request_words(final.get("request")))
        if intent is not None:
            vault.store.remove(record_path(cid, pending=True))
        return
    if not seal_ok(vault, intent, b"destruction record"):
        raise VaultCorrupt(f"{record_path(cid, True)} is not sealed by this vault's key: nothing was destroyed",
                           hint="someone wrote it outside sendvault; run 'sendvault verify'")
    token = _decrypt_note(vault, intent["pending"]).get("statistics")
    if token and not any(vault.store.exists(f"{STATISTICS}/{token}.{ext}") for ext in ("age", "json")):
        # Written before the key is shredded, so the case can still be read here.
        record = vault.read_case(cid)
        section = vault.config.get("retention") or {}
        _write_statistics(vault, token, statistical_record(record, section.get("statistics_locality", True), heard_about),
                          dt.date.fromisoformat(intent["date"]))
    if papers and vault.cases.exists(cid) and vault.keys.case_key_files(cid):  # not shredded yet: still readable
        papers(vault, cid, vault.read_case(cid), dt.date.fromisoformat(intent["date"]))
    _shred(vault, cid, REASON_COMMAND[intent["reason"]], audit=cid not in audited,
           detail=request_words(intent.get("request")))
    audited.add(cid)
    _finalise(vault, cid, intent)


def _shred(vault, cid: str, command: str, audit: bool, detail: str | None = None) -> None:
    if audit:
        vault.audit(command, cid, detail)
    vault.cases.shred(cid)


def _finalise(vault, cid: str, intent: dict) -> None:
    final = {k: v for k, v in intent.items() if k not in ("pending", "seal", "epoch")}
    _write_record(vault, cid, final, pending=False)
    vault.store.remove(record_path(cid, pending=True))


def _write_record(vault, cid: str, data: dict, pending: bool) -> None:
    sealed = _seal(vault, data, b"destruction record")
    schema.validate("destruction", sealed, record_path(cid, pending))
    vault.store.write(record_path(cid, pending), json.dumps(sealed, sort_keys=True, indent=1).encode() + b"\n")


def _write_statistics(vault, token: str, stats: dict, day: dt.date) -> None:
    sealed = _seal(vault, stats, b"statistical record")
    schema.validate("statistics", sealed, f"{STATISTICS}/{token}.age")
    # The file's time says only the month: a time to the second would pair it with its destruction record.
    month = dt.datetime(day.year, day.month, 1, tzinfo=dt.timezone.utc).timestamp()
    vault.store.write(f"{STATISTICS}/{token}.age", _encrypt_statistics(vault, sealed), mtime=month)


def _encrypt_statistics(vault, sealed: dict) -> bytes:
    """The sealed record as JSON, padded with spaces to a multiple of STAT_PAD, encrypted for the current vault key."""
    text = json.dumps(sealed, sort_keys=True, indent=1).encode() + b"\n"
    text += b" " * (-len(text) % STAT_PAD)
    return crypto.encrypt(text, [vault.vault_key(vault.epoch).recipient])


def _open_statistics(vault, name: str) -> dict:
    """A statistical record read, decrypted with any of the vault's keys (``.age``) or as it is (``.json``), checked."""
    rel = f"{STATISTICS}/{name}"
    data = vault.store.read(rel)
    if name.endswith(".age"):
        try:
            data = crypto.decrypt(data, vault_identities(vault), rel)
        except (crypto.NoMatch, SendvaultError):
            raise VaultCorrupt(f"{rel} cannot be opened with the vault key") from None
    try:
        record = json.loads(data)
    except ValueError:
        raise VaultCorrupt(f"{rel} is not a statistical record") from None
    schema.validate("statistics", record, rel)
    return record


def vault_identities(vault) -> list:
    """The identities of every vault key this officer can open, oldest epoch first (records outlive a team change)."""
    identities = []
    for epoch in range(1, vault.epoch + 1):
        try:
            identities.append(vault.vault_key(epoch).identity)
        except SendvaultError:  # an epoch's key this officer cannot open: the others may still
            continue
    return identities


def before_destroying(vault) -> None:
    """Under the lock, before a destruction: the key channel's leftovers shredded, plain statistics encrypted."""
    discard_key_objects(vault.root)
    migrate_statistics(vault)


def migrate_statistics(vault) -> int:
    """Encrypt every statistical record still in the clear (written before format 2); under the lock. Returns how many.

    The encrypted copy keeps the random name and the month of the file's time; the
    plain file is removed only once it is written. Git history keeps what was
    committed before (docs/retention.md).
    """
    moved = 0
    for name in vault.store.listdir(STATISTICS):
        if not _PLAIN_STAT_NAME.match(name):
            continue
        try:
            record = _open_statistics(vault, name)
        except SendvaultError:
            continue  # damaged: left for verify to report; it must not stop a sync or a destruction
        if not seal_ok(vault, record, b"statistical record"):
            continue  # not sendvault's: left for verify to report, never given a seal by moving it
        token = name[:-len(".json")]
        figures = vault.store.figures(f"{STATISTICS}/{name}")
        mtime = figures[1] / 1e9 if figures else None
        vault.store.write(f"{STATISTICS}/{token}.age", _encrypt_statistics(vault, record), mtime=mtime)
        vault.store.remove(f"{STATISTICS}/{name}")
        moved += 1
    return moved


def _encrypt_note(vault, note: dict) -> str:
    blob = crypto.encrypt(json.dumps(note).encode(), [vault.vault_key(vault.epoch).recipient])
    return f"e{vault.epoch}:" + base64.b64encode(blob).decode()


def _decrypt_note(vault, text: str) -> dict:
    tag, _, b64 = text.partition(":")
    try:
        epoch = int(tag[1:])
        plain = crypto.decrypt(base64.b64decode(b64), [vault.vault_key(epoch).identity], "a pending destruction record")
        note = json.loads(plain)
    except (ValueError, crypto.NoMatch):
        raise VaultCorrupt("a pending destruction record cannot be read with the vault key") from None
    token = note.get("statistics")
    if token is not None and not _STAT_NAME.match(f"{token}.age"):
        raise VaultCorrupt("a pending destruction record names no statistical record")
    return note


# --- what verify and reports read -------------------------------------------------------


def statistical_records(vault) -> list[dict]:
    """Every sealed statistical record (for reports: issue 10); encrypted ones and any not yet migrated."""
    out = []
    for name in vault.store.listdir(STATISTICS):
        if _STAT_NAME.match(name) or _PLAIN_STAT_NAME.match(name):
            data = _open_statistics(vault, name)
            if seal_ok(vault, data, b"statistical record"):
                out.append(data)
    return out


def check(vault, present: set[str]) -> tuple[list[str], list[str]]:
    """(problems, notes) about destruction records and statistical records, for ``verify``."""
    problems, notes = [], []
    done, pending = listing(vault)
    for name in vault.store.listdir(RECORDS):
        cid, _, ext = name.partition(".")
        if name.startswith(".tmp-"):
            notes.append(f"{RECORDS}/{name}: a temporary file left by an interrupted write")
        elif not (ids.is_id(cid) and ext in ("json", "pending")):
            problems.append(f"{RECORDS}/{name}: an unexpected file")
    for cid in sorted(done | pending):
        try:
            rec = read_record(vault, cid, pending=cid in pending and cid not in done)
        except SendvaultError as exc:
            problems.append(f"case {cid}: destruction record: {exc.message}")
            continue
        if not seal_ok(vault, rec, b"destruction record"):
            problems.append(f"case {cid}: its destruction record is not sealed by this vault's key (written outside sendvault)")
        elif cid in pending:  # with or without its record: killed before the intent's removal, the last step
            notes.append(f"case {cid}: its destruction was interrupted; the next 'sendvault retention purge' finishes it")
        elif cid in present:
            # Restored from a backup, or a destruction synchronised here and not yet applied.
            problems.append(f"case {cid}: destroyed on {rec['date']}, but its file or key is in the vault; "
                            "'sendvault retention purge' removes it")
    for name in vault.store.listdir(STATISTICS):
        if name.startswith(".tmp-"):
            notes.append(f"{STATISTICS}/{name}: a temporary file left by an interrupted write")
        elif not (_STAT_NAME.match(name) or _PLAIN_STAT_NAME.match(name)):
            problems.append(f"{STATISTICS}/{name}: an unexpected file")
        else:
            try:
                data = _open_statistics(vault, name)
            except SendvaultError:
                problems.append(f"{STATISTICS}/{name}: not a statistical record")
                continue
            if name.endswith(".json"):
                notes.append(f"{STATISTICS}/{name}: written in the clear by an earlier version; the next "
                             "'sendvault sync' or destruction encrypts it")
            if not seal_ok(vault, data, b"statistical record"):
                problems.append(f"{STATISTICS}/{name}: not sealed by this vault's key (written outside sendvault)")
    return problems, notes


def _present(vault) -> set[str]:
    """Ids with a case file, a key, or document files (a sync may bring a destroyed case's documents after it)."""
    from . import documents

    return set(vault.case_ids()) | set(vault.index_keys()) | {d for d in documents.case_dirs(vault.store) if ids.is_id(d)}


def unfinished(vault) -> list[str]:
    done, pending = listing(vault)
    return sorted(pending | (done & _present(vault)))


__all__ = ["destroy", "finish_unfinished", "migrate_statistics", "before_destroying", "Outcome", "statistical_record", "statistical_records", "check",
           "unfinished", "destroyed_ids", "CaseNotFound"]
