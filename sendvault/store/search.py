"""Searching cases by name, postcode, email, phone, address or school of anyone in them, or a document's title (``find``).

A value is searched through its *key*: folded as a reader sees it (``spelling.fold``:
case, accents and invisible characters gone, 'ł' as 'l', NFC and NFD alike), a postcode
without spaces, an address as its words, a phone number as its digits in national
form. ``keys`` works them out for a record, once, when the index reads it, so a
search over 20,000 cases is a substring scan over precomputed text
(``index.py``); ``matches`` is the same test on one record.
"""

from __future__ import annotations

import functools
import re

from ..basics.spelling import fold  # the one fold, redaction's too (intake and answers take it from here)

# (section, key), or (field, None) for a field at the top of the record: the reference an
# imported case had in its old system (issue 26), which officers go on quoting.
SEARCHED = (("person", "name"), ("child", "name"), ("person", "postcode"), ("person", "email"),
            ("person", "phone"), ("person", "address"), ("child", "school"),
            # Everyone else in the case (issue 23): a parent rings back after a professional referral.
            ("people", "name"), ("people", "postcode"), ("people", "email"), ("people", "phone"), ("people", "address"),
            ("people", "organisation"), ("person", "organisation"), ("legacy_ref", None))
_JOIN = "\x1f"  # between the keys of several people: no query holds it, so no match spans two people
# Beside them, one key for every document's title (issue 24), the titles folded and one per line.
DOCUMENT_TITLES = "documents.title"
FIELDS = tuple(f"{section}.{key}" if key else section for section, key in SEARCHED) + (DOCUMENT_TITLES,)
_PHONE_QUERY = re.compile(r"\+?[0-9\s().-]+")
_WORD = re.compile(r"\w+")


def phone_key(text: str) -> str:
    """A phone number's digits, a UK number in its national form: '+44 (0)7700 900123' and '(07700) 900123' are '07700900123'."""
    text = fold(text)  # full-width or Arabic-Indic digits, an invisible character before the '+'
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00"):  # 0044 ...: no national number starts with 00
        digits = digits[2:]
    elif not (text.lstrip().startswith("+") or (digits.startswith("44") and len(digits) >= 12)):
        return digits
    if digits.startswith("44"):
        return "0" + digits[2:].lstrip("0")  # the (0) some write after +44 is the national prefix
    return "+" + digits


def _squash(text: str) -> str:
    # Addresses are written with commas and line breaks where a search has spaces.
    return " ".join(_WORD.findall(text))


def _key(key: str, value: str) -> str:
    if key == "phone":
        return phone_key(value)
    if key == "postcode":
        return fold(value).replace(" ", "")
    if key == "address":
        return _squash(fold(value))
    return fold(value)


def keys(record: dict) -> tuple[str | None, ...]:
    """The record's search keys, one per field of ``SEARCHED`` (None where it has no such text)."""
    out = []
    others = [p for p in record.get("people") or () if isinstance(p, dict)]
    for section, key in SEARCHED:
        if section == "people":
            values = [_key(key, p[key]) for p in others if isinstance(p.get(key), str)]
            out.append(_JOIN.join(values) if values else None)
            continue
        value = record.get(section) if key is None else (record.get(section) or {}).get(key)
        out.append(_key(key, value) if isinstance(value, str) else None)
    titles = [fold(d["title"]) for d in record.get("documents") or () if isinstance(d.get("title"), str)]
    out.append("\n".join(titles) or None)
    return tuple(out)


@functools.lru_cache(maxsize=16)
def query(text: str) -> tuple[str | None, ...]:
    """What to look for in each field's key ('' or None: that field cannot match this query)."""
    q = fold(text).strip()  # an invisible character typed or pasted at either end is no character
    phone = phone_key(q) if _PHONE_QUERY.fullmatch(q) else None
    phone = phone if phone and len(phone.lstrip("+")) >= 4 else None
    by_kind = {"phone": phone, "postcode": q.replace(" ", ""), "address": _squash(q)}
    return tuple(by_kind.get(key, q) for _, key in SEARCHED) + (q,)


def hits(record_keys: tuple[str | None, ...], wanted: tuple[str | None, ...]) -> list[str]:
    """The fields (``section.key``) whose key contains what is wanted of it."""
    return [FIELDS[i] for i, (k, q) in enumerate(zip(record_keys, wanted)) if q and k is not None and q in k]


def matches(record: dict, text: str) -> list[str]:
    """The fields of ``record`` that contain ``text`` (partial words count; a phone number in any spelling)."""
    return hits(keys(record), query(text))
