"""Who provided each fact of the contact, and whether they asked that it not be shared (R25).

A case's ``provided`` section (see the case schema) says it with the least writing:
``from`` for the intake's answers as a whole (absent: the caller's role), and in
``fields`` an entry for a field (``child.school``) or a whole section (``child``)
that someone else provided or that its provider asked to keep private. The most
specific entry wins. Intake writes it from the caller or the intake file, ``edit``
for the fields it changes, and subject access reads it (``source``).

Pure functions over plain dicts; field paths are schema names, never values.
"""

from __future__ import annotations

import copy

from . import codes
from ..basics.errors import UsageError

PROVIDERS = ("parent-carer", "young-person", "professional", "officer")
SECTIONS = ("contact", "person", "child", "contact_preferences", "profile")
# The caller's role (contact.caller) as a provider: another family member calling
# has parental responsibility (or the contact is a general enquiry), so speaks as the parent.
_CALLER = {"parent-carer": "parent-carer", "other-family": "parent-carer", "young-person": "young-person",
           "child": "young-person", "professional": "professional"}


def note_provider(note: dict) -> str:
    """Who provided a note: its ``from``, or the officer who wrote it."""
    return note.get("from", "officer")


def check(provider: str | None, private: bool, default: str = "officer") -> str:
    """Who provided it (``default`` if not said); ``private`` only for what someone else provided."""
    provider = (provider or default).strip().lower()
    if provider.isdigit() and int(provider) >= 1:
        return provider  # one of the case's people, by number: checked against the case (people.parse_from)
    if provider not in PROVIDERS:
        raise UsageError("--from must be parent-carer, young-person, professional, officer, or a person's number "
                         "in the case (as 'sendvault show' numbers them)")
    if private and provider == "officer":
        raise UsageError("--private is for what a parent, young person or professional asked us not to share",
                         hint="say who provided it with --from")
    return provider


def caller(record: dict) -> str:
    """The provider the caller's role gives (contact.caller); an officer's when the role is unknown."""
    contact = record.get("contact") if isinstance(record.get("contact"), dict) else {}
    return _CALLER.get(contact.get("caller"), "officer")


def default(record: dict) -> str:
    """Who gave the intake's answers: ``provided.from``, else the caller's role."""
    return (record.get("provided") or {}).get("from") or caller(record)


def paths(record: dict) -> list[str]:
    """Every field of the contact's sections present in ``record``, as a path ('contact.policy_explained.version')."""
    out: list[str] = []

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, f"{path}.{key}")
        else:
            out.append(path)

    for section in SECTIONS:
        if isinstance(record.get(section), dict):
            walk(record[section], section)
    return out


def present(record: dict, path: str) -> bool:
    node = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def source(record: dict, path: str) -> tuple[str, bool]:
    """(who provided the field at ``path``, whether they asked that it not be shared)."""
    who, private, _ = source_person(record, path)
    return who, private


def source_person(record: dict, path: str) -> tuple[str, bool, int | None]:
    """``source`` and which of the case's people provided it, where recorded (else None)."""
    fields = (record.get("provided") or {}).get("fields") or {}
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        entry = fields.get(".".join(parts[:n]))
        if entry:
            return entry["from"], bool(entry.get("private")), entry.get("from_person")
    return default(record), False, None


def private_fields(record: dict) -> list[tuple[str, str]]:
    """(path, provider) of each field present whose provider asked that it not be shared."""
    found = []
    for path in paths(record):
        who, private = source(record, path)
        if private:
            found.append((path, who))
    return found


def problems(record: dict) -> list[tuple[str, str]]:
    """(place, words) for each entry naming a field the record does not hold; entries of an officer kept private.
    The place is the entry's own, so that the schema's restatement of the same fault under it is not said again."""
    out = []
    for path, entry in ((record.get("provided") or {}).get("fields") or {}).items():
        if not present(record, path):
            out.append((f"provided.fields.{path}", f"{codes.label('provided.fields')} name {path}, which the record does not hold"))
        elif isinstance(entry, dict) and entry.get("private") and entry.get("from") == "officer":
            out.append((f"provided.fields.{path}", f"{path} cannot be private: it is the officer's own (say who provided it)"))
    return out


def pruned(provided: dict | None, record: dict) -> dict | None:
    """``provided`` without entries for fields ``record`` no longer holds (removed by an edit or a withdrawal)."""
    if not provided:
        return provided
    out = copy.deepcopy(provided)
    fields = {p: e for p, e in (out.get("fields") or {}).items() if present(record, p)}
    if fields:
        out["fields"] = fields
    else:
        out.pop("fields", None)
    return out or None


def mark(record: dict, marked: list[str], provider: str, private: bool,
         by_person: tuple[str, int] | None = None) -> dict:
    """``record`` with ``marked`` fields recorded as from ``provider`` (and private or not); the record is not changed.
    ``by_person``: (their role, their number) where the provider is one of the case's people (``people.parse_from``)."""
    new = copy.deepcopy(record)
    provider, person = by_person if by_person is not None else (provider, None)
    provided = new.setdefault("provided", {})
    fields = provided.setdefault("fields", {})
    for path in marked:
        # A more specific entry under a section just marked would override it: the new word is the last.
        for old in [p for p in fields if p.startswith(path + ".")]:
            del fields[old]
        entry = {"from": provider}
        if person is not None:
            entry["from_person"] = person
        if private:
            entry["private"] = True
        fields[path] = entry
    tidy(new)
    return new


def tidy(record: dict) -> None:
    """Drop entries that say no more than the section or the default would (in place)."""
    provided = record.get("provided")
    if not provided:
        record.pop("provided", None)
        return
    fields = provided.get("fields") or {}
    for path in sorted(fields, key=lambda p: -p.count(".")):
        entry = fields.pop(path)
        inherited = source(record, path)
        if (entry["from"], bool(entry.get("private"))) != inherited or "from_person" in entry:
            fields[path] = entry
    if fields:
        provided["fields"] = dict(sorted(fields.items()))
    else:
        provided.pop("fields", None)
    if not provided:
        record.pop("provided")


def changed(original: dict, record: dict) -> list[str]:
    """The contact's fields that ``record`` adds or changes against ``original``."""
    return [p for p in paths(record) if not present(original, p) or _get(original, p) != _get(record, p)]


def _get(record: dict, path: str):
    node = record
    for part in path.split("."):
        node = node[part]
    return node


def after_edit(original: dict, record: dict, provider: str | None, private: bool,
               by_person: tuple[str, int] | None = None) -> dict:
    """The edited ``record`` with ``provided`` kept true: the changed fields marked as from ``provider``
    (without one, each keeps the source it had), entries for removed fields dropped."""
    new = dict(record)
    provided = pruned(original.get("provided"), new)
    if provided:
        new["provided"] = provided
    else:
        new.pop("provided", None)
    if provider is None:
        return new
    return mark(new, changed(original, new), provider, private, by_person)
