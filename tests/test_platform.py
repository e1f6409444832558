"""The platform package (sendvault/platform/): Linux's calls behind one interface, and a clear
refusal on a system with no implementation yet.

That no other module makes those calls is tests/test_architecture.py's
``test_linux_calls_only_in_platform``; each call's behaviour is tested where it matters (the lock in
test_concurrency and test_filesystems, the RAM directory in test_edit, the agent's socket in
test_agent, ...). A system without an implementation is played by setting ``sys.platform`` before
sendvault is imported, in a process of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, Env, Result, make_case, one_line_error, snapshot

PRETEND = """
import sys
sys.platform = {system!r}  # before sendvault is imported: the platform package chooses at import
sys.path.insert(0, {tests!r})
import hooks
from sendvault.cli import main
hooks.install()
sys.argv = ["sendvault", *sys.argv[1:]]
main()
"""


def run_as(system: str, env: Env, *args: str) -> Result:
    code = PRETEND.format(system=system, tests=str(ROOT / "tests"))
    p = subprocess.run([sys.executable, "-c", code, *args], env={**os.environ, **env.env()},
                       capture_output=True, text=True, timeout=120)
    return Result(p.returncode, p.stdout, p.stderr)


def test_on_a_system_without_an_implementation_a_command_refuses_in_one_line_and_writes_nothing(env: Env):
    cid = make_case(env)
    before = snapshot(env.vault)
    for system in ("darwin", "freebsd14"):  # (win32 cannot be played: the libraries load Windows modules)
        for args in (["show", cid], ["note", cid, "A note."], ["verify"]):
            p = run_as(system, env, *args)
            assert p.exit_code == 1, (system, args, p.stderr)
            assert "Traceback" not in p.stderr and not p.stdout.strip(), p.stderr
            line = one_line_error(p)
            assert line == f"sendvault: error: sendvault runs on Linux only for now (this system is {system})", line
            assert "docs/architecture.md" in p.stderr  # the hint says where a port is described
    assert snapshot(env.vault) == before


def test_on_a_system_without_an_implementation_help_still_works(env: Env):
    p = run_as("darwin", env, "note", "--help")
    assert p.exit_code == 0, p.stderr
    assert "Usage: sendvault note" in p.stdout


def test_the_same_commands_work_on_linux_through_the_same_launcher(env: Env):
    """The launcher above changes nothing but sys.platform: on linux it runs the commands."""
    cid = make_case(env)
    p = run_as(sys.platform, env, "note", cid, "A note.")
    assert p.exit_code == 0, p.stderr
    assert run_as(sys.platform, env, "verify").exit_code == 0
