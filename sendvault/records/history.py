"""A case's history: what was done to it, by whom and when, never what was said."""

from __future__ import annotations

from ..basics.timefmt import instant


def record_event(vault, record: dict, event: str, **extra) -> None:
    """Add ``event`` to the case's history: who, when, and the event's few facts."""
    record.setdefault("history", []).append({"at": instant(vault.now()), "by": vault.officer.name, "event": event, **extra})
