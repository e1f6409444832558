"""Checks: the audit trail (who did what, when) and the whole vault's integrity."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..basics.errors import VerifyFailed
from . import common, output

commands = typer.Typer()

audit_app = typer.Typer(
    help="The audit trail: who did what to which case, and when.\n\nExample:  sendvault audit verify",
    no_args_is_help=True,
)
commands.add_typer(audit_app, name="audit", rich_help_panel=common.CHECKS)


@audit_app.command("show")
def audit_show(
    ctx: typer.Context,
    case: Annotated[Optional[str], typer.Option("--case", help="Only entries about this case id.")] = None,
    officer: Annotated[Optional[str], typer.Option("--officer", help="Only entries by this officer.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show the audit trail of every device, oldest first.

    Example:  sendvault audit show --case K7M3-Q9P2
    """
    from ..store import audit
    from ..basics import ids

    cid = ids.normalise(case) if case else None  # a malformed id fails before any key is asked
    vault = ctx.obj.open()
    report = audit.verify(vault)
    if report.problems:
        output.info(f"warning: the audit trail has {len(report.problems)} problem(s); 'sendvault audit verify' lists them")
    entries = [
        e
        for e in report.entries
        if (cid is None or e["case"] == cid) and (officer is None or e["officer"].casefold() == officer.casefold())
    ]
    vault.audit("audit show", cid)
    if json:
        output.emit_json(entries)
        return
    from rich.table import Table

    table = Table()
    for column in ("when (UTC)", "officer", "command", "case", "detail", "device"):
        table.add_column(column, no_wrap=column in ("when (UTC)", "case"), overflow="fold")
    for e in entries:
        table.add_row(e["at"], e["officer"], e["command"], e["case"] or "", e.get("detail", ""), e["device"])
    output.console().print(table)


@audit_app.command("verify")
def audit_verify(ctx: typer.Context, json: common.JsonOpt = False) -> None:
    """Check the audit trail's hash chains: exit 4 if an entry was changed, removed, reordered or cut off.

    Example:  sendvault audit verify
    """
    from ..store import audit

    vault = ctx.obj.open()
    report = audit.verify(vault)
    _print_check(json, {"entries": len(report.entries), "problems": report.problems, "notes": report.notes})
    if report.problems:
        raise VerifyFailed(f"the audit trail has {len(report.problems)} problem(s)", _with_notes(report))
    vault.audit("audit verify")
    output.info(f"audit trail intact: {len(report.entries)} entries")


@commands.command(rich_help_panel=common.CHECKS)
def verify(ctx: typer.Context, json: common.JsonOpt = False,
           documents: Annotated[bool, typer.Option("--documents", help="On a clone without the documents, fetch them all first and check them too.")] = False) -> None:
    """Check the whole vault: exit 4 on any problem.

    Every file opens and validates, the audit chain holds, there are no orphan keys
    or cases, and no unexpected (or plaintext) file. On a clone without the
    documents, those not fetched yet are a note; --documents fetches and checks them.

    Example:  sendvault verify --documents
    """
    from ..basics.errors import NoKeyError, VaultCorrupt
    from ..store.verify import verify_unopened, verify_vault

    vault = ctx.obj.open(unlock=False)
    try:
        ctx.obj.unlock(vault)
    except (VaultCorrupt, NoKeyError) as exc:
        # A damaged vault-key file is what verify is for: reported, with what can be checked without it.
        # Not an officer here, or vault.toml changed by hand: refused as every command refuses it.
        report = verify_unopened(vault) if vault.officer is not None else None
        if report is None:
            raise exc from None
        _print_check(json, {"cases": report.cases, "problems": report.problems, "notes": report.notes})
        raise VerifyFailed(f"the vault has {len(report.problems)} problem(s)", _with_notes(report)) from None
    if documents:
        from ..records import documents as held

        held.fetch(vault, None)
    with _progress("verifying cases") as tick:
        report = verify_vault(vault, tick)
    _print_check(json, {"cases": report.cases, "problems": report.problems, "notes": report.notes})
    if report.problems:
        raise VerifyFailed(f"the vault has {len(report.problems)} problem(s)", _with_notes(report))
    vault.audit("verify", detail=f"{report.cases} cases")
    output.info(f"vault intact: {report.cases} cases open and validate; the audit trail holds")


def _print_check(json: bool, result: dict) -> None:
    if json:
        output.emit_json(result)
    if not result["problems"]:  # on failure the notes follow the error line instead
        for note in result["notes"]:
            output.info(f"note: {note}")


def _with_notes(report) -> list[str]:
    return report.problems + [f"(note) {n}" for n in report.notes]


class _progress:
    """A progress bar on stderr, shown only on a terminal and only for a long run."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def __enter__(self):
        import sys

        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        self.bar = Progress(console=output.console(stderr=True), transient=True)
        self.bar.start()
        self.task = None

        def tick(done: int, total: int) -> None:
            if self.task is None:
                self.task = self.bar.add_task(self.label, total=total)
            self.bar.update(self.task, completed=done)

        return tick

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
        return False
