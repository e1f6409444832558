"""unlock and lock: the officer's identity held by an agent for a working session."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import common, output

commands = typer.Typer()


@commands.command(rich_help_panel=common.TEAM)
def unlock(
    ctx: typer.Context,
    timeout: Annotated[Optional[str], typer.Option("--timeout", metavar="DURATION",
                       help="Forget the key after this long without use: 30m (the default), 90s, 2h.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Unlock your identity once for a working session (as ssh-agent does): no passphrase per command.

    An agent process keeps your key in memory, reachable only by you, until it has
    not been used for --timeout, your login session ends, or 'sendvault lock'.
    Commands use it when it runs and ask your passphrase when it does not.
    Unattended jobs keep using a plain identity file (SENDVAULT_AGENT=off keeps a
    command to its identity file even when an agent runs).

    Example:  sendvault unlock --timeout 1h
    """
    from ..agent import keyholder as agent

    seconds = agent.parse_timeout(timeout) if timeout is not None else agent.DEFAULT_TIMEOUT
    running = agent.find()
    if running is not None and agent.alive(running):
        from ..basics.errors import SendvaultError

        raise SendvaultError("already unlocked (an agent is running)", hint="'sendvault lock' first to unlock with another key")
    path = ctx.obj.identity_path or common.default_identity_path()
    pairs = common.load_identity(path)
    status = agent.start([p.secret for p in pairs], seconds, agent.session_id(), agent.file_id(path))
    del pairs
    if json:
        output.emit_json(status)
        return
    memory = "locked in memory" if status["mlocked"] else "not locked in memory (the system's limit forbids it)"
    from ..basics.timefmt import duration_words

    output.info(f"unlocked until {duration_words(seconds)} without use" + (" or the end of this login session" if status["session"] else "")
                + f"; 'sendvault lock' forgets the key now (agent {status['pid']}, {memory})")


@commands.command(rich_help_panel=common.TEAM)
def lock() -> None:
    """Forget the unlocked key at once and stop the agent.

    Example:  sendvault lock
    """
    from ..agent import keyholder as agent

    running = agent.find()
    if running is None or not agent.alive(running):
        output.info("no agent running: nothing to forget")
        return
    running.lock()
    output.info("locked: the agent has forgotten your key")
