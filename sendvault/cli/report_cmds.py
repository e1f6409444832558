"""The anonymised annual report (R27) and its settings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

_SUFFIXES = {".csv": "csv", ".json": "json", ".md": "md", ".html": "html", ".htm": "html"}


@commands.command(rich_help_panel=common.RECORDS)
def report(
    ctx: typer.Context,
    start: Annotated[Optional[str], typer.Option("--from", help="First day of the period, e.g. 2026-04-01 (default: the last complete reporting year).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Last day of the period, e.g. 2027-03-31.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="table, csv, json, md or html (default: table on a terminal, csv otherwise; with --out, from its suffix).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the report to this file instead of printing it.")] = None,
    extract: Annotated[bool, typer.Option("--extract", help="Write an anonymised record-level file instead, csv or json (only if the vault's settings allow it).")] = False,
    iass: Annotated[bool, typer.Option("--iass", help="The counts in the IASS Network's categories instead (levels, open/inactive/closed, evaluation), as CSV; the mapping: 'sendvault categories national'.")] = False,
    json: common.JsonOpt = False,
) -> None:
    """The anonymised statistics for the steering group, the council and the national network.

    Counts of contacts and cases by route, channel, caller, age band, school phase,
    SEN stage, primary need, ethnicity, locality, issues, support level and outcome;
    distinct service users; totals of consents, shares, breaches and subject-access
    requests (never per case); and the cross-tabulations the vault configures. Small
    counts, and any count that would give one back through a total, are hidden
    (marked confidential). Destroyed cases still count through the anonymous profile
    retention keeps. A progress bar shows on a terminal while many cases are read.

    Example:  sendvault report --from 2026-04-01 --to 2027-03-31 --format html --out report.html
    Example:  sendvault report --extract --out extract.json
    Example:  sendvault report --iass --out national.csv
    """
    from ..statistics import report as core
    from ..statistics import formats as report_formats

    if iass and (extract or json or (fmt not in (None, "csv"))):
        raise UsageError("--iass writes CSV only, and not with --extract")
    if iass:
        return _national(ctx, start, end, out)
    if extract:
        return _extract(ctx, start, end, out, _format(fmt, out, json, report_formats.EXTRACT_FORMATS, "--extract"))
    fmt = _format(fmt, out, json, report_formats.FORMATS)
    vault = ctx.obj.open()
    first, last = _date(vault, start, "--from"), _date(vault, end, "--to")
    damaged: list[str] = []
    rep = core.make(vault, first, last, common.index_progress(), damaged)
    from ..basics import schema

    # Every format publishes the same cells: checked once, as JSON, before anything is written.
    schema.validate("report", report_formats.to_json(rep), "the report")
    vault.audit("report", detail=f"{rep.period.start} to {rep.period.end}, {fmt}" + (", written" if out else ""))
    if fmt == "table":
        _print_tables(rep)
    elif out is None:
        sys.stdout.write(report_formats.render(rep, fmt))
    else:
        _write(out, report_formats.render(rep, fmt))
    common.report_damaged(damaged)
    if not any(cell.count for cell in rep.cells()):  # all zeros: the likeliest cause is the period
        output.info(f"no contact falls between {rep.period.start} and {rep.period.end}; "
                    "choose the period with --from and --to, e.g. --from 2026-04-01 --to 2027-03-31")


@commands.command("report-settings", rich_help_panel=common.RECORDS)
def report_settings(
    ctx: typer.Context,
    threshold: Annotated[Optional[int], typer.Option("--threshold", help="Counts below this are hidden (default 5).")] = None,
    style: Annotated[Optional[str], typer.Option("--style", help="'threshold' (hide small counts) or 'ons' (hide below 10, round the rest to 5).")] = None,
    year_start: Annotated[Optional[int], typer.Option("--year-start-month", help="The month the reporting year starts (default 4, April).")] = None,
    cross: Annotated[Optional[list[str]], typer.Option("--cross", metavar="ROW:COL", help="A cross-tabulation ROW:COL, e.g. primary_need:age_band (repeat; replaces the list).")] = None,
    no_cross: Annotated[bool, typer.Option("--no-cross", help="Remove every cross-tabulation.")] = False,
    allow_extract: Annotated[Optional[bool], typer.Option("--allow-extract/--no-allow-extract", help="Whether 'report --extract' may write a record-level file.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show or change how the report protects small counts, and its cross-tabulations (managers).

    Example:  sendvault report-settings --threshold 10 --cross primary_need:age_band --cross support_level:locality
    """
    from ..statistics import report as core

    if no_cross and cross:  # --no-cross would otherwise silently win
        raise UsageError("--cross and --no-cross cannot be used together")
    vault = ctx.obj.open()
    tabs = [] if no_cross else ([_cross(c) for c in cross] if cross else None)
    if any(v is not None for v in (threshold, style, year_start, tabs, allow_extract)):
        current = core.configure(vault, threshold=threshold, style=style, year_start_month=year_start,
                                 cross_tabulations=tabs, allow_extract=allow_extract)
    else:
        current = core.settings(vault.config)
    if json:
        output.emit_json(current)
        return
    output.out(f"style: {current['style']}; threshold: {current['threshold']}; year starts in month "
               f"{current['year_start_month']}; extract {'allowed' if current['allow_extract'] else 'not allowed'}")
    for spec in current["cross_tabulations"]:
        output.out(f"cross-tabulation: {spec['rows']} by {spec['columns']}")


def _national(ctx: typer.Context, start: Optional[str], end: Optional[str], out: Optional[Path]) -> None:
    """The national categories' CSV: the same cells, checked and protected as the report's."""
    from ..statistics import formats as report_formats
    from ..statistics import national
    from ..statistics import report as core
    from ..basics import schema

    vault = ctx.obj.open()
    damaged: list[str] = []
    rep = core.make_national(vault, _date(vault, start, "--from"), _date(vault, end, "--to"), common.index_progress(),
                             damaged)
    schema.validate("report", report_formats.to_json(rep), "the report")
    vault.audit("report", detail=f"{rep.period.start} to {rep.period.end}, iass" + (", written" if out else ""))
    text = report_formats.to_csv(rep)
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)
    common.report_damaged(damaged)
    output.info(f"categories after: {national.SOURCE}")


def _extract(ctx: typer.Context, start: Optional[str], end: Optional[str], out: Optional[Path], fmt: str) -> None:
    """The record-level file: refused unless the vault allows it; quasi-identifiers generalised to k-anonymity."""
    from ..statistics import report as core
    from ..statistics import formats as report_formats
    from ..statistics.extract import LADDERS, extract
    from ..statistics.periods import period
    from ..basics.errors import Refused

    if out is None:
        raise UsageError("--extract writes a file: give --out FILE.csv or FILE.json")
    vault = ctx.obj.open()
    s = core.settings(vault.config)
    if not s["allow_extract"]:
        raise Refused("this vault's settings do not allow a record-level extract",
                      hint="a manager can allow it: sendvault report-settings --allow-extract")
    when = period(_date(vault, start, "--from"), _date(vault, end, "--to"), vault.today(), s["year_start_month"])
    units, _ = core.collect(vault, when, common.index_progress())
    from ..records import categories

    result = extract(units, when, s["threshold"], lists=categories.described(vault.config))
    import json

    from ..basics import schema

    # Both formats hold the same rows: checked once, as JSON, before anything is written.
    schema.validate("extract", json.loads(report_formats.extract_json(result, when)), "the extract")
    vault.audit("report --extract",
                detail=f"{when.start} to {when.end}, {len(result.rows)} rows, {result.left_out} left out, {fmt}")
    _write(out, report_formats.render_extract(result, when, fmt))
    output.info(f"{len(result.rows)} record(s), every combination of {', '.join(LADDERS)} shared by at least "
                f"{result.k}; {result.left_out} left out")


def _cross(text: str) -> dict:
    rows, sep, columns = text.partition(":")
    if not sep:
        raise UsageError("--cross is ROWS:COLUMNS, e.g. primary_need:age_band")
    return {"rows": rows.strip(), "columns": columns.strip()}


def _format(fmt: Optional[str], out: Optional[Path], json: bool, formats: tuple, what: str = "the report") -> str:
    """The format asked for (``--json``, ``--format``, the suffix of ``--out``), one of ``formats`` or refused."""
    allowed = ", ".join(formats[:-1]) + " or " + formats[-1]
    if json:
        if fmt not in (None, "json"):
            raise UsageError("--json and --format disagree")
        fmt = "json"
    if fmt is None and out is not None:
        fmt = _SUFFIXES.get(out.suffix.lower())
        if fmt is None:
            raise UsageError("say --format: the name of --out does not end in "
                             + ", ".join(f".{f}" for f in formats if f != "table"))
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() and "table" in formats else "csv"
    if fmt not in formats:
        raise UsageError(f"--format must be {allowed}" + ("" if what == "the report" else f" for {what}"))
    if fmt == "table" and out is not None:
        raise UsageError("--format table is for the terminal; write csv, json, md or html to --out")
    if out is not None and out.exists() and out.is_dir():
        raise UsageError("--out is a directory; give a file name")
    return fmt


def _date(vault, text: Optional[str], what: str):
    from ..records import answers

    if text is None:
        return None
    try:
        return answers.parse_date(text, what, today=vault.today())
    except answers.InvalidAnswer as exc:
        raise UsageError(str(exc)) from None


def _print_tables(rep) -> None:
    from rich.table import Table

    from ..statistics.formats import grid, heading

    console = output.console()
    console.print(output.plain(heading(rep)))
    for t in rep.tables:
        head, rows = grid(t)
        table = Table(title=output.plain(t.title), title_justify="left")
        for i, h in enumerate(head):
            table.add_column(output.plain(h), justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*(output.plain(v) for v in row), style="bold" if row[0] == "Total" else None)
        console.print(table)
        if t.note:  # below the table at full width (a caption would wrap to the table's)
            console.print(output.plain(t.note))
    from ..statistics.formats import duration_words

    console.print(output.plain(duration_words(rep)))
    for note in rep.notes:
        console.print(output.plain(note))


def _write(out: Path, text: str) -> None:
    from ..store import storage

    if not out.parent.is_dir():
        raise SendvaultError("the directory of --out does not exist")
    storage.write_outside(out, text.encode("utf-8"))
    output.info(f"report written to {out.name}")
