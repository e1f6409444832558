"""Issue 12: `sendvault unlock` / `lock`, the agent that holds an officer's identity for a session."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import shutil
import sys
import time
from pathlib import Path

import pytest

from sendvault.agent import keyholder as agent
from sendvault.store import crypto

from conftest import Env, audit_log, key_away, make_case


def _secret(key: Path) -> str:
    return next(line for line in key.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))


def _unlock(env, *extra: str) -> dict:
    r = env.run("unlock", "--json", *extra)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.05)
    return False


def _unlocked(env, at_desk: bool):
    cid = make_case(env)
    if at_desk:
        env.use_default_identity()
    status = _unlock(env)
    yield env, cid, status
    try:
        os.kill(status["pid"], signal.SIGTERM)
    except ProcessLookupError:
        pass


@pytest.fixture
def unlocked(env):
    yield from _unlocked(env, False)


@pytest.fixture
def at_desk(env):
    """An officer whose identity is in the default place (none given explicitly), unlocked."""
    yield from _unlocked(env, True)


def test_commands_work_with_the_agent_and_without_it(at_desk):
    env, cid, status = at_desk
    assert status["dumpable"] is False
    with key_away(env):  # no identity file: only the agent can open the vault
        r = env.run("show", cid, "--json")
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["id"] == cid
        assert env.run("note", cid, "called back").exit_code == 0
        assert env.run("lock").exit_code == 0
        assert _gone(status["pid"], 5)
        r = env.run("show", cid)
        assert r.exit_code != 0 and "no identity file" in r.stderr  # falls back to the identity file
    assert env.run("show", cid).exit_code == 0  # and the identity file still works


def test_lock_forgets_at_once_and_no_key_material_is_left(unlocked, private_runtime_dir, tmp_path):
    env, cid, status = unlocked
    sock = Path(status["socket"])
    assert sock.exists() and oct(sock.stat().st_mode & 0o777) == "0o600"
    assert oct(sock.parent.stat().st_mode & 0o777) == "0o700" and sock.parent.stat().st_uid == os.getuid()
    assert env.run("list").exit_code == 0
    assert env.run("lock").exit_code == 0
    assert _gone(status["pid"], 5) and not sock.exists()
    assert "locked: key forgotten" in (sock.parent / agent.LOG_NAME).read_text()
    secret = _secret(env.key)
    body = secret.removeprefix("AGE-SECRET-KEY-1")
    for root in (private_runtime_dir, env.vault, Path("/dev/shm")):
        for p in root.rglob("*"):
            if p.is_file() and p != env.key:
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                assert body.encode() not in data and body.lower().encode() not in data, p


def test_the_agent_forgets_on_timeout(env):
    make_case(env)
    status = _unlock(env, "--timeout", "1s")
    assert env.run("list").exit_code == 0
    assert _gone(status["pid"], 6)
    assert "idle timeout" in (Path(status["socket"]).parent / agent.LOG_NAME).read_text()
    assert not Path(status["socket"]).exists()


def test_the_agent_ends_with_the_login_session(env):
    leader = subprocess.Popen(["sh", "-c", f'"{sys.executable}" -m sendvault unlock --json; exec sleep 60'],
                              env={**os.environ, **env.env()}, stdout=subprocess.PIPE, start_new_session=True, text=True)
    status = json.loads("".join(iter(leader.stdout.readline, "}\n")) + "}")
    assert status["session"] == leader.pid
    leader.kill()
    leader.wait()
    assert _gone(status["pid"], 6)


def test_the_agent_only_unwraps_vault_keys(unlocked):
    env, cid, status = unlocked
    found = agent.find()
    assert found.recipients() == [env.recipient]
    other = crypto.encrypt(b"# not a vault key\nhello\n", [env.recipient])
    with pytest.raises(agent.AgentError, match="only sendvault vault keys"):
        found.unwrap(other, "x")
    case_key = next((env.vault / "casekeys").iterdir()).read_bytes()
    with pytest.raises(crypto.NoMatch):  # a case key is wrapped for the vault key, not the officer
        found.unwrap(case_key, "x")


def test_a_tampered_socket_kills_the_agent_and_is_not_used(unlocked):
    env, cid, status = unlocked
    directory = Path(status["socket"]).parent
    directory.chmod(0o755)
    r = env.run("show", cid)  # still works, through the identity file, with a warning
    assert r.exit_code == 0 and "open to others" in r.stderr
    assert _gone(status["pid"], 6)
    assert "TAMPERING" in (directory / agent.LOG_NAME).read_text()


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to connect as another user")
def test_the_agent_refuses_another_user(unlocked):
    """A process acting as user 'nobody' that reaches the socket (its file-system uid stays root's, so
    the 0700 directory lets it through) is refused on its credentials (SO_PEERCRED), and learns nothing."""
    import ctypes

    env, cid, status = unlocked
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: euid nobody, file-system uid root
        try:
            os.setresuid(0, 65534, 0)
            ctypes.CDLL(None).setfsuid(0)
            try:
                answer = "answered: " + " ".join(agent.Agent(Path(status["socket"])).recipients())
            except agent.AgentError as exc:
                answer = f"refused: {exc}"
            os.write(write, answer.encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    answer = os.read(read, 4096).decode()
    os.close(read)
    assert answer.startswith("refused") and env.recipient not in answer, answer
    assert "refused a connection from uid 65534" in (Path(status["socket"]).parent / agent.LOG_NAME).read_text()
    assert env.run("show", cid).exit_code == 0  # and it still serves its own user


def test_show_starts_without_what_it_does_not_use(unlocked):
    """Start-up: `show` (with the agent) imports no PDF library, no export, no index, no solver."""
    env, cid, status = unlocked
    code = ("import sys, runpy; sys.argv = ['sendvault', 'show', sys.argv[1]]\n"
            "try:\n    runpy.run_module('sendvault', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))")
    p = subprocess.run([sys.executable, "-c", code, cid], env={**os.environ, **env.env()}, capture_output=True, text=True, timeout=60)
    modules = set(p.stderr.rsplit("MODULES ", 1)[1].split())
    assert "sendvault.agent.keyholder" in modules  # it did use the agent
    for heavy in ("fpdf", "sendvault.disclosure.render", "sendvault.disclosure.pdf_layout", "sendvault.store.index",
                  "sendvault.store.index_format", "sendvault.store.index_query", "sendvault.store.index_snapshot",
                  "multiprocessing", "pydantic", "jsonschema", "cryptography"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


# --- issue 20.3: an explicit identity wins; the runtime directory must be our own ------------------


def test_an_explicit_identity_wins_over_the_agent(at_desk):
    """The report: an agent unlocked by the manager was used even when a cron job gave its own key, so
    the audit trail named the manager. An identity given with --identity or SENDVAULT_IDENTITY is used."""
    env, cid, status = at_desk
    cron = env.new_officer("Cron Job")
    for how in ("variable", "option"):
        if how == "variable":
            r = env.run("note", cid, f"nightly check by {how}", identity=cron)
        else:
            r = env.run("--identity", str(cron), "note", cid, f"nightly check by {how}")
        assert r.exit_code == 0, r.stderr
    r = env.run("note", cid, "the manager at her desk")  # nothing given: the agent
    assert r.exit_code == 0, r.stderr
    notes = [e for e in audit_log(env) if e["command"] == "note"]
    assert [e["officer"] for e in notes] == ["Cron Job", "Cron Job", "Ann"], notes


def test_the_agent_s_own_file_given_explicitly_still_uses_the_agent(at_desk):
    """Given explicitly, the very file the agent was unlocked from is answered by the agent (a
    passphrase is not asked again): here the file itself could not be used (opened up to others)."""
    env, cid, status = at_desk
    env.key.chmod(0o644)
    try:
        r = env.run("show", cid, identity=env.key)
        assert r.exit_code == 0, r.stderr
        env.run("lock")
        assert _gone(status["pid"], 5)
        r = env.run("show", cid, identity=env.key)
        assert r.exit_code != 0 and "sendvault: error:" in r.stderr  # the file itself is refused
    finally:
        env.key.chmod(0o600)


def _other_uid() -> int:
    return 40000 + os.getpid() % 10000  # an account of its own, unlikely to be another test's


def _as_user(uid: int, env, *args: str, extra: dict) -> subprocess.CompletedProcess:
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", sys.executable, "-m", "sendvault", *args]
    return subprocess.run(cmd, env={**os.environ, **env.env(), **extra}, capture_output=True, text=True, timeout=60)


ANOTHER_ACCOUNT = pytest.mark.skipif(os.getuid() != 0 or shutil.which("setpriv") is None,
                                     reason="needs root and setpriv to act as another account")


@pytest.fixture
def other_account(env, tmp_path, private_runtime_dir):
    """A copy of the vault and Ann's key owned by another account (outside pytest's own directory,
    which is 0700), and two runtime directories that are not that account's: root's (0700) and one
    open to everyone. Yields (uid, env for it, the foreign directories)."""
    import tempfile

    uid = _other_uid()
    make_case(env)
    theirs = Path(tempfile.mkdtemp(prefix="sv-other-"))
    shutil.copytree(env.vault, theirs / "vault", symlinks=True)
    shutil.copy(env.key, theirs / "ann.key")
    (theirs / "home").mkdir()
    for p in [theirs, *theirs.rglob("*")]:
        os.chown(p, uid, uid, follow_symlinks=False)
    e = Env(theirs, theirs / "vault", theirs / "ann.key", env.recipient, {"HOME": str(theirs / "home")})
    open_to_all = tmp_path / "shared-run"
    open_to_all.mkdir()
    open_to_all.chmod(0o777)
    tmp_path.chmod(0o711)
    fallback = Path(f"/tmp/sendvault-{uid}")
    shutil.rmtree(fallback, ignore_errors=True)
    try:
        yield uid, e, (private_runtime_dir, open_to_all)
    finally:
        shutil.rmtree(fallback, ignore_errors=True)
        shutil.rmtree(theirs, ignore_errors=True)


@ANOTHER_ACCOUNT
def test_another_account_s_runtime_dir_is_not_used(other_account):
    """The report: after `su` without `-`, XDG_RUNTIME_DIR is still the other account's, and every
    command failed with "Permission denied ... check the disk". A runtime directory not our own (another
    owner, or open to others) is now not used, and nothing is made in it."""
    uid, e, foreign_dirs = other_account
    for foreign in foreign_dirs:
        before = sorted(foreign.iterdir())
        extra = {"XDG_RUNTIME_DIR": str(foreign)}
        for args in (["list"], ["note", next(p.stem for p in (e.vault / "cases").iterdir()), "called"], ["verify"]):
            r = _as_user(uid, e, *args, extra=extra)
            assert r.returncode == 0, (args, r.stderr)
        assert sorted(foreign.iterdir()) == before


def _runs_as(uid: int, program: str) -> bool:
    return subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "test", "-x", program]).returncode == 0


@ANOTHER_ACCOUNT
def test_another_account_s_agent_lives_in_its_own_fallback(other_account):
    """unlock as that account, with another's runtime directory: the agent listens in
    /tmp/sendvault-<uid>, the account's own, and commands find it there."""
    uid, e, foreign_dirs = other_account
    if not _runs_as(uid, os.path.realpath(sys.executable)):  # the agent is a new process of this Python
        pytest.skip(f"another account cannot run {sys.executable} here (it lies in a private directory)")
    fallback = Path(f"/tmp/sendvault-{uid}")
    for foreign in foreign_dirs:
        before = sorted(foreign.iterdir())
        extra = {"XDG_RUNTIME_DIR": str(foreign)}
        r = _as_user(uid, e, "unlock", "--json", extra=extra)
        assert r.returncode == 0, r.stderr
        status = json.loads(r.stdout)
        assert Path(status["socket"]).parent == fallback and fallback.stat().st_uid == uid
        assert _as_user(uid, e, "list", extra=extra).returncode == 0
        assert _as_user(uid, e, "lock", extra=extra).returncode == 0
        assert _gone(status["pid"], 5)
        assert sorted(foreign.iterdir()) == before


@ANOTHER_ACCOUNT
def test_root_with_a_user_s_runtime_dir_leaves_nothing_there(env, tmp_path, private_runtime_dir):
    """Root (`su` without `-`) keeps the officer's XDG_RUNTIME_DIR: unlock must not make a root-owned
    directory there. The directory is the user's (chowned to them), so root does not use it."""
    uid = _other_uid()
    users = private_runtime_dir
    os.chown(users, uid, uid)
    fallback = Path(f"/tmp/sendvault-{os.getuid()}")
    if fallback.exists():
        pytest.skip(f"{fallback} is in use on this machine")
    make_case(env)
    try:
        r = env.run("unlock", "--json")
        assert r.exit_code == 0, r.stderr
        status = json.loads(r.stdout)
        assert Path(status["socket"]).parent == fallback
        assert list(users.iterdir()) == []
        assert env.run("list").exit_code == 0
        assert env.run("lock").exit_code == 0
        assert _gone(status["pid"], 5)
    finally:
        shutil.rmtree(fallback, ignore_errors=True)
    assert list(users.iterdir()) == []
