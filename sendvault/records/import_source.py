"""The files another system exported, read as tables: CSV (any delimiter, UTF-8 or Windows-1252) and spreadsheets.

Pure: the command line reads the bytes; this module says what they hold. A problem
names the file (by the name it was given), never a cell's value: the cells are a
family's personal data.

Spreadsheets (.xlsx, .xls, .ods) are read by python-calamine, a binding of the Rust
calamine reader: one reader for the three formats, a cell Excel holds as a date comes
back as a date (openpyxl gives a float for a date formatted by a custom style), and
it reads 20,000 rows in a fraction of openpyxl's time.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

from ..basics.errors import SendvaultError

DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclasses.dataclass
class Table:
    """A file's rows: its headings, and each later row as (its row number, cells by heading)."""

    name: str
    form: str  # what was read, in words: "CSV, UTF-8 with a byte-order mark, semicolon-separated"
    headings: list[str]
    rows: list[tuple[int, dict[str, object]]]
    empty_rows: int = 0  # rows with no value in any cell: skipped
    documents: list[dict] | None = None  # sendvault's own export: one case document per file


class SourceError(SendvaultError):
    """A file that cannot be read as a table (named, never quoted)."""


def read(name: str, data: bytes, sheet: str | None = None) -> Table:
    """The table in ``data``, by the file's ``name``: a spreadsheet, a JSON document or CSV."""
    lower = name.lower()
    if lower.endswith(SPREADSHEETS):
        return _spreadsheet(name, data, sheet)
    if lower.endswith(".json"):
        return _document(name, data)
    return _csv(name, data)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without a byte-order mark), else Windows-1252.

    Windows-1252 is what Excel on a British Windows writes as "CSV"; bytes that are
    valid UTF-8 are almost never meant as it, so UTF-8 is tried first.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with a byte-order mark"
        except UnicodeDecodeError:
            raise SourceError(f"{name}: starts as UTF-8 but is not UTF-8 throughout; nothing was imported",
                              hint="save it again as 'CSV UTF-8'") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise SourceError(f"{name}: is neither UTF-8 nor Windows-1252 text; nothing was imported",
                          hint="save it again as 'CSV UTF-8'") from None


def sniff(name: str, text: str) -> str:
    """The delimiter among , ; tab and |: the one that splits the heading row into the most columns,
    the same number in the rows after it (csv.Sniffer guesses from letters too, and is slow on a large file)."""
    sample = text[:65536]
    best, best_score = None, 0
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if any(c.strip() for c in r)][:50]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        steady = sum(1 for r in rows[1:-1] if len(r) == width)  # the last row of the sample may be cut short
        score = width * (1 + steady)
        if score > best_score:
            best, best_score = d, score
    if best is None:
        raise SourceError(f"{name}: no delimiter found (a comma, semicolon, tab or vertical bar between the columns of "
                          "its first row); nothing was imported")
    return best


def _csv(name: str, data: bytes) -> Table:
    text, encoding = decode(name, data)
    delimiter = sniff(name, text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise SourceError(f"{name}: is not valid CSV ({_csv_reason(exc)}); nothing was imported") from None
    return _table(name, f"CSV, {encoding}, {DELIMITER_NAMES[delimiter]}-separated", rows)


def _csv_reason(exc: csv.Error) -> str:
    # csv's message may quote the text around the fault: only its kind is kept.
    words = str(exc)
    return "a quote is not closed" if "EOF" in words or "quote" in words else "a malformed line"


def _table(name: str, form: str, rows: list[list]) -> Table:
    if not rows or not any(_text(c) for c in rows[0]):
        raise SourceError(f"{name}: has no heading row (the first row names the columns); nothing was imported")
    headings = [_text(c) for c in rows[0]]
    seen: set[str] = set()
    for i, h in enumerate(headings, 1):
        if h and h in seen:
            raise SourceError(f"{name}: two columns are headed alike (column {i}); nothing was imported",
                              hint="rename one of them in the file")
        seen.add(h)
    table = Table(name, form, headings, [])
    for number, row in enumerate(rows[1:], 2):  # row 1 is the headings: numbered as a spreadsheet shows them
        if not any(_text(c) for c in row):
            table.empty_rows += 1
            continue
        if len(row) > len(headings) and any(_text(c) for c in row[len(headings):]):
            raise SourceError(f"{name} row {number}: has more cells than the heading row has columns; nothing was imported",
                              hint="a delimiter inside a value must be quoted")
        table.rows.append((number, {h: row[i] for i, h in enumerate(headings) if h and i < len(row)}))
    return table


def _text(cell) -> str:
    return cell.strip() if isinstance(cell, str) else "" if cell is None else str(cell)


def _spreadsheet(name: str, data: bytes, sheet: str | None) -> Table:
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise SourceError(f"{name}: has no sheet of the name the mapping gives; nothing was imported",
                              hint="its sheets are named: " + ", ".join(names))
        rows = book.get_sheet_by_name(sheet or names[0]).to_python(skip_empty_area=False)
    except SourceError:
        raise
    except Exception:  # calamine's own errors (a zip that is not a workbook, a damaged sheet) name no type to catch
        raise SourceError(f"{name}: cannot be read as a spreadsheet (damaged, or not .xlsx, .xls or .ods); "
                          "nothing was imported") from None
    cells = [[None if c == "" else c for c in r] for r in rows]
    return _table(name, f"spreadsheet, sheet {'named in the mapping' if sheet else 1}", cells)


def _document(name: str, data: bytes) -> Table:
    """A case document of sendvault's own export (``export``): one JSON object."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SourceError(f"{name}: is not a JSON document; nothing was imported") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("case"), dict):
        raise SourceError(f"{name}: is not a case document of sendvault's export; nothing was imported")
    return Table(name, "a case document of sendvault's export (JSON)", [], [], documents=[doc])


def excel_serial(number: float) -> dt.date:
    """A spreadsheet's serial day number as a date (Excel's 1900 system, as Excel and LibreOffice count after 1 March 1900)."""
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
