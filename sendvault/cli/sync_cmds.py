"""Sharing: one vault for the whole team, through a git server (see docs/sync.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import common, output

commands = typer.Typer()


@commands.command(rich_help_panel=common.TEAM)
def sync(
    ctx: typer.Context,
    remote: Annotated[
        Optional[str], typer.Option("--remote", help="Set the server's repository (ssh://... or a path) first.")
    ] = None,
) -> None:
    """Share this vault's changes with the team's server, and take theirs.

    Commits what changed here (the message holds case ids and your name only),
    fetches, merges, applies every destruction made elsewhere, and pushes. Case keys
    travel on a channel with no history. With the server unreachable, nothing is lost:
    the changes go at the next sync.

    Example:  sendvault sync
    """
    from .. import sync as core

    vault = ctx.obj.open()
    if remote:
        core.attach(vault.root, remote, vault.officer.name)
    result = core.sync(vault)
    for warning in result.warnings:
        output.info(f"warning: {warning}")
    for cid, reason in sorted(result.failed.items()):
        output.info(f"warning: case {cid}: destruction not applied: {reason}")
    parts = ["synchronised"]
    if result.keys_received:
        parts.append(f"{result.keys_received} case key(s) received")
    if result.destroyed:
        parts.append(f"{len(result.destroyed)} destroyed case(s) removed here: {', '.join(result.destroyed)}")
    output.info("; ".join(parts))


@commands.command(rich_help_panel=common.TEAM)
def clone(
    url: Annotated[str, typer.Argument(help="The server's repository (ssh://host/srv/vault.git, or a path).")],
    path: Annotated[Path, typer.Argument(help="A new or empty directory for this machine's copy.")],
) -> None:
    """Make this machine's copy of the team's shared vault, with its case keys.

    Example:  sendvault clone ssh://vault.example.org/srv/sendvault/vault.git ~/vault
    """
    from .. import sync as core

    keys = core.clone(url, path)
    output.info(f"cloned the vault to {path} ({keys} case key(s)); 'sendvault sync' keeps it current")


@commands.command("serve-init", rich_help_panel=common.TEAM)
def serve_init(
    path: Annotated[Path, typer.Argument(help="A new or empty directory on the server for the bare repository.")],
) -> None:
    """Set up the server's bare repository the way sharing needs it.

    main's history only grows; the key channel keeps one commit, and superseded
    keys are garbage-collected at once (docs/sync.md says exactly what is set).

    Example:  sendvault serve-init /srv/sendvault/vault.git
    """
    from .. import sync as core

    core.serve_init(path)
    output.info(f"made the bare repository {path} for sharing a vault")
