"""Crypto-shredding: once a case is destroyed, earlier copies of its file are unreadable,
to every officer, through sendvault and through the reference age CLI alike.

The case is destroyed with `sendvault erase ID --yes`; everything observed goes
through the command line or /usr/bin/age.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import (
    AGE,
    OTHER_CASE,
    Env,
    age_decrypt,
    case_file,
    case_key_files,
    make_case,
    one_line_error,
    show,
)


def _destroy(env: Env, cid: str) -> None:
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def shredded(env: Env):
    """Two epochs (an officer left), a case of each, and a backup of case A taken before A is destroyed."""
    cy = env.new_officer("Cy")
    env.new_officer("Bo")
    a = make_case(env)
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    b = make_case(env, OTHER_CASE)
    backup = env.tmp / "backup"
    backup.mkdir()
    shutil.copy2(case_file(env, a), backup / f"{a}.age")
    (key,) = case_key_files(env, a)
    shutil.copy2(key, backup / key.name)
    # An open descriptor keeps the same disk blocks readable after the unlink, to see the
    # overwrite (a hard link would too, but sendvault refuses to read a file with two names).
    held = os.open(key, os.O_RDONLY)
    before = os.pread(held, 1 << 20, 0)
    _destroy(env, a)
    yield env, a, b, backup, cy, (before, held)
    os.close(held)


def test_the_case_and_its_key_are_gone(shredded):
    env, a, b, backup, cy, _ = shredded
    assert not case_file(env, a).exists()
    assert case_key_files(env, a) == []
    # Only its destruction record names it (issue 11): id, date, reason, manager, method.
    assert [p.relative_to(env.vault).as_posix() for p in env.vault.rglob("*") if a in p.name] == [f"destroyed/{a}.json"]
    r = env.cli("show", a)
    assert r.exit_code == 1
    assert f"case {a} was destroyed on " in one_line_error(r)
    assert show(env, b)["id"] == b  # the other case is untouched
    r = env.cli("verify")
    assert r.exit_code == 0, r.stderr
    entries = json.loads(env.cli("audit", "show", "--json", "--case", a).stdout)
    assert entries[-1]["command"] in ("destroy", "erase")


def test_a_restored_copy_of_the_case_file_cannot_be_opened_by_sendvault(shredded):
    env, a, b, backup, cy, _ = shredded
    shutil.copy2(backup / f"{a}.age", case_file(env, a))  # e.g. from git history
    for key in (env.key, cy):
        r = env.cli("show", a, "--json", identity=key)
        assert r.exit_code == 1, r.stderr
        assert "no key" in one_line_error(r)
        assert r.stdout == ""
    r = env.cli("verify", "--json")
    assert r.exit_code == 4
    assert any(a in p for p in json.loads(r.stdout)["problems"])


@pytest.mark.skipif(AGE is None, reason="the reference age CLI is not on PATH (CI installs it)")
def test_no_officer_can_open_the_copy_with_age(shredded):
    env, a, b, backup, cy, _ = shredded
    copy = backup / f"{a}.age"
    (backed_up_key,) = [p for p in backup.iterdir() if p.name.startswith(f"{a}.e")]
    epochs = sorted(env.vault.glob("vaultkeys/*.age"))
    assert len(epochs) == 2
    for officer in (env.key, cy):
        for vk_file in epochs:
            vk = age_decrypt(vk_file, officer)
            assert vk.returncode == 0, vk.stderr
            # Not with the vault key itself...
            assert age_decrypt(copy, vk.stdout).returncode != 0
            # ...nor with any case key left in the vault.
            for ck_file in sorted(env.vault.glob("casekeys/*.age")):
                ck = age_decrypt(ck_file, vk.stdout)
                if ck.returncode == 0:
                    assert age_decrypt(copy, ck.stdout).returncode != 0, f"{ck_file.name} opens the destroyed case"
    # What did open it: the case key, now gone from the vault. The backed-up copy of
    # the key file proves the test could fail (and is why casekeys/ never enters git
    # history: a backup that holds the key file defeats shredding).
    vk1 = age_decrypt(env.vault / "vaultkeys" / "1.age", env.key).stdout
    old_key = age_decrypt(backed_up_key, vk1)
    assert old_key.returncode == 0
    assert age_decrypt(copy, old_key.stdout).returncode == 0


def test_the_key_file_was_overwritten_before_it_was_unlinked(shredded):
    env, a, b, backup, cy, (before, held) = shredded
    after = os.pread(held, 1 << 20, 0)
    assert len(after) == len(before) and after != before
    assert not after.startswith(b"age-encryption.org/v1")


def test_gitignore_keeps_key_material_out_of_history(env: Env):
    """Shredding relies on case keys never entering version history."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    import subprocess

    cid = make_case(env)
    g = lambda *args: subprocess.run(["git", "-C", str(env.vault), *args], capture_output=True, text=True)  # noqa: E731
    assert g("init", "-q").returncode == 0
    assert g("add", "-A").returncode == 0
    tracked = g("ls-files", "--cached").stdout.split()
    assert f"cases/{cid}.age" in tracked and "vault.toml" in tracked
    assert not any(t.startswith(("casekeys/", "local/")) for t in tracked), tracked
