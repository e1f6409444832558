"""Sharing: one vault for the whole team, through a git server (see docs/sync.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()


@commands.command(rich_help_panel=common.TEAM)
def sync(
    ctx: typer.Context,
    remote: Annotated[
        Optional[str], typer.Option("--remote", help="Set the server's repository (ssh://... or a path) first.")
    ] = None,
    resolve: Annotated[
        Optional[list[str]], typer.Option("--resolve", metavar="ID",
                                          help="A case whose merge waits for a choice; --take says which. Repeatable.")
    ] = None,
    take: Annotated[
        Optional[list[str]], typer.Option("--take", metavar="SIDE",
                                          help="mine, theirs, or FIELD=mine|theirs (the field as the error named it). "
                                               "Repeatable.")
    ] = None,
) -> None:
    """Share this vault's changes with the team's server, and take theirs.

    Commits what changed here (the message holds case ids and your name only),
    fetches, merges, applies every destruction made elsewhere, and pushes. Case keys
    travel on a channel with no history. With the server unreachable, nothing is lost:
    the changes go at the next sync.

    The same case changed on two machines is merged on the decrypted records, in
    memory: notes, consents, disclosures, holds and history are united, a field
    changed on one side takes that change. A field changed two ways (two postcodes)
    is shown on a terminal for you to choose; without one the merge waits, and
    --resolve ID --take mine|theirs|FIELD=mine|theirs settles it.

    Example:  sendvault sync
    Example:  sendvault sync --resolve K7M3-Q9P2 --take person.postcode=theirs
    """
    from ..sync import exchange as core

    choose = _chooser(resolve or [], take or [])
    vault = ctx.obj.open()
    if remote:
        core.attach(vault.root, remote)
    result = core.sync(vault, choose=choose)
    for warning in choose.unused():
        output.info(f"warning: {warning}; nothing was taken for it")
    for warning in result.warnings:
        output.info(f"warning: {warning}")
    for cid, reason in sorted(result.failed.items()):
        output.info(f"warning: case {cid}: destruction not applied: {reason}")
    parts = ["synchronised"]
    if result.merged_cases:
        parts.append(f"{len(result.merged_cases)} case(s) changed on two machines merged: {', '.join(result.merged_cases)}")
    if result.rekeyed:
        parts.append(f"{len(result.rekeyed)} case(s) written here before a team change re-keyed: "
                     f"{', '.join(result.rekeyed)}")
    if result.keys_received:
        parts.append(f"{result.keys_received} case key(s) received")
    if result.destroyed:
        parts.append(f"{len(result.destroyed)} destroyed case(s) removed here: {', '.join(result.destroyed)}")
    output.info("; ".join(parts))


SIDES = ("mine", "theirs")


def _chooser(resolve: list[str], take: list[str]):
    """How a field changed two ways is settled: by --take for the cases --resolve names, else asked on a terminal."""
    from ..basics import ids

    if take and not resolve:
        raise UsageError("--take needs the case it settles: --resolve ID")
    if resolve and not take:
        raise UsageError("--resolve needs --take mine, theirs or FIELD=mine|theirs")
    cases = set()
    for cid in resolve:
        if not ids.is_id(cid.upper()):
            raise UsageError(f"--resolve takes a case id like K7M3-Q9P2, not {cid!r}")
        cases.add(cid.upper())
    every, fields = None, {}
    for t in take:
        path, eq, side = t.rpartition("=")
        if side not in SIDES:
            raise UsageError(f"--take is mine, theirs or FIELD=mine|theirs, not {t!r}")
        # A second --take for the same thing would silently overrule the first.
        if (fields.get(path, side) if eq else (every or side)) != side:
            raise UsageError(f"--take says both mine and theirs for {path if eq else 'every field'}")
        if eq:
            fields[path] = side
        else:
            every = side
    ask = sys.stdin.isatty() and sys.stdout.isatty()
    settled: set = set()  # the cases a --take settled something of, and the fields it settled
    fields_settled: set = set()

    def choose(cid: str, conflict) -> str | None:
        if cid in cases:
            side = fields.get(conflict.path, every)
            if side:
                settled.add(cid)
                fields_settled.add(conflict.path)
                return side
        return _ask(cid, conflict) if ask else None

    def unused() -> list[str]:
        """What --resolve and --take named that no merge needed: said after the sync rather than dropped in
        silence (which cases wait for a choice is known only once the server's changes are fetched)."""
        return ([f"--resolve {cid}: nothing of that case waited for a choice" for cid in sorted(cases - settled)]
                + [f"--take {path}=...: no field of that name waited for a choice" for path in sorted(set(fields) - fields_settled)])

    choose.unused = unused
    return choose


def _ask(cid: str, conflict) -> str | None:
    """Both values on the terminal (never in a log): the officer picks one."""
    output.info(f"case {cid}: {conflict.path} was changed on this machine and on another")
    # Whose each change is and when: the officer's name and time the case's own versions record
    # (what sendvault wrote), never the git configuration of either machine.
    for side, value, change in (("mine", conflict.mine, conflict.mine_change),
                                ("theirs", conflict.theirs, conflict.theirs_change)):
        output.info(f"  {side + ':':<8}{_shown(value)}")
        if change:
            output.info(f"          saved by {change[0]} on {_when(change[1])}")
    from rich.prompt import Prompt

    answer = Prompt.ask("Keep which? ('later' leaves the merge waiting)", choices=["mine", "theirs", "later"],
                        console=output.console(stderr=True))
    return None if answer == "later" else answer


def _when(at: str) -> str:
    """An instant as the officer reads it: the day and time where they are, e.g. 5 Dec 2026 14:02."""
    from ..basics.timefmt import parse_instant

    try:
        t = parse_instant(at).astimezone()
    except ValueError:
        return at
    return f"{t.day} {t:%b %Y %H:%M}"


def _shown(value) -> str:
    from ..records import merge

    if value is merge.ABSENT:
        return "(removed)"
    if isinstance(value, dict):  # e.g. "date 2026-12-15, reason chase the plan (by Ann, 2026-12-01T09:00:00Z)"
        what = ", ".join(f"{k} {_shown(v)}" for k, v in value.items() if k not in ("at", "by"))
        who = ", ".join(str(value[k]) for k in ("by", "at") if k in value)
        return what + (f" ({who})" if who else "")
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@commands.command(rich_help_panel=common.TEAM)
def clone(
    url: Annotated[str, typer.Argument(help="The server's repository (ssh://host/srv/vault.git, or a path).")],
    path: Annotated[Path, typer.Argument(help="A new or empty directory for this machine's copy.")],
    full: Annotated[bool, typer.Option("--full", help="Take every document now too (a machine that must work offline).")] = False,
) -> None:
    """Make this machine's copy of the team's shared vault, with its case keys.

    The documents stay on the server until a case's are first needed (open, share,
    sar, export), then come with one fetch; --full takes them all now, for a
    machine that must work offline (docs/sync.md).

    Example:  sendvault clone ssh://vault.example.org/srv/sendvault/vault.git ~/vault
    """
    from ..sync import exchange as core

    made = core.clone(url, path, full=full)
    if made.refused_filter:
        output.info("note: the server does not allow clones without the documents, so every document came now "
                    "(docs/sync.md: 'uploadpack.allowFilter')")
    held = "the documents come from the server when first needed" if made.partial else "with every document"
    output.info(f"cloned the vault to {path} ({made.keys} case key(s); {held}); 'sendvault sync' keeps it current")


@commands.command("serve-init", rich_help_panel=common.TEAM)
def serve_init(
    path: Annotated[Path, typer.Argument(help="A new or empty directory on the server for the bare repository.")],
) -> None:
    """Set up the server's bare repository the way sharing needs it.

    main's history only grows; the key channel keeps one commit, and superseded
    keys are garbage-collected at once (docs/sync.md says exactly what is set).

    Example:  sendvault serve-init /srv/sendvault/vault.git
    """
    from ..sync import server

    server.serve_init(path)
    output.info(f"made the bare repository {path} for sharing a vault")
