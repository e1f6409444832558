"""Moving out (issue 26): the whole vault, or chosen cases, in open formats, for leaving or for an auditor.

An export holds, under ``sendvault-export/``:

- ``cases/<ID>.json``: one document per case, the record as ``show --json`` gives it
  (consent history, notes, disclosures, breaches, holds, history, subject-access requests);
- ``tables/<kind>.csv``: one table per kind of record (cases, notes, consents,
  disclosures, ...), a row per item with its case's id;
- ``documents/<reference>/<number> <title>``: each case's documents, decrypted (the case
  document lists them, with their SHA-256; never a document's key);
- ``schemas/``: the JSON Schemas of the records (vault-schema/);
- ``import-mapping.toml``: the mapping with which ``sendvault import`` reads the case
  documents back (the round trip);
- ``README.txt`` saying what each file is, and ``manifest.json`` (counts, when, by whom).

By default the export is one age file (a tar of the above, encrypted for the age
recipient given as it is made: no plaintext reaches the disk); a folder of plain files
only on request (``--plaintext``), as ``share`` does. Each export is recorded in the
audit trail: an entry per case chosen, or one entry for the whole vault (every case
it held then), never anything of a case's content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..basics import schema
from ..records import documents, import_documents
from ..store import crypto
from . import handover
from .share import outside_vault, unwind_on_signals

FORMAT = "sendvault-export/1"
CASE_FORMAT = "sendvault-export-case/1"
ROOT = "sendvault-export"
# The lists of a case record, each a table of its own (in this order in the README).
LISTS = ("people", "notes", "consents", "disclosures", "breaches", "holds", "history", "sar_requests", "policy_told",
         "documents")
FIRST_COLUMNS = ("id", "legacy_ref", "status", "kind", "created", "created_by", "updated", "updated_by", "assigned_to")

MAPPING = '''# How 'sendvault import' reads this export back into a vault (docs/moving-in-and-out.md):
#   sendvault import sendvault-export/cases --mapping sendvault-export/import-mapping.toml \
#       --documents sendvault-export/documents
# Each case document's contact, people and profile go through intake's rules again; its notes,
# consents, disclosures and history are kept as they were. Its legacy_ref is kept; a case without one gets its id here.
format = "sendvault-import-mapping/1"
description = "sendvault's own export: one JSON document per case"

[[files]]
match = "*.json"
kind = "sendvault-cases"
'''

README = """sendvault export
================

What this is: the case records of {service}, exported by {officer} on {day}
({what}). It holds personal data: keep it protected, and delete it when it has
done its job.

Files
-----
README.txt             this file.
manifest.json          the export's format ({format}), when and by whom it was made,
                       and how many cases and records of each kind it holds.
cases/<ID>.json        one JSON document per case: {{"format": "{case_format}", "case": ...}},
                       where "case" is the whole record, as 'sendvault show ID --json' gives
                       it: the first contact, the people, the profile, consent history
                       (grants, withdrawals and refusals, in order), notes, disclosures,
                       breach decisions, legal holds, the case's history and subject-access
                       requests. Every field is described in schemas/case.schema.json.
tables/cases.csv       one row per case: its id and every single field, named by its path
                       (contact.date, person.name, profile.issues; a list's items joined
                       by "; ").
tables/<kind>.csv      one row per item of each list of a case, with the case's id first:
                       {lists}.
schemas/               the JSON Schemas (draft 2020-12) of the case record and of the
                       vault's other formats, with their descriptions of every field.
documents/<REF>/       each case's documents (letters, reports, e-mails), decrypted, named by
                       their number and title, in a folder named by the case's reference (its
                       id, or its reference in the system it was imported from); the case
                       document lists each with its SHA-256.
import-mapping.toml    the mapping with which 'sendvault import' reads cases/*.json back
                       into a vault: sendvault import cases --mapping import-mapping.toml
                       --documents documents

The CSV files are UTF-8 with a byte-order mark (so that Excel reads accents right), comma-
separated, one heading row. Dates are YYYY-MM-DD; instants are UTC, YYYY-MM-DDTHH:MM:SSZ.
"""


def _flat(value, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        yield prefix, "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else _cell(v) for v in value)
    else:
        yield prefix, _cell(value)


def _cell(v) -> str:
    return "true" if v is True else "false" if v is False else "" if v is None else str(v)


class Tables:
    """The CSV tables, a row added per case as its document is written."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {"cases": []}
        self.rows.update((name, []) for name in LISTS)

    def add(self, record: dict) -> None:
        self.rows["cases"].append(dict(_flat({k: v for k, v in record.items() if k not in LISTS})))
        for name in LISTS:
            for item in record.get(name) or ():
                self.rows[name].append({"case_id": record["id"], **dict(_flat(item))})

    def files(self) -> Iterator[tuple[str, bytes]]:
        for name, rows in self.rows.items():
            lead = FIRST_COLUMNS if name == "cases" else ("case_id",)
            columns = [c for c in lead if any(c in r for r in rows)] + \
                sorted({c for r in rows for c in r} - set(lead))
            out = io.StringIO()
            w = csv.DictWriter(out, columns, lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
            yield f"tables/{name}.csv", b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}


def files(read: Callable[[str], dict], ids: list[str], service: str, officer: str, day: dt.date, whole: bool,
          content: Callable[[str, dict], bytes] | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the export, in order, each case read (``read``) as its document is made; each case's documents
    (``content``) under ``documents/<reference>/``, as 'import --documents' takes them back."""
    what = f"the whole vault: {len(ids)} case(s)" if whole else f"{len(ids)} case(s) chosen"
    yield "README.txt", README.format(service=service, officer=officer, day=day.isoformat(), what=what, format=FORMAT,
                                      case_format=CASE_FORMAT, lists=", ".join(LISTS)).encode()
    yield "import-mapping.toml", MAPPING.encode()
    for path in sorted(schema.schema_dir().glob("*.schema.json")):
        yield f"schemas/{path.name}", path.read_bytes()
    tables = Tables()
    for cid in ids:
        record = read(cid)
        record.pop("former_details", None)  # for redaction only (people.remember): not the case's record
        held = record.get("documents") or []
        if held:  # as 'documents' lists them: never a document's key or file name in the vault
            record = {**record, "documents": documents.rows(record)}
        tables.add(record)
        yield f"cases/{cid}.json", json.dumps({"format": CASE_FORMAT, "case": record}, indent=2, ensure_ascii=False).encode()
        folder = import_documents.folder_name(record.get("legacy_ref") or cid)
        for entry in held if content is not None else ():
            yield f"documents/{folder}/{documents.file_name(entry)}", content(cid, entry)
    yield from tables.files()
    manifest = {"format": FORMAT, "service": service, "made_by": officer, "made_on": day.isoformat(), "whole_vault": whole,
                "cases": len(ids), "records": tables.counts()}
    yield "manifest.json", json.dumps(manifest, indent=2).encode()


def tar_parts(members: Iterable[tuple[str, bytes]], mtime: int) -> Iterator[bytes]:
    """A tar stream of ``members`` under ``ROOT``, made piece by piece (never the whole archive in memory)."""
    for name, data in members:
        info = tarfile.TarInfo(f"{ROOT}/{name}")
        info.size, info.mtime, info.mode = len(data), mtime, 0o600
        yield info.tobuf(format=tarfile.PAX_FORMAT)
        yield data
        if len(data) % tarfile.BLOCKSIZE:
            yield tarfile.NUL * (tarfile.BLOCKSIZE - len(data) % tarfile.BLOCKSIZE)
    yield tarfile.NUL * (2 * tarfile.BLOCKSIZE)


def export(vault, ids: list[str] | None, out: str | Path, recipient: str | None, plaintext: bool) -> tuple[int, Path]:
    """Write the export of ``ids`` (None: every case) to ``out``; returns (cases, where). Managers only; audited."""
    vault.require_manager()
    whole = ids is None
    ids = sorted(vault.case_ids()) if whole else ids
    if not whole:
        for cid in ids:
            vault.read_case(cid)  # a case that does not exist, or was destroyed, is named before anything is written
    with vault.locked():
        vault.audit_ready()  # an export that could not be recorded is not made
    target = outside_vault(vault, out)  # a copy inside the vault would travel with it (sync)
    documents.fetch(vault, None if whole else ids)  # a partial clone's documents not yet here: in one git call
    members = files(vault.read_case, ids, vault.config["service"], vault.officer.name, vault.today(), whole,
                    lambda cid, entry: documents.content(vault, cid, entry))
    with unwind_on_signals():  # SIGTERM or a closed terminal: the partial output is removed, nothing recorded
        if plaintext:
            where = handover.write_folder(target, members)
            form = "plaintext"
        else:
            mtime = int(vault.now().timestamp())
            pair = crypto.canonical_recipient(recipient)
            where = handover.write_output(target, lambda write: crypto.encrypt_parts(tar_parts(members, mtime), [pair], write))
            form = "age-encrypted"
        try:
            if whole:
                vault.audit("export", detail=f"the whole vault: {len(ids)} case(s), {form}")
            else:
                with vault.locked():
                    for cid in ids:
                        vault.audit("export", cid, detail=form)
        except BaseException:  # written, but it could not be recorded: take the output back, as share does
            if where.is_dir():
                shutil.rmtree(where, ignore_errors=True)
            else:
                where.unlink(missing_ok=True)
            raise
    return len(ids), where
