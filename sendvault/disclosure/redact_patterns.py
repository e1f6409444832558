"""Identifiers found by their shape (redaction's patterns): postcodes, phone numbers (parsed by
``phonenumbers``), e-mails, web addresses, NHS numbers (checksum), Unique Pupil Numbers (check
letter), National Insurance numbers, dates written many ways, street addresses and schools.

Pure; each regular expression is compiled once, when the module loads. ``Hit`` is what every
finder of redaction gives: a span, a rank and a kind (``redact.Redactor`` chooses among them).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = ""
WEEKDAY_BEFORE = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?$", re.I)
DATE_PATTERNS = (
    # 12 March 2026, 12th March, Tuesday 12 Mar '26, 3rd of June 2025 ("12 Mar." takes its full stop only before a
    # year: "on 4 May. Then" keeps the sentence's)
    re.compile(_WEEKDAY + r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m>" + MONTH_RE
               + r")\b(?:\.?,?[\s-]+(?P<y>(?:19|20)\d\d|'\d\d)\b)?", re.I),
    # March 12th, 2026; March 12
    re.compile(_WEEKDAY + r"\b(?P<m>" + MONTH_RE + r")\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I),
    # 12/03/2026, 12-03-26, 12.03.2026 (begun with a digit and looked behind after it, so the regex engine
    # skips to digits: "\b(?P<d>[0-3]?\d)..." in plain form; a test checks the two agree)
    re.compile(r"(?P<d>[0-3](?<!\w[0-3])\d|\d(?<!\w\d))(?P<sep>[/.-])(?P<n>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)\b"),
    # 2026-03-12 ("\b(?P<y>(?:19|20)\d\d)-..." in plain form)
    re.compile(r"(?P<y>[12](?<!\w[12])(?:(?<=1)9|(?<=2)0)\d\d)-(?P<n>[01]\d)-(?P<d>[0-3]\d)\b"),
    # March 2026 (already a month and year: kept, unless it is the date of birth's)
    re.compile(r"\b(?P<m>" + MONTH_RE + r")\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
)

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.I)
# Postcodes, UPNs and NI numbers are looked for in the folded (lower-case) text: a case-blind search is slower.
POSTCODE = re.compile(r"\b(?:gir ?0aa|[a-pr-uwyz][a-hk-y]?\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})\b")
# Phone and NHS numbers, addresses, streets and schools: each pattern begins with the character it must start with, and
# looks behind after it (not before), so the regex engine skips ahead to those characters; tests check each
# against its plain form ("(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d..." for phones).
# A phone number ends at the end of a word: one that ended inside "2AB" left "AB" to be read, after its
# replacement, as the start of a school's name.
PHONE = re.compile(r"(?:\+(?<![\w+]\+)\s?44\s?(?:\(0\)\s?)?|0(?<![\w+]0)0\s?44\s?(?:\(0\)\s?)?|\((?<![\w+]\()0|0(?<![\w+]0))"
                    r"\d(?:[\s\-]?\)?[\s\-]?\d){8,9}(?!\w)")


def phone_start(m: re.Match) -> int:
    """Where a phone number found by ``PHONE`` starts: an opening bracket it never closes ("(07700 900555)")
    is the sentence's, not the number's, and stays in the text."""
    return m.start() + 1 if m.group().startswith("(") and ")" not in m.group() else m.start()


# Another country's number, after "+" or "00": "+1 (202) 555 0143", "0033 1 42 68 53 00", "+33 (0)1 42 68 53 00",
# "+1.202.555.0143". A closing bracket only after its opening one: the one that closes a sentence's bracket
# ("(+33 1 42 68 53 00)") stays in the text.
INTL_PHONE = re.compile(r"(?:\+(?<![\w+]\+)|00(?<![\w+]00))(?!44)[1-9]\d{0,2}(?:\s?\(0\))?"
                        r"(?:[ .\-]?(?:\(\d+\)|\(?\d+)){2,5}(?!\d)")
_GROUP_END = re.compile(r"[\d)](?=[ .\-(])")


def intl_phone(m: re.Match) -> tuple[int, str] | None:
    """The end and the E.164 form of the longest valid number an ``INTL_PHONE`` match begins with, or None: the
    pattern also takes a number written after one ("+1 202 555 0143 5 times"), and the two together are none."""
    written = m.group()
    for end in [len(written)] + [g.end() for g in _GROUP_END.finditer(written)][::-1]:
        key = phone_key(written[:end])
        if key is not None:
            return m.start() + end, key
    return None


def joined(start: int, end: int, hits: list[Hit]) -> tuple[int, int]:
    """Another country's number, from ``start`` to ``end``, with the phone numbers found overlapping it: a UK number
    written into it ("+1 202 555 0143 1 2 3 4567") is one number with it, as either replaced alone would leave the
    other's digits readable."""
    into = [h for h in hits if h.kind == "phone" and h.start < end and start < h.end]
    return min([start] + [h.start for h in into]), max([end] + [h.end for h in into])


NHS = re.compile(r"\d(?<![\d-]\d)\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
UPN = re.compile(r"\b[a-hj-np-rt-z]\d{11}[0-9a-hj-np-rt-z]\b")
NINO = re.compile(r"\b(?!bg|gb|nk|kn|tn|nt|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d\d ?\d\d ?\d\d ?[a-d]\b")
_STREET_SUFFIX = (r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Gardens|Place|Court|Terrace|"
                  r"Grove|Park|Rise|View|Walk|Row|Square|Mews|Parade|Hill|Green|Vale|Fields|Meadows|Mount|Chase)")
_CAP = r"[A-Z][\w'’-]*"
DIGIT = re.compile(r"\d")
ADDRESS = re.compile(r"[FAU0-9](?<!\w[FAU0-9])(?:(?<=F)lat\s+\d+[A-Za-z]?,?\s+\d|(?<=A)partment\s+\d+[A-Za-z]?,?\s+\d|"
                      r"(?<=U)nit\s+\d+[A-Za-z]?,?\s+\d|(?<=\d))\d{0,3}[A-Za-z]?,?\s+(?:" + _CAP + r"\s+){1,3}"
                      + _STREET_SUFFIX + r"\b\.?")
_CAP_REST = r"[\w'’-]*"  # a capitalised word after its capital
STREET = re.compile(r"[A-Z](?<!\w[A-Z])" + _CAP_REST + r"\s+(?:" + _CAP + r"\s+)?" + _STREET_SUFFIX
                     + r"\b(?!\s+(?:School|Academy|Primary))")
# The same without its optional middle word: at one start the regex engine gives only the longer ("Primary Lane
# Lane"), and when that loses to an overlapping find, the shorter ("Primary Lane") must be a candidate too.
STREET_SHORT = re.compile(r"[A-Z](?<!\w[A-Z])" + _CAP_REST + r"\s+" + _STREET_SUFFIX + r"\b(?!\s+(?:School|Academy|Primary))")
SCHOOL = re.compile(r"(?P<stem>[A-Z](?<!\w[A-Z])(?:(?<=S)t\.?\s+" + _CAP + "|" + _CAP_REST + r")"
                     r"(?:\s+(?:" + _CAP + r"|of|and|&|the|St\.?))*?)\s+"
                     r"(?P<kind>Primary|Infants?|Junior|First|Secondary|High|Grammar|Academy|College|School|Nursery|"
                     r"Community\s+School|Church\s+of\s+England|C\s?of\s?E|CE|Catholic)"
                     r"(?:\s+(?:Primary|Infant|Junior|Academy|School|College|Nursery))*\b")


TITLE_RE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor)\.?\s+)"


PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9 :]*\]")


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


# --- what every finder gives ------------------------------------------------------------


@dataclass(order=True)
class Hit:
    """One identifier found: its span in the text as read, its rank (the higher wins a tie), its kind."""

    start: int
    end: int
    rank: int  # higher wins a tie on the same span
    kind: str = field(compare=False)
    key: str = field(compare=False, default="")  # a person's identity, a date's month and year, a school's phase
    known: bool = field(compare=False, default=False)


def street_like(part: str) -> bool:
    return re.search(r"\b" + _STREET_SUFFIX + r"$", part) is not None


def overlapping(pattern: re.Pattern, text: str):
    """Every match of ``pattern``, one at each place one starts, overlapping ones too: finditer's "Primary Lane"
    hides "Lane Lane"; when a school wins "Primary", the street left must be found now, not in the redacted text."""
    m = pattern.search(text)
    while m is not None:
        yield m
        m = pattern.search(text, m.start() + 1)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


# --- dates ------------------------------------------------------------------------------

_MONTH_WORD = re.compile(r"\b" + MONTH_RE + r"\b")  # on lower-case text
# How far before a month's name its day is looked for ("4      May"); what replaces a date looks as far for a day
# it would join, or a redacted text redacted again would lose it ("Room 9 <30 blanks> May 2026": "Room May 2026").
DAY_REACH = 64
_DAY_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]+$", re.I)


def merged_dates(text: str, dates: list[Hit]) -> list[Hit]:
    """Overlapping readings of one date ("4 May 12": "4 May" and "May 12") as one, so that what replaces it
    is not read as a date again; "in May 2026" after a number or a title ("Room 9 4 May 2026", "Dr 4 May")
    and "May," before a number, for the same reason."""
    merged: list[Hit] = []
    for h in sorted(dates, key=lambda h: (h.start, -h.end)):
        if merged and h.start < merged[-1].end:
            last = merged[-1]
            words = max((last.key, h.key), key=lambda w: (any(c.isdigit() for c in w), len(w)))
            merged[-1] = Hit(last.start, max(last.end, h.end), max(last.rank, h.rank), "date", words)
        else:
            merged.append(h)
    out = []
    for h in merged:
        words = h.key
        if words[:3] in _MONTH_ABBREVIATIONS and _JOINS_MONTH.search(text, max(0, h.start - DAY_REACH), h.start):
            words = "in " + words
        if words[-1:].isalpha() and _DAY_AFTER.match(text, h.end):  # "May 4 4": "May, 4"
            words += ","
        if words[-1:].isdigit() and _MONTH_AFTER.match(text, h.end):  # "May 2026 May": "age 12, May", not "12 May"
            words += ","
        if words[-1:].isalpha() and _NAME_END_AFTER.match(text, h.end):
            words += ","  # "School 4 May Primary", "May 4 Lane": "May, Primary", not a school or a street "May Lane"
        out.append(Hit(h.start, h.end, h.rank, "date", words))
    return out


MONTHS_ONLY = re.compile(r"(?:" + MONTH_RE + r"\.?\s+)+")
# What a month's name would join if written straight after it: a day ("9 May"), a title ("Dr May").
_JOINS_MONTH = re.compile(r"(?:\b[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]+|\b" + TITLE_RE + r")$", re.I)
_DAY_AFTER = re.compile(r"\s+[0-3]?\d")
_MONTH_AFTER = re.compile(r"\s+" + MONTH_RE + r"\b", re.I)
# What ends a school's or a street's name, after a month's name: they would join.
_NAME_END_AFTER = re.compile(r"\s+(?:Primary|Infants?|Junior|First|Secondary|High|Grammar|Academy|College|School|"
                             r"Nursery|Community|Church|C\s?of|CE|Catholic|" + _STREET_SUFFIX[3:-1] + r")\b")


_MONTH_ABBREVIATIONS = frozenset(m[:3] for m in MONTHS)


def date_matches(text: str, folded: str) -> list[re.Match]:
    """What each of DATE_PATTERNS finds, as finditer would, but tried only where a month's name or a digit is:
    the three patterns with a month's name are matched at each month's name (found in one pass) instead of
    being run over the whole text, and in the folded text, where the month's name was found: "4 Мay 2026" with
    a Cyrillic "М" is a date as a reader sees it (in the text as read it matched no pattern, and stayed)."""
    found: list[re.Match] = []
    day_first, month_day, numeric, iso, month_year = DATE_PATTERNS
    day_first_end = 0  # finditer's matches do not overlap: the next is looked for after the last
    for month in _MONTH_WORD.finditer(folded):  # folded: lower case, offsets those of the text
        a = month.start()
        day = _DAY_BEFORE.search(folded, max(day_first_end, a - DAY_REACH), a)
        if day is not None:
            m = day_first.match(folded, day.start())
            if m is not None and m.start("m") == a:
                found.append(m)
                day_first_end = m.end()
        found += [m for m in (month_day.match(folded, a), month_year.match(folded, a)) if m is not None]
    if DIGIT.search(text):
        found += list(numeric.finditer(text)) + list(iso.finditer(text))
    return found


ON_OR_IN = re.compile(r"\b(?:on|in) $", re.I)


def age_on(born: dt.date | None, year: int, month: int, day: int) -> int | None:
    """Whole years from ``born`` to that day (the first of the month when no day is written); None before birth."""
    if born is None:
        return None
    age = year - born.year - ((month, day) < (born.month, born.day))
    return age if age >= 0 else None


def month_number(parts: dict) -> int | None:
    if parts.get("m"):
        key = parts["m"].lower()[:3]
        return [m[:3].lower() for m in MONTHS].index(key) + 1
    n = int(parts["n"]) if parts.get("n") else 0
    return n if 1 <= n <= 12 else None


def full_year(y: str | None) -> int | None:
    if not y:
        return None
    y = y.lstrip("'")
    if len(y) == 2:
        return 2000 + int(y) if int(y) < 70 else 1900 + int(y)
    return int(y)

