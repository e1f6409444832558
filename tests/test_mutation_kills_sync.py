"""What mutation testing of the key channel (sync/casekeys.py) found untested (docs/reliability.md, "Mutation
testing"): case keys travel on ``refs/sendvault/keys``, a ref with no history, read through an object store of
their own that never enters the vault's .git/objects.

Needs git (CI installs it: see .ci/run)."""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest

from conftest import OTHER_CASE, SAMPLE_CASE, Env, make_case, show

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")


def _ok(r) -> None:
    assert r.exit_code == 0, r.stderr


def test_a_fresh_clone_opens_the_servers_cases_and_keeps_no_key_in_its_git_objects(env: Env):
    """read_keys 2, 8 (the key channel read without its own object store). They survived because a clone of a
    server given as a path (a network share) copied the server's whole object store, key blobs and all, into
    the copy's .git/objects, where the mutants found them: a destroyed case's key then outlived it in every
    copy cloned before (until git's own pruning, weeks later), against docs/sync.md. ``clone`` now fetches as
    over a network (``--no-local``): only the vault's history; the keys come through the key channel's own
    store, shredded after. The suite's other clones are made of a vault with no case yet (their keys came by
    sync); this one is made of a server that already holds cases: each opens at once (three, of different
    sizes, their keys read in one ``cat-file`` stream)."""
    server = env.tmp / "server.git"
    _ok(env.cli("serve-init", str(server)))
    long = copy.deepcopy(SAMPLE_CASE)
    long["person"]["name"] = "Jane " + "Example-" * 20 + "Smith"
    cases = [SAMPLE_CASE, OTHER_CASE, long]
    ids = [make_case(env, case) for case in cases]
    _ok(env.cli("sync", "--remote", str(server)))
    blobs = _key_blobs(server)
    assert len(blobs) == len(ids)
    for name, how in (("laptop-b", ()), ("laptop-c", ("--full",))):  # without the documents, and with them
        b = Env(env.tmp, env.tmp / name, env.key, env.recipient)
        _ok(b.cli("clone", str(server), str(b.vault), *how))
        keys = sorted(p.name.split(".")[0] for p in (b.vault / "casekeys").iterdir())
        assert keys == sorted(ids)
        for cid, case in zip(ids, cases):
            assert show(b, cid)["person"]["name"] == case["person"]["name"]
        assert not (b.vault / ".git" / "sendvault-keys").exists()  # the clone's key store shredded
        assert not any(_holds_object(b.vault, blob) for blob in blobs)  # in the key channel, not the copy's objects
        _ok(b.cli("verify"))


def _key_blobs(server) -> list[str]:
    tree = subprocess.run(["git", "ls-tree", "refs/sendvault/keys"], cwd=server, capture_output=True, text=True, check=True)
    return [line.split()[2] for line in tree.stdout.splitlines()]


def _holds_object(repo, blob: str) -> bool:
    """Whether ``repo``'s own objects hold ``blob``. A clone without the documents is a partial clone, for which
    git would fetch a missing object from the server to answer (and so put it there): never here."""
    import os

    env = {**os.environ, "GIT_NO_LAZY_FETCH": "1"}
    return subprocess.run(["git", "cat-file", "-e", blob], cwd=repo, capture_output=True, env=env).returncode == 0


def test_keys_taken_by_sync_never_enter_the_vaults_git_objects(env: Env):
    """fetch_keys 9, 18 (the key channel fetched without its own object store: into .git/objects, where no
    shredding reaches a destroyed case's key) and 17 (the key ref not fetched at all: the keys read only because
    an old local clone had copied them there). Both machines, the one that sent the keys and the one that took
    them, hold none of the key channel's blobs in .git/objects after their syncs; the one that took them opens
    the case."""
    server = env.tmp / "server.git"
    _ok(env.cli("serve-init", str(server)))
    _ok(env.cli("sync", "--remote", str(server)))
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient)
    _ok(b.cli("clone", str(server), str(b.vault)))  # before any case: its keys come by sync
    cid = make_case(env)
    _ok(env.cli("sync"))
    _ok(b.cli("sync"))
    assert show(b, cid)["person"]["name"] == SAMPLE_CASE["person"]["name"]
    blobs = _key_blobs(server)
    assert blobs
    for machine in (env, b):
        assert not any(_holds_object(machine.vault, blob) for blob in blobs), machine.vault


def test_a_sync_with_nothing_new_reads_no_key_and_rewrites_no_cache(env: Env, monkeypatch):
    """KeyCache.load 1, 2, 4, 5, 7, 8, 9 (the cache of what was last pushed lost, or read wrong: every sync would
    hash every case key and read the server's channel again) and KeyCache.__init__ 2 (the cache rewritten at
    every sync though nothing changed). docs/performance.md's sync of a 20,000-case vault with nothing new
    rests on this: it reads no key file, here or from the server."""
    from sendvault.store.storage import Store

    server = env.tmp / "server.git"
    _ok(env.cli("serve-init", str(server)))
    make_case(env)
    make_case(env, OTHER_CASE)
    _ok(env.cli("sync", "--remote", str(server)))
    _ok(env.cli("sync"))  # the cache now holds what the server holds
    cache = env.vault / "local" / "sync-keys.json"
    before = cache.stat()
    read = []
    original = Store.read
    monkeypatch.setattr(Store, "read", lambda self, rel: read.append(rel) or original(self, rel))
    _ok(env.cli("sync"))
    assert [r for r in read if r.startswith("casekeys/")] == []
    after = cache.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
