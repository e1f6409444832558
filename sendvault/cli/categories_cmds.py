"""The service's coded lists (issue 25): show them; managers add and retire codes, map old free answers."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Optional

import typer

from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()

categories_app = typer.Typer(
    help="The service's coded lists: how they heard about the service, issues, localities, intervention "
    "levels, outcomes and evaluation questions. Anyone shows them; managers add and retire codes "
    "(audited). A code keeps its words for ever, so an old case keeps its meaning.\n\n"
    "Example:  sendvault categories show heard_about\n\n"
    "Example:  sendvault categories add heard_about parent-forum \"The parent carer forum\"",
    no_args_is_help=True,
)
commands.add_typer(categories_app, name="categories", rich_help_panel=common.RECORDS)


@categories_app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(metavar="LIST", help="One list (heard_about, issues, locality, level, outcome, evaluation); default: all.")] = None,
    on: Annotated[Optional[str], typer.Option("--on", metavar="DATE", help="The list as it stood on this day, e.g. 2025-04-01 (default: every code, retired ones marked).")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show the service's coded lists, with when each code was added or retired.

    Example:  sendvault categories show level
    Example:  sendvault categories show heard_about --on 2025-04-01
    """
    from ..records import categories
    from ..statistics import national

    day = _day(on)
    names = [name] if name else list(categories.LISTS)
    vault = ctx.obj.open()
    data = {n: categories.in_force(vault.config, n, day) if day else categories.entries(vault.config, n) for n in names}
    if json:
        output.emit_json({"lists": data, "inactive_after_days": categories.inactive_after(vault.config),
                          "national": {n: national.mapping(vault.config, n) for n in names if n in national.MAPPED}})
        return
    for n in names:
        output.out(f"{n}: {categories.TITLES[n]}")
        for e in data[n]:
            since = f"  (retired {e['retired']})" if "retired" in e else (f"  (added {e['added']})" if "added" in e else "")
            output.out(f"  {e['code']:<16} {e['words']}{since}")
        if n in national.MAPPED and national.mapping(vault.config, n):
            output.out("  in 'report --iass': " + "; ".join(f"{c} as {m}" for c, m in national.mapping(vault.config, n).items()))
        output.out()
    output.out(f"an open case with no activity for {categories.inactive_after(vault.config)} days counts as inactive")


@categories_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="LIST", help="The list: heard_about, issues, locality, level, outcome or evaluation.")],
    code: Annotated[str, typer.Argument(help="The new code: lower-case letters, digits and hyphens (a locality: its name).")],
    words: Annotated[str, typer.Argument(help="What it means, as officers are offered it and the report prints it.")],
) -> None:
    """Add a code to one of the service's lists (managers only; audited).

    A retired code can be brought back with its own words. A code's words never
    change: to say something else, retire the code and add a new one.

    Example:  sendvault categories add heard_about parent-forum "The parent carer forum"
    """
    from ..records import categories

    vault = ctx.obj.open()
    categories.add(vault, name, code, words)
    output.info(f"{name}: added {code}")


@categories_app.command("retire")
def retire(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="LIST", help="The list.")],
    code: Annotated[str, typer.Argument(help="The code no longer to offer.")],
) -> None:
    """Retire a code (managers only; audited): no longer offered at intake.

    Cases recorded with it keep it, and the report still counts them under its words.

    Example:  sendvault categories retire heard_about event
    """
    from ..records import categories

    vault = ctx.obj.open()
    categories.retire(vault, name, code)
    output.info(f"{name}: retired {code}; cases that hold it keep it")


@categories_app.command("settings")
def settings(
    ctx: typer.Context,
    inactive_after: Annotated[int, typer.Option("--inactive-after", metavar="DAYS", help="An open case with no activity for this many days counts as inactive (7 to 3650).")],
) -> None:
    """Set when an open case counts as inactive (managers only; audited).

    Inactive is worked out from the case's last activity, never stored: a note
    makes the case open again.

    Example:  sendvault categories settings --inactive-after 91
    """
    from ..records import categories

    vault = ctx.obj.open()
    days = categories.set_inactive_after(vault, inactive_after)
    output.info(f"an open case with no activity for {days} days now counts as inactive")


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError("--on takes a date such as 2025-04-01") from None


@commands.command("level", rich_help_panel=common.CASE_WORK)
def level(
    ctx: typer.Context,
    case_id: common.CaseId,
    code: Annotated[Optional[str], typer.Argument(metavar="LEVEL", help="The new intervention level (default list: 1 to 4); none: show the level's history.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Set a case's intervention level, or show how it changed (who and when).

    The levels are the service's list ('sendvault categories show level'): by default
    the IASS Network's, from 1 (information and advice) to 4 (tribunal work).

    Example:  sendvault level K7M3-Q9P2 2
    """
    from ..records import categories

    vault, cid = common.open_case(ctx, case_id)
    if code is not None:
        categories.set_level(vault, cid, code.strip())
        output.info(f"case {cid} is now at level {code.strip()}")
    record = vault.read_case(cid)
    if code is None:
        vault.audit("level", cid)  # a read of the case is recorded, as 'show''s is
    history = categories.level_history(record)
    if json:
        output.emit_json([{"at": at, "by": by, "level": lv} for at, by, lv in history])
        return
    for at, by, lv in history:
        output.out(f"{common.when(at)}  {by}: level {lv} ({categories.words(vault.config, 'level', lv) or 'no longer listed'})")


@categories_app.command("national")
def national(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="LIST", help="heard_about, issues, level, outcome or evaluation.")],
    code: Annotated[str, typer.Argument(help="The service's code.")],
    category: Annotated[Optional[str], typer.Argument(help="The national category it counts as in 'report --iass'.")] = None,
    unmap: Annotated[bool, typer.Option("--unmap", help="Count the code as 'Not mapped' instead.")] = False,
) -> None:
    """Map one of the service's codes to a national category (managers only; audited).

    'sendvault report --iass' counts each code under its national category. The
    national list changes; the service's codes do not, so only this mapping changes.

    Example:  sendvault categories national level 4 "Level 4"
    """
    from ..records import categories

    if (category is None) == (not unmap):
        raise UsageError("give the national category, or --unmap")
    vault = ctx.obj.open()
    categories.set_national(vault, name, code, None if unmap else category)
    output.info(f"{name}: {code} now counts as {'not mapped' if unmap else category}")


@categories_app.command("map")
def map_answers(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="LIST", help="The list whose old answers are words: heard_about.")],
    rule: Annotated[Optional[list[str]], typer.Option("--map", metavar="ANSWER=CODE", help="An answer as typed (any case) and the code it means, e.g. \"health visitor=health\" (repeat).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be mapped, as counts, and write nothing.")] = False,
    json: common.JsonOpt = False,
) -> None:
    """Map the answers typed in words before the list to its codes (managers only).

    An answer that is a code or a code's words is mapped on its own ("Social media");
    others by --map. Run with --dry-run first: it counts the cases each code would
    get, and on your terminal only lists the answers themselves (they may hold
    names: they are never in the audit trail or in --json). Unmapped answers stay,
    counted as other.

    Example:  sendvault categories map heard_about --map "health visitor=health" --map "GP=health" --dry-run
    """
    from ..records import categories

    if name != "heard_about":
        raise UsageError("only heard_about was ever typed in words; the other lists were always codes")
    rules = {}
    for given in rule or ():
        answer, sep, code = given.rpartition("=")
        if not sep or not answer.strip() or not code.strip():
            raise UsageError("--map takes ANSWER=CODE, e.g. \"health visitor=health\"")
        rules[answer.strip()] = code.strip()
    vault = ctx.obj.open()
    plan = categories.plan_mapping(vault, rules)
    counts: dict[str, int] = {}
    for _, _, code in plan:
        counts[code or ""] = counts.get(code or "", 0) + 1
    summary = {"mapped": {c: n for c, n in sorted(counts.items()) if c}, "left_as_other": counts.get("", 0),
               "dry_run": dry_run}
    if not dry_run:
        summary["changed"] = categories.apply_mapping(vault, plan)
    else:
        vault.audit("categories map", detail=f"heard_about: dry run, {len(plan)} answers in words")
    if json:
        output.emit_json(summary)
        return
    words = categories.known(vault.config, "heard_about")
    for code, n in summary["mapped"].items():
        output.out(f"{n:>6}  -> {code} ({words[code]})")
    output.out(f"{summary['left_as_other']:>6}  stay in words, counted as other")
    if dry_run and sys.stdout.isatty():  # the answers themselves: on the officer's screen, nowhere else
        answers: dict[tuple[str, str], int] = {}
        for _, answer, code in plan:
            answers[(answer, code or "(other)")] = answers.get((answer, code or "(other)"), 0) + 1
        output.out()
        for (answer, code), n in sorted(answers.items(), key=lambda item: (-item[1], item[0])):
            output.out(f"{n:>6}  {answer}  -> {code}")
    output.info("dry run: nothing was written" if dry_run else f"{summary['changed']} cases changed")
