"""The encrypted index: every case's summary in one file, so list and find open one file, not 20,000.

``local/index.age`` holds, for every case, the case record without its notes' text
(the summary ``list``, ``find``, reports and the retention plan work from), and the
(size, mtime_ns, inode) of the case file and of each of its key files when it was
read. It is encrypted for the index's own key, ``local/index-key.age`` (an age
identity wrapped for the current vault key). Both live under ``local/``, which is
never synchronised: the index is this machine's.

Never trusted, always checked: on every use the case and key files are listed and
stat'ed; a case whose files differ (changed by another process, by ``edit``, or
replaced by a sync), is new, or is missing from the index is read again (only
those), and one gone is dropped. An index that does not open, does not parse,
was written by another format or Python, or under an older vault key is rebuilt.

Destruction: ``forget`` (called by ``CaseStore.destroy``, so every route to a
destruction) writes the index anew without the case under a *fresh* index key and
shreds the old key, so no copy of the index taken before opens again.
"""

from __future__ import annotations

import marshal
import sys
from typing import Callable

from . import crypto, ids
from .errors import CaseNotFound, SendvaultError, WriteFailed
from .keys import Keyring
from .storage import Store

INDEX = "local/index.age"
INDEX_KEY = "local/index-key.age"
FORMAT = "sendvault-index/1"
LOCK = "local/lock"


# Kept decoded in the index (what list and find read of every case); the rest of the
# summary is kept marshalled and decoded only for a case whose function asks for it.
HEAD = ("id", "status", "kind", "created", "created_by", "assigned_to", "follow_up", "contact", "person", "child")
_KNOWN = frozenset(HEAD)  # absent from the head means absent from the record


def summary(record: dict) -> dict:
    """What the index keeps of a record: all of it but the notes' text (their dates and authors stay)."""
    out = dict(record)
    if "notes" in record:
        out["notes"] = [{k: v for k, v in n.items() if k != "text"} for n in record["notes"]]
    return out


def entry(record: dict) -> tuple[dict, bytes]:
    """(head, rest): the fields every list reads, with the last activity worked out; the whole summary marshalled."""
    from .caseload import last_activity

    head = {k: record[k] for k in HEAD if k in record}
    head["_last_activity"] = last_activity(record)
    return head, marshal.dumps(summary(record))


class Summary(dict):
    """A case's summary as a dict: the head at once, the rest decoded on first use of another field."""

    __slots__ = ("_rest",)

    def __init__(self, head: dict, rest: bytes):
        super().__init__(head)
        self._rest = rest

    def _load(self) -> None:
        if self._rest is not None:
            rest, self._rest = self._rest, None
            dict.update(self, marshal.loads(rest))

    def __missing__(self, key):
        if self._rest is None or key in _KNOWN:
            raise KeyError(key)
        self._load()
        return self[key]

    def get(self, key, default=None):
        if not dict.__contains__(self, key) and key not in _KNOWN and not str(key).startswith("_"):
            self._load()
        return dict.get(self, key, default)

    def __contains__(self, key) -> bool:
        if not dict.__contains__(self, key) and key not in _KNOWN and not str(key).startswith("_"):
            self._load()
        return dict.__contains__(self, key)

    def full(self) -> dict:
        self._load()
        return {k: v for k, v in self.items() if not k.startswith("_")}


class Index:
    """This machine's index of the vault's cases, checked against the files before each use."""

    def __init__(self, store: Store, keyring: Keyring, current_epoch: Callable[[], int]):
        self.store = store
        self.keyring = keyring
        self._current_epoch = current_epoch
        self.entries: dict[str, tuple] | None = None  # cid -> (signature, summary), as last loaded or written
        self.status = "absent"  # absent | current | updated | rebuilt | damaged

    # --- what the files look like now ---------------------------------------------

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

    # --- the file ------------------------------------------------------------------

    def _key(self) -> crypto.KeyPair | None:
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
        return pair if crypto.comment_fields(text).get("epoch") == str(epoch) else None

    def load(self) -> dict[str, tuple] | None:
        """The index as written, or None if there is none or it cannot be trusted."""
        pair = self._key()
        if pair is None:
            self.status = "absent" if not self.store.exists(INDEX) else "damaged"
            return None
        try:
            plain = crypto.decrypt(self.store.read(INDEX), [pair.identity], INDEX)
            data = marshal.loads(plain)
            if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("python") == sys.version_info[:2]
                    and isinstance(data.get("cases"), dict)):
                raise ValueError
            entries = data["cases"]
            for cid, entry in entries.items():
                if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[1], dict) and entry[1].get("id") == cid
                        and isinstance(entry[2], bytes)):
                    raise ValueError
        except (FileNotFoundError, SendvaultError, ValueError, EOFError, TypeError):
            self.status = "damaged"
            return None
        return entries

    def write(self, entries: dict[str, tuple], fresh_key: bool = False) -> None:
        """Write ``entries`` (under the writers' lock: no case destroyed meanwhile slips back in).

        Not on a read-only vault: there the index lives for this command only.
        """
        if self.store.read_only:
            self.entries = entries
            return
        with self.store.lock(LOCK), self.store.transaction():
            present = self.store.stats("cases")
            entries = {cid: e for cid, e in entries.items() if f"{cid}.age" in present}
            pair = None if fresh_key else self._key()
            old_key = self.store.exists(INDEX_KEY) and pair is None
            if pair is None:
                epoch = self._current_epoch()
                pair = crypto.generate()
                text = crypto.identity_file_text(pair, ["sendvault index key", f"epoch: {epoch}"])
                if old_key:
                    self.store.shred(INDEX_KEY)  # the old key first: no earlier index copy opens again
                self.store.write(INDEX_KEY, crypto.encrypt(text.encode(), [self.keyring.vault_key(epoch).recipient]))
            plain = marshal.dumps({"format": FORMAT, "python": sys.version_info[:2], "cases": entries})
            self.store.write(INDEX, crypto.encrypt(plain, [pair.recipient]))
        self.entries = entries

    # --- using it ------------------------------------------------------------------

    def current(self, read_many: Callable, progress: Callable[[int, int], None] | None = None,
                damaged: list[str] | None = None) -> dict[str, tuple]:
        """Every case's (signature, summary), brought up to date; written back if anything changed.

        ``read_many(ids, fn, damaged)`` reads cases (``CaseStore.map``); only cases whose
        files differ from the index's record of them are read.
        """
        now = self.signatures()
        entries = self.load()
        self.status = "current" if entries is not None else ("rebuilt" if self.status == "damaged" else "built")
        entries = entries or {}
        stale = sorted(cid for cid, sig in now.items() if cid not in entries or entries[cid][0] != sig)
        gone = [cid for cid in entries if cid not in now]
        if not stale and not gone:
            self.entries = entries
            return entries
        for cid in gone:
            del entries[cid]
        if stale:
            if progress:
                progress(0, len(stale))
            bad: list[str] = []
            fresh = read_many(stale, lambda r: (r["id"], entry(r)), bad)
            for cid, (head, rest) in fresh:
                entries[cid] = (now[cid], head, rest)
            for cid in bad:  # a damaged case is not indexed: it is read (and reported) again next time
                entries.pop(cid, None)
            if damaged is not None:
                damaged.extend(bad)
            if progress:
                progress(len(stale), len(stale))
        if self.status == "current":
            self.status = "updated"
        try:
            self.write(entries)
        except (OSError, WriteFailed):  # a cache: a full disk must not stop a read
            self.entries = entries
        return entries

    def forget(self, cid: str) -> None:
        """After ``cid`` is destroyed: the index anew without it, under a fresh key; the old key shredded."""
        entries = self.entries if self.entries is not None else self.load()
        if entries is None:  # nothing to carry over: no index survives the destruction
            self.store.shred(INDEX_KEY)
            self.store.shred(INDEX)
            return
        entries = {k: v for k, v in entries.items() if k != cid}
        self.write(entries, fresh_key=True)

    def check(self, summaries: dict[str, dict]) -> list[str]:
        """For ``verify``: problems of the index against every case's summary (read from the case files)."""
        if not self.store.exists(INDEX) and not self.store.exists(INDEX_KEY):
            return []
        entries = self.load()
        if entries is None:
            return ["the index (local/index.age) cannot be opened or is damaged: it will be rebuilt"]
        now = self.signatures()
        problems = []
        for cid, (sig, head, rest) in entries.items():
            if cid not in now:
                problems.append(f"the index still holds case {cid}, which no longer exists")
            elif sig == now[cid] and cid in summaries and Summary(head, rest).full() != summaries[cid]:
                problems.append(f"the index's entry for case {cid} does not match the case file")
        return problems

    def discard(self) -> None:
        self.store.shred(INDEX)
        self.store.shred(INDEX_KEY)


def rows(index: Index, read_many: Callable, fn: Callable[[dict], object], damaged: list[str] | None = None,
         progress: Callable[[int, int], None] | None = None) -> list:
    """``[fn(summary)]`` for every case in id order, from the index (brought up to date first), ``None`` results dropped."""
    entries = index.current(read_many, progress, damaged)
    out = []
    for cid in sorted(entries):
        try:
            value = fn(Summary(entries[cid][1], entries[cid][2]))
        except CaseNotFound:
            continue
        if value is not None:
            out.append(value)
    return out
