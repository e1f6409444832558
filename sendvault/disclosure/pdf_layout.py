"""The document (``render.Document``) as a PDF: laid out with fpdf2 in memory, fonts chosen per document
(``fonts``), opened with a password only (AES-256) or, asked for in so many words, unprotected."""

from __future__ import annotations

import re
import secrets
import unicodedata

from ..basics.errors import UsageError
from . import fonts
from .render import Document, Entry, Field, Section, summary

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
    for key, value in summary(doc):
        bold.append(key)
        regular.append(value)
    for s in doc.sections:
        bold.append(s.title)
        regular += [x for f in s.fields for x in (f.label, f.value)]
        for e in s.entries:
            bold.append(e.heading)
            regular += [e.text] + [x for f in e.fields for x in (f.label, f.value)]
    return [_spaced(t) for t in regular], [_spaced(t) for t in bold]


def to_pdf(doc: Document, password: str, attachments: tuple = ()) -> bytes:
    """The document as a PDF that opens with ``password`` only (AES-256), made in memory, with ``attachments``
    ((file name, description, bytes)) inside it as the PDF's own file attachments, encrypted with it."""
    if not password:
        raise UsageError("a protected PDF needs a password")
    from fpdf.enums import EncryptionMethod

    pdf = _layout(doc)
    _attach(pdf, attachments, encrypted=True)
    # A random owner password: nobody can lift the restrictions by knowing the user's.
    pdf.set_encryption(owner_password=secrets.token_urlsafe(32), user_password=password,
                       encryption_method=EncryptionMethod.AES_256, encrypt_metadata=True)
    return bytes(pdf.output())


def to_unprotected_pdf(doc: Document, attachments: tuple = ()) -> bytes:
    """The same PDF with no password: only for ``to_age`` or an explicit ``--plaintext``."""
    pdf = _layout(doc)
    _attach(pdf, attachments, encrypted=False)
    return bytes(pdf.output())


def _attach(pdf, attachments: tuple, encrypted: bool) -> None:
    """Documents as the PDF's file attachments (any reader lists and saves them; ``pdfdetach`` too).

    fpdf2 2.8 writes a file specification's names unencrypted in an encrypted PDF, where a reader
    decrypts them into nothing: they are made encrypted strings here. (Its name tree's keys stay so:
    readers and pdfdetach name an attachment by its file specification, qpdf by the key.)"""
    from fpdf.syntax import PDFString

    for name, desc, data in attachments:
        spec = pdf.embed_file(bytes=data, basename=name, desc=desc, compress=True).file_spec()
        spec.f, spec.u_f = PDFString(name, encrypt=encrypted), PDFString(name, encrypt=encrypted)
        if getattr(spec, "desc", None) is not None:
            spec.desc = PDFString(desc, encrypt=encrypted)


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
        # fpdf2 2.8 fails on a colour font given a unicode range (its bitmaps are read after the range has
        # decoded them: AttributeError 'data'), so that font is added whole and asked last.
        limited = face.unicode_range is not None and not face.colour
        for style, path in styles:
            pdf.add_font(face.family, style, str(path), collection_font_number=face.index,
                         unicode_range=sorted(face.unicode_range) if limited else None)
    if plan.fallbacks:
        ordered = [f for f in plan.fallbacks if not f.colour] + [f for f in plan.fallbacks if f.colour]
        pdf.set_fallback_fonts([f.family for f in ordered], exact_match=False)


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
        for key, value in summary(doc):
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
