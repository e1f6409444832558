"""Team and keys: an officer's identity, a new vault, who can open it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

officer_app = typer.Typer(
    help="The team: who can open the vault, and who manages it.\n\nExample:  sendvault officer list",
    no_args_is_help=True,
)
commands.add_typer(officer_app, name="officer", rich_help_panel=common.TEAM)


@commands.command(rich_help_panel=common.TEAM)
def keygen(
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Where to write the identity (default: ~/.config/sendvault/identity).")
    ] = None,
    no_passphrase: Annotated[
        bool, typer.Option("--no-passphrase", help="Write a plain key (for unattended jobs such as cron); keep it 0600.")
    ] = False,
) -> None:
    """Make a new officer identity and print its public recipient.

    The file is created 0600 and never overwrites an existing one. By default it is
    protected by a passphrase (asked twice on the terminal), in the format 'age -p'
    writes, so 'age -d -i FILE' accepts it too.

    Example:  sendvault keygen --out ~/.config/sendvault/identity
    """
    from .. import crypto

    path = out or common.default_identity_path()
    if path.exists():
        raise SendvaultError(f"{path} already exists; it is never overwritten", hint="choose another --out path")
    passphrase = None
    if not no_passphrase:
        passphrase = common.ask_secret("passphrase for the new identity: ")
        if len(passphrase) < 8:
            raise UsageError("the passphrase is too short (8 characters at least)")
        if common.ask_secret("the same passphrase again: ") != passphrase:
            raise UsageError("the two passphrases differ; nothing was written")
    if out is None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if passphrase and crypto.scrypt_log_n() < crypto.SCRYPT_LOG_N:
        output.info("warning: SENDVAULT_INSECURE_TEST_SCRYPT_LOGN lowers the passphrase's protection; for tests only")
    pair = crypto.generate()
    crypto.write_identity_file(path, pair, passphrase)
    output.info(f"wrote {'a passphrase-protected' if passphrase else 'an unprotected'} identity to {path}")
    output.out(pair.recipient)


@commands.command(rich_help_panel=common.TEAM)
def init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A new or empty directory for the vault.")],
    service: Annotated[str, typer.Option("--service", help="The service's name, e.g. 'Exampleshire SENDIASS'.")],
    officer: Annotated[str, typer.Option("--officer", help="Your name: the first officer, a manager.")],
    recipient: Annotated[str, typer.Option("--recipient", help="Your public key (age1...), from 'sendvault keygen'.")],
    policy_version: Annotated[
        str, typer.Option("--policy-version", help="The confidentiality policy's current version.")
    ] = "1",
    locality: Annotated[
        Optional[list[str]], typer.Option("--locality", help="A locality for statistics (repeat for each).")
    ] = None,
) -> None:
    """Create a new vault; the first officer is its manager.

    Example:  sendvault init ~/vault --service "Exampleshire SENDIASS" --officer "Ann Smith" --recipient age1...
    """
    from ..vault import Vault

    vault = Vault.create(path, service, officer, recipient, policy_version, locality or [])
    vault.officer = vault.officers[0]  # the vault key is in memory: record who created it
    vault.audit("init")
    output.info(f"created vault for {service} at {path}; {officer} is its manager")


@officer_app.command("add")
def officer_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The officer's name, as the team knows them.")],
    recipient: Annotated[str, typer.Argument(help="Their public key (age1...), from 'sendvault keygen'.")],
    role: Annotated[str, typer.Option("--role", help="officer or manager.")] = "officer",
) -> None:
    """Give an officer access to the vault (managers only).

    Example:  sendvault officer add "Bo Jones" age1... --role officer
    """
    if role not in ("officer", "manager"):
        raise UsageError("--role must be officer or manager")
    vault = ctx.obj.open()
    vault.add_officer(name, recipient, role)
    output.info(f"added {name} as {role}")


@officer_app.command("remove")
def officer_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The officer who is leaving.")],
) -> None:
    """Remove an officer (managers only) and rotate the vault key.

    Cases written from now on cannot be opened with the leaver's key. The team
    list keeps who left and when.

    Example:  sendvault officer remove "Bo Jones"
    """
    vault = ctx.obj.open()
    epoch = vault.remove_officer(name)
    output.info(f"removed {name}; the vault key was rotated (epoch {epoch})")


@officer_app.command("list")
def officer_list(ctx: typer.Context, json: common.JsonOpt = False) -> None:
    """List the team, past members included.

    Example:  sendvault officer list --json
    """
    vault = ctx.obj.open(unlock=False)
    rows = [
        {"name": o.name, "role": o.role, "added": o.added, "removed": o.removed, "recipient": o.recipient}
        for o in vault.officers
    ]
    if json:
        output.emit_json(rows)
        return
    from rich.table import Table

    table = Table("name", "role", "added", "left", title=f"{vault.config['service']}: officers")
    table.add_column("recipient", overflow="fold")
    for r in rows:
        table.add_row(r["name"], r["role"], r["added"], r["removed"] or "", r["recipient"])
    output.console().print(table)
