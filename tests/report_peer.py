"""tau-ARGUS beside sendvault on the same tables (issue 10): the test and bench/report_peer.py use this.

tau-ARGUS (``pytauargus``: the engine of the statistics offices' tool, with HiGHS) is
given each table as tabular data: every cell with its count, the cells below the
threshold marked unsafe with protection levels that ask for what sendvault's audit
asks (the feasible range of a hidden count must cover 0 to the threshold:
lower level = the count, upper level = threshold - count), empty cells left out (as
tau-ARGUS always does; sendvault never hides a zero either). Its secondary
suppression runs per table (headless tau-ARGUS has no linked-tables mode), so the
tables compared share no margin but the grand total, which is never small.

The tables: every configured cross-tabulation with its margins (which are the
one-way tables of its two variables) and a one-way table of every other variable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sendvault.statistics import periods, tables as report_tables, units as report_units, suppression

ONE_WAY = ("record", "route", "channel", "caller", "school_phase", "sen_stage", "ethnic_group", "ethnicity")
CROSSES = (("primary_need", "age_band"), ("support_level", "locality"))


def tables(units: list[report_units.Unit], when: periods.Period, crosses=CROSSES, one_way=ONE_WAY):
    """The comparison's tables and their additive relations (``tables.Group``), built as the report builds them."""
    contacts = [u for u in units if when.holds(u.opened)]
    out, groups = [], []
    for rows, columns in crosses:
        t, g = report_tables.cross(f"{rows}_by_{columns}", "contacts", rows, columns, contacts)
        out.append(t)
        groups += g
    for variable in one_way:
        t, g = report_tables.one_way(variable, "contacts", variable, contacts)
        out.append(t)
        groups += g
    return out, groups


def sendvault_hidden(tabs: list[report_tables.Table], groups: list[report_tables.Group], threshold: int) -> set:
    return suppression.protect(tabs, groups, threshold, "threshold")


def _codes(labels: list[str]) -> dict[str, str]:
    """Short fixed-width codes for tau-ARGUS (labels have spaces, colons and differ in length)."""
    return {label: f"c{i:03d}" for i, label in enumerate(label for label in labels if label != report_tables.TOTAL)}


def tauargus_hidden(tabs: list[report_tables.Table], threshold: int, method: str = "OPT") -> set:
    """The keys tau-ARGUS hides (primary and secondary) in ``tabs``, each protected as one table."""
    from pytauargus.engine import run_batch
    from pytauargus.result import parse_simple_tab

    hidden = set()
    for t in tabs:
        dims = ["r", "c"] if t.column_variable else ["r"]
        rcode = _codes(t.rows)
        ccode = _codes(t.columns) if t.column_variable else {}
        rcode[report_tables.TOTAL] = ccode[report_tables.TOTAL] = "Total"
        by_codes = {}
        lines = []
        for cell in t.cells:
            codes = (rcode[cell.row], ccode[cell.column]) if t.column_variable else (rcode[cell.row],)
            by_codes[codes] = cell.key
            n = cell.count
            if n == 0:
                continue  # an empty cell: tau-ARGUS never hides one
            unsafe = n < threshold
            lines.append(";".join([*codes, str(n), str(n), "U" if unsafe else "S",
                                   str(n if unsafe else 0), str(threshold - n if unsafe else 0)]))
        with tempfile.TemporaryDirectory(prefix="svtau-") as tmp:  # removed even when tau-ARGUS fails
            work = Path(tmp)
            (work / "t.tab").write_text("\n".join(lines) + "\n")
            meta = ['<SEPARATOR> ";"', "<SAFE> S", "<UNSAFE> U", "<PROTECT> P"]
            for d in dims:
                meta += [f'{d} "" ""', "  <RECODEABLE>", '  <TOTCODE> "Total"']
            meta += ['n "" ""', "  <NUMERIC>", 'freq "" ""', "  <FREQUENCY>", 'status "" ""', "  <STATUS>",
                     'lpl "" ""', "  <NUMERIC> <LOWERPL>", 'upl "" ""', "  <NUMERIC> <UPPERPL>"]
            (work / "t.rda").write_text("\n".join(meta) + "\n")
            spec = "".join(f'"{d}"' for d in dims)
            (work / "b.arb").write_text(
                f'<OPENTABLEDATA> "{work}/t.tab"\n<OPENMETADATA> "{work}/t.rda"\n<SPECIFYTABLE> {spec}|"n"||\n'
                f'<SAFETYRULE>\n<READTABLE> 0\n<SUPPRESS> {method}(1)\n<WRITETABLE> (1,5,"SO+","{work}/out.tab")\n')
            here = os.getcwd()
            os.chdir(work)  # the native engine writes its logs (HiTaS.log, cspSCIP.sta, ...) where it runs
            try:
                run_batch(str(work / "b.arb"))
            finally:
                os.chdir(here)
            for row in parse_simple_tab(str(work / "out.tab"), dims, "n"):
                if row["status"] in ("U", "M"):
                    codes = tuple(str(row[d]).strip() for d in dims)
                    hidden.add(by_codes[codes])
    return hidden


def loss(tabs: list[report_tables.Table], hidden: set) -> tuple[int, int]:
    """(cells hidden, their total count), each distinct number counted once."""
    counts = {c.key: c.count for t in tabs for c in t.cells}
    return len(hidden), sum(counts[k] for k in hidden)


def publish(tabs: list[report_tables.Table], hidden: set) -> None:
    """Set the tables' shown values as ``hidden`` says (what the auditor reads)."""
    for t in tabs:
        for c in t.cells:
            c.shown, c.symbol = (None, report_tables.SYMBOL) if c.key in hidden else (c.count, "")
