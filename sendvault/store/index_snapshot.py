"""What the case files look like now, against the index's record of them: never trusted, always checked.

Every case write is a new file renamed into place, which changes the directory's
times; so do a sync's (git unlinks and creates, rsync and sync clients rename). If
both directories are as in the snapshot, the snapshot was taken long enough after
their last change that a later change cannot share the same timestamp, and the
last full check is recent, no case came, went or was replaced (``unchanged``).
Otherwise every file is stat'ed (the full check: ``signatures``) and the cases
whose files differ (even with the same size and second), or that are new, are read
again, only those (``compare``); one gone is dropped (with no head to compare with,
each reader stats its own case just before reading it: ``case_signature``). The
full check also runs every ``FULL_CHECK_EVERY``, for a file rewritten in place
(``cp`` onto it), which leaves the directory as it was.
"""

from __future__ import annotations

import time

from ..basics import ids
from .index_format import Part, part_sigs
from .keys import Keyring, case_key_path, case_path
from .storage import Store

WATCHED = ("cases", "casekeys")
# A directory change this close after the snapshot could share its timestamp (file
# systems keep times to a clock tick, some to 1 or 2 s): such a snapshot proves nothing.
RACY_NS = 2_000_000_000
FULL_CHECK_EVERY = 10 * 60 * 1_000_000_000  # ns


def snapshot(store: Store) -> dict:
    """The watched directories' state, and when it was taken (before any file is looked at)."""
    dirs = tuple(store.dir_state(d) for d in WATCHED)
    now = time.time_ns()
    return {"dirs": dirs, "taken": now, "full_check": now}


def unchanged(recorded: dict, now: dict) -> bool:
    """Whether the snapshot proves no case file came, went or was replaced since it was taken."""
    if recorded["dirs"] != now["dirs"] or any(d is None for d in now["dirs"]):
        return False
    latest = max(max(d[1], d[2]) for d in recorded["dirs"])
    return recorded["taken"] - latest >= RACY_NS and now["taken"] - recorded["full_check"] < FULL_CHECK_EVERY


def signatures(store: Store) -> dict[str, str]:
    """cid -> its case file's (size, mtime_ns, inode) and its key files' names and the same, as one string.

    One string, not nested tuples: a tenth of the memory at 100,000 cases; the directories
    are read a file at a time, each key file's part let go once its case's is made.
    """
    keys: dict[str, str] = {}
    several: dict[str, list[str]] = {}  # a case with more than one key file (an interrupted rotation)
    for name, (size, mtime, ino) in store.scan("casekeys"):
        cid, part = name.partition(".e")[0], _key_text(name, (size, mtime, ino))
        if cid in keys:
            several.setdefault(cid, [keys[cid]]).append(part)
        else:
            keys[cid] = part
    for cid, parts in several.items():
        keys[cid] = "".join(sorted(parts))
    out = {}
    for name, (size, mtime, ino) in store.scan("cases"):
        cid = name[:-4]
        if name.endswith(".age") and ids.is_id(cid):
            out[cid] = _case_text((size, mtime, ino)) + keys.pop(cid, "")
    return out


def compare(parts: dict[str, Part], now: dict[str, str]) -> set[str]:
    """The cases the head holds that are gone; ``now`` (cid -> signature) is left holding only the
    cases to read: new, or whose files differ from the head's record of them (even with the same size and second)."""
    gone = set()
    changed = {}
    for part in parts.values():
        for cid, sig in zip(part.ids, part_sigs(part)):
            sig_now = now.pop(cid, None)
            if sig_now is None:
                gone.add(cid)
            elif sig_now != sig:
                changed[cid] = sig_now
    now.update(changed)
    return gone


def case_signature(store: Store, keyring: Keyring, cid: str) -> str | None:
    """One case's signature as ``signatures`` makes it, from its own files (its key files as listed
    by ``keyring``); None if its file is gone. Taken before the case is read: a change after it is
    seen by the next full check, never hidden by it."""
    figures = store.figures(case_path(cid))
    if figures is None:
        return None
    keys = []
    for epoch in keyring.case_key_epochs(cid):
        rel = case_key_path(cid, epoch)
        key = store.figures(rel)
        if key is not None:
            keys.append(_key_text(rel.rpartition("/")[2], key))
    return _case_text(figures) + "".join(sorted(keys))


# A signature: its case file's figures, then each key file's name and figures, sorted.
def _case_text(figures: tuple[int, int, int]) -> str:
    return "{},{},{}".format(*figures)


def _key_text(name: str, figures: tuple[int, int, int]) -> str:
    return "|{},{},{},{}".format(name, *figures)
