"""The subject-access copy as a document: its cover page (the request and its due date, whom the records
were shared with, what was withheld and why, and what the law says a requester must be told: the purposes,
the recipients, how long records are kept, where the information came from, their rights and the ICO),
then the records; and its layout in the chosen form. ``sar`` decides what the copy holds (``Copy``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from ..records import categories, papers, provided
from ..records.answers import format_date
from ..records.provided import note_provider
from . import markup, pdf_layout
from . import render as export

if TYPE_CHECKING:
    from .sar import Copy

WHO = {"parent": "the parent or carer", "young-person": "the young person", "other": "you"}
GIVEN_BY = {"parent": "parent-carer", "young-person": "young-person", "other": "other"}
PAPERS_WORDS = "We also hold papers on this case: ask to see them."


class SubjectAccessDocument(export.Document):
    """A copy of one's own records: the notice speaks to the person it belongs to."""

    @property
    def recipient_label(self) -> str:
        return "For"

    @property
    def recipient_row(self) -> str:
        return self.recipient_party[:1].upper() + self.recipient_party[1:]  # "The parent or carer": our words

    @property
    def notice(self) -> str:
        return (f"This is a copy of the records {self.service} holds about you, made on {format_date(self.made_on)} "
                f"at your request. Keep it safe: it is confidential. If anything in it is wrong, tell us{self.phone} "
                f"and we will correct it.")


def document(c: Copy, request: dict, *, service: str, made_by: str, made_on: dt.date, config: dict | None = None,
             contact: tuple[tuple[str, str], ...] = ()) -> SubjectAccessDocument:
    """The copy as a document: a cover (the request, the due date, what was withheld and why), what the
    service must tell a requester (UK GDPR Art. 15: ``_what_we_must_tell``), then the records."""
    who = WHO[c.requester]
    basis = export.Basis("subject-access", given_by=GIVEN_BY[c.requester],
                         given_on=dt.date.fromisoformat(request["received"]))
    doc = export.render(c.record, list(c.sections), service=service, basis=basis, recipient_party=who,
                        made_by=made_by, made_on=made_on, title=f"Your records: a copy for {who}", contact=contact,
                        lists=categories.described(config or {}))
    rows = [export.Field("Your request was received on", format_date(dt.date.fromisoformat(request["received"])),
                         "sar_requests.received"),
            export.Field("Our answer is due by", format_date(dt.date.fromisoformat(request["due"])) +
                         " (one calendar month from your request)", "sar_requests.due")]
    if c.refused:
        rows.append(export.Field(YOUNG_PERSONS_WISH, REFUSED_WORDS, "consents.action"))
    if "disclosures" in c.sections:
        rows += _shared_with(c.record)
    if c.record.get("documents"):
        rows.append(export.Field("Documents attached to this copy",
                                 "; ".join(f"{d['number']}. {d['title']}" for d in c.record["documents"])
                                 + ". Your PDF reader lists them among the file's attachments.", "documents.title"))
    if papers.held(c.record):  # R34: parents may see them; the cover names no place and no folder
        rows.append(export.Field("Paper files", PAPERS_WORDS, "papers"))
    listed = [w for w in c.withheld if w.listed]
    if listed:
        rows += [export.Field(f"Withheld: {w.kind}", f"{w.count} item{'s' if w.count != 1 else ''}"
                              + (f" ({'; '.join(w.items)})" if w.items else "") + f". {w.reason}", "withheld")
                 for w in listed]
    else:
        # The same words whether or not something unlisted was left out (see ``_UNLISTED``).
        rows.append(export.Field("Withheld", "None listed. If you think something is missing, ask us.", "withheld"))
    cover = export.Section("about-this-copy", "About this copy", tuple(rows))
    told = export.Section("your-rights", "How we use your records, and your rights", _what_we_must_tell(c, config or {}))
    fields = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    fields["sections"] = (cover, told, *(_yours(s) for s in doc.sections))
    return SubjectAccessDocument(**fields)


def _yours(section: export.Section) -> export.Section:
    """The copy's contact details are the requester's own (``sar._own_details``): "Your details", "Your phone
    number", whoever made the contact."""
    if section.name != "caller":
        return section
    return dataclasses.replace(section, title="Your details", fields=tuple(
        dataclasses.replace(f, label=f.label.replace("Caller's ", "Your ", 1)) for f in section.fields))


# What UK GDPR Art. 15(1) says a requester must be told beside the copy, in plain words: the purposes (a),
# the recipients (c), how long the records are kept (d), the rights to correction, erasure, restriction and
# objection (e), to complain to the ICO (f), where the data came from (g), and automated decisions (h).
# The categories (b) are the sections of the copy itself.
PURPOSES = ("To give the family and the young person information, advice and support about special educational "
            "needs and disabilities (SEND); to keep a record of what we have done and agreed, so that no one has to "
            "tell their story twice; to help keep children and young people safe; and to count, without names, how "
            "our service is used.")
RECIPIENTS = ("Our own staff who work with families. We pass information to anyone else, such as a school, the local "
              "authority or a health service, only with consent, or where the law requires or allows it, for example "
              "to keep someone safe from harm.")
RIGHTS = ("You can ask us to correct anything that is wrong, to delete your records, to limit how we use them, or "
          "object to how we use them. No decision about you is made by a computer alone.")
COMPLAIN = ("Please tell us first, and we will try to put it right. You also have the right to complain to the "
            "Information Commissioner's Office (ICO), which makes sure organisations look after personal "
            "information properly: ico.org.uk, phone 0303 123 1113.")
_SOURCES = {"parent-carer": "the parent or carer", "young-person": "the young person",
            "professional": "a professional who referred the family to us or worked with them, such as a teacher or "
                            "a health visitor, with the family's permission",
            "officer": "our own staff, from what they did and were told"}


def _what_we_must_tell(c: Copy, config: dict) -> tuple[export.Field, ...]:
    sources = {provided.source(c.record, path)[0] for path in provided.paths(c.record)}
    sources |= {note_provider(n) for n in c.record.get("notes") or ()}
    came_from = [_SOURCES[s] for s in provided.PROVIDERS if s in sources] or [_SOURCES["officer"]]
    came = "; ".join(came_from)
    return (
        export.Field("Why we keep them", PURPOSES, "purposes"),
        export.Field("Who can see them", RECIPIENTS + (f' Each time we did is listed above under "{SHARED_WITH}".'
                                                       if "disclosures" in c.sections else ""), "recipients"),
        export.Field("How long we keep them", _kept_for(config), "retention"),
        export.Field("Where the information came from", came[:1].upper() + came[1:] + ".", "sources"),
        export.Field("Your rights", RIGHTS, "rights"),
        export.Field("If you are unhappy", COMPLAIN, "complaints"),
    )


def _kept_for(config: dict) -> str:
    """The vault's retention rules in a parent's words (retention.py decides; this only says it)."""
    from ..records import retention

    section = retention.rules_of(config)
    if section is None:
        return ("We have not yet fixed how long we keep records like these. Ask us and we will tell you. We never "
                "keep them longer than we need to.")
    rules = [retention.rule_words(r).removeprefix("at ") for r in section["rules"]]
    when = rules[0] if len(rules) == 1 else "the latest of these: " + "; ".join(rules)
    return (f"We keep them until {when}. Then they are destroyed, and no copy can be read again; only figures "
            f"without names are kept. A short enquiry is kept for {retention.months_words(section['enquiries_months'])} "
            "after the last contact.")


def _shared_with(record: dict) -> list[export.Field]:
    """One cover row per share the copy shows: to whom, when, what, and why it was allowed (R25: the recipients).

    The requester's own copies (subject access) are not shares to anyone else, and are left out.
    """
    rows = []
    for d in record.get("disclosures") or ():
        if d.get("basis") == "subject-access":
            continue
        parts = ", ".join(export.part_words(s) for s in d["sections"])
        if d["basis"] == "consent":
            why = f"With the consent of {_GIVEN_WORDS.get(d['consent']['given_by'], 'the family')}."
        else:
            why = "Without consent, as an exception to confidentiality that a manager approved."
        when = format_date(dt.date.fromisoformat(d["at"][:10]))
        rows.append(export.Field(SHARED_WITH, f"{d['to']}, on {when}: {parts}. {why}", "disclosures.to"))
    return rows or [export.Field(SHARED_WITH, NONE_LISTED, "disclosures.to")]


SHARED_WITH = "Who we shared them with"
# When the copy lists no share. True whether nothing was shared or a share was left out under an
# exception the parent was not told of (R19): it neither claims that nothing was passed on nor hints.
NONE_LISTED = ("This copy lists no one. We pass information on only with consent, or where the law allows it "
               "without consent, for example to keep a child safe. If you have a question about this, ask us.")
YOUNG_PERSONS_WISH = "The young person's wish"
# Said to a parent whose child refused: that they did, and what the copy holds; never when, how or why.
REFUSED_WORDS = ("The young person has asked us not to share their records with anyone else, including their parents. "
                 "A young person who understands what they are asking can make that choice, and we respect "
                 "it. This copy holds only the information you gave us about yourself. If you are worried, you can "
                 "talk to us, or ask the young person.")


_GIVEN_WORDS = {"parent-carer": "the parent or carer", "young-person": "the young person"}


def lay_out(doc: export.Document, kind: str, password: str | None, attachments: tuple = ()) -> bytes:
    if kind == "pdf-password":
        return pdf_layout.to_pdf(doc, password, attachments)
    if kind == "html-plaintext":
        return markup.to_html(doc).encode("utf-8")
    if kind == "markdown-plaintext":
        return markup.to_markdown(doc).encode("utf-8")
    return markup.to_json(doc).encode("utf-8")
