"""What mutation testing of the key channel (sync/casekeys.py) found untested (docs/reliability.md, "Mutation
testing"): case keys travel on ``refs/sendvault/keys``, a ref with no history, read through an object store of
their own that never enters the vault's .git/objects.

Needs git (CI installs it: see .ci/run)."""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest

from conftest import OTHER_CASE, SAMPLE_CASE, Env, make_case, make_key, show
from test_sync import team  # noqa: F401 (the fixture: machine A, a clone B, the server)

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


def _key_channel(server) -> dict[str, str]:
    """The server's key channel: each file's name and blob id."""
    tree = subprocess.run(["git", "ls-tree", "-z", "refs/sendvault/keys"], cwd=server, capture_output=True, text=True,
                          check=True)
    return {e.partition("\t")[2]: e.split()[2] for e in tree.stdout.split("\0") if e}


def _key_blobs(server) -> list[str]:
    return list(_key_channel(server).values())


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


# --- the merge of keys, several cases at once -------------------------------------------------------------
# Case ids are random, and merge_keys goes through the server's keys in the order of their names: each test
# below makes cases until the order it needs holds (a case needing nothing before one that needs a key), then
# gives each case its part by that order.


def _rekey(e: Env, cid: str) -> None:
    """A withdrawal of consent to keep personal details gives the case a new key (no earlier copy opens)."""
    _ok(e.cli("consent", "withdraw", cid, "store-personal-details"))


def _opens(e: Env, cid: str) -> bool:
    return e.cli("show", cid, "--json").exit_code == 0


def test_one_sync_takes_each_cases_key_whatever_the_cases_before_it_needed(team):
    """merge_keys 54, 71 (the loop over the server's keys stopped, not passed on, at a case whose keys are the
    same as here, or whose key here opens it after a re-key made here: every case after it kept a key that no
    longer opens it) and 4, 41, 42, 43, 85, 86 (the count of keys taken, which sync reports as "N case key(s)
    received"). Machine B syncs once after A opened new cases and re-keyed two, while B re-keyed one of its
    own: B takes the new cases' keys before the merge, A's two re-keyed cases' keys after it, keeps its own,
    and opens every case."""
    a, b, _server = team
    existing = sorted(make_case(a) for _ in range(4))
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    new = [make_case(a), make_case(a)]
    while min(new) > existing[-1]:  # a new case (its keys the same as B's after the first pass) before a re-keyed one
        new.append(make_case(a))
    here, elsewhere = existing[0], existing[2:]  # B's own re-key before A's
    for cid in elsewhere:
        _rekey(a, cid)
    _ok(a.cli("sync"))
    _rekey(b, here)
    r = b.cli("sync")
    _ok(r)
    assert f"{len(new) + len(elsewhere)} case key(s) received" in r.stderr
    for cid in existing + new:
        assert _opens(b, cid), cid
    _ok(a.cli("sync"))
    for cid in existing + new:
        assert _opens(a, cid), cid
    _ok(b.cli("verify"))


def test_a_sync_cut_short_after_the_merge_leaves_no_new_case_without_its_key(team, monkeypatch):
    """merge_keys 44: the first pass (the keys of cases this machine has none of, taken before the merge that
    brings the cases) stopped at a case it already has a key for, not passed on. The second pass, after the
    merge, fails here (a disk full): every new case the merge brought opens all the same, from the first pass;
    the case re-keyed elsewhere opens after the next sync."""
    import sendvault.sync.exchange as exchange

    a, b, _server = team
    existing = sorted(make_case(a) for _ in range(2))
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    rekeyed = existing[0]
    new = [make_case(a)]
    while max(new) < rekeyed:  # a new case after the re-keyed one, which B has a key for
        new.append(make_case(a))
    _rekey(a, rekeyed)
    _ok(a.cli("sync"))
    first = exchange.merge_keys

    def second_pass_fails(vault, remote, destroyed, new_only=False):
        if not new_only:
            raise OSError(28, "No space left on device")
        return first(vault, remote, destroyed, new_only)

    monkeypatch.setattr(exchange, "merge_keys", second_pass_fails)
    r = b.cli("sync")
    assert r.exit_code != 0 and r.stderr.startswith("sendvault: error:"), r.stderr
    for cid in new:
        assert _opens(b, cid), cid
    monkeypatch.setattr(exchange, "merge_keys", first)
    _ok(b.cli("sync"))
    for cid in existing + new:
        assert _opens(b, cid), cid


def test_a_case_destroyed_here_takes_no_key_back_from_a_server_that_still_holds_it(team):
    """merge_keys 11 (a destroyed case looked for by its key's epoch, not its id: the server's key of a case
    erased here was written back, and the destroyed case's key outlived it on this machine). B erases a case
    whose key the server still holds; after B's sync neither B nor the server holds a key of it, and a new
    case of A's opens on B."""
    a, b, server = team
    gone = make_case(a)
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    fresh = make_case(a)
    _ok(a.cli("sync"))
    _ok(b.cli("erase", gone, "--asked-by", "parent-carer", "--how", "letter", "--yes"))
    r = b.cli("sync")
    _ok(r)
    assert "1 case key(s) received" in r.stderr  # the new case's, not the destroyed one's
    assert not list((b.vault / "casekeys").glob(f"{gone}.*"))
    assert not [n for n in _key_channel(server) if n.startswith(gone)]
    assert _opens(b, fresh)


def test_a_case_re_keyed_elsewhere_after_the_vault_key_changed_leaves_no_old_key_here(team):
    """merge_keys 90 (the key here that opens only an earlier version of the case, under the vault key before
    it changed, not shredded: ``shred(None)``). A removes an officer (the vault key changes: the case's key is
    written again under the new one, ``ID.e2.age``), then the family withdraws permission to keep personal
    details (a new case key, so that no earlier copy opens). B, which synced before both, takes the new key and
    keeps no key of the old version: with it, anyone holding B's files could open the case's file as it was,
    personal details and all, from the vault's history."""
    a, b, _server = team
    cid = make_case(a)
    _ok(a.cli("officer", "add", "Bo", make_key(a.tmp / "Bo.key")))
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    assert [p.name for p in (b.vault / "casekeys").glob(f"{cid}.*")] == [f"{cid}.e1.age"]
    _ok(a.cli("officer", "remove", "Bo"))
    _rekey(a, cid)
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    assert _opens(b, cid)
    assert [p.name for p in (b.vault / "casekeys").glob(f"{cid}.*")] == [f"{cid}.e2.age"]


def test_stray_files_in_the_key_channel_or_in_casekeys_cost_no_key(team):
    """merge_keys 9 (a name in the server's key channel that is no key file read as one: sync failed), 57 (the
    loop over the server's keys stopped, not passed on, at a key of a case not here: every case after it kept
    a key that no longer opens it) and KeyCache.local_ids 7 (the list of keys here stopped at the first file
    of casekeys/ that is no key, an editor's backup or a file-sharing tool's conflicted copy: the keys after it
    were pushed as gone, and the server lost them). B's casekeys/ holds such files and a stale key of a case
    it has not; the server's channel a file that is no key, and another key of that case (first in the
    order: 0000-0000), while A re-keyed a case. B takes the re-keyed case's key; B's new case and A's reach
    every machine, and a fresh clone opens all of them."""
    a, b, server = team
    first = make_case(a)
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    # The directory's order is the file system's: many strays make it near certain that one comes first.
    for n in range(30):
        (b.vault / "casekeys" / f"{first}.e1.age.{n}~").write_bytes(b"not a key")
    (b.vault / "casekeys" / "0000-0000.e1.age").write_bytes(b"a stale key")
    _rekey(a, first)
    _ok(a.cli("sync"))
    _forge_entry(server, "README", b"not a key either\n")
    _forge_entry(server, "0000-0000.e1.age", b"another key of a case that is not here\n")
    mine = make_case(b)
    _ok(b.cli("sync"))
    assert _opens(b, first)  # the re-keyed case's key taken, past the key of a case not here
    theirs = make_case(a)
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    c = Env(a.tmp, a.tmp / "laptop-c", a.key, a.recipient)
    _ok(c.cli("clone", str(server), str(c.vault)))
    for e in (a, b, c):
        for cid in (first, mine, theirs):
            assert _opens(e, cid), (e.vault.name, cid)


def _forge_entry(server, name: str, content: bytes) -> None:
    """Add a file to the server's key channel as a forged or foreign writer would (a commit with no parent)."""
    def git(*args, input=None):
        return subprocess.run(["git", *args], cwd=server, input=input, capture_output=True, check=True).stdout

    blob = git("hash-object", "-w", "--stdin", input=content).decode().strip()
    entries = git("ls-tree", "refs/sendvault/keys").decode()
    tree = git("mktree", input=(entries + f"100644 blob {blob}\t{name}\n").encode()).decode().strip()
    commit = git("-c", "user.name=x", "-c", "user.email=x@x", "commit-tree", tree, "-m", "forged").decode().strip()
    git("update-ref", "refs/sendvault/keys", commit)


def test_a_key_change_cut_short_here_keeps_its_new_key_through_a_sync(team):
    """merge_keys 59, 60, 61, 62 (this machine's keys tried with an argument lost: none opens, so the case looks
    re-keyed elsewhere). A re-key stopped by a crash after its first two steps (the case file written for the
    old key and the new, the new key in the old one's place: cases.rekey) leaves a file that both open. The
    sync must keep the new key and send it, not take back the server's old one, which every copy holds: the
    withdrawal that asked for the new key would then rest on a key it meant to retire. The next change of
    the case finishes the re-key, and the other machine opens it."""
    from conftest import core_vault
    from sendvault.store import crypto
    from sendvault.store.keys import case_path

    a, b, server = team
    cid = make_case(a)
    _ok(a.cli("sync"))
    _ok(b.cli("sync"))
    vault = core_vault(b)
    _record, _epoch, old = vault.cases.read(cid)
    plain = crypto.decrypt(vault.store.read(case_path(cid)), [old.identity], "case")
    new = crypto.generate()
    vault.store.write(case_path(cid), crypto.encrypt(plain, [old.recipient, new.recipient]))
    vault.keys.new_case_key(cid, new)
    (key_file,) = (b.vault / "casekeys").glob(f"{cid}.e*.age")
    mine = key_file.read_bytes()
    _ok(b.cli("sync"))
    assert key_file.read_bytes() == mine
    blob = subprocess.run(["git", "cat-file", "blob", f"refs/sendvault/keys:{key_file.name}"], cwd=server,
                          capture_output=True, check=True).stdout
    assert blob == mine  # sent: the server's old key retired
    _ok(b.cli("note", cid, "called back"))  # finishes the re-key
    _ok(b.cli("sync"))
    _ok(a.cli("sync"))
    assert _opens(a, cid) and _opens(b, cid)


def test_a_name_in_the_key_channel_that_only_ends_like_a_key_is_not_taken_for_it(team):
    """key_ids 20 (a tree entry's name read from its last tab, not its first: an entry named "junk<TAB>ID.e1.age",
    which only a forged or foreign writer could put there, was read as ID's key and, coming after the real one,
    took its place: the other machine took it for the new case's key and could not open the case)."""
    a, b, server = team
    cid = make_case(a)
    _ok(a.cli("sync"))
    (name,) = [n for n in _key_channel(server) if n.startswith(cid)]
    _forge_entry(server, f"junk\t{name}", b"not a key\n")
    _ok(b.cli("sync"))
    assert _opens(b, cid)


def test_a_clone_without_the_documents_reaches_the_server_as_often_for_many_keys_as_for_one(env: Env):
    """fetch_keys 16 (the key channel fetched without ``--no-filter``). A clone without the documents is a git
    partial clone, whose fetches leave out every file's content unless told otherwise: the key channel came without
    its keys, and git fetched each key on its own when it was read, one more connection to the server for each
    case (a 20,000-case vault's first clone, over ssh: 20,000 logins). The server is reached over ssh (a stand-in
    that runs the server's side here, as test_sync_git.py's): a clone of it with four cases makes no more
    connections than with one, and opens every case."""
    from test_sync_git import SSH_SCRIPT

    log, script = env.tmp / "ssh-calls", env.tmp / "fake-ssh"
    script.write_text(SSH_SCRIPT.format(log=log))
    script.chmod(0o755)
    env.extra_env["GIT_SSH_COMMAND"] = str(script)
    server = env.tmp / "server.git"
    _ok(env.cli("serve-init", str(server)))
    url = f"ssh://vault.example.invalid{server}"
    ids = [make_case(env)]
    _ok(env.cli("sync", "--remote", url))

    def connections_of_a_clone(name: str) -> int:
        log.write_text("")
        b = Env(env.tmp, env.tmp / name, env.key, env.recipient, dict(env.extra_env))
        _ok(b.cli("clone", url, str(b.vault)))
        assert (b.vault / ".git" / "sendvault-partial-clone").is_file()  # without the documents
        assert sorted(p.name.split(".")[0] for p in (b.vault / "casekeys").iterdir()) == sorted(ids)
        assert all(_opens(b, cid) for cid in ids)
        return log.read_text().count("git-upload-pack")

    one = connections_of_a_clone("laptop-b")
    ids += [make_case(env, OTHER_CASE) for _ in range(3)]
    _ok(env.cli("sync"))
    assert connections_of_a_clone("laptop-c") == one
