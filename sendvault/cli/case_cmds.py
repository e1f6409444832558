"""Reading and working cases: show, list, find, note, edit, close, reopen, policy."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .. import casework, ids, intake
from ..errors import InvalidRecord, SendvaultError, UsageError, VaultCorrupt
from . import output
from .app import app

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (messages go to stderr).")]
CaseId = Annotated[str, typer.Argument(help="The case id, e.g. K7M3-Q9P2 (case and hyphen don't matter).")]

policy_app = typer.Typer(
    help="Policy versions (R4, R32): show the current one and the open cases not yet told of it.\n\n"
    "Example:  sendvault policy --json",
    invoke_without_command=True,
)
app.add_typer(policy_app, name="policy")


@app.command()
def show(ctx: typer.Context, case_id: CaseId, json: JsonOpt = False) -> None:
    """Show one case in full.

    Example:  sendvault show K7M3-Q9P2 --json
    """
    vault, cid = _open_case(ctx, case_id)
    record = vault.read_case(cid)
    vault.audit("show", cid)
    if json:
        output.emit_json(record)
        return
    _render_case(record)


@app.command("list")
def list_cases(
    ctx: typer.Context,
    status: Annotated[Optional[str], typer.Option("--status", help="open or closed.")] = None,
    names: Annotated[bool, typer.Option("--names", help="Also show the caller's and child's names.")] = False,
    mine: Annotated[bool, typer.Option("--mine", help="Only the cases you hold.")] = False,
    officer: Annotated[Optional[str], typer.Option("--officer", metavar="NAME", help="Only the cases this officer holds (a leaver too).")] = None,
    follow_up: Annotated[bool, typer.Option("--follow-up", help="Only follow-ups overdue or due in the next 7 days, oldest first, with their reason (open cases unless --status closed).")] = False,
    json: JsonOpt = False,
) -> None:
    """List cases: id, opened, status, officer, last activity, caller type, support level (names only with --names).

    Example:  sendvault list --mine --follow-up
    """
    from .. import caseload

    if status not in (None, "open", "closed"):
        raise UsageError("--status must be open or closed")
    vault = ctx.obj.open()
    selected = caseload.selection(vault, casework.today(vault), status, mine, officer, follow_up)
    damaged: list[str] = []
    rows = [row for row in vault.map_cases(lambda r: selected.row(r, names), damaged=damaged) if row]
    selected.sort(rows)
    filters = [f for f, on in (("mine", mine), ("officer", officer is not None), ("follow-up", follow_up)) if on]
    vault.audit("list", detail=f"{len(rows)} cases{' with names' if names else ''}" + (f" ({', '.join(filters)})" if filters else ""))
    _print_rows(rows, json, f"{len(rows)} case(s)", damaged)


@app.command()
def find(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Part of a name, postcode, email, phone number or school; - reads it from standard input (kept out of shell history).")],
    json: JsonOpt = False,
) -> None:
    """Find cases by name, postcode, email, phone or school (case- and accent-insensitive, partial words too).

    Example:  sendvault find "jane exa"
    """
    if text == "-":
        text = sys.stdin.readline()
    if len(text.strip()) < 2:
        raise UsageError("search for at least two characters")
    vault = ctx.obj.open()

    def match(record: dict) -> dict | None:
        hits = intake.matches(record, text)
        return {**casework.row(record, names=True), "matched": hits} if hits else None

    damaged: list[str] = []
    rows = [row for row in vault.map_cases(match, damaged=damaged) if row]
    # The search text may itself be personal data: the audit trail keeps only the count.
    vault.audit("find", detail=f"{len(rows)} matches")
    _print_rows(rows, json, f"{len(rows)} match(es)", damaged)


@app.command()
def note(
    ctx: typer.Context,
    case_id: CaseId,
    text: Annotated[Optional[str], typer.Argument(help="The note (quote it), or - to read it from standard input (kept out of shell history).")] = None,
    editor: Annotated[bool, typer.Option("--editor", help="Write the note in $EDITOR (in RAM, never on disk).")] = False,
    insecure_tmp: Annotated[bool, typer.Option("--insecure-tmp", help="With --editor where there is no /dev/shm: edit on disk, overwritten and removed after.")] = False,
) -> None:
    """Add a note to a case: progress, agreed actions, outcome (R9: only what is relevant).

    Example:  sendvault note K7M3-Q9P2 "Called school SENCo with consent; meeting booked for 3 Dec."
    """
    if (text is None) == (not editor):
        raise UsageError("give the note as TEXT or use --editor (one of the two)")
    if insecure_tmp and not editor:
        raise UsageError("--insecure-tmp goes with --editor")
    vault, cid = _open_case(ctx, case_id)
    vault.read_case(cid)  # an unknown case fails before the editor opens
    if text == "-":
        text = sys.stdin.read()
    if editor:
        from ..editing import EditSession

        with EditSession(allow_disk=insecure_tmp, suffix=".txt") as session:
            session.write(f"\n# Note for case {cid}. Lines starting with # are ignored; an empty note is not saved.\n")
            if session.run_editor() != 0:
                raise SendvaultError("the editor failed; the note was not saved")
            text = "\n".join(ln for ln in session.read().splitlines() if not ln.startswith("#"))
    casework.add_note(vault, cid, text)
    output.info(f"note added to {cid}")


@app.command()
def edit(
    ctx: typer.Context,
    case_id: CaseId,
    insecure_tmp: Annotated[bool, typer.Option("--insecure-tmp", help="Where there is no /dev/shm: edit on disk, overwritten and removed after.")] = False,
) -> None:
    """Edit a case's record in $EDITOR, from a RAM-backed directory; checked on save.

    The plaintext is removed however the edit ends (saved, discarded, an error, a signal).

    Example:  EDITOR=nano sendvault edit K7M3-Q9P2
    """
    import tomli_w

    from ..editing import EditSession

    vault, cid = _open_case(ctx, case_id)
    original = vault.read_case(cid)
    header = (f"# Case {cid}. Save and quit to store; the record is checked first.\n"
              "# Only the contact's facts can be changed here (contact, person, child, contact_preferences,\n"
              "# profile, kind, anonymous, record_personal_details); notes, holds, closing and history\n"
              "# have their own commands.\n")
    with EditSession(allow_disk=insecure_tmp) as session:
        session.write(header + tomli_w.dumps(original))
        while True:
            if session.run_editor() != 0:
                raise SendvaultError("the editor failed; nothing was saved")
            try:
                edited = intake.load_toml(session.read())
                casework.apply_edit(vault, cid, original, edited)
                break
            except InvalidRecord as exc:
                output.error(exc.message)
                output.problem_list(exc.problems)
                from rich.prompt import Confirm

                if not Confirm.ask("Edit again? (no discards your changes)", default=True, console=output.console(stderr=True)):
                    raise SendvaultError("edit discarded; nothing was saved") from None
    output.info(f"case {cid} saved")


@app.command()
def close(
    ctx: typer.Context,
    case_id: CaseId,
    outcome: Annotated[str, typer.Option("--outcome", help="One of: " + ", ".join(intake.choices("closed.outcome")) + ".")],
) -> None:
    """Close a case with its outcome.

    Example:  sendvault close K7M3-Q9P2 --outcome advice-given
    """
    if outcome not in intake.choices("closed.outcome"):
        raise UsageError("unknown --outcome", hint="one of: " + ", ".join(intake.choices("closed.outcome")))
    vault, cid = _open_case(ctx, case_id)
    casework.close_case(vault, cid, outcome)
    output.info(f"case {cid} closed ({outcome})")


@app.command()
def reopen(ctx: typer.Context, case_id: CaseId) -> None:
    """Reopen a closed case.

    Example:  sendvault reopen K7M3-Q9P2
    """
    vault, cid = _open_case(ctx, case_id)
    casework.reopen_case(vault, cid)
    output.info(f"case {cid} reopened")


@policy_app.callback()
def policy(ctx: typer.Context, json: JsonOpt = False) -> None:
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
    case_id: CaseId,
    copy_given: Annotated[bool, typer.Option("--copy-given/--no-copy", help="Whether a copy was given or sent.")] = True,
) -> None:
    """Record that a case's service user has been told of the current policy version.

    Example:  sendvault policy told K7M3-Q9P2 --copy-given
    """
    vault, cid = _open_case(ctx, case_id)
    casework.record_told(vault, cid, copy_given)
    output.info(f"case {cid}: told of policy version {vault.config['policy']['version']}")


# --- rendering ----------------------------------------------------------------


def _open_case(ctx: typer.Context, case_id: str):
    """The unlocked vault and the case id as typed, normalised (a malformed id fails before any key is asked)."""
    cid = ids.normalise(case_id)
    return ctx.obj.open(), cid


def _print_rows(rows: list[dict], json: bool, caption: str, damaged: list[str] = ()) -> None:
    """The rows; then, if some cases could not be read, say so and fail (exit 1)."""
    if damaged:
        caption = ""
    _print_table(rows, json, caption)
    if damaged:
        shown = ", ".join(damaged[:10]) + (" ..." if len(damaged) > 10 else "")
        raise VaultCorrupt(f"{len(damaged)} case(s) could not be read and are not listed: {shown}",
                           hint="'sendvault verify' says what is wrong with each")


def _print_table(rows: list[dict], json: bool, caption: str) -> None:
    if json:
        output.emit_json(rows)
        return
    from rich.table import Table

    columns = [c for c in ("id", "opened", "status", "officer", "last_activity", "follow_up", "reason", "kind", "caller",
                           "support_level", "person", "child", "matched") if rows and c in rows[0]]
    table = Table(caption=caption)
    for c in columns:
        table.add_column(c, no_wrap=c in ("id", "opened", "status", "last_activity", "follow_up"))
    for r in rows:
        table.add_row(*[", ".join(r[c]) if isinstance(r[c], list) else str(r[c] or "") for c in columns])
    if rows:
        output.console().print(table)
    if caption:
        output.info(caption)


def _render_case(record: dict) -> None:
    from rich.panel import Panel
    from rich.table import Table

    from .. import caseload

    con = output.console()
    title = f"case {record['id']}  {record['status']}  ({record['kind']}{', anonymous' if record['anonymous'] else ''})"
    follow_up = caseload.follow_up(record)
    con.print(Panel(f"opened {record['created']} by {record['created_by']}; updated {record['updated']} by {record['updated_by']}"
                    + f"\nheld by {caseload.assigned_to(record)}; last activity {caseload.last_activity(record)}"
                    + (f"\nfollow-up {follow_up['date']}: {follow_up['reason']}" if follow_up else "")
                    + (f"\nclosed {record['closed']['date']}: {record['closed']['outcome']} ({record['closed']['by']})" if "closed" in record else ""),
                    title=title, title_align="left"))
    for section in ("contact", "person", "child", "contact_preferences", "profile"):
        if section in record:
            grid = Table.grid(padding=(0, 2))
            for k, v in _flatten(record[section]):
                grid.add_row(k, v)
            con.print(Panel(grid, title=section.replace("_", " "), title_align="left"))
    for section in ("consents", "disclosures", "holds", "policy_told"):
        if record.get(section):
            grid = Table.grid(padding=(0, 2))
            for item in record[section]:
                grid.add_row(", ".join(f"{k}: {v}" for k, v in item.items()))
            con.print(Panel(grid, title=section.replace("_", " "), title_align="left"))
    for n in record.get("notes", []):
        con.print(Panel(n["text"], title=output.plain(f"note {n['at']} {n['by']}"), title_align="left"))


def _flatten(section: dict, prefix: str = ""):
    for k, v in section.items():
        if isinstance(v, dict):
            yield from _flatten(v, f"{prefix}{k}.")
        elif isinstance(v, list):
            yield f"{prefix}{k}", ", ".join(map(str, v))
        elif isinstance(v, bool):
            yield f"{prefix}{k}", "yes" if v else "no"
        else:
            yield f"{prefix}{k}", str(v)


# --- holds and removal (R26, R31) -------------------------------------------------


@app.command()
def hold(
    ctx: typer.Context,
    case_id: CaseId,
    reason: Annotated[str, typer.Option("--reason", help="Why: e.g. the production order's reference (no personal data).")],
) -> None:
    """Put a case under legal hold: it is not destroyed, by erase or retention, until released.

    Example:  sendvault hold K7M3-Q9P2 --reason "production order PO-2026-114"
    """
    from .. import retention

    vault, cid = _open_case(ctx, case_id)
    retention.place_hold(vault, cid, reason)
    output.info(f"case {cid} is on hold")


@app.command()
def release(ctx: typer.Context, case_id: CaseId) -> None:
    """Release a case's legal hold (managers only).

    Example:  sendvault release K7M3-Q9P2
    """
    from .. import retention

    vault, cid = _open_case(ctx, case_id)
    retention.release_hold(vault, cid)
    output.info(f"case {cid}: hold released")


@app.command()
def erase(
    ctx: typer.Context,
    case_id: CaseId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation (for scripts).")] = False,
) -> None:
    """Destroy a case at the service user's request (R26; managers only; refused under a legal hold).

    Its key is shredded, so no copy of the case (a backup, a copied folder, the
    vault's git history) can be read again by anyone. This cannot be undone.

    Example:  sendvault erase K7M3-Q9P2
    """
    from .. import retention

    vault, cid = _open_case(ctx, case_id)
    if not yes:
        from rich.prompt import Prompt

        typed = Prompt.ask(f"This destroys case {cid} for good. Type its id to confirm", console=output.console(stderr=True))
        if not sys.stdin.isatty():  # an answer from a pipe is not echoed: end the prompt's line
            output.info("")
        if typed.strip().upper() != cid:
            raise SendvaultError("the id typed does not match; nothing was destroyed")
    retention.erase(vault, cid)
    output.info(f"case {cid} destroyed; no copy of it can be read again")
