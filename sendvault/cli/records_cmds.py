"""Records and retention: legal holds (R31), erasure at a service user's request (R26), policy versions (R4, R32)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .. import casework
from ..errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

policy_app = typer.Typer(
    help="Versions of the confidentiality policy: show the current one and the open cases not yet told of it.\n\n"
    "Example:  sendvault policy --json",
    invoke_without_command=True,
)
commands.add_typer(policy_app, name="policy", rich_help_panel=common.RECORDS)


@commands.command(rich_help_panel=common.RECORDS)
def hold(
    ctx: typer.Context,
    case_id: common.CaseId,
    reason: Annotated[str, typer.Option("--reason", help="Why: e.g. the production order's reference (no personal data).")],
) -> None:
    """Put a case under legal hold: it is not destroyed, by erase or retention, until released.

    Example:  sendvault hold K7M3-Q9P2 --reason "production order PO-2026-114"
    """
    from .. import retention

    vault, cid = common.open_case(ctx, case_id)
    retention.place_hold(vault, cid, reason)
    output.info(f"case {cid} is on hold")


@commands.command(rich_help_panel=common.RECORDS)
def release(ctx: typer.Context, case_id: common.CaseId) -> None:
    """Release a case's legal hold (managers only).

    Example:  sendvault release K7M3-Q9P2
    """
    from .. import retention

    vault, cid = common.open_case(ctx, case_id)
    retention.release_hold(vault, cid)
    output.info(f"case {cid}: hold released")


@commands.command(rich_help_panel=common.RECORDS)
def erase(
    ctx: typer.Context,
    case_id: common.CaseId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation (for scripts).")] = False,
) -> None:
    """Destroy a case at the service user's request (managers only; refused under a legal hold).

    Its key is shredded, so no copy of the case (a backup, a copied folder, the
    vault's git history) can be read again by anyone. This cannot be undone.

    Example:  sendvault erase K7M3-Q9P2
    """
    from .. import retention

    vault, cid = common.open_case(ctx, case_id)
    if not yes:
        from rich.prompt import Prompt

        typed = Prompt.ask(f"This destroys case {cid} for good. Type its id to confirm", console=output.console(stderr=True))
        if not sys.stdin.isatty():  # an answer from a pipe is not echoed: end the prompt's line
            output.info("")
        if typed.strip().upper() != cid:
            raise SendvaultError("the id typed does not match; nothing was destroyed")
    retention.erase(vault, cid)
    output.info(f"case {cid} destroyed; no copy of it can be read again")


@policy_app.callback()
def policy(ctx: typer.Context, json: common.JsonOpt = False) -> None:
    """Show the policy versions, and the open cases whose service user was told an older one.

    Example:  sendvault policy
    """
    if ctx.invoked_subcommand:
        if json:
            raise UsageError("--json goes after the subcommand, or with 'sendvault policy' alone")
        return
    vault = ctx.obj.open()
    pending = casework.not_told(vault)
    vault.audit("policy", detail=f"{len(pending)} not told")
    data = {"current": vault.config["policy"]["version"], "history": vault.config["policy"].get("history", []), "not_told": pending}
    if json:
        output.emit_json(data)
        return
    output.out(f"current policy version: {data['current']}")
    for h in data["history"]:
        output.out(f"  {h['version']}  from {h['date']}" + (f"  (set by {h['set_by']})" if h.get("set_by") else ""))
    output.out(f"{len(pending)} open case(s) not yet told of version {data['current']}:")
    for p in pending:
        output.out(f"  {p['id']}  told {p['told']}  opened {p['opened']}")


@policy_app.command("set")
def policy_set(ctx: typer.Context, version: Annotated[str, typer.Argument(help="The new version's name, e.g. 2026-04.")]) -> None:
    """Make VERSION the current confidentiality policy (managers only).

    Example:  sendvault policy set 2026-04
    """
    vault = ctx.obj.open()
    casework.set_policy(vault, version)
    output.info(f"policy version {version} is now current; 'sendvault policy' lists who must be told")


@policy_app.command("told")
def policy_told(
    ctx: typer.Context,
    case_id: common.CaseId,
    copy_given: Annotated[bool, typer.Option("--copy-given/--no-copy", help="Whether a copy was given or sent.")] = True,
) -> None:
    """Record that a case's service user has been told of the current policy version.

    Example:  sendvault policy told K7M3-Q9P2 --copy-given
    """
    vault, cid = common.open_case(ctx, case_id)
    casework.record_told(vault, cid, copy_given)
    output.info(f"case {cid}: told of policy version {vault.config['policy']['version']}")
