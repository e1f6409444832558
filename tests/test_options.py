"""Issue 21.8: an option either acts or is refused.

The audit of every command's options for one accepted and then ignored in some combination found, besides
`report --extract --format/--json` (test_report_cli.py), `redact --yes` without `--out` (test_redact_cli.py) and
`share --password` beside `--type-password` (test_disclosure.py), the cases below. Each is refused in one line
before anything is done, or (where only the server's changes can tell) said after the sync.
"""

from __future__ import annotations

import pytest

from conftest import Env, make_case, one_line_error
from test_sync_merge import machines, ok, sync  # noqa: F401 - machines is a fixture

ELSEWHERE = {"--vault": "/nonexistent/vault", "--identity": "/nonexistent/officer.key"}


@pytest.mark.parametrize("command, option", [
    (("keygen", "--out", "{tmp}/k", "--no-passphrase"), "--vault"),
    (("keygen", "--out", "{tmp}/k", "--no-passphrase"), "--identity"),
    (("init", "{tmp}/v", "--service", "S", "--officer", "Ann", "--recipient", "{recipient}"), "--vault"),
    (("init", "{tmp}/v", "--service", "S", "--officer", "Ann", "--recipient", "{recipient}"), "--identity"),
    (("clone", "{tmp}/server.git", "{tmp}/copy"), "--vault"),
    (("clone", "{tmp}/server.git", "{tmp}/copy"), "--identity"),
    (("serve-init", "{tmp}/server.git"), "--vault"),
    (("serve-init", "{tmp}/server.git"), "--identity"),
    (("lock",), "--vault"),
    (("lock",), "--identity"),
    (("unlock",), "--vault"),
    (("passphrase",), "--vault"),
])
@pytest.mark.parametrize("where", ["before", "after", "joined"])
def test_a_global_option_a_command_does_not_use_is_refused(tmp_path, command, option, where):
    """`sendvault --vault V init PATH` made the vault at PATH; `--identity I keygen` wrote the default file, not I."""
    args = [a.format(tmp=tmp_path, recipient="age1" + "q" * 58) for a in command]
    given = [f"{option}={ELSEWHERE[option]}"] if where == "joined" else [option, ELSEWHERE[option]]
    r = Env(tmp_path, tmp_path / "v", tmp_path / "k", "").cli(*(given + args if where == "before" else args + given))
    assert f"does not use {option}" in one_line_error(r) and r.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing made


def test_the_environment_and_help_are_not_refused(tmp_path):
    """SENDVAULT_VAULT and SENDVAULT_IDENTITY are set for every command, so only the command line is refused; and
    help shows whatever else was typed."""
    env = Env(tmp_path, tmp_path / "elsewhere", tmp_path / "other.key", "")
    r = env.cli("keygen", "--out", str(tmp_path / "k"), "--no-passphrase")
    assert r.exit_code == 0, r.stderr
    r = env.cli("--vault", str(tmp_path), "keygen", "--help")
    assert r.exit_code == 0 and "--no-passphrase" in r.stdout


def test_retention_options_that_would_do_nothing_are_refused(env: Env):
    r = env.cli("retention", "rules", "--json", "set", "--birthday", "25")
    assert "--json" in one_line_error(r) and r.exit_code == 2
    assert env.cli("retention", "rules", "--json").exit_code == 0
    assert env.cli("retention", "rules").stdout == env.cli("retention", "rules").stdout  # nothing was set
    make_case(env)
    for extra in (("--yes",), ("--quiet",)):
        r = env.cli("retention", "purge", "--dry-run", *extra)
        assert extra[0] in one_line_error(r) and r.exit_code == 2
    assert env.cli("retention", "purge", "--dry-run").exit_code == 0


def test_sync_take_that_says_two_things_is_refused_and_a_resolve_with_nothing_to_settle_is_said(machines):  # noqa: F811
    a, b, _, _ = machines
    cid = make_case(a)
    sync(a), sync(b)
    for takes in (("mine", "theirs"), ("follow_up=mine", "follow_up=theirs")):
        r = b.cli("sync", "--resolve", cid, "--take", takes[0], "--take", takes[1])
        assert "both mine and theirs" in one_line_error(r) and r.exit_code == 2
    r = b.cli("sync", "--resolve", cid, "--take", "person.postcode=theirs")
    out = ok(r)
    assert f"warning: --resolve {cid}: nothing of that case waited for a choice" in out
    assert "warning: --take person.postcode=...: no field of that name waited" in out


def test_report_settings_cross_and_no_cross_together_are_refused(env: Env):
    """--no-cross silently won over --cross: the cross-tabulation asked for was dropped."""
    assert env.cli("report-settings", "--cross", "primary_need:age_band").exit_code == 0
    r = env.cli("report-settings", "--cross", "support_level:locality", "--no-cross")
    assert "--no-cross" in one_line_error(r) and r.exit_code == 2
    assert "cross-tabulation: primary_need by age_band" in env.cli("report-settings").stdout  # unchanged


def test_retention_locality_without_a_profile_to_keep_it_in_is_refused(env: Env):
    for flag in ("--locality", "--no-locality"):
        r = env.cli("retention", "rules", "set", "--birthday", "25", "--no-statistics", flag)
        assert flag in one_line_error(r) and r.exit_code == 2
    assert env.cli("retention", "rules", "set", "--birthday", "25", "--no-locality").exit_code == 0
    assert env.cli("retention", "rules", "--json").stdout.count('"statistics_locality": false') == 1
    assert env.cli("retention", "rules", "set", "--birthday", "25", "--no-statistics").exit_code == 0
