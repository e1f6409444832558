"""E-mails as saved by a mail program: an ``.eml`` (RFC 5322, read by the standard library's
``email`` package) or an Outlook ``.msg`` (read by extract-msg), as a note and attachments.

MSG is Microsoft's binary compound-file (OLE) format, which nothing in the standard
library reads; extract-msg is the maintained reader of it (olefile underneath), used
only here and only when a ``.msg`` is attached (docs/documents.md).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..basics.errors import UsageError


@dataclass
class Email:
    sender: str = ""
    to: str = ""
    cc: str = ""
    date: str = ""
    subject: str = ""
    body: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, content)

    def note_text(self) -> str:
        head = [f"{label}: {value}" for label, value in (("E-mail from", self.sender), ("To", self.to), ("Cc", self.cc),
                                                          ("Date", self.date), ("Subject", self.subject)) if value]
        if self.attachments:
            head.append(f"Attachments: {len(self.attachments)} (kept as documents)")
        body = self.body.strip() or "(no text)"
        return "\n".join(head) + "\n\n" + body


def parse(data: bytes, kind: str, label: str) -> Email:
    """The e-mail in ``data`` (``kind`` eml or msg); one line naming ``label`` if it cannot be read."""
    try:
        found = _eml(data) if kind == "eml" else _msg(data)
    except UsageError:
        raise
    except Exception:  # a damaged or foreign file: whatever the reader raises, one line
        raise UsageError(f"{label} cannot be read as an e-mail (.{kind}); nothing was attached") from None
    found.sender, found.to, found.cc, found.subject = (_one_line(v) for v in (found.sender, found.to, found.cc, found.subject))
    return found


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def sender_address(sender: str) -> str | None:
    m = re.search(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", sender or "")
    return m.group(0).lower() if m else None


# --- .eml ------------------------------------------------------------------------------


def _eml(data: bytes) -> Email:
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.default)
    out = Email(sender=str(msg.get("From", "")), to=str(msg.get("To", "")), cc=str(msg.get("Cc", "")),
                date=str(msg.get("Date", "")), subject=str(msg.get("Subject", "")))
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        text = body.get_content()
        out.body = text if body.get_content_subtype() == "plain" else html_to_text(text)
    for n, part in enumerate(msg.iter_attachments(), 1):
        name = part.get_filename() or f"attachment-{n}"
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            content = inner.as_bytes() if hasattr(inner, "as_bytes") else bytes(inner)
            name = name if name.lower().endswith(".eml") else f"{name}.eml"
        else:
            content = part.get_payload(decode=True) or b""
        out.attachments.append((name, content))
    return out


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li", "h1", "h2", "h3"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)


def html_to_text(text: str) -> str:
    """An HTML body's words (no markup, no scripts): what a note keeps of it."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in html.unescape("".join(parser.out)).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- .msg ------------------------------------------------------------------------------


def _msg(data: bytes) -> Email:
    import logging

    import extract_msg

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)  # it logs what it skips: never the officer's business
    msg = extract_msg.openMsg(io.BytesIO(data))
    try:
        body = msg.body or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            raw = msg.htmlBody
            body = html_to_text(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
        out = Email(sender=msg.sender or "", to=msg.to or "", cc=msg.cc or "", date=str(msg.date or ""),
                    subject=msg.subject or "", body=body)
        for n, att in enumerate(msg.attachments, 1):
            content = att.data
            if not isinstance(content, (bytes, bytearray)):  # an embedded message: kept as its own .msg is not possible here
                continue
            name = att.longFilename or att.shortFilename or f"attachment-{n}"
            out.attachments.append((name, bytes(content)))
        return out
    finally:
        msg.close()
