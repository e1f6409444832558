"""Records and retention: legal holds (R31), erasure at a service user's request (R26), policy versions (R4, R32)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..records import casework
from ..basics.errors import SendvaultError, UsageError
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
    from ..records import retention

    vault, cid = common.open_case(ctx, case_id)
    retention.place_hold(vault, cid, reason)
    output.info(f"case {cid} is on hold")


@commands.command(rich_help_panel=common.RECORDS)
def release(ctx: typer.Context, case_id: common.CaseId) -> None:
    """Release a case's legal hold (managers only).

    Example:  sendvault release K7M3-Q9P2
    """
    from ..records import retention

    vault, cid = common.open_case(ctx, case_id)
    retention.release_hold(vault, cid)
    output.info(f"case {cid}: hold released")


@commands.command(rich_help_panel=common.RECORDS)
def erase(
    ctx: typer.Context,
    case_id: common.CaseId,
    asked_by: Annotated[str, typer.Option("--asked-by", metavar="WHO",
                                          help="Who asked: parent-carer, young-person, professional or other (not a name).")] = "",
    how: Annotated[str, typer.Option("--how", metavar="HOW", help="How the request came: phone, email, letter or in-person.")] = "",
    received: Annotated[Optional[str], typer.Option("--received", metavar="DATE",
                                                    help="The day it was received, e.g. 31/01/2027 (default: today).")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation (for scripts).")] = False,
) -> None:
    """Destroy a case at the service user's request (managers only; refused under a legal hold).

    Its key is shredded, so no copy of the case (a backup, a copied folder, the
    vault's git history) can be read again by anyone. This cannot be undone.

    The destruction record and the audit trail keep who asked (a kind of person,
    never a name), how and when the request came.

    The role and the hold are checked before you are asked to type the id. A script
    (no terminal) passes --yes; it is still managers only and refused under a hold.

    Example:  sendvault erase K7M3-Q9P2 --asked-by parent-carer --how letter --received 31/01/2027
    """
    from ..basics import ids
    from ..records import answers, retention

    cid = ids.normalise(case_id)  # everything that needs no key first
    day = None if received is None else answers.parse_date(received, "the request's date")
    retention.erasure_request(asked_by, how, day, None)
    if not yes:
        common.require_terminal("erase asks you to type the case id to confirm", "use 'sendvault erase ID --yes' in scripts")
    vault = ctx.obj.open()
    request = retention.erasure_request(asked_by, how, day, vault.today())
    # The role and the hold are checked before the confirmation is asked. Not before
    # the passphrase: for a protected identity the public key, and so who is acting,
    # is inside the encrypted file.
    retention.check_erasable(vault, cid)
    if not yes:
        from rich.prompt import Prompt

        typed = Prompt.ask(f"This destroys case {cid} for good. Type its id to confirm", console=output.console(stderr=True))
        if _as_id(typed) != cid:  # any forgiving form of the id: case, spaces, no hyphen
            raise SendvaultError("the id typed does not match; nothing was destroyed")
    retention.erase(vault, cid, request)
    output.info(f"case {cid} destroyed (asked by {request['asked_by']}, by {request['how']}, "
                f"received {request['received']}); no copy of it can be read again")


def _as_id(typed: str) -> str | None:
    from ..basics import ids

    try:
        return ids.normalise(typed)
    except UsageError:
        return None


@policy_app.callback()
def policy(ctx: typer.Context, json: common.JsonOpt = False) -> None:
    """Show the policy versions, and the open cases whose service user was told an older one.

    Example:  sendvault policy
    """
    if ctx.invoked_subcommand:
        if json:
            raise UsageError("--json goes after the subcommand, or with 'sendvault policy' alone")
        return
    from ..records import caseload

    vault = ctx.obj.open()
    damaged: list[str] = []
    found = casework.not_told(vault, damaged, lambda r: {"officer": caseload.assigned_to(r),
                                                        "last_activity": caseload.last_activity(r)})
    pending, current = found["not_told"], vault.config["policy"]["version"]
    vault.audit("policy", detail=f"{len(pending)} not told")
    data = {"current": current, "history": vault.config["policy"].get("history", []), **found}
    if json:
        output.emit_json(data)
    else:
        output.out(f"current policy version: {current}")
        for h in data["history"]:
            output.out(f"  {h['version']}  from {h['date']}" + (f"  (set by {h['set_by']})" if h.get("set_by") else ""))
        reachable = "every open case" + (" that can be told" if found["cannot_be_told"] else "")
        if not pending and not damaged:
            output.out(f"{reachable} has been told of policy version {current}")
        elif pending:
            output.out(f"{len(pending)} open case(s) not yet told of version {current}:")
        common.print_table([{k: p[k] for k in ("id", "officer", "last_activity", "told")} for p in pending], False, "")
        if found["cannot_be_told"]:
            output.out(f"{found['cannot_be_told']} more open case(s) on an older version cannot be told "
                       "(anonymous contacts or general enquiries) and are not listed")
    common.report_damaged(damaged)


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
