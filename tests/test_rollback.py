"""Rollback (issue 14): a vault.toml or an audit chain put back to an older, consistent copy
(its seal and hashes hold) is detected on a device that has seen the newer one, through the
high-water marks each device keeps in local/highwater. What stays undetectable is listed in
docs/reliability.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import Env, make_case, one_line_error


def test_vault_toml_rolled_back_past_an_officer_added_is_refused(env: Env, tmp_path: Path):
    old = (env.vault / "vault.toml").read_bytes()
    assert env.cli("list").exit_code == 0  # this device sees the first team
    env.new_officer("Bo")
    new = (env.vault / "vault.toml").read_bytes()
    (env.vault / "vault.toml").write_bytes(old)
    line = one_line_error(env.cli("list"))
    assert "rolled back" in line and "vault.toml" in line
    (env.vault / "vault.toml").write_bytes(new)  # the newest copy restored: all is well again
    assert env.cli("list").exit_code == 0


def test_vault_toml_rolled_back_past_a_key_rotation_readmits_no_leaver(env: Env, tmp_path: Path):
    """The dangerous one: the copy from before Bo left names him as an officer and uses the old key."""
    bo = env.new_officer("Bo")
    cid = make_case(env)
    before_removal = (env.vault / "vault.toml").read_bytes()
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    (env.vault / "vault.toml").write_bytes(before_removal)
    for who in (None, bo):
        r = env.cli("note", cid, "written after the rollback", identity=who)
        assert r.exit_code != 0
        if who is None:  # Ann: the device remembers the rotation
            assert "rolled back" in one_line_error(r), r.stderr
        else:  # Bo, named again by the old copy: the vault key he could open was rewrapped without him
            assert r.exit_code == 3 and "no key of yours opens this vault" in one_line_error(r), r.stderr
    assert "written after the rollback" not in (env.vault / "cases" / f"{cid}.age").read_bytes().decode(errors="replace")


def test_audit_chain_rolled_back_is_refused_before_a_change_and_reported_by_audit_verify(env: Env, tmp_path: Path):
    cid = make_case(env)
    saved = tmp_path / "audit-copy"
    shutil.copytree(env.vault / "audit", saved)
    assert env.cli("note", cid, "a note whose audit entry is then rolled back").exit_code == 0
    shutil.rmtree(env.vault / "audit")
    shutil.copytree(saved, env.vault / "audit")
    r = env.cli("audit", "verify")
    assert r.exit_code == 4 and "rolled back" in r.stderr, r.stderr
    line = one_line_error(env.cli("note", cid, "another"))
    assert "rolled back" in line and "nothing was changed" in line


def test_another_devices_chain_rolled_back_is_reported_on_a_device_that_saw_it(env: Env, tmp_path: Path):
    """Across machines: each device's chain travels (by sync or a copied folder); a device that has
    verified the newer chain of another reports it rolled back, though it never wrote it."""
    cid = make_case(env)
    here = (env.vault / "local" / "device").read_text()
    (env.vault / "local" / "device").write_text("ab" * 8 + "\n")  # acting as another machine
    assert env.cli("note", cid, "from the other machine").exit_code == 0
    other = [p for p in (env.vault / "audit").iterdir() if p.name.startswith("ab" * 8)]
    saved = {p.name: p.read_bytes() for p in other}
    assert env.cli("note", cid, "and again").exit_code == 0
    (env.vault / "local" / "device").write_text(here)
    marks = json.loads((env.vault / "local" / "highwater").read_text())
    marks["audit"].pop("ab" * 8)  # this machine has not seen the other's chain yet
    (env.vault / "local" / "highwater").write_text(json.dumps(marks))
    assert env.cli("audit", "verify").exit_code == 0  # now it has
    for name, data in saved.items():
        (env.vault / "audit" / name).write_bytes(data)
    r = env.cli("audit", "verify")
    assert r.exit_code == 4 and "rolled back" in r.stderr, r.stderr


def test_a_new_device_trusts_what_it_first_sees(env: Env, tmp_path: Path):
    """The limit: a device with no marks (a fresh clone, local/ lost) cannot tell an old copy."""
    old = (env.vault / "vault.toml").read_bytes()
    env.new_officer("Bo")
    (env.vault / "vault.toml").write_bytes(old)
    (env.vault / "local" / "highwater").unlink()
    assert env.cli("list").exit_code == 0
    assert "Bo" not in env.cli("officer", "list").stdout


def test_the_marks_are_never_synchronised(env: Env):
    """They live under local/, which git never sees: each machine's memory is its own."""
    assert (env.vault / "local" / "highwater").is_file()
    assert "/local/" in (env.vault / ".gitignore").read_text()
    # As git itself reads the vault's .gitignore (sync commits with git add): every mark is ignored.
    subprocess.run(["git", "init", "-q", str(env.vault)], check=True)
    marks = [str(p.relative_to(env.vault)) for p in (env.vault / "local").rglob("*") if p.is_file()]
    assert "local/highwater" in marks
    p = subprocess.run(["git", "-C", str(env.vault), "-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index", *marks],
                       capture_output=True, text=True)
    assert sorted(p.stdout.split()) == sorted(marks), p.stderr
