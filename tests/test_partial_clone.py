"""A new officer's clone without the documents (issue 24.5), through the command line: ``clone`` takes the
history without any document's file (git's partial clone, a cone-mode sparse checkout of all but
``documents/``); a case's documents come from the server when first needed; ``verify`` tells "not fetched
yet" from "missing"; sync, detach and erase work on such a clone; ``clone --full`` takes everything; a
server without filters gives a full clone, said in one line; the officer's own git config changes nothing.

The server is a ``serve-init`` repository reached over file:// (git's own transport, as over ssh).
Needs git (CI installs it: see .ci/run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import OTHER_CASE, Env, make_case, one_line_error, requires_age
from test_attach import PDF, PNG, blob_files, ok, out_copy, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")

ERASE = ("--asked-by", "parent-carer", "--how", "letter", "--yes")


def git(repo: Path, *args: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True,
                          env={**clean, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}).stdout.decode()


def missing_objects(repo: Path) -> set[str]:
    """The objects the machine's git knows of but does not hold (a partial clone's); never fetches."""
    out = git(repo, "rev-list", "--objects", "--missing=print", "--all")
    return {line[1:] for line in out.splitlines() if line.startswith("?")}


def blob_ids(repo: Path, cid: str) -> set[str]:
    """The git ids of case ``cid``'s document files at HEAD."""
    out = git(repo, "ls-tree", "-r", "HEAD", f"documents/{cid}/")
    return {line.split()[2] for line in out.splitlines()}


def on_server(server: Path, cid: str) -> list[str]:
    return git(server, "ls-tree", "-r", "--name-only", "main", f"documents/{cid}/").split()


@pytest.fixture
def shared(env: Env):
    """(machine A with two cases holding documents, shared over file://, the server, the cases' ids)."""
    server = env.tmp / "server.git"
    ok(env, "serve-init", str(server))
    one, two = make_case(env), make_case(env, OTHER_CASE)
    ok(env, "attach", one, str(write(env.tmp / "plan.pdf", PDF)), str(write(env.tmp / "photo.png", PNG)))
    ok(env, "attach", two, str(write(env.tmp / "report.pdf", PDF)))
    ok(env, "sync", "--remote", f"file://{server}")
    return env, server, one, two


def clone(env: Env, server: Path, name: str = "laptop-b", *extra: str, extra_env: dict | None = None) -> tuple[Env, str]:
    b = Env(env.tmp, env.tmp / name, env.key, env.recipient, dict(extra_env or {}))
    r = b.cli("clone", f"file://{server}", str(b.vault), *extra)
    assert r.exit_code == 0, r.stderr
    return b, r.stderr


def test_a_clone_holds_no_document_until_one_is_opened_then_that_cases_only(shared):
    a, server, one, two = shared
    b, said = clone(a, server)
    assert "the documents come from the server when first needed" in said
    assert blob_files(b) == []  # nothing under documents/ on this disk...
    assert blob_ids(b.vault, one) | blob_ids(b.vault, two) <= missing_objects(b.vault)  # ...nor in its git
    assert (b.vault / "cases" / f"{one}.age").is_file() and (b.vault / "vault.toml").is_file()
    assert ok(b, "documents", one).stdout  # the list is the record's: no fetch
    assert blob_files(b) == []
    assert out_copy(b, one, 2) == PNG  # fetched on demand, checked against its SHA-256
    assert len(blob_files(b, one)) == 2 and blob_files(b, two) == []
    assert not blob_ids(b.vault, one) & missing_objects(b.vault)
    assert blob_ids(b.vault, two) <= missing_objects(b.vault)
    assert out_copy(b, one, 1) == PDF  # already here: no second fetch needed


def test_verify_notes_documents_not_fetched_fails_on_missing_ones_and_fetches_all_with_documents(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    r = b.cli("verify")
    assert r.exit_code == 0, r.stderr
    assert "note: the documents of 2 case(s) are on the server, not yet fetched" in r.stderr
    ok(b, "open", one, "1", "--out", str(b.tmp / "x.pdf"))
    assert "documents of 1 case(s) are on the server" in ok(b, "verify").stderr
    # A fetched file gone from the disk is missing (a real problem), not "not fetched".
    blob_files(b, one)[0].unlink()
    r = b.cli("verify")
    assert r.exit_code == 4 and "its file is missing" in r.stderr
    git(b.vault, "checkout", "--", f"documents/{one}")  # put back from this machine's git
    r = ok(b, "verify", "--documents")
    assert "not yet fetched" not in r.stderr
    assert len(blob_files(b, one)) == 2 and len(blob_files(b, two)) == 1
    assert not missing_objects(b.vault)


def test_offline_a_document_not_fetched_is_one_line_and_nothing_else_breaks(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    ok(b, "open", one, "1", "--out", str(b.tmp / "fetched.pdf"))
    away = server.with_name("server-away.git")
    server.rename(away)  # the server out of reach
    target = b.tmp / "copy.pdf"
    r = b.cli("open", two, "1", "--out", str(target))
    line = one_line_error(r)
    assert "on the server and not yet on this machine" in line and "server cannot be reached" in line
    assert "sync when connected" in r.stderr
    assert not target.exists() and blob_files(b, two) == []
    ok(b, "show", two)  # the record itself is here
    assert out_copy(b, one, 1) == PDF  # what was fetched opens offline
    assert ok(b, "verify").stderr  # the rest of the vault checks
    away.rename(server)
    assert out_copy(b, two, 1) == PDF  # and, connected again, it comes


def test_sync_both_ways_with_documents_on_a_partial_clone(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    # B attaches to a case it never fetched: the new file is committed, the old ones stay on the server.
    ok(b, "attach", two, str(write(b.tmp / "letter.pdf", PDF + b"% from B\n")), "--title", "from B")
    ok(b, "sync")
    assert len(on_server(server, two)) == 2
    # A attaches to case one, which B has not fetched: it stays unfetched on B after B's sync.
    ok(a, "sync")
    assert out_copy(a, two, 2) == PDF + b"% from B\n"
    ok(a, "attach", one, str(write(a.tmp / "more.pdf", PDF + b"% from A\n")), "--title", "from A")
    ok(a, "sync")
    ok(b, "sync")
    assert blob_files(b, one) == [] and blob_ids(b.vault, one) <= missing_objects(b.vault)
    assert out_copy(b, one, 3) == PDF + b"% from A\n"
    assert json.loads(ok(b, "documents", one, "--json").stdout)[-1]["title"] == "from A"
    ok(b, "verify", "--documents")
    ok(a, "verify")


def test_detach_and_erase_of_documents_never_fetched_reach_the_server_and_the_other_machine(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    ok(b, "detach", one, "1", "--yes")  # fetched first, so that its removal reaches git
    ok(b, "erase", two, *ERASE)  # never fetched here
    assert blob_files(b, two) == []
    ok(b, "sync")
    assert len(on_server(server, one)) == 1
    assert on_server(server, two) == []  # out of main's tree though this machine never had the file
    ok(a, "sync")
    assert len(blob_files(a, one)) == 1 and not (a.vault / "documents" / two).exists()
    ok(a, "verify")
    ok(b, "verify")


def test_clone_full_takes_every_document_now(shared):
    a, server, one, two = shared
    b, said = clone(a, server, "laptop-full", "--full")
    assert "with every document" in said
    assert len(blob_files(b, one)) == 2 and len(blob_files(b, two)) == 1
    assert not missing_objects(b.vault)
    r = ok(b, "verify")
    assert "not yet fetched" not in r.stderr
    server.rename(server.with_name("gone.git"))  # offline: everything opens
    assert out_copy(b, two, 1) == PDF


def test_a_server_without_filters_gives_a_full_clone_said_in_one_line(shared):
    a, server, one, two = shared
    git(server, "config", "--unset", "uploadpack.allowFilter")
    b, said = clone(a, server)
    notes = [ln for ln in said.splitlines() if "does not allow clones without the documents" in ln]
    assert len(notes) == 1
    assert len(blob_files(b, one)) == 2 and not missing_objects(b.vault)
    assert not (b.vault / ".git" / "sendvault-partial-clone").exists()
    assert "promisor" not in (b.vault / ".git" / "config").read_text()
    ok(b, "attach", two, str(write(b.tmp / "n.pdf", PDF)))
    ok(b, "sync")
    assert len(on_server(server, two)) == 2


def test_the_officers_own_git_config_changes_nothing(shared):
    a, server, one, two = shared
    home = a.tmp / "home"
    home.mkdir()
    # A global config that would undo the sparse checkout, take every blob or check out all.
    (home / ".gitconfig").write_text(
        "[core]\n\tsparseCheckout = false\n\tsparseCheckoutCone = false\n"
        "[index]\n\tsparse = true\n[clone]\n\tfilterSubmodules = true\n"
        "[remote \"origin\"]\n\tpromisor = false\n\tpartialclonefilter = blob:limit=1g\n"
        "[fetch]\n\tnegotiationAlgorithm = noop\n[checkout]\n\tworkers = 4\n")
    b, _ = clone(a, server, extra_env={"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")})
    assert blob_files(b) == [] and blob_ids(b.vault, one) <= missing_objects(b.vault)
    assert out_copy(b, one, 1) == PDF
    assert len(blob_files(b, one)) == 2 and blob_files(b, two) == []
    ok(b, "attach", two, str(write(b.tmp / "n.pdf", PDF)))
    ok(b, "sync")
    assert len(on_server(server, two)) == 2
    assert len(blob_files(b, two)) == 2  # a case attached to here joins the checkout at the sync
    ok(b, "verify")


def test_a_withdrawal_on_a_case_never_fetched_takes_its_documents_out_of_the_tree(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    ok(b, "consent", "withdraw", two, "store-personal-details")  # its documents go with the record's details
    ok(b, "sync")
    assert on_server(server, two) == [] and len(on_server(server, one)) == 2
    ok(a, "sync")
    assert not (a.vault / "documents" / two).exists()
    ok(a, "verify")
    ok(b, "verify")


def test_export_fetches_every_cases_documents_in_one_git_call_then_writes_them(shared):
    a, server, one, two = shared
    b, _ = clone(a, server)
    # git as sendvault finds it on PATH, each call written down
    bin_dir, calls = b.tmp / "bin", b.tmp / "git-calls"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(f'#!/bin/sh\necho "$*" >> {calls}\nexec {shutil.which("git")} "$@"\n')
    (bin_dir / "git").chmod(0o755)
    b.extra_env["PATH"] = f"{bin_dir}:{os.environ['PATH']}"
    out = b.tmp / "leaving"
    ok(b, "export", "--out", str(out), "--plaintext")
    assert len([c for c in calls.read_text().splitlines() if "sparse-checkout add" in c]) == 1
    written = sorted(p.read_bytes() for p in out.rglob("documents/*/*"))
    assert written == sorted([PDF, PNG, PDF])
    assert len(blob_files(b, one)) == 2 and len(blob_files(b, two)) == 1 and not missing_objects(b.vault)


@requires_age
def test_share_of_a_document_not_yet_fetched_fetches_it(env: Env):
    from conftest import age_decrypt, make_key
    from test_attach_share import SCHOOL, detached

    server = env.tmp / "server.git"
    ok(env, "serve-init", str(server))
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    ok(env, "attach", cid, str(write(env.tmp / "photo.png", PNG)), "--title", "Class photo")
    ok(env, "sync", "--remote", f"file://{server}")
    b, _ = clone(env, server)
    assert blob_files(b) == []
    key = b.tmp / "school.key"
    out = b.tmp / "for-school.age"
    ok(b, "share", cid, "--to", SCHOOL, "--only", "profile", "--document", "1", "--recipient", make_key(key), "--out", str(out))
    inner = b.tmp / "inner.pdf"
    inner.write_bytes(age_decrypt(out, key).stdout)
    if shutil.which("pdfdetach"):
        assert detached(inner, None, b.tmp / "d") == {"1 Class photo.png": PNG}
    assert len(blob_files(b, cid)) == 1
