"""Issue 12: `sendvault unlock` / `lock`, the agent that holds an officer's identity for a session."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sendvault import agent, crypto

from conftest import make_case


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


@pytest.fixture
def unlocked(env):
    cid = make_case(env)
    status = _unlock(env)
    yield env, cid, status
    try:
        os.kill(status["pid"], signal.SIGTERM)
    except ProcessLookupError:
        pass


def test_commands_work_with_the_agent_and_without_it(unlocked):
    env, cid, status = unlocked
    assert status["dumpable"] is False
    away = env.key.with_name("away.key")
    env.key.rename(away)  # no identity file: only the agent can open the vault
    try:
        r = env.run("show", cid, "--json")
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["id"] == cid
        assert env.run("note", cid, "called back").exit_code == 0
        assert env.run("lock").exit_code == 0
        assert _gone(status["pid"], 5)
        r = env.run("show", cid)
        assert r.exit_code != 0 and "no identity file" in r.stderr  # falls back to the identity file
    finally:
        away.rename(env.key)
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
    assert "sendvault.agent" in modules  # it did use the agent
    for heavy in ("fpdf", "sendvault.export", "sendvault.index", "multiprocessing", "pydantic", "jsonschema", "cryptography"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy
