"""People's names for redaction: the name lists shipped in the package (``sendvault/names/``),
nicknames, titles, what makes a capitalised word a name, the people of one document
numbered, and what a case holds that identifies someone (``Known``, ``known_from_case``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..basics.spelling import fold
from .redact_patterns import MONTH_RE, NINO, TITLE_RE


PARENT_WORDS = ("mother", "father", "mum", "dad", "parent", "carer", "step", "foster", "guardian",
                "adoptive", "grandparent", "grandmother", "grandfather", "parent-carer")


TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "cllr", "councillor")


_LEFT = re.compile(r"(?:\b" + TITLE_RE + r"(?:[A-Z]\.?\s*){0,3}|\b(?:[A-Z]\.\s*){1,3}|\b[A-Z]\s+)$")
_NINO_ENDS = re.compile(NINO.pattern + "$")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")


# Capitalised words that begin or end a school's or street's name, not a person's.
NOT_NAME_START = {"the", "a", "an", "this", "that", "her", "his", "their", "our", "my", "your", "its", "local",
                   "special", "secondary", "primary", "mainstream", "new", "current", "previous", "old", "same",
                   "independent", "state", "free", "virtual", "hospital", "both", "each", "every", "another", "which", "other"}
GENERIC_SCHOOL = {"primary", "infant", "infants", "junior", "first", "secondary", "high", "grammar", "academy",
                   "college", "school", "nursery", "community", "church", "of", "england", "c", "e", "ce",
                   "catholic", "and", "&", "the", "trust", "federation", "free", "special"}


@functools.lru_cache(maxsize=None)
def _names(kind: str) -> frozenset[str]:
    text = resources.files("sendvault").joinpath("names", f"{kind}.txt").read_text(encoding="utf-8")
    return frozenset(fold(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def first_names() -> frozenset[str]:
    return _names("first_names")


def surnames() -> frozenset[str]:
    return _names("surnames")


def common_words() -> frozenset[str]:
    return _names("common_words")


def not_nicknames() -> frozenset[str]:
    """Ordinary words a given name may begin with ("the" of Theo, "car" of Caroline): never taken for a nickname."""
    return _names("not_nicknames")


# --- what is known ---------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The identifiers a document's redaction knows of: the case's own, the team's, the vault's lists."""

    people: tuple[tuple[str, str], ...] = ()  # (role, full name); role: child, parent, caller, officer, person
    addresses: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    schools: tuple[tuple[str, str], ...] = ()  # the case's: (name, phase: primary, secondary, special, nursery, college or '')
    places: tuple[str, ...] = ()  # the vault's list
    dates_of_birth: tuple[str, ...] = ()  # YYYY-MM-DD
    listed_schools: tuple[tuple[str, str], ...] = ()  # the vault's list, as schools


def school_phase(name: str, phase: str | None = None) -> str:
    """'primary', 'secondary', 'special', 'nursery', 'college' or '' for a school's name (or the profile's school phase)."""
    # "pre-school" made one word first: the hyphen's split would leave "pre" and "school", and never "pre-school".
    words = set(fold(name).replace("pre-school", "preschool").replace("-", " ").split())
    if words & {"special"}:
        return "special"
    if words & {"primary", "infant", "infants", "junior", "first"}:
        return "primary"
    if words & {"nursery", "preschool"}:
        return "nursery"
    if words & {"secondary", "high", "grammar", "upper"}:
        return "secondary"
    if words & {"college", "sixth"}:
        return "college"
    return {"primary": "primary", "secondary": "secondary", "early-years": "nursery", "post-16": "college"}.get(phase or "", "")


def known_from_case(record: dict, officers: tuple[str, ...] = (), schools: tuple[str, ...] = (),
                    places: tuple[str, ...] = ()) -> Known:
    """What a case holds that identifies someone, plus the team's names and the vault's lists of schools and places."""
    person, child = record.get("person") or {}, record.get("child") or {}
    people: list[tuple[str, str]] = []
    if child.get("name"):
        people.append(("child", child["name"]))
    if person.get("name"):
        relation = fold(person.get("relationship", ""))
        caller = (record.get("contact") or {}).get("caller", "")
        role = "parent" if caller == "parent-carer" or any(w in relation for w in PARENT_WORDS) else "caller"
        people.append((role, person["name"]))
    others = [p for p in record.get("people") or () if isinstance(p, dict)]  # a second parent, professionals, family
    people += [("parent" if p["role"] == "parent-carer" else "person", p["name"]) for p in others if p.get("name")]
    people += [("officer", o) for o in officers]
    phase = (record.get("profile") or {}).get("school_phase")
    known_schools = [(child["school"], school_phase(child["school"], phase))] if child.get("school") else []

    def every(key: str) -> tuple[str, ...]:
        return tuple(v for v in [person.get(key)] + [p.get(key) for p in others] if v)

    return Known(
        people=tuple(people),
        addresses=every("address"),
        postcodes=every("postcode"),
        phones=every("phone"),
        emails=every("email"),
        schools=tuple(known_schools),
        listed_schools=tuple((s, school_phase(s)) for s in schools),
        places=tuple(places),
        dates_of_birth=tuple(d for d in [str(child.get("date_of_birth") or "")] if d),
    )


def date_of_birth(known: Known) -> dt.date | None:
    for value in known.dates_of_birth:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
    return None


@functools.lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """A folded given name -> the names it may also be written as (nicknames both ways), from names/nicknames.txt."""
    text = resources.files("sendvault").joinpath("names", "nicknames.txt").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, nicks = line.partition(":")
        name = fold(name.strip())
        for nick in (fold(n) for n in nicks.split()):
            table.setdefault(name, set()).add(nick)
            table.setdefault(nick, set()).add(name)  # 'Bill' in the case: 'William' in the notes
    return {k: frozenset(v) for k, v in table.items()}


class People:
    """Other people named in one document, each numbered once: "Sarah Jones", "Mrs Jones" and "Sarah" are one
    person; "Sarah Jones" and "Sarah Smith" are two."""

    def __init__(self):
        self.names: list[list[str | None]] = []  # [given name, surname], folded; the index + 1 is the number
        self.words: dict[str, tuple[str | None, str | None]] = {}  # a distinctive name word -> how to number it

    def number(self, given: str | None, surname: str | None) -> int:
        n = self._find(given, surname)
        if n is None:
            self.names.append([given, surname])
            n = len(self.names)
        for word, as_name in ((given, (given, None)), (surname, (None, surname))):
            if word and len(word) > 1 and word not in common_words() and word not in NOT_NAME_START \
                    and word not in GENERIC_SCHOOL:
                self.words.setdefault(word, as_name)
        return n

    def _find(self, given: str | None, surname: str | None) -> int | None:
        people = list(enumerate(self.names, 1))[::-1]  # the one named most recently first
        if given and surname:
            for want in ([given, surname], [None, surname], [given, None]):
                for n, person in people:
                    if person == [given, surname] or person == want and want != [given, surname]:
                        person[:] = [given, surname]
                        return n
            return None
        for n, (g, s) in people:
            if (surname and s == surname) or (given and g == given):
                return n
        return None


def plural_of(word: str) -> str:
    """'Examples' of 'Example', 'Joneses' of 'Jones', 'Foxes' of 'Fox', 'Churches' of 'Church'."""
    return word + ("es" if fold(word).endswith(("s", "x", "z", "ch", "sh")) else "s")


@functools.lru_cache(maxsize=1)
def common_plurals() -> frozenset[str]:
    """The common words' plurals ('bells' of 'bell'): the family Bell are 'the Bells', and 'the bells rang' is no
    name."""
    return frozenset(plural_of(w) for w in common_words())


def capitalised(text: str, s: int, e: int, common: frozenset[str]) -> bool:
    """A match that is a common word ('Will', 'Rose') counts only when written with a capital."""
    word = text[s:e]
    return fold(word) not in common or word[:1].isupper()


@functools.lru_cache(maxsize=1)
def capitalised_words() -> re.Pattern:
    """_TOKEN's words that begin with a capital letter (any alphabet), found without looking at the others."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    capitals = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile(r"(?<![^\W\d_])(?<![^\W\d_]['’-])[" + capitals + r"][^\W\d_]*(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")


def extend_left(text: str, s: int, lo: int = 0) -> int:
    """The start of a name with its title and initials ("Mrs J. Example"), if they precede it (from ``lo`` on); not a
    National Insurance number's last letter ("AB 12 34 56 C. Hughes"; the character before the number too, for its
    edge)."""
    m = _LEFT.search(text, max(lo, s - 24), s)
    if m is None or m.end() != s or _NINO_ENDS.search(fold(text[max(0, m.start() - 13):m.start() + 1])):
        return s
    return m.start()


def skip_leading(text: str, s: int, e: int) -> int | None:
    """The start after leading words such as 'The', 'Her', 'Local'; None if nothing distinctive is left."""
    for m in _TOKEN.finditer(text, s, e):
        if fold(m.group()) not in NOT_NAME_START:
            return m.start()
    return None


_NEXT_WORD = re.compile(r"[ \t]{1,2}|\n")
_NEXT_AFTER_INITIAL = re.compile(r"\.?[ \t]{1,2}|\.?\n|\.")


def adjacent(text: str, end: int, start: int, initials: bool = False) -> bool:
    return (_NEXT_AFTER_INITIAL if initials else _NEXT_WORD).fullmatch(text, end, start) is not None


def name_like(tok, last: frozenset[str], common: frozenset[str]) -> bool:
    if tok is None:
        return False
    w = fold(without_possessive(tok.group()))
    return w in last or (w not in common and w not in GENERIC_SCHOOL and w not in NOT_NAME_START
                         and w not in TITLES  # "Sarah Mrs Okafor": "Mrs" begins the next name
                         and w not in first_names() and tok.group()[1:2].islower() and not _month_word(w)
                         and len(w) > 2 and _surname_shape(w))


def surname_after_common(tok, last: frozenset[str], common: frozenset[str]) -> bool:
    """After a first name that is also a word ('Mark', 'Young'): a listed surname, or a name-like word not a plural ('Young Minds')."""
    return tok is not None and (fold(without_possessive(tok.group())) in last or
                                (name_like(tok, last, common) and not tok.group().endswith("s")))


def _surname_shape(w: str) -> bool:
    return not w.endswith(("ing", "ed", "ly", "tion", "ment", "ness"))


def _month_word(w: str) -> bool:
    return re.fullmatch(MONTH_RE, w) is not None


def without_possessive(word: str) -> str:
    """A word without its possessive: "Sam's" -> "Sam"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word

