"""One case changed on two machines: three decrypted versions in, one record out (pure).

``merge(base, mine, theirs, choose)`` works on records in memory only (sync.py
decrypts them from git's blobs and encrypts the result). The rules:

- The append-only lists (notes, consents, disclosures, breaches, holds, policy
  told, subject-access requests, history) are united. Their items are matched by
  when and by whom they were made; an item changed on one side only (a hold
  released, a request completed) takes that change.
- Any other field changed on one side only takes that side's value; changed the
  same way on both, that value.
- A field changed two different ways is a conflict: ``choose`` is asked which side
  to keep ("mine" or "theirs"); if it says neither (None), the merge is not made
  and the conflicts are returned, so nothing is ever dropped silently.
- Breach decisions and subject-access requests made on both sides with the same
  number: the later one is renumbered, and the disclosures made on its side that
  name it follow.
- A withdrawal of consent to store personal details made on one side wins: the
  merged record loses the personal details, notes and free text of the other side
  too (``stripped``), as the withdrawal on that side did to its own.
- The case's people are merged by number: one added, changed or removed on one side
  takes that side's; the same number added on both sides (two different people)
  keeps both, the incoming side's renumbered, and what that side recorded of them (a
  note's or document's ``from_person``, a request's ``person``, the history) follows.
- Paper files (R34) are merged by number the same way; the history's events of a
  paper file renumbered follow it.
- ``updated`` and ``updated_by`` are the later side's.

With no base (its key is gone), every field the two sides hold differently is a
conflict, and list items held by one side only are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

APPEND_ONLY = ("notes", "consents", "disclosures", "breaches", "holds", "policy_told", "sar_requests", "history", "documents",
               "former_details")
# list -> the disclosure field that names an item's number (a document's is named in a disclosure's list ``documents``)
NUMBERED = {"breaches": "breach", "sar_requests": "sar", "documents": "document"}
REMOVED_EVENT = "personal-details-removed"
ATOMIC = ("follow_up", "closed")  # one decision each: never half of one side's and half of the other's


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


ABSENT = _Absent()  # a field or item one version does not hold


@dataclass
class Conflict:
    path: str
    mine: object
    theirs: object
    # Who last saved each side and when (the record's updated_by and updated: the officer's name as the
    # vault's team has it, and a UTC instant), for the officer choosing; None where a side has none.
    mine_change: tuple[str, str] | None = None
    theirs_change: tuple[str, str] | None = None


@dataclass
class Merged:
    record: dict | None  # None while a conflict is unresolved
    conflicts: list[Conflict] = field(default_factory=list)  # every conflict met (resolved or not)
    unresolved: list[Conflict] = field(default_factory=list)
    stripped: bool = False


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


# Items that change after they are made (a hold released, a request completed) are matched by
# what never changes in them; every other item never changes, so it is matched whole.
MUTABLE = {"holds": ("at", "by", "reason"), "sar_requests": ("at", "by", "received", "for")}


def _item_key(item, name: str = "") -> str:
    fields = MUTABLE.get(name)
    if fields and isinstance(item, dict):
        return _canonical([item.get(f) for f in fields])
    return _canonical(item)


def _keyed(items, name: str = "") -> dict[str, object]:
    """Items by their key; an item held twice (the same words noted twice in a second) keeps both."""
    out: dict[str, object] = {}
    seen: dict[str, int] = {}
    for item in items if isinstance(items, list) else ():
        k = _item_key(item, name)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[k if n == 0 else f"{k} #{n + 1}"] = item
    return out


def _label(item) -> str:
    """How a conflict in a list item is named: when and by whom it was made (never its words)."""
    if isinstance(item, dict):
        return " ".join(str(item[f]) for f in ("at", "by") if f in item)
    return "?"


class _Merger:
    def __init__(self, choose: Callable[[Conflict], str | None], changes: tuple = (None, None)):
        self.choose = choose
        self.changes = changes
        self.conflicts: list[Conflict] = []
        self.unresolved: list[Conflict] = []
        self.renumbered_people: dict[int, int | None] = {}  # theirs' number -> its new number
        self.renumbered_papers: dict[int, int | None] = {}  # the same, of paper files (R34)

    def value(self, path: str, b, m, t):
        if m == t and type(m) is type(t):
            return m
        if b == m and type(b) is type(m):
            return t
        if b == t and type(b) is type(t):
            return m
        if isinstance(m, dict) and isinstance(t, dict) and path not in ATOMIC:
            return self.mapping(path, b if isinstance(b, dict) else {} if b is ABSENT else None, m, t)
        conflict = Conflict(path, m, t, *self.changes)
        self.conflicts.append(conflict)
        side = self.choose(conflict)
        if side == "mine":
            return m
        if side == "theirs":
            return t
        self.unresolved.append(conflict)
        return m

    def mapping(self, path: str, b: dict | None, m: dict, t: dict) -> dict:
        if b is None:  # the base held something else there: the two dicts are compared whole
            b = {}
        out = {}
        for k in list(m) + [k for k in t if k not in m]:
            sub = f"{path}.{k}" if path else k
            if not path and k in ("people", "papers"):
                moved = self.renumbered_people if k == "people" else self.renumbered_papers
                numbered = self.numbered(k, b.get(k) or [], m.get(k) or [], t.get(k) or [], moved)
                if numbered:
                    out[k] = numbered
                continue
            if not path and k in APPEND_ONLY:
                items = self.items(k, b.get(k, []), m.get(k, []), t.get(k, []))
                if items:
                    out[k] = items
                continue
            v = self.value(sub, b.get(k, ABSENT), m.get(k, ABSENT), t.get(k, ABSENT))
            if v is not ABSENT:
                out[k] = v
        return out

    def numbered(self, name: str, b: list, m: list, t: list, moved: dict) -> list:
        """The case's people (or paper files) by number: one added, changed or removed on one side takes that
        side's; the same number added on both sides (two different people) keeps both, the other side's
        renumbered (``moved``, whose references then follow in ``_renumber_people``)."""
        bk, mk, tk = ({p["number"]: p for p in side if isinstance(p, dict)} for side in (b, m, t))
        out = {}
        for n in list(mk) + [n for n in tk if n not in mk] + [n for n in bk if n not in mk and n not in tk]:
            if n not in bk and n in mk and n in tk and mk[n] != tk[n]:
                out[n] = mk[n]
                moved[n] = None  # theirs gets a new number below
                continue
            v = self.value(f"{name}[{n}]", bk.get(n, ABSENT), mk.get(n, ABSENT), tk.get(n, ABSENT))
            if v is not ABSENT:
                out[n] = v
        for n in list(moved):
            new = max(list(out) + list(bk) + [n]) + 1
            moved[n] = new
            out[new] = {**tk[n], "number": new}
        return [out[n] for n in sorted(out)]

    def items(self, name: str, b: list, m: list, t: list) -> list:
        bk, mk, tk = _keyed(b, name), _keyed(m, name), _keyed(t, name)
        keys = list(mk) + [k for k in tk if k not in mk] + [k for k in bk if k not in mk and k not in tk]
        out = []
        for k in keys:
            v = self.value(f"{name}[{_label(bk.get(k, mk.get(k, tk.get(k))))}]", bk.get(k, ABSENT), mk.get(k, ABSENT), tk.get(k, ABSENT))
            if v is not ABSENT:
                out.append(v)
        out.sort(key=lambda item: (item.get("at", "") if isinstance(item, dict) else "", _canonical(item)))
        return out


def merge(base: dict | None, mine: dict, theirs: dict, choose: Callable[[Conflict], str | None]) -> Merged:
    """The merged record of one case (see the module's docstring)."""
    merger = _Merger(choose, tuple(_saved(r) for r in (mine, theirs)))
    b = base if base is not None else {}
    body = {k: v for k, v in mine.items() if k not in ("updated", "updated_by")}
    other = {k: v for k, v in theirs.items() if k not in ("updated", "updated_by")}
    record = merger.mapping("", {k: v for k, v in b.items() if k not in ("updated", "updated_by")}, body, other)
    if merger.unresolved:
        return Merged(None, merger.conflicts, merger.unresolved)
    later = max((mine, theirs), key=lambda r: (r.get("updated", ""), r.get("updated_by", "")))
    for k in ("updated", "updated_by"):
        if k in later:
            record[k] = later[k]
    _renumber(record, b, mine, theirs)
    _renumber_people(record, b, mine, theirs, merger.renumbered_people)
    _renumber_people(record, b, mine, theirs, merger.renumbered_papers, (("history", "paper"),))
    if isinstance(record.get("documents"), list):  # listed by number on every machine, whatever the merge's order
        record["documents"].sort(key=lambda d: d.get("number", 0) if isinstance(d, dict) else 0)
    stripped = _withdrawal(record, mine, theirs)
    return Merged(record, merger.conflicts, [], stripped)


def _saved(record: dict) -> tuple[str, str] | None:
    by, at = record.get("updated_by"), record.get("updated")
    return (by, at) if isinstance(by, str) and isinstance(at, str) else None


def _renumber(record: dict, base: dict, mine: dict, theirs: dict) -> None:
    """Two items made with the same number on two machines: the later one takes the next free number."""
    for name, ref in NUMBERED.items():
        items = record.get(name) or []
        taken = {i.get("number") for i in items if isinstance(i.get("number"), int)}
        seen: set = set()
        for item in items:  # in time order: the earlier keeps its number
            n = item.get("number")
            if n not in seen:
                seen.add(n)
                continue
            new = max(taken) + 1
            taken.add(new)
            seen.add(new)
            key = _item_key(item, name)  # before renumbering: a breach is matched whole
            item["number"] = new
            side, other = (theirs, mine) if key in _keyed(theirs.get(name, []), name) else (mine, theirs)
            made_there = set(_keyed(side.get("disclosures", []))) - set(_keyed(base.get("disclosures", []))) \
                - set(_keyed(other.get("disclosures", [])))
            for d in record.get("disclosures") or []:
                if d.get(ref) == n and _item_key(d) in made_there:
                    d[ref] = new


_PERSON_REFERENCES = (("notes", "from_person"), ("documents", "from_person"), ("sar_requests", "person"),
                      ("history", "person"))


def _renumber_people(record: dict, base: dict, mine: dict, theirs: dict, moved: dict,
                     references: tuple = _PERSON_REFERENCES) -> None:
    """What the other machine recorded of a person it added under a number this machine also used now names that
    person's new number: its notes, documents, requests and history (the items made there only). The same for a
    paper file (``references``: the history's ``paper``)."""
    if not moved:
        return
    for name, field in references:
        there = set(_keyed(theirs.get(name, []), name)) - set(_keyed(base.get(name, []), name)) \
            - set(_keyed(mine.get(name, []), name))
        for item in record.get(name) or []:
            if isinstance(item, dict) and item.get(field) in moved and _item_key(item, name) in there:
                item[field] = moved[item[field]]
    for entry in (record.get("people") or []) if references is _PERSON_REFERENCES else ():
        if entry.get("from_person") in moved and entry["number"] in moved.values():
            entry["from_person"] = moved[entry["from_person"]]


def _withdrawal(record: dict, mine: dict, theirs: dict) -> bool:
    """A removal of personal details on one side only: the other side's details and free text go too."""
    from .consent import strip_personal_details

    def removals(r: dict) -> set[str]:
        return {e["at"] for e in r.get("history") or () if e.get("event") == REMOVED_EVENT}

    one_sided = removals(mine) ^ removals(theirs)
    if not one_sided:
        return False
    at = max(one_sided)
    remover = mine if at in removals(mine) else theirs
    strip_personal_details(record)
    # What the remover's side wrote after its removal is not the other side's: it stays.
    for name in ("notes", "history", "consents"):
        later = [i for i in remover.get(name) or () if i.get("at", "") > at]
        if not later:
            continue
        keep = {_item_key(i): i for i in later}
        items = [keep.pop(_item_key(i), i) for i in record.get(name) or ()]
        items += list(keep.values())
        items.sort(key=lambda item: (item.get("at", ""), _canonical(item)))
        record[name] = items
    follow = remover.get("follow_up")
    if follow and follow.get("at", "") > at:
        record["follow_up"] = follow
    return True


__all__ = ["merge", "Merged", "Conflict", "ABSENT", "APPEND_ONLY"]
