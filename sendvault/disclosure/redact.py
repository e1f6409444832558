"""Redaction: free text with no identifying detail left (R15, R25, R28).

Pure: a text (or a case) and what is known in, the redacted text and the list of
what was replaced out. No file is read but the name lists shipped in the package.

Two kinds of identifier are found:

- **known**: every identifier the case holds (the child's and the caller's names,
  the address, postcode, phone, email, school, date of birth), wherever it appears:
  any letter case and accents, across line breaks, possessives, initials with the
  surname, first-name prefixes used as nicknames ("Sam" for "Samuel"), the school
  without its last word, the address by its parts, the phone and postcode in other
  spellings (``redact_names`` says what is known, ``redact_matching`` finds it);
- **patterns**: identifiers the case does not hold: UK postcodes and phone numbers
  (parsed by ``phonenumbers``), emails, URLs, NHS numbers (checksum), Unique Pupil
  Numbers (check letter), National Insurance numbers, dates written many ways,
  street addresses, schools, the places and schools the vault configures
  (``redact_patterns``), and people's names (titles, and capitalised words found in
  the name lists: ``redact_names``).

Replacements keep the text readable and consistent within a document: the child
is "the child", the caller "the parent", another person "[PERSON 1]" every time.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from ..basics import spelling
from ..basics.spelling import fold
from .redact_matching import Taken, bounded, choose, handles, known_matcher, name_parts
from .redact_names import (GENERIC_SCHOOL, NOT_NAME_START, TITLES, Known, People, adjacent, capitalised,
                           capitalised_words, common_plurals, common_words, date_of_birth, extend_left, first_names,
                           name_like, school_phase, skip_leading, surname_after_common, surnames, without_possessive)
from .redact_patterns import (ADDRESS, DIGIT, EMAIL, INTL_PHONE, MONTHS, MONTHS_ONLY, NHS, NINO, ON_OR_IN, PHONE,
                              PLACEHOLDER, POSTCODE, SCHOOL, STREET, STREET_SHORT, UPN, URL, WEEKDAY_BEFORE, Hit,
                              age_on, date_matches, full_year, intl_phone, joined, merged_dates, month_number,
                              nhs_number_valid, overlapping, phone_key, phone_start, squash, upn_valid)


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
    "handle": ("a username", "[USERNAME]"),
    "url": ("a web address", "[URL]"),
    "nhs": ("an NHS number", "[NHS NUMBER]"),
    "upn": ("a pupil number", "[UPN]"),
    "nino": ("a National Insurance number", "[NI NUMBER]"),
    "dob": ("the child's date of birth", "[DATE OF BIRTH]"),
    "family": ("the family", "[FAMILY]"),
}
_SCHOOL_WORDS = {"primary": "a primary school", "secondary": "a secondary school", "special": "a special school",
                 "nursery": "a nursery", "college": "a college", "": "a school"}


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
    # What a case study left out, by kind ('private note', 'breach account'): counts, never content.
    left_out: dict[str, int] = field(default_factory=dict)


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
        self.born = date_of_birth(self.known)
        self.people = People()  # other people, numbered in the order the document names them
        self._matcher = known_matcher(self.known)
        self._name_parts = name_parts(self.known.people)

    # -- the one entry point --

    def redact(self, text: str) -> Result:
        """``text`` with every identifier found replaced, and the list of replacements."""
        # Everything is found in the text as a reader sees it (no invisible characters, no accents, 'ł' as
        # 'l'), and each find replaces the whole of what it stands for in the original.
        seen, origin = spelling.as_read(text)
        folded = spelling.lower(seen)  # fold(text), one character for one character of seen
        protected = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(seen)]
        hits: list[Hit] = []
        fallback: list[Hit] = []  # chosen only where nothing in hits was
        self._find_known(seen, folded, hits)
        self._find_patterns(seen, folded, hits, fallback)
        chosen = choose(hits, protected)
        chosen += choose(fallback, protected + [(h.start, h.end) for h in chosen])
        self._find_people(seen, folded, chosen)
        chosen = choose(chosen, protected)
        return self._render(text, seen, origin, chosen)

    def learn(self, texts: list[str]) -> None:
        """Meet the people named in all of a document's texts before redacting any: a name first written
        bare ("Okafor") and recognised only later ("Dr Okafor") is then replaced everywhere, and people are
        numbered in the order the document names them."""
        for text in texts:
            self.redact(text)

    # -- known identifiers --

    def _find_known(self, text: str, folded: str, hits: list[Hit]) -> None:
        common = common_words()
        for s, e, entry in self._matcher.find(folded):
            if entry.capital and not capitalised(text, s, e, common_plurals() if entry.plural else common):
                continue
            if entry.kind in ("child", "parent", "caller", "officer", "person"):
                s = extend_left(text, s)
            hits.append(Hit(s, e, entry.rank, entry.kind, entry.key, True))
        for email in self._known_emails:
            at = folded.find(email)
            while at >= 0:
                end = at + len(email)
                if bounded(folded, at, end):
                    hits.append(Hit(at, end, 90, "email", "", True))
                at = folded.find(email, at + 1)
        for s, e in handles(text, folded, self._name_parts):  # below every other find of the same span
            hits.append(Hit(s, e, 5, "handle", "", True))
        self._resolve_shared(text, hits)
        # The case's phone and postcode in other spellings are found with the patterns (_find_numbers).

    def _resolve_shared(self, text: str, hits: list[Hit]) -> None:
        """A word two of the case's people share (a family's surname): 'Mrs Example' is the parent,
        'S. Example' whoever's first name starts with S, 'the Examples' the family."""
        by_span: dict[tuple[int, int], list[Hit]] = {}
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
            elif fold(lead) in TITLES:
                kind = next((r for r in ("parent", "caller", "officer") if r in roles), "family")
            else:
                kind = "family"
            hits.append(Hit(s, e, max(h.rank for h in group), kind, "", True))

    @functools.cached_property
    def _known_phones(self) -> set[str]:
        return {k for k in (phone_key(spelling.read(p)) for p in self.known.phones) if k}

    @functools.cached_property
    def _known_emails(self) -> set[str]:
        return {fold(e) for e in self.known.emails if e}

    @functools.cached_property
    def _known_postcodes(self) -> set[str]:
        return {squash(spelling.read(p)) for p in self.known.postcodes}

    # -- patterns --

    def _find_patterns(self, text: str, folded: str, hits: list[Hit], fallback: list[Hit]) -> None:
        text = spelling.latin(text)  # "Мill Lane" with a Cyrillic "М", as a reader sees it (offsets unchanged)
        if "@" in text:
            for m in EMAIL.finditer(text):
                hits.append(Hit(m.start(), m.end(), 40, "email"))
        if "www." in folded or "://" in text:
            for m in URL.finditer(text):
                hits.append(Hit(m.start(), m.end(), 39, "url"))
        if DIGIT.search(text):
            self._find_numbers(text, folded, hits)
        for m in ADDRESS.finditer(text):
            hits.append(Hit(m.start(), m.end(), 20, "address"))
        for m in itertools.chain(overlapping(STREET, text), overlapping(STREET_SHORT, text)):
            s = skip_leading(text, m.start(), m.end())
            if s is not None:
                hits.append(Hit(s, m.end(), 18, "street"))
        first = {m.span() for m in SCHOOL.finditer(text)}
        for m in overlapping(SCHOOL, text):
            s = skip_leading(text, m.start(), m.end())
            if s is not None and s < m.start("kind") and not MONTHS_ONLY.fullmatch(folded, s, m.start("kind")):
                # (not a month's name alone: "May Primary" is what "4 May" and "Primary" make)
                # The schools finditer gives come first; one that overlaps them ("C of E High School" in "St Mary's
                # C of E High School") only where they lost ("School the Primary" after a street that won "Jane").
                (hits if m.span() in first else fallback).append(
                    Hit(s, m.end(), 19, "school", school_phase(text[s:m.end()])))
        self._find_dates(text, folded, hits, fallback)

    def _find_numbers(self, text: str, folded: str, hits: list[Hit]) -> None:
        """Phone numbers, postcodes and reference numbers; the case's own phone and postcode as known."""
        for m in PHONE.finditer(text):
            key = phone_key(m.group())
            if key:
                hits.append(Hit(phone_start(m), m.end(), 30, "phone"))
                if key in self._known_phones:
                    hits.append(Hit(phone_start(m), m.end(), 50, "phone", "", True))
        for m in INTL_PHONE.finditer(text) if "+" in text or "00" in text else ():
            found = intl_phone(m)
            if found:
                end, key = found
                hits.append(Hit(*joined(m.start(), end, hits), 29, "phone"))
                if key in self._known_phones:  # the family's own number, in another country
                    hits.append(Hit(m.start(), end, 50, "phone", "", True))
        for m in POSTCODE.finditer(folded):
            if any(c.isdigit() for c in m.group()):
                hits.append(Hit(m.start(), m.end(), 30, "postcode"))
                if squash(m.group()) in self._known_postcodes:
                    hits.append(Hit(m.start(), m.end(), 50, "postcode", "", True))
        for m in NHS.finditer(text):
            if nhs_number_valid(re.sub(r"\D", "", m.group())):
                hits.append(Hit(m.start(), m.end(), 35, "nhs"))
        for m in UPN.finditer(folded):
            if upn_valid(m.group()):
                hits.append(Hit(m.start(), m.end(), 35, "upn"))
        for m in NINO.finditer(folded):
            # In capitals as HMRC prints it, or as one word ("ab123456c"): lower-case words around digits
            # ("on 900123 a", what "on 900123 BS35" becomes) are prose, and a replacement ("a postcode") must
            # never be read again as part of an identifier. A replacement never starts straight after a digit
            # (every pattern and name looks behind for a word character), so one word cannot be one made.
            written = text[m.start():m.end()]
            if " " not in written or not any(c.islower() for c in written):
                hits.append(Hit(m.start(), m.end(), 34, "nino"))

    def _find_dates(self, text: str, folded: str, hits: list[Hit], fallback: list[Hit]) -> None:
        dob_months = {d[:7] for d in self.known.dates_of_birth}
        dates: list[Hit] = []
        for m in date_matches(text, folded):
            parts = m.groupdict()
            month = month_number(parts)
            if month is None:
                continue
            day = int(parts["d"]) if parts.get("d") else None
            if day is not None and not 1 <= day <= 31:
                continue
            year = full_year(parts.get("y"))
            start = m.start()
            before = WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
            if before:
                start = before.start()
            stamp = f"{year:04d}-{month:02d}" if year else ""
            # The date of birth, or another day of its month: as a month and year it would say the birth's.
            if stamp in dob_months:
                hits.append(Hit(start, m.end(), 33, "dob"))
                continue
            age = age_on(self.born, year, month, day or 1) if self.dates == "age" and year else None
            if age is None:  # the month and year; so also when the child's date of birth is not known
                words = MONTHS[month - 1] + (f" {year}" if year else "")
            else:  # "on 4 May 2026" -> "at age 10"
                words = f"[AGE {age}]" if self.style == "tags" else f"age {age}"
                prep = ON_OR_IN.search(text, max(0, start - 4), start)
                if prep:
                    start, words = prep.start(), "at " + words
            dates.append(Hit(start, m.end(), 32 - (not day), "date", words))
        hits += merged_dates(text, dates)
        # Each reading alone too, where the merged one lost ("May 4 May Jane Primary": the school takes "May Jane
        # Primary", and "May 4" is still a date).
        fallback += [d for h in dates for d in merged_dates(text, [h])]

    # -- other people --

    def _find_people(self, text: str, folded: str, chosen: list[Hit]) -> None:
        first, last, common = first_names(), surnames(), common_words()
        taken = Taken([(h.start, h.end) for h in chosen], len(text))
        tokens = [m for m in capitalised_words().finditer(text) if not taken.overlaps(m.start(), m.end())]
        words = [without_possessive(folded[t.start():t.end()]) for t in tokens]  # folded: offsets those of the text
        learned = self.people.words
        i = 0
        while i < len(tokens):
            tok, word = tokens[i], words[i]
            span = None
            # After a title, a full stop too ("Dr. Okafor"), as _person_after_title reads it.
            nxt = tokens[i + 1] if i + 1 < len(tokens) and adjacent(text, tok.end(), tokens[i + 1].start(),
                                                                    initials=word in TITLES) else None
            if word in TITLES and nxt is not None:
                span, name = self._person_after_title(text, tokens, words, i)
            elif word in first and (word not in common or surname_after_common(nxt, last, common)):
                name, end = (word, None), tok.end()
                if nxt is not None and name_like(nxt, last, common):
                    name, end = (word, words[i + 1]), nxt.end()
                span = (_name_start(text, taken, tok.start(), end), end)
            elif word in last and word not in common:
                name, span = (None, word), (_name_start(text, taken, tok.start(), tok.end()), tok.end())
            elif word in learned:  # a name met earlier in the document ("Dr Okafor", then "Okafor")
                name, span = learned[word], (_name_start(text, taken, tok.start(), tok.end()), tok.end())
            if span is not None and not taken.overlaps(*span):
                n = self.people.number(*name)
                chosen.append(Hit(span[0], span[1], 10, "person", str(n)))
                taken.add(*span)
                i += len([t for t in tokens[i:i + 4] if t.start() < span[1]]) or 1
            else:
                i += 1
        for tok, word in zip(tokens, words):  # a name learned only after it was first written bare
            if word in learned and not taken.overlaps(tok.start(), tok.end()):
                start = _name_start(text, taken, tok.start(), tok.end())  # with its initials ("J. Okonjo"), as above
                chosen.append(Hit(start, tok.end(), 10, "person", str(self.people.number(*learned[word]))))
                taken.add(start, tok.end())

    def _person_after_title(self, text: str, tokens: list, words: list[str], i: int):
        # Up to four names: three given names or initials and the surname ("Dr Anna Maria Jane Blorpton"); a full
        # stop goes on only after the title or an initial ("Dr. Okafor", "Mrs J. Hughes"), never after a name, where
        # it ends a sentence ("Mrs Hughes. Then ...").
        j, names = i + 1, []
        end = tokens[i].end()
        while j < len(tokens) and j <= i + 4 and adjacent(text, end, tokens[j].start(),
                                                           initials=j == i + 1 or len(words[j - 1]) == 1):
            w = words[j]
            if w in GENERIC_SCHOOL or w in NOT_NAME_START or w in TITLES:
                break
            names.append(w)
            end = tokens[j].end()
            j += 1
        if not names:
            return None, (None, None)
        given = names[0] if len(names) > 1 and len(names[0]) > 1 else None  # "Mrs J. Hughes": no given name
        return (tokens[i].start(), end), (given, names[-1])

    # -- output --

    def _words(self, hit: Hit) -> str:
        tags = self.style == "tags"
        if hit.kind == "person":
            if "|" in hit.key:  # one of the case's other people (given|surname): numbered as the document's others
                given, surname = hit.key.split("|")
                return f"[PERSON {self.people.number(given or None, surname)}]"
            return f"[PERSON {hit.key}]"
        if hit.kind == "date":
            return hit.key
        if hit.kind == "school":
            words = _SCHOOL_WORDS.get(hit.key, "a school")
            return "[" + words.upper().removeprefix("A ").removeprefix("AN ") + "]" if tags else words
        return _WORDS[hit.kind][1 if tags else 0]

    def _render(self, text: str, seen: str, origin: spelling.Origin | None, chosen: list[Hit]) -> Result:
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
            # The invisible characters typed around a name go with it: a right-to-left override left
            # before "a phone number" would turn the words round on a reader's screen.
            while start > pos and spelling.ignorable(text[start - 1]):
                start -= 1
            while end < len(text) and spelling.ignorable(text[end]):
                end += 1
            between = text[pos:start]
            out.append(between)
            length += len(between)
            out.append(words)
            done.append(Replacement(hit.kind, start, end, words, length, length + len(words), hit.known))
            length += len(words)
            pos = end
        out.append(text[pos:])
        return Result("".join(out), done)


def _position(hit: Hit) -> tuple[int, int, int]:
    return hit.start, hit.end, hit.rank


def _name_start(text: str, taken: Taken, s: int, e: int) -> int:
    """Where the name at ``s`` to ``e`` starts: with the title and initials before it ("Mrs J. Hughes"), but none
    already replaced (a case's address ending in "Dr" before "Dr. J. Hughes": "J. Hughes")."""
    start = extend_left(text, s)
    if taken.overlaps(start, e):
        start = extend_left(text, s, taken.mask.rfind(1, 0, s) + 1)
    return start


# A sentence starts after . ! ?, at a line after an ended line or a blank one, or at a bullet; not at a
# line break inside a wrapped sentence.
_SENTENCE_START = re.compile(r"(?:^|[.!?]|(?:^|[.!?:\n])[ \t]*\n|(?:^|\n)[ \t]*[-*•])[ \t\"'“‘(]*$")


def _sentence_start(text: str, s: int) -> bool:
    """At the start of the text, a sentence, a line or a bullet, after any opening quote or bracket."""
    return _SENTENCE_START.search(text, max(0, s - 24), s) is not None


# --- whole texts and whole cases ---------------------------------------------------------


def redact_text(text: str, known: Known | None = None, style: str = "words", dates: str = "month") -> Result:
    """``text`` redacted with what is known (nothing, for a free-standing text) and every pattern."""
    return Redactor(known, style, dates).redact(text)


def case_study(record: dict, known: Known, style: str = "words", dates: str = "month",
               include_private: bool = False, lists: dict | None = None) -> Result:
    """An anonymised case study in Markdown: the profile generalised and the notes redacted.

    Never a date of birth, a school, a postcode or a name: the profile gives the age
    band, the type of setting, the SEN stage, the need, the issues and the support.
    A note its provider asked to keep private is left out unless ``include_private``
    (what they told us in confidence is not a story to tell, even without names); a
    breach decision's account never goes in. ``Result.left_out`` counts both. ``lists``: the vault's words for
    the codes of its own lists (``categories.described``), so an issue or outcome the service added reads as it.
    """
    from ..records import codes

    redactor = Redactor(known, style, dates)
    profile = record.get("profile") or {}
    lines = ["# Case study", ""]
    for key in ("age_band", "school_phase", "sen_stage", "primary_need", "support_level"):
        if profile.get(key):
            lines.append(f"- {_label(codes, 'profile.' + key)}: {_describe(codes, 'profile.' + key, profile[key])}")
    if profile.get("issues"):
        issues = ", ".join(_describe(codes, "profile.issues", i, lists) for i in profile["issues"])
        lines.append(f"- {_label(codes, 'profile.issues')}: {issues}")
    if (record.get("closed") or {}).get("outcome"):
        lines.append(f"- {_label(codes, 'closed.outcome')}: {_describe(codes, 'closed.outcome', record['closed']['outcome'], lists)}")
    replacements: list[Replacement] = []
    every = record.get("notes") or []
    notes = [n for n in every if include_private or not n.get("private")]
    left_out = {"private note": len(every) - len(notes), "breach account": len(record.get("breaches") or ())}
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
    return Result("\n".join(lines) + "\n", replacements, {k: n for k, n in left_out.items() if n})


def _when(redactor: Redactor, at: str) -> str:
    """A note's time as its month and year, or the child's age then."""
    try:
        day = dt.date.fromisoformat(at[:10])
    except ValueError:
        return ""
    age = age_on(redactor.born, day.year, day.month, day.day) if redactor.dates == "age" else None
    if age is not None:
        return f"[AGE {age}]" if redactor.style == "tags" else f"age {age}"
    return f"{MONTHS[day.month - 1]} {day.year}"


def _label(codes, path: str) -> str:
    words = codes.label(path)
    words = words.removeprefix("the ")
    return words[:1].upper() + words[1:]


def _describe(codes, path: str, value: str, lists: dict | None = None) -> str:
    from ..records import categories

    lists = categories.described({}) if lists is None else lists  # without a vault: the shipped words
    if value in lists.get(path, {}):
        return lists[path][value]
    try:
        return codes.describe(path, value)
    except KeyError:
        return str(value)

