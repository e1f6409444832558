"""Sync uses the vault's git and nothing else (issue 20, item 1).

The officer's machine is hostile to sync in ordinary ways: a ``GIT_DIR`` exported by a
dotfiles setup or a hook, a global configuration that converts line endings, signs
commits with a broken gpg, runs hooks from a template or a hooks path, ignores files,
or pulls all that in through ``include.path``. None of it may change what sync does;
what the officer needs to reach the server (an ssh command, a proxy) must still work.
Real git, a real ``serve-init`` server, through the real command line.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import OTHER_CASE, Env, make_case, one_line_error, show

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")

BARE = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def git(repo: Path, *args: str, check: bool = True) -> str:
    """The test's own git: no configuration but the repository's."""
    env = {**BARE, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    p = subprocess.run(["git", *args], cwd=repo, capture_output=True, env=env, check=check)
    return p.stdout.decode("utf-8", "replace")


def sync(e: Env) -> None:
    r = e.cli("sync")
    assert r.exit_code == 0, r.stderr


def team(env: Env, extra: dict) -> tuple[Env, Env, Path]:
    """(A, B, server): A shares env's vault, B clones it; both run with ``extra`` in their environment."""
    server = env.tmp / "server.git"
    env.extra_env.update(extra)
    assert env.cli("serve-init", str(server)).exit_code == 0
    sync_remote = env.cli("sync", "--remote", str(server))
    assert sync_remote.exit_code == 0, sync_remote.stderr
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient, dict(env.extra_env))
    r = b.cli("clone", str(server), str(b.vault))
    assert r.exit_code == 0, r.stderr
    return env, b, server


def on_server(server: Path) -> str:
    return git(server, "log", "--all", "--name-only", "--format=%H %s")


def hostile_home(tmp: Path, gitconfig: str, marker: Path) -> Path:
    """A HOME whose ~/.gitconfig says ``gitconfig``, with hooks (in a hooks path and a template) that
    leave ``marker`` and fail, and an XDG ignore file that hides the vault's files."""
    home = tmp / "home"
    hooks = home / "hooks"
    template = home / "template" / "hooks"
    for d in (hooks, template, home / ".config" / "git"):
        d.mkdir(parents=True, exist_ok=True)
    for d in (hooks, template):
        for name in ("pre-commit", "commit-msg", "post-commit", "pre-push", "post-merge", "post-checkout",
                     "reference-transaction", "pre-merge-commit", "prepare-commit-msg", "pre-auto-gc"):
            (d / name).write_text(f"#!/bin/sh\necho {name} >> {marker}\nexit 1\n")
            (d / name).chmod(0o755)
    (home / ".config" / "git" / "ignore").write_text("*.age\n*.log\n*.json\n")
    (home / ".config" / "git" / "attributes").write_text("* text eol=crlf\n")
    (home / ".gitconfig").write_text(gitconfig.format(home=home))
    return home


OFFICERS_GITCONFIG = """
[core]
    autocrlf = true
    hooksPath = {home}/hooks
    fsmonitor = true
[init]
    templateDir = {home}/template
[commit]
    gpgsign = true
[tag]
    gpgsign = true
[gpg]
    program = /bin/false
[merge]
    ff = only
    log = true
[pull]
    rebase = true
[diff]
    renames = copies
[alias]
    commit = !touch {home}/alias-ran && false
    push = !touch {home}/alias-ran && false
"""


@pytest.mark.parametrize("how", ["direct", "include.path", "autocrlf alone"])
def test_the_officers_git_configuration_changes_nothing_sync_does(env: Env, how: str):
    """Line endings, signing, hooks, templates, ignore and attribute files, merge policy and aliases of
    the officer's own git (straight in ~/.gitconfig, or pulled in through include.path) change nothing:
    both machines sync, a fresh clone passes verify and audit verify, no hook ever runs."""
    marker = env.tmp / "hook-ran"
    home = env.tmp / "home"
    if how == "direct":
        home = hostile_home(env.tmp, OFFICERS_GITCONFIG, marker)
    elif how == "autocrlf alone":  # the public report as it came: a fresh clone's trail "tampered with"
        home = hostile_home(env.tmp, "[core]\n    autocrlf = true\n", marker)
        for f in (home / ".config" / "git").iterdir():
            f.unlink()
    else:
        home = hostile_home(env.tmp, "[include]\n    path = {home}/more.inc\n", marker)
        (home / "more.inc").write_text(OFFICERS_GITCONFIG.format(home=home))
    extra = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    one = make_case(env)
    a, b, server = team(env, extra)
    two = make_case(b, OTHER_CASE)
    assert b.cli("note", one, "written on b").exit_code == 0
    sync(b)
    assert a.cli("note", one, "written on a").exit_code == 0
    sync(a)  # a real merge of main (both machines committed)
    sync(b)
    for e in (a, b):
        assert {one, two} <= {c for c in (one, two) if e.cli("show", c).exit_code == 0}
    assert {n["text"] for n in show(a, one)["notes"]} == {"written on a", "written on b"}
    # The vault's files were committed (no ignore file of the machine hid them) with LF endings.
    names = on_server(server)
    assert f"cases/{one}.age" in names and f"cases/{two}.age" in names and "audit/" in names
    # A fresh clone under the same configuration reads a trail identical to the one written.
    c = Env(env.tmp, env.tmp / "laptop-c", env.key, env.recipient, dict(extra))
    r = c.cli("clone", str(server), str(c.vault))
    assert r.exit_code == 0, r.stderr
    for e in (a, b, c):
        r = e.cli("verify")
        assert r.exit_code == 0, r.stdout + r.stderr
        r = e.cli("audit", "verify")
        assert r.exit_code == 0, r.stdout + r.stderr
    for log in (c.vault / "audit").glob("*.log"):
        assert b"\r\n" not in log.read_bytes()
    assert not marker.exists(), marker.read_text()
    assert not (home / "alias-ran").exists()
    # No template was copied into a new clone: its hooks directory holds nothing of the machine's.
    assert not list((c.vault / ".git" / "hooks").glob("*")) if (c.vault / ".git" / "hooks").exists() else True
    # No commit is signed (the broken gpg would have refused) and the merge was a real merge.
    assert "gpgsig" not in git(server, "cat-file", "-p", "refs/heads/main")
    assert len(git(server, "rev-list", "--merges", "refs/heads/main").split()) >= 1
    assert all(b"\r\n" not in (c.vault / "vault.toml").read_bytes() for c in (a, b, c))


def test_git_dir_and_its_kin_exported_to_another_repository_are_ignored(env: Env):
    """A dotfiles setup exports GIT_DIR (and the index, a namespace, a config of its own):
    that repository and its remote receive nothing; the vault's own server gets the commits."""
    other = env.tmp / "dotfiles"
    other_remote = env.tmp / "dotfiles-remote.git"
    git(env.tmp, "init", "-q", "--bare", str(other_remote))
    git(env.tmp, "init", "-q", str(other))
    git(other, "remote", "add", "origin", str(other_remote))
    a, b, server = team(env, {})
    hostile = {
        "GIT_DIR": str(other / ".git"), "GIT_WORK_TREE": str(other), "GIT_INDEX_FILE": str(other / "index2"),
        "GIT_NAMESPACE": "elsewhere", "GIT_OBJECT_DIRECTORY": str(other / ".git" / "objects"),
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.autocrlf", "GIT_CONFIG_VALUE_0": "true",
        "GIT_CONFIG_PARAMETERS": "'commit.gpgsign'='true' 'gpg.program'='/bin/false'",
        "GIT_AUTHOR_DATE": "2099-01-01T00:00:00", "GIT_COMMITTER_DATE": "2099-01-01T00:00:00",
        "GIT_TEMPLATE_DIR": str(env.tmp / "nowhere"), "GIT_EXEC_PATH": str(env.tmp / "nowhere"),
    }
    a.extra_env.update(hostile)
    b.extra_env.update(hostile)
    cid = make_case(a)
    r = a.cli("sync")
    assert r.exit_code == 0, r.stderr
    sync(b)
    assert show(b, cid)["id"] == cid
    assert f"cases/{cid}.age" in on_server(server)
    assert "2099" not in git(server, "log", "--all", "--format=%ad %cd", "--date=iso")
    # The other repository and its remote hold nothing.
    assert git(other, "rev-list", "--all") == ""
    assert not (other / "index2").exists()
    assert git(other_remote, "for-each-ref") == ""
    assert not list((other / ".git" / "objects").glob("??"))
    for e in (a, b):
        assert e.cli("verify").exit_code == 0


SSH_SCRIPT = """#!/bin/sh
# A stand-in for ssh: records the call, then runs the remote command here (as sshd would there).
echo "$@" >> {log}
for last; do :; done
exec sh -c "$last"
"""


@pytest.mark.parametrize("where", ["GIT_SSH_COMMAND", "core.sshCommand"])
def test_the_officers_ssh_command_still_reaches_the_server(env: Env, where: str):
    log = env.tmp / "ssh-calls"
    script = env.tmp / "fake-ssh"
    script.write_text(SSH_SCRIPT.format(log=log))
    script.chmod(0o755)
    home = env.tmp / "home"
    home.mkdir()
    if where == "GIT_SSH_COMMAND":
        extra = {"HOME": str(home), "GIT_SSH_COMMAND": str(script)}
    else:  # in the officer's own configuration, which sync otherwise ignores
        (home / ".gitconfig").write_text(f"[core]\n    sshCommand = {script}\n")
        extra = {"HOME": str(home)}
    server = env.tmp / "server.git"
    env.extra_env.update(extra)
    assert env.cli("serve-init", str(server)).exit_code == 0
    url = f"ssh://vault.example.invalid{server}"
    cid = make_case(env)
    r = env.cli("sync", "--remote", url)
    assert r.exit_code == 0, r.stderr
    assert "git-receive-pack" in log.read_text()
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient, dict(extra))
    r = b.cli("clone", url, str(b.vault))
    assert r.exit_code == 0, r.stderr
    assert show(b, cid)["id"] == cid
    assert "git-upload-pack" in log.read_text()
    # The key channel went through it too: the clone opened the case with its key.
    assert list((b.vault / "casekeys").glob(f"{cid}.e*.age"))


def test_the_officers_proxy_is_used_to_reach_the_server(env: Env):
    """http.proxy in the officer's ~/.gitconfig is kept: the request goes to their proxy; its password
    is never on a git command line (which every account on the machine can read)."""
    seen: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(30)

    def proxy() -> None:
        try:
            conn, _ = listener.accept()
            seen.append(conn.recv(4096))
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()
        except OSError:
            pass

    t = threading.Thread(target=proxy, daemon=True)
    t.start()
    home = env.tmp / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(f"[http]\n    proxy = http://ann:s3cret-pw@127.0.0.1:{listener.getsockname()[1]}\n")
    shim = env.tmp / "bin"
    shim.mkdir()
    argv_log = env.tmp / "git-argv"
    (shim / "git").write_text(f'#!/bin/sh\necho "$@" >> {argv_log}\nexec {shutil.which("git")} "$@"\n')
    (shim / "git").chmod(0o755)
    env.extra_env.update({"HOME": str(home), "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": "",
                          "no_proxy": "", "NO_PROXY": "", "PATH": f"{shim}:{os.environ['PATH']}"})
    make_case(env)
    r = env.cli("sync", "--remote", "http://vault.example.invalid/vault.git")
    t.join(35)
    listener.close()
    assert r.exit_code == 1 and "cannot reach the server" in one_line_error(r)
    assert seen and b"vault.example.invalid" in seen[0]
    assert "ls-remote" in argv_log.read_text() and "s3cret-pw" not in argv_log.read_text()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the vault's repository to another account needs root")
def test_a_vault_owned_by_another_account_is_named_as_such(env: Env):
    a, b, server = team(env, {})
    make_case(a)
    os.chown(a.vault / ".git", 4242, 4242)  # as if another account had made the repository
    try:
        r = a.cli("sync")
        line = one_line_error(r)
        assert r.exit_code != 0
        assert "owned by another account" in line and "dubious ownership" in line
        assert "no server" not in line
    finally:
        os.chown(a.vault / ".git", 0, 0)
    sync(a)
