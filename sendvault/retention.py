"""Keeping and destroying records: legal holds (R31) and removal on request (R26).

Destruction is crypto-shredding (``Vault.destroy_case``): the case's key is
overwritten and deleted, so every earlier copy of its file is unreadable. The
audit trail records who destroyed which case id, and when; nothing else of it.
"""

from __future__ import annotations

from .errors import Refused, SendvaultError
from .timefmt import instant


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
    vault.require_manager()
    if active_hold(vault.read_case(cid)):
        raise Refused(
            f"case {cid} is under a legal hold and cannot be destroyed",
            hint=f"a manager releases the hold first: 'sendvault release {cid}'",
        )


def erase(vault, cid: str) -> None:
    """Destroy a case at the service user's request (R26), unless a legal hold forbids it.

    Managers only: it cannot be undone.
    """
    with vault.locked():
        check_erasable(vault, cid)
        vault.destroy_case(cid, command="erase")
