"""The audit trail: one append-only, hash-chained, encrypted log per device.

``audit/<device>.log`` holds one line per entry: ``e<epoch>:<base64 of an age file>``
encrypted for that epoch's vault key, so only officers can read it. Each entry
holds the SHA-256 of the previous entry's JSON (``prev``), so an entry modified,
removed or reordered breaks the chain. ``audit/<device>.head`` (encrypted too)
holds the number and hash of the last entry, so a log cut off at the end is
detected. Entries name the officer, the command and the case id: never personal data.

A per-device file keeps git synchronisation free of conflicts: only its own
device ever writes it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import binascii
import hashlib
import json
import os
from dataclasses import dataclass, field

from . import crypto, highwater
from ..basics import schema
from ..basics.timefmt import instant, parse_instant
from ..basics.errors import SendvaultError, VaultCorrupt

GENESIS = "0" * 64
# How far back a device's clock may step between two of its entries before verify calls it a problem
# (the purge's own check allows a day behind too: retention.CLOCK_BEHIND).
CLOCK_STEP_BACK = dt.timedelta(days=1)


def _entry_hash(entry: dict) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _canonical(entry: dict) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()


DEVICE = "local/device"


def device_id(store) -> str:
    """This machine's device id (16 hex digits in ``local/device``), made on its first change."""
    try:
        device = store.read(DEVICE).decode().strip()
        if len(device) == 16:
            return device
    except FileNotFoundError:
        pass
    if store.read_only:
        return "0" * 16  # names no log: nothing is audited through a read-only vault
    device = os.urandom(8).hex()
    store.write(DEVICE, device.encode() + b"\n")
    return device


def log_path(device: str) -> str:
    return f"audit/{device}.log"


def head_path(device: str) -> str:
    return f"audit/{device}.head"


def _seal(vault, payload: bytes) -> bytes:
    epoch = vault.epoch
    blob = crypto.encrypt(payload, [vault.vault_key(epoch).recipient])
    return f"e{epoch}:".encode() + base64.b64encode(blob)


def _open(vault, line: bytes, what: str) -> bytes:
    return _open_sealed(vault, line, what)[0]


def _open_sealed(vault, line: bytes, what: str) -> tuple[bytes, int]:
    """The plaintext of a sealed line, and the key epoch that sealed it."""
    try:
        tag, b64 = line.split(b":", 1)
        epoch = int(tag[1:]) if tag.startswith(b"e") else None
        blob = base64.b64decode(b64, validate=True)
    except (ValueError, binascii.Error):
        raise VaultCorrupt(f"{what} is not an audit entry") from None
    if epoch is None or not 1 <= epoch <= vault.epoch:
        raise VaultCorrupt(f"{what} names no key epoch of this vault")
    try:
        return crypto.decrypt(blob, [vault.vault_key(epoch).identity], what), epoch
    except crypto.NoMatch:
        raise VaultCorrupt(f"{what} does not open with the vault key (modified or forged)") from None


def _last_line(vault, rel: str) -> tuple[bytes | None, int | None]:
    """The last complete line, and the size to cut a torn tail back to (None if whole)."""
    chunk = 8192
    while True:
        try:
            start, tail = vault.store.read_tail(rel, chunk)
        except FileNotFoundError:
            return None, None
        size = start + len(tail)
        nl = tail.rfind(b"\n")
        if nl < 0 and start > 0:
            chunk *= 2
            continue
        if nl < 0:
            # Nothing complete: a writer died during the very first append.
            return None, (0 if size else None)
        end = start + nl + 1
        prev = tail.rfind(b"\n", 0, nl)
        if prev < 0 and start > 0:
            chunk *= 2
            continue
        # Anything after the last newline is a torn tail from a writer that died.
        return tail[prev + 1 : nl], (end if end < size else None)


def _follow(vault, rel: str, last: bytes) -> tuple[int, str]:
    """(seq, hash) of the entry in line ``last``, to chain the next one to it.

    Remembered per line, so checking the tail before a change and appending after
    it decrypt the last entry once.
    """
    cached = vault.audit_tail
    if cached and cached[0] == last:
        return cached[1], cached[2]
    previous = json.loads(_open(vault, last, f"the last entry of {rel}"))
    vault.audit_tail = (last, previous["seq"], _entry_hash(previous))
    return previous["seq"], vault.audit_tail[2]


def check_tail(vault) -> None:
    """Raise if this device's log could not be extended (its last entry does not open)."""
    device = vault.device_id()
    rel = log_path(device)
    last, _ = _last_line(vault, rel)
    seen = highwater.audit_mark(vault.store, device)
    seq = 0
    if last is not None:
        try:
            seq = _follow(vault, rel, last)[0]
        except (VaultCorrupt, ValueError, KeyError, TypeError) as exc:
            raise VaultCorrupt(
                f"the audit trail cannot be extended ({getattr(exc, 'message', 'its last entry is not valid')}); nothing was changed",
                hint="run 'sendvault audit verify' and restore audit/ from a backup",
            ) from None
    if seq < seen:
        raise VaultCorrupt(
            f"{rel} ends at entry {seq} but this device has written {seen}: the audit trail was rolled back "
            "to an earlier copy; nothing was changed",
            hint="restore audit/ from the newest backup or the vault's git history, then run 'sendvault audit verify'")


def append(vault, command: str, case: str | None, detail: str | None) -> None:
    """Add one entry (the caller holds the vault's lock)."""
    append_many(vault, [(command, case, detail)])


def append_many(vault, items: list[tuple[str, str | None, str | None]]) -> None:
    """Add an entry for each (command, case, detail), chained in order, in one append and one head.

    A batch of new cases (``store/batch.py``) is recorded this way: one write of the log
    for them all. The caller holds the vault's lock.
    """
    device = vault.device_id()
    rel = log_path(device)
    last, cut = _last_line(vault, rel)
    if cut is not None:
        vault.store.truncate(rel, cut)
    seq, prev = (0, GENESIS) if last is None else _follow(vault, rel, last)
    lines = []
    for command, case, detail in items:
        entry = {
            "seq": seq + 1,
            "at": instant(vault.now()),
            "device": device,
            "officer": vault.officer.name,
            "command": command,
            "case": case,
            "prev": prev,
        }
        if detail:
            entry["detail"] = detail
        schema.validate("audit-entry", entry, "audit entry")
        lines.append(_seal(vault, _canonical(entry)))
        seq, prev = entry["seq"], _entry_hash(entry)
    vault.store.append(rel, b"".join(line + b"\n" for line in lines))
    head = {"seq": seq, "hash": prev}
    vault.audit_tail = (lines[-1], head["seq"], head["hash"])
    vault.store.write(head_path(device), _seal(vault, _canonical(head)))
    highwater.see_audit(vault.store, {device: head["seq"]})


def last_seq(vault) -> int:
    """The number of this device's last audit entry (0 if none)."""
    last, _ = _last_line(vault, log_path(vault.device_id()))
    return 0 if last is None else _follow(vault, log_path(vault.device_id()), last)[0]


def reseal_late_entries(vault) -> int:
    """Re-seal this device's entries sealed with a key retired before their time; returns how many.

    A machine that had not yet synced an officer's removal sealed its entries with
    the vault key it knew; once the removal reaches it (sync), it re-seals them
    with the current key (and its head), so that ``verify`` flags any such entry left
    in a log whose device has sealed with a newer key as forged; until then it is a
    note. The chain hashes the entries, not their sealing, so it holds.
    """
    rel = log_path(vault.device_id())
    try:
        lines = vault.store.read(rel).split(b"\n")
    except FileNotFoundError:
        return 0
    changed = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        try:
            plain, sealed = _open_sealed(vault, line, f"{rel} line {i + 1}")
        except SendvaultError:
            continue  # damaged: verify reports it; a sync must not stop on it
        if sealed < vault.epoch_at(json.loads(plain)["at"]):
            lines[i] = _seal(vault, plain)
            changed += 1
    if changed:
        vault.store.write(rel, b"\n".join(lines))
        vault.audit_tail = None
    head = head_path(vault.device_id())
    if vault.store.exists(head):
        try:
            plain, sealed = _open_sealed(vault, vault.store.read(head).strip(), head)
        except SendvaultError:
            return changed  # a damaged head: verify reports it
        if changed or sealed < vault.epoch:
            # Sealed with the current key even with no entry to re-seal: verify reads a head or entry sealed
            # with a newer key as this device having heard of the removal (see read_chain).
            vault.store.write(head, _seal(vault, plain))
    return changed


RUN_SCAN_BYTES = 4 << 20  # how far back this device's log is searched for its last purge run (~10,000 entries)


def clock_evidence(vault, run_command: str):
    """What the audit trail says of the time, for judging this machine's clock: (newest, vouched).

    ``newest``: the newest entry of any device (nothing now may be dated much before it).
    ``vouched``: the newest time another clock, or this one before it could have jumped,
    wrote down: other devices' newest entries, and this device's last entry of
    ``run_command`` with no case (its last purge run). This device's other entries are
    left out: written after a jump (a sync, a list), they would vouch for the clock that
    made them. Without such a run within the last ``RUN_SCAN_BYTES``, this device's
    newest entry stands in. Either is None when nothing says.
    """
    own = vault.device_id()
    newest = vouched = None
    for device in devices(vault):
        rel = log_path(device)
        times = _times_back(vault, rel, run_command if device == own else None)
        if times is None:
            continue
        last, run = times
        newest = last if newest is None else max(newest, last)
        v = last if device != own or run is None else run
        vouched = v if vouched is None else max(vouched, v)
    return newest, vouched


def _times_back(vault, rel: str, run_command: str | None):
    """(time of the last entry, time of the last ``run_command`` entry without a case or None), or None."""
    try:
        start, tail = vault.store.read_tail(rel, RUN_SCAN_BYTES if run_command else 8192)
    except FileNotFoundError:
        return None
    lines = tail.split(b"\n")[:-1]  # the last piece is empty or a torn tail
    if start > 0 and lines:
        lines = lines[1:]  # the first may be cut
    last = None
    for line in reversed(lines):
        try:
            entry = json.loads(_open(vault, line, f"an entry of {rel}"))
            at = parse_instant(entry["at"])
        except (SendvaultError, ValueError, KeyError, TypeError, AttributeError):
            continue  # left to verify
        if last is None:
            last = at
            if run_command is None:
                break
        if run_command is not None and entry.get("command") == run_command and entry.get("case") is None:
            return last, at
    return (last, None) if last is not None else None


@dataclass
class ChainReport:
    entries: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def devices(vault) -> list[str]:
    out = set()
    for name in vault.store.listdir("audit"):
        stem, _, ext = name.rpartition(".")
        if ext in ("log", "head"):
            out.add(stem)
    return sorted(out)


def read_chain(vault, device: str) -> ChainReport:
    """Decrypt and check one device's chain; every break is listed, none raised."""
    report = ChainReport()
    rel = log_path(device)
    try:
        data = vault.store.read(rel)
    except FileNotFoundError:
        data = b""
        if vault.store.exists(head_path(device)):
            report.problems.append(f"{rel} is missing but its head exists (the log was removed)")
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        lines.pop()
        report.notes.append(f"{rel} ends in an entry cut short by an interrupted write; the next entry will replace it")
    prev, expected, before = GENESIS, 1, None
    late: list[tuple[str, int]] = []  # (where, sealing epoch) of entries sealed with a key retired before their time
    newest = 0  # the newest key epoch this device has sealed with
    for n, (entry, sealed, error) in enumerate(_open_all(vault, lines, rel), 1):
        what = f"{rel} line {n}"
        if error:
            report.problems.append(f"{what}: {error}")
            prev, expected, before = None, None, None
            continue
        if before is not None and parse_instant(entry["at"]) < parse_instant(before):
            # One device writes its log in order: an earlier time means its clock went back (or ahead before).
            # A step of minutes (a time server correcting a drift, a laptop waking) is a note; one of more
            # than CLOCK_STEP_BACK is what a dead battery or a restored copy does, and a problem. The log is
            # append-only, so a problem here stays: it is the record of when the clock was wrong.
            back = parse_instant(before) - parse_instant(entry["at"])
            said = (f"{what}: entry {entry['seq']} is dated {entry['at']}, earlier than the entry "
                    f"before it ({before}): this device's clock went back")
            (report.problems if back > CLOCK_STEP_BACK else report.notes).append(said)
        before = entry["at"]
        if expected is not None and entry["seq"] != expected:
            report.problems.append(f"{what}: entry {entry['seq']} where entry {expected} should be (entries removed or reordered)")
        elif prev is not None and entry["prev"] != prev:
            report.problems.append(f"{what}: entry {entry['seq']} does not follow from the entry before it (the chain is broken)")
        newest = max(newest, sealed)
        if sealed < vault.epoch_at(entry["at"]):
            late.append((what, sealed))
        if entry["device"] != device:
            report.problems.append(f"{what}: the entry belongs to device {entry['device']}")
        report.entries.append(entry)
        prev, expected = _entry_hash(entry), entry["seq"] + 1
    newest = max(newest, _check_head(vault, device, report))
    for what, sealed in late:
        if sealed < newest:
            # The device has since sealed with a newer key, so its sync re-sealed every entry of its own
            # made after the removal (reseal_late_entries): one left is a former officer's.
            report.problems.append(f"{what}: sealed with key epoch {sealed}, retired before the entry's time (forged?)")
        else:
            # A device that had not yet synced the removal could only seal with the key it knew; it
            # re-seals these at its next sync. Elsewhere, until then, that is not a forgery.
            report.notes.append(f"{what}: sealed with key epoch {sealed}, retired before the entry's time: device "
                                f"{device} has not synced the removal yet, and its next sync re-seals it "
                                "(if that device never syncs again, ask who wrote it)")
    seen = highwater.audit_mark(vault.store, device)
    last = report.entries[-1]["seq"] if report.entries else 0
    if last < seen:
        report.problems.append(f"{rel} ends at entry {last} but this device has seen entry {seen}: "
                               "the chain was rolled back to an earlier copy")
    return report


def _open_all(vault, lines: list[bytes], rel: str) -> list[tuple[dict | None, int | None, str | None]]:
    """(entry, sealing epoch, error) for every line, decrypted on every core (the
    chain itself is then checked in order, here)."""
    for epoch in range(1, vault.epoch + 1):
        try:
            vault.vault_key(epoch)  # opened once, before forking, for every worker
        except SendvaultError:
            pass  # each line sealed with it reports the problem

    def work(share: list[tuple[int, bytes]]) -> list:
        out = []
        for n, line in share:
            what = f"{rel} line {n}"
            try:
                plain, sealed = _open_sealed(vault, line, what)
                entry = json.loads(plain)
                schema.validate("audit-entry", entry, what)
                out.append((entry, sealed, None))
            except (SendvaultError, ValueError) as exc:
                out.append((None, None, getattr(exc, "message", "not a valid entry")))
        return out

    from . import parallel  # only verify and the audit trail's reader use it: not every command's start-up

    items = list(enumerate(lines, 1))
    return parallel.map_chunks(work, items, parallel.workers_for(len(items)))


def _check_head(vault, device: str, report: ChainReport) -> int:
    """Check the head against the entries read; returns the key epoch that sealed it (0 if none)."""
    rel = head_path(device)
    try:
        data = vault.store.read(rel)
    except FileNotFoundError:
        if report.entries:
            report.problems.append(f"{rel} is missing, so a cut at the end of the log cannot be ruled out")
        return 0
    try:
        plain, sealed = _open_sealed(vault, data.strip(), rel)
        head = json.loads(plain)
        schema.validate("audit-head", head, rel)
    except (SendvaultError, ValueError) as exc:
        report.problems.append(f"{rel}: {getattr(exc, 'message', 'not a valid head')}")
        return 0
    by_seq = {e["seq"]: e for e in report.entries}
    last = report.entries[-1]["seq"] if report.entries else 0
    if head["seq"] > last:
        report.problems.append(f"{rel}: the log ends at entry {last} but {head['seq']} were written (entries cut off at the end)")
    elif head["seq"] and (head["seq"] not in by_seq or _entry_hash(by_seq[head["seq"]]) != head["hash"]):
        report.problems.append(f"{rel}: entry {head['seq']} is not the one that was written (the log was rewritten)")
    elif last - head["seq"] > 1:
        report.problems.append(f"{rel}: {last - head['seq']} entries follow the last one recorded (entries added)")
    elif last - head["seq"] == 1:
        report.notes.append(f"{rel}: the last entry was written but its head was not (an interrupted write)")
    return sealed


def verify(vault) -> ChainReport:
    """Every device's chain, merged into one report.

    Under the writers' lock: a log read while an entry is being appended would look cut off.
    """
    total = ChainReport()
    with vault.locked():
        seen = {}
        for device in devices(vault):
            r = read_chain(vault, device)
            total.entries.extend(r.entries)
            total.problems.extend(r.problems)
            total.notes.extend(r.notes)
            if r.entries and not r.problems:
                seen[device] = r.entries[-1]["seq"]
        # Every chain whole as far as it goes: remember how far, to tell a later rollback.
        with contextlib.suppress(OSError, SendvaultError):
            highwater.see_audit(vault.store, seen)
    total.entries.sort(key=lambda e: (e["at"], e["device"], e["seq"]))
    return total
