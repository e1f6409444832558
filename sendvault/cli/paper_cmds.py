"""Paper files (R34): the register in the case of the paper the service holds, and its settings."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import common, output

commands = typer.Typer()

paper_app = typer.Typer(
    help="Paper files of a case: where each is kept (office-cabinet, home-cabinet, archive), who has it out "
    "of the office and since when (after a risk assessment), and its shredding (managers). Each change is in the "
    "case's history and the audit trail by the paper file's number, never its label or note. 'sendvault show ID' "
    "lists them; 'sendvault today' lists those out too long and, for a manager, those due for shredding.\n\n"
    "Example:  sendvault paper add K7M3-Q9P2 --where office-cabinet --label \"Correspondence 2026\"",
    no_args_is_help=True,
)
commands.add_typer(paper_app, name="paper", rich_help_panel=common.RECORDS)

_Number = Annotated[str, typer.Argument(metavar="N", help="The paper file's number, as 'sendvault show ID' lists it.")]
_Where = Annotated[Optional[str], typer.Option("--where", help="office-cabinet, home-cabinet (an officer's lockable cabinet at home) or archive (a manager's archive of closed cases' papers).")]
_Officer = Annotated[Optional[str], typer.Option("--officer", metavar="NAME", help="home-cabinet: whose cabinet (default: yours); archive: whose archive.")]


@paper_app.command("add")
def add(
    ctx: typer.Context, case_id: common.CaseId, where: _Where = None, officer: _Officer = None,
    label: Annotated[Optional[str], typer.Option("--label", help="What the folder says besides the case id (kept with the case only).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A note on it (kept with the case only).")] = None,
) -> None:
    """Record that a paper file exists for a case, and where it is kept; it gets the next number.

    Example:  sendvault paper add K7M3-Q9P2 --where home-cabinet --label "Letters from the LA"
    """
    from ..records import papers

    papers.check_place(where)  # refused before any key is asked
    vault, cid = common.open_case(ctx, case_id)
    number = papers.add(vault, cid, where, officer, label, note)
    output.info(f"paper file {number} of {cid} recorded")


@paper_app.command("out")
def take_out(
    ctx: typer.Context, case_id: common.CaseId, number: _Number,
    risk_assessment: Annotated[Optional[str], typer.Option("--risk-assessment", metavar="TEXT", help="The risk assessment made before taking it out, in a few words (required).")] = None,
) -> None:
    """Record that you take a paper file out of where it is kept, since now, after a risk assessment.

    Example:  sendvault paper out K7M3-Q9P2 1 --risk-assessment "to the tribunal hearing; kept in a locked bag"
    """
    from ..records import papers

    n = papers.check_number(number)
    papers.check_risk(risk_assessment)  # refused before any key is asked
    vault, cid = common.open_case(ctx, case_id)
    papers.take_out(vault, cid, n, risk_assessment)
    output.info(f"paper file {n} of {cid} is out with you")


@paper_app.command("back")
def back(ctx: typer.Context, case_id: common.CaseId, number: _Number) -> None:
    """Record that a paper file taken out is back where it is kept.

    Example:  sendvault paper back K7M3-Q9P2 1
    """
    from ..records import papers

    n = papers.check_number(number)
    vault, cid = common.open_case(ctx, case_id)
    papers.bring_back(vault, cid, n)
    output.info(f"paper file {n} of {cid} is back")


@paper_app.command("move")
def move(ctx: typer.Context, case_id: common.CaseId, number: _Number, where: _Where = None, officer: _Officer = None) -> None:
    """Record that a paper file is now kept somewhere else (the case closed: to the archive, say).

    Example:  sendvault paper move K7M3-Q9P2 1 --where archive
    """
    from ..records import papers

    n = papers.check_number(number)
    papers.check_place(where)
    vault, cid = common.open_case(ctx, case_id)
    papers.move(vault, cid, n, where, officer)
    output.info(f"paper file {n} of {cid} moved")


@paper_app.command("shredded")
def shredded(ctx: typer.Context, case_id: common.CaseId, number: _Number) -> None:
    """Record that you shredded a paper file by hand (managers only): who and when.

    Works on a destroyed case too, from the paper register its destruction left.

    Example:  sendvault paper shredded K7M3-Q9P2 1
    """
    from ..records import papers

    n = papers.check_number(number)
    vault, cid = common.open_case(ctx, case_id)
    papers.shredded(vault, cid, n)
    output.info(f"paper file {n} of {cid} recorded shredded")


@paper_app.command("settings")
def settings(
    ctx: typer.Context,
    out_days: Annotated[Optional[int], typer.Option("--out-days", metavar="DAYS", help="'today' lists a paper file out for more than this many days (default 14).")] = None,
    archive_months: Annotated[Optional[int], typer.Option("--archive-months", metavar="MONTHS", help="A closed case's paper file in the archive is due this many months after closing (default 12).")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show or change the paper files' settings (changing: managers; audited).

    Example:  sendvault paper settings --out-days 7 --archive-months 12
    """
    from ..records import papers

    vault = ctx.obj.open()
    if out_days is not None or archive_months is not None:
        current = papers.configure(vault, out_days, archive_months)
        output.info("paper settings changed")
    else:
        current = papers.settings(vault.config)
    if json:
        output.emit_json(current)
        return
    output.out(f"out of the office for more than {current['out_days']} days: listed by 'today'")
    output.out(f"in the archive: due {current['archive_months']} months after the case closed (or sooner, with the case)")
