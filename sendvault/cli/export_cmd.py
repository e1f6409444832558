"""``sendvault export``: the vault's cases in open formats, for leaving or for an auditor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ..basics import ids
from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()


@commands.command("export", rich_help_panel=common.RECORDS)
def export_command(
    ctx: typer.Context,
    case_ids: Annotated[Optional[List[str]], typer.Argument(metavar="ID", help="The cases to export (default: every case).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write it (outside the vault): a file (age), or a new folder with --plaintext.")] = ...,
    recipient: Annotated[Optional[str], typer.Option("--recipient", metavar="AGE-KEY", help="The age public key (age1...) to encrypt the export for.")] = None,
    plaintext: Annotated[bool, typer.Option("--plaintext", help="Write a folder of unprotected files instead. Avoid.")] = False,
) -> None:
    """Export cases in open formats: JSON, CSV tables, the schemas and a README (managers only).

    One JSON document per case (everything 'show --json' gives: consent history,
    notes, disclosures, history), a CSV table per kind of record, the schemas, the
    mapping with which 'sendvault import' reads it back, and README.txt saying what
    each file is. By default one age file, encrypted for --recipient as it is written
    (open it with 'age -d -i KEY FILE | tar x'); --plaintext writes a folder of plain
    files instead. Recorded in the audit trail (which cases, never what they hold).

    Example:  sendvault export --out leaving.tar.age --recipient age1...
    """
    from ..disclosure import export as moving_out

    if plaintext == (recipient is not None):
        raise UsageError("give --recipient AGE-KEY (an encrypted export) or --plaintext (a folder of plain files), one of the two")
    chosen = None
    if case_ids:
        chosen = list(dict.fromkeys(ids.normalise(c) for c in case_ids))
    vault = ctx.obj.open()
    count, where = moving_out.export(vault, chosen, out, recipient, plaintext)
    output.info(f"exported {count} case(s) to {where.name}" + (" (age-encrypted)" if not plaintext else ""))
    if plaintext:
        output.info("warning: the files are not protected; send them only by a secure route and delete your copy")
