"""The caseload: assign, follow-up, today (``list --mine|--officer|--follow-up`` is in case_cmds)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..records import casework, caseload
from ..basics import ids
from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()



@commands.command(rich_help_panel=common.CASE_WORK)
def assign(
    ctx: typer.Context,
    case_id: Annotated[Optional[str], typer.Argument(help="The case id, e.g. K7M3-Q9P2.", show_default=False)] = None,
    officer: Annotated[Optional[str], typer.Argument(help="The officer who takes the case (a current officer; case doesn't matter).", show_default=False)] = None,
    from_: Annotated[Optional[str], typer.Option("--from", metavar="NAME", help="With --to: the officer whose open cases move (a leaver too).", show_default=False)] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="NAME", help="With --from: the current officer who takes them.", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="With --from/--to: list the cases that would move; move nothing.")] = False,
    json: common.JsonOpt = False,
) -> None:
    """Give a case to another officer, or move all of a departing officer's open cases.

    A case is held by the officer who took the intake until it is assigned to
    someone else. With --from and --to (managers only), every open case held by the
    first officer (someone leaving, or already gone) moves to the second in one step,
    and the number moved is printed; closed cases stay with whoever worked them. Each
    case moved is in its history and in the audit trail.

    Example:  sendvault assign K7M3-Q9P2 "Bo Jones"

    Example:  sendvault assign --from "Ann Smith" --to "Bo Jones"
    """
    if from_ is not None or to is not None:
        if case_id is not None or officer is not None:
            raise UsageError("give either ID OFFICER, or --from NAME --to NAME, not both")
        if from_ is None or to is None:
            raise UsageError("--from and --to go together")
        _hand_over(ctx, from_, to, dry_run, json)
        return
    if case_id is None or officer is None:
        raise UsageError("give the case id and the officer, e.g. sendvault assign K7M3-Q9P2 \"Bo Jones\"")
    if dry_run:
        raise UsageError("--dry-run goes with --from and --to")
    cid = ids.normalise(case_id)
    vault = ctx.obj.open()
    holder, before = caseload.assign(vault, cid, officer)
    if json:
        output.emit_json({"id": cid, "officer": holder, "was": before or holder, "changed": before is not None})
    if before is None:
        output.info(f"case {cid} is already held by {holder}; nothing changed")
    else:
        output.info(f"case {cid} assigned to {holder} (was {before})")


def _hand_over(ctx: typer.Context, source: str, target: str, dry_run: bool, json: bool) -> None:
    vault = ctx.obj.open()
    plan = caseload.plan_handover(vault, source, target)
    moved = plan.case_ids if dry_run else caseload.hand_over(vault, plan)
    if json:
        output.emit_json({"from": plan.source, "to": plan.target, "dry_run": dry_run, "cases": moved})
    else:
        for cid in moved:
            output.out(cid)
    verb = "would move" if dry_run else "moved"
    output.info(f"{len(moved)} open case(s) {verb} from {plan.source} to {plan.target}")


@commands.command("follow-up", rich_help_panel=common.CASE_WORK)
def follow_up(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(help="The case id, e.g. K7M3-Q9P2.")],
    date: Annotated[Optional[str], typer.Argument(help="When: YYYY-MM-DD, today, tomorrow, +3d (in 3 days) or +2w (in 2 weeks).", show_default=False)] = None,
    reason: Annotated[Optional[str], typer.Argument(help=f"What to do, in a few words (at most {caseload.REASON_MAX} characters). No names or personal details.", show_default=False)] = None,
    done: Annotated[bool, typer.Option("--done", help="Mark the case's follow-up done (it is kept in the case's history).")] = False,
) -> None:
    """Set the date to come back to an open case, and why; or mark it done.

    A case has one follow-up at a time: a new one replaces it. Keep the reason to a
    few words about what to do ("chase LA for draft plan"), with no names or other
    personal details: the details go in a note. (The reason is encrypted with the
    rest of the record, and never written to the audit trail.) 'sendvault today' and
    'sendvault list --follow-up' show what is due.

    Example:  sendvault follow-up K7M3-Q9P2 +2w "chase LA for draft plan"

    Example:  sendvault follow-up K7M3-Q9P2 --done
    """
    if done and (date is not None or reason is not None):
        raise UsageError("--done takes only the case id")
    if not done and (date is None or reason is None):
        raise UsageError("give DATE and REASON, or --done", hint='e.g. sendvault follow-up K7M3-Q9P2 +2w "chase LA for draft plan"')
    cid = ids.normalise(case_id)
    if not done:  # a bad date or reason fails before any key is asked
        caseload.check_date_form(date)
        reason = caseload.check_reason(reason)
    vault = ctx.obj.open()
    today = casework.today(vault)
    if done:
        finished = caseload.follow_up_done(vault, cid)
        output.info(f"case {cid}: follow-up of {finished['date']} done")
        return
    when = caseload.parse_due_date(date, today)
    replaced = caseload.set_follow_up(vault, cid, when, reason)
    message = f"case {cid}: follow-up on {_day(when, today)}"
    if replaced is not None:
        message += f" (replaces the one of {replaced['date']})"
    output.info(message)


@commands.command(rich_help_panel=common.CASE_WORK)
def today(
    ctx: typer.Context,
    quiet_weeks: Annotated[str, typer.Option("--quiet-weeks", metavar="N", help="Show open cases with no activity for N weeks or more.")] = str(caseload.DEFAULT_QUIET_WEEKS),
    json: common.JsonOpt = False,
) -> None:
    """Start the day: your follow-ups overdue, due today and this week, and your quiet cases.

    Only the open cases you hold: follow-ups oldest first, then the cases with no
    activity (a note, a consent, an edit, reopening, a follow-up done...) for N
    weeks and no follow-up set, the quietest first; then every open subject-access
    request on a case you hold (closed cases too), the nearest due first; the paper
    files you have had out of the office longer than the service's limit ('sendvault
    paper settings'), and for a manager every paper file due for shredding (those of
    destroyed cases too). Counts at the end.

    Example:  sendvault today --quiet-weeks 6
    """
    from ..records import papers, retention

    weeks = caseload.parse_weeks(quiet_weeks)
    vault = ctx.obj.open()
    day = casework.today(vault)
    me = vault.officer.name
    manager = vault.officer.role == "manager"
    limit = papers.settings(vault.config)["out_days"]

    def look(r: dict):
        # Paper files (R34) are anyone's case's: the ones this officer has out, and for a manager those due.
        paper = (papers.out_too_long(r, me, day, limit), papers.due_rows(r, vault.config, day) if manager else [])
        mine = caseload.summary(r) if caseload.in_day_view(r, me) else None
        return (mine, paper) if mine or any(paper) else None

    found = [f for f in vault.map_cases(look) if f]
    view = caseload.agenda([m for m, _ in found if m], day, weeks)
    view["papers_out"] = sorted((p for _, (out, _) in found for p in out), key=lambda p: (p["since"], p["id"]))
    view["papers_due"] = sorted([p for _, (_, due) in found for p in due] + (retention.paper_register_due(vault) if manager else []),
                                key=lambda p: (p["due"], p["id"], p["paper"]))
    view["paper_out_days"] = limit
    counts = view["counts"]
    counts.update(papers_out=len(view["papers_out"]), papers_due=len(view["papers_due"]))
    vault.audit("today", detail=", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))
    if json:
        output.emit_json({"officer": me, **view})
        return
    _print_agenda(view, me, day)


# --- rendering ----------------------------------------------------------------


def _day(when: dt.date, today: dt.date) -> str:
    """``2026-12-04 (Friday)``, ``2026-12-01 (today)``, ``2026-11-24 (7 days ago)``."""
    days = (when - today).days
    if days == 0:
        word = "today"
    elif days == 1:
        word = "tomorrow"
    elif days < 0:
        word = f"{-days} day{'s' if days < -1 else ''} ago"
    elif days < 7:
        word = when.strftime("%A")
    else:
        word = f"in {days} days"
    return f"{when.isoformat()} ({word})"


# Each section of the day's view: its title and how one of its lines reads. A new
# section (subject-access requests due, say) adds its line here and in caseload.agenda.
_SECTIONS = {
    "overdue": ("Follow-ups overdue", lambda i, day: f"due {_day(dt.date.fromisoformat(i['due']), day)}  {i['reason']}"),
    "due_today": ("Follow-ups due today", lambda i, day: i["reason"]),
    "due_this_week": ("Follow-ups due this week", lambda i, day: f"due {_day(dt.date.fromisoformat(i['due']), day)}  {i['reason']}"),
    "quiet": ("Quiet for {weeks} weeks or more", lambda i, day: f"last activity {i['last_activity']} ({i['weeks_quiet']} weeks ago)"),
    "papers_out": ("Paper files out of the office for more than {days} days", lambda i, day: f"paper file {i['paper']} out since "
                   f"{_day(dt.date.fromisoformat(i['since']), day)}: bring it back ('sendvault paper back {i['id']} {i['paper']}')"),
    "papers_due": ("Paper files due for shredding", lambda i, day: f"paper file {i['paper']}, {i['where']}"
                   f"{' (' + i['keeper'] + ')' if i.get('keeper') else ''}{', out with ' + i['out'] if i.get('out') else ''}"
                   f", due {i['due']}{' (case destroyed)' if i.get('destroyed') else ''}"),
    "sar_due": ("Subject-access requests open", lambda i, day: f"due {_day(dt.date.fromisoformat(i['due']), day)}"
                f"{'  OVERDUE' if i['days_left'] < 0 else ''}  request {i['request']} from the "
                f"{'parent or carer' if i['for'] == 'parent' else 'young person'}"),
}


def _print_agenda(view: dict, me: str, day: dt.date) -> None:
    output.out(f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}: {me}'s open cases")
    for key, (title, line) in _SECTIONS.items():
        items = view[key]
        if not items:
            continue
        output.out("")
        output.out(f"{title.format(weeks=view['quiet_weeks'], days=view['paper_out_days'])} ({len(items)})")
        for item in items:
            output.out(f"  {item['id']}  {line(item, day)}")
    c = view["counts"]
    output.out("")
    output.out(f"{c['overdue']} overdue, {c['due_today']} due today, {c['due_this_week']} due this week, "
               f"{c['quiet']} quiet" + (f", {c['sar_due']} subject-access request(s) open" if c["sar_due"] else "")
               + (f", {c['papers_out']} paper file(s) out too long" if c["papers_out"] else "")
               + (f", {c['papers_due']} paper file(s) due for shredding" if c["papers_due"] else "")
               + f"; {c['open_cases']} open case(s) held by you")
