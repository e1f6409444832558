"""The encrypted index: every case's summary in two files, so list and find open one file, not 20,000.

Two files under ``local/`` (never synchronised: the index is this machine's), both
encrypted for the index's own key ``local/index-key.age`` (an age identity
wrapped for the current vault key):

- ``local/index.age``, the *head*: the case ids, the few fields every list shows
  (``COLUMNS``), each case's search keys (``search.py``) laid end to end per field
  so a search is one substring scan, and a snapshot of the ``cases/`` and
  ``casekeys/`` directories. ``list`` and ``find`` read only this.
- ``local/index-cases.age``: every case's summary (the record without its notes'
  text) and the (size, mtime_ns, inode) of its case and key files when read; for
  reports, the other lists, and bringing the index up to date.

Never trusted, always checked. Every case write is a new file renamed into place,
which changes the directory's times; so do a sync's (git unlinks and creates,
rsync and sync clients rename). If both directories are as in the snapshot, and
the snapshot was taken long enough after their last change that a later change
cannot share the same timestamp, and the last full check is recent, no case came,
went or was replaced. Otherwise every file is stat'ed (the full check) and the
cases whose files differ (even with the same size and second), or that are new,
are read again, only those; one gone is dropped. The full check also runs every
``FULL_CHECK_EVERY``, for a file rewritten in place (``cp`` onto it), which leaves
the directory as it was. An index that does not open, does not parse, was written
by another format or Python, whose two files do not belong together, or under an
older vault key is rebuilt.

Destruction: ``forget`` (called by ``CaseStore.shred``, so every route to a
destruction) writes the index anew without the case under a *fresh* index key and
shreds the old key, so no copy of the index taken before opens again.
"""

from __future__ import annotations

import bisect
import marshal
import os
import sys
import time
from array import array
from typing import Callable, Iterator

from . import crypto, ids, search
from .errors import CaseNotFound, SendvaultError
from .keys import Keyring
from .storage import Store

INDEX = "local/index.age"
INDEX_CASES = "local/index-cases.age"
INDEX_KEY = "local/index-key.age"
FILES = (INDEX, INDEX_CASES, INDEX_KEY)
FORMAT = "sendvault-index/2"
LOCK = "local/lock"
WATCHED = ("cases", "casekeys")
# A directory change this close after the snapshot could share its timestamp (file
# systems keep times to a clock tick, some to 1 or 2 s): such a snapshot proves nothing.
RACY_NS = 2_000_000_000
FULL_CHECK_EVERY = 10 * 60 * 1_000_000_000  # ns
BATCH = 4000  # cases read between two steps of the progress bar

# The fields every list shows, kept decoded in the head ("section.key" is inside a
# section). ``light`` makes a record of them: ``casework.row`` and
# ``caseload.Selection.row`` need nothing else (tests/test_index.py checks).
COLUMNS = ("status", "kind", "created_by", "assigned_to", "contact.date", "contact.caller",
           "profile.support_level", "person.name", "child.name", "follow_up.date", "follow_up.reason")
_SEP = "\x00"


def summary(record: dict) -> dict:
    """What the index keeps of a record: all of it but the notes' text (their dates and authors stay)."""
    out = dict(record)
    if "notes" in record:
        out["notes"] = [{k: v for k, v in n.items() if k != "text"} for n in record["notes"]]
    return out


def _get(record: dict, path: str):
    section, _, key = path.partition(".")
    value = record.get(section)
    if key:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def entry(record: dict) -> tuple[str, tuple, tuple, bytes]:
    """What the index holds of a case: (id, its columns and last activity, its search keys, its summary marshalled)."""
    from .caseload import last_activity

    cols = tuple(_get(record, p) for p in COLUMNS) + (last_activity(record),)
    return record["id"], cols, search.keys(record), marshal.dumps(summary(record))


def light(cid: str, cols: tuple) -> dict:
    """A record holding only the head's fields (and the last activity worked out)."""
    record: dict = {"id": cid, "profile": {}, "_last_activity": cols[-1]}
    for path, value in zip(COLUMNS, cols):
        if value is None:
            continue
        section, _, key = path.partition(".")
        if key:
            record.setdefault(section, {})[key] = value
        else:
            record[section] = value
    return record


class Table:
    """The index as loaded: ids, columns and search keys; the summaries on first use."""

    def __init__(self, ids_: tuple, cols: tuple, keys: tuple, rests: Callable[[], tuple]):
        self.ids = ids_
        self.cols = cols  # one tuple per case
        self.keys = keys  # per searched field: (the keys joined by NUL, where each starts)
        self._rests = rests
        self._rest_cache: tuple | None = None

    def light(self, i: int) -> dict:
        return light(self.ids[i], self.cols[i])

    def summary(self, i: int) -> dict:
        if self._rest_cache is None:
            self._rest_cache = self._rests()
        record = marshal.loads(self._rest_cache[i])
        record["_last_activity"] = self.cols[i][-1]
        return record

    def search(self, text: str) -> Iterator[tuple[int, list[str]]]:
        """(position, fields matched) of every case matching ``text``, in id order."""
        wanted = search.query(text)
        found: dict[int, list[str]] = {}
        for f, q in enumerate(wanted):
            if not q:
                continue
            joined, starts = self.keys[f]
            n, pos = len(starts), joined.find(q)
            while pos >= 0:
                i = bisect.bisect_right(starts, pos) - 1
                end = starts[i + 1] - 1 if i + 1 < n else len(joined)
                if pos + len(q) <= end:  # inside one case's key, not across two
                    found.setdefault(i, []).append(search.FIELDS[f])
                    pos = joined.find(q, end + 1)
                else:
                    pos = joined.find(q, pos + 1)
        for i in sorted(found):
            yield i, found[i]


def _columns(entries: dict[str, tuple]) -> tuple[tuple, tuple, tuple]:
    """ids, per-case columns, and per searched field the joined keys with their starts."""
    order = sorted(entries)
    cols = tuple(entries[c][1] for c in order)
    keys = []
    for f in range(len(search.FIELDS)):
        parts = [entries[c][2][f] or "" for c in order]
        starts, at = array("q"), 0
        for p in parts:
            starts.append(at)
            at += len(p) + 1
        keys.append((_SEP.join(parts), starts.tobytes()))
    return tuple(order), cols, tuple(keys)


class Index:
    """This machine's index of the vault's cases, checked against the files before each use."""

    def __init__(self, store: Store, keyring: Keyring, current_epoch: Callable[[], int]):
        self.store = store
        self.keyring = keyring
        self._current_epoch = current_epoch
        self._pair: crypto.KeyPair | None = None
        self.status = "absent"  # absent | current | checked | updated | built | rebuilt | damaged

    # --- what the files look like now ---------------------------------------------

    def snapshot(self) -> dict:
        """The watched directories' state, and when it was taken (before any file is looked at)."""
        dirs = tuple(self.store.dir_state(d) for d in WATCHED)
        return {"dirs": dirs, "taken": time.time_ns(), "full_check": time.time_ns()}

    @staticmethod
    def unchanged(recorded: dict, now: dict) -> bool:
        """Whether the snapshot proves no case file came, went or was replaced since it was taken."""
        if recorded["dirs"] != now["dirs"] or any(d is None for d in now["dirs"]):
            return False
        latest = max(max(d[1], d[2]) for d in recorded["dirs"])
        return recorded["taken"] - latest >= RACY_NS and now["taken"] - recorded["full_check"] < FULL_CHECK_EVERY

    def signatures(self) -> dict[str, tuple]:
        """cid -> (case file stat, its key files' stats), for every case file present."""
        keys: dict[str, list] = {}
        for name, st in self.store.stats("casekeys").items():
            cid = name.partition(".e")[0]
            keys.setdefault(cid, []).append((name, *st))
        out = {}
        for name, st in self.store.stats("cases").items():
            cid = name[:-4]
            if name.endswith(".age") and ids.is_id(cid):
                out[cid] = (st, tuple(sorted(keys.get(cid, ()))))
        return out

    # --- the files -----------------------------------------------------------------

    def _key(self) -> crypto.KeyPair | None:
        if self._pair is not None:
            return self._pair
        try:
            data = self.store.read(INDEX_KEY)
        except FileNotFoundError:
            return None
        epoch = self._current_epoch()
        try:
            text = crypto.decrypt(data, [self.keyring.vault_key(epoch).identity], INDEX_KEY).decode()
            (pair,) = crypto.parse_identities(text)
        except (SendvaultError, ValueError, UnicodeDecodeError):
            return None  # another epoch's key, or damaged: a new one is made
        if crypto.comment_fields(text).get("epoch") != str(epoch):
            return None
        self._pair = pair
        return pair

    def _open(self, rel: str) -> dict:
        """One of the two files, decrypted and parsed; ValueError if it cannot be trusted."""
        pair = self._key()
        if pair is None:
            raise ValueError
        try:
            data = marshal.loads(crypto.decrypt(self.store.read(rel), [pair.identity], rel))
        except (FileNotFoundError, SendvaultError, EOFError, TypeError) as exc:
            raise ValueError from exc
        if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("python") == sys.version_info[:2]):
            raise ValueError
        return data

    def load_head(self) -> dict | None:
        """The head as written, or None if there is none or it cannot be trusted."""
        try:
            head = self._open(INDEX)
            ids_, cols, keys = head["ids"], head["cols"], head["keys"]
            if not (isinstance(ids_, tuple) and isinstance(cols, tuple) and len(cols) == len(ids_)
                    and isinstance(keys, tuple) and len(keys) == len(search.FIELDS)
                    and all(isinstance(c, tuple) and len(c) == len(COLUMNS) + 1 for c in cols)
                    and isinstance(head.get("snapshot"), dict) and isinstance(head.get("token"), bytes)):
                raise ValueError
            head["keys"] = tuple((joined, array("q", starts)) for joined, starts in keys)
            if not all(isinstance(j, str) and len(s) == len(ids_) for j, s in head["keys"]):
                raise ValueError
        except (ValueError, KeyError):
            self.status = "damaged" if any(self.store.exists(f) for f in FILES) else "absent"
            return None
        return head

    def load_cases(self, head: dict) -> dict:
        """The summaries and file signatures belonging to ``head``; ValueError if they do not."""
        try:
            data = self._open(INDEX_CASES)
            if not (data.get("token") == head["token"] and isinstance(data.get("sigs"), tuple)
                    and isinstance(data.get("rests"), tuple) and len(data["sigs"]) == len(head["ids"]) == len(data["rests"])):
                raise ValueError
        except KeyError as exc:
            raise ValueError from exc
        return data

    def _entries(self, head: dict | None) -> dict[str, tuple] | None:
        """cid -> (signature, columns, search keys, summary) from both files, or None if they cannot be trusted."""
        if head is None:
            return None
        try:
            data = self.load_cases(head)
        except ValueError:
            self.status = "damaged"
            return None
        keys = [[joined[s:e - 1] for s, e in zip(starts, list(starts[1:]) + [len(joined) + 1])] for joined, starts in head["keys"]]
        return {cid: (data["sigs"][i], head["cols"][i], tuple(k[i] or None for k in keys), data["rests"][i])
                for i, cid in enumerate(head["ids"])}

    def write(self, entries: dict[str, tuple], snapshot: dict, fresh_key: bool = False) -> dict:
        """Write ``entries`` (under the writers' lock: no case destroyed meanwhile slips back in); the head written."""
        with self.store.lock(LOCK):
            present = self.store.stats("cases")
            entries = {cid: e for cid, e in entries.items() if f"{cid}.age" in present}
            pair = None if fresh_key else self._key()
            if pair is None:
                old_key = self.store.exists(INDEX_KEY)
                epoch = self._current_epoch()
                pair = crypto.generate()
                text = crypto.identity_file_text(pair, ["sendvault index key", f"epoch: {epoch}"])
                if old_key:
                    self.store.shred(INDEX_KEY)  # the old key first: no earlier index copy opens again
                self.store.write(INDEX_KEY, crypto.encrypt(text.encode(), [self.keyring.vault_key(epoch).recipient]))
                self._pair = pair
            token = os.urandom(16)
            order, cols, keys = _columns(entries)
            cases = {"format": FORMAT, "python": sys.version_info[:2], "token": token,
                     "sigs": tuple(entries[c][0] for c in order), "rests": tuple(entries[c][3] for c in order)}
            self.store.write(INDEX_CASES, crypto.encrypt(marshal.dumps(cases), [pair.recipient]))
            del cases
            head = {"format": FORMAT, "python": sys.version_info[:2], "token": token, "snapshot": snapshot,
                    "ids": order, "cols": cols, "keys": keys}
            self.store.write(INDEX, crypto.encrypt(marshal.dumps(head), [pair.recipient]))
        head["keys"] = tuple((joined, array("q", starts)) for joined, starts in keys)
        return head

    def _rewrite_head(self, head: dict) -> None:
        """The same index with a new snapshot (the files were all checked and nothing had changed)."""
        pair = self._key()
        stored = dict(head, keys=tuple((j, s.tobytes()) for j, s in head["keys"]))
        with self.store.lock(LOCK):
            self.store.write(INDEX, crypto.encrypt(marshal.dumps(stored), [pair.recipient]))

    # --- using it ------------------------------------------------------------------

    def current(self, read_many: Callable, progress: Callable[[int, int], None] | None = None,
                damaged: list[str] | None = None) -> Table:
        """The index brought up to date and written back if anything changed.

        ``read_many(ids, fn, damaged)`` reads cases (``CaseStore.map``); only cases whose
        files differ from the index's record of them are read.
        """
        snap = self.snapshot()
        head = self.load_head()
        if head is not None and self.unchanged(head["snapshot"], snap):
            self.status = "current"
            return self._table(head)
        now = self.signatures()
        entries = self._entries(head)
        self.status = "checked" if entries is not None else ("rebuilt" if self.status == "damaged" else "built")
        entries = entries or {}
        stale = sorted(cid for cid, sig in now.items() if cid not in entries or entries[cid][0] != sig)
        gone = [cid for cid in entries if cid not in now]
        if not stale and not gone and head is not None and self.status == "checked":
            head["snapshot"] = snap
            self._rewrite_head(head)
            return self._table(head)
        for cid in gone:
            del entries[cid]
        if progress:
            progress(0, len(stale))
        for start in range(0, len(stale), BATCH):
            share = stale[start:start + BATCH]
            bad: list[str] = []
            for cid, cols, keys, rest in read_many(share, entry, bad):
                entries[cid] = (now[cid], cols, keys, rest)
            for cid in bad:  # a damaged case is not indexed: it is read (and reported) again next time
                entries.pop(cid, None)
            if damaged is not None:
                damaged.extend(bad)
            if progress:
                progress(start + len(share), len(stale))
        if self.status == "checked":
            self.status = "updated"
        head = self.write(entries, snap)
        return self._table(head)

    def _table(self, head: dict) -> Table:
        def rests() -> tuple:
            try:
                return self.load_cases(head)["rests"]
            except ValueError:
                raise SendvaultError("the index changed while it was read; run the command again") from None

        return Table(head["ids"], head["cols"], head["keys"], rests)

    def forget(self, cid: str) -> None:
        """After ``cid`` is destroyed: the index anew without it, under a fresh key; the old key shredded."""
        head = self.load_head()
        entries = self._entries(head)
        if entries is None:  # nothing to carry over: no index survives the destruction
            self.discard()
            return
        entries.pop(cid, None)
        self.write(entries, head["snapshot"], fresh_key=True)

    def check(self) -> list[str]:
        """For ``verify``: problems of the index against the case files present."""
        if not any(self.store.exists(f) for f in FILES):
            return []
        entries = self._entries(self.load_head())
        if entries is None:
            return ["the index (local/index.age) cannot be opened or is damaged: it will be rebuilt"]
        now = self.signatures()
        return [f"the index still holds case {cid}, which no longer exists" for cid in entries if cid not in now]

    def discard(self) -> None:
        for rel in FILES:
            self.store.shred(rel)
        self._pair = None


def rows(index: Index, read_many: Callable, fn: Callable[[dict], object], damaged: list[str] | None = None,
         progress: Callable[[int, int], None] | None = None, light: bool = False) -> list:
    """``[fn(summary)]`` for every case in id order, from the index (brought up to date first), ``None`` results dropped.

    With ``light``, ``fn`` is given a record of the head's fields only (``COLUMNS``):
    nothing else is decrypted.
    """
    table = index.current(read_many, progress, damaged)
    make = table.light if light else table.summary
    out = []
    for i in range(len(table.ids)):
        try:
            value = fn(make(i))
        except CaseNotFound:
            continue
        if value is not None:
            out.append(value)
    return out


def find(index: Index, read_many: Callable, text: str, damaged: list[str] | None = None,
         progress: Callable[[int, int], None] | None = None) -> list[tuple[dict, list[str]]]:
    """(light record, fields matched) of every case matching ``text`` (``search.py``), in id order."""
    table = index.current(read_many, progress, damaged)
    return [(table.light(i), fields) for i, fields in table.search(text)]
