"""One vault shared through git (issue 13): a bare server repository and two clones in tmp.

Needs git (CI installs it: see .ci/run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sendvault.store import crypto

from conftest import OTHER_CASE, PERSONAL_DATA, Env, make_case, make_key, one_line_error, show

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True).stdout
    return out.decode("utf-8", "replace")


@pytest.fixture
def team(env: Env) -> tuple[Env, Env, Path]:
    """(machine A: env's vault shared at once, machine B: a clone of it, the server's bare repository)."""
    server = env.tmp / "server.git"
    r = env.cli("serve-init", str(server))
    assert r.exit_code == 0, r.stderr
    r = env.cli("sync", "--remote", str(server))
    assert r.exit_code == 0, r.stderr
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient)
    r = b.cli("clone", str(server), str(b.vault))
    assert r.exit_code == 0, r.stderr
    return env, b, server


def sync(e: Env) -> None:
    r = e.cli("sync")
    assert r.exit_code == 0, r.stderr


def ids_of(e: Env) -> set[str]:
    r = e.cli("list", "--json")
    assert r.exit_code == 0, r.stderr
    return {row["id"] for row in json.loads(r.stdout)}


def server_text(server: Path) -> str:
    return git(server, "log", "--all", "-p", "--binary", "--format=%an <%ae>%n%s%n%b")


def test_a_case_made_on_one_machine_appears_on_the_other(team):
    a, b, server = team
    cid = make_case(a)
    sync(a)
    sync(b)
    assert cid in ids_of(b)
    assert show(b, cid)["person"]["name"] == "Jane Example"
    assert b.cli("verify").exit_code == 0
    assert a.cli("verify").exit_code == 0


def test_init_with_a_remote_and_a_clone_that_syncs_back(tmp_path: Path):
    key = tmp_path / "ann.key"
    recipient = make_key(key)
    server = tmp_path / "srv.git"
    a = Env(tmp_path, tmp_path / "a", key, recipient)
    assert a.cli("serve-init", str(server)).exit_code == 0
    r = a.cli("init", str(a.vault), "--service", "S", "--officer", "Ann", "--recipient", recipient,
              "--policy-version", "2025-01", "--remote", str(server))
    assert r.exit_code == 0, r.stderr
    b = Env(tmp_path, tmp_path / "b", key, recipient)
    assert b.cli("clone", str(server), str(b.vault)).exit_code == 0
    cid = make_case(b)
    sync(b)
    sync(a)
    assert cid in ids_of(a)
    assert a.cli("audit", "verify").exit_code == 0


def test_concurrent_intakes_on_both_machines_merge_and_audit_chains_never_conflict(team):
    a, b, server = team
    one, two = make_case(a), make_case(b, OTHER_CASE)
    sync(a)
    sync(b)  # merges a's case with its own
    sync(a)
    assert ids_of(a) == ids_of(b) == {one, two}
    logs = sorted(p.name for p in (a.vault / "audit").glob("*.log"))
    assert len(logs) == 2 and logs == sorted(p.name for p in (b.vault / "audit").glob("*.log"))
    for e in (a, b):
        assert e.cli("audit", "verify").exit_code == 0
        assert e.cli("verify").exit_code == 0


def test_notes_on_different_cases_made_on_two_machines_merge(team):
    a, b, server = team
    one, two = make_case(a), make_case(a, OTHER_CASE)
    sync(a)
    sync(b)
    assert a.cli("note", one, "rang the school").exit_code == 0
    assert b.cli("note", two, "sent the form").exit_code == 0
    sync(a)
    sync(b)
    sync(a)
    for e in (a, b):
        assert [n["text"] for n in show(e, one)["notes"]] == ["rang the school"]
        assert [n["text"] for n in show(e, two)["notes"]] == ["sent the form"]


def test_a_destruction_on_one_machine_removes_the_case_everywhere_and_from_the_server(team):
    a, b, server = team
    keep, gone = make_case(a), make_case(a, OTHER_CASE)
    sync(a)
    sync(b)
    key_file = next((b.vault / "casekeys").glob(f"{gone}.e*.age"))
    key_sha = subprocess.run(["git", "hash-object", str(key_file)], capture_output=True, text=True, check=True).stdout.strip()
    assert a.cli("erase", gone, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    sync(a)
    r = b.cli("sync")
    assert r.exit_code == 0, r.stderr
    assert gone in r.stderr  # "destroyed case(s) removed here: ..."
    assert not list((b.vault / "casekeys").glob(f"{gone}.*")) and not (b.vault / "cases" / f"{gone}.age").exists()
    assert ids_of(b) == {keep}
    assert b.cli("verify").exit_code == 0
    # The server forgot the key: no object, reachable or not, is the destroyed case's key file.
    objects = git(server, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
    assert key_sha not in objects
    # A fresh clone with the whole history cannot open it.
    c = Env(a.tmp, a.tmp / "laptop-c", a.key, a.recipient)
    assert c.cli("clone", str(server), str(c.vault)).exit_code == 0
    assert not list((c.vault / "casekeys").glob(f"{gone}.*"))
    assert ids_of(c) == {keep}


def secret_keys(e: Env, cids: list[str]) -> list[str]:
    """The secret keys ``e``'s machine can open: its officer's, the vault key at every epoch, the case keys of ``cids``."""
    from sendvault.store.vault import Vault

    pairs = crypto.load_identity_file(e.key, None)
    vault = Vault.open(e.vault)
    vault.unlock(pairs)
    keys = [p.secret for p in pairs] + [vault.vault_key(n).secret for n in range(1, vault.epoch + 1)]
    return keys + [vault.keys.open_case_key(cid, n).secret for cid in cids for n in vault.keys.case_key_epochs(cid)]


def test_key_material_never_in_the_servers_history_and_commits_hold_no_personal_data(team):
    a, b, server = team
    cid = make_case(a)
    assert a.cli("note", cid, "Jane Example called about Sam Example").exit_code == 0
    sync(a)
    make_case(b, OTHER_CASE)
    sync(b)
    sync(a)
    text = server_text(server)
    # Every secret key either machine holds (the officers', the vault key's, each case key's), looked
    # for in the raw bytes of every object the server has (a diff shows binary files only as base85).
    objects = subprocess.run(["git", "-C", str(server), "cat-file", "--batch-all-objects", "--batch"],
                             capture_output=True, check=True).stdout
    secrets = secret_keys(a, [cid]) + secret_keys(b, [])
    assert len(secrets) >= 4
    for secret in secrets:
        assert secret.encode() not in objects, "a secret key is in an object on the server"
    assert crypto.SECRET_PREFIX.encode() not in objects, "a secret key is in an object on the server"
    assert "casekeys/" not in git(server, "log", "refs/heads/main", "--name-only", "--format=")
    for value in PERSONAL_DATA:
        assert value not in text
    # Only the officer's name and a fixed address author the commits.
    authors = set(git(server, "log", "--all", "--format=%an <%ae>|%cn <%ce>").split())
    assert authors <= {"Ann", "<sendvault@localhost>|Ann", "<sendvault@localhost>"}
    # The key channel is one commit with no parent, and the local object store holds no key blob.
    keys = git(server, "rev-list", "--parents", "refs/sendvault/keys").split()
    assert len(keys) == 1
    for e in (a, b):
        local = git(e.vault, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
        for f in (e.vault / "casekeys").iterdir():
            sha = subprocess.run(["git", "hash-object", str(f)], capture_output=True, text=True, check=True).stdout.strip()
            assert sha not in local


def test_an_unreachable_server_is_one_line_and_loses_nothing(team):
    a, b, server = team
    moved = server.with_name("elsewhere.git")
    server.rename(moved)
    cid = make_case(a)
    r = a.cli("sync")
    line = one_line_error(r)
    assert r.exit_code == 1 and "cannot reach the server" in line
    assert cid in ids_of(a)
    moved.rename(server)
    sync(a)
    sync(b)
    assert cid in ids_of(b)


def test_a_vault_without_a_remote_keeps_working_and_sync_says_why_not(env: Env):
    cid = make_case(env)
    assert env.cli("note", cid, "fine").exit_code == 0
    r = env.cli("sync")
    assert "no server" in one_line_error(r)
    assert r.exit_code == 1
    assert not (env.vault / ".git").exists()


def test_two_team_changes_crossing_are_united(team):
    a, b, server = team
    cid = make_case(a)
    sync(a)
    sync(b)
    bo_key, cy_key = a.tmp / "bo.key", a.tmp / "cy.key"
    bo, cy = make_key(bo_key), make_key(cy_key)
    assert a.cli("officer", "add", "Bo", bo).exit_code == 0
    assert b.cli("officer", "add", "Cy", cy).exit_code == 0
    assert b.cli("consent", "defaults", "--review-months", "12").exit_code == 0
    assert b.cli("note", cid, "from b").exit_code == 0
    sync(a)
    sync(b)
    sync(a)
    for e in (a, b):
        team_now = {o["name"] for o in json.loads(e.cli("officer", "list", "--json").stdout)}
        assert {"Ann", "Bo", "Cy"} <= team_now
        assert e.cli("verify").exit_code == 0
    assert "review_months = 12" in (a.vault / "vault.toml").read_text()
    for name, key, recipient in (("bo", bo_key, bo), ("cy", cy_key, cy)):
        e = Env(a.tmp, a.tmp / f"laptop-{name}", key, recipient)
        assert e.cli("clone", str(server), str(e.vault)).exit_code == 0
        assert [n["text"] for n in show(e, cid)["notes"]] == ["from b"]


def test_two_removals_crossing_are_refused_and_nothing_is_lost(team):
    a, b, server = team
    cid = make_case(a)
    for name in ("Bo", "Cy"):
        assert a.cli("officer", "add", name, make_key(a.tmp / f"{name}.key")).exit_code == 0
    sync(a)
    sync(b)
    assert a.cli("officer", "remove", "Bo").exit_code == 0
    assert b.cli("officer", "remove", "Cy").exit_code == 0
    assert b.cli("note", cid, "from b").exit_code == 0
    sync(a)
    r = b.cli("sync")
    assert "removed on two machines" in one_line_error(r)
    assert not (b.vault / ".git" / "MERGE_HEAD").exists()
    assert [n["text"] for n in show(b, cid)["notes"]] == ["from b"]
    assert b.cli("verify").exit_code == 0


def test_the_server_refuses_rewriting_main(team):
    a, b, server = team
    make_case(a)
    sync(a)
    git(a.vault, "reset", "-q", "--hard", "HEAD~1")
    p = subprocess.run(["git", "push", "-f", "origin", "HEAD:refs/heads/main"], cwd=a.vault, capture_output=True, text=True)
    assert p.returncode != 0 and "cannot be rewritten" in p.stderr


def test_a_destruction_wins_over_a_concurrent_change_to_the_same_case(team):
    a, b, server = team
    cid = make_case(a)
    sync(a)
    sync(b)
    assert a.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    assert b.cli("note", cid, "written before the erasure reached b").exit_code == 0
    sync(a)
    sync(b)
    sync(a)
    for e in (a, b):
        assert cid not in ids_of(e)
        assert not list((e.vault / "casekeys").glob(f"{cid}.*"))
        assert e.cli("verify").exit_code == 0
