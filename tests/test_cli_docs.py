"""The CLI reference (docs/cli.md) is generated from --help and kept in step; every command has help.

As sqlite-utils does: a command without help text, or without an example, fails
here, and so does a docs/cli.md that no longer matches the code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sendvault.cli import clidoc

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"

# Collected from the live application, so a command added later is tested too.
ENTRIES = list(clidoc.walk())
COMMANDS = [e for e in ENTRIES if e.depth > 0]
LEAVES = [e for e in COMMANDS if not e.is_group]


def test_docs_cli_md_is_up_to_date():
    expected = clidoc.markdown()
    actual = CLI_MD.read_text(encoding="utf-8") if CLI_MD.exists() else ""
    assert actual == expected, "docs/cli.md does not match the commands' --help: run `make docs`"


def test_root_help_summaries_are_up_to_date():
    # ``sendvault --help`` prints these instead of importing every command module.
    expected = clidoc.summaries_source()
    actual = (ROOT / "sendvault" / "cli" / "summaries.py").read_text(encoding="utf-8")
    assert actual == expected, "sendvault/cli/summaries.py does not match the commands: run `make docs`"


def test_root_help_is_the_same_with_summaries_as_with_the_commands():
    # The stand-ins must not change a word of the help: rendered both ways at a fixed width.
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    fast = subprocess.run([sys.executable, "-m", "sendvault", "--help"], env=env, capture_output=True, text=True, check=True).stdout
    script = ("import importlib, sys; a = importlib.import_module('sendvault.cli.app'); "
              "a._Group.get_help = lambda self, ctx: a._Subgroup.get_help(self, ctx); "
              "sys.argv = ['sendvault', '--help']; a.main()")
    slow = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert "Case work" in fast and "retention" in fast
    assert fast == slow
    loaded = subprocess.run([sys.executable, "-X", "importtime", "-m", "sendvault", "--help"], env=env,
                            capture_output=True, text=True, check=True).stderr
    assert "sendvault.records.intake" not in loaded and "sendvault.cli.case_cmds" not in loaded


def test_the_tree_holds_the_contract_commands():
    paths = {e.path for e in ENTRIES}
    for path in ("sendvault", "sendvault keygen", "sendvault init", "sendvault verify",
                 "sendvault officer add", "sendvault officer remove", "sendvault officer list",
                 "sendvault audit show", "sendvault audit verify"):
        assert path in paths


@pytest.mark.parametrize("entry", COMMANDS, ids=[e.path for e in COMMANDS])
def test_every_command_has_help(entry):
    cmd = _command(entry.path)
    assert (cmd.help or "").strip(), f"'{entry.path}' has no help text: give it a docstring or help="
    assert entry.summary, f"'{entry.path}' has no one-line summary in 'sendvault --help'"


@pytest.mark.parametrize("entry", LEAVES, ids=[e.path for e in LEAVES])
def test_every_command_has_an_example(entry):
    assert "Example:" in entry.help, (
        f"the help of '{entry.path}' has no 'Example:' line; add one to its docstring, e.g.\n"
        f"    Example:  {entry.path} ..."
    )


def test_root_help_has_an_example():
    assert "Example:" in ENTRIES[0].help


def test_every_heading_is_listed_and_unique():
    text = clidoc.markdown()
    headings = [ln.lstrip("#").strip() for ln in text.splitlines() if re.match(r"#{2,6} sendvault", ln)]
    assert len(headings) == len(set(headings)) == len(ENTRIES)
    for e in COMMANDS:
        assert f"](#{clidoc._anchor(e.path)})" in text


def test_output_does_not_depend_on_the_terminal():
    """Rendered at a fixed width, whatever COLUMNS says, so the file is the same on every machine."""
    env = {**os.environ, "COLUMNS": "37", "LINES": "10", "TERM": "xterm-256color"}
    p = subprocess.run([sys.executable, "-m", "sendvault.cli.clidoc"], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout == clidoc.markdown()
    assert p.stderr == ""
    for e in ENTRIES:
        for line in e.help.splitlines():
            assert len(line) <= clidoc.WIDTH, f"{e.path}: a help line is wider than {clidoc.WIDTH} columns"


def _command(path: str):
    """The click command at ``path`` (e.g. 'sendvault officer add')."""
    import typer

    cmd = clidoc._root_command()
    ctx = typer.Context(cmd, info_name="sendvault")
    for name in path.split()[1:]:
        cmd = cmd.get_command(ctx, name)
        ctx = typer.Context(cmd, info_name=name, parent=ctx)
    return cmd


def test_the_generator_finds_nested_commands_and_missing_help():
    """A command added anywhere, however deep, is documented, and one without help is caught."""
    import typer

    app = typer.Typer(help="Top.\n\nExample:  top", rich_markup_mode="rich")
    inner = typer.Typer(help="A group.")
    deeper = typer.Typer(help="A deeper group.")
    app.add_typer(inner, name="group")
    inner.add_typer(deeper, name="deeper")

    @app.command()
    def first() -> None:
        """Has help.

        Example:  top first
        """

    @deeper.command()
    def bare() -> None:
        pass

    @inner.command(hidden=True)
    def secret() -> None:
        """Hidden commands stay out of the reference."""

    entries = {e.path: e for e in clidoc.walk(app)}
    assert list(entries) == ["sendvault", "sendvault first", "sendvault group", "sendvault group deeper",
                             "sendvault group deeper bare"]
    assert entries["sendvault group deeper bare"].is_group is False
    assert entries["sendvault group"].is_group is True
    assert "Example:" not in entries["sendvault group deeper bare"].help
    assert entries["sendvault group deeper bare"].summary == ""
    # Rich markup mode is rendered as plain text of the fixed width, not printed to the terminal.
    assert entries["sendvault first"].help.startswith("Usage: sendvault first")
    assert "\n#### sendvault group deeper bare\n" in clidoc.markdown(app)
