"""The one place where chosen parts of a case become a document that leaves the service.

``render`` turns a case record and the sections chosen into a ``Document`` (plain
data, every field in words: labels from ``codes``, codes described, dates as they
are said, yes/no); ``to_pdf`` (password-protected, AES-256), ``to_html``,
``to_markdown`` and ``to_json`` lay it out; ``to_age`` wraps any of them for an
age recipient; ``write_output`` puts the result on disk, complete or not at all.

Everything is made in memory: neither the PDF library nor anything here writes a
temporary file, so no plaintext ever reaches /tmp or /dev/shm. The only file
written is the output itself, and only protected (an age file or an encrypted
PDF) unless the caller asks for plaintext in so many words.

Used by ``share`` (disclosure) and, later, subject-access copies (``sar``).
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import json
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..records import codes
from ..store import crypto
from . import fonts
from ..records.answers import format_date
from ..basics.errors import Refused, SendvaultError, UsageError
from ..store.storage import fault_step, fsync_dir

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


def part_words(part: str) -> str:
    """A part passed on, in words: 'profile' is "the profile", 'profile.sen_stage' "the SEN stage"."""
    section, dot, field = part.partition(".")
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
           contact: tuple[tuple[str, str], ...] = ()) -> Document:
    """The chosen ``sections`` of ``record`` (names of ``SECTIONS``; 'all' for every one) as a ``Document``."""
    names = list(SECTIONS) if list(sections) == ["all"] else list(dict.fromkeys(sections))
    unknown = [n for n in names if n not in SECTIONS]
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
        sections=tuple(_section(record, n) for n in names),
        contact=tuple((kind, _clean(words)) for kind, words in contact),
    )


def _section(record: dict, name: str) -> Section:
    key = SECTIONS[name]
    if key is None:
        fields = [f for k in _STATUS_FIELDS if k in record for f in _fields(k, record[k])]
        return Section(name, "Status of the case", tuple(fields))
    title = _heading(codes.label(key))
    value = record.get(key)
    if isinstance(value, list):
        return Section(name, title, entries=tuple(_entry(key, item) for item in value))
    if isinstance(value, dict):
        return Section(name, title, tuple(f for k, v in value.items() for f in _fields(f"{key}.{k}", v)))
    return Section(name, title)


def _entry(key: str, item: dict) -> Entry:
    when = next((item[k] for k in _WHEN if k in item), None)
    by = next((item[k] for k in _BY if k in item), None)
    heading = " · ".join(x for x in (_words(f"{key}.at", when) if when else "", _clean(str(by)) if by else "") if x)
    text = "\n\n".join(_clean(str(item[k])) for k in _TEXT if k in item)
    rest = [f for k, v in item.items() if k not in (*_WHEN, *_BY, *_TEXT) for f in _fields(f"{key}.{k}", v)]
    return Entry(heading or "Entry", tuple(rest), text)


def _fields(path: str, value) -> list[Field]:
    """A field in words; a table of fields (referral permission, closing) becomes one field per entry."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _fields(f"{path}.{k}", v)]
    return [Field(_field_label(path), _words(path, value), path)]


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


def _words(path: str, value) -> str:
    """A value as a person reads it: yes/no, dates in words, codes described, lists joined."""
    if value is None:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(_words(path, v) for v in value) or "None"
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
    return _describe(path, text)


def _describe(path: str | None, value: str | None) -> str:
    base = ".".join(p for p in (path or "").split(".") if not p.isdigit())
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
    words = _describe("consents.given_by", given_by)
    return words[:1].lower() + words[1:]


# Control characters (but line breaks) are dropped; tabs become spaces; unpaired
# surrogates (not from TOML, but from a caller) become U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


# --- JSON, Markdown, HTML -------------------------------------------------------------


def to_json(doc: Document) -> str:
    """The document for machines: the same words, with each field's schema path."""
    data = asdict(doc)
    data["made_on"] = doc.made_on.isoformat()
    data["basis"] = {**{k: v for k, v in asdict(doc.basis).items() if v is not None}, "sentence": doc.basis.sentence()}
    if doc.basis.given_on:
        data["basis"]["given_on"] = doc.basis.given_on.isoformat()
    data["contents"] = doc.contents
    data["notice"] = doc.notice
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_block(text: str) -> str:
    return "\n".join(_md(line) + ("  " if line else "") for line in text.split("\n")).rstrip()


def _summary(doc: Document) -> list[tuple[str, str]]:
    rows = [(doc.recipient_label, doc.recipient_row), ("Date", format_date(doc.made_on)),
            ("Prepared by", f"{doc.made_by}, {doc.service}"), ("Basis", doc.basis.sentence()),
            ("Contains", ", ".join(doc.contents))]
    if doc.reference:
        rows.append(("Our reference", doc.reference))
    if doc.contact:
        words = "; ".join(_CONTACT_WORDS[kind].format(value) for kind, value in doc.contact)
        rows.append(("Contact us", words[:1].upper() + words[1:]))
    return rows


def to_markdown(doc: Document) -> str:
    out = [f"# {_md(doc.title)}", "", f"**{_md(doc.service)}**", ""]
    out += [f"- **{k}:** {_md(v)}" for k, v in _summary(doc)]
    out += ["", f"> {_md(doc.notice)}", ""]
    for s in doc.sections:
        out += [f"## {_md(s.title)}", ""]
        if s.empty:
            out += ["_Nothing is recorded here._", ""]
        if s.fields:
            out += ["| | |", "|---|---|"] + [f"| {_md(f.label)} | {_md(f.value).replace(chr(10), '<br>')} |" for f in s.fields]
            out.append("")
        for e in s.entries:
            out += [f"### {_md(e.heading)}", ""]
            out += [f"- {_md(f.label)}: {_md(f.value)}" for f in e.fields]
            if e.fields:
                out.append("")
            if e.text:
                out += [_md_block(e.text), ""]
    out += ["---", "", _md(doc.notice), ""]
    return "\n".join(out)


_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; }
header { border-bottom: 3px solid #1f5f6b; margin-bottom: 1.2em; }
.service { color: #1f5f6b; font-weight: bold; font-size: 1.3em; }
.confidential { float: right; color: #a33; font-weight: bold; letter-spacing: .08em; }
h1 { font-size: 1.5em; margin: .4em 0; }
h2 { color: #1f5f6b; border-bottom: 1px solid #cfdfe2; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1em; color: #444; margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3em .6em .3em 0; border-bottom: 1px solid #e6e6e6; }
th { width: 38%; color: #555; font-weight: normal; }
.summary { background: #f1f6f7; padding: .6em 1em; }
.summary th { width: 22%; font-weight: bold; color: #1f5f6b; }
.text { white-space: pre-wrap; }
footer { margin-top: 2em; border-top: 1px solid #ccc; font-size: .85em; color: #666; }
"""


def to_html(doc: Document) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(doc.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f'<header><span class="confidential">CONFIDENTIAL</span><div class="service">{e(doc.service)}</div>'
           f"<h1>{e(doc.title)}</h1></header>", '<table class="summary">']
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _summary(doc)]
    out.append("</table>")
    for s in doc.sections:
        out.append(f"<section><h2>{e(s.title)}</h2>")
        if s.empty:
            out.append("<p><em>Nothing is recorded here.</em></p>")
        if s.fields:
            out.append("<table>" + "".join(f'<tr><th>{e(f.label)}</th><td class="text">{e(f.value)}</td></tr>'
                                           for f in s.fields) + "</table>")
        for en in s.entries:
            out.append(f"<article><h3>{e(en.heading)}</h3>")
            if en.fields:
                out.append("<table>" + "".join(f"<tr><th>{e(f.label)}</th><td>{e(f.value)}</td></tr>"
                                               for f in en.fields) + "</table>")
            if en.text:
                out.append(f'<p class="text">{e(en.text)}</p>')
            out.append("</article>")
        out.append("</section>")
    out += [f"<footer><p>{e(doc.notice)}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)


# --- PDF ------------------------------------------------------------------------------

# The fonts: DejaVu, then Noto for every other script and emoji, chosen per document by
# sendvault.disclosure.fonts (which refuses a character no installed font has, rather than print a box).
_ACCENT = (31, 95, 107)  # a dark teal: prints well in black and white too
_GREY = (96, 96, 96)


_DIGITS_SPACE = re.compile(r"(?<=[0-9]) (?=[0-9])")


def _spaced(text: str) -> str:
    """Line and paragraph separators as line breaks; a space DejaVu lacks (U+3000) as a plain one; the space
    between groups of digits unbreakable, so a phone number (0303 123 1113) is never split across lines."""
    covered = fonts.dejavu().covers()
    text = _DIGITS_SPACE.sub("\u00a0", text)
    return "".join("\n" if c in "\u2028\u2029" else " " if unicodedata.category(c) == "Zs" and ord(c) not in covered
                   else c for c in text)


def _printed(doc: Document) -> tuple[list[str], list[str]]:
    """The texts the PDF shows of ``doc`` in Regular and in Bold, for the choice of its fonts."""
    regular = [doc.service, doc.title, doc.notice, "Page 0123456789 of Nothing is recorded here."]
    bold = [doc.service, doc.title, "CONFIDENTIAL"]
    for key, value in _summary(doc):
        bold.append(key)
        regular.append(value)
    for s in doc.sections:
        bold.append(s.title)
        regular += [x for f in s.fields for x in (f.label, f.value)]
        for e in s.entries:
            bold.append(e.heading)
            regular += [e.text] + [x for f in e.fields for x in (f.label, f.value)]
    return [_spaced(t) for t in regular], [_spaced(t) for t in bold]


def to_pdf(doc: Document, password: str) -> bytes:
    """The document as a PDF that opens with ``password`` only (AES-256), made in memory."""
    if not password:
        raise UsageError("a protected PDF needs a password")
    from fpdf.enums import EncryptionMethod

    pdf = _layout(doc)
    # A random owner password: nobody can lift the restrictions by knowing the user's.
    pdf.set_encryption(owner_password=secrets.token_urlsafe(32), user_password=password,
                       encryption_method=EncryptionMethod.AES_256, encrypt_metadata=True)
    return bytes(pdf.output())


def to_unprotected_pdf(doc: Document) -> bytes:
    """The same PDF with no password: only for ``to_age`` or an explicit ``--plaintext``."""
    return bytes(_layout(doc).output())


class _JoinersFollow:
    """``unicodedata`` for fpdf2's bidi algorithm, with the invisible joiners (class BN) as marks (NSM).

    fpdf2 2.8 neither removes BN characters (UAX #9, X9) nor gives them their neighbours'
    level, so a ZWNJ inside a Persian or Pashto name (محمدی‌نژاد) is left at the paragraph's
    level and cuts the right-to-left word in two, its halves set in the wrong order. As a
    mark it takes the class of the letter before it, as UAX #9 section 5.2 asks of a BN kept.
    """

    def __getattr__(self, name: str):
        return getattr(unicodedata, name)

    @staticmethod
    def bidirectional(c: str) -> str:
        kind = unicodedata.bidirectional(c)
        return "NSM" if kind == "BN" else kind


def _layout(doc: Document):
    from fpdf import FPDF, bidi
    from fpdf.fonts import FontFace

    bidi.unicodedata = _JoinersFollow()

    class Pdf(FPDF):
        _run: tuple[str, str | None] = ("", None)  # (style, the fallback font of the run being set)

        def get_fallback_font(self, char: str, style: str = "") -> str | None:
            # A joiner or a mark stays in the font of the letters around it: shaping sees them together.
            run_style, run = self._run
            if run and run_style == style and unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf") \
                    and ord(char) in self.fonts[run].cmap:
                return run
            found = super().get_fallback_font(char, style)
            self._run = (style, found)
            return found

        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font("dejavu", "", 8)
            self.set_text_color(*_GREY)
            self.cell(0, 5, _spaced(f"{doc.service} · {doc.title}"), new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(200, 200, 200)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(5)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_draw_color(200, 200, 200)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(1.5)
            self.set_font("dejavu", "", 7)
            self.set_text_color(*_GREY)
            self.multi_cell(self.epw - 28, 3.4, _spaced(doc.notice), align="L", new_x="RIGHT", new_y="TOP")
            self.cell(28, 3.4, f"Page {self.page_no()} of {{nb}}", align="R")

    regular, bold = _printed(doc)
    # Before anything is laid out: a refusal writes nothing. A font's Bold is read only for bold text in it.
    plan, bold_plan = fonts.plan(regular + bold), fonts.plan(bold)
    pdf = Pdf(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=24)
    _add_fonts(pdf, plan, bold_plan)
    # Shaping (uharfbuzz): Arabic letters joined, right to left; Indic vowels reordered and conjuncts formed.
    pdf.set_text_shaping(True)
    pdf.set_title(_spaced(doc.title))
    pdf.set_author(_spaced(doc.service))
    pdf.set_creator("sendvault")
    pdf.set_lang("en-GB")
    pdf.add_page()
    _first_page_head(pdf, doc, FontFace)
    for section in doc.sections:
        _pdf_section(pdf, section, FontFace)
    return pdf


def _add_fonts(pdf, plan: fonts.Plan, bold: fonts.Plan) -> None:
    """DejaVu, each fallback of ``plan`` in Regular, and those of ``bold`` in Bold too (Regular where none)."""
    in_bold = {f.family for f in (bold.primary, *bold.fallbacks)}
    for face in (plan.primary, *plan.fallbacks):
        styles = (("", face.regular), ("B", face.bold or face.regular)) if face.family in in_bold \
            else (("", face.regular),)
        for style, path in styles:
            pdf.add_font(face.family, style, str(path), collection_font_number=face.index,
                         unicode_range=sorted(face.unicode_range) if face.unicode_range is not None else None)
    if plan.fallbacks:
        pdf.set_fallback_fonts([f.family for f in plan.fallbacks], exact_match=False)


def _first_page_head(pdf, doc: Document, FontFace) -> None:
    pdf.set_font("dejavu", "B", 15)
    pdf.set_text_color(*_ACCENT)
    pdf.multi_cell(pdf.epw - 34, 7, _spaced(doc.service), align="L", new_x="RIGHT", new_y="TOP")
    pdf.set_font("dejavu", "B", 8)
    pdf.set_text_color(170, 40, 40)
    pdf.cell(34, 7, "CONFIDENTIAL", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_draw_color(*_ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(6)
    pdf.set_font("dejavu", "B", 17)
    pdf.set_text_color(25, 25, 25)
    pdf.multi_cell(0, 8, _spaced(doc.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("dejavu", "", 9.5)
    pdf.set_draw_color(255, 255, 255)
    with pdf.table(col_widths=(34, 136), first_row_as_headings=False, borders_layout="NONE", text_align="LEFT",
                   cell_fill_color=(236, 244, 245), cell_fill_mode="ALL", line_height=5, padding=(1.6, 3),
                   align="LEFT", width=pdf.epw, v_align="TOP") as table:
        for key, value in _summary(doc):
            row = table.row()
            row.cell(key, style=FontFace(emphasis="B", color=_ACCENT))
            row.cell(_spaced(value))
    pdf.ln(4)


# Keep with next: a heading is never left at the foot of a page with what it heads on the next.
_FIELD_ROW = 7.6  # a one-line row of a fields table, padding and rule included
_TEXT_LINE = 5.2
_KEEP_LINES = 3  # a note's heading goes with at least this many lines of its text (or all of a shorter one)


def _entry_start(pdf, entry: Entry) -> float:
    """The height of ``entry``'s heading and what must stay on its page with it."""
    pdf.set_font("dejavu", "B", 9.5)
    need = pdf.multi_cell(0, 5.5, _spaced(entry.heading), dry_run=True, output="HEIGHT")
    if entry.fields:
        need += _FIELD_ROW * min(len(entry.fields), 2) + 2
    if entry.text:
        pdf.set_font("dejavu", "", 10)
        lines = len(pdf.multi_cell(0, _TEXT_LINE, _spaced(entry.text), dry_run=True, output="LINES"))
        need += _TEXT_LINE * min(lines, _KEEP_LINES)
    return need


def _section_start(pdf, section: Section) -> float:
    """The height of ``section``'s title and the first thing under it, kept together."""
    title = 3 + 7 + 2.5
    if section.empty:
        return title + 6
    if section.fields:
        return title + _FIELD_ROW * min(len(section.fields), 2)
    return title + _entry_start(pdf, section.entries[0])


def _pdf_section(pdf, section: Section, FontFace) -> None:
    if pdf.will_page_break(_section_start(pdf, section)):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font("dejavu", "B", 12.5)
    pdf.set_text_color(*_ACCENT)
    pdf.cell(0, 7, _spaced(section.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(190, 214, 218)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2.5)
    pdf.set_text_color(30, 30, 30)
    if section.empty:
        pdf.set_font("dejavu", "", 9.5)
        pdf.set_text_color(*_GREY)
        pdf.cell(0, 6, "Nothing is recorded here.", new_x="LMARGIN", new_y="NEXT")
        return
    if section.fields:
        _pdf_fields(pdf, section.fields, FontFace)
    for entry in section.entries:
        if pdf.will_page_break(_entry_start(pdf, entry)):
            pdf.add_page()
        pdf.set_font("dejavu", "B", 9.5)
        pdf.set_text_color(50, 50, 50)
        pdf.multi_cell(0, 5.5, _spaced(entry.heading), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(30, 30, 30)
        if entry.fields:
            _pdf_fields(pdf, entry.fields, FontFace)
        if entry.text:
            pdf.set_font("dejavu", "", 10)
            pdf.multi_cell(0, 5.2, _spaced(entry.text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)


def _pdf_fields(pdf, fields: tuple[Field, ...], FontFace) -> None:
    pdf.set_font("dejavu", "", 9.5)
    pdf.set_draw_color(228, 228, 228)
    with pdf.table(col_widths=(62, 108), first_row_as_headings=False, borders_layout="HORIZONTAL_LINES",
                   text_align="LEFT", line_height=5, padding=(1.3, 2, 1.3, 0), align="LEFT", width=pdf.epw,
                   v_align="TOP") as table:
        for f in fields:
            row = table.row()
            row.cell(_spaced(f.label), style=FontFace(color=_GREY))
            row.cell(_spaced(f.value))
    pdf.ln(2)


# --- passwords, age, the output file ------------------------------------------------

# No 0/o, 1/l/i: nothing that reads or sounds like another over the phone; lower
# case only, so a phone keyboard needs no shift. 31 symbols, 16 of them: 79 bits.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS, PASSWORD_GROUP_SIZE = 4, 4
PASSWORD_BITS = 79  # floor(16 * log2(31)); tests check it


def new_password() -> str:
    """A password to read out by phone: four groups of four ('k7mq-9p2x-...'), dashes included, ~79 bits."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_SIZE))
                    for _ in range(PASSWORD_GROUPS))


def to_age(data: bytes, recipients: list[str]) -> bytes:
    """``data`` encrypted for the given age recipients (binary age format, as ``age -r`` writes it)."""
    if not recipients:
        raise UsageError("an age-encrypted copy needs at least one recipient")
    return crypto.encrypt(data, [crypto.canonical_recipient(r) for r in recipients])  # a clear error for a mistyped one


def is_protected(data: bytes) -> bool:
    """Whether ``data`` is an age file or an encrypted PDF (a PDF whose last trailer names /Encrypt)."""
    if data.startswith(crypto.AGE_MAGIC) or data.startswith(crypto.ARMOR_MAGIC):
        return True
    if data.startswith(b"%PDF-"):
        tail = data[-4096:]
        at = tail.rfind(b"trailer")
        return at >= 0 and b"/Encrypt" in tail[at:]
    return False


class OutputExists(SendvaultError):
    """The output file is there already, and overwriting was not asked for."""


def write_output(path: str | os.PathLike, data: bytes, *, plaintext: bool = False, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path``: complete or not at all, mode 0600, never over a file unless ``overwrite``.

    A temporary file beside the target is written, fsynced and renamed into place
    (linked, when not overwriting, so an existing file is never replaced even by a
    race); it is removed on any failure, Ctrl-C included. Unprotected data (not an
    age file, not an encrypted PDF) is refused unless ``plaintext`` is set.
    """
    target = Path(path)
    if not plaintext and not is_protected(data):
        raise Refused("this output is not encrypted, and unprotected copies are written only on request",
                      hint="give --plaintext to write it unprotected")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError("the output file's folder does not exist")
    if not overwrite and (target.exists() or target.is_symlink()):
        raise OutputExists("the output file already exists", hint="choose another name, or give --force to replace it")
    fault_step("open")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sendvault-", suffix=".part", dir=directory)  # 0600
    except OSError as exc:
        raise _not_written(exc) from None
    placed = False
    try:
        with os.fdopen(fd, "wb") as f:
            fault_step("write")
            f.write(data)
            f.flush()
            fault_step("fsync")
            os.fsync(f.fileno())
        fault_step("rename")
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_no_replace(tmp, target)
        placed = True
        fsync_dir(directory)
    except BaseException as exc:
        for leftover in (tmp, target) if placed else (tmp,):  # complete or not at all
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise _not_written(exc) from None
        raise
    return target


def _not_written(exc: OSError) -> SendvaultError:
    return SendvaultError(f"the output file could not be written ({exc.strerror or type(exc).__name__}); nothing was written",
                          hint="check the space and permissions where it goes, or choose another place with --out")


def _link_no_replace(tmp: str, target: Path) -> None:
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExists("the output file already exists",
                           hint="choose another name, or give --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links (a FAT memory stick): check, then rename.
        if target.exists() or target.is_symlink():
            raise OutputExists("the output file already exists",
                               hint="choose another name, or give --force to replace it") from None
        os.rename(tmp, target)
        return
    os.unlink(tmp)
