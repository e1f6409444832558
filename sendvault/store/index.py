"""The encrypted index: every case's summary in a few files, so list and find open one file, not 20,000.

Under ``local/index/`` (``local/`` is never synchronised: the index is this
machine's), all encrypted for the index's own key ``key.age`` (an age identity
wrapped for the current vault key): a head of list columns and search keys, and
the summaries in shards (what each file holds: ``index_format.py``).

Never trusted, always checked against the case files before each use
(``index_snapshot.py``): only the cases whose files differ from the index's record
of them are read again. An index that does not open, does not parse, was written
by another format or Python, whose files do not belong together, or under an
older vault key is rebuilt. Answers (``rows``, ``find``) come from
``index_query.py``.

Writing: shards, and their parts of the head, are made while the cases are read,
each as soon as its cases are read, so only one shard's cases are ever held whole
(the others as the compact parts a reader holds); then, under the writers' lock,
the head is installed only if no other process installed one meanwhile, without
any case destroyed meanwhile, and the shards it replaced are removed.

Destruction: ``forget`` (called by ``CaseStore.shred``, so every route to a
destruction) writes the index anew without the case under a *fresh* key and
shreds the old key first, so no copy of the index taken before opens again.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import time
from typing import Callable, Iterator

from . import crypto
from ..basics import ids
from ..basics.errors import SendvaultError, WriteFailed
from .index_format import (DIR, HEAD, KEY, LEGACY, Damaged, IndexFiles, Part, make_part, packed_entry, part_entries,
                           shard_of)
from .index_query import Table
from .index_snapshot import case_signature, compare, signatures, snapshot, unchanged
from .keys import Keyring
from .storage import Store

LOCK = "local/lock"
BATCH = 4000  # cases read between two steps of the progress bar
LEFTOVER_NS = 3600 * 1_000_000_000  # an unreferenced shard this old is a crashed writer's


def _batches(read_many: Callable, reader: Callable[[dict], tuple], stale: list[str],
             before: Callable[[str], object] | None = None) -> Iterator[tuple[list, list[str], int]]:
    """(entries, damaged ids, how many read so far) of each ``BATCH`` of ``stale``.

    Pipelined: the worker processes read batch k + 1 while the caller files batch k
    and writes the shards it completes, so no core waits for the other's work. Closed
    early (an error, Ctrl-C), the batch under way is stopped.
    """
    batches = [stale[start:start + BATCH] for start in range(0, len(stale), BATCH)]
    bads: list[list[str]] = [[] for _ in batches]
    started = read_many(batches[0], reader, bads[0], True, before) if batches else None
    done = 0
    try:
        for k, share in enumerate(batches):
            results, started = started.collect(), None
            if k + 1 < len(batches):
                started = read_many(batches[k + 1], reader, bads[k + 1], False, before)
            done += len(share)
            yield results, bads[k], done
            results = None  # filed by the caller: not held while the next batch is collected
    finally:
        if started is not None:
            started.cancel()


def _tidy(store: Store, keep: set[str], replaced: set[str], everything: bool = False) -> None:
    """Remove shards no head names: the ones just replaced, and any a crashed writer left (after an hour).

    ``everything``: the key is new, so no other shard opens any more: all go.
    """
    now = time.time_ns()
    for name, (_, mtime, _) in store.stats(DIR).items():
        if name in ("head.age", "key.age") or name in keep or not name.endswith(".age"):
            continue
        if everything or now - mtime > LEFTOVER_NS or name[2:-4] in replaced:
            store.remove(f"{DIR}/{name}")


class Index:
    """This machine's index of the vault's cases, checked against the files before each use."""

    def __init__(self, store: Store, keyring: Keyring, current_epoch: Callable[[], int]):
        self.store = store
        self.keyring = keyring
        self._current_epoch = current_epoch
        self.status = "absent"  # absent | current | checked | updated | built | rebuilt | damaged
        self._head_file: tuple | None = None  # the head file's stat when last read
        self.files = IndexFiles(store)

    # --- the files -----------------------------------------------------------------

    def _key(self) -> tuple[crypto.KeyPair, bytes] | None:
        """The index key and its file's bytes (to see later whether it was replaced), or None."""
        try:
            data = self.store.read(KEY)
        except FileNotFoundError:
            return None
        epoch = self._current_epoch()
        try:
            text = crypto.decrypt(data, [self.keyring.vault_key(epoch).identity], KEY).decode()
            (pair,) = crypto.parse_identities(text)
        except (SendvaultError, ValueError, UnicodeDecodeError):
            return None  # another epoch's key, or damaged: a new one is made
        if crypto.comment_fields(text).get("epoch") != str(epoch):
            return None
        return pair, data

    def load_head(self) -> tuple[dict, crypto.KeyPair] | None:
        """The head as written and its key, or None if there is none or it cannot be trusted."""
        self._head_file = self.store.stats(DIR).get("head.age")  # before reading: a later install is noticed
        if self.files.disk_damaged:
            self.status = "damaged"
            return None
        key = self._key()
        try:
            if key is None:
                raise Damaged(KEY)
            head = self.files.open_head(key[0])
        except Damaged:
            self.status = "damaged" if self.store.exists(HEAD) or any(self.store.exists(f) for f in LEGACY) else "absent"
            return None
        head["_file"] = self._head_file
        head["_key"] = key[1]
        return head, key[0]

    def _new_key(self) -> tuple[crypto.KeyPair, bytes]:
        epoch = self._current_epoch()
        pair = crypto.generate()
        text = crypto.identity_file_text(pair, ["sendvault index key", f"epoch: {epoch}"])
        return pair, crypto.encrypt(text.encode(), [self.keyring.vault_key(epoch).recipient])

    def _install(self, parts: dict[str, Part], shards: dict[str, tuple[str, tuple]], snapshot: dict,
                 key: tuple[crypto.KeyPair, bytes], new_key: bool, replaced: set[str], damaged: tuple = ()) -> dict | None:
        """Write the head of ``parts`` naming ``shards`` (p -> (token, ids), the same ids), under the writers' lock;
        None if another process won.

        ``new_key``: ``key`` was made for this write (a rebuild, a destruction), and
        replaces whatever key is there, which is shredded first. Otherwise the key
        must still be the one the shards were written for. ``replaced``: the tokens of
        the shards this head replaces. ``damaged``: cases that could not be read (not
        indexed; reported again by every use until their files change). Nothing destroyed since the cases were read gets
        in: shards holding such a case are written again without it.
        """
        pair, key_bytes = key
        if self.files.memory_only:
            return None  # the caller answers from what it read
        with self.store.lock(LOCK), self.store.transaction():
            if self.store.stats(DIR).get("head.age") != self._head_file:
                return None  # another process brought the index up to date meanwhile: keep theirs
            try:
                current_key_bytes = self.store.read(KEY)
            except FileNotFoundError:
                current_key_bytes = None
            if current_key_bytes != key_bytes:
                if not new_key:
                    return None  # the key was replaced (a destruction): what we wrote must not be installed
                if current_key_bytes is not None:
                    self.store.shred(KEY)  # the old key first: no earlier index copy opens again
                self.store.write(KEY, key_bytes)
            present = {name[:-4] for name in self.store.listdir("cases") if name.endswith(".age")}
            for p, (token, members) in list(shards.items()):
                if any(cid not in present for cid in members):  # destroyed while we read
                    old = {cid: rest for cid, rest in self.files.load_shard({"parts": {p: parts[p]}, "shards": {p: token}}, pair, p).items()
                           if cid in present}
                    self.store.remove(f"{DIR}/{p}-{token}.age")
                    shards[p] = self.files.write_shard(p, old, pair)
                    kept = [e for e in part_entries(parts.pop(p)) if e[0] in present]
                    if kept:
                        parts[p] = make_part(kept)
            head = {"snapshot": snapshot, "parts": parts,
                    "shards": {p: token for p, (token, members) in shards.items() if members},
                    "damaged": tuple(c for c in damaged if c in present)}
            self.files.write_head(head, pair)
            _tidy(self.store, {f"{p}-{t}.age" for p, t in head["shards"].items()}, replaced, everything=new_key)
            for rel in LEGACY:
                self.store.shred(rel)
        head["_file"] = self._head_file = self.store.stats(DIR).get("head.age")
        head["_key"] = key_bytes
        return head

    # --- using it ------------------------------------------------------------------

    def current(self, read_many: Callable, progress: Callable[[int, int], None] | None = None,
                damaged: list[str] | None = None, also: Callable[[dict], object] | None = None,
                fresh: dict | None = None) -> Table:
        """The index brought up to date, and written back if anything changed (see ``_current``).

        A write that fails (a full disk) does not stop a read: the index is then made
        in this process's memory only, and written by a later command.
        """
        reported = len(damaged) if damaged is not None else 0
        try:
            return self._current(read_many, progress, damaged, also, fresh)
        except (OSError, WriteFailed):
            if self.files.memory_only:
                raise
            self.files.in_memory = True
            if damaged is not None:
                del damaged[reported:]
            if fresh is not None:
                fresh.clear()
            return self._current(read_many, progress, damaged, also, fresh)

    def _current(self, read_many: Callable, progress: Callable[[int, int], None] | None = None,
                 damaged: list[str] | None = None, also: Callable[[dict], object] | None = None,
                 fresh: dict | None = None) -> Table:
        """The index brought up to date, and written back if anything changed.

        ``read_many(ids, fn, damaged, first, before)`` begins reading cases (``CaseStore.map_started``;
        ``first``: the first batch) and returns its ``parallel.Started``; only cases
        whose files differ from the index's record of them are read, ``BATCH`` at a time. With ``also``, ``fresh[cid]`` gets
        ``also(summary)`` of each case read (see ``entry``).
        """
        snap = snapshot(self.store)
        loaded = self.load_head()
        if loaded is not None and unchanged(loaded[0]["snapshot"], snap):
            self.status = "current"
            if damaged is not None:  # still there, unchanged: still reported, never silently left out
                damaged.extend(loaded[0]["damaged"])
            return self._table(loaded)
        head, pair = loaded if loaded is not None else (None, None)
        parts: dict[str, Part] = dict(head["parts"]) if head is not None else {}
        now: dict[str, str | None] = {}
        gone: set[str] = set()
        if head is not None:
            now = signatures(self.store)
            try:
                gone = compare(parts, now)  # ``now`` keeps only the cases to read
            except Damaged:
                head, pair, parts, self.status = None, None, {}, "damaged"
        # Every case is read: each reader takes its case's signature just before reading it,
        # on every core, instead of this process stat'ing every file first.
        before = None if head is not None else functools.partial(case_signature, self.store, self.keyring)
        if head is None:
            now = dict.fromkeys(name[:-4] for name in self.store.listdir("cases") if name.endswith(".age") and ids.is_id(name[:-4]))
        self.status = "checked" if head is not None else ("rebuilt" if self.status == "damaged" else "built")
        stale = sorted(now)
        if not stale and not gone and head is not None:
            head["snapshot"] = snap
            self._rewrite_head(head, pair)
            return self._table((head, pair))
        key = (pair, head["_key"]) if head is not None else self._new_key()
        touched = sorted({shard_of(c) for c in stale} | {shard_of(c) for c in gone})
        shards = {p: (t, parts[p].ids) for p, t in head["shards"].items()} if head else {}
        pending: dict[str, dict[str, bytes]] = {}  # p -> cid -> summary: the shard being read
        read_now: dict[str, dict[str, bytes]] = {}  # p -> cid -> columns and keys (``packed_entry``)
        bad_all: set[str] = set()

        def flush(p: str) -> None:
            """Shard ``p`` and its part of the head anew, now that every changed case of it is read."""
            drop = gone | bad_all
            rests = self.files.load_shard(head, pair, p) if head is not None and p in head["shards"] else {}
            rests = {c: r for c, r in rests.items() if c not in drop}
            rests.update(pending.pop(p, {}))
            shards[p] = self.files.write_shard(p, rests, key[0])
            read = read_now.pop(p, {})
            entries = [e for e in part_entries(parts.pop(p)) if e[0] not in drop and e[0] not in read] if p in parts else []
            entries += [(cid, now.pop(cid), *marshal.loads(packed)) for cid, packed in read.items()]
            if entries:
                parts[p] = make_part(entries)

        if progress:
            progress(0, len(stale))
        reader = packed_entry if also is None else functools.partial(packed_entry, also=also)
        try:
            with contextlib.closing(_batches(read_many, reader, stale, before)) as batches:
                for results, bad, done in batches:
                    for item in results:
                        if before is not None:  # (the signature taken before the read, what was read)
                            now[item[1][0]], item = item
                        cid, packed, rest, *value = item
                        read_now.setdefault(shard_of(cid), {})[cid] = packed
                        pending.setdefault(shard_of(cid), {})[cid] = rest
                        if value and fresh is not None:
                            fresh[cid] = value[0]
                    del results
                    bad_all.update(bad)  # a damaged case is not indexed: it is read (and reported) again next time
                    if damaged is not None:
                        damaged.extend(bad)
                    finished = shard_of(stale[done]) if done < len(stale) else None
                    while touched and (finished is None or touched[0] < finished):
                        flush(touched.pop(0))  # every stale case of this shard is read: one shard in memory at a time
                    if progress:
                        progress(done, len(stale))
            while touched:
                flush(touched.pop(0))
        except Damaged:  # an old shard does not open: the index is rebuilt, once
            self.discard()
            return self._current(read_many, progress, damaged, also, fresh)
        replaced = {t for p, t in (head or {}).get("shards", {}).items() if shards.get(p, (t,))[0] != t}
        written = self._install(parts, shards, snap, key, head is None, replaced, tuple(sorted(bad_all)))
        if written is None:
            # Another process installed an index meanwhile: theirs stays. This command
            # answers from what it read; the shards it wrote go after LEFTOVER_NS.
            written = {"parts": parts, "shards": {p: t for p, (t, members) in shards.items() if members}}
        if self.status == "checked":
            self.status = "updated"
        return self._table((written, key[0]))

    def _rewrite_head(self, head: dict, pair: crypto.KeyPair) -> None:
        """The same index with a new snapshot (every file was checked and none had changed)."""
        if self.files.memory_only:
            return
        with self.store.lock(LOCK), self.store.transaction():
            if self.store.stats(DIR).get("head.age") != head["_file"] or self.store.read(KEY) != head["_key"]:
                return  # another process wrote the index meanwhile
            self.files.write_head(head, pair)
            head["_file"] = self.store.stats(DIR).get("head.age")

    def _table(self, loaded: tuple[dict, crypto.KeyPair]) -> Table:
        head, pair = loaded

        return Table(head, lambda head, p: self.files.load_shard(head, pair, p))

    def forget(self, cid: str) -> None:
        """After ``cid`` is destroyed: the index anew without it, under a fresh key; the old key shredded.

        Called under the writers' lock (``CaseStore.shred``), one shard in memory at a time.
        """
        loaded = self.load_head()
        if loaded is None:  # nothing to carry over: no index survives the destruction
            self.discard()
            return
        head, old_pair = loaded
        parts = dict(head["parts"])
        try:
            new = self._new_key()
            shards = {}
            for p in sorted(head["shards"]):
                rests = {c: r for c, r in self.files.load_shard(head, old_pair, p).items() if c != cid}
                shards[p] = self.files.write_shard(p, rests, new[0])
            p = shard_of(cid)
            if p in parts:
                kept = [e for e in part_entries(parts.pop(p)) if e[0] != cid]
                if kept:
                    parts[p] = make_part(kept)
        except Damaged:
            self.discard()
            return
        self._install(parts, shards, head["snapshot"], new, True, set(head["shards"].values()), head["damaged"])

    def check(self) -> list[str]:
        """For ``verify``: problems of the index against the case files present."""
        if not self.store.listdir(DIR) and not any(self.store.exists(f) for f in LEGACY):
            return []
        loaded = self.load_head()
        problem = ["the index (local/index/) cannot be opened or is damaged: it will be rebuilt"]
        if loaded is None:
            return problem
        head, pair = loaded
        try:
            for p in head["shards"]:
                self.files.load_shard(head, pair, p)
        except Damaged:
            return problem
        now = signatures(self.store)
        return [f"the index still holds case {cid}, which no longer exists"
                for part in head["parts"].values() for cid in part.ids if cid not in now]

    def discard(self) -> None:
        """Every index file gone (the key shredded); in memory only, the files are left and no longer read."""
        if self.files.memory_only:
            self.files.disk_damaged = True
            self.files.memory.clear()
            return
        self.store.shred(KEY)
        for name in self.store.listdir(DIR):
            self.store.remove(f"{DIR}/{name}")
        for rel in LEGACY:
            self.store.shred(rel)
