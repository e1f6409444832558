"""Redaction's matching engine: the identifiers a case holds, found word by word in one pass
(a trie of folded words), and the choice among overlapping finds (the longest, then the
higher rank).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..basics import spelling
from ..basics.spelling import fold
from .redact_names import (GENERIC_SCHOOL, NOT_NAME_START, TITLES, Known, first_names, nicknames, not_nicknames,
                           plural_of)
from .redact_patterns import Hit, squash, street_like


# --- the case's identifiers, matched word by word ------------------------------------------
#
# A case's identifiers are put into a trie of folded words once per case; the text's words
# are then looked up once each. No regular expression is compiled per case: compiling one
# per identifier cost more than scanning 300 words with all of them.

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # on folded text: letters and digits, apostrophes inside
_WORD_GAP = re.compile(r"[\s,]+")
_DOT_GAP = re.compile(r"\.?[\s,]+")  # after an initial or 'St'
_HYPHEN_GAP = frozenset("- \t\n\r")  # 'Okonkwo-Baptiste' also as 'Okonkwo Baptiste'


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    rank: int
    capital: bool  # a common word ('Will', 'Rose') counts only when written with a capital
    plural: bool = False  # a surname's plural: the plural of a common word ('Bells') too


class _Node:
    __slots__ = ("next", "ends")

    def __init__(self):
        self.next: dict[str, dict[str, _Node]] = {}  # word -> gap ('w' words, 'h' hyphen, or a literal) -> node
        self.ends: list[_Entry] = []


def _key(word: str) -> str:
    """A folded word as looked up: without apostrophes ("O'Brien" is "obrien"); 'Saint' is 'St'."""
    word = word.replace("'", "")
    return "st" if word == "saint" else word


@functools.lru_cache(maxsize=4096)
def _word_forms(word: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The ways one written word of an identifier can appear: each a tuple of (gap before, word key)."""
    pieces = list(_WORD.finditer(fold(word)))
    if not pieces:
        return ()
    parts: list[tuple[str, str]] = [("w", _key(pieces[0].group()))]
    joined = parts[0][1]
    hyphens_only = True
    for a, b in zip(pieces, pieces[1:]):
        sep = fold(word)[a.end():b.start()]
        hyphens_only &= sep == "-"
        parts.append(("h" if sep == "-" else sep, _key(b.group())))
        joined += _key(b.group())
    forms = [tuple(parts)]
    if len(parts) > 1 and hyphens_only:
        forms.append((("w", joined),))  # 'Okonkwobaptiste'
    return tuple(forms)


class _Matcher:
    """Every identifier a case holds, as sequences of words, found in one pass over a text's words."""

    def __init__(self, shared: _Matcher | None = None):
        self.root = _Node()
        self.shared = shared  # another trie looked up in the same pass (the vault's, built once)

    def add(self, words: list, entry: _Entry, shortest: int = 0) -> None:
        """``words`` (each a written word, or a tuple of alternatives) in that order, any spacing between;
        with ``shortest``, also every run of that many words or more from the first."""
        nodes = [self.root]
        for n, word in enumerate(words, 1):
            alternatives = word if isinstance(word, tuple) else (word,)
            after: list[_Node] = []
            for alt in alternatives:
                for form in _word_forms(alt):
                    for node in nodes:
                        for i, (gap, key) in enumerate(form):
                            gaps = node.next.get(key)
                            if gaps is None:
                                gaps = node.next[key] = {}
                            gap = gap if i or node is not self.root else ""
                            child = gaps.get(gap)
                            if child is None:
                                child = gaps[gap] = _Node()
                            node = child
                        after.append(node)
            nodes = list({id(node): node for node in after}.values())
            if not nodes:
                return
            if shortest and shortest <= n < len(words):
                for node in nodes:
                    if entry not in node.ends:
                        node.ends.append(entry)
        for node in nodes:
            if entry not in node.ends:
                node.ends.append(entry)

    def find(self, folded: str) -> list[tuple[int, int, _Entry]]:
        found: list[tuple[int, int, _Entry]] = []
        roots = [self.root] + ([self.shared.root] if self.shared is not None and self.shared.root.next else [])
        starts = self.root.next.keys() | (self.shared.root.next.keys() if len(roots) > 1 else set())
        for m in _WORD.finditer(folded):
            word = m.group()
            # Most words start no identifier: one look-up each, before anything else.
            if word not in starts and ("'" not in word and word != "saint"
                                       or not any(key in starts for key, _, _ in _lookups(word, m.end()))):
                continue
            s = m.start()
            # Not inside a longer word or a dotted or underscored name (an e-mail's, a web address's, a username's:
            # those are found whole). "@" is a word's edge: "Sam@school", "Jane@Blorpton" are the names; so is an
            # ellipsis: "Sam...Example".
            if s and (folded[s - 1] in "._" and folded[s - 2:s] != ".." or folded[s - 1].isalnum()):
                continue
            for root in roots:
                self._walk(folded, m, root, "", "", s, found)
        return found

    def _walk(self, folded: str, m: re.Match, node: _Node, gap: str, prev: str, origin: int, found: list) -> None:
        """Follow ``node``'s branches with the word ``m`` (after ``gap``); ``origin``: where the identifier began."""
        for key, end, last in _lookups(m.group(), m.end()):
            gaps = node.next.get(key)
            if not gaps:
                continue
            nxt = None
            for kind, child in gaps.items():
                if not _gap_ok(kind, gap, prev):
                    continue
                if child.ends and (end == len(folded) or not (folded[end] == "_" or folded[end].isalnum())):
                    found += [(origin, end, entry) for entry in child.ends]
                if child.next and not last:
                    nxt = nxt or _WORD.search(folded, m.end())
                    if nxt is not None:
                        self._walk(folded, nxt, child, folded[m.end():nxt.start()], key, origin, found)


def _lookups(word: str, end: int) -> list[tuple[str, int, bool]]:
    """A text word's keys: itself, and without a possessive ("Sam's" is "Sam" too, and ends the identifier)."""
    out = [(_key(word), end, False)]
    if word.endswith("'s"):
        out.append((_key(word[:-2]), end - 2, True))
    return out


def _gap_ok(kind: str, gap: str, prev: str) -> bool:
    if kind == "":
        return True
    if kind == "w":
        return bool(_WORD_GAP.fullmatch(gap) or ((len(prev) == 1 or prev == "st") and _DOT_GAP.fullmatch(gap)))
    if kind == "h":
        return gap in _HYPHEN_GAP
    return gap == kind


def _name_words(name: str) -> list[str]:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    return [w for w in words if fold(w).strip(".") not in TITLES] or words


def _first_forms(first: str) -> tuple[list[str], list[str]]:
    """(prefixes used as nicknames: 'Sam', 'Samu' for 'Samuel', three letters at least, none an ordinary word that is no
    given name: not 'the' for 'Theo' nor 'car' for 'Caroline', but 'Will' for 'William'; nicknames from the table)."""
    fp = _key(fold(first))
    prefixes = [fp[:n] for n in range(3, len(fp))] if len(fp) > 3 and fp[:3].isalpha() else []
    prefixes = [p for p in prefixes if not (p in not_nicknames() or p in NOT_NAME_START) or p in first_names()]
    table = sorted(nicknames().get(fp, frozenset()) - {fp} - set(prefixes))
    return prefixes, table


@functools.lru_cache(maxsize=256)
def known_matcher(known: Known) -> _Matcher:
    """The trie of every identifier ``known`` holds; the team's and the vault's lists' part is built once."""
    shared = _shared_matcher(tuple(p for p in known.people if p[0] == "officer"), known.listed_schools, known.places)
    m = _Matcher(shared)
    for role, name in known.people:
        if role != "officer":
            _add_person(m, role, name)
    for address in known.addresses:
        parts = [p.strip() for p in re.split(r"[,\n]+", address) if p.strip()]
        words = [w for w in re.split(r"[\s,]+", address) if w]
        for i in range(len(words) - 1):  # any two or more consecutive words
            m.add(words[i:], _Entry("address", "", 75, False), shortest=2)
        for part in parts:
            street = re.sub(r"^(?:flat|apartment|unit)?\s*\d+[a-z]?\s+", "", part, flags=re.I)
            if street and not street[0].isdigit():
                kind = "street" if street != part or street_like(part) else "place"
                m.add(street.split(), _Entry(kind, "", 74, len(street.split()) == 1))
    for school, phase in known.schools:
        _add_school(m, school, phase)
    for p in known.postcodes:  # the outward code alone ("EX1"), as written in capitals
        outward = squash(spelling.read(p))[:-3]
        if len(outward) >= 2:
            m.add([outward], _Entry("postcode", "", 45, True))
    return m


@functools.lru_cache(maxsize=16)
def _shared_matcher(officers: tuple, schools: tuple, places: tuple) -> _Matcher:
    """The team's names and the vault's lists of schools and places: the same for every case of a vault."""
    m = _Matcher()
    for role, name in officers:
        _add_person(m, role, name)
    for school, phase in schools:
        _add_school(m, school, phase)
    for place in places:
        m.add(place.split(), _Entry("place", "", 73, True))
    return m


def _add_person(m: _Matcher, role: str, name: str) -> None:
    words = _name_words(name)
    if not words:
        return
    first, middles, last = words[0], words[1:-1], words[-1]
    prefixes, table = _first_forms(first)
    # Another person of the case (a professional, a relative) is numbered as the document's other people are:
    # the key says who, given name and surname folded ("[PERSON 2]"); the family's roles need none.
    key = (f"{fold(first) if len(words) > 1 else ''}|{fold(last)}") if role == "person" else ""
    if len(words) > 1:  # the name as recorded, above another person's nickname for the same words ("Sam Example")
        m.add(words, _Entry(role, key, 81, False))
        firsts = tuple([first] + prefixes + table)
        m.add([firsts, last], _Entry(role, key, 80, False))
        if middles:  # each middle name in full or as an initial
            m.add([firsts] + [(w, fold(w)[:1]) for w in middles] + [last], _Entry(role, key, 80, False))
    # Each word alone, and each part of three letters or more of a hyphenated one ("Ying" of "Ka-Ying").
    parts = [p for w in words if "-" in w for p in w.split("-") if len(p) >= 3]
    m.add([tuple(words + parts)], _Entry(role, key, 70, True))
    if last[-1:].isalpha():  # the surname in the plural, for the family ("the Examples"; "the Okafors": "Dr Okafor")
        m.add([plural_of(last)], _Entry(role, key, 70, True, True))
    if prefixes or table:  # 'Sam' for 'Samuel', 'Bill' for 'William': with a capital ('the bill' stays)
        m.add([tuple(prefixes + table)], _Entry(role, key, 60, True))


def _add_school(m: _Matcher, school: str, phase: str) -> None:
    words = school.split()
    entry = _Entry("school", phase, 76, True)
    m.add(words, entry)
    if len(words) > 2:
        m.add(words[:-1], entry)  # "Thistlecombe Primary" for "Thistlecombe Primary School"
    stem = []
    for w in words:
        if fold(w) in GENERIC_SCHOOL and stem:
            break
        stem.append(w)
    if stem and len(stem) < len(words) and len("".join(stem)) >= 4:
        m.add(stem, entry)  # "Thistlecombe"


def bounded(folded: str, s: int, e: int) -> bool:
    """Not inside a longer word, email or web address."""
    before = folded[s - 1] if s else " "
    after = folded[e] if e < len(folded) else " "
    return not (before in "@._" or before.isalnum() or after in "@_" or after.isalnum())


class Taken:
    """The characters already replaced (a mask: checking a span is one search in C)."""

    def __init__(self, spans, size: int):
        self.mask = bytearray(size)
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) >= 0

    def add(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)


def choose(hits: list[Hit], protected: list[tuple[int, int]]) -> list[Hit]:
    """Non-overlapping hits: the longest first, then the higher rank; none inside an existing placeholder."""
    chosen: list[Hit] = []
    taken = Taken(protected, max([h.end for h in hits] + [e for _, e in protected] + [0]))
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), -h.rank, h.start)):
        if h.end > h.start and not taken.overlaps(h.start, h.end):
            chosen.append(h)
            taken.add(h.start, h.end)
    return chosen



# A username or handle: "@jane_blorpton", "jane.blorpton", "JaneBlorpton99". The names' own matching stops at "_",
# "@" and inside a longer word (so as not to cut into an e-mail address), so a name written into one is found here.
HANDLE = re.compile(r"@?\w+(?:[._]\w+)*")


def name_parts(known_people) -> re.Pattern | None:
    """The words of the case's people's names and their given names' short forms ("bill", "sam" for Samuel), folded,
    3 letters or more, as one pattern, longest first."""
    parts = {w for _, name in known_people for w in re.findall(r"[a-z]+", spelling.lower(spelling.as_read(name)[0]))}
    for _, name in known_people:  # "@bill_2014" and "said.Bill" for William: the names' matching stops at "_" and "."
        words = _name_words(name)
        if words:
            parts.update(w for forms in _first_forms(words[0]) for w in forms if w.isascii() and w.isalpha())
    parts = sorted((w for w in parts if len(w) >= 3), key=lambda w: (-len(w), w))
    return re.compile("|".join(parts)) if parts else None


def handles(seen: str, folded: str, names: re.Pattern | None):
    """(start, end) of each username-like word holding a name of ``names``: one marked as a handle ("@", "_", ".", a
    digit, a capital inside) holding a name of 5 letters or more anywhere, or a shorter one between its pieces'
    edges ("@ali_k"); any word made of two names or more ("janeblorpton", "@samjane"), never an ordinary word
    that happens to hold one ("bakery" for a Baker) or one and its short form ("janet" for a Jane). Only the words
    around a name are looked at (a hot path)."""
    if names is None:
        return
    done: set[int] = set()
    for hit in names.finditer(folded):
        s = hit.start()
        while s > 0 and (seen[s - 1].isalnum() or seen[s - 1] in "_.@"):
            s -= 1
        # The handle holding the name starts there ("tag-sam_2014", "insta:sam_2014"), or after an "@" or dots
        # written against it ("twitter@sam_2014", "her...@sam_2014"; "Jane@Blorpton" is left to the names).
        m = HANDLE.match(seen, s)
        while m is None or m.end() <= hit.start():
            s = m.end() + (seen[m.end()] == "@") if m else s + 1
            while seen[s] == ".":
                s += 1
            m = HANDLE.match(seen, s)
        if s in done:
            continue
        done.add(s)
        s, e = m.span()
        word, low = seen[s:e], folded[s:e]
        if names.fullmatch(low):
            continue  # the name itself: the names' matching finds it
        camel = {i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()}
        marked = word.startswith("@") or "_" in word or "." in word or any(c.isdigit() for c in word) or bool(camel)
        edges = {0, len(word)} | camel | {i + d for i, c in enumerate(low) if not c.isalpha() for d in (0, 1)}
        inside = {p for p in names.pattern.split("|") if p in low}
        if marked and any(len(p) >= 5 or any(at in edges and at + len(p) in edges for at in _all(low, p))
                          for p in inside):
            yield s, e
        elif len(_names_in(low, inside)) >= 2:
            yield s, e


def _names_in(low: str, inside: set[str]) -> set[str]:
    """The names of ``inside`` a word is made of: each where no longer one of them takes its place whole, so that a
    given name and its short forms are one ("janet" holds Jane's "jan" within "jane", "williams" William's "wil"
    and "liam" within "william"); "samjane" holds two."""
    places = [(at, at + len(p)) for p in inside for at in _all(low, p)]
    return {low[a:b] for a, b in places if not any(c <= a and b <= d and d - c > b - a for c, d in places)}


def _all(text: str, part: str):
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)
