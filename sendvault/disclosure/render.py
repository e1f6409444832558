"""The one place where chosen parts of a case become a document that leaves the service.

``render`` turns a case record and the sections chosen into a ``Document`` (plain
data, every field in words: labels from ``codes``, codes described, dates as they
are said, yes/no). ``pdf.to_pdf`` (password-protected, AES-256), ``markup.to_html``,
``to_markdown`` and ``to_json`` lay it out; ``handover.to_age`` wraps any of them
for an age recipient; ``handover.write_output`` puts the result on disk, complete
or not at all.

Everything is made in memory: neither the PDF library nor anything here writes a
temporary file, so no plaintext ever reaches /tmp or /dev/shm. The only file
written is the output itself, and only protected (an age file or an encrypted
PDF) unless the caller asks for plaintext in so many words.

Used by ``share`` (disclosure) and, later, subject-access copies (``sar``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ..basics.errors import UsageError
from ..records import categories, codes
from ..records.answers import format_date

# --- the document model --------------------------------------------------------------

# Section name (as the CLI's --only takes it) -> the record's key. In the order a
# reader expects them; the title of each is its label in codes, in words.
SECTIONS: dict[str, str | None] = {
    "first-contact": "contact",
    "caller": "person",
    "child": "child",
    "contact-preferences": "contact_preferences",
    "profile": "profile",
    "status": None,  # the case's status, closing, who holds it, the follow-up
    "notes": "notes",
    "consents": "consents",
    "disclosures": "disclosures",
    "history": "history",
}
_STATUS_FIELDS = ("status", "closed", "assigned_to", "follow_up")


PERSON_PART = re.compile(r"person-([0-9]{1,3})")
PERSON_FIELDS = ("name", "relationship", "organisation", "job", "phone", "email", "address", "postcode",
                 "contact_preferences")


def part_words(part: str) -> str:
    """A part passed on, in words: 'profile' is "the profile", 'profile.sen_stage' "the SEN stage", 'person-3'
    "the details of person 3"."""
    section, dot, field = part.partition(".")
    if PERSON_PART.fullmatch(section):
        number = section.split("-")[1]
        return f"{codes.label('people.' + field)} (person {number})" if dot else f"the details of person {number}"
    if dot:
        return codes.label(f"{SECTIONS[section]}.{field}")
    words = codes.describe("disclosures.sections", part)
    return words[:1].lower() + words[1:]
# Fields of a list entry that make its heading rather than a row of its own.
_WHEN = ("at", "date")
_BY = ("by",)
_TEXT = ("text",)


@dataclass(frozen=True)
class Field:
    """One fact, in words: ``label`` ("Date of first contact") and ``value`` ("2 November 2026").

    ``path`` is the schema's field path ('contact.date'), kept for machines (JSON) only.
    """

    label: str
    value: str
    path: str


@dataclass(frozen=True)
class Entry:
    """One item of a list section (a note, a consent, a change): a heading, its facts, its text."""

    heading: str
    fields: tuple[Field, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    fields: tuple[Field, ...] = ()
    entries: tuple[Entry, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.fields and not self.entries


@dataclass(frozen=True)
class Basis:
    """Why the document may leave the service: consent, a manager-approved exception, or subject access.

    ``kind`` is 'consent' (``given_by`` parent-carer | young-person, ``method``
    verbal | written, ``given_on``), 'breach' (``reason`` a category of
    ``breaches.reason``, ``approved_by`` the manager, ``given_on`` the decision's
    date) or 'subject-access' (``given_by`` the requester, ``given_on`` the request).
    """

    kind: str
    given_by: str | None = None
    method: str | None = None
    given_on: dt.date | None = None
    reason: str | None = None
    approved_by: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("consent", "breach", "subject-access"):
            raise UsageError(f"unknown basis for a disclosure: {self.kind!r}")
        if self.kind == "breach" and not (self.reason and self.approved_by):
            raise UsageError("a disclosure without consent needs its reason and the approving manager")
        if self.kind in ("consent", "subject-access") and not self.given_by:
            raise UsageError("a disclosure with consent needs who gave it")

    def sentence(self) -> str:
        """The basis in one sentence a recipient understands."""
        on = f" on {format_date(self.given_on)}" if self.given_on else ""
        if self.kind == "consent":
            how = {"verbal": " given verbally", "written": " given in writing"}.get(self.method or "", " given")
            return f"With the consent of {_who(self.given_by)},{how}{on}."
        if self.kind == "breach":
            why = _describe("breaches.reason", self.reason)
            return (f"Without consent, as an exception to confidentiality approved by {self.approved_by} "
                    f"(manager){on}: {why[:1].lower() + why[1:]}.")
        return f"A copy of the records we hold about you, requested by {_who(self.given_by)}{on} (subject access)."


@dataclass(frozen=True)
class Document:
    """What leaves the service, in words, before any layout."""

    title: str
    service: str
    reference: str  # the case id: opaque, lets the recipient quote it back
    recipient_party: str
    made_by: str
    made_on: dt.date
    basis: Basis
    sections: tuple[Section, ...] = field(default=())
    # How the reader reaches the service: (kind, words) pairs, kind phone | email | address (``contact_of``).
    contact: tuple[tuple[str, str], ...] = ()

    @property
    def contents(self) -> list[str]:
        return [s.title for s in self.sections]

    @property
    def recipient_label(self) -> str:
        """How the first page names the recipient's row."""
        return "Shared with"

    @property
    def recipient_row(self) -> str:
        """The recipient as the first page's row names them: a party exactly as typed."""
        return self.recipient_party

    @property
    def phone(self) -> str:
        """' on 01632 960000' where the service's phone is set: the footer of every page says how to reach it."""
        number = dict(self.contact).get("phone")
        return f" on {number}" if number else ""

    @property
    def notice(self) -> str:
        return (f"Confidential. Shared by {self.service} with {self.recipient_party} only, on "
                f"{format_date(self.made_on)}. Do not pass it on, copy it or keep it longer than needed. "
                f"If it reached you by mistake, tell {self.service}{self.phone} and delete it.")


def contact_of(details: dict) -> tuple[tuple[str, str], ...]:
    """The service's contact details (``casework.service_details``) as a document prints them."""
    out = []
    if details.get("phone"):
        out.append(("phone", str(details["phone"])))
    if details.get("email"):
        out.append(("email", str(details["email"])))
    if details.get("address"):
        out.append(("address", ", ".join(details["address"])))
    return tuple(out)


_CONTACT_WORDS = {"phone": "Phone {}", "email": "email {}", "address": "by post: {}"}


def render(record: dict, sections: list[str] | tuple[str, ...], *, service: str, basis: Basis, recipient_party: str,
           made_by: str, made_on: dt.date, title: str | None = None,
           contact: tuple[tuple[str, str], ...] = (), lists: dict | None = None) -> Document:
    """The chosen ``sections`` of ``record`` (names of ``SECTIONS``; 'all' for every one) as a ``Document``.

    ``lists``: the vault's words for the codes of its own lists (``categories.described``): the issues and
    outcomes a service adds are described as it words them."""
    names = list(SECTIONS) if list(sections) == ["all"] else list(dict.fromkeys(sections))
    unknown = [n for n in names if n not in SECTIONS and not PERSON_PART.fullmatch(n)]
    if unknown or not names:
        raise UsageError(f"no such part of a case: {', '.join(unknown) or '(none chosen)'}",
                         hint=f"choose from: {', '.join(SECTIONS)} (or all)")
    return Document(
        title=_clean(title or f"Information shared with {recipient_party}"),
        service=_clean(service),
        reference=str(record.get("id", "")),
        recipient_party=_clean(recipient_party),
        made_by=_clean(made_by),
        made_on=made_on,
        basis=basis,
        sections=tuple(_section(record, n, categories.described({}) if lists is None else lists) for n in names),
        contact=tuple((kind, _clean(words)) for kind, words in contact),
    )


def _section(record: dict, name: str, lists: dict) -> Section:
    if PERSON_PART.fullmatch(name):
        return _person_section(record, name, lists)
    key = SECTIONS[name]
    if key is None:
        fields = [f for k in _STATUS_FIELDS if k in record for f in _fields(k, record[k], lists)]
        return Section(name, "Status of the case", tuple(fields))
    title = _heading(codes.label(key))
    value = record.get(key)
    if isinstance(value, list):
        return Section(name, title, entries=tuple(_entry(key, item, lists) for item in value))
    if isinstance(value, dict):
        return Section(name, title, tuple(f for k, v in value.items() for f in _fields(f"{key}.{k}", v, lists)))
    return Section(name, title)


def _person_section(record: dict, name: str, lists: dict) -> Section:
    """Someone of the case's people (3 onward) as a part of their own: their details only, never who gave them."""
    number = int(name.split("-")[1])
    entry = next((p for p in record.get("people") or () if p["number"] == number), {})
    role = {"parent-carer": "parent or carer", "other-family": "family member", "professional": "professional"}.get(
        entry.get("role"), "person")
    title = f"Person {number}: {role}" + (f" ({_clean(entry['relationship'])})" if entry.get("relationship") else "")
    fields = [f for k in PERSON_FIELDS if k in entry for f in _fields(f"people.{k}", entry[k], lists)]
    return Section(name, title, tuple(fields))


def _entry(key: str, item: dict, lists: dict) -> Entry:
    when = next((item[k] for k in _WHEN if k in item), None)
    by = next((item[k] for k in _BY if k in item), None)
    heading = " · ".join(x for x in (_words(f"{key}.at", when) if when else "", _clean(str(by)) if by else "") if x)
    text = "\n\n".join(_clean(str(item[k])) for k in _TEXT if k in item)
    # A person's number in the case means nothing outside it: who provided a note is said by their role.
    rest = [f for k, v in item.items() if k not in (*_WHEN, *_BY, *_TEXT, "from_person")
            for f in _fields(f"{key}.{k}", v, lists)]
    return Entry(heading or "Entry", tuple(rest), text)


def _fields(path: str, value, lists: dict) -> list[Field]:
    """A field in words; a table of fields (referral permission, closing) becomes one field per entry."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _fields(f"{path}.{k}", v, lists)]
    return [Field(_field_label(path), _words(path, value, lists), path)]


def _field_label(path: str) -> str:
    base = ".".join(p for p in path.split(".") if not p.isdigit())
    if base in codes.LABELS:
        return _heading(codes.label(base))
    return _heading(base.rsplit(".", 1)[-1].replace("_", " ").replace("-", " "))  # never a dotted key


def _heading(label: str) -> str:
    """'the caller's details' -> "Caller's details"."""
    words = label[4:] if label.startswith("the ") else label
    return words[:1].upper() + words[1:]


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z")


def _words(path: str, value, lists: dict | None = None) -> str:
    """A value as a person reads it: yes/no, dates in words, codes described, lists joined."""
    if value is None:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(_words(path, v, lists) for v in value) or "None"
    if isinstance(value, dt.datetime):
        return _instant(value)
    if isinstance(value, dt.date):
        return format_date(value)
    text = str(value)
    if _INSTANT.fullmatch(text):
        return _instant(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    if _DATE.fullmatch(text):
        try:
            return format_date(dt.date.fromisoformat(text))
        except ValueError:
            pass
    return _describe(path, text, lists)


def _describe(path: str | None, value: str | None, lists: dict | None = None) -> str:
    base = ".".join(p for p in (path or "").split(".") if not p.isdigit())
    if value in (lists or {}).get(base, {}):
        return _clean(lists[base][value])
    if base in ("disclosures.sections", "breaches.sections") and "." in str(value):  # one field of a part
        words = part_words(str(value))
        return words[:1].upper() + words[1:]
    try:
        return codes.describe(base, value)
    except KeyError:
        return _clean(str(value))


def _instant(t: dt.datetime) -> str:
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    local = t.astimezone()  # the officer's clock: in England, GMT or BST
    return f"{format_date(local.date())} at {local:%H:%M}"


def _who(given_by: str | None) -> str:
    if given_by == "other":  # a subject-access copy for someone other than the family: their own request
        return "you"
    words = _describe("consents.given_by", given_by)
    return words[:1].lower() + words[1:]


# Control characters (but line breaks) are dropped; tabs become spaces; unpaired
# surrogates (not from TOML, but from a caller) become U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def summary(doc: Document) -> list[tuple[str, str]]:
    rows = [(doc.recipient_label, doc.recipient_row), ("Date", format_date(doc.made_on)),
            ("Prepared by", f"{doc.made_by}, {doc.service}"), ("Basis", doc.basis.sentence()),
            ("Contains", ", ".join(doc.contents))]
    if doc.reference:
        rows.append(("Our reference", doc.reference))
    if doc.contact:
        words = "; ".join(_CONTACT_WORDS[kind].format(value) for kind, value in doc.contact)
        rows.append(("Contact us", words[:1].upper() + words[1:]))
    return rows
