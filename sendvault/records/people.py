"""Everyone in a case, numbered, and whose each thing is (issue 23).

A case names its people in three places, each held once:

- person 1, who made contact: ``[person]`` with ``contact.caller`` as their role,
  ``contact.parental_responsibility`` and ``[contact_preferences]``;
- person 2, the child or young person: ``[child]``. When the young person (or the
  child) made contact they are one person, number 1, and there is no 2;
- 3 onward, everyone else (``[[people]]``): a second parent, the parent of a
  professional referral, professionals (their work details), other family. A
  number is never reused in the case, so "person 4" means the same person in every
  subject-access request and every note's ``from_person``.

``everyone`` reads them as one list; ``resolve`` finds one from what an officer
types (a number, or a name); ``owns`` says whether something someone provided is
the requester's own. Pure functions over plain dicts, and the changes an officer
makes (``add``, ``change``, ``remove``), each recorded in the history by number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import codes, intake
from .history import record_event
from ..basics.errors import InvalidRecord, UsageError
from ..basics.spelling import fold
from ..basics.timefmt import instant

CALLER, CHILD, FIRST_OTHER = 1, 2, 3
OTHER_ROLES = ("parent-carer", "other-family", "professional")
# What ``person add``/``change`` set, in the order ``show`` lists them.
DETAILS = ("name", "relationship", "organisation", "job", "phone", "email", "address", "postcode")
CONTACT_DETAILS = ("address", "postcode", "phone", "email")
PREFERENCES = ("call_at_work", "answerphone_messages", "messages_with_family", "post_ok")
ROLE_WORDS = {"parent-carer": "parent or carer", "young-person": "young person", "child": "child",
              "other-family": "other family", "professional": "professional"}
_SELF = ("young-person", "child")


@dataclass(frozen=True)
class Person:
    """One person of a case, as ``show`` and subject access see them."""

    number: int
    role: str  # parent-carer, young-person, child, other-family, professional
    made_contact: bool
    details: dict = field(default_factory=dict)  # name, phone, email, address, postcode, organisation, job, ...
    preferences: dict = field(default_factory=dict)
    parental_responsibility: bool | None = None
    source: tuple[str, int | None] = ("officer", None)  # who provided their details: (role, person)
    private: bool = False

    @property
    def is_child(self) -> bool:
        """The child or young person the case is about."""
        return self.role in _SELF

    def words(self) -> str:
        """'person 3, parent or carer (father), with parental responsibility' (no name)."""
        text = f"person {self.number}, {ROLE_WORDS[self.role]}"
        if self.details.get("relationship"):
            text += f" ({self.details['relationship']})"
        if self.made_contact:
            text += ", made contact"
        if self.role == "parent-carer":
            text += {True: ", with parental responsibility", False: ", without parental responsibility",
                     None: ""}[self.parental_responsibility]
        return text


def is_caller_child(record: dict) -> bool:
    """Whether the young person (or child) made contact themselves: persons 1 and 2 are one."""
    return (record.get("contact") or {}).get("caller") in _SELF


def everyone(record: dict) -> list[Person]:
    """The case's people in number order; none for an anonymous contact or one without personal details."""
    contact = record.get("contact") or {}
    caller = contact.get("caller")
    out: list[Person] = []
    person, child = record.get("person") or {}, record.get("child") or {}
    prefs = record.get("contact_preferences") or {}
    if is_caller_child(record):
        if person or child:
            out.append(Person(CALLER, caller, True, {**child, **person}, dict(prefs)))
    else:
        if person:
            out.append(Person(CALLER, caller or "parent-carer", True, dict(person), dict(prefs),
                              contact.get("parental_responsibility")))
        if child:
            out.append(Person(CHILD, "child", False, dict(child), {}, None, _child_source(record)))
    for entry in record.get("people") or ():
        details = {k: entry[k] for k in DETAILS if k in entry}
        out.append(Person(entry["number"], entry["role"], False, details, dict(entry.get("contact_preferences") or {}),
                          entry.get("parental_responsibility"), (entry.get("from", "officer"), entry.get("from_person")),
                          bool(entry.get("private"))))
    return out


def _child_source(record: dict) -> tuple[str, int | None]:
    from . import provided

    who = provided.source(record, "child")
    entry = ((record.get("provided") or {}).get("fields") or {}).get("child") or {}
    return who[0], entry.get("from_person")


def get(record: dict, number: int) -> Person | None:
    return next((p for p in everyone(record) if p.number == number), None)


def child_of(record: dict) -> Person | None:
    """The child or young person the case is about (person 2, or 1 when they made contact)."""
    return next((p for p in everyone(record) if p.is_child), None)


def resolve(record: dict, text: str | int) -> Person:
    """The person ``text`` names: their number in ``show``, or their name (folded, whole or unique part)."""
    people = everyone(record)
    hint = f"'sendvault show {record['id']}' lists the case's people with their numbers"
    if not people:
        raise UsageError(f"case {record['id']} holds no people (an anonymous contact, or no personal details)")
    raw = str(text).strip()
    if raw.isdigit():
        found = next((p for p in people if p.number == int(raw)), None)
        if found is None:
            raise UsageError(f"case {record['id']} has no person {int(raw)}", hint=hint)
        return found
    wanted = fold(raw)
    if not wanted:
        raise UsageError("say which person: their number or their name", hint=hint)
    # The whole name, as a reader sees it: never part of one (an aunt not in the case, typed by the family's
    # surname, must not resolve to the child).
    named = [p for p in people if p.details.get("name") and " ".join(fold(p.details["name"]).split()) == " ".join(wanted.split())]
    if len(named) == 1:
        return named[0]
    # The message never repeats the name typed: it may be personal data.
    if not named:
        raise UsageError(f"no one in case {record['id']} has that name", hint=hint)
    raise UsageError(f"more than one person in case {record['id']} has that name: give their number", hint=hint)


def by_kind(record: dict, kind: str) -> Person:
    """The one person a request 'for parent' or 'for young-person' means (requests made before people were
    numbered, and officers who type the kind): the only one of that kind, else someone of that kind the case
    does not name (number 0); with two parents, the officer must say which."""
    people = everyone(record)
    if kind == "young-person":
        found = [p for p in people if p.is_child]
    else:
        # Never "who made contact" among two parents: with the father on the phone, "--for parent" must not
        # make the mother's copy.
        found = [p for p in people if p.role == "parent-carer" or (p.role == "other-family" and p.parental_responsibility)]
    if len(found) == 1:
        return found[0]
    if not found:
        # Not in the case (a parent asking after a young person who called alone): a requester of that kind
        # who holds nothing of their own here, numbered 0.
        return Person(0, "parent-carer" if kind == "parent" else "young-person", False, parental_responsibility=True)
    raise UsageError(f"case {record['id']} names more than one parent or carer: say which, by number",
                     hint=f"'sendvault show {record['id']}' lists the case's people with their numbers")


def requester_kind(person: Person) -> str:
    """The subject-access kind of ``person``'s request: 'young-person' (the child's own), 'parent' (a parent or
    carer with parental responsibility), or 'other' (their own information only)."""
    if person.is_child:
        return "young-person"
    if person.role in ("parent-carer", "other-family") and person.parental_responsibility:
        return "parent"  # a grandparent or other relative with parental responsibility too
    return "other"


def has_own(record: dict, requester: Person) -> bool:
    """Whether ``requester`` gave the service anything of their own in this case: they made the contact, or a
    note, a consent, a detail of the contact or someone's details are theirs."""
    from . import provided

    if requester.made_contact:
        return True
    role = provider_role(requester)
    if any(owns(record, requester, n.get("from", "officer"), n.get("from_person")) for n in record.get("notes") or ()
           if n.get("from", "officer") != "officer"):
        return True
    if any(c.get("given_by") == role and (requester.number == 0 or len(
            [p for p in everyone(record) if provider_role(p) == role]) <= 1) for c in record.get("consents") or ()):
        return True
    if any(p.source[1] == requester.number and requester.number for p in everyone(record)):
        return True
    for path in provided.paths(record):
        who, _, number = provided.source_person(record, path)
        if who != "officer" and _explicit(record, path) and owns(record, requester, who, number):
            return True
    return False


def _explicit(record: dict, path: str) -> bool:
    # A detail counts as someone's own only where the case says who gave it: the default (the caller's role) is
    # who made contact, already counted.
    if (record.get("provided") or {}).get("from"):
        return True
    fields = (record.get("provided") or {}).get("fields") or {}
    parts = path.split(".")
    return any(".".join(parts[:n]) in fields for n in range(len(parts), 0, -1))


def provider_role(person: Person) -> str:
    """The provider (``provided.PROVIDERS``) a person's information counts as."""
    if person.is_child:
        return "young-person"
    if person.role == "professional":
        return "professional"
    return "parent-carer"


def owns(record: dict, requester: Person, role: str, person: int | None) -> bool:
    """Whether something provided by (``role``, ``person``) is ``requester``'s own.

    By number where one was recorded. Without one (recorded before people were numbered, or
    ``--from parent-carer``): a role's word is its person's where the case has one person of
    that role, and nobody's where it has two."""
    if role != provider_role(requester):
        return False  # the number is a place (person 1 is whoever made contact): the role recorded must agree
    if person is not None:
        return person == requester.number
    # A role's word with two people of that role (two parents) is nobody's own in particular: what either asked
    # to keep private is withheld from both (``--from 3`` says whose it is).
    return len([p for p in everyone(record) if provider_role(p) == role]) <= 1


# --- who provided it: --from -------------------------------------------------------------


def parse_from(record: dict, text: str | None) -> tuple[str | None, int | None]:
    """``--from``: a provider's role word (as before), or a person of the case by number: (role, number)."""
    if text is None:
        return None, None
    raw = text.strip()
    if raw.isdigit():
        who = resolve(record, raw)
        return provider_role(who), who.number
    if raw.lower() == "parent-carer" and len([p for p in everyone(record) if provider_role(p) == "parent-carer"]) > 1:
        raise UsageError(f"case {record['id']} has more than one parent or carer: say which one told you, by number "
                         "(--from 1, --from 3)", hint=f"'sendvault show {record['id']}' lists the case's people")
    return raw, None


# --- changes -----------------------------------------------------------------------------


def _checked_details(role: str, values: dict) -> dict:
    """``values`` (an officer's words) checked as intake checks them; '' clears a detail."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        if key == "parental_responsibility":
            out[key] = value
            continue
        text = str(value).strip()
        if key in ("organisation", "job") and role != "professional" and text:
            raise UsageError(f"--{key} is for a professional's work details")
        if text and key in ("postcode", "phone", "email"):
            try:
                text = intake.check_field(f"person.{key}", text)
            except InvalidRecord as exc:  # said of this person, not of who made contact
                words = exc.problems[0] if exc.problems else str(exc)
                raise UsageError(f"--{key}: " + words.replace(codes.label(f"person.{key}"), "the value", 1)) from None
        out[key] = text
    return out


def add(vault, cid: str, role: str, values: dict, preferences: dict | None = None,
        provider: str | None = None, private: bool = False) -> int:
    """Add someone to an open case; returns their number. ``provider``: --from (a role or a person's number)."""
    if role not in OTHER_ROLES:
        raise UsageError("--role must be " + ", ".join(OTHER_ROLES),
                         hint="who made contact and the child are in the case already: change them with 'sendvault edit'")
    details = {k: v for k, v in _checked_details(role, values).items() if v != ""}
    if not any(details.get(k) for k in ("name", "phone", "email", "address", "organisation")):
        raise UsageError("give at least their name or a way to reach them (--name, --phone, --email, --address)")
    made: dict = {}

    def change(record: dict) -> None:
        _open_with_details(record)
        number = max([FIRST_OTHER - 1] + [p["number"] for p in record.get("people") or ()]
                     + _numbers_ever(record)) + 1
        entry = {"number": number, "role": role, **details}
        if preferences:
            entry["contact_preferences"] = dict(preferences)
        set_source(record, entry, provider, private)
        entry.update(added=instant(vault.now()), added_by=vault.officer.name)
        record.setdefault("people", []).append(entry)
        record_event(vault, record, "person-added", person=number)
        made["number"] = number

    vault.update_case(cid, change, "person add")
    return made["number"]


def change(vault, cid: str, who: str, values: dict, preferences: dict | None = None,
           provider: str | None = None, private: bool = False) -> int:
    """Change the details of person ``who`` (3 onward; who made contact and the child change with ``edit``)."""
    made: dict = {}

    def apply(record: dict) -> None:
        _open_with_details(record)
        entry = _entry(record, who)
        details = _checked_details(entry["role"], values)
        remember(vault, record, entry, [k for k, v in details.items() if entry.get(k) not in (None, v)])
        for key, value in details.items():
            if value == "":
                entry.pop(key, None)
            else:
                entry[key] = value
        if preferences:
            entry.setdefault("contact_preferences", {}).update(preferences)
        if provider is not None or private:
            set_source(record, entry, provider, private)
        if not any(entry.get(k) for k in ("name", "phone", "email", "address", "organisation")):
            raise UsageError("that would leave nothing to say who they are; remove them instead",
                             hint=f"sendvault person remove {record['id']} {entry['number']}")
        record_event(vault, record, "person-changed", person=entry["number"])
        made["number"] = entry["number"]

    vault.update_case(cid, apply, "person change")
    return made["number"]


def remove(vault, cid: str, who: str) -> int:
    """Remove person ``who`` (3 onward) from an open case: their details go; their number is never reused."""
    made: dict = {}

    def apply(record: dict) -> None:
        _open_with_details(record)
        entry = _entry(record, who)
        remember(vault, record, entry, REMEMBERED)
        record["people"] = [p for p in record["people"] if p is not entry]
        if not record["people"]:
            del record["people"]
        record_event(vault, record, "person-removed", person=entry["number"])
        made["number"] = entry["number"]

    vault.update_case(cid, apply, "person remove")
    return made["number"]


# What a person of the case is found by in a note: remembered when it changes or they are removed.
REMEMBERED = ("name", "organisation", "phone", "email", "address", "postcode")


def remember(vault, record: dict, entry: dict, keys) -> None:
    """Keep the words ``entry`` (a person, 3 onward) was recorded with under ``keys`` before they change or go, for
    subject access only: a note written before still quotes them, and another requester's copy must not
    (sar.py takes every remembered word out of notes, as it takes out the current ones)."""
    from ..basics.timefmt import instant

    details = {k: str(entry[k]) for k in REMEMBERED if k in keys and entry.get(k)}
    if details:
        record.setdefault("former_details", []).append(
            {"person": entry["number"], "at": instant(vault.now()), "details": details})


def _entry(record: dict, who: str) -> dict:
    person = resolve(record, who)
    if person.number < FIRST_OTHER:
        raise UsageError(f"person {person.number} is {'who made contact' if person.number == CALLER else 'the child'}: "
                         "change their details with 'sendvault edit'", hint=f"sendvault edit {record['id']}")
    return next(p for p in record["people"] if p["number"] == person.number)


def _numbers_ever(record: dict) -> list[int]:
    # A removed person's number is never given to someone else: requests, notes, documents and details name people
    # by number, and survive a withdrawal of consent to keep personal details that takes the people away.
    found = [h.get("person") for h in record.get("history") or ()]
    found += [r.get("person") for r in record.get("sar_requests") or ()]
    found += [item.get("from_person") for key in ("notes", "documents", "people") for item in record.get(key) or ()]
    found += [e.get("from_person") for e in ((record.get("provided") or {}).get("fields") or {}).values()]
    return [n for n in found if isinstance(n, int)]


def set_source(record: dict, entry: dict, provider: str | None, private: bool) -> None:
    """Who gave ``entry`` (a person's details, a note, a document: --from, a role or a person's number) and whether
    in confidence, said anew: ``from`` (never "officer"), ``from_person``, ``private``."""
    from_role, from_person = _provider(record, provider, private)
    for key in ("from", "from_person", "private"):
        entry.pop(key, None)
    if from_role and from_role != "officer":
        entry["from"] = from_role
    if from_person is not None:
        entry["from_person"] = from_person
    if private:
        entry["private"] = True


def _provider(record: dict, provider: str | None, private: bool) -> tuple[str | None, int | None]:
    from . import provided

    role, number = parse_from(record, provider)
    role = provided.check(role, private)
    return role, number


def _open_with_details(record: dict) -> None:
    if record.get("status") != "open":
        raise InvalidRecord(f"case {record['id']} is closed: reopen it to change its people",
                            hint=f"sendvault reopen {record['id']}")
    if record.get("anonymous") or not record.get("record_personal_details") or record.get("kind") != "case":
        raise InvalidRecord(f"case {record['id']} keeps no personal details (anonymous, a general enquiry, "
                            "or without permission to record them)")


__all__ = ["Person", "everyone", "get", "child_of", "resolve", "by_kind", "requester_kind", "provider_role", "owns",
           "parse_from", "add", "change", "remove", "OTHER_ROLES", "DETAILS", "CONTACT_DETAILS"]

