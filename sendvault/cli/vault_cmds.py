"""Team and keys: an officer's identity, a new vault, who can open it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
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
    from ..store import crypto

    path = out or common.default_identity_path()
    if path.exists():
        raise SendvaultError(f"{path} already exists; it is never overwritten", hint="choose another --out path")
    passphrase = None
    if not no_passphrase:
        common.require_passphrase_terminal(
            "run keygen on a terminal, or use 'sendvault keygen --no-passphrase' for an unattended job's plain key")
        passphrase = _new_passphrase("passphrase for the new identity: ")
    if out is None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if passphrase and crypto.scrypt_log_n() < crypto.SCRYPT_LOG_N:
        output.info("warning: a test hook lowers the passphrase's protection; for tests only")
    pair = crypto.generate()
    crypto.write_identity_file(path, pair, passphrase)
    output.info(f"wrote {'a passphrase-protected' if passphrase else 'an unprotected'} identity to {path}")
    output.out(pair.recipient)


def _new_passphrase(first_prompt: str, tries: int = 3) -> str:
    """A new passphrase typed twice; too short (under 8) or the two differing, it is asked again, ``tries`` times in all."""
    problem = ""
    for attempt in range(tries):
        passphrase = common.ask_secret(first_prompt)
        if len(passphrase) < 8:
            problem = "the passphrase is too short (8 characters at least)"
        elif common.ask_secret("the same passphrase again: ") != passphrase:
            problem = "the two passphrases differ"
        else:
            return passphrase
        left = tries - attempt - 1
        if left:
            output.info(f"{problem}; try again ({left} more {'try' if left == 1 else 'tries'})")
    raise UsageError(f"gave up after {tries} tries: {problem}; nothing was written")


@commands.command(rich_help_panel=common.TEAM)
def passphrase(
    ctx: typer.Context,
    remove: Annotated[
        bool, typer.Option("--remove", help="Make the file plain, with no passphrase (for an unattended job's key); keep it 0600.")
    ] = False,
) -> None:
    """Change the passphrase of your identity file, or give a plain one a passphrase.

    Asks the current passphrase (if the file has one), then the new one twice. The
    file (--identity, or the default) is rewritten beside itself and renamed over the
    old one: the key, and so your recipient, stay the same. There is no recovery of a
    forgotten passphrase: make a new key with 'sendvault keygen' and ask a manager.

    Example:  sendvault --identity ~/.config/sendvault/identity passphrase
    """
    from ..store import crypto

    path = ctx.obj.identity_path or common.default_identity_path()
    if path.is_symlink():  # rewrite the file itself: replacing the link would leave the old file as it was
        path = path.resolve()
    if not remove:
        common.require_passphrase_terminal("run 'sendvault passphrase' on a terminal")
    protected = []

    def ask_current() -> str:
        protected.append(True)
        return common.ask_secret(f"current passphrase for {path}: ")

    pairs = crypto.load_identity_file(path, ask_current)
    if remove and not protected:
        output.info(f"{path} has no passphrase; nothing was changed")
        return
    new = None
    if not remove:
        new = _new_passphrase(f"new passphrase for {path}: ")
        if crypto.scrypt_log_n() < crypto.SCRYPT_LOG_N:
            output.info("warning: a test hook lowers the passphrase's protection; for tests only")
    crypto.replace_identity_file(path, pairs, new)
    if remove:
        output.info(f"warning: {path} now holds your key unprotected: anyone who can read it can open the vault; "
                    "keep it 0600, for an unattended job only")
    else:
        output.info(f"the passphrase of {path} was {'changed' if protected else 'set'}; your recipient is unchanged")


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
        Optional[list[str]], typer.Option("--locality", metavar="NAME", help="A locality for statistics (repeat for each).")
    ] = None,
    remote: Annotated[
        Optional[str], typer.Option("--remote", help="Share it through this git server repository (see 'sendvault serve-init').")
    ] = None,
) -> None:
    """Create a new vault; the first officer is its manager.

    With --remote, the vault is shared through that (empty) repository at once.

    Example:  sendvault init ~/vault --service "Exampleshire SENDIASS" --officer "Ann Smith" --recipient age1...
    """
    from ..store.vault import Vault

    vault = Vault.create(path, service, officer, recipient, policy_version, locality or [])
    output.info(f"created vault for {service} at {path}; {officer} is its manager")
    if remote:
        from ..sync import exchange as sync

        sync.attach(vault.root, remote)
        sync.sync(vault)
        output.info("shared it with the server; officers join with 'sendvault clone URL PATH'")


@commands.command("service-details", rich_help_panel=common.TEAM)
def service_details(
    ctx: typer.Context,
    phone: Annotated[Optional[str], typer.Option("--phone", metavar="NUMBER", help="The service's phone number, e.g. \"01632 960000\".")] = None,
    email: Annotated[Optional[str], typer.Option("--email", metavar="ADDRESS", help="The service's e-mail address.")] = None,
    address: Annotated[Optional[str], typer.Option("--address", metavar="LINES", help="The service's postal address, lines separated by commas, postcode last.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show or set how families and schools reach the service (setting: managers).

    The phone number, e-mail and postal address are printed on every document that
    leaves the service (a share, a subject-access copy). Give only what changes; the
    change is audited.

    Example:  sendvault service-details --phone "01632 960000" --email help@sendiass.example.org --address "12 High Street, Salisbury, SP1 2AB"
    """
    from ..records import casework

    given = casework.tidy_service_details(phone, email, address)  # a mistyped detail: refused before the passphrase
    vault = ctx.obj.open()
    if given:
        current = casework.set_service_details(vault, given)
        output.info(f"service details changed: {', '.join(k for k in ('phone', 'email', 'address') if k in given)}")
    else:
        current = casework.service_details(vault.config)
    if json:
        output.emit_json(current)
        return
    for key, label in (("phone", "phone"), ("email", "e-mail"), ("address", "address")):
        value = current.get(key)
        shown = ", ".join(value) if isinstance(value, list) else value
        output.out(f"{label + ':':<9}{shown or 'not set'}")
    if len(current) < 3:
        output.info("what is not set is missing from every share and subject-access copy; "
                    "a manager sets it with 'sendvault service-details'")


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
