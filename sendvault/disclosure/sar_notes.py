"""The notes of a subject-access copy: other people's names and details taken out of their text.

Two passes: the redaction engine (``redact``), which finds names, phones, addresses and the like by their
patterns and keeps the case's own family and the officers readable; then the words the case itself records
of everyone else (their details now, and what they were recorded as before a change or their removal:
``people.remember``), taken out by their exact words, so nothing the case knows of another person is left
to the engine's guesswork. See docs/subject-access.md.
"""

from __future__ import annotations

import re

from ..records import people
from . import redact, redact_names

# Replacements the copy keeps readable: the case's own family and the officers.
FAMILY_KINDS = frozenset({"child", "parent", "caller", "family", "officer", "dob", "school", "place", "date"})


def redacted(notes: list[dict], record: dict, officers: tuple[str, ...], withhold) -> list[dict]:
    """Each note's text with other people's identifiers replaced; the family's and the officers' kept."""
    redactor = redact.Redactor(redact_names.known_from_case(record, officers=officers))
    redactor.learn([note.get("text", "") for note in notes])  # a third party named bare before being named in full
    out = []
    for note in notes:
        text = note.get("text", "")
        result = redactor.redact(text)
        pieces, at, n = [], 0, 0
        for r in sorted(result.replacements, key=lambda r: r.start):
            if r.known or r.kind in FAMILY_KINDS:
                continue
            pieces += [text[at:r.start], result.text[r.out_start:r.out_end]]
            at = r.end
            n += 1
        pieces.append(text[at:])
        withhold("third-party", "Other people's names and details in notes (redacted)", n)
        out.append({**note, "text": "".join(pieces)})
    return out


def detail_words(details: dict, keep: set[str]) -> set[str]:
    """The words another person's details are found by in a note: each contact detail whole, each part of an
    address, a name or organisation whole and each word of it but those the copy keeps (``keep``, folded)."""
    words: set[str] = set()
    for key in people.CONTACT_DETAILS:
        value = str(details.get(key) or "").strip()
        if value:
            words.add(value)
            if key == "address":
                words.update(part.strip() for part in re.split(r"[,\n]", value) if len(part.strip()) >= 3)
    for key in ("name", "organisation"):  # a name the case records is known, not left to the guesswork
        value = " ".join(str(details.get(key) or "").split())
        if value and value.casefold() not in keep:
            words |= {value} | {w for w in value.split() if len(w) >= 3 and w.casefold() not in keep}
    return words


def others_removed(notes: list[dict], record: dict, req: people.Person, withhold) -> list[dict]:
    """What the redaction leaves of other people's own details (the town of another parent's address, an e-mail
    written oddly, a name the case records), taken out by their exact words, and what they were recorded as
    before a change or their removal (``people.remember``): over-redacting a town is the safe side."""
    words: set[str] = set()
    everyone = people.everyone(record)
    # Words the copy keeps: the requester's and the child's own (a surname the child shares with the other parent,
    # the child's school where a professional works), which the requester knows already.
    keep = {w.casefold() for p in everyone if p.number == req.number or p.is_child
            for key in ("name", "school") for w in str(p.details.get(key) or "").split()}
    for p in everyone:
        if p.number != req.number and not p.is_child:
            words |= detail_words(p.details, keep)
    for former in record.get("former_details") or ():
        if former.get("person") != req.number:
            words |= detail_words(former.get("details") or {}, keep)
    if not words:
        return notes
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)",
                         re.IGNORECASE)
    out = []
    for note in notes:
        text, n = pattern.subn("(withheld)", note.get("text", ""))
        withhold("third-party", "Other people's names and details in notes (redacted)", n)
        out.append({**note, "text": text})
    return out
