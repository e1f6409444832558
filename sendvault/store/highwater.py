"""What this device has seen of the vault: the marks that detect a rollback.

A copy of ``vault.toml`` or of an audit chain restored from an older backup is
consistent (its seal and its hashes hold), so only memory can tell it is old. Each
device keeps ``local/highwater`` (never synchronised): the key epoch, the officers
added and removed, the number of policy versions, and the last entry of every
device's audit chain it has seen. Each of these only ever grows, on every copy of the
vault, so a ``vault.toml`` or a chain that shows less than this device has seen was
rolled back. What remains undetectable is in docs/reliability.md.
"""

from __future__ import annotations

import json

from ..basics.errors import SendvaultError

MARKS = "local/highwater"


def load(store) -> dict:
    try:
        marks = json.loads(store.read(MARKS))
        return marks if isinstance(marks, dict) else {}
    except (FileNotFoundError, ValueError, SendvaultError):
        return {}  # a damaged mark detects less; it never stops the vault


def save(store, marks: dict) -> None:
    if not store.read_only:
        store.write(MARKS, json.dumps(marks, sort_keys=True).encode())


def config_state(data: dict) -> dict:
    """The parts of vault.toml that only ever grow."""
    officers = data.get("officers", [])
    return {
        "epoch": data.get("key_epoch", 0),
        "officers": sorted([o["name"], o["recipient"]] for o in officers),
        "removed": sorted([o["name"], o["recipient"]] for o in officers if o.get("removed")),
        "policy": len((data.get("policy") or {}).get("history", [])),
    }


def config_rollback(store, data: dict) -> str | None:
    """What of ``data`` is older than this device has seen (None if nothing)."""
    seen = load(store).get("config")
    if not isinstance(seen, dict):
        return None
    now = config_state(data)
    if now["epoch"] < seen.get("epoch", 0):
        return f"key epoch {now['epoch']} where this device has seen {seen['epoch']}"
    for key, what in (("officers", "an officer this device has seen is missing"),
                      ("removed", "an officer this device saw removed is back")):
        have = {tuple(x) for x in now[key]}
        if any(tuple(x) not in have for x in seen.get(key, [])):
            return what
    if now["policy"] < seen.get("policy", 0):
        return "policy versions this device has seen are missing"
    return None


def see_config(store, data: dict) -> None:
    """Remember ``data`` (already checked by ``config_rollback``) if it is newer than the mark."""
    marks = load(store)
    seen = marks.get("config") if isinstance(marks.get("config"), dict) else {}
    now = config_state(data)
    # Only ever raised: a process that read an older vault.toml must not lower what another saw.
    merged = {
        "epoch": max(now["epoch"], seen.get("epoch", 0)),
        "officers": sorted({tuple(x) for x in now["officers"] + seen.get("officers", [])}),
        "removed": sorted({tuple(x) for x in now["removed"] + seen.get("removed", [])}),
        "policy": max(now["policy"], seen.get("policy", 0)),
    }
    merged = {k: [list(x) for x in v] if isinstance(v, list) else v for k, v in merged.items()}
    if merged != seen:
        marks["config"] = merged
        save(store, marks)


def audit_mark(store, device: str) -> int:
    """The last entry of ``device``'s chain this device has seen (0 if none)."""
    value = load(store).get("audit", {}).get(device, 0)
    return value if isinstance(value, int) else 0


def see_audit(store, seqs: dict[str, int]) -> None:
    """Remember the last entry seen of each device's chain (only ever raised)."""
    marks = load(store)
    audit = marks.setdefault("audit", {})
    if not isinstance(audit, dict):
        audit = marks["audit"] = {}
    changed = False
    for device, seq in seqs.items():
        if seq > audit.get(device, 0):
            audit[device] = seq
            changed = True
    if changed:
        save(store, marks)
