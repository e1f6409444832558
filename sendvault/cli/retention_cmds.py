"""Retention (R29-R31): the rules in words, the plan, and the nightly purge that cron runs."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..basics.errors import Refused, SendvaultError, UsageError
from . import common, output

commands = typer.Typer()
retention_app = typer.Typer(help="Retention: the rules, what falls due, and the nightly purge (managers).\n\n"
                            "Example:  sendvault retention plan")
commands.add_typer(retention_app, name="retention", rich_help_panel=common.RECORDS)
rules_app = typer.Typer(help="Show the retention rules in words; 'rules set' changes them (managers only).\n\n"
                        "Example:  sendvault retention rules", invoke_without_command=True)
retention_app.add_typer(rules_app, name="rules")

OnOpt = Annotated[Optional[str], typer.Option("--on", help="The day to plan for (default: today in England), e.g. 2027-04-01 or 1/4/2027.")]


def _on(vault, on: Optional[str]):
    from ..records import answers
    from ..basics import timefmt

    today = timefmt.local_date(vault.now())
    if on is None:
        return today
    try:
        return answers.parse_date(on, "--on", today=today)
    except answers.InvalidAnswer as exc:
        raise UsageError(str(exc)) from None


@rules_app.callback()
def rules(ctx: typer.Context, json: common.JsonOpt = False) -> None:
    """Show the vault's retention rules in words.

    Example:  sendvault retention rules
    """
    if ctx.invoked_subcommand:
        if json:  # 'rules set' prints no rules: the flag would do nothing
            raise UsageError("--json goes with 'sendvault retention rules' alone")
        return
    from ..records import retention

    vault = ctx.obj.open()
    section = retention.rules_of(vault.config)
    if json:
        output.emit_json(section)
        return
    for line in retention.rules_in_words(section):
        output.out(line)


@rules_app.command("set")
def rules_set(
    ctx: typer.Context,
    birthday: Annotated[Optional[int], typer.Option("--birthday", metavar="AGE", help="Destroy at the young person's AGEth birthday (e.g. 25).")] = None,
    left_education: Annotated[Optional[int], typer.Option("--left-education", metavar="MONTHS", help="MONTHS after the young person left education (the date recorded).")] = None,
    leaving_age: Annotated[Optional[int], typer.Option("--leaving-age", metavar="AGE", help="With --left-education: count from this birthday when no leaving date is recorded.")] = None,
    after_closed: Annotated[Optional[int], typer.Option("--after-closed", metavar="MONTHS", help="MONTHS after the case was closed (never while open).")] = None,
    after_last_contact: Annotated[Optional[int], typer.Option("--after-last-contact", metavar="MONTHS", help="MONTHS after the last activity on the case.")] = None,
    enquiries: Annotated[int, typer.Option("--enquiries", metavar="MONTHS", help="Anonymous contacts and general enquiries: MONTHS after their last activity.")] = 12,
    fallback: Annotated[int, typer.Option("--fallback", metavar="MONTHS", help="A rule whose date a record lacks counts MONTHS from its last activity.")] = 72,
    statistics: Annotated[bool, typer.Option("--statistics/--no-statistics", help="Keep a destroyed case's anonymous profile for reports.")] = True,
    locality: Annotated[Optional[bool], typer.Option("--locality/--no-locality", help="Keep the locality in that profile (the default, when it is kept).", show_default=False)] = None,
) -> None:
    """Replace the retention rules (managers only; audited). A case is destroyed when every rule says so.

    Example:  sendvault retention rules set --birthday 25 --after-closed 12 --enquiries 12 --fallback 72
    """
    from ..records import retention

    if locality is not None and not statistics:  # there is no profile to keep it in
        raise UsageError("--locality and --no-locality go with --statistics: --no-statistics keeps no profile")
    section = retention.make_rules(birthday_age=birthday, left_education_months=left_education, leaving_age=leaving_age,
                                   after_closed=after_closed, after_last_contact=after_last_contact,
                                   enquiries_months=enquiries, fallback_months=fallback,
                                   keep_statistics=statistics, statistics_locality=locality is not False)
    vault = ctx.obj.open()
    retention.set_rules(vault, section)
    output.info("retention rules set; 'sendvault retention plan' shows what falls due")


def _rows(rows: list[dict]) -> list[dict]:
    return [{"id": r["id"], "due": r["due"] or "", "rule": r["rule"], "fallback": ", ".join(r["fallback"]),
             "hold": r["hold"] or ""} for r in rows]


def _print_plan_section(title: str, rows: list[dict]) -> None:
    from rich.table import Table

    output.out(f"{title}: {len(rows)}")
    if not rows:
        return
    table = Table()
    columns = ["id", "due", "rule"] + [c for c in ("fallback", "hold") if any(r[c] for r in rows)]
    for c in columns:
        table.add_column(c, no_wrap=True)
    for r in rows:
        table.add_row(*[output.plain(str(r[c])) for c in columns])
    output.console().print(table)


@retention_app.command("plan")
def plan(ctx: typer.Context, on: OnOpt = None, json: common.JsonOpt = False) -> None:
    """What falls due, when and under which rule; cases on hold; dates from the fallback; the next 30 days.

    Example:  sendvault retention plan --on 2027-04-01
    """
    from ..records import retention

    vault = ctx.obj.open()
    day = _on(vault, on)
    damaged: list[str] = []
    data = retention.plan(vault, day, damaged)
    vault.audit("retention plan", detail=f"{len(data['due'])} due on {day.isoformat()}")
    if json:
        output.emit_json(data)
    elif not data["rules"]:
        output.out("no retention rules are set: nothing falls due ('sendvault retention rules set' sets them)")
    else:
        output.out(f"retention plan on {data['on']} ({data['cases']} cases)")
        _print_plan_section("due now", _rows(data["due"]))
        _print_plan_section("due in the next 30 days", _rows(data["soon"]))
        _print_plan_section("on legal hold (due, or due within 30 days)", _rows(data["held"]))
        _print_plan_section("dated from the fallback (the record lacks a rule's date)", _rows(data["fallback"]))
        if data["not_due_while_open"]:
            output.out(f"open, and not due while open: {data['not_due_while_open']}")
        if data["unfinished"]:
            output.out(f"destructions interrupted, finished by the next purge: {', '.join(data['unfinished'])}")
    if not json and data["papers_due"]:  # paper files (R34): shredded by hand, then 'paper shredded ID N'
        output.out(f"paper files due for shredding ({len(data['papers_due'])}; 'sendvault paper shredded ID N' records each):")
        for p in data["papers_due"]:
            output.out(f"  {p['id']}  paper file {p['paper']}  {p['where']}" + (f" ({p['keeper']})" if p.get("keeper") else "")
                       + (f", out with {p['out']}" if p.get("out") else "") + f"  due {p['due']}"
                       + ("  (case destroyed)" if p.get("destroyed") else ""))
    common.report_damaged(damaged)


PurgeOn = Annotated[Optional[str], typer.Option(
    "--on", help="Purge as on this day, e.g. 2027-04-01: your word for today's date, used instead of this machine's "
                 "clock and recorded in the audit trail (not later than the clock's today).")]


@retention_app.command("purge")
def purge(
    ctx: typer.Context,
    on: PurgeOn = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be destroyed; destroy nothing.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask (what cron runs); without a terminal it is required.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Print nothing when every due case was destroyed (cron mails only failures).")] = False,
    sync: Annotated[bool, typer.Option("--sync", help="A shared vault: take the team's changes first and share the destructions after; nothing is destroyed if the first sync fails.")] = False,
    json: common.JsonOpt = False,
) -> None:
    """Destroy every case that is due and not on hold (managers only): its key, then its files, recorded.

    A crash part-way is finished by the next run; running it again at once does
    nothing. Run unattended (--yes), it takes today from this machine's clock and
    is refused (exit 5, nothing destroyed) when the clock is implausible: more than
    31 days after what the vault knows (another device's newest audit entry, this
    machine's last purge) or earlier than anything already written; --on DATE
    gives the date instead. One summary line; exit 0 when every due case was
    destroyed, 1 (with the ids) when some failed, 5 when refused. In a vault shared
    through git, --sync purges under the rules and holds the team has now, and
    sends the destructions to the team at once.

    Example:  sendvault retention purge --yes --sync
    """
    from ..records import retention

    if dry_run and yes:
        raise UsageError("--yes confirms destroying; a --dry-run destroys nothing and asks nothing: leave --yes out")
    if dry_run and quiet:
        raise UsageError("--quiet is for the real purge; a --dry-run is run to print what would be destroyed")
    if not yes and not dry_run and not common.stdin_is_terminal():
        raise Refused("retention purge asks before destroying and there is no terminal: nothing was done",
                      hint="cron runs 'sendvault retention purge --yes'")
    vault = ctx.obj.open()
    vault.require_manager()
    from ..sync.git import last_commit_time

    def synced():
        return last_commit_time(vault.root)

    if on is None and yes and not dry_run:
        retention.check_clock(vault, synced)  # before anything is written: the sync below records under this clock
    if sync:
        # Stale rules or a hold placed on another machine must not decide a destruction: a sync
        # that fails stops the purge (the vault refreshes its settings under the next lock).
        _share(vault, "before the purge; nothing was destroyed")
    day = _on(vault, on)
    source = "given with --on"
    if not yes and not dry_run:
        if on is None:  # a person answers for the date the question shows: warned when the clock is in doubt
            doubt = retention.clock_doubt(vault, synced)
            if doubt:
                output.info(f"warning: {doubt}: check today's date before you answer")
            source = "confirmed on a terminal"
        count = len(retention.plan(vault, day)["due"])
        if not typer.confirm(f"destroy {count} case(s) due on {day.isoformat()}? this cannot be undone", err=True):
            raise SendvaultError("nothing was destroyed")
    by_clock = on is None and (yes or dry_run)
    the_plan, outcome = retention.purge(vault, None if by_clock else day, synced, dry_run=dry_run, source=source)
    after = "after the purge; the destructions go to the team at the next sync"
    try:
        _report(the_plan, outcome, day, dry_run, quiet, json)
    except SendvaultError:
        # Some destructions failed: what was destroyed still goes to the team, and the purge's own
        # error (the failed ids, exit 1) is the one that stands; a failed sync is a warning beside it.
        if sync and not dry_run:
            try:
                _share(vault, after)
            except SendvaultError as exc:
                output.info(f"warning: {exc.message}")
        raise
    if sync and not dry_run:
        _share(vault, after)


def _share(vault, when: str) -> None:
    from ..sync import exchange as shared

    try:
        result = shared.sync(vault)
    except SendvaultError as exc:
        exc.message = f"{exc.message} ({when})"
        raise
    for warning in result.warnings:
        output.info(f"warning: {warning}")
    for cid, reason in sorted(result.failed.items()):
        output.info(f"warning: case {cid}: destruction not applied: {reason}")


def _report(the_plan: dict, outcome, day, dry_run: bool, quiet: bool, json: bool) -> None:
    if json:
        output.emit_json({"on": day.isoformat(), "dry_run": dry_run, "due": [r["id"] for r in the_plan["due"]],
                          "destroyed": outcome.destroyed, "finished": outcome.finished, "skipped": outcome.skipped,
                          "failed": outcome.failed, "held": [r["id"] for r in the_plan["held"]]})
    held = len(the_plan["held"])
    if dry_run:
        # The cases themselves, as the plan lists them: a count alone cannot be checked before the night's run.
        if not json:  # stdout is the JSON alone
            _print_plan_section("would be destroyed", _rows(the_plan["due"]))
        output.info(f"retention purge on {day.isoformat()} (dry run): {len(the_plan['due'])} due, {held} on hold; nothing destroyed")
        return
    summary = (f"retention purge on {day.isoformat()}: {len(outcome.destroyed)} destroyed, {held} on hold"
               + (f", {len(outcome.finished)} interrupted destruction(s) finished" if outcome.finished else "")
               + (f", {len(outcome.skipped)} no longer due" if outcome.skipped else ""))
    if outcome.failed:
        shown = ", ".join(sorted(outcome.failed)[:20]) + (" ..." if len(outcome.failed) > 20 else "")
        reasons = set(outcome.failed.values())
        if len(reasons) == 1:  # one cause (a full disk): say it
            shown += f" ({reasons.pop()})"
        raise SendvaultError(f"{summary}, {len(outcome.failed)} failed: {shown}",
                             hint="'sendvault verify' says what is wrong with each")
    if outcome.unrecorded:
        reason = outcome.unrecorded.removesuffix("; nothing was changed")
        raise SendvaultError(f"{summary}; the run's own audit entry was not written ({reason}): "
                             "run the same command again to record it")
    if not quiet:
        output.info(summary)
