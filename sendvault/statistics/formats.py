"""The annual report as a file: tidy CSV, JSON, Markdown and a self-contained HTML page.

Pure: a protected ``tables.Report`` in, text out. Only published values are written
(a hidden count is empty, with the ``[c]`` symbol); the true counts never leave.
The HTML page has inline CSS and SVG bars, no script and no external resource,
and prints to PDF as it reads on screen.
"""

from __future__ import annotations

import csv
import html
import io
import json

from .extract import EXTRACT_COLUMNS, Extract
from .periods import Period
from .tables import FOOTNOTE, SYMBOL, TOTAL, Report, Table

FORMATS = ("table", "csv", "json", "md", "html")
CSV_COLUMNS = ("table", "row_variable", "row", "column_variable", "column", "count", "symbol")


def shown(value: int | None) -> str:
    return SYMBOL if value is None else f"{value:,}"


def to_csv(rep: Report) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for cell in rep.published():
        w.writerow({**cell, "count": "" if cell["count"] is None else cell["count"]})
    return out.getvalue()


def to_json(rep: Report) -> dict:
    return {
        "service": rep.service, "from": rep.period.start.isoformat(), "to": rep.period.end.isoformat(),
        "generated": rep.generated.isoformat(), "method": {"style": rep.style, "threshold": rep.threshold,
                                                            "notes": rep.notes},
        "tables": [{"table": t.name, "title": t.title, "note": t.note} for t in rep.tables],
        "case_duration_days": rep.durations,
        "cells": rep.published(),
    }


def to_json_text(rep: Report) -> str:
    return json.dumps(to_json(rep), indent=2, ensure_ascii=False) + "\n"


def grid(t: Table) -> tuple[list[str], list[list[str]]]:
    """A table as a header and rows of shown values (a one-way table: the row and its count)."""
    if not t.column_variable:
        return ["", "Count"], [[c.row, shown(c.shown)] for c in t.cells]
    values = {(c.row, c.column): shown(c.shown) for c in t.cells}
    return ["", *t.columns], [[r, *(values[(r, col)] for col in t.columns)] for r in t.rows]


def duration_words(rep: Report) -> str:
    d = rep.durations
    if d["hidden"]:
        return f"Time from first contact to closing: not shown ({SYMBOL}: fewer than {rep.threshold} cases closed)."
    return (f"Time from first contact to closing, for the {d['cases']:,} cases closed: median {d['median']} days "
            f"(half took between {d['lower_quartile']} and {d['upper_quartile']} days).")


def heading(rep: Report) -> str:
    return f"{rep.service}: anonymised statistics, {rep.period.start:%-d %B %Y} to {rep.period.end:%-d %B %Y}"


def to_markdown(rep: Report) -> str:
    lines = [f"# {heading(rep)}", "", f"Generated on {rep.generated:%-d %B %Y}.", ""]
    for t in rep.tables:
        lines += [f"## {t.title}", ""]
        head, rows = grid(t)
        lines.append("| " + " | ".join(_md(h) for h in head) + " |")
        lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
        lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
        lines += ["", *([t.note, ""] if t.note else [])]
    lines += ["## Time to close a case", "", duration_words(rep), "", "## Method", ""]
    lines += [f"- {n}" for n in rep.notes]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("[c]", "\\[c\\]")


_CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#0b0c0c;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;border-bottom:4px solid #1d70b8;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:2rem}
section{break-inside:avoid;page-break-inside:avoid}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.25rem .6rem;text-align:right;vertical-align:middle}
th:first-child,td:first-child{text-align:left}
tr.total td{font-weight:bold;border-top:2px solid #0b0c0c}
td.c{color:#505a5f}
.bar,td.bar{width:16rem;text-align:left}
svg{display:block}
.meta,.note{color:#505a5f;font-size:.9rem}
@media print{body{margin:0;max-width:none}h2{margin-top:1rem}}
"""


def _bar(value: int | None, largest: int) -> str:
    """An SVG bar with its number written beside it, so it reads without colour and in print."""
    if value is None:
        return f'<svg width="240" height="16" role="img" aria-label="hidden"><text x="2" y="12" font-size="11" fill="#505a5f">{SYMBOL}</text></svg>'
    width = 0 if largest <= 0 else round(200 * value / largest)
    return (f'<svg width="240" height="16" role="img" aria-label="{value}"><rect x="0" y="2" width="{width}" height="12" '
            f'fill="#1d70b8"/><text x="{width + 4}" y="12" font-size="11" fill="#0b0c0c">{value:,}</text></svg>')


def _html_table(t: Table) -> str:
    out = [f"<section><h2>{html.escape(t.title)}</h2><table>"]
    if not t.column_variable:
        largest = max((c.shown or 0 for c in t.cells if c.row != TOTAL), default=0)
        out.append('<tr><th scope="col"></th><th scope="col">Count</th><th scope="col" class="bar">Chart</th></tr>')
        for c in t.cells:
            cls = ' class="total"' if c.row == TOTAL else ""
            bar = "" if c.row == TOTAL else _bar(c.shown, largest)
            out.append(f'<tr{cls}><td>{html.escape(c.row)}</td><td{" class=c" if c.shown is None else ""}>'
                       f'{shown(c.shown)}</td><td class="bar">{bar}</td></tr>')
    else:
        head, rows = grid(t)
        out.append("<tr>" + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head) + "</tr>")
        for row in rows:
            cls = ' class="total"' if row[0] == TOTAL else ""
            out.append(f"<tr{cls}>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>")
    out.append("</table>")
    if t.note:
        out.append(f'<p class="note">{html.escape(t.note)}</p>')
    out.append("</section>")
    return "\n".join(out)


def to_html(rep: Report) -> str:
    body = "\n".join(_html_table(t) for t in rep.tables)
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in rep.notes)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading(rep))}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{html.escape(heading(rep))}</h1>
<p class="meta">Generated on {rep.generated:%-d %B %Y}. {html.escape(FOOTNOTE)}.</p>
{body}
<section><h2>Time to close a case</h2><p>{html.escape(duration_words(rep))}</p></section>
<section><h2>Method</h2><ul>{notes}</ul></section>
</body>
</html>
"""


def render(rep: Report, fmt: str) -> str:
    return {"csv": to_csv, "json": to_json_text, "md": to_markdown, "html": to_html}[fmt](rep)


# --- the record-level extract -----------------------------------------------------------

EXTRACT_FORMATS = ("csv", "json")


def extract_csv(e: Extract) -> str:
    """One row per record kept, the columns of ``report.EXTRACT_COLUMNS``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXTRACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(e.rows)
    return out.getvalue()


def extract_json(e: Extract, when: Period) -> str:
    """The same rows with what the CSV cannot say: the period, k, how far each column was generalised and how
    many records were left out."""
    data = {"from": when.start.isoformat(), "to": when.end.isoformat(), "k": e.k, "generalised": e.levels,
            "left_out": e.left_out, "columns": list(EXTRACT_COLUMNS), "rows": e.rows}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_extract(e: Extract, when: Period, fmt: str) -> str:
    return extract_json(e, when) if fmt == "json" else extract_csv(e)


__all__ = ["FORMATS", "CSV_COLUMNS", "EXTRACT_FORMATS", "render", "render_extract", "extract_csv", "extract_json", "to_csv", "to_json", "to_markdown", "to_html", "grid", "heading", "shown", "duration_words"]
