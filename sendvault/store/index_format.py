"""The index's files: what each holds, encoded and parsed, encrypted and checked when read.

Under ``local/index/`` (``DIR``), all encrypted for the index's own key ``key.age``
(an age identity wrapped for the current vault key; ``index.py``):

- ``head.age``: a snapshot of the ``cases/`` and ``casekeys/`` directories
  (``index_snapshot.py``), then one *part* per shard (below): its case ids, the few
  fields every list shows (``COLUMNS``), each case's search keys (``search.py``) laid
  end to end per field so a search is a few substring scans, and the (size,
  mtime_ns, inode) of each case's file and key files when it was read. ``list`` and
  ``find`` read only this. It is written and encrypted a part at a time
  (``IndexFiles.write_head``), so building it never holds the whole of it twice; it
  is read whole, and one cut short or out of order is damaged (``parse_head``).
- ``P-TOKEN.age``, one *shard* per first character P of the case ids: the
  summaries (each record without its notes' text) for reports and the other
  lists. The head names each shard's current TOKEN; a change rewrites only the
  shards it touches, and no command ever holds more than one shard's summaries.

A file that does not open, does not parse, or was written by another format or
Python is ``Damaged``: the index is rebuilt (``index.py``).
"""

from __future__ import annotations

import bisect
import marshal
import operator
import os
import sys
from array import array
from typing import Callable, Iterable, Iterator, NamedTuple

from . import crypto, search
from ..basics.errors import CaseNotFound, SendvaultError
from .storage import Store

DIR = "local/index"
HEAD = f"{DIR}/head.age"
KEY = f"{DIR}/key.age"
LEGACY = ("local/index.age", "local/index-key.age", "local/index-cases.age")  # an earlier format's files
FORMAT = "sendvault-index/8"  # 8: everyone in a case, documents' titles and the legacy reference searched; 7: keys folded

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
    """What the index keeps of a record: all of it but the notes' text (their dates and authors stay) and the
    documents' keys (the index is not destroyed with a case, so it never holds what opens a document's file)."""
    out = dict(record)
    if "notes" in record:
        out["notes"] = [{k: v for k, v in n.items() if k != "text"} for n in record["notes"]]
    if "documents" in record:
        out["documents"] = [{k: v for k, v in d.items() if k != "key"} for d in record["documents"]]
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


def packed_entry(record: dict, also: Callable[[dict], object] | None = None) -> tuple:
    """``entry`` as the readers send it back: the columns and search keys as one marshalled string,
    a few hundred bytes a case where the tuples of strings take over a kilobyte (issue 12: 100,000
    cases); marshal keeps the interned columns interned. With ``also``, its value last."""
    cid, cols, keys, rest, *value = entry(record, also)
    return (cid, marshal.dumps((cols, keys)), rest, *value)


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
