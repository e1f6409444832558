"""The encrypted index: every case's summary in a few files, so list and find open one file, not 20,000.

Under ``local/index/`` (``local/`` is never synchronised: the index is this
machine's), all encrypted for the index's own key ``key.age`` (an age identity
wrapped for the current vault key):

- ``head.age``: a snapshot of the ``cases/`` and ``casekeys/`` directories, then
  one *part* per shard (below): its case ids, the few fields every list shows
  (``COLUMNS``), each case's search keys (``search.py``) laid end to end per field
  so a search is a few substring scans, and the (size, mtime_ns, inode) of each
  case's file and key files when it was read. ``list`` and ``find`` read only this.
  It is written and encrypted a part at a time (``IndexFiles.write_head``), so
  building it never holds the whole of it twice; it is read whole, and one cut
  short or out of order is damaged (``parse_head``).
- ``P-TOKEN.age``, one *shard* per first character P of the case ids: the
  summaries (each record without its notes' text) for reports and the other
  lists. The head names each shard's current TOKEN; a change rewrites only the
  shards it touches, and no command ever holds more than one shard's summaries.

Never trusted, always checked. Every case write is a new file renamed into place,
which changes the directory's times; so do a sync's (git unlinks and creates,
rsync and sync clients rename). If both directories are as in the snapshot, the
snapshot was taken long enough after their last change that a later change
cannot share the same timestamp, and the last full check is recent, no case came,
went or was replaced. Otherwise every file is stat'ed (the full check) and the
cases whose files differ (even with the same size and second), or that are new,
are read again, only those; one gone is dropped (with no head to compare with, each
reader stats its own case just before reading it). The full check also runs every
``FULL_CHECK_EVERY``, for a file rewritten in place (``cp`` onto it), which leaves
the directory as it was. An index that does not open, does not parse, was written
by another format or Python, whose files do not belong together, or under an
older vault key is rebuilt.

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

import bisect
import contextlib
import functools
import gc
import itertools
import marshal
import operator
import os
import sys
import time
from array import array
from typing import Callable, Iterable, Iterator, NamedTuple

from . import crypto, search
from ..basics import ids
from ..basics.errors import CaseNotFound, SendvaultError, WriteFailed
from .keys import Keyring, case_key_path, case_path
from .storage import Store

DIR = "local/index"
HEAD = f"{DIR}/head.age"
KEY = f"{DIR}/key.age"
LEGACY = ("local/index.age", "local/index-key.age", "local/index-cases.age")  # an earlier format's files
FORMAT = "sendvault-index/7"  # 7: search keys folded by spelling.fold (an index of another fold is rebuilt)
LOCK = "local/lock"
WATCHED = ("cases", "casekeys")
# A directory change this close after the snapshot could share its timestamp (file
# systems keep times to a clock tick, some to 1 or 2 s): such a snapshot proves nothing.
RACY_NS = 2_000_000_000
FULL_CHECK_EVERY = 10 * 60 * 1_000_000_000  # ns
BATCH = 4000  # cases read between two steps of the progress bar
LEFTOVER_NS = 3600 * 1_000_000_000  # an unreferenced shard this old is a crashed writer's

# The fields every list shows, kept decoded in the head ("section.key" is inside a
# section). ``light`` makes a record of them: ``casework.row`` and
# ``caseload.Selection.row`` need nothing else (tests/test_index.py checks).
COLUMNS = ("status", "kind", "created_by", "assigned_to", "contact.date", "contact.caller",
           "profile.support_level", "person.name", "child.name", "follow_up.date", "follow_up.reason")
# Columns with few distinct values (the last activity, a date, among them): interned,
# so the head holds each once.
_REPEATED = {i for i, c in enumerate(COLUMNS + ("last activity",)) if c not in ("person.name", "child.name", "follow_up.reason")}
_SEP = "\x00"
_STARTS = "I"  # where each key starts in a part's joined keys: 4 bytes (a shard's keys of one field under 4 GB)
_FRAME = 8  # each marshalled piece of the head follows its length in this many bytes


class Damaged(ValueError):
    """An index file that cannot be trusted: the index is rebuilt."""


class Part(NamedTuple):
    """One shard's cases in the head, in id order."""

    ids: tuple
    cols: tuple  # per case: its COLUMNS and last activity
    keys: tuple  # per searched field: (the keys joined by NUL, an array of where each starts)
    sigs: bytes  # the cases' file signatures (``signatures``), marshalled: read only by a full check


def summary(record: dict) -> dict:
    """What the index keeps of a record: all of it but the notes' text (their dates and authors stay)."""
    out = dict(record)
    if "notes" in record:
        out["notes"] = [{k: v for k, v in n.items() if k != "text"} for n in record["notes"]]
    return out


# (section, key or None, interned?) of each column, for ``entry``, which runs once per case read.
_COLUMN_PLACES = tuple((*(p.split(".") if "." in p else (p, None)), i in _REPEATED) for i, p in enumerate(COLUMNS))


def entry(record: dict, also: Callable[[dict], object] | None = None) -> tuple:
    """What the index holds of a case: (id, its columns and last activity, its search keys, its summary marshalled).

    Made in the reader processes. Repeated column values are interned there, so each
    travels back once per batch. With ``also``, a last item: ``also(summary)``, as
    ``rows`` would compute it from the index (a report's unit, computed while the
    case is in hand instead of decoded again from the shard just written).
    """
    from .activity import last_activity

    cols = []
    for section, key, repeated in _COLUMN_PLACES:
        value = record.get(section)
        if key is not None:
            value = value.get(key) if isinstance(value, dict) else None
        cols.append(sys.intern(value) if repeated and isinstance(value, str) else value)
    cols.append(sys.intern(last_activity(record)))
    cols = tuple(cols)
    brief = summary(record)
    out = (record["id"], cols, search.keys(record), marshal.dumps(brief))
    if also is None:
        return out
    brief["_last_activity"] = cols[-1]
    try:
        return out + (also(brief),)
    except CaseNotFound:
        return out + (None,)


_PLACES = tuple((i, *p.split(".")) if "." in p else (i, p, None) for i, p in enumerate(COLUMNS))


def light(cid: str, cols: tuple) -> dict:
    """A record holding only the head's fields (and the last activity worked out)."""
    record: dict = {"id": cid, "profile": {}, "_last_activity": cols[-1]}
    for i, section, key in _PLACES:
        value = cols[i]
        if value is None:
            continue
        if key is None:
            record[section] = value
        elif section in record:
            record[section][key] = value
        else:
            record[section] = {key: value}
    return record


def shard_of(cid: str) -> str:
    return cid[0]


def in_shard(ids_: tuple, p: str) -> tuple:
    """The ids of shard ``p``: a run of the sorted ids (ids are upper-case letters and digits, in ASCII order)."""
    start = bisect.bisect_left(ids_, p)
    return ids_[start:bisect.bisect_left(ids_, chr(ord(p) + 1), start)]


def _packed(record: dict, also: Callable[[dict], object] | None = None) -> tuple:
    """``entry`` as the readers send it back: the columns and search keys as one marshalled string,
    a few hundred bytes a case where the tuples of strings take over a kilobyte (issue 12: 100,000
    cases); marshal keeps the interned columns interned. With ``also``, its value last."""
    cid, cols, keys, rest, *value = entry(record, also)
    return (cid, marshal.dumps((cols, keys)), rest, *value)


class Table:
    """The index as loaded: ids, columns and search keys; a shard's summaries when first asked for."""

    def __init__(self, head: dict, shard: Callable[[dict, str], dict]):
        parts = [head["parts"][p] for p in sorted(head["parts"])]  # in id order, however they were made
        self.ids: tuple = tuple(itertools.chain.from_iterable(part.ids for part in parts))
        self.cols: tuple = tuple(itertools.chain.from_iterable(part.cols for part in parts))  # one tuple per case
        bases = itertools.accumulate((len(part.ids) for part in parts), initial=0)
        self._keys = [(base, part.keys) for base, part in zip(bases, parts)]  # (position of its first case, its keys)
        self._head = head
        self._shard = shard
        self._loaded: tuple[str, dict] | None = None  # one shard at a time: memory stays flat

    def light(self, i: int) -> dict:
        return light(self.ids[i], self.cols[i])

    def summary(self, i: int) -> dict:
        cid = self.ids[i]
        p = shard_of(cid)
        if self._loaded is None or self._loaded[0] != p:
            self._loaded = None
            self._loaded = (p, self._shard(self._head, p))
        record = marshal.loads(self._loaded[1][cid])
        record["_last_activity"] = self.cols[i][-1]
        return record

    def search(self, text: str) -> Iterator[tuple[int, list[str]]]:
        """(position, fields matched) of every case matching ``text``, in id order."""
        wanted = search.query(text)
        found: dict[int, list[str]] = {}
        for f, q in enumerate(wanted):
            if not q:
                continue
            for base, keys in self._keys:
                joined, starts = keys[f]
                n, pos = len(starts), joined.find(q)
                while pos >= 0:
                    i = bisect.bisect_right(starts, pos) - 1
                    end = starts[i + 1] - 1 if i + 1 < n else len(joined)
                    if pos + len(q) <= end:  # inside one case's key, not across two
                        found.setdefault(base + i, []).append(search.FIELDS[f])
                        pos = joined.find(q, end + 1)
                    else:
                        pos = joined.find(q, pos + 1)
        for i in sorted(found):
            yield i, found[i]


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


def search_columns(keys: Iterable[tuple]) -> tuple:
    """Per searched field: the cases' keys (one tuple of them a case, in order) joined by NUL, and where each starts."""
    keys = list(keys)
    out = []
    for f in range(len(search.FIELDS)):
        texts = [k[f] or "" for k in keys]
        starts, at = array(_STARTS), 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        out.append((_SEP.join(texts), starts))
    return tuple(out)


def _split_keys(part: Part) -> list[tuple]:
    """Each case's search keys, from the part's joined columns."""
    per_field = []
    for joined, starts in part.keys:
        ends = list(starts[1:]) + [len(joined) + 1]
        per_field.append([joined[s:e - 1] or None for s, e in zip(starts, ends)])
    return list(zip(*per_field)) if part.ids else []


def make_part(entries: list[tuple[str, str, tuple, tuple]]) -> Part:
    """A part of the head from (id, signature, columns, search keys) of each case, in any order."""
    entries = sorted(entries, key=operator.itemgetter(0))
    return Part(tuple(e[0] for e in entries), tuple(e[2] for e in entries), search_columns(e[3] for e in entries),
                marshal.dumps(tuple(e[1] for e in entries)))


def part_sigs(part: Part) -> tuple:
    """The part's file signatures, one a case; Damaged if they do not match its ids."""
    try:
        sigs = marshal.loads(part.sigs)
    except (EOFError, ValueError, TypeError) as exc:
        raise Damaged(HEAD) from exc
    if not (isinstance(sigs, tuple) and len(sigs) == len(part.ids)):
        raise Damaged(HEAD)
    return sigs


def part_entries(part: Part) -> list[tuple[str, str, tuple, tuple]]:
    """(id, signature, columns, search keys) of each case of the part: what ``make_part`` makes it from."""
    return list(zip(part.ids, part_sigs(part), part.cols, _split_keys(part)))


def _framed(value) -> Iterator[bytes]:
    data = marshal.dumps(value)
    yield len(data).to_bytes(_FRAME, "little")
    yield data


def head_pieces(head: dict) -> Iterator[bytes]:
    """The head's plain text, a piece at a time: its fields and the list of its parts, then each part."""
    parts = {p: head["parts"][p] for p in sorted(head["parts"])}
    yield from _framed({"format": FORMAT, "python": sys.version_info[:2], "snapshot": head["snapshot"],
                        "shards": head["shards"], "damaged": head["damaged"],
                        "parts": tuple((p, len(part.ids)) for p, part in parts.items())})
    for p, part in parts.items():
        yield from _framed((p, part.ids, part.cols, tuple((j, s.tobytes()) for j, s in part.keys), part.sigs))


def parse_head(plain: bytes) -> dict:
    """The head from its plain text, every part checked; Damaged if anything is missing, cut short or out of place."""
    view, at = memoryview(plain), 0

    def piece():
        nonlocal at
        size = int.from_bytes(view[at:at + _FRAME], "little")
        start, at = at + _FRAME, at + _FRAME + size
        if at > len(view):
            raise Damaged(HEAD)  # cut short
        return marshal.loads(view[start:at])

    try:
        head = piece()
        if not (isinstance(head, dict) and head.get("format") == FORMAT and head.get("python") == sys.version_info[:2]):
            raise Damaged(HEAD)
        listed = head["parts"]
        if not (isinstance(head["snapshot"], dict) and isinstance(head["shards"], dict) and isinstance(head["damaged"], tuple)
                and isinstance(listed, tuple) and set(head["shards"]) == {p for p, _ in listed}
                and [p for p, _ in listed] == sorted({p for p, _ in listed})):
            raise Damaged(HEAD)
        parts = {}
        for p, n in listed:
            q, ids_, cols, keys, sigs = piece()
            if not (q == p and isinstance(ids_, tuple) and len(ids_) == n > 0 and ids_[0][0] == p == ids_[-1][0]
                    and isinstance(cols, tuple) and len(cols) == n and isinstance(sigs, bytes)
                    and all(isinstance(c, tuple) and len(c) == len(COLUMNS) + 1 for c in cols)
                    and isinstance(keys, tuple) and len(keys) == len(search.FIELDS)):
                raise Damaged(HEAD)
            keys = tuple((joined, array(_STARTS, starts)) for joined, starts in keys)
            if not all(isinstance(j, str) and len(s) == n for j, s in keys):
                raise Damaged(HEAD)
            parts[p] = Part(ids_, cols, keys, sigs)
    except (EOFError, KeyError, IndexError, TypeError, ValueError) as exc:
        raise Damaged(HEAD) from exc
    if at != len(view):
        raise Damaged(HEAD)
    head["parts"] = parts
    return head


# --- what the files look like now ----------------------------------------------------


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


class IndexFiles:
    """The index's encrypted files, or, on a read-only vault or once a write of them failed (a
    full disk), their stand-in in this process's memory: the index is a cache, and reading
    the vault must never need a write."""

    def __init__(self, store: Store):
        self.store = store
        self.in_memory = False
        self.memory: dict[str, dict[str, bytes]] = {}  # shard file name -> its summaries
        self.disk_damaged = False  # in memory only: the index on disk did not open, so it is not read again

    @property
    def memory_only(self) -> bool:
        return self.in_memory or self.store.read_only

    def open(self, rel: str, pair: crypto.KeyPair) -> dict:
        try:
            data = marshal.loads(crypto.decrypt(self.store.read(rel), [pair.identity], rel))
        except (FileNotFoundError, SendvaultError, EOFError, ValueError, TypeError) as exc:
            raise Damaged(rel) from exc
        if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("python") == sys.version_info[:2]):
            raise Damaged(rel)
        return data

    def open_head(self, pair: crypto.KeyPair) -> dict:
        """The head, decrypted whole (so checked whole) and parsed; Damaged if it cannot be trusted."""
        try:
            plain = crypto.decrypt(self.store.read(HEAD), [pair.identity], HEAD)
        except (FileNotFoundError, SendvaultError) as exc:
            raise Damaged(HEAD) from exc
        return parse_head(plain)

    def write_head(self, head: dict, pair: crypto.KeyPair) -> None:
        """The head written and encrypted a part at a time (``head_pieces``): never the whole of it in memory at once."""
        self.store.write(HEAD, lambda write: crypto.encrypt_parts(head_pieces(head), [pair.recipient], write))

    def load_shard(self, head: dict, pair: crypto.KeyPair, p: str) -> dict[str, bytes]:
        """Shard ``p``'s summaries (cid -> marshalled summary), as the head names it; Damaged if it does not match."""
        token = head["shards"].get(p)
        wanted = head["parts"][p].ids if p in head["parts"] else ()
        if token is None:
            if wanted:
                raise Damaged(p)
            return {}
        if f"{p}-{token}" in self.memory:
            return dict(self.memory[f"{p}-{token}"])
        data = self.open(f"{DIR}/{p}-{token}.age", pair)
        if data.get("token") != token or data.get("ids") != wanted or not isinstance(data.get("rests"), tuple) \
                or len(data["rests"]) != len(wanted):
            raise Damaged(p)
        return dict(zip(wanted, data["rests"]))

    def write_shard(self, p: str, rests: dict[str, bytes], pair: crypto.KeyPair) -> tuple[str, tuple[str, ...]]:
        """A new shard file for ``rests``: its token and the ids in it."""
        token = os.urandom(8).hex()
        order = tuple(sorted(rests))
        if self.memory_only:
            self.memory[f"{p}-{token}"] = dict(rests)
            return token, order
        data = {"format": FORMAT, "python": sys.version_info[:2], "token": token, "ids": order,
                "rests": tuple(rests[c] for c in order)}
        self.store.write(f"{DIR}/{p}-{token}.age", crypto.encrypt(marshal.dumps(data), [pair.recipient]))
        return token, order


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
        read_now: dict[str, dict[str, bytes]] = {}  # p -> cid -> columns and keys (``_packed``)
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
        reader = _packed if also is None else functools.partial(_packed, also=also)
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


def rows(index: Index, read_many: Callable, fn: Callable[[dict], object], damaged: list[str] | None = None,
         progress: Callable[[int, int], None] | None = None, light: bool = False) -> list:
    """``[fn(summary)]`` for every case in id order, from the index (brought up to date first), ``None`` results dropped.

    With ``light``, ``fn`` is given a record of the head's fields only (``COLUMNS``):
    nothing else is decrypted.
    """
    # The cases read afresh to bring the index up to date (all of them, the first time)
    # get ``fn`` in the reader processes: no shard is decoded again for them.
    fresh: dict[str, object] = {}
    also = None if light else fn
    table = index.current(read_many, progress, damaged, also, fresh)
    try:
        return _rows(table, fn, light, fresh)
    except Damaged:  # a shard that does not open (or was replaced meanwhile): rebuilt, never trusted
        index.discard()
        fresh.clear()
        return _rows(index.current(read_many, progress, damaged, also, fresh), fn, light, fresh)


@contextlib.contextmanager
def _no_collection():
    """Tens of thousands of small dicts made in a burst, none in a cycle: the cyclic
    collector would walk them all again and again (a third of list's time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _rows(table: Table, fn: Callable[[dict], object], light: bool, fresh: dict | None = None) -> list:
    if light:
        return _apply(fn, table.light, range(len(table.ids)))
    from . import parallel

    fresh = fresh or {}
    if all(cid in fresh for cid in table.ids):  # every case was just read: nothing to decode
        return [v for v in (fresh[cid] for cid in table.ids) if v is not None]
    # Whole summaries (reports, the retention plan): decoding them is most of the time, so
    # on every core, each process taking a run of shards (one in memory at a time).
    letters = sorted({shard_of(c) for c in table.ids})

    def value(i: int) -> object:
        cid = table.ids[i]
        return fresh[cid] if cid in fresh else fn(table.summary(i))

    def work(share: list[str]) -> list:
        try:
            return [("ok", _apply(value, lambda i: i, [i for p in share for i in _positions(table.ids, p)]))]
        except Damaged:
            return [("damaged", None)]

    found = parallel.map_chunks(work, letters, parallel.workers_for(len(table.ids)))
    if any(state == "damaged" for state, _ in found):
        raise Damaged("shard")
    return [value for _, values in found for value in values]


def _positions(ids_: tuple, p: str) -> range:
    start = bisect.bisect_left(ids_, p)
    return range(start, start + len(in_shard(ids_, p)))


def _apply(fn: Callable[[dict], object], make: Callable[[int], dict], positions) -> list:
    out = []
    with _no_collection():
        for i in positions:
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
