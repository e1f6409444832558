"""Documents in the case file (R33): attach, list, open, detach.

A document is an entry of the case's ``documents`` list (its number, title, kind, who
provided it, size, SHA-256, and its file's random name and key) and a file of its own,
encrypted a piece at a time (``store/documents.py``). Attaching writes the file and the
record in one transaction: both or neither. An e-mail (.eml or Outlook .msg) becomes a
note and one document per attachment (``email_files.py``). The audit trail names a
document's number, never its title. See docs/documents.md.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..basics.errors import InvalidRecord, Refused, SendvaultError, UsageError
from ..basics.timefmt import instant
from ..store import documents as files
from . import people, provided
from .history import record_event

KINDS = ("ehc-plan", "draft-ehc-plan", "la-letter", "school-report", "professional-report", "family-letter", "email", "other")
TITLE_MAX = 200
EMAIL_TYPES = ("eml", "msg")

# What the first bytes of a file of each type are (a file named .docx holding a PDF is refused).
_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
MAGIC = {
    "pdf": (b"%PDF-",), "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP, "odt": _ZIP, "ods": _ZIP, "zip": _ZIP,
    "doc": _OLE, "xls": _OLE, "msg": _OLE, "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",), "gif": (b"GIF87a", b"GIF89a"), "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"), "rtf": (b"{\\rtf",),
}
_WHAT = ((b"%PDF-", "a PDF"), (b"PK\x03\x04", "a zip file (a Word, Excel or OpenDocument file)"),
         (_OLE[0], "an older Office file or an Outlook message"), (b"\x89PNG", "a PNG image"),
         (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"{\\rtf", "an RTF document"))


def what_it_holds(head: bytes) -> str:
    for magic, words in _WHAT:
        if head.startswith(magic):
            return words
    return "something else"


def looks_like_email(head: bytes) -> bool:
    """An RFC 5322 message starts with header lines (``Name: value``), or an mbox ``From `` line."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.startswith("From "):
        return True
    name, colon, _ = first.partition(":")
    return bool(colon) and bool(name) and all(33 <= ord(c) <= 126 for c in name)


def file_type(name: str, head: bytes, label: str) -> str:
    """The type a file's name gives it (its ending), checked against its first bytes."""
    ext = Path(name).suffix.lower().lstrip(".")
    if ext in MAGIC and not any(head.startswith(m) for m in MAGIC[ext]):
        raise UsageError(f"{label} is named as a .{ext} file but holds {what_it_holds(head)}; nothing was attached",
                         hint="check it is the file you meant, or rename it to what it is")
    if ext == "eml" and not looks_like_email(head):
        raise UsageError(f"{label} is named as an e-mail (.eml) but does not start with an e-mail's headers; nothing was attached")
    if ext and ext.isascii() and ext.isalnum() and len(ext) <= 10:
        return ext
    return "bin"


def clean_title(text: str) -> str:
    """A title on one line, as a reader sees it: control and invisible characters, and undecodable bytes, dropped."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat not in ("Cf", "Cs", "Co", "Cn"):
            out.append(ch)
    title = " ".join("".join(out).split())[:TITLE_MAX].strip()
    return title or "untitled"


def check_kind(kind: str | None, default: str = "other") -> str:
    kind = (kind or default).strip().lower()
    if kind not in KINDS:
        raise UsageError("--kind must be one of: " + ", ".join(KINDS))
    return kind


@dataclass
class Attached:
    """What one file became: document numbers, and the note's number for an e-mail."""

    numbers: list[int]
    note: int | None = None
    removed_original: bool = False
    sender: str | None = None  # an e-mail's sender matched to someone in the case: their role as a provider


def next_number(record: dict) -> int:
    """One more than any number the case's documents or its history ever used (a detached one's is not reused)."""
    used = [d["number"] for d in record.get("documents", [])]
    used += [e["document"] for e in record.get("history", []) if e.get("event") == "document-removed"]
    return max(used, default=0) + 1


def labels(paths: list) -> list[str]:
    """How messages name each file: never its name (it may be personal), its place on the command line."""
    return ["the file"] if len(paths) == 1 else [f"FILE {n}" for n in range(1, len(paths) + 1)]


def check_all(vault, paths: list) -> None:
    """Every file checked before any is attached: one bad file refuses them all, and nothing is written."""
    limit = files.limit_bytes(vault.config)
    for path, label in zip(paths, labels(paths)):
        source = files.open_source(Path(path), label, limit)
        try:
            file_type(Path(path).name, source.head, label)
        finally:
            source.close()


def attach(vault, cid: str, path: Path, label: str, provider: str | None, private: bool, title: str | None,
           kind: str | None, remove_original: bool) -> Attached:
    """Attach the file at ``path`` (``label`` names it in messages: never its name) to case ``cid``.

    ``provider`` None: the officer's, but an e-mail from the address of someone in the case is theirs."""
    said = provider
    provider = provided.check(provider, private)
    from . import consent

    record = vault.read_case(cid)
    if not consent.personal_details_allowed(record):  # a document is personal data
        raise Refused(f"case {cid} may not hold personal details (no consent to store them), so no document",
                      hint=f"'sendvault consent show {cid}' shows the consents")
    limit = files.limit_bytes(vault.config)
    source = files.open_source(Path(path), label, limit)
    try:
        ftype = file_type(Path(path).name, source.head, label)
        if ftype in EMAIL_TYPES:
            done = _attach_email(vault, record, source, ftype, label, said, provider, private, title, kind, limit)
        else:
            meta = {"title": clean_title(title if title is not None else Path(path).name), "kind": check_kind(kind),
                    "type": ftype, "from": provider, "private": private}
            numbers = _store(vault, cid, [(meta, source.file.read)], limit, note=None)
            done = Attached(numbers)
        if remove_original:
            # An e-mail's own file is its last document: the one that holds all of the original.
            check_copy(vault, cid, done.numbers[-1], source)
            files.remove_original(source)
            done.removed_original = True
        return done
    finally:
        source.close()


def _store(vault, cid: str, items: list[tuple[dict, Callable[[int], bytes]]], limit: int, note: dict | None,
           noted: list[int] | None = None) -> list[int]:
    """Write each item's file and its entry (and ``note``, an e-mail's, its number put in ``noted``) in one change."""
    numbers: list[int] = []

    def change(record: dict) -> None:
        files.clear_strays(vault.store, cid, {d["blob"] for d in record.get("documents", [])})
        at, by = instant(vault.now()), vault.officer.name
        if note is not None:  # an e-mail's: from whoever its documents are from
            entry = {"at": at, "by": by, **note}
            people.set_source(record, entry, items[-1][0]["from"], items[-1][0]["private"])
            record.setdefault("notes", []).append(entry)
            if noted is not None:
                noted[:] = [len(record["notes"])]
        for meta, read in items:
            number = next_number(record)
            key, blob = files.new_key(), files.new_blob()
            size, digest = files.store_blob(vault.store, cid, blob, read, key.recipient, limit)
            entry = {"number": number, "at": at, "by": by, "title": meta["title"], "kind": meta["kind"],
                     "size": size, "sha256": digest, "type": meta["type"], "blob": blob, "key": key.secret}
            people.set_source(record, entry, meta["from"], meta["private"])  # --from 3: one of the case's people
            record.setdefault("documents", []).append(entry)
            numbers.append(number)
        if note is not None:  # an e-mail's attachments name the document that is the e-mail itself (the last)
            for entry in record["documents"][-len(items):-1]:
                entry["email"] = numbers[-1]

    vault.update_case(cid, change, "attach", detail=lambda: "document " + ", ".join(str(n) for n in numbers))
    return numbers


def restore(vault, cid: str, path: Path, label: str, row: dict) -> int:
    """A document of sendvault's own export (its ``rows`` entry) attached back as it was listed: its title, kind,
    provider and confidence; never read as an e-mail (its note came back with the case). Returns its number."""
    limit = files.limit_bytes(vault.config)
    source = files.open_source(Path(path), label, limit)
    try:
        ftype = file_type(Path(path).name, source.head, label)
        provider = str(row["from_person"]) if row.get("from_person") else row.get("from", "officer")
        meta = {"title": clean_title(row.get("title") or Path(path).name), "kind": check_kind(row.get("kind")),
                "type": ftype, "from": provided.check(provider, bool(row.get("private"))), "private": bool(row.get("private"))}
        return _store(vault, cid, [(meta, source.file.read)], limit, note=None)[0]
    finally:
        source.close()


def check_copy(vault, cid: str, number: int, source) -> None:
    """The vault's copy of document ``number`` read back, decrypted and its SHA-256 compared, before an original goes."""
    entry = find(vault.read_case(cid), number)
    size, digest = files.read_blob(vault.store, cid, entry["blob"], files.key_of(entry["key"]), lambda piece: None)
    if (size, digest) != (entry["size"], entry["sha256"]) or size != source.size:
        raise SendvaultError("the vault's copy did not read back as the original, so the original was not removed",
                             hint="run 'sendvault verify'; the original is where it was")


def sender_provider(record: dict, address: str | None) -> str | None:
    """Who in the case an e-mail's sender is, as ``--from`` would say it: the number of the one person of the case
    whose e-mail address it is; None for nobody, or for an address two people share (a family's one address):
    the officer then says whose it is with --from."""
    if not address:
        return None
    found = {p.number for p in people.everyone(record)
             if isinstance(p.details.get("email"), str) and p.details["email"].strip().lower() == address}
    return str(found.pop()) if len(found) == 1 else None


def _attach_email(vault, record: dict, source, ftype: str, label: str, said: str | None, provider: str, private: bool,
                  title: str | None, kind: str | None, limit: int) -> Attached:
    from . import email_files

    data = source.file.read(limit + 1)
    message = email_files.parse(data, ftype, label)
    matched = None
    if said is None:  # not said: the sender, if they are someone in the case
        matched = sender_provider(record, email_files.sender_address(message.sender))
        provider = matched or provider
    items = []
    for name, content in message.attachments:
        if not content:
            continue  # an empty attachment is nothing to keep
        if len(content) > limit:
            raise files.TooLarge(f"an attachment of {label} is over the vault's limit per document; nothing was attached")
        atype = file_type(name, content[:8192], f"an attachment of {label}") if "." in name else "bin"
        items.append(({"title": clean_title(name), "kind": "other", "type": atype, "from": provider, "private": private},
                      io.BytesIO(content).read))
    # The e-mail itself is kept too, last: what the note and the attachments came from, whole.
    items.append(({"title": clean_title(title if title is not None else (message.subject or "e-mail")),
                   "kind": check_kind(kind, "email"), "type": ftype, "from": provider, "private": private},
                  io.BytesIO(data).read))
    note = {"text": message.note_text()[:20000]}
    noted: list[int] = []
    numbers = _store(vault, record["id"], items, limit, note=note, noted=noted)
    return Attached(numbers, note=noted[0], sender=matched)


def find(record: dict, number: int) -> dict:
    for d in record.get("documents", []):
        if d["number"] == number:
            return d
    raise UsageError(f"case {record['id']} has no document {number}", hint=f"'sendvault documents {record['id']}' lists them")


def rows(record: dict) -> list[dict]:
    """The documents as listed: never the file's name or key."""
    out = []
    for d in record.get("documents", []):
        row = {"number": d["number"], "title": d["title"], "kind": d["kind"], "from": provided.note_provider(d),
               "size": d["size"], "sha256": d["sha256"], "added": d["at"], "by": d["by"], "type": d["type"]}
        if d.get("from_person"):
            row["from_person"] = d["from_person"]
        if d.get("private"):
            row["private"] = True
        if d.get("email"):
            row["email"] = d["email"]
        out.append(row)
    return out


def read(vault, cid: str, number: int, write: Callable[[bytes], object], command: str = "open") -> dict:
    """Decrypt document ``number`` into ``write`` (checked against its SHA-256 at the end); the audit names its number."""
    entry = find(vault.read_case(cid), number)
    _ensure(vault, cid, entry["blob"])
    size, digest = files.read_blob(vault.store, cid, entry["blob"], files.key_of(entry["key"]), write)
    if (size, digest) != (entry["size"], entry["sha256"]):
        raise SendvaultError(f"document {number} of case {cid} does not match what was attached (damaged)",
                             hint="run 'sendvault verify'; restore the vault from a backup")
    vault.audit(command, cid, f"document {number}")
    return entry


def fetch(vault, cids: list[str] | None) -> None:
    """The documents of ``cids`` (None: every case) brought to this machine if a partial clone has them on
    the server only (docs/sync.md): before reading many at once (an export, ``verify --documents``).
    Under the writers' lock: a sync's git never runs at the same time."""
    if files.on_demand(vault.store):
        with vault.locked():
            files.fetch(vault.store, cids)


def _ensure(vault, cid: str, blob: str) -> None:
    """Document file ``blob`` of case ``cid`` brought here if it is on the server only (git runs only then)."""
    if not files.is_here(vault.store, cid, blob):
        fetch(vault, [cid])


def content(vault, cid: str, entry: dict) -> bytes:
    """Document ``entry``'s content in memory (for a share, whose PDF is made in memory), checked; not audited
    here (the share that takes it is)."""
    buf = io.BytesIO()
    _ensure(vault, cid, entry["blob"])
    size, digest = files.read_blob(vault.store, cid, entry["blob"], files.key_of(entry["key"]), buf.write)
    if (size, digest) != (entry["size"], entry["sha256"]):
        raise SendvaultError(f"document {entry['number']} of case {cid} does not match what was attached (damaged)",
                             hint="run 'sendvault verify'; restore the vault from a backup")
    return buf.getvalue()


def file_name(entry: dict) -> str:
    """The name a document goes out under: its number and title, ending in its type, no path separators."""
    title = entry["title"].replace("/", "-").replace("\\", "-")
    ending = f".{entry['type']}"
    return f"{entry['number']} {title}" + ("" if title.lower().endswith(ending) or entry["type"] == "bin" else ending)


def detach(vault, cid: str, number: int) -> bool:
    """Remove document ``number``: out of the record (the history says so), then its file shredded.

    False if the shredding failed (a full disk): the file stays, and nobody can open it (its key went with the
    record's entry); ``verify`` notes it and the next attach to the case removes it.
    """
    gone: dict = {}
    # A file never fetched (a partial clone's) comes first: its removal must reach git, and the server's copy.
    _ensure(vault, cid, find(vault.read_case(cid), number)["blob"])

    def change(record: dict) -> None:
        entry = find(record, number)
        gone.update(entry)
        record["documents"] = [d for d in record["documents"] if d["number"] != number]
        if not record["documents"]:
            del record["documents"]
        record_event(vault, record, "document-removed", document=number)

    vault.update_case(cid, change, "detach", detail=lambda: f"document {number}")
    try:
        with vault.locked():  # unreadable already (its key went with the entry); overwritten and removed
            files.shred_blob(vault.store, cid, gone["blob"])
    except (OSError, SendvaultError):
        return False
    return True


def settings(config: dict) -> dict:
    return {"max_mb": files.limit_bytes(config) // (1024 * 1024)}


def configure(vault, max_mb: int) -> dict:
    """Managers set ``[documents] max_mb`` in vault.toml, through its sealed change path (audited)."""
    vault.require_manager()
    if not 1 <= max_mb <= files.MAX_LIMIT_MB:
        raise UsageError(f"--max-mb is 1 to {files.MAX_LIMIT_MB}")

    def change(config: dict) -> None:
        config.setdefault("documents", {})["max_mb"] = max_mb

    vault.update_config(change, "documents settings", detail=f"max_mb {max_mb}")
    return settings(vault.config)


def check_numbers(given: list[str] | None) -> list[int]:
    out = []
    for text in given or ():
        if not text.strip().isdigit() or int(text) < 1:
            raise UsageError("a document is named by its number, as 'sendvault documents ID' lists them")
        out.append(int(text))
    return out


__all__ = ["KINDS", "attach", "rows", "read", "detach", "find", "Attached", "InvalidRecord"]
