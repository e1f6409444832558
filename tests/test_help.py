"""``sendvault --help`` as an officer sees it: commands in panels, at the terminal's width, text as written.

And the parameter classes behind it (sendvault/cli/params.py): plain values need no
pydantic, so neither help nor a command loads it; anything else is Typer's to convert.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Optional

import pytest
import typer
from typer.testing import CliRunner

from sendvault.cli import clidoc
from sendvault.cli import app, common, params

from conftest import Env, make_case

PANELS = {
    common.CASE_WORK: ["intake", "show", "list", "find", "note", "edit", "close", "reopen"],
    common.RECORDS: ["hold", "release", "erase", "policy"],
    common.TEAM: ["keygen", "passphrase", "init", "service-details", "officer", "sync", "clone", "serve-init"],
    common.CHECKS: ["verify", "audit"],
}


def help_of(*args: str, columns: int = 100) -> typer.testing.Result:
    return CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"})


def test_root_help_lists_the_commands_panel_by_panel():
    r = help_of()
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    starts = {title: next(i for i, ln in enumerate(lines) if ln.startswith(f"╭─ {title} ")) for title in PANELS}
    assert list(starts) == sorted(starts, key=starts.get), "panels out of order"
    bounds = sorted(starts.values()) + [len(lines)]
    for title, names in PANELS.items():
        body = lines[starts[title]:bounds[bounds.index(starts[title]) + 1]]
        listed = [ln.split()[1] for ln in body[1:-1] if ln.startswith("│ ") and ln[2] != " "]
        assert [n for n in listed if n in names] == names, f"panel {title!r} lists {listed}"
    if not any(e.panel == common.CONSENT for e in clidoc.walk()):
        assert f"╭─ {common.CONSENT} " not in r.stdout, "an empty panel is not shown"


def test_every_command_sits_in_one_of_the_panels():
    top = [e for e in clidoc.walk() if e.depth == 1]
    assert {n for names in PANELS.values() for n in names} <= {e.path.split()[1] for e in top}
    for e in top:
        assert e.panel in common.PANELS, f"'{e.path}' has no help panel: @commands.command(rich_help_panel=common....)"


@pytest.mark.parametrize("columns", [60, 100, 140])
def test_help_uses_the_terminal_width(columns):
    lines = help_of(columns=columns).stdout.splitlines()
    assert max(len(ln) for ln in lines) == columns
    assert all(len(ln) <= columns for ln in lines)


def test_no_command_prints_help_on_stdout_and_exits_2():
    for args, usage in (([], "Usage: sendvault [OPTIONS]"), (["officer"], "Usage: sendvault officer"),
                        (["audit"], "Usage: sendvault audit")):
        r = CliRunner().invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert r.exit_code == 2, args
        assert usage in r.stdout and r.stderr == "", args
    assert common.CASE_WORK in CliRunner().invoke(app, []).stdout


@pytest.mark.parametrize("entry", [e for e in clidoc.walk()], ids=lambda e: e.path)
def test_help_shows_the_help_text_as_written(entry):
    """Rich help reads markup in help text: none may lose a [bracketed] word or an :emoji: code."""
    r = help_of(*entry.path.split()[1:], columns=200)
    assert r.exit_code == 0
    shown = set(r.stdout.replace("│", " ").split())
    command = typer.main.get_command(app)
    ctx = typer.Context(command, info_name="sendvault")
    for name in entry.path.split()[1:]:
        command = command.get_command(ctx, name)
        ctx = typer.Context(command, info_name=name, parent=ctx)
    missing = [w for w in (command.help or "").split() if w not in shown]
    assert not missing, f"'{entry.path} --help' does not show {missing}"


@pytest.mark.parametrize("entry", [e for e in clidoc.walk()], ids=lambda e: e.path)
def test_help_cuts_nothing_at_80_columns(entry):
    """An option's name or a word of help ended in '…' is lost to the officer reading it."""
    r = help_of(*entry.path.split()[1:], columns=80)
    assert r.exit_code == 0
    assert "…" not in r.stdout, f"'{entry.path} --help' cuts text at 80 columns"
    assert "list[" not in r.stdout, f"'{entry.path} --help' shows a Python type as a value's name"


def test_help_and_commands_run_without_pydantic(env: Env, tmp_path):
    """Start-up: loading pydantic costs ~60 ms of every command; plain options need none of it."""
    cid = make_case(env)
    runs = [["--help"], [], ["officer"], ["show", cid, "--json"], ["list", "--status", "open", "--names"],
            ["find", "ex"], ["note", cid, "a note"], ["policy", "told", cid, "--no-copy"],
            ["audit", "show", "--case", cid], ["keygen", "--out", str(tmp_path / "k2"), "--no-passphrase"],
            ["show", "not-an-id"], ["list", "--bogus"]]
    code = (
        "import sys\n"
        "from sendvault.cli import app\n"
        "from typer.main import get_command\n"
        f"for args in {runs!r}:\n"
        "    try:\n        get_command(app).main(args=args, standalone_mode=True)\n"
        "    except SystemExit as exc:\n        print('exit', args[:1], exc.code, file=sys.stderr)\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env.env()},
                       capture_output=True, text=True, timeout=120)
    lines = p.stderr.strip().splitlines()
    assert lines[-1] == "False", p.stderr
    assert [ln.split()[-1] for ln in lines if ln.startswith("exit")] == ["0", "2", "2", "0", "0", "0", "0", "0", "0", "0", "2", "2"]


# --- the parameter classes -------------------------------------------------------------


def _command(fn):
    t = typer.Typer()
    t.command()(fn)
    t.command("other")(lambda: None)  # two commands: a group, as sendvault is
    group = typer.main.get_command(t)
    return group.commands[fn.__name__.replace("_", "-")]


def test_plain_values_are_converted_as_typer_would():
    seen: list[dict] = []

    def run(
        name: str,
        where: Annotated[Optional[Path], typer.Option()] = None,
        tags: Annotated[Optional[list[str]], typer.Option("--tag")] = None,
        flag: bool = False,
    ):
        seen.append(dict(name=name, where=where, tags=tags, flag=flag))

    plain, typers = _command(run), _command(run)
    assert all(type(p).__name__.startswith("Plain") for p in params.plain(plain.params))
    for args in (["x", "--where", "a/b", "--tag", "t1", "--tag", "t2", "--flag"], ["y"]):
        plain.main(args, standalone_mode=False)
        typers.main(args, standalone_mode=False)
        assert seen[-2] == seen[-1], args
    assert seen[0] == {"name": "x", "where": Path("a/b"), "tags": ["t1", "t2"], "flag": True}


def test_anything_else_is_left_to_typer():
    def run(
        count: int = 1,
        upper: Annotated[str, typer.Option(parser=str.upper)] = "a",
        loud: Annotated[bool, typer.Option(envvar="TEST_SENDVAULT_LOUD")] = False,
    ):
        seen.update(count=count, upper=upper, loud=loud)

    seen: dict = {}
    cmd = _command(run)
    by_name = {p.name: p for p in params.plain(cmd.params)}
    assert params.plain_converter(by_name["count"]) is None
    assert params.plain_converter(by_name["upper"]) is None
    cmd.main(["--count", "3", "--upper", "b"], standalone_mode=False)
    assert seen["count"] == 3 and seen["upper"] == "B"
    os.environ["TEST_SENDVAULT_LOUD"] = "no"
    try:
        cmd.main([], standalone_mode=False)
    finally:
        del os.environ["TEST_SENDVAULT_LOUD"]
    assert seen["loud"] is False, "a flag's text value is parsed by Typer (bool('no') would be True)"
