"""The Typer application, its global options, and the one place errors are printed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from ..errors import SendvaultError, VerifyFailed
from . import output


def _usage_message(message: str) -> str:
    """Click's usage error, without the words the user typed (they may be a name or a note)."""
    import re

    message = message.rstrip(".")
    if message.startswith("Got unexpected extra argument"):
        return "too many arguments"
    if message.startswith("No such command"):
        return "no such command"
    # Parameter names are ours and safe to repeat; other quoted words, and anything in
    # brackets, were typed.
    def keep(m: re.Match) -> str:
        word = m.group(0).strip("'\"")
        return m.group(0) if re.fullmatch(r"-{0,2}[a-z][a-z0-9_-]*", word) else "(a value)"

    return re.sub(r"'[^']*'|\"[^\"]*\"", keep, re.sub(r"\s*\([^)]*\)", "", message))


class _Group(TyperGroup):
    """Turns every failure into one line and an exit code, whoever invokes us."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from typer._click import exceptions as click_exc

        try:
            rv = super().main(
                args=args, prog_name=prog_name or "sendvault", complete_var=complete_var, standalone_mode=False, **extra
            )
        except VerifyFailed as exc:
            output.error(exc.message)
            output.problem_list(exc.problems)
            sys.exit(exc.exit_code)
        except SendvaultError as exc:
            output.error(exc.message, exc.hint)
            sys.exit(exc.exit_code)
        except click_exc.NoArgsIsHelpError as exc:
            output.out(exc.ctx.get_help() if exc.ctx else "")
            sys.exit(2)
        except click_exc.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "sendvault"
            message, hint = _usage_message(exc.format_message()), f"see '{command} --help'"
            if message.startswith("too many arguments"):
                hint = "quote text with spaces, e.g. sendvault note ID \"...\", or give it on standard input with -"
            output.error(message, hint)
            sys.exit(2)
        except click_exc.ClickException as exc:
            output.error(exc.format_message())
            sys.exit(exc.exit_code)
        except (typer.Abort, EOFError):
            output.error("interrupted; nothing was written")
            sys.exit(1)
        except typer.Exit as exc:
            if exc.exit_code == 130:
                output.error("interrupted; nothing was written")
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            output.error("interrupted; nothing was written")
            sys.exit(130)
        except Exception as exc:  # a bug: say so in one line, never with data or locals
            if os.environ.get("SENDVAULT_DEBUG") == "1":
                raise
            output.error(
                f"internal error ({type(exc).__name__}); nothing further is shown, to keep case data private",
                "run again with SENDVAULT_DEBUG=1 on a test vault to see where it failed",
            )
            sys.exit(1)
        if rv == 130:  # Typer's form of Ctrl-C when not standalone
            output.error("interrupted; nothing was written")
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


def _light_coercion() -> None:
    """Coerce our plain str/Path/list options without Typer's pydantic adapters.

    Typer 0.29 builds a pydantic TypeAdapter for every parameter it parses, and
    importing pydantic is ~60 ms: a third of ``sendvault show``'s start-up (an officer
    on the phone waits for it). Our parameters are only str, Path, bool and lists of
    str, which need no validation beyond what click's parser does. Anything else, or
    a Typer whose internals differ, keeps Typer's own path.
    """
    try:
        import typing
        from dataclasses import dataclass

        from typer import core as tcore
        from typer._coercion import RuntimeParam

        original = tcore._TyperParameter.get_runtime_param
    except (ImportError, AttributeError):
        return
    simple = {str: str, Path: Path, bool: bool}

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        parameter_info: object
        annotation: object
        convert: object

        def _coerce_value(self, value, param, ctx):
            if isinstance(value, (list, tuple)):
                return [self.convert(v) for v in value]
            return self.convert(value)

    def base_type(annotation):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) is typing.Union and len(args) == 1:
            annotation = args[0]
        if typing.get_origin(annotation) is list:
            annotation = typing.get_args(annotation)[0]
        return annotation

    def get_runtime_param(self):
        if self._runtime_param is None:
            desc = self.type_descriptor
            convert = simple.get(base_type(desc.annotation))
            if convert is not None and desc.file_annotation is None:
                self._runtime_param = _Plain(desc.parameter_info, desc.annotation, convert)
        return original(self)

    tcore._TyperParameter.get_runtime_param = get_runtime_param


_light_coercion()

app = typer.Typer(
    cls=_Group,
    name="sendvault",
    help="Confidential case records for a SEND Information, Advice and Support Service.\n\n"
    "Each case is an age-encrypted file in a vault only the service's officers can open.\n\n"
    "Example:  sendvault --vault ~/vault show K7M3-Q9P2",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """The global options, passed to every command through the context."""

    def __init__(self, vault: Optional[Path], identity: Optional[Path]):
        self.vault_path = vault
        self.identity_path = identity

    def open(self, unlock: bool = True):
        """The vault, unlocked with the caller's identity unless ``unlock`` is false."""
        from ..vault import Vault

        if self.vault_path is None:
            raise SendvaultError("no vault given", hint="pass --vault PATH or set SENDVAULT_VAULT")
        vault = Vault.open(self.vault_path)
        if unlock:
            vault.unlock(load_identity(self.identity_path))
        return vault


def default_identity_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sendvault" / "identity"


def load_identity(path: Optional[Path]):
    from .. import crypto

    path = path or default_identity_path()
    return crypto.load_identity_file(path, lambda: ask_secret(f"passphrase for {path}: "))


def ask_secret(prompt: str) -> str:
    """Read a passphrase from the terminal itself, never from an argument or a pipe."""
    import getpass

    try:
        os.close(os.open("/dev/tty", os.O_RDWR))  # getpass falls back to stdin without one: refuse instead
    except OSError:
        raise SendvaultError(
            "a passphrase is needed but there is no terminal to ask it on",
            hint="unattended jobs (cron) use an identity made with 'sendvault keygen --no-passphrase'",
        ) from None
    return getpass.getpass(prompt)


@app.callback()
def _global(
    ctx: typer.Context,
    vault: Annotated[
        Optional[Path], typer.Option("--vault", envvar="SENDVAULT_VAULT", help="The vault directory.", show_envvar=True)
    ] = None,
    identity: Annotated[
        Optional[Path],
        typer.Option(
            "--identity",
            envvar="SENDVAULT_IDENTITY",
            help="Your age identity file (default: ~/.config/sendvault/identity).",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    ctx.obj = State(vault, identity)


def main() -> None:
    app()


# Commands register themselves on ``app`` when their modules are imported.
from . import case_cmds, intake_cmd, vault_cmds  # noqa: E402,F401
from . import caseload_cmds  # noqa: E402
app.add_typer(caseload_cmds.commands)
