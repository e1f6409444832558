"""Subject access (R25): a family's own records, on request, with what must be withheld withheld.

A request is recorded (``request``) with its due date: the same date one calendar
month after the day it was received, or the last day of that month when it has no
such date (31 January -> 28 or 29 February). That is the ICO's reading of "one
month"; where the date falls on a weekend or bank holiday the ICO allows the next
working day, but we show the earlier date: a deadline met early is never missed.

``copy_for`` (pure) decides what a copy for the parent or for the young person
holds, and lists what it withholds, by kind and with the reason, never the content:

- a note is marked with who provided it (``from``) and whether they asked that it
  not be shared (``private``), and so is each detail of the contact (the case's
  ``provided``, see ``provided.source``); a private one goes to nobody but its
  provider's side: what a young person of the service's age
  (``subject_access.private_age``, default 12, set with ``configure``) or over
  asked to keep private is withheld from a parent's copy, what a parent asked to
  keep private from the young person's, and what a professional gave in
  confidence from both. A withheld detail is named on the cover, never its value;
- information about a young person of the own-consent age (16) or over goes to the
  parent only with the young person's ``share-information`` consent to the parent;
  otherwise the parent's copy holds the parent's own information only;
- a young person of the private age or over may refuse that others, parents
  included, see their records (``consent refuse ID see-records``): while that is in
  force the parent's copy holds the parent's own information only, and its cover
  says the young person asked that their records are not shared, nothing more;
- an exception to confidentiality where the parent was not told (R19) is left out
  with the shares made under it, and not listed on the cover (that would tell); a
  cover that lists no share says words true either way (``NONE_LISTED``);
- where the parent gave us nothing of their own and the young person refused, or is
  of their own-consent age without consenting, no copy is made at all
  (``unconfirmed_reason``): it would tell the parent that the young person contacted
  us. ``unconfirmed.py`` makes the reply that neither confirms nor denies;
- other people named in notes are redacted with the redaction engine; the case's
  own family and the officers stay readable.

``make`` writes the copy through ``export`` (a password-protected PDF by default),
records the request answered and a disclosure in the case, and the audit trail gets
the command and the case id only.
"""

from __future__ import annotations

import calendar
import contextlib
import copy as _copy
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..records import codes, consent, people, provided
from ..records.provided import note_provider as provider
from . import handover
from . import render as export, sar_notes
from .sar_cover import WHO, document, lay_out
from .share import outside_vault, unwind_on_signals
from ..basics.errors import Refused, SendvaultError, UsageError
from ..basics.timefmt import instant

REQUESTERS = ("parent", "young-person")
PROVIDERS = ("parent-carer", "young-person", "professional", "officer")
FORMATS = {"pdf": "pdf-password", "html": "html-plaintext", "md": "markdown-plaintext", "json": "json-plaintext"}
PRIVATE_AGE = consent.PRIVATE_AGE


_TO = {"parent": "the parent or carer", "young-person": "the young person", "other": "another person in the case"}


class NoOpenRequest(SendvaultError):
    """A copy asked for with no open request from that person."""


# --- dates (pure) ------------------------------------------------------------------------


def due_date(received: dt.date) -> dt.date:
    """One calendar month from ``received``: the same date next month, or that month's last day."""
    year, month = (received.year + 1, 1) if received.month == 12 else (received.year, received.month + 1)
    return dt.date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


def check_for(who: str | None) -> str:
    """``--for``: parent, young-person, or one of the case's people by number or name (checked against the case)."""
    raw = (who or "").strip()
    if raw.lower() in REQUESTERS:
        return raw.lower()
    if not raw:
        raise UsageError("--for must be parent, young-person, or a person of the case by number or name",
                         hint="'sendvault show ID' lists the case's people with their numbers")
    return raw


def requester(record: dict, who: str | people.Person) -> people.Person:
    """The person ``who`` names in the case (a kind word means who made contact if of that kind, else the one
    person of it, else someone of that kind the case does not name: number 0)."""
    if isinstance(who, people.Person):
        return who
    who = check_for(who)
    return people.by_kind(record, who) if who in REQUESTERS else people.resolve(record, who)


def request_is_theirs(record: dict, req: dict, person: people.Person, kind: str) -> bool:
    """Whether the recorded request ``req`` is ``person``'s. A request recorded before people were numbered names
    a kind: a parent's was who made contact's when they are a parent (its copy held their details), else the
    case's one parent's; never any parent's of two."""
    if "person" in req:
        return req["person"] == person.number
    if req["for"] != kind:
        return False
    if kind != "parent":
        return True
    parents = [p for p in people.everyone(record) if people.requester_kind(p) == "parent"]
    caller = next((p for p in parents if p.made_contact), None)
    owner = caller or (parents[0] if len(parents) == 1 else None)
    return (owner.number if owner else 0) == person.number


def _said(who, person: people.Person) -> str:
    """How to name the requester again in a hint: their number, or the kind typed; never a name typed."""
    if person.number:
        return str(person.number)
    return who if isinstance(who, str) and who in REQUESTERS else "PERSON"


def check_format(fmt: str | None, plaintext: bool) -> str:
    """The output kind for ``--format``; anything but the PDF is unprotected and needs ``--plaintext``."""
    kind = FORMATS.get((fmt or "pdf").strip().lower())
    if kind is None:
        raise UsageError("--format must be pdf, html, md or json")
    if kind != "pdf-password" and not plaintext:
        raise UsageError(f"--format {fmt} writes an unprotected file",
                         hint="give --plaintext as well if that is what you mean, or use the password-protected PDF")
    if kind == "pdf-password" and plaintext:
        raise UsageError("--plaintext goes with --format html, md or json; the PDF is always protected")
    return kind


# --- what the case says (pure) -----------------------------------------------------------


def requests(record: dict) -> list[dict]:
    return list(record.get("sar_requests") or ())


def open_requests(record: dict) -> list[dict]:
    return [r for r in requests(record) if r["status"] == "open"]


def private_age(config: dict) -> int:
    return consent.private_age(config)


PRIVATE_AGES = (10, 18)  # the schema's bounds: below 10 a child's confidences are for the adults around them to weigh


def settings(config: dict) -> dict:
    """The subject-access settings in force, defaults filled in."""
    return {"private_age": private_age(config), "own_consent_age": consent.own_consent_age(config)}


def configure(vault, private_age_: int) -> dict:
    """Managers set ``[subject_access] private_age`` in vault.toml, through its sealed change path (audited)."""
    vault.require_manager()
    low, high = PRIVATE_AGES
    if not low <= private_age_ <= high:
        raise UsageError(f"--private-age is {low} to {high}")

    def change(config: dict) -> None:
        config.setdefault("subject_access", {})["private_age"] = private_age_

    vault.update_config(change, "sar settings", detail=f"private_age {private_age_}")
    return settings(vault.config)


# A young person's consent naming one parent ("mum") is for that parent only: with two parents in the case, their
# recorded relationship says which one it is; a word for both ("parents") covers each.
_MOTHER_WORDS = frozenset({"mother", "mum", "mom", "mam", "mummy", "mommy", "stepmother", "stepmum"})
_FATHER_WORDS = frozenset({"father", "dad", "daddy", "stepfather", "stepdad"})


def _names_parent(party: str | None, req: people.Person, record: dict) -> bool:
    """Whether a consent or refusal naming ``party`` names ``req``, a parent or carer of the case."""
    key = consent.party_key(party)
    name = consent.party_key(req.details.get("name"))
    if name and key == name:
        return True
    if not consent.is_parent_party(party):
        return False
    for words in (_MOTHER_WORDS, _FATHER_WORDS):
        if key in words:
            parents = [p for p in people.everyone(record) if people.requester_kind(p) == "parent"]
            said = {p.number: consent.party_key(p.details.get("relationship")) for p in parents}
            named = [n for n, rel in said.items() if rel in words]
            if named:  # the parent whose recorded relationship the word is
                return named == [req.number]
            # None recorded as such: the one parent whose relationship is not recorded (the mother who rang, beside
            # a father recorded as "father"), never one of two such.
            return [n for n, rel in said.items() if not rel] == [req.number]
    return True  # "parent", "parents", "parent or carer": each of them


def young_person_consents_to_parent(record: dict, req: people.Person | None = None) -> dict | None:
    """The young person's share-information consent in force to the parent ``req`` (by default: to any parent),
    or None."""
    for event in reversed(consent.current(record)):
        if event["scope"] != "share-information" or event["given_by"] != "young-person":
            continue
        party = event.get("party")
        if _names_parent(party, req, record) if req is not None else consent.is_parent_party(party):
            return event
    return None


@dataclass(frozen=True)
class Withheld:
    """One kind of thing left out of (or redacted in) a copy: what, how many, and why, in words."""

    kind: str
    count: int
    reason: str
    items: tuple[str, ...] = ()  # for details of the contact: which ones, by their names (never their values)
    listed: bool = True  # on the cover; not where saying so would itself tell what was kept back


@dataclass(frozen=True)
class Copy:
    """What a copy for ``requester`` holds (a filtered record) and what it withholds."""

    requester: str  # the kind: parent, young-person or other
    record: dict
    sections: tuple[str, ...]
    withheld: tuple[Withheld, ...]
    refused: bool = False  # the young person refused that their records are seen (a parent's copy)

    @property
    def withheld_count(self) -> int:
        return sum(w.count for w in self.withheld)


_REASONS = {
    "yp-private": "The young person told us this in confidence and asked that it is not shared. From the age of "
                  "{age} a young person's wish to keep what they told us private is respected.",
    "parent-private": "A parent or carer told us this in confidence and asked that it is not shared.",
    "professional-private": "A professional gave us this in confidence; it is their information as much as yours.",
    "yp-over-16": "The young person is {own} or over: information about them is theirs, and they have not agreed to it "
                  "being given to you. You can ask them, or they can ask us for their own copy.",
    "yp-refused": "The young person has asked that their records are not shared, and we respect that.",
    "breach": "An exception to confidentiality that the parent was not told of, and what was shared under it.",
    "other-private": "Someone else told us this in confidence and asked that it is not shared.",
    "not-theirs": "Information about the child or young person goes to the young person, and to a parent or carer "
                  "with parental responsibility. This copy holds your own information.",
    "documents-review": "A document may name other people and cannot be redacted here: ask us, and we will go through "
                        "these with you and give you what is yours.",
    "removed-review": "Someone who is no longer part of this case gave us these, and they may hold that person's "
                      "details: ask us, and we will go through them with you.",
    "other-parent": "These are another parent's or carer's own information.",
    "third-party": "Other people are named in our notes. Their details are their own, so we have replaced them "
                   "with words such as [PERSON 1].",
}


def copy_for(record: dict, who: str | people.Person, on: dt.date, config: dict, officers: tuple[str, ...] = ()) -> Copy:
    """The copy of ``record`` for ``who`` (a person of the case, or parent | young-person) on ``on``, and what it
    withholds. It holds the requester's own details and nobody else's contact details."""
    req = requester(record, who)
    requester_ = people.requester_kind(req)
    rec = _copy.deepcopy(record)
    counts: dict[tuple[str, str], int] = {}
    items: dict[tuple[str, str], list[str]] = {}

    def withhold(reason: str, kind: str, n: int = 1, item: str | None = None) -> None:
        if n:
            key = (reason, kind)
            counts[key] = counts.get(key, 0) + n
            if item:
                items.setdefault(key, []).append(item)

    over_private_age = consent.age_of(record, on, private_age(config)) != "under"
    own_reason = _own_only(record, req, on, config)
    own_only, refused = own_reason is not None, own_reason == "yp-refused"
    sections = list(export.SECTIONS)
    if own_only:  # the requester's own information only
        sections = ["first-contact", "caller", "contact-preferences", "notes", "consents"]
        if req.number != people.CALLER:  # the first contact was someone else's: their call, their answers
            sections.remove("first-contact")
        left = [s for s in ("child", "profile", "status", "disclosures", "history") if _has(record, s)]
        withhold(own_reason, "Information about the young person (their details, profile, the case's progress, "
                 "shares and history)", len(left))
    theirs_only = ("person", "contact_preferences") if req.number != people.CALLER else ()
    for path in provided.paths(record):
        if export_section(path) not in sections or path.split(".")[0] in theirs_only:
            continue  # who made contact's details: not in another requester's copy at all (below)
        who_, private, number = provided.source_person(record, path)
        mine = who_ != "officer" and people.owns(record, req, who_, number)
        reason = own_reason if own_only and who_ == "young-person" and not mine else \
            _private_reason(who_, private, requester_, over_private_age, mine)
        if reason:
            _drop(rec, path)
            withhold(reason, _FIELD_KINDS[reason], item=_field_words(path))
    _own_details(rec, record, req)

    present = {p.number for p in people.everyone(record)}

    def kept(items: list[dict], about_young_person: str, kinds: dict[str, str]) -> list[dict]:
        """Notes or documents (issue 24) the copy holds, by who provided each and whether it is private."""
        out = []
        for item in items:
            who_ = provider(item)
            mine = who_ != "officer" and people.owns(record, req, who_, item.get("from_person"))
            if not mine and item.get("from_person") is not None and item["from_person"] not in present:
                # Given by someone since taken out of the case: their details, which redaction took out by their
                # recorded words, are no longer recorded to be found, so what they gave cannot go in.
                withhold("removed-review", _REMOVED_KINDS[kinds is _DOCUMENT_KINDS])
                continue
            if own_only and not mine:
                withhold(own_reason, about_young_person if own_reason != "not-theirs" else about_young_person.split()[0])
                continue
            reason = _private_reason(who_, bool(item.get("private")), requester_, over_private_age, mine)
            if reason:
                withhold(reason, kinds[reason])
                continue
            out.append(item)
        return out

    notes = kept(record.get("notes") or [], "Notes about the young person", _NOTE_KINDS)
    # Known (kept readable) are the requester's own details and the child's; everyone else's are redacted.
    rec["notes"] = sar_notes.others_removed(sar_notes.redacted(notes, {**record, "person": rec.get("person") or {}, "people": []},
                                             officers, withhold), record, req, withhold)
    documents = kept(record.get("documents") or [], "Documents about the young person", _DOCUMENT_KINDS)
    # A document cannot be redacted: one the requester did not give us goes in only where no other adult of the
    # case could be in it (a letter to the mother holds her address: never in the father's copy, nor the child's).
    others = [p for p in people.everyone(record) if p.number != req.number and not p.is_child]
    adults = {p.number for p in others}
    mine_only = bool(others) or req.is_child
    rec["documents"] = []
    for d in documents:
        theirs = provider(d) != "officer" and people.owns(record, req, provider(d), d.get("from_person"))
        if (mine_only or d.get("from_person") in adults) and not theirs:
            withhold("documents-review", "Documents that may hold other people's details")
            continue
        rec["documents"].append(d)
    if own_only:
        mine_role = people.provider_role(req)
        rec["consents"] = [c for c in rec.get("consents") or ()
                           if mine_role != "professional" and people.owns(record, req, c.get("given_by"), None)]
    elif requester_ == "parent":
        # Another parent's consents, and what was shared on them, are theirs: which refuge or solicitor the mother
        # agreed to, in the father's copy, would tell him where she is. A consent names a role, not a parent: with
        # two parents, neither one's consents go in the other's copy.
        def anothers(given_by: str | None) -> bool:
            return given_by == "parent-carer" and not people.owns(record, req, given_by, None)

        before = rec.get("consents") or []
        rec["consents"] = [c for c in before if not anothers(c.get("given_by"))]
        shared = rec.get("disclosures") or []
        rec["disclosures"] = [d for d in shared if not anothers((d.get("consent") or {}).get("given_by"))]
        withhold("other-parent", "Consents another parent or carer gave, and what was shared on them",
                 len(before) - len(rec["consents"]) + len(shared) - len(rec["disclosures"]))
    hidden = {b["number"] for b in record.get("breaches") or () if not b.get("told_parent", True)}
    if hidden:
        before = rec.get("disclosures") or []
        rec["disclosures"] = [d for d in before if d.get("breach") not in hidden]
        withhold("breach", "Exceptions to confidentiality and what was shared under them",
                 len(hidden) + len(before) - len(rec["disclosures"]))
    withheld = tuple(Withheld(kind, n, _REASONS[r].format(age=private_age(config), own=consent.own_consent_age(config)),
                              tuple(items.get((r, kind), ())), listed=r not in _UNLISTED)
                     for (r, kind), n in counts.items())
    return Copy(requester_, _answers_given_by(rec, record), tuple(sections), withheld, refused)


def _answers_given_by(rec: dict, record: dict) -> dict:
    """``rec``, a copy of ``record``, saying outright who gave the contact's answers: what else says it, its
    contact.caller, may be withheld from the copy (a confidence), and the cover's "Where the information came
    from" reads the copy's record."""
    rec["provided"] = {**(rec.get("provided") or {}), "from": provided.default(record)}
    return rec


def _own_details(rec: dict, record: dict, req: people.Person) -> None:
    """The copy's "your details": the requester's own, and no one else's (the other parent's address, phone and
    e-mail above all); the case's list of other people never goes in a copy."""
    rec.pop("people", None)
    if req.number == people.CALLER:
        return
    rec.pop("person", None)
    rec.pop("contact_preferences", None)
    if req.number >= people.FIRST_OTHER:
        entry = next(p for p in record.get("people") or () if p["number"] == req.number)
        rec["person"] = {k: entry[k] for k in ("name", "relationship", "organisation", "job", "phone", "email",
                                               "address", "postcode") if k in entry}
        if entry.get("contact_preferences"):
            rec["contact_preferences"] = dict(entry["contact_preferences"])


def _own_only(record: dict, req: people.Person, on: dt.date, config: dict) -> str | None:
    """Why a copy holds the requester's own information only ('not-theirs', 'yp-refused', 'yp-over-16'), or None."""
    requester = people.requester_kind(req)
    if requester not in ("parent", "other"):
        return None
    # The young person's refusal and their own consent age first: they decide what anyone, not only a parent,
    # may be told (and whether they may be told the case exists at all: ``unconfirmed_reason``).
    if consent.refusal_covering(record, None) is not None:
        return "yp-refused"
    if (consent.age_of(record, on, consent.own_consent_age(config)) != "under"
            and bool(record.get("child") or (record.get("profile") or {}).get("age_band"))
            and young_person_consents_to_parent(record, req if requester == "parent" else None) is None):
        return "yp-over-16"
    return "not-theirs" if requester == "other" else None


_UNCONFIRMED_WHY = {
    "not-theirs": "they are not a parent with parental responsibility recorded in the case, and information about "
                  "the child is not theirs to have",
    "yp-refused": "the young person asked that no one, parents included, sees their records",
    "yp-over-16": "the young person is {own} or over and has not agreed to their parent seeing their records",
}


def unconfirmed_reason(record: dict, who: str | people.Person, on: dt.date, config: dict) -> str | None:
    """Why no copy at all may be made for ``requester`` (the officer's words), or None.

    A parent who gave us nothing of their own, asking about a young person who refused or
    who is of their own consent age without consenting: any copy, even an empty one, would
    tell the parent that the young person contacted the service (R18, R25). The parent is
    answered with ``unconfirmed_document``, which reads the same whether or not we hold a record.
    """
    req = requester(record, who)
    reason = _own_only(record, req, on, config)
    if reason not in _UNCONFIRMED_WHY or people.has_own(record, req):
        return None
    return _UNCONFIRMED_WHY[reason].format(own=consent.own_consent_age(config))


# A manager decided the parent was not to be told of an exception to confidentiality (R19): a cover
# saying "an exception was withheld" would tell them. The officer is told instead (``Withheld.listed``).
_UNLISTED = frozenset({"breach"})
_REMOVED_KINDS = {False: "Notes given by someone no longer part of the case",
                  True: "Documents given by someone no longer part of the case"}
_NOTE_KINDS = {"yp-private": "Notes of what the young person told us in confidence",
               "parent-private": "Notes of what a parent or carer told us in confidence",
               "professional-private": "Notes of what a professional told us in confidence",
               "other-private": "Notes of what someone else told us in confidence"}
_DOCUMENT_KINDS = {"yp-private": "Documents the young person gave us in confidence",
                   "parent-private": "Documents a parent or carer gave us in confidence",
                   "professional-private": "Documents a professional gave us in confidence",
                   "other-private": "Documents someone else gave us in confidence"}
_FIELD_KINDS = {"yp-private": "Details the young person gave us in confidence",
                "parent-private": "Details a parent or carer gave us in confidence",
                "professional-private": "Details a professional gave us in confidence",
                "other-private": "Details someone else gave us in confidence",
                "not-theirs": "Details of the young person",
                "yp-over-16": "Details the young person gave us",
                "yp-refused": "Details the young person gave us"}


def _private_reason(who: str, private: bool, requester: str, over_private_age: bool, mine: bool = False) -> str | None:
    """Why what ``who`` provided is withheld from ``requester``'s copy, or None: the same rule for notes and fields.
    What someone asked to keep private goes to no one but them; a young person's confidence below the private
    age is for a parent to see."""
    if not private or mine:
        return None
    if who == "young-person":
        return "yp-private" if requester == "other" or (requester == "parent" and over_private_age) else None
    if who == "parent-carer":
        return "parent-private" if requester == "young-person" else "other-private"
    if who == "professional":
        return "professional-private"
    return None


def export_section(path: str) -> str:
    """The part of a copy (``export.SECTIONS``' name) that shows the field at ``path``."""
    key = path.split(".")[0]
    return next(name for name, k in export.SECTIONS.items() if k == key)


def _drop(record: dict, path: str) -> None:
    *parents, last = path.split(".")
    node = record
    for part in parents:
        node = node[part]
    del node[last]


def _field_words(path: str) -> str:
    """'child.school' as the cover names it: "the child's school or setting"."""
    return codes.label(path if path in codes.LABELS else path.rsplit(".", 1)[0])


def _has(record: dict, section: str) -> bool:
    key = export.SECTIONS[section]
    if key is None:
        return True
    return bool(record.get(key))


# --- changes -----------------------------------------------------------------------------


def request(vault, cid: str, who: str, received: dt.date | None = None) -> dict:
    """Record a subject-access request from ``who``; returns it (with its due date)."""
    who = check_for(who)
    today = vault.today()
    received = received or today
    if received > today:
        raise UsageError("the request's date is in the future")
    made: dict = {}

    def change(record: dict) -> None:
        person = requester(record, who)
        number = max((r["number"] for r in requests(record)), default=0) + 1
        entry = {"number": number, "at": instant(vault.now()), "by": vault.officer.name,
                 "received": received.isoformat(), "for": people.requester_kind(person)}
        if person.number:
            entry["person"] = person.number
        entry.update(due=due_date(received).isoformat(), status="open")
        made.clear()
        made.update(entry)
        record.setdefault("sar_requests", []).append(entry)

    vault.update_case(cid, change, "sar request")
    return made


@dataclass(frozen=True)
class Made:
    path: Path
    password: str | None
    request: dict
    withheld: tuple[Withheld, ...]


def _documents_of(vault, cid: str, c: Copy, kind: str) -> tuple:
    """The copy's documents as the PDF's file attachments (name, description, bytes); only the PDF holds them."""
    from ..records import documents

    held = c.record.get("documents") or []
    if held and kind != "pdf-password":
        raise UsageError(f"case {cid}: this copy includes {len(held)} document(s), which go inside the PDF copy",
                         hint="make the password-protected PDF (leave out --format)")
    return tuple((documents.file_name(d), f"Document {d['number']}", documents.content(vault, cid, d)) for d in held)


def make(vault, cid: str, who: str, out: str | os.PathLike, kind: str = "pdf-password", *,
         password: str | None = None, overwrite: bool = False) -> Made:
    """Make the copy, write it, and record the request answered and the disclosure in the case."""
    who = check_for(who)
    target = outside_vault(vault, out)
    today = vault.today()
    officers = tuple(o.name for o in vault.active_officers())
    made: dict = {}

    def change(record: dict) -> None:
        made.clear()
        person = requester(record, who)
        kind_of = people.requester_kind(person)
        pending = [r for r in open_requests(record) if request_is_theirs(record, r, person, kind_of)]
        if not pending:
            raise NoOpenRequest(f"case {record['id']}: no open subject-access request from "
                                f"{'person ' + str(person.number) if person.number else WHO[kind_of]}",
                                hint=f"record it first: sendvault sar request {record['id']} --for {_said(who, person)} "
                                     "[--received DATE]")
        req = pending[0]
        why = unconfirmed_reason(record, person, today, vault.config)
        if why:
            raise Refused(f"case {record['id']}: no copy was made: {why}, and they have given us nothing of their "
                          "own, so any copy would tell them that the case exists (that the young person or the "
                          "family contacted us)",
                          hint=f"answer with the reply that reads the same whether or not we hold records: "
                               f"sendvault sar unconfirmed {record['id']} --for {_said(who, person)} --out reply.pdf")
        c = copy_for(record, person, today, vault.config, officers)
        doc = document(c, req, service=vault.config.get("service", "sendvault"), made_by=vault.officer.name,
                       made_on=today, config=vault.config,
                       contact=export.contact_of(vault.config.get("service_details") or {}))
        attached = _documents_of(vault, record["id"], c, kind)
        secret = (password or handover.new_password()) if kind == "pdf-password" else None
        data = lay_out(doc, kind, secret, attached)
        path = handover.write_output(target, data, plaintext=kind != "pdf-password", overwrite=overwrite)
        made.update(path=path, password=secret, withheld=c.withheld)
        req.update(status="completed", completed=today.isoformat(), completed_by=vault.officer.name,
                   withheld=c.withheld_count, answer="copy")
        made["request"] = dict(req)
        record.setdefault("disclosures", []).append(
            {"at": instant(vault.now()), "by": vault.officer.name, "to": _TO[kind_of], "basis": "subject-access",
             "sections": list(c.sections), "output": kind, "sar": req["number"],
             **({"documents": [d["number"] for d in c.record["documents"]]} if attached else {})})

    with unwind_on_signals():
        try:
            vault.update_case(cid, change, "sar")
        except BaseException:
            if "path" in made:  # written, but the case could not record it: take the file back
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(made["path"])
            raise
    return Made(made["path"], made["password"], made["request"], made["withheld"])
