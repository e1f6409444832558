"""Answers from the index: the loaded table, every case's row (``rows``) and a search (``find``)."""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
import marshal
from typing import TYPE_CHECKING, Callable, Iterator

from . import search
from ..basics.errors import CaseNotFound
from .index_format import Damaged, in_shard, light, shard_of

if TYPE_CHECKING:  # rows and find are given the index; they never make one
    from .index import Index


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
