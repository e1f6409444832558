"""Redaction: free text with no identifying detail left (R15, R25, R28).

Pure: a text (or a case) and what is known in, the redacted text and the list of
what was replaced out. No file is read but the name lists shipped in the package.

Two kinds of identifier are found:

- **known**: every identifier the case holds (the child's and the caller's names,
  the address, postcode, phone, email, school, date of birth), wherever it appears:
  any letter case and accents, across line breaks, possessives, initials with the
  surname, first-name prefixes used as nicknames ("Sam" for "Samuel"), the school
  without its last word, the address by its parts, the phone and postcode in other
  spellings;
- **patterns**: identifiers the case does not hold: UK postcodes and phone numbers
  (parsed by ``phonenumbers``), emails, URLs, NHS numbers (checksum), Unique Pupil
  Numbers (check letter), National Insurance numbers, dates written many ways,
  street addresses, schools, the places and schools the vault configures, and
  people's names (titles, and capitalised words found in the name lists).

Replacements keep the text readable and consistent within a document: the child
is "the child", the caller "the parent", another person "[PERSON 1]" every time.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field
from importlib import resources

from ..basics import spelling
from ..basics.spelling import fold

STYLES = ("words", "tags")
DATES = ("month", "age")  # a date becomes its month and year, or the child's age then

# What each kind of identifier becomes, in each style. People other than the case's
# own are numbered: "[PERSON 1]".
_WORDS = {
    "child": ("the child", "[CHILD]"),
    "parent": ("the parent", "[PARENT]"),
    "caller": ("the caller", "[CALLER]"),
    "officer": ("the officer", "[OFFICER]"),
    "address": ("an address", "[ADDRESS]"),
    "street": ("a street", "[STREET]"),
    "place": ("a town", "[PLACE]"),
    "postcode": ("a postcode", "[POSTCODE]"),
    "phone": ("a phone number", "[PHONE]"),
    "email": ("an email address", "[EMAIL]"),
    "url": ("a web address", "[URL]"),
    "nhs": ("an NHS number", "[NHS NUMBER]"),
    "upn": ("a pupil number", "[UPN]"),
    "nino": ("a National Insurance number", "[NI NUMBER]"),
    "dob": ("the child's date of birth", "[DATE OF BIRTH]"),
    "family": ("the family", "[FAMILY]"),
}
_SCHOOL_WORDS = {"primary": "a primary school", "secondary": "a secondary school", "special": "a special school",
                 "nursery": "a nursery", "college": "a college", "": "a school"}
PARENT_WORDS = ("mother", "father", "mum", "dad", "parent", "carer", "step", "foster", "guardian",
                "adoptive", "grandparent", "grandmother", "grandfather", "parent-carer")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = ""
_WEEKDAY_BEFORE = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?$", re.I)
DATE_PATTERNS = (
    # 12 March 2026, 12th March, Tuesday 12 Mar '26, 3rd of June 2025
    re.compile(_WEEKDAY + r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m>" + _MONTH_RE
               + r")\b\.?(?:,?[\s-]+(?P<y>(?:19|20)\d\d|'\d\d)\b)?", re.I),
    # March 12th, 2026; March 12
    re.compile(_WEEKDAY + r"\b(?P<m>" + _MONTH_RE + r")\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I),
    # 12/03/2026, 12-03-26, 12.03.2026 (begun with a digit and looked behind after it, so the regex engine
    # skips to digits: "\b(?P<d>[0-3]?\d)..." in plain form; a test checks the two agree)
    re.compile(r"(?P<d>[0-3](?<!\w[0-3])\d|\d(?<!\w\d))(?P<sep>[/.-])(?P<n>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)\b"),
    # 2026-03-12 ("\b(?P<y>(?:19|20)\d\d)-..." in plain form)
    re.compile(r"(?P<y>[12](?<!\w[12])(?:(?<=1)9|(?<=2)0)\d\d)-(?P<n>[01]\d)-(?P<d>[0-3]\d)\b"),
    # March 2026 (already a month and year: kept, unless it is the date of birth's)
    re.compile(r"\b(?P<m>" + _MONTH_RE + r")\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.I)
# Postcodes, UPNs and NI numbers are looked for in the folded (lower-case) text: a case-blind search is slower.
_POSTCODE = re.compile(r"\b(?:gir ?0aa|[a-pr-uwyz][a-hk-y]?\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})\b")
# Phone and NHS numbers, addresses, streets and schools: each pattern begins with the character it must start with, and
# looks behind after it (not before), so the regex engine skips ahead to those characters; tests check each
# against its plain form ("(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d..." for phones).
# A phone number ends at the end of a word: one that ended inside "2AB" left "AB" to be read, after its
# replacement, as the start of a school's name.
_PHONE = re.compile(r"(?:\+(?<![\w+]\+)\s?44\s?(?:\(0\)\s?)?|0(?<![\w+]0)0\s?44\s?(?:\(0\)\s?)?|\((?<![\w+]\()0|0(?<![\w+]0))"
                    r"\d(?:[\s\-]?\)?[\s\-]?\d){8,9}(?!\w)")


def _phone_start(m: re.Match) -> int:
    """Where a phone number found by ``_PHONE`` starts: an opening bracket it never closes ("(07700 900555)")
    is the sentence's, not the number's, and stays in the text."""
    return m.start() + 1 if m.group().startswith("(") and ")" not in m.group() else m.start()


_INTL_PHONE = re.compile(r"(?<![\w+])\+(?!44)\d{1,3}(?:[ \-]?\(?\d+\)?){2,5}(?!\d)")
_NHS = re.compile(r"\d(?<![\d-]\d)\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
_UPN = re.compile(r"\b[a-hj-np-rt-z]\d{11}[0-9a-hj-np-rt-z]\b")
_NINO = re.compile(r"\b(?!bg|gb|nk|kn|tn|nt|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d\d ?\d\d ?\d\d ?[a-d]\b")
_STREET_SUFFIX = (r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Gardens|Place|Court|Terrace|"
                  r"Grove|Park|Rise|View|Walk|Row|Square|Mews|Parade|Hill|Green|Vale|Fields|Meadows|Mount|Chase)")
_CAP = r"[A-Z][\w'’-]*"
_DIGIT = re.compile(r"\d")
_ADDRESS = re.compile(r"[FAU0-9](?<!\w[FAU0-9])(?:(?<=F)lat\s+\d+[A-Za-z]?,?\s+\d|(?<=A)partment\s+\d+[A-Za-z]?,?\s+\d|"
                      r"(?<=U)nit\s+\d+[A-Za-z]?,?\s+\d|(?<=\d))\d{0,3}[A-Za-z]?,?\s+(?:" + _CAP + r"\s+){1,3}"
                      + _STREET_SUFFIX + r"\b\.?")
_CAP_REST = r"[\w'’-]*"  # a capitalised word after its capital
_STREET = re.compile(r"[A-Z](?<!\w[A-Z])" + _CAP_REST + r"\s+(?:" + _CAP + r"\s+)?" + _STREET_SUFFIX
                     + r"\b(?!\s+(?:School|Academy|Primary))")
# The same without its optional middle word: at one start the regex engine gives only the longer ("Primary Lane
# Lane"), and when that loses to an overlapping find, the shorter ("Primary Lane") must be a candidate too.
_STREET_SHORT = re.compile(r"[A-Z](?<!\w[A-Z])" + _CAP_REST + r"\s+" + _STREET_SUFFIX + r"\b(?!\s+(?:School|Academy|Primary))")
_SCHOOL = re.compile(r"(?P<stem>[A-Z](?<!\w[A-Z])(?:(?<=S)t\.?\s+" + _CAP + "|" + _CAP_REST + r")"
                     r"(?:\s+(?:" + _CAP + r"|of|and|&|the|St\.?))*?)\s+"
                     r"(?P<kind>Primary|Infants?|Junior|First|Secondary|High|Grammar|Academy|College|School|Nursery|"
                     r"Community\s+School|Church\s+of\s+England|C\s?of\s?E|CE|Catholic)"
                     r"(?:\s+(?:Primary|Infant|Junior|Academy|School|College|Nursery))*\b")
_TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "cllr", "councillor")
_TITLE_RE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor)\.?\s+)"
_LEFT = re.compile(r"(?:\b" + _TITLE_RE + r"(?:[A-Z]\.?\s*){0,3}|\b(?:[A-Z]\.\s*){1,3}|\b[A-Z]\s+)$")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9 :]*\]")
# Capitalised words that begin or end a school's or street's name, not a person's.
_NOT_NAME_START = {"the", "a", "an", "this", "that", "her", "his", "their", "our", "my", "your", "its", "local",
                   "special", "secondary", "primary", "mainstream", "new", "current", "previous", "old", "same",
                   "independent", "state", "free", "virtual", "hospital", "both", "each", "every", "another", "which", "other"}
_GENERIC_SCHOOL = {"primary", "infant", "infants", "junior", "first", "secondary", "high", "grammar", "academy",
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


# --- checksums -------------------------------------------------------------------------


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit (NHS Data Dictionary)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_valid(upn: str) -> bool:
    """A Unique Pupil Number's check letter (DfE: weights 2..13 over characters 2-13, modulo 23)."""
    upn = upn.upper()
    if len(upn) != 13 or not upn[1:12].isdigit():
        return False
    last = upn[12]
    values = [int(c) for c in upn[1:12]] + [int(last) if last.isdigit() else _UPN_LETTERS.index(last) if last in _UPN_LETTERS else -1]
    if values[-1] < 0:
        return False
    return _UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14))) % 23] == upn[0]


def upn_check_letter(rest: str) -> str:
    """The check letter for the twelve characters after it (for making synthetic UPNs)."""
    values = [int(c) if c.isdigit() else _UPN_LETTERS.index(c) for c in rest.upper()]
    return _UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14))) % 23]


@functools.lru_cache(maxsize=1)
def _phonenumbers():
    import phonenumbers

    return phonenumbers


def phone_key(text: str) -> str | None:
    """A possible phone number's E.164 form (UK by default), or None."""
    pn = _phonenumbers()
    try:
        number = pn.parse(" ".join(text.split()), "GB")
    except pn.NumberParseException:
        return None
    if not pn.is_possible_number(number):
        return None
    if number.country_code != 44 and not pn.is_valid_number(number):
        return None
    return pn.format_number(number, pn.PhoneNumberFormat.E164)


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
    words = set(fold(name).replace("-", " ").split())
    if words & {"special"}:
        return "special"
    if words & {"primary", "infant", "infants", "junior", "first"}:
        return "primary"
    if words & {"nursery", "pre-school", "preschool"}:
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
    people += [("officer", o) for o in officers]
    phase = (record.get("profile") or {}).get("school_phase")
    known_schools = [(child["school"], school_phase(child["school"], phase))] if child.get("school") else []
    return Known(
        people=tuple(people),
        addresses=tuple(a for a in [person.get("address")] if a),
        postcodes=tuple(p for p in [person.get("postcode")] if p),
        phones=tuple(p for p in [person.get("phone")] if p),
        emails=tuple(e for e in [person.get("email")] if e),
        schools=tuple(known_schools),
        listed_schools=tuple((s, school_phase(s)) for s in schools),
        places=tuple(places),
        dates_of_birth=tuple(d for d in [str(child.get("date_of_birth") or "")] if d),
    )


# --- matching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    """One identifier replaced: its kind, where it was in the input, what replaced it and where that is in the output."""

    kind: str
    start: int
    end: int
    text: str
    out_start: int
    out_end: int
    known: bool  # an identifier the case holds (not found by a pattern)


@dataclass
class Result:
    text: str
    replacements: list[Replacement]


@dataclass(order=True)
class _Hit:
    start: int
    end: int
    rank: int  # higher wins a tie on the same span
    kind: str = field(compare=False)
    key: str = field(compare=False, default="")  # a person's identity, a date's month and year, a school's phase
    known: bool = field(compare=False, default=False)


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
            if s and (folded[s - 1] in "@._" or folded[s - 1].isalnum()):
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
                if child.ends and (end == len(folded) or not (folded[end] in "@_" or folded[end].isalnum())):
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


def _name_words(name: str) -> list[str]:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    return [w for w in words if fold(w).strip(".") not in _TITLES] or words


def _first_forms(first: str) -> tuple[list[str], list[str]]:
    """(prefixes used as nicknames: 'Sam', 'Samu' for 'Samuel', three letters at least; nicknames from the table)."""
    fp = _key(fold(first))
    prefixes = [fp[:n] for n in range(3, len(fp))] if len(fp) > 3 and fp[:3].isalpha() else []
    table = sorted(nicknames().get(fp, frozenset()) - {fp} - set(prefixes))
    return prefixes, table


@functools.lru_cache(maxsize=256)
def _known_matcher(known: Known) -> _Matcher:
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
                kind = "street" if street != part or _street_like(part) else "place"
                m.add(street.split(), _Entry(kind, "", 74, len(street.split()) == 1))
    for school, phase in known.schools:
        _add_school(m, school, phase)
    for p in known.postcodes:  # the outward code alone ("EX1"), as written in capitals
        outward = _squash(spelling.read(p))[:-3]
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
    if len(words) > 1:
        m.add(words, _Entry(role, "", 80, False))
        firsts = tuple([first] + prefixes + table)
        m.add([firsts, last], _Entry(role, "", 80, False))
        if middles:  # each middle name in full or as an initial
            m.add([firsts] + [(w, fold(w)[:1]) for w in middles] + [last], _Entry(role, "", 80, False))
    m.add([tuple(words)], _Entry(role, "", 70, True))  # each word alone
    if prefixes or table:  # 'Sam' for 'Samuel', 'Bill' for 'William': with a capital ('the bill' stays)
        m.add([tuple(prefixes + table)], _Entry(role, "", 60, True))


def _add_school(m: _Matcher, school: str, phase: str) -> None:
    words = school.split()
    entry = _Entry("school", phase, 76, True)
    m.add(words, entry)
    if len(words) > 2:
        m.add(words[:-1], entry)  # "Thistlecombe Primary" for "Thistlecombe Primary School"
    stem = []
    for w in words:
        if fold(w) in _GENERIC_SCHOOL and stem:
            break
        stem.append(w)
    if stem and len(stem) < len(words) and len("".join(stem)) >= 4:
        m.add(stem, entry)  # "Thistlecombe"


class Redactor:
    """Redacts the texts of one document, numbering other people consistently across them."""

    def __init__(self, known: Known | None = None, style: str = "words", dates: str = "month"):
        if style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}")
        if dates not in DATES:
            raise ValueError(f"dates must be one of {', '.join(DATES)}")
        self.known = known or Known()
        self.style = style
        self.dates = dates
        self.born = _date_of_birth(self.known)
        self.people = _People()  # other people, numbered in the order the document names them
        self._matcher = _known_matcher(self.known)

    # -- the one entry point --

    def redact(self, text: str) -> Result:
        """``text`` with every identifier found replaced, and the list of replacements."""
        # Everything is found in the text as a reader sees it (no invisible characters, no accents, 'ł' as
        # 'l'), and each find replaces the whole of what it stands for in the original.
        seen, origin = spelling.as_read(text)
        folded = spelling.lower(seen)  # fold(text), one character for one character of seen
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(seen)]
        hits: list[_Hit] = []
        fallback: list[_Hit] = []  # chosen only where nothing in hits was
        self._find_known(seen, folded, hits)
        self._find_patterns(seen, folded, hits, fallback)
        chosen = _choose(hits, protected)
        chosen += _choose(fallback, protected + [(h.start, h.end) for h in chosen])
        self._find_people(seen, folded, chosen)
        chosen = _choose(chosen, protected)
        return self._render(text, seen, origin, chosen)

    def learn(self, texts: list[str]) -> None:
        """Meet the people named in all of a document's texts before redacting any: a name first written
        bare ("Okafor") and recognised only later ("Dr Okafor") is then replaced everywhere, and people are
        numbered in the order the document names them."""
        for text in texts:
            self.redact(text)

    # -- known identifiers --

    def _find_known(self, text: str, folded: str, hits: list[_Hit]) -> None:
        common = common_words()
        for s, e, entry in self._matcher.find(folded):
            if entry.capital and not _capitalised(text, s, e, common):
                continue
            if entry.kind in ("child", "parent", "caller", "officer"):
                s = _extend_left(text, s)
            hits.append(_Hit(s, e, entry.rank, entry.kind, entry.key, True))
        for email in self._known_emails:
            at = folded.find(email)
            while at >= 0:
                end = at + len(email)
                if _bounded(folded, at, end):
                    hits.append(_Hit(at, end, 90, "email", "", True))
                at = folded.find(email, at + 1)
        self._resolve_shared(text, hits)
        # The case's phone and postcode in other spellings are found with the patterns (_find_numbers).

    def _resolve_shared(self, text: str, hits: list[_Hit]) -> None:
        """A word two of the case's people share (a family's surname): 'Mrs Example' is the parent,
        'S. Example' whoever's first name starts with S, 'the Examples' the family."""
        by_span: dict[tuple[int, int], list[_Hit]] = {}
        for h in hits:
            if h.kind in ("child", "parent", "caller", "officer"):
                by_span.setdefault((h.start, h.end), []).append(h)
        for (s, e), group in by_span.items():
            roles = {h.kind for h in group}
            if len(roles) < 2:
                continue
            for h in group:
                hits.remove(h)
            lead = text[s:e].split()[0].rstrip(".")
            initials = {fold(n)[:1]: role for role, n in self.known.people if role in roles}
            if len(lead) == 1 and fold(lead) in initials:
                kind = initials[fold(lead)]
            elif fold(lead) in _TITLES:
                kind = next((r for r in ("parent", "caller", "officer") if r in roles), "family")
            else:
                kind = "family"
            hits.append(_Hit(s, e, max(h.rank for h in group), kind, "", True))

    @functools.cached_property
    def _known_phones(self) -> set[str]:
        return {k for k in (phone_key(spelling.read(p)) for p in self.known.phones) if k}

    @functools.cached_property
    def _known_emails(self) -> set[str]:
        return {fold(e) for e in self.known.emails if e}

    @functools.cached_property
    def _known_postcodes(self) -> set[str]:
        return {_squash(spelling.read(p)) for p in self.known.postcodes}

    # -- patterns --

    def _find_patterns(self, text: str, folded: str, hits: list[_Hit], fallback: list[_Hit]) -> None:
        if "@" in text:
            for m in _EMAIL.finditer(text):
                hits.append(_Hit(m.start(), m.end(), 40, "email"))
        if "www." in folded or "://" in text:
            for m in _URL.finditer(text):
                hits.append(_Hit(m.start(), m.end(), 39, "url"))
        if _DIGIT.search(text):
            self._find_numbers(text, folded, hits)
        for m in _ADDRESS.finditer(text):
            hits.append(_Hit(m.start(), m.end(), 20, "address"))
        for m in itertools.chain(_overlapping(_STREET, text), _overlapping(_STREET_SHORT, text)):
            s = _skip_leading(text, m.start(), m.end())
            if s is not None:
                hits.append(_Hit(s, m.end(), 18, "street"))
        first = {m.span() for m in _SCHOOL.finditer(text)}
        for m in _overlapping(_SCHOOL, text):
            s = _skip_leading(text, m.start(), m.end())
            if s is not None and s < m.start("kind") and not _MONTHS_ONLY.fullmatch(folded, s, m.start("kind")):
                # (not a month's name alone: "May Primary" is what "4 May" and "Primary" make)
                # The schools finditer gives come first; one that overlaps them ("C of E High School" in "St Mary's
                # C of E High School") only where they lost ("School the Primary" after a street that won "Jane").
                (hits if m.span() in first else fallback).append(
                    _Hit(s, m.end(), 19, "school", school_phase(text[s:m.end()])))
        self._find_dates(text, folded, hits, fallback)

    def _find_numbers(self, text: str, folded: str, hits: list[_Hit]) -> None:
        """Phone numbers, postcodes and reference numbers; the case's own phone and postcode as known."""
        for m in _PHONE.finditer(text):
            key = phone_key(m.group())
            if key:
                hits.append(_Hit(_phone_start(m), m.end(), 30, "phone"))
                if key in self._known_phones:
                    hits.append(_Hit(_phone_start(m), m.end(), 50, "phone", "", True))
        for m in _INTL_PHONE.finditer(text) if "+" in text else ():
            if phone_key(m.group()):
                hits.append(_Hit(m.start(), m.end(), 29, "phone"))
        for m in _POSTCODE.finditer(folded):
            if any(c.isdigit() for c in m.group()):
                hits.append(_Hit(m.start(), m.end(), 30, "postcode"))
                if _squash(m.group()) in self._known_postcodes:
                    hits.append(_Hit(m.start(), m.end(), 50, "postcode", "", True))
        for m in _NHS.finditer(text):
            if nhs_number_valid(re.sub(r"\D", "", m.group())):
                hits.append(_Hit(m.start(), m.end(), 35, "nhs"))
        for m in _UPN.finditer(folded):
            if upn_valid(m.group()):
                hits.append(_Hit(m.start(), m.end(), 35, "upn"))
        for m in _NINO.finditer(folded):
            # In capitals as HMRC prints it, or as one word ("ab123456c"): lower-case words around digits
            # ("on 900123 a", what "on 900123 BS35" becomes) are prose, and a replacement ("a postcode") must
            # never be read again as part of an identifier. A replacement never starts straight after a digit
            # (every pattern and name looks behind for a word character), so one word cannot be one made.
            written = text[m.start():m.end()]
            if " " not in written or not any(c.islower() for c in written):
                hits.append(_Hit(m.start(), m.end(), 34, "nino"))

    def _find_dates(self, text: str, folded: str, hits: list[_Hit], fallback: list[_Hit]) -> None:
        dobs = {d[:10] for d in self.known.dates_of_birth}
        dob_months = {d[:7] for d in dobs}
        dates: list[_Hit] = []
        for m in date_matches(text, folded):
            parts = m.groupdict()
            month = _month(parts)
            if month is None:
                continue
            day = int(parts["d"]) if parts.get("d") else None
            if day is not None and not 1 <= day <= 31:
                continue
            year = _year(parts.get("y"))
            start = m.start()
            before = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
            if before:
                start = before.start()
            stamp = f"{year:04d}-{month:02d}" if year else ""
            if (day and stamp and f"{stamp}-{day:02d}" in dobs) or (not day and stamp in dob_months):
                hits.append(_Hit(start, m.end(), 33, "dob"))
                continue
            age = _age(self.born, year, month, day or 1) if self.dates == "age" and year else None
            if age is None:  # the month and year; so also when the child's date of birth is not known
                words = MONTHS[month - 1] + (f" {year}" if year else "")
            else:  # "on 4 May 2026" -> "at age 10"
                words = f"[AGE {age}]" if self.style == "tags" else f"age {age}"
                prep = _ON_OR_IN.search(text, max(0, start - 4), start)
                if prep:
                    start, words = prep.start(), "at " + words
            dates.append(_Hit(start, m.end(), 32 - (not day), "date", words))
        hits += _merged_dates(text, dates)
        # Each reading alone too, where the merged one lost ("May 4 May Jane Primary": the school takes "May Jane
        # Primary", and "May 4" is still a date).
        fallback += [d for h in dates for d in _merged_dates(text, [h])]

    # -- other people --

    def _find_people(self, text: str, folded: str, chosen: list[_Hit]) -> None:
        first, last, common = first_names(), surnames(), common_words()
        taken = _Taken([(h.start, h.end) for h in chosen], len(text))
        tokens = [m for m in _capitalised_words().finditer(text) if not taken.overlaps(m.start(), m.end())]
        words = [_base(folded[t.start():t.end()]) for t in tokens]  # folded: offsets those of the text
        learned = self.people.words
        i = 0
        while i < len(tokens):
            tok, word = tokens[i], words[i]
            span = None
            nxt = tokens[i + 1] if i + 1 < len(tokens) and _adjacent(text, tok.end(), tokens[i + 1].start()) else None
            if word in _TITLES and nxt is not None:
                span, name = self._person_after_title(text, tokens, words, i)
            elif word in first and (word not in common or _surname_after_common(nxt, last, common)):
                name, end = (word, None), tok.end()
                if nxt is not None and _name_like(nxt, last, common):
                    name, end = (word, words[i + 1]), nxt.end()
                span = (_extend_left(text, tok.start()), end)
            elif word in last and word not in common:
                name, span = (None, word), (_extend_left(text, tok.start()), tok.end())
            elif word in learned:  # a name met earlier in the document ("Dr Okafor", then "Okafor")
                name, span = learned[word], (_extend_left(text, tok.start()), tok.end())
            if span is not None and not taken.overlaps(*span):
                n = self.people.number(*name)
                chosen.append(_Hit(span[0], span[1], 10, "person", str(n)))
                taken.add(*span)
                i += len([t for t in tokens[i:i + 4] if t.start() < span[1]]) or 1
            else:
                i += 1
        for tok, word in zip(tokens, words):  # a name learned only after it was first written bare
            if word in learned and not taken.overlaps(tok.start(), tok.end()):
                chosen.append(_Hit(tok.start(), tok.end(), 10, "person", str(self.people.number(*learned[word]))))
                taken.add(tok.start(), tok.end())

    def _person_after_title(self, text: str, tokens: list, words: list[str], i: int):
        j, names = i + 1, []
        end = tokens[i].end()
        while j < len(tokens) and j <= i + 3 and _adjacent(text, end, tokens[j].start(), initials=True):
            w = words[j]
            if w in _GENERIC_SCHOOL or w in _NOT_NAME_START or w in _TITLES:
                break
            names.append(w)
            end = tokens[j].end()
            j += 1
        if not names:
            return None, (None, None)
        given = names[0] if len(names) > 1 and len(names[0]) > 1 else None  # "Mrs J. Hughes": no given name
        return (tokens[i].start(), end), (given, names[-1])

    # -- output --

    def _words(self, hit: _Hit) -> str:
        tags = self.style == "tags"
        if hit.kind == "person":
            return f"[PERSON {hit.key}]"
        if hit.kind == "date":
            return hit.key
        if hit.kind == "school":
            words = _SCHOOL_WORDS.get(hit.key, "a school")
            return "[" + words.upper().removeprefix("A ").removeprefix("AN ") + "]" if tags else words
        return _WORDS[hit.kind][1 if tags else 0]

    def _render(self, text: str, seen: str, origin: spelling.Origin | None, chosen: list[_Hit]) -> Result:
        """``text`` with each hit (found in ``seen``, the text as read) replaced: the whole of its original span."""
        out: list[str] = []
        done: list[Replacement] = []
        pos = length = 0
        for hit in sorted(chosen, key=_position):
            words = self._words(hit)
            if _sentence_start(seen, hit.start):  # "The child said", "A primary school has"
                words = words[0].upper() + words[1:]
            start, end = origin.span(hit.start, hit.end) if origin is not None else (hit.start, hit.end)
            start = max(start, pos)  # two hits within one 'æ' (read as 'ae'): the letter goes with the first
            end = max(end, start)
            between = text[pos:start]
            out.append(between)
            length += len(between)
            out.append(words)
            done.append(Replacement(hit.kind, start, end, words, length, length + len(words), hit.known))
            length += len(words)
            pos = end
        out.append(text[pos:])
        return Result("".join(out), done)


class _People:
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
            if word and len(word) > 1 and word not in common_words() and word not in _NOT_NAME_START \
                    and word not in _GENERIC_SCHOOL:
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


def _bounded(folded: str, s: int, e: int) -> bool:
    """Not inside a longer word, email or web address."""
    before = folded[s - 1] if s else " "
    after = folded[e] if e < len(folded) else " "
    return not (before in "@._" or before.isalnum() or after in "@_" or after.isalnum())


def _street_like(part: str) -> bool:
    return re.search(r"\b" + _STREET_SUFFIX + r"$", part) is not None


class _Taken:
    """The characters already replaced (a mask: checking a span is one search in C)."""

    def __init__(self, spans, size: int):
        self.mask = bytearray(size)
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) >= 0

    def add(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)


def _position(hit: _Hit) -> tuple[int, int, int]:
    return hit.start, hit.end, hit.rank


def _overlapping(pattern: re.Pattern, text: str):
    """Every match of ``pattern``, one at each place one starts, overlapping ones too: finditer's "Primary Lane"
    hides "Lane Lane"; when a school wins "Primary", the street left must be found now, not in the redacted text."""
    m = pattern.search(text)
    while m is not None:
        yield m
        m = pattern.search(text, m.start() + 1)


def _choose(hits: list[_Hit], protected: list[tuple[int, int]]) -> list[_Hit]:
    """Non-overlapping hits: the longest first, then the higher rank; none inside an existing placeholder."""
    chosen: list[_Hit] = []
    taken = _Taken(protected, max([h.end for h in hits] + [e for _, e in protected] + [0]))
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), -h.rank, h.start)):
        if h.end > h.start and not taken.overlaps(h.start, h.end):
            chosen.append(h)
            taken.add(h.start, h.end)
    return chosen


def _capitalised(text: str, s: int, e: int, common: frozenset[str]) -> bool:
    """A match that is a common word ('Will', 'Rose') counts only when written with a capital."""
    word = text[s:e]
    return fold(word) not in common or word[:1].isupper()


@functools.lru_cache(maxsize=1)
def _capitalised_words() -> re.Pattern:
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


def _extend_left(text: str, s: int) -> int:
    """The start of a name with its title and initials ("Mrs J. Example"), if they precede it."""
    m = _LEFT.search(text, max(0, s - 24), s)
    return m.start() if m and m.end() == s else s


def _skip_leading(text: str, s: int, e: int) -> int | None:
    """The start after leading words such as 'The', 'Her', 'Local'; None if nothing distinctive is left."""
    for m in _TOKEN.finditer(text, s, e):
        if fold(m.group()) not in _NOT_NAME_START:
            return m.start()
    return None


_NEXT_WORD = re.compile(r"[ \t]{1,2}|\n")
_NEXT_AFTER_INITIAL = re.compile(r"\.?[ \t]{1,2}|\.?\n|\.")


def _adjacent(text: str, end: int, start: int, initials: bool = False) -> bool:
    return (_NEXT_AFTER_INITIAL if initials else _NEXT_WORD).fullmatch(text, end, start) is not None


def _name_like(tok, last: frozenset[str], common: frozenset[str]) -> bool:
    if tok is None:
        return False
    w = fold(_base(tok.group()))
    return w in last or (w not in common and w not in _GENERIC_SCHOOL and w not in _NOT_NAME_START
                         and w not in _TITLES  # "Sarah Mrs Okafor": "Mrs" begins the next name
                         and w not in first_names() and tok.group()[1:2].islower() and not _month_word(w)
                         and len(w) > 2 and _surname_shape(w))


def _surname_after_common(tok, last: frozenset[str], common: frozenset[str]) -> bool:
    """After a first name that is also a word ('Mark', 'Young'): a listed surname, or a name-like word not a plural ('Young Minds')."""
    return tok is not None and (fold(_base(tok.group())) in last or
                                (_name_like(tok, last, common) and not tok.group().endswith("s")))


def _surname_shape(w: str) -> bool:
    return not w.endswith(("ing", "ed", "ly", "tion", "ment", "ness"))


def _month_word(w: str) -> bool:
    return re.fullmatch(_MONTH_RE, w) is not None


def _base(word: str) -> str:
    """A word without its possessive: "Sam's" -> "Sam"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


# A sentence starts after . ! ?, at a line after an ended line or a blank one, or at a bullet; not at a
# line break inside a wrapped sentence.
_SENTENCE_START = re.compile(r"(?:^|[.!?]|(?:^|[.!?:\n])[ \t]*\n|(?:^|\n)[ \t]*[-*•])[ \t\"'“‘(]*$")


def _sentence_start(text: str, s: int) -> bool:
    """At the start of the text, a sentence, a line or a bullet, after any opening quote or bracket."""
    return _SENTENCE_START.search(text, max(0, s - 24), s) is not None


_MONTH_WORD = re.compile(r"\b" + _MONTH_RE + r"\b")  # on lower-case text
_DAY_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]+$", re.I)


def _merged_dates(text: str, dates: list[_Hit]) -> list[_Hit]:
    """Overlapping readings of one date ("4 May 12": "4 May" and "May 12") as one, so that what replaces it
    is not read as a date again; "in May 2026" after a number or a title ("Room 9 4 May 2026", "Dr 4 May")
    and "May," before a number, for the same reason."""
    merged: list[_Hit] = []
    for h in sorted(dates, key=lambda h: (h.start, -h.end)):
        if merged and h.start < merged[-1].end:
            last = merged[-1]
            words = max((last.key, h.key), key=lambda w: (any(c.isdigit() for c in w), len(w)))
            merged[-1] = _Hit(last.start, max(last.end, h.end), max(last.rank, h.rank), "date", words)
        else:
            merged.append(h)
    out = []
    for h in merged:
        words = h.key
        if words[:3] in _MONTH_ABBREVIATIONS and _JOINS_MONTH.search(text, max(0, h.start - 24), h.start):
            words = "in " + words
        if words[-1:].isalpha() and _DAY_AFTER.match(text, h.end):  # "May 4 4": "May, 4"
            words += ","
        if words[-1:].isdigit() and _MONTH_AFTER.match(text, h.end):  # "May 2026 May": "age 12, May", not "12 May"
            words += ","
        if words[-1:].isalpha() and _NAME_END_AFTER.match(text, h.end):
            words += ","  # "School 4 May Primary", "May 4 Lane": "May, Primary", not a school or a street "May Lane"
        out.append(_Hit(h.start, h.end, h.rank, "date", words))
    return out


_MONTHS_ONLY = re.compile(r"(?:" + _MONTH_RE + r"\.?\s+)+")
# What a month's name would join if written straight after it: a day ("9 May"), a title ("Dr May").
_JOINS_MONTH = re.compile(r"(?:\b[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]+|\b" + _TITLE_RE + r")$", re.I)
_DAY_AFTER = re.compile(r"\s+[0-3]?\d")
_MONTH_AFTER = re.compile(r"\s+" + _MONTH_RE + r"\b", re.I)
# What ends a school's or a street's name, after a month's name: they would join.
_NAME_END_AFTER = re.compile(r"\s+(?:Primary|Infants?|Junior|First|Secondary|High|Grammar|Academy|College|School|"
                             r"Nursery|Community|Church|C\s?of|CE|Catholic|" + _STREET_SUFFIX[3:-1] + r")\b")


_MONTH_ABBREVIATIONS = frozenset(m[:3] for m in MONTHS)


def date_matches(text: str, folded: str) -> list[re.Match]:
    """What each of DATE_PATTERNS finds, as finditer would, but tried only where a month's name or a digit is:
    the three patterns with a month's name are matched at each month's name (found in one pass) instead of
    being run over the whole text."""
    found: list[re.Match] = []
    day_first, month_day, numeric, iso, month_year = DATE_PATTERNS
    day_first_end = 0  # finditer's matches do not overlap: the next is looked for after the last
    for month in _MONTH_WORD.finditer(folded):  # folded: lower case, offsets those of the text
        a = month.start()
        day = _DAY_BEFORE.search(text, max(day_first_end, a - 64), a)
        if day is not None:
            m = day_first.match(text, day.start())
            if m is not None and m.start("m") == a:
                found.append(m)
                day_first_end = m.end()
        found += [m for m in (month_day.match(text, a), month_year.match(text, a)) if m is not None]
    if _DIGIT.search(text):
        found += list(numeric.finditer(text)) + list(iso.finditer(text))
    return found


_ON_OR_IN = re.compile(r"\b(?:on|in) $", re.I)


def _date_of_birth(known: Known) -> dt.date | None:
    for value in known.dates_of_birth:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
    return None


def _age(born: dt.date | None, year: int, month: int, day: int) -> int | None:
    """Whole years from ``born`` to that day (the first of the month when no day is written); None before birth."""
    if born is None:
        return None
    age = year - born.year - ((month, day) < (born.month, born.day))
    return age if age >= 0 else None


def _month(parts: dict) -> int | None:
    if parts.get("m"):
        key = parts["m"].lower()[:3]
        return [m[:3].lower() for m in MONTHS].index(key) + 1
    n = int(parts["n"]) if parts.get("n") else 0
    return n if 1 <= n <= 12 else None


def _year(y: str | None) -> int | None:
    if not y:
        return None
    y = y.lstrip("'")
    if len(y) == 2:
        return 2000 + int(y) if int(y) < 70 else 1900 + int(y)
    return int(y)


# --- whole texts and whole cases ---------------------------------------------------------


def redact_text(text: str, known: Known | None = None, style: str = "words", dates: str = "month") -> Result:
    """``text`` redacted with what is known (nothing, for a free-standing text) and every pattern."""
    return Redactor(known, style, dates).redact(text)


def case_study(record: dict, known: Known, style: str = "words", dates: str = "month") -> Result:
    """An anonymised case study in Markdown: the profile generalised and the notes redacted.

    Never a date of birth, a school, a postcode or a name: the profile gives the age
    band, the type of setting, the SEN stage, the need, the issues and the support.
    """
    from ..records import codes

    redactor = Redactor(known, style, dates)
    profile = record.get("profile") or {}
    lines = ["# Case study", ""]
    for key in ("age_band", "school_phase", "sen_stage", "primary_need", "support_level"):
        if profile.get(key):
            lines.append(f"- {_label(codes, 'profile.' + key)}: {_describe(codes, 'profile.' + key, profile[key])}")
    if profile.get("issues"):
        issues = ", ".join(_describe(codes, "profile.issues", i) for i in profile["issues"])
        lines.append(f"- {_label(codes, 'profile.issues')}: {issues}")
    if (record.get("closed") or {}).get("outcome"):
        lines.append(f"- {_label(codes, 'closed.outcome')}: {_describe(codes, 'closed.outcome', record['closed']['outcome'])}")
    replacements: list[Replacement] = []
    notes = record.get("notes") or []
    redactor.learn([note.get("text", "") for note in notes])
    if notes:
        lines += ["", "## Notes"]
    for n, note in enumerate(notes, 1):
        when = _when(redactor, str(note.get("at") or ""))
        heading = f"### Note {n}" + (f" ({when})" if when else "")
        lines += ["", heading, ""]
        offset = sum(len(line) + 1 for line in lines)
        result = redactor.redact(note.get("text", ""))
        replacements += [Replacement(r.kind, r.start, r.end, r.text, r.out_start + offset, r.out_end + offset, r.known)
                         for r in result.replacements]
        lines.append(result.text)
    return Result("\n".join(lines) + "\n", replacements)


def _when(redactor: Redactor, at: str) -> str:
    """A note's time as its month and year, or the child's age then."""
    try:
        day = dt.date.fromisoformat(at[:10])
    except ValueError:
        return ""
    age = _age(redactor.born, day.year, day.month, day.day) if redactor.dates == "age" else None
    if age is not None:
        return f"[AGE {age}]" if redactor.style == "tags" else f"age {age}"
    return f"{MONTHS[day.month - 1]} {day.year}"


def _label(codes, path: str) -> str:
    words = codes.label(path)
    words = words.removeprefix("the ")
    return words[:1].upper() + words[1:]


def _describe(codes, path: str, value: str) -> str:
    try:
        return codes.describe(path, value)
    except KeyError:
        return str(value)
