"""What the report counts of one case (R27): a ``Unit`` of codes and dates, no id, no name, no text.

``unit`` makes it from a case's summary in the index, ``unit_from_statistics`` from the
statistical record retention keeps of a destroyed case. Free text is never counted as
written (``OTHER_ANSWERS``); people are told apart by salted tokens held only in memory.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .periods import Period


OTHER_ANSWERS = "Other answers"


def ethnic_group(code: str | None) -> str | None:
    """The DfE major ethnic group of a detailed code ('WBRI' -> 'White')."""
    if code is None:
        return None
    if code in ("REFU", "NOBT"):
        return "Unclassified"
    return {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "C": "Chinese"}.get(code[0], "Any other ethnic group")


# --- what a report counts of one case ------------------------------------------------


class Unit(NamedTuple):
    """What the report counts of one case: codes and dates only, no id, no name, no text.

    A tuple, not a dict (~0.5 KB a case against ~1.5): a report holds one for every case that counts in its period, and the
    reader processes send them back pickled; repeated codes and dates are interned, so each is stored (and sent)
    once.
    """

    opened: str  # first contact: a date, or a month (a destroyed case's)
    closed: str | None  # the day (or month) the case was closed, if it was
    outcome: str | None
    record: str  # "case", "anonymous" or "general-enquiry"
    route: str | None
    channel: str | None
    caller: str | None
    age_band: str | None
    school_phase: str | None
    sen_stage: str | None
    primary_need: str | None
    ethnicity: str | None
    ethnic_group: str | None
    locality: str | None  # one of the vault's localities, OTHER_ANSWERS for any other answer (see _listed)
    support_level: str | None
    issues: tuple  # the issues raised, sorted, each once
    heard_about: str | None  # OTHER_ANSWERS when answered, else None: the free text itself is never kept
    people: tuple  # ((group, token or None), ...): see _people
    consent_dates: tuple  # the days consent was given
    share_dates: tuple  # the days information was shared
    breaches: tuple  # ((day, reason), ...)
    sar: tuple  # subject-access requests: ((received, completed or None, due), ...)
    level: str | None = None  # the intervention level: a code of the vault's list, else None
    status: str | None = None  # at the period's end: "open", "inactive" (derived) or "closed"
    evaluation: tuple = ()  # ((question, score), ...) answered at close


class Lists(NamedTuple):
    """What ``unit`` needs of the vault's coded lists (issue 25): the codes it may publish as they are."""

    heard_about: frozenset = frozenset()  # every code the list ever held but "other"
    levels: frozenset = frozenset()
    inactive_after_days: int = 91


def lists_of(config: dict) -> Lists:
    from ..records import categories

    return Lists(frozenset(c for c in categories.known(config, "heard_about") if c != categories.OTHER),
                 frozenset(categories.known(config, "level")), categories.inactive_after(config))


OUTSIDE = False  # what ``unit`` gives for a case that counts for nothing in the period asked for


def unit(record: dict, when: Period | None = None, localities: tuple = (), lists: Lists = Lists()) -> Unit | bool:
    """What the report counts of a case (live: from its summary in the index); no id, no name, no text but codes.

    With ``when``, a case that adds to no count of that period (opened after it, closed before it, no consent,
    share, breach or request in it) is ``OUTSIDE``, told from its dates before anything else is made of it.
    ``localities``: the vault's list; a locality not in it is free text (see ``_listed``); ``lists``: the other
    coded lists (a heard_about answer not on it is free text)."""
    contact = record.get("contact") or {}
    opened = contact.get("date") or record["created"][:10]
    closed = record.get("closed") if record.get("status") == "closed" else None
    day = closed["date"] if closed else None
    if when is not None and not when.counts(opened, day, _dates(record)):
        return OUTSIDE
    intern = sys.intern
    kind = "general-enquiry" if record.get("kind") == "general-enquiry" else ("anonymous" if record.get("anonymous") else "case")
    return Unit(intern(opened), day and intern(day), intern(closed["outcome"]) if closed else None, kind,
                *_codes(contact, record.get("profile") or {}, localities),
                _coded(contact.get("heard_about"), lists.heard_about),
                _people(kind, contact.get("caller"), record.get("person"), record.get("child"), record.get("people")),
                tuple(intern(c["date"]) for c in record.get("consents") or () if c.get("action") == "grant"),
                tuple(intern(d["at"][:10]) for d in record.get("disclosures") or ()),
                tuple((b["date"], intern(b["reason"])) for b in record.get("breaches") or ()),
                tuple((r["received"], r.get("completed"), r["due"]) for r in record.get("sar_requests") or ()),
                _level((record.get("profile") or {}).get("level"), lists.levels), _status(record, when, lists),
                tuple(sorted(closed.get("evaluation", {}).items())) if closed else ())


def _level(value, levels: frozenset) -> str | None:
    return sys.intern(value) if type(value) is str and value in levels else None


def _status(record: dict, when: Period | None, lists: Lists) -> str | None:
    """The case's status at the end of the period: closed by then, inactive (nothing done for
    ``inactive_after_days`` before it: derived, as ``categories.status`` derives it today), or open."""
    if when is None:
        return None
    from ..store.activity import last_activity
    import datetime as dt

    closed = record.get("closed") if record.get("status") == "closed" else None
    if closed and closed["date"] <= when.end.isoformat():
        return "closed"
    last = min(last_activity(record), when.end.isoformat())
    return "inactive" if (when.end - dt.date.fromisoformat(last)).days > lists.inactive_after_days else "open"


def _dates(record: dict):
    """The days of a case's consents given, shares, breaches and subject-access requests received or answered:
    what ``Unit`` keeps of them, as ``build`` counts them."""
    for c in record.get("consents") or ():
        if c.get("action") == "grant":
            yield c["date"]
    for d in record.get("disclosures") or ():
        yield d["at"][:10]
    for b in record.get("breaches") or ():
        yield b["date"]
    for r in record.get("sar_requests") or ():
        yield r["received"]
        yield r.get("completed")


def _codes(contact: dict, profile: dict, localities: tuple) -> tuple:
    """route to issues, in ``Unit``'s order, each code interned."""
    values = [contact.get("route"), contact.get("channel"), contact.get("caller"), profile.get("age_band"),
              profile.get("school_phase"), profile.get("sen_stage"), profile.get("primary_need"), profile.get("ethnicity")]
    values += [ethnic_group(values[-1]), _listed(profile.get("locality"), localities), profile.get("support_level")]
    out = [sys.intern(v) if type(v) is str else v for v in values]
    issues = profile.get("issues")
    if issues:
        as_given = tuple(issues)
        issues = _ISSUES.get(as_given) or _ISSUES.setdefault(as_given, tuple(sorted(set(as_given))))
    out.append(issues or ())
    return tuple(out)


_ISSUES: dict = {}  # each combination of issues made once: thousands of cases share a few dozen


_SALT = os.urandom(16)  # made when the module loads, before any reader process forks: one salt for all of them


def _token(*parts: str | None) -> bytes | None:
    """A one-way token for telling the same person in two cases apart from two people; salted afresh in every
    run, held only in memory, never published (only how many distinct tokens there are)."""
    words = [" ".join(p.lower().split()) for p in parts if p]
    if not words or not words[0]:
        return None
    return hashlib.blake2b("\x1f".join(words).encode(), key=_SALT, digest_size=16).digest()


def _people(record: str, caller: str | None, person: dict | None, child: dict | None, others=()) -> tuple:
    """The service users a contact counts: ((group, token or None), ...); None (no details kept: an anonymous
    contact, a general enquiry, a destroyed case) counts as one more person. A parent or carer is known by name and
    postcode, phone or e-mail; a child or young person by name and date of birth; a professional by name and
    e-mail or phone."""
    person, child = person or {}, child or {}
    contact_of = person.get("postcode") or person.get("phone") or person.get("email")
    out = []
    if caller in ("parent-carer", "other-family", None) and record != "general-enquiry":
        out.append(("parents", _token(person.get("name"), contact_of) if person.get("name") and contact_of else None))
    if caller == "professional":
        out.append(("professionals", _token(person.get("name"), person.get("email") or person.get("phone"))
                    if person.get("name") and (person.get("email") or person.get("phone")) else None))
    if record == "case" or caller in ("young-person", "child"):
        out.append(("children", _token(child.get("name"), child.get("date_of_birth"))
                    if child.get("name") and child.get("date_of_birth") else None))
    for other in others or ():  # everyone else in the case (issue 23): a second parent, the referral's parent, ...
        if other.get("role") == "professional":
            reach = other.get("email") or other.get("phone")
            out.append(("professionals", _token(other.get("name"), reach) if other.get("name") and reach else None))
        else:
            reach = other.get("postcode") or other.get("phone") or other.get("email")
            out.append(("parents", _token(other.get("name"), reach) if other.get("name") and reach else None))
    return tuple(out)


def unit_from_statistics(stat: dict, localities: tuple = (), lists: Lists = Lists()) -> Unit:
    """The same from the statistical record of a destroyed case: months, not dates; consents and shares counted
    in the month the case was opened."""
    kind = "general-enquiry" if stat["kind"] == "general-enquiry" else ("anonymous" if stat["anonymous"] else "case")
    contact = stat.get("contact") or {}
    closed = "closed" in stat
    return Unit(stat["opened"], stat["closed"] if closed else None, stat["outcome"] if closed else None, kind,
                *_codes(contact, stat.get("profile") or {}, localities), _coded(contact.get("heard_about"), lists.heard_about),
                _people(kind, contact.get("caller"), None, None)  # no details kept: each counts as new
                + tuple((group, None) for group, n in sorted((stat.get("others") or {}).items()) for _ in range(n)),
                (stat["opened"],) * stat.get("consents", 0), (stat["opened"],) * stat.get("disclosures", 0),
                (), (),  # breaches and requests are not kept by retention: answered long before
                _level((stat.get("profile") or {}).get("level"), lists.levels), "closed" if closed else "open",
                tuple(sorted((stat.get("evaluation") or {}).items())) if closed else ())


def _coded(text: str | None, listed: frozenset = frozenset()) -> str | None:
    """An answer as the report counts it: a code of the service's list (issue 25) as itself; "other", or anything
    else (words typed before the list, or not mapped since), only as there being one (``OTHER_ANSWERS``).

    Free text is never published, whatever its count: five families who name the same doctor at the same school
    would otherwise put a name in the report."""
    if not isinstance(text, str) or not text.strip():
        return None
    return sys.intern(text) if text in listed else OTHER_ANSWERS


def _listed(value: str | None, allowed: tuple) -> str | None:
    """A value of a field the vault lists (a locality): itself when listed, else ``OTHER_ANSWERS``.

    The schema lets a locality be any short text (a vault with no list, a list changed since, an edited record),
    so only the manager's list is published; anything else is free text and counted as other."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value if value in allowed else OTHER_ANSWERS

