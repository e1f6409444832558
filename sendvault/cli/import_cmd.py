"""``sendvault import``: another system's export brought in, each case through intake's rules."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()


@commands.command("import", rich_help_panel=common.RECORDS)
def import_command(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="The export's files: CSV, .xlsx/.xls/.ods, or sendvault's own .json case documents; a folder stands for the files in it.")],
    mapping: Annotated[str, typer.Option("--mapping", help="The mapping (TOML): which file and column is which field.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and say what would be imported; write nothing.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    documents_dir: Annotated[Optional[Path], typer.Option("--documents", metavar="DIR", help="A folder with a folder of files for each case, named by its reference: each file not already in the case is attached.")] = None,
) -> None:
    """Bring in the cases of another system's export (managers only).

    Each case goes through the same rules as 'intake --from' (a referral's permission,
    anonymous contacts, permission to record personal details, the service's lists);
    notes and consents in files beside the cases join them by the old system's
    reference, which the case keeps and 'find' matches. A case with a problem is not
    imported; the others are, and every problem is listed by file, row and field,
    never its value (exit 1). A run stopped half-way is finished by running it again:
    cases already imported (by their reference) are skipped. The case keeps the old
    system's dates, so the retention plan counts from them. See docs/moving-in-and-out.md.

    With --documents DIR, the files in DIR/<reference>/ are attached to that case
    (an e-mail becomes a note and its attachments), on this run or a later one; a
    file already in the case is not attached again.

    Example:  sendvault import clients.csv case-notes.csv --mapping crm.toml --dry-run

    Example:  sendvault import clients.csv --mapping crm.toml --documents scans/
    """
    from ..records import import_mapping, import_source, importing

    the_mapping = import_mapping.load(_read_text(mapping, "the mapping"))
    tables = []
    for name in _expanded(files):
        entry = import_mapping.entry_for(the_mapping, name)
        table = import_source.read(Path(name).name, _read_bytes(name), entry.get("sheet"))
        import_mapping.check_columns(entry, table)
        tables.append((table, entry))
    if not any(e["kind"] in ("cases", "sendvault-cases") for _, e in tables):
        raise UsageError("no file of cases was given (only notes or consents): give the cases' file too")
    vault = ctx.obj.open()
    vault.require_manager()
    damaged: list[str] = []
    held = importing.held_references(vault, damaged)
    common.report_damaged(damaged)
    plan = importing.plan(tables, the_mapping, vault.config, vault.today(), vault.officer.name, held)
    written = []
    if not dry_run and plan.cases:
        summary = (f"{len(plan.cases)} case(s) imported from {len(files)} file(s); {plan.refused} refused; "
                   f"{plan.already} already in the vault")
        with _progress(len(plan.cases)) as step:
            written = importing.run(vault, plan.cases, summary, progress=step)
    attached = None
    if documents_dir is not None:
        if not documents_dir.is_dir():
            raise UsageError("--documents must be a folder (with a folder of files for each case's reference)")
        if not dry_run:
            attached = _attach_documents(vault, documents_dir, tables)
            plan.problems += attached.problems
    _summary(plan, dry_run, written, json)
    if attached is not None:
        output.info(f"{attached.documents} document(s) attached; {attached.already} already in their case")
    if plan.problems:
        output.error(f"{len(plan.problems)} problem(s); {plan.refused} case(s) "
                     + ("would not be imported" if dry_run else "not imported") + " (file, row and field below)")
        output.problem_list(plan.problems)
        raise typer.Exit(1)


def _attach_documents(vault, root: Path, tables: list):
    """Each case of the import with a folder under ``root``: the ones written now and those of an earlier run."""
    from ..records import import_documents, importing

    refs = dict(r for r in vault.rows(lambda s: (s.get("legacy_ref"), s["id"])) if r[0])
    listed = {}
    for table, entry in tables:
        for doc in table.documents or () if entry["kind"] == "sendvault-cases" else ():
            ref = importing.reference_of(doc["case"])
            if ref:
                listed[ref] = doc["case"].get("documents") or []
    wanted = {ref for ref in refs if (root / import_documents.folder_name(ref)).is_dir()}
    return import_documents.attach_folders(vault, root, {r: refs[r] for r in wanted}, listed)


def _summary(plan, dry_run: bool, written: list[str], json: bool) -> None:
    would = "would be imported" if dry_run else "imported"
    if json:
        output.emit_json({
            "dry_run": dry_run, "cases": len(plan.cases) if dry_run else len(written), "notes": plan.notes,
            "consents": sum(len(c.fields.get("consents", [])) for c in plan.cases), "refused": plan.refused,
            "already_imported": plan.already, "problems": len(plan.problems),
            "files": {n: {"read_as": c.form, "rows": c.rows, "empty_rows_skipped": c.empty, "cases": c.cases,
                          "notes": c.notes, "consents": c.consents} for n, c in plan.files.items()},
        })
        return
    for name, c in plan.files.items():
        made = ", ".join(f"{n} {what}" for n, what in ((c.cases, "case(s)"), (c.notes, "note(s)"), (c.consents, "consent(s)")) if n)
        empty = f" ({c.empty} empty row(s) skipped)" if c.empty else ""
        output.out(f"{name}: {c.form}: {c.rows} row(s){empty}; {made or 'nothing'} {would}")
    output.out(f"{len(plan.cases) if dry_run else len(written)} case(s) with {plan.notes} note(s) {would}; "
               f"{plan.refused} refused for a problem; {plan.already} already in the vault (skipped)")


class _progress:
    """A progress bar on stderr while the cases are written, on a terminal only."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        if sys.stderr.isatty() and self.total >= 50:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=output.console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=self.total)
            self.bar.start()
        return self.step

    def step(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _expanded(files: list[str]) -> list[str]:
    """The files given, a folder standing for the files in it (an export's cases/: 20,000 names would
    overflow a command line), in name order; hidden files left out."""
    out = []
    for name in files:
        p = Path(name)
        if p.is_dir():
            out += sorted(str(c) for c in p.iterdir() if c.is_file() and not c.name.startswith("."))
        else:
            out.append(name)
    return out


def _read_bytes(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise SendvaultError(f"{Path(name).name}: no such file") from None
    except OSError as exc:
        raise SendvaultError(f"{Path(name).name}: cannot be read ({exc.strerror})") from None


def _read_text(name: str, what: str) -> str:
    try:
        return _read_bytes(name).decode("utf-8")
    except UnicodeDecodeError:
        raise SendvaultError(f"{what} is not UTF-8 text") from None

