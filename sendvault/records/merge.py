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
- Documents, breach decisions and subject-access requests made on both sides with
  the same number: the later one is renumbered (to a number the case never used).
- Every reference made on the renumbered one's side follows it to its new number;
  references made on the other side keep the number, as the item they meant did
  (``REFS`` lists every field that names a person, document, decision or request,
  and breach decisions' and disclosures' sections name people: person-3).
- A withdrawal of consent to store personal details made on one side wins: the
  merged record loses the personal details, notes and free text of the other side
  too (``stripped``), as the withdrawal on that side did to its own.
- The case's people are merged by number: one added, changed or removed on one side
  takes that side's; the same number added on both sides (two different people)
  keeps both, the incoming side's renumbered, and every reference made on that side
  follows, as above.
- Paper files (R34) are merged by number the same way; the history's events of a
  paper file renumbered follow it.
- ``updated`` and ``updated_by`` are the later side's.

With no base (its key is gone), every field the two sides hold differently is a
conflict, and list items held by one side only are kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable

APPEND_ONLY = ("notes", "consents", "disclosures", "breaches", "holds", "policy_told", "sar_requests", "history", "documents",
               "former_details")
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
                used = set().union(*(numbers_used(r, k) for r in (b, m, t)))
                numbered = self.numbered(k, b.get(k) or [], m.get(k) or [], t.get(k) or [], moved, used)
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

    def numbered(self, name: str, b: list, m: list, t: list, moved: dict, used: set[int] = frozenset()) -> list:
        """The case's people (or paper files) by number: one added, changed or removed on one side takes that
        side's; the same number added on both sides (two different people) keeps both, the other side's
        renumbered (``moved``, whose references then follow in ``_renumber``), to a number nothing names yet."""
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
            new = max(list(out) + list(bk) + list(used) + [n]) + 1
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
    _renumber(record, b, mine, theirs, {"people": merger.renumbered_people, "papers": merger.renumbered_papers})
    if isinstance(record.get("documents"), list):  # listed by number on every machine, whatever the merge's order
        record["documents"].sort(key=lambda d: d.get("number", 0) if isinstance(d, dict) else 0)
    stripped = _withdrawal(record, mine, theirs)
    return Merged(record, merger.conflicts, [], stripped)


def _saved(record: dict) -> tuple[str, str] | None:
    by, at = record.get("updated_by"), record.get("updated")
    return (by, at) if isinstance(by, str) and isinstance(at, str) else None


# Every field of a case that names one of its numbered things (vault-schema/case.schema.json), by kind: the list
# the things are in -> (list, field) of each reference. "provided" is provided.fields' entries; a list-valued field
# (a breach's or disclosure's documents) names several. Breach decisions' and disclosures' sections also name people
# (person-3, person-3.phone): see _SECTION.
REFS = {
    "people": (("notes", "from_person"), ("documents", "from_person"), ("people", "from_person"),
               ("provided", "from_person"), ("sar_requests", "person"), ("history", "person"),
               ("former_details", "person")),
    "documents": (("documents", "email"), ("history", "document"), ("breaches", "documents"),
                  ("disclosures", "documents")),
    "breaches": (("disclosures", "breach"),),
    "sar_requests": (("disclosures", "sar"),),
    "papers": (("history", "paper"),),  # paper files (R34)
}
_SECTION = re.compile(r"^person-([0-9]+)((?:\.[a-z_]+)?)$")
_SIDES = ("mine", "theirs")


def _entries(record: dict, name: str) -> list:
    if name == "provided":
        fields = (record.get("provided") or {}).get("fields") if isinstance(record.get("provided"), dict) else None
        return list(fields.values()) if isinstance(fields, dict) else []
    items = record.get(name)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _named(item: dict, field: str) -> list:
    value = item.get(field)
    return [n for n in (value if isinstance(value, list) else [value]) if isinstance(n, int)]


def _people_in(sections) -> list[int]:
    found = (_SECTION.match(s) for s in sections if isinstance(s, str)) if isinstance(sections, list) else ()
    return [int(m.group(1)) for m in found if m]


def numbers_used(record: dict, kind: str) -> set[int]:
    """Every number of ``kind`` the record gives a thing or names anywhere (a detached document's, a removed
    person's): none is given to another thing, whose references would then be confused with its."""
    used = {n for i in _entries(record, kind) for n in _named(i, "number")}
    return used | {n for _, numbers in _references(record, kind) for n in numbers}


def _references(record: dict, kind: str):
    """Each item naming a thing of ``kind`` and the numbers it names."""
    for name, field in REFS[kind]:
        for item in _entries(record, name):
            yield item, _named(item, field)
    if kind == "people":
        for name in ("breaches", "disclosures"):
            for item in _entries(record, name):
                yield item, _people_in(item.get("sections"))


def _sides(record: dict, base: dict, mine: dict, theirs: dict) -> tuple[dict[int, str], dict[int, str]]:
    """Which machine made each item of the merged record (``made``: items new on one side only), and whose
    references each item holds (``refs``: those, and items both held whose references one side changed, a
    person's ``from_person`` or a provided field's), both by the item's id; an item held alike has none."""
    made: dict[int, str] = {}
    for name in APPEND_ONLY:
        b, m, t = (set(_keyed(r.get(name, []), name)) for r in (base, mine, theirs))
        for item in _entries(record, name):
            k = _item_key(item, name)
            if k not in b and (k in m) != (k in t):
                made[id(item)] = "mine" if k in m else "theirs"
    refs = dict(made)
    b, m, t = ({p.get("number"): p for p in _entries(r, "people")} for r in (base, mine, theirs))
    for entry in _entries(record, "people"):
        n = entry.get("number")
        if n in b:  # held before: whose from_person it holds, if one side changed it
            side = _changed_on(*(s.get(n, {}).get("from_person") for s in (b, m, t)))
        elif n in m and n in t:  # the same number on both: mine's, theirs' renumbered (unless the two are alike)
            side = None if m[n] == t[n] else "mine"
        else:  # theirs' renumbered one is held by neither under its new number
            side = "mine" if n in m else "theirs"
        if side:
            refs[id(entry)] = side
            if n not in b:
                made[id(entry)] = side
    fields = [((r.get("provided") or {}).get("fields") or {}) for r in (base, mine, theirs)]
    for path, source in ((record.get("provided") or {}).get("fields") or {}).items():
        if isinstance(source, dict):
            side = _changed_on(*((f.get(path) or {}).get("from_person") for f in fields))
            if side:
                refs[id(source)] = side
    return made, refs


def _changed_on(b, m, t) -> str | None:
    """The one side that changed a value from the base's, if one did."""
    if m != b and t == b:
        return "mine"
    if t != b and m == b:
        return "theirs"
    return None


def _renumber(record: dict, base: dict, mine: dict, theirs: dict, moved: dict[str, dict]) -> None:
    """Two things given the same number on two machines (documents, breach decisions, subject-access requests:
    the later one; people: the incoming one) leave one renumbered, and every reference made on its machine names
    its new number; references made on the other machine keep the number, the thing they meant kept it. A
    reference made on one machine to a number the other gave something new (what it named was detached or
    removed there since) gets a number of its own too."""
    made, refs = _sides(record, base, mine, theirs)
    moves: dict[str, dict[str, dict[int, int]]] = {kind: {side: {} for side in _SIDES} for kind in REFS}
    for kind, numbers in moved.items():  # people and paper files: the incoming one renumbered by the merge
        moves[kind]["theirs"].update(numbers)
    taken = {kind: set().union(*(numbers_used(r, kind) for r in (record, base, mine, theirs))) for kind in REFS}
    for name in ("documents", "breaches", "sar_requests"):
        seen: set = set()
        for item in _entries(record, name):  # in time order: the earlier keeps its number
            n = item.get("number")
            if n not in seen:
                seen.add(n)
                continue
            new = max(taken[name]) + 1
            taken[name].add(new)
            seen.add(new)
            item["number"] = new
            if id(item) in made:
                moves[name][made[id(item)]][n] = new
    for kind, places in REFS.items():
        known = numbers_used(base, kind)  # what the base held or named, both machines mean alike
        owner = {i.get("number"): made.get(id(i)) for i in _entries(record, kind) if i.get("number") not in known}
        for item, numbers in _references(record, kind):
            side = refs.get(id(item))
            for n in numbers if side else ():
                if n not in moves[kind][side] and owner.get(n) not in (None, side):
                    moves[kind][side][n] = max(taken[kind]) + 1
                    taken[kind].add(moves[kind][side][n])
    for kind, places in REFS.items():
        for name, field in places:
            for item in _entries(record, name):
                moved = moves[kind].get(refs.get(id(item), ""))
                if moved and field in item:
                    value = item[field]
                    item[field] = [moved.get(n, n) for n in value] if isinstance(value, list) else moved.get(value, value)
    for name in ("breaches", "disclosures"):
        for item in _entries(record, name):
            moved = moves["people"].get(refs.get(id(item), ""))
            if moved and isinstance(item.get("sections"), list):
                item["sections"] = [_moved_section(s, moved) for s in item["sections"]]


def _moved_section(section, moved: dict[int, int]):
    m = _SECTION.match(section) if isinstance(section, str) else None
    if m and int(m.group(1)) in moved:
        return f"person-{moved[int(m.group(1))]}{m.group(2)}"
    return section


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
