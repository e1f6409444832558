"""Moving in: another system's export made into cases, each through intake's own gate (issue 26).

``plan`` is pure: tables in (``import_source``), the mapping (``import_mapping``), the
vault's configuration and the legacy references it already holds; out come the cases
to write and every problem, one line each, naming the file, the row and the field,
never a value. Every case's intake fields go through ``intake.prepare``, the function
``intake --from`` uses, so an imported case meets exactly the rules a new one does;
notes and consents joined to it by the old system's reference are checked as ``note``
and ``consent grant`` check them. A case with any problem is not imported; the others
are (a service moving in wants its good records in and a list of the rest to fix).

``run`` writes the planned cases through the store's batch path, skipping any whose
legacy reference the vault already holds: a run killed half-way is finished by the
next, and nothing is imported twice.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Callable

from . import consent, import_mapping, intake, provided
from ..basics import schema
from ..basics.errors import InvalidRecord, RefusedRecord, SendvaultError
from .import_mapping import label, place
from .import_source import Table

# What a sendvault case document carries beyond its intake fields, restored as it was
# (sendvault's own export: the round trip). The store sets id, format and updated.
DOCUMENTS = "case documents (.json)"
KEPT = ("created", "created_by", "status", "closed", "assigned_to", "follow_up", "notes", "consents", "disclosures",
        "breaches", "holds", "policy_told", "history", "sar_requests", "people")


@dataclasses.dataclass
class Planned:
    ref: str
    where: str  # "file row N", for the progress and problems
    fields: dict  # the record's fields but the store's own (id, format, updated, imported)
    created: str
    created_by: str | None = None  # None: the importing officer


@dataclasses.dataclass
class FileCount:
    form: str
    rows: int = 0
    empty: int = 0
    cases: int = 0
    notes: int = 0
    consents: int = 0


@dataclasses.dataclass
class Plan:
    cases: list[Planned] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    files: dict[str, FileCount] = dataclasses.field(default_factory=dict)
    already: int = 0  # cases whose reference the vault holds already (a run resumed)
    refused: int = 0  # cases not imported for a problem

    @property
    def notes(self) -> int:
        return sum(len(c.fields.get("notes", [])) for c in self.cases)


@dataclasses.dataclass
class _Case:
    where: str
    fields: dict
    notes: list[tuple[str, dict]] = dataclasses.field(default_factory=list)  # (where, note)
    consents: list[tuple[str, dict]] = dataclasses.field(default_factory=list)
    closed: dict = dataclasses.field(default_factory=dict)
    bad: bool = False
    document: dict | None = None


def plan(tables: list[tuple[Table, dict]], mapping: dict, config: dict, today: dt.date, officer: str,
         held: set[str]) -> Plan:
    """What an import of ``tables`` (each with its mapping entry) would write, and every problem.

    ``held``: the legacy references the vault holds already (those cases are skipped, not reported).
    """
    out = Plan()
    cases: dict[str, _Case] = {}
    dupes: dict[str, list[str]] = {}
    for table, entry in tables:
        if table.documents is not None:  # sendvault's own export: a file per case, counted together
            count = out.files.setdefault(DOCUMENTS, FileCount(table.form))
            count.rows += len(table.documents)
        else:
            out.files[table.name] = FileCount(table.form, len(table.rows), table.empty_rows)
        if entry["kind"] == "sendvault-cases":
            _documents(table, cases, dupes, out)
        elif entry["kind"] == "cases":
            _case_rows(table, entry, mapping, today, cases, dupes, out)
    for ref, places in dupes.items():
        out.problems.append(f"{places[0]}: the reference is also on {', '.join(places[1:])}: none of them is imported")
        cases[ref].bad = True
    for table, entry in tables:
        if entry["kind"] in ("notes", "consents"):
            _joined_rows(table, entry, mapping, today, cases, held, out)
    for ref, case in cases.items():
        if ref in held:
            out.already += 1
            continue
        planned = None if case.bad else _finish(ref, case, config, today, officer, out)
        if planned is None:
            out.refused += 1
        else:
            out.cases.append(planned)
            out.files[DOCUMENTS if case.document is not None else case.where.rsplit(" row ", 1)[0]].cases += 1
    return out


def _where(table: Table, number: int) -> str:
    return f"{table.name} row {number}"


def _reference(cell) -> str | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # a spreadsheet's numbers are floats: reference 1042 is "1042"
    text = "" if cell is None else " ".join(str(cell).split())
    return text or None


def reference_of(case: dict) -> str | None:
    """The reference a case of sendvault's own export comes in under: the one it came in with, if it was
    imported before (a service's old reference survives a move), else its id."""
    return _reference(case.get("legacy_ref") or case.get("id"))


def _documents(table: Table, cases: dict, dupes: dict, out: Plan) -> None:
    for doc in table.documents or ():
        where = table.name
        case = doc["case"]
        ref = reference_of(case)
        if ref is None:
            out.problems.append(f"{where}: id: is missing")
            continue
        if ref in cases:
            dupes.setdefault(ref, [cases[ref].where]).append(where)
            continue
        # The case's people as sendvault lists them (numbered) come back as they were (``KEPT``), not as an intake's.
        intake_part = {k: copy.deepcopy(v) for k, v in case.items() if k in import_mapping.intake_fields() - {"people"}}
        cases[ref] = _Case(where, intake_part, document=case)


def _referenced(table: Table, entry: dict, mapping: dict, out: Plan):
    """(where, reference, cells, how each column is read) of each row with a reference; the others reported."""
    kinds = [(c, import_mapping.kind_of(c["field"]), import_mapping.date_forms(mapping, entry, c)) for c in entry["columns"]]
    for number, cells in table.rows:
        where = _where(table, number)
        ref = _reference(cells.get(entry["reference"]))
        if ref is None:
            out.problems.append(f"{where}: the reference ({entry['reference']}) is empty")
            continue
        yield where, ref, cells, kinds


def _case_rows(table: Table, entry: dict, mapping: dict, today: dt.date, cases: dict, dupes: dict, out: Plan) -> None:
    for where, ref, cells, kinds in _referenced(table, entry, mapping, out):
        if ref in cases:
            dupes.setdefault(ref, [cases[ref].where]).append(where)
            continue
        case = _Case(where, copy.deepcopy(mapping.get("defaults") or {}))
        cases[ref] = case
        values, case.bad = _values(where, cells, kinds, today, out)
        for field, v in values:
            if field == "notes":
                case.notes.append((where, {"text": str(v)}))
            elif field.startswith("closed."):
                case.closed[field.split(".", 1)[1]] = v
            else:
                place(case.fields, field, v)


def _values(where: str, cells: dict, kinds: list, today: dt.date, out: Plan) -> tuple[list[tuple[str, object]], bool]:
    """(field, value) of each mapped column with a value in the row, and whether any cell was wrong (reported)."""
    values, bad = [], False
    for column, kind, forms in kinds:
        field = column["field"]
        try:
            v = import_mapping.value(cells.get(column["column"]) if "column" in column else column["value"],
                                     column, kind, forms, today)
        except ValueError as exc:
            out.problems.append(f"{where}: {field} ({label(field)}): {exc}")
            bad = True
            continue
        if v is not None:
            values.append((field, v))
    return values, bad


def _joined_rows(table: Table, entry: dict, mapping: dict, today: dt.date, cases: dict, held: set, out: Plan) -> None:
    kind = entry["kind"]
    count = out.files[table.name]
    for where, ref, cells, kinds in _referenced(table, entry, mapping, out):
        if ref in held:
            continue  # its case was imported by an earlier run, with this row
        if ref not in cases:
            out.problems.append(f"{where}: the reference matches no case of the files given")
            continue
        values, bad = _values(where, cells, kinds, today, out)
        item = {field.split(".", 1)[1]: v for field, v in values}
        if bad:
            cases[ref].bad = True
        elif kind == "notes":
            cases[ref].notes.append((where, item))
            count.notes += 1
        else:
            cases[ref].consents.append((where, item))
            count.consents += 1


def _finish(ref: str, case: _Case, config: dict, today: dt.date, officer: str, out: Plan) -> Planned | None:
    """The case as it will be written, checked as intake checks a new one; None (and its problems) if refused."""
    try:
        fields = intake.prepare(case.fields, config, today)
    except (InvalidRecord, RefusedRecord) as exc:
        out.problems += [f"{case.where}: {p}" for p in exc.problems]
        return None
    if case.document is not None:
        return _restored(ref, case, fields, out)
    created = f"{fields['contact']['date']}T00:00:00Z" if isinstance(fields.get("contact"), dict) else None
    bad = False
    notes = []
    for where, item in case.notes:
        note, problem = _note(item, fields, officer)
        if problem:
            out.problems.append(f"{where}: {problem}")
            bad = True
        else:
            notes.append(note)
    consents = []
    for where, item in case.consents:
        event, problem = _consent(item, fields, config, today, officer)
        if problem:
            out.problems.append(f"{where}: {problem}")
            bad = True
        else:
            consents.append(event)
    if notes:
        fields["notes"] = sorted(notes, key=lambda n: n["at"])
    if consents:
        fields["consents"] = sorted(consents, key=lambda e: e["date"])
    if case.closed:
        problem = _close(fields, case.closed, today, officer)
        if problem:
            out.problems.append(f"{case.where}: {problem}")
            bad = True
    if bad or created is None:
        return None
    problems = _schema_problems(fields, officer, created)
    if problems:
        out.problems += [f"{case.where}: {p}" for p in problems]
        return None
    return Planned(ref, case.where, fields, created)


def _note(item: dict, fields: dict, officer: str) -> tuple[dict, str | None]:
    text = str(item.get("text", "")).strip()
    if not text:
        return {}, "note.text: is empty (a note needs its text)"
    date = item.get("date") or fields["contact"]["date"]
    try:
        provider = provided.check(item.get("from"), bool(item.get("private")))  # as 'note --from' checks it
    except SendvaultError as exc:
        return {}, "note.from: " + exc.message.replace("--from ", "").replace("--private", "private")
    note = {"at": f"{date}T00:00:00Z", "by": officer, "text": text}
    if provider != "officer":
        note["from"] = provider
    if item.get("private"):
        note["private"] = True
    return note, None


def _consent(item: dict, fields: dict, config: dict, today: dt.date, officer: str) -> tuple[dict, str | None]:
    action = item.get("action", "grant")
    scope, party, given_by, method = item.get("scope"), item.get("party"), item.get("given_by"), item.get("method")
    if action not in ("grant", "withdraw"):
        return {}, "consent.action: must be grant or withdraw"
    if not scope or not given_by or (action == "grant" and not method):
        return {}, "consent: needs its scope, who gave it (given_by) and, for a grant, how (method)"
    try:
        consent.check_request(scope, party, given_by, method)  # as 'consent grant' checks it
    except SendvaultError as exc:
        return {}, "consent: " + exc.message.replace("SCOPE", "the scope").replace("--by", "given_by").replace("--", "")
    if scope in consent.REFUSABLE or scope == "referral":
        return {}, f"consent.scope: {scope} is recorded otherwise (a referral's permission at intake, see-records as a refusal)"
    if action == "grant" and scope in consent.WRITTEN_ONLY and method != "written":
        return {}, f"consent.method: {scope} needs written consent"
    date = item.get("date") or fields["contact"]["date"]
    if dt.date.fromisoformat(date) > today:
        return {}, "consent.date: is in the future"
    event = {"at": f"{date}T00:00:00Z", "by": officer, "action": action, "scope": scope, "date": date, "given_by": given_by}
    if action == "grant":
        event["method"] = method
    if party:
        event["party"] = " ".join(str(party).split())
    if item.get("note"):
        event["note"] = " ".join(str(item["note"]).split())
    return event, None


def _close(fields: dict, closed: dict, today: dt.date, officer: str) -> str | None:
    if "date" not in closed or "outcome" not in closed:
        return "closed.date and closed.outcome: a closed case needs both"
    if dt.date.fromisoformat(closed["date"]) > today:
        return "closed.date: is in the future"
    if closed["date"] < fields["contact"]["date"]:
        return "closed.date: is before the date of first contact"
    fields["status"] = "closed"
    fields["closed"] = {"date": closed["date"], "outcome": closed["outcome"], "by": officer}
    return None


def _restored(ref: str, case: _Case, fields: dict, out: Plan) -> Planned | None:
    """A case of sendvault's own export: the intake part checked as intake checks it, the rest kept as it was."""
    doc = case.document
    fields.update({k: copy.deepcopy(doc[k]) for k in KEPT if k in doc and k not in ("created", "created_by")})
    if "created" not in doc or "created_by" not in doc:
        out.problems.append(f"{case.where}: created: is missing")
        return None
    problems = _schema_problems(fields, doc["created_by"], doc["created"])
    if problems:
        out.problems += [f"{case.where}: {p}" for p in problems]
        return None
    return Planned(ref, case.where, fields, doc["created"], doc["created_by"])


def _schema_problems(fields: dict, officer: str, created: str) -> list[str]:
    candidate = {"status": "open", **fields, "format": "sendvault-case/2", "id": "0000-0000", "created": created,
                 "created_by": officer, "updated": created, "updated_by": officer, "legacy_ref": "x",
                 "imported": {"at": created, "by": officer}}
    try:
        schema.validate("case", candidate, "the case")
    except InvalidRecord as exc:
        return exc.problems
    return []


BATCH = 200


def run(vault, planned: list[Planned], summary: str, batch: int = BATCH,
        progress: Callable[[int], None] | None = None) -> list[str]:
    """Write the planned cases, ``batch`` at a time (``store/batch.py``); returns their new ids.

    Each case has its own audit entry ("import", the case id, never the reference);
    ``summary`` is the run's own entry, with the last batch's. A batch is written whole
    or not at all, so a run stopped at any point leaves whole batches, every case
    recorded, and the next run skips their references.
    """
    ids = []
    for start in range(0, len(planned), batch):
        chunk = planned[start:start + batch]
        last = start + batch >= len(planned)
        ids += vault.import_cases([(p.fields, p.created, p.created_by, p.ref) for p in chunk], summary if last else None)
        if progress:
            progress(len(chunk))
    return ids


def held_references(vault, damaged: list[str] | None = None) -> set[str]:
    """The legacy references of the cases already in the vault: an index of them in memory, from the cases.

    Read from the cases themselves on every core, not through the encrypted index: the
    index would be written as it is brought up to date, and an import writes nothing
    but its batches (a failed write of a cache must not pass for a failed import).
    """
    with vault.locked():  # taking the lock undoes a batch cut short (store/batch.py): its cases are imported again
        pass
    return {r for r in vault.map_cases(lambda record: record.get("legacy_ref"), damaged=damaged) if r}
