"""The import mapping: which column is which intake field, and how a cell becomes a field's value.

The mapping (TOML, vault-schema/import-mapping.schema.json, checked when read) names
fields by the intake file's paths (``contact.date``, ``person.name``), so that an
imported case is the intake file it would have been and goes through the same
gate, ``intake.prepare``. A path is set generically: a number in it is a place in a
list, so ``people.0.name`` needs nothing here once the intake file has people.
Problems name the file, the row and the field; never a cell's value.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib

from . import answers, codes, intake
from ..basics import schema
from ..basics.errors import InvalidRecord, SendvaultError
from .import_source import Table, excel_serial

FORMAT = "sendvault-import-mapping/1"
# Fields of a cases file beyond the intake file's: a note, and the case's closing.
CASE_EXTRAS = ("notes", "closed.date", "closed.outcome")
NOTE_FIELDS = ("note.text", "note.date", "note.from", "note.private")
CONSENT_FIELDS = ("consent.scope", "consent.party", "consent.date", "consent.given_by", "consent.method",
                  "consent.action", "consent.note")
_LIST_SPLIT = ";"


class MappingError(SendvaultError):
    """A mapping that cannot be used (nothing is imported)."""


def load(text: str) -> dict:
    """The mapping, checked against its schema and for fields each kind of file can hold."""
    try:
        mapping = intake.load_toml(text)
    except InvalidRecord as exc:
        raise MappingError("the mapping " + exc.message.removeprefix("the intake file "), hint=exc.hint) from None
    try:
        schema.validate("import-mapping", mapping, "the mapping")
    except InvalidRecord as exc:
        problems = exc.problems
        raise MappingError(f"the mapping is not valid: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
                           hint="see docs/moving-in-and-out.md for its form")
    for i, f in enumerate(mapping["files"], 1):
        for c in f.get("columns", []):
            if not _allowed(f["kind"], c["field"]):
                raise MappingError(f"the mapping's file {i} ({f['kind']}): {c['field']} is not a field of that kind of file",
                                   hint="see docs/moving-in-and-out.md for each kind's fields")
    return mapping


def _allowed(kind: str, field: str) -> bool:
    if kind == "notes":
        return field in NOTE_FIELDS
    if kind == "consents":
        return field in CONSENT_FIELDS
    return field in CASE_EXTRAS or field.split(".")[0] in intake_fields()


def intake_fields() -> set[str]:
    """The top-level fields an intake file may hold (the case schema's, less those sendvault sets)."""
    return set(schema.load("case")["properties"]) - set(intake.SYSTEM_FIELDS) - {"legacy_ref", "imported", "sar_requests",
                                                                                "documents"}


def entry_for(mapping: dict, name: str) -> dict:
    """The mapping's entry for a file named ``name`` (its last part): exactly one must match."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    found = [f for f in mapping["files"] if fnmatch.fnmatch(base, f["match"])]
    if not found:
        raise MappingError(f"{base}: no file of the mapping matches this name", hint="each file given needs a [[files]] "
                           "entry whose match fits its name")
    if len(found) > 1:
        raise MappingError(f"{base}: more than one file of the mapping matches this name")
    return found[0]


def check_columns(entry: dict, table: Table) -> None:
    """Every column the mapping names is in the file (the whole import stops if not: a misspelt heading
    would otherwise leave a field out of every case)."""
    wanted = [c["column"] for c in entry.get("columns", []) if "column" in c]
    if "reference" in entry:
        wanted.insert(0, entry["reference"])
    missing = [w for w in dict.fromkeys(wanted) if w not in table.headings]
    if missing:
        # Headings are the export's, not a family's data: naming them is what makes the error actionable.
        raise MappingError(f"{table.name}: has no column {', '.join(repr(m) for m in missing)}, which the mapping names; "
                           "nothing was imported", hint="its columns are: " + ", ".join(repr(h) for h in table.headings if h))


# --- cells to values ---------------------------------------------------------------------


def _node(path: str) -> dict:
    """The case schema's node for an intake path (lists' items followed), or {} if it has none."""
    case = schema.load("case")
    node: dict = case
    for part in path.split("."):
        while "$ref" in node or node.get("type") == "array":
            node = case["$defs"][node["$ref"].split("/")[-1]] if "$ref" in node else node.get("items", {})
        if part.isdigit():
            continue
        node = node.get("properties", {}).get(part)
        if node is None:
            return {}
    return node


def kind_of(field: str) -> str:
    """How a cell for ``field`` is read: date, yes-no, list, integer or text."""
    if field in ("note.date", "consent.date", "closed.date"):
        return "date"
    if field in ("notes", "note.text"):  # a note's text (the schema's notes are a list of them)
        return "text"
    if field == "note.private":
        return "yes-no"
    node = _node(field)
    if node.get("$ref", "").endswith("/date"):
        return "date"
    kinds = {"boolean": "yes-no", "array": "list", "integer": "integer"}
    return kinds.get(node.get("type"), "text")


def date_forms(mapping: dict, entry: dict, column: dict) -> tuple[str, ...]:
    forms = column.get("dates") or entry.get("dates") or mapping.get("dates") or "uk"
    return (forms,) if isinstance(forms, str) else tuple(forms)


def value(cell, column: dict, kind: str, forms: tuple[str, ...], today: dt.date):
    """The field's value from a cell (None when empty), or ValueError with the words of the problem."""
    if isinstance(cell, str):
        cell = cell.strip()
    if cell is None or cell == "":
        return None
    mapped = _mapped(cell, column.get("values"))
    if mapped is not cell:
        cell = mapped
        if not isinstance(cell, str) or kind == "text":
            return cell
    if kind == "date":
        return _date(cell, forms, today)
    if kind == "yes-no":
        if isinstance(cell, bool):
            return cell
        try:
            return answers.yes_no(str(cell)) if str(cell).casefold() not in ("true", "false", "1", "0") \
                else str(cell).casefold() in ("true", "1")
        except SendvaultError:
            raise ValueError("must be yes or no (or a word the mapping's values turn into true or false)") from None
    if kind == "list":
        items = [i.strip() for i in str(cell).split(column.get("split", _LIST_SPLIT))]
        return [_mapped(i, column.get("values")) for i in items if i]
    if kind == "integer":
        try:
            number = float(cell)
        except (TypeError, ValueError):
            raise ValueError("must be a whole number") from None
        if not number.is_integer():
            raise ValueError("must be a whole number")
        return int(number)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # a spreadsheet's numbers are floats: a phone typed as a number loses nothing else
    return str(cell) if not isinstance(cell, (dt.date, dt.datetime)) else cell.isoformat()[:10]


def _mapped(cell, values: dict | None):
    if not values or not isinstance(cell, str):
        return cell
    wanted = intake.fold(cell).strip()
    for word, code in values.items():
        if intake.fold(word).strip() == wanted:
            return code
    return cell


def _date(cell, forms: tuple[str, ...], today: dt.date) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if "excel" in forms:
            return excel_serial(cell).isoformat()
        raise ValueError("is a number where a date is expected (add \"excel\" to the mapping's dates for serial numbers)")
    text = str(cell)
    if "excel" in forms and text.replace(".", "", 1).isdigit():
        return excel_serial(float(text)).isoformat()
    if "iso" in forms and intake.DATE_RE.match(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("is not a real date") from None
    if "uk" in forms:
        try:
            return answers.parse_date(text, "it", today=today).isoformat()
        except SendvaultError as exc:
            raise ValueError("is not a date in a form the mapping allows" + _why(exc.message)) from None
    raise ValueError("is not a date in a form the mapping allows (" + ", ".join(forms) + ")")


def _why(message: str) -> str:
    # answers.parse_date says what is wrong ("it: there is no 13th month"), never the text typed.
    reason = message.partition(": ")[2]
    return f" ({reason})" if reason and not reason.startswith("type the date") else ""


def place(target: dict, path: str, v) -> None:
    """Set ``path`` in nested dicts; a number is a place in a list (made as long as needed)."""
    parts = path.split(".")
    node = target
    for here, nxt in zip(parts, parts[1:]):
        child = {} if not nxt.isdigit() else []
        if isinstance(node, list):
            i = int(here)
            node.extend({} for _ in range(i + 1 - len(node)))
            node = node[i]
        else:
            node = node.setdefault(here, child)
    last = parts[-1]
    if isinstance(node, list):
        i = int(last)
        node.extend(None for _ in range(i + 1 - len(node)))
        node[i] = v
    else:
        node[last] = v


def label(field: str) -> str:
    """A field in words for a problem: intake's label, or the path itself for the import's own fields."""
    return codes.label(field) if field.split(".")[0] in intake_fields() or field.startswith("closed.") else field
