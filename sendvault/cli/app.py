"""The top-level ``sendvault`` command: global options, the command modules, and the one place errors are printed.

Imports run one way: this module imports the command modules, which import
``common`` and ``output`` and nothing else of the CLI. Nothing but
``cli/__init__.py`` (and tests) imports this module.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from ..basics.errors import SendvaultError, UsageError, VerifyFailed
from . import common, output, params, process, summaries

# Every command module, in the order ``sendvault --help`` lists their panels and commands.
COMMAND_MODULES = ("intake_cmd", "case_cmds", "people_cmds", "document_cmds", "caseload_cmds", "consent_cmds", "disclosure_cmds", "sar_cmds", "redact_cmds",
                   "records_cmds", "paper_cmds", "import_cmd", "export_cmd", "report_cmds", "categories_cmds", "retention_cmds", "vault_cmds", "sync_cmds", "agent_cmds", "check_cmds")
# Which module defines each top-level command: a command imports only its own module
# (and what that uses), so ``show`` never loads the PDF, solver or report code.
# tests/test_architecture.py checks this against the modules themselves.
COMMANDS = {
    "intake": "intake_cmd",
    "show": "case_cmds", "list": "case_cmds", "find": "case_cmds", "note": "case_cmds", "edit": "case_cmds",
    "close": "case_cmds", "reopen": "case_cmds",
    "person": "people_cmds",
    "attach": "document_cmds", "documents": "document_cmds", "open": "document_cmds", "detach": "document_cmds",
    "documents-settings": "document_cmds",
    "assign": "caseload_cmds", "follow-up": "caseload_cmds", "today": "caseload_cmds",
    "consent": "consent_cmds",
    "share": "disclosure_cmds", "breach": "disclosure_cmds",
    "sar": "sar_cmds", "sar-settings": "sar_cmds",
    "redact": "redact_cmds",
    "paper": "paper_cmds",
    "hold": "records_cmds", "release": "records_cmds", "erase": "records_cmds", "policy": "records_cmds",
    "report": "report_cmds", "report-settings": "report_cmds",
    "categories": "categories_cmds", "level": "categories_cmds",
    "retention": "retention_cmds",
    "keygen": "vault_cmds", "passphrase": "vault_cmds", "init": "vault_cmds", "officer": "vault_cmds",
    "service-details": "vault_cmds",
    "sync": "sync_cmds", "clone": "sync_cmds", "serve-init": "sync_cmds",
    "unlock": "agent_cmds", "lock": "agent_cmds",
    "verify": "check_cmds", "audit": "check_cmds",
    "import": "import_cmd", "export": "export_cmd",
}


def command_module(name: str):
    """The command module ``name`` (one of ``COMMAND_MODULES``), imported."""
    return importlib.import_module(f"{__package__}.{name}")


class _LazyCommands(dict):
    """The root's commands: a module is imported, and its commands built, when one of them is wanted.

    Listing them (``--help``, a mistyped command's suggestions) loads every module,
    in ``COMMAND_MODULES`` order.
    """

    def __init__(self) -> None:
        super().__init__()
        self._loaded: set[str] = set()

    def _load(self, module_name: str) -> None:
        if module_name not in self._loaded:
            self._loaded.add(module_name)
            module = command_module(module_name)
            for name, cmd in typer.main.get_group(module.commands).commands.items():
                _adapt_command(cmd)
                cmd.default_command = getattr(module, "DEFAULT_SUBCOMMANDS", {}).get(name)
                dict.__setitem__(self, name, cmd)

    def _load_all(self) -> None:
        if len(self._loaded) < len(COMMAND_MODULES):
            for module_name in COMMAND_MODULES:
                self._load(module_name)
            ordered = sorted(dict.items(self), key=lambda item: COMMAND_MODULES.index(COMMANDS.get(item[0], COMMAND_MODULES[-1])))
            dict.clear(self)
            dict.update(self, ordered)

    def _one(self, name) -> None:
        if name in COMMANDS:
            self._load(COMMANDS[name])
        else:
            self._load_all()

    def get(self, name, default=None):
        self._one(name)
        return dict.get(self, name, default)

    def __getitem__(self, name):
        self._one(name)
        return dict.__getitem__(self, name)

    def __contains__(self, name) -> bool:
        self._one(name)
        return dict.__contains__(self, name)

    def __iter__(self):
        self._load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._load_all()
        return dict.__len__(self)

    def keys(self):
        self._load_all()
        return dict.keys(self)

    def values(self):
        self._load_all()
        return dict.values(self)

    def items(self):
        self._load_all()
        return dict.items(self)


def _usage_message(message: str) -> str:
    """Click's usage error, without the words the user typed (they may be a name or a note)."""
    message = message.rstrip(".")
    if message.startswith("Got unexpected extra argument"):
        return "too many arguments"
    if message.startswith("No such command"):
        return _no_such_command(message)
    # Parameter names are ours and safe to repeat; other quoted words, and anything in
    # brackets, were typed.
    def keep(m: re.Match) -> str:
        word = m.group(0).strip("'\"")
        return m.group(0) if re.fullmatch(r"-{0,2}[a-z][a-z0-9_-]*", word) else "(a value)"

    return re.sub(r"'[^']*'|\"[^\"]*\"", keep, re.sub(r"\s*\([^)]*\)", "", message))


# A typed word that is echoed back: short, lowercase letters and hyphens (a command word,
# not a name, a date or a case id).
_COMMAND_WORD = re.compile(r"[a-z][a-z-]{0,19}")


def _no_such_command(message: str) -> str:
    """'no such command 'shwo'; did you mean 'show'?', from Typer's message; what was typed only if it looks like a command word."""
    typed, _, suggested = message.removeprefix("No such command ").partition(". Did you mean ")
    word = typed.strip().strip("'\"")
    names = re.findall(r"'([a-z][a-z-]*)'", suggested)  # Typer's suggestions are our own command names
    # The typed word is repeated only when it is a near miss of a command: a word
    # near no command ('jane') may be a name typed in the wrong place.
    if names and _COMMAND_WORD.fullmatch(word) and typed.strip()[1:-1] == word:
        return f"no such command '{word}'; did you mean '{names[0]}'?"
    return f"no such command; did you mean '{names[0]}'?" if names else "no such command"


# Global options that may also be given after the command: ``sendvault show ID --vault V``.
GLOBAL_OPTIONS = ("--vault", "--identity")
GLOBAL_FLAGS = ("--debug",)


def hoist_global_options(args: list[str]) -> list[str]:
    """``args`` with every ``--vault V`` and ``--identity I`` (or ``--vault=V``) moved before the command.

    Click reads a group's options only before its command; officers put them where
    they remember them. Nothing after ``--`` is moved, and an option without its
    value is refused.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in GLOBAL_FLAGS:
            front.append(arg)
            i += 1
            continue
        if arg in GLOBAL_OPTIONS:
            if i + 1 == len(args) or args[i + 1].startswith("-"):
                raise UsageError(f"{arg} needs a value", hint=f"e.g. {arg} {'~/vault' if arg == '--vault' else '~/officer.key'}")
            front += args[i:i + 2]
            i += 2
            continue
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def refuse_unused_globals(args: list[str]) -> None:
    """Refuse a global option (``hoist_global_options``'s result) that the command after it does not use."""
    given, i = set(), 0
    while i < len(args) and args[i] != "--":
        name = args[i].split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            given.add(name)
            i += 1 if "=" in args[i] else 2
        elif name in GLOBAL_FLAGS:
            i += 1
        else:
            break
    rest = args[i:]
    rest = rest[:rest.index("--")] if "--" in rest else rest
    if not rest or "--help" in rest or "-h" in rest:  # help is shown whatever else was typed
        return
    for option in common.UNUSED_GLOBALS.get(rest[0], ()):
        if option in given:
            raise UsageError(f"'{rest[0]}' does not use {option}: leave it out",
                             hint="it opens no vault" if option == "--vault" else "it reads no identity file of yours")


class _HelpWanted(Exception):
    """A group was given no command: its help goes to stdout, and the exit code is 2."""

    def __init__(self, ctx: typer.Context):
        super().__init__()
        self.ctx = ctx


class _Command(TyperCommand):
    """A command of sendvault's: its options are converted without pydantic (``params``)."""

    def get_params(self, ctx):
        return params.plain(super().get_params(ctx))


class _Subgroup(TyperGroup):
    """A group of commands (``officer``, ``audit``): given nothing, it shows its help through ``_Group``.

    A group with a ``default_command`` (set from its module's ``DEFAULT_SUBCOMMANDS``) runs
    that command when its first word is not one of its commands: ``sar ID`` is ``sar copy ID``.
    """

    default_command: str | None = None

    def get_params(self, ctx):
        return params.plain(super().get_params(ctx))

    def resolve_command(self, ctx, args):
        if self.default_command and args and not args[0].startswith("-") and args[0] not in self.commands:
            return self.default_command, self.commands[self.default_command], args
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx, args):
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            raise _HelpWanted(ctx)
        return super().parse_args(ctx, args)

    def format_commands(self, ctx, formatter) -> None:
        """Plain help (docs/cli.md) lists the commands panel by panel too, as rich help does."""
        rows = [(name, cmd) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if not rows:
            return
        width = max(len(name) for name, _ in rows)
        panels: dict[str | None, list[tuple[str, str]]] = {}
        for name, cmd in rows:
            summary = cmd.get_short_help_str(formatter.width - 6 - width)
            panel = getattr(cmd, "rich_help_panel", None)
            panel = panel if isinstance(panel, str) else None  # Typer leaves a placeholder where none was given
            panels.setdefault(panel, []).append((name.ljust(width), summary))
        for panel in sorted(panels, key=lambda p: p is not None):  # commands without a panel first, as rich help
            with formatter.section(panel or "Commands"):
                formatter.write_dl(panels[panel])


class _Group(_Subgroup):
    """Turns every failure into one line and an exit code, whoever invokes us.

    Its commands are built from their modules as they are wanted (``_LazyCommands``),
    each command made a ``_Command`` and each group a ``_Subgroup`` (classes that
    add behaviour to Typer's, and no state).
    """

    def __init__(self, **attrs):
        super().__init__(**attrs)
        self.commands = _LazyCommands()
        self._summaries_only = False

    def get_help(self, ctx):
        # ``sendvault --help`` lists each command's panel and first paragraph: taken from
        # ``summaries`` (generated, checked by tests/test_cli_docs.py) instead of importing
        # every command module and the core behind them, which doubled its start-up.
        self._summaries_only = True
        try:
            return super().get_help(ctx)
        finally:
            self._summaries_only = False

    def get_command(self, ctx, cmd_name):
        if self._summaries_only and cmd_name in summaries.SUMMARIES:
            panel, text = summaries.SUMMARIES[cmd_name]
            return TyperCommand(cmd_name, help=text, rich_help_panel=panel)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        if self._summaries_only:
            return list(summaries.SUMMARIES)
        return super().list_commands(ctx)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        process.harden()
        debug = False
        try:
            args = hoist_global_options(list(sys.argv[1:] if args is None else args))
            refuse_unused_globals(args)
            debug = "--debug" in args[:args.index("--")] if "--" in args else "--debug" in args
            process.check_arguments(args)
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
        except _HelpWanted as exc:
            text = exc.ctx.get_help()  # rich help prints itself and returns ""
            if text:
                output.out(text)
            sys.exit(2)
        except typer.TyperException as exc:  # click's errors: Typer exports their base class, not each one
            if exc.exit_code != 2:
                output.error(exc.format_message())
                sys.exit(exc.exit_code)
            ctx = getattr(exc, "ctx", None)  # a usage error (exit 2) carries its context
            command = ctx.command_path if ctx else "sendvault"
            message, hint = _usage_message(exc.format_message()), f"see '{command} --help'"
            if message.startswith("too many arguments"):
                hint = (f"quote a value with spaces in it, such as a case id typed \"d8ww v6ax\"; see '{command} --help'"
                        if not command.endswith(" note") else
                        "quote text with spaces, e.g. sendvault note ID \"...\", or give it on standard input with -")
            output.error(message, hint)
            sys.exit(2)
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
        except BrokenPipeError:  # the reader went away (| head): what it wanted it has
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            sys.exit(141)
        except OSError as exc:  # the system refused (a full disk, a read-only file): its reason, never a path
            if debug:  # frames and messages only, as below
                traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            output.error(f"the system refused an operation ({exc.strerror or type(exc).__name__})",
                         "check the disk and the permissions, then run 'sendvault verify'")
            sys.exit(1)
        except Exception as exc:  # a bug: say so in one line, never with data or locals
            if debug:
                # Where it failed, for a developer on a test vault: frames and messages, never
                # local variables (they hold decrypted records).
                traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            output.error(
                f"internal error ({type(exc).__name__}); nothing further is shown, to keep case data private",
                None if debug else "run again with --debug on a test vault to see where it failed",
            )
            sys.exit(1)
        if rv == 130:  # Typer's form of Ctrl-C when not standalone
            output.error("interrupted; nothing was written")
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


def _reflow(help_text: str | None) -> str | None:
    """A docstring's paragraphs as single lines, for rich to wrap at the terminal's width.

    Typer's rich help keeps every line break, so a docstring line a little longer than
    the terminal broke into a ragged pair. Examples, indented lines and list items
    keep their own lines.
    """
    if not help_text:
        return help_text
    paragraphs = []
    for paragraph in inspect.cleandoc(help_text).split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and line and not (line.startswith(("Example", " ", "- ", "* ", "\b")) or line[0].isdigit()):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _adapt_command(cmd) -> None:
    cmd.help = _reflow(cmd.help)
    if type(cmd) is TyperCommand:
        cmd.__class__ = _Command
    elif type(cmd) is TyperGroup:
        cmd.__class__ = _Subgroup
        for sub in cmd.commands.values():
            _adapt_command(sub)


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
    # Rich help, for its panels. Help text is ours; data never passes through Typer
    # (output.py prints it, with rich markup off).
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version  # only when asked: it costs start-up

        try:
            number = version("sendvault")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown (not installed)"
        output.out(f"sendvault {number}")
        raise typer.Exit(0)


@app.callback()
def _global(
    ctx: typer.Context,
    vault: Annotated[
        Optional[Path], typer.Option("--vault", envvar="SENDVAULT_VAULT", help="The vault directory (before or after the command).", show_envvar=True)
    ] = None,
    identity: Annotated[
        Optional[Path],
        typer.Option(
            "--identity",
            envvar="SENDVAULT_IDENTITY",
            help="Your age identity file (default: ~/.config/sendvault/identity; before or after the command).",
            show_envvar=True,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show where it failed (never the values it held); for a test vault.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print sendvault's version and exit.")
    ] = False,
) -> None:
    ctx.obj = common.State(vault, identity)


def main() -> None:
    app()
