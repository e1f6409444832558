"""Help and errors in an officer's words: no requirement codes in any help, unknown
commands answered with the nearest one, global options wherever they are typed."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from sendvault.cli import clidoc
from sendvault.cli import app

from conftest import Env, make_case, one_line_error

PATHS = [e.path.split()[1:] for e in clidoc.walk()]


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "sendvault" for p in PATHS])
def test_no_help_names_a_requirement_code(path):
    r = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "300", "NO_COLOR": "1"})
    assert r.exit_code == 0
    assert not re.search(r"\bR\d+\b", r.stdout), re.search(r".*\bR\d+\b.*", r.stdout)[0]


@pytest.mark.parametrize("typed, said", [
    (["shwo"], "no such command 'shwo'; did you mean 'show'?"),
    (["intak"], "no such command 'intak'; did you mean 'intake'?"),
    (["officer", "ad"], "no such command 'ad'; did you mean 'add'?"),
    (["frobnicate"], "no such command"),  # near no command: not repeated (it could be a name)
])
def test_an_unknown_command_is_named_and_the_nearest_suggested(env: Env, typed, said):
    r = env.cli(*typed)
    assert r.exit_code == 2
    assert one_line_error(r) == f"sendvault: error: {said}"


@pytest.mark.parametrize("typed", ["Jane", "jane", "smith", "jane smith", "2014-03-09", "K7M3-Q9P2", "jane@example.org",
                                   "averyveryverylongwordthatisnocommand"])
def test_what_is_not_a_command_word_is_not_echoed(env: Env, typed):
    r = env.cli(typed)
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: no such command"
    assert typed not in r.stderr


def test_vault_and_identity_are_accepted_after_the_command(env: Env):
    cid = make_case(env)
    env.extra_env["SENDVAULT_VAULT"] = str(env.tmp / "no-vault-here")
    env.extra_env["SENDVAULT_IDENTITY"] = str(env.tmp / "no-key-here")
    for args in (["show", cid, "--vault", str(env.vault), "--identity", str(env.key), "--json"],
                 ["show", cid, f"--vault={env.vault}", "--json", f"--identity={env.key}"],
                 ["--vault", str(env.vault), "show", cid, "--identity", str(env.key), "--json"]):
        r = env.cli(*args)
        assert r.exit_code == 0, (args, r.stderr)
        assert cid in r.stdout
    r = env.run("show", cid, "--vault", str(env.vault), "--identity", str(env.key), "--json")
    assert r.exit_code == 0, r.stderr
    assert cid in r.stdout
    r = env.run("officer", "list", "--vault", str(env.vault), "--identity", str(env.key))
    assert r.exit_code == 0, r.stderr


def test_a_global_option_without_its_value_is_refused(env: Env):
    r = env.cli("list", "--vault")
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: --vault needs a value"


def test_text_after_double_dash_is_left_alone(env: Env):
    from sendvault.cli.app import hoist_global_options

    assert hoist_global_options(["note", "X", "--", "--vault", "v"]) == ["note", "X", "--", "--vault", "v"]
    assert hoist_global_options(["show", "X", "--vault", "v"]) == ["--vault", "v", "show", "X"]
