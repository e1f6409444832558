"""The agent: an officer's identity held in memory for a working session, as ssh-agent does.

``sendvault unlock`` reads the identity (asking its passphrase once) and starts a
small process that keeps it; commands then ask that process instead of the
passphrase, and ``sendvault lock`` makes it forget at once. Like ssh-agent, the
agent never hands the officer's key out: it *unwraps* on request. A command sends
the bytes of a wrapped vault-key file (``vaultkeys/<E>.age``); the agent decrypts
them and returns the vault key, and only if the plaintext is a sendvault vault
key (it is no general decryption oracle). See docs/threat-model.md.

Where it listens: ``$XDG_RUNTIME_DIR/sendvault/agent.sock``, or
``/tmp/sendvault-<uid>/agent.sock`` without a runtime directory of the user's own
(none set, or another account's, as after ``su`` without ``-``); the directory is
the user's own, mode 0700, checked on every use (never followed if a link).
Every connection's peer credentials (SO_PEERCRED) must be the agent's own uid.

The agent process: not dumpable and not attachable (``prctl(PR_SET_DUMPABLE, 0)``,
core size 0), its memory locked against swap where the platform allows
(``mlockall``), nothing written but a log line without key material. It exits,
forgetting the key, after ``timeout`` seconds without a request, when the login
session it was started in ends (the session leader is gone, or the runtime
directory removed), on ``lock``, and, with a message in ``agent.log``, when its
socket or directory is replaced or opened up to others.

Protocol, over a Unix stream socket, one request per connection: a 4-byte
big-endian length then the message, whose first byte says what it is:
``R`` recipients (answer: one public recipient a line), ``U`` + file bytes
(unwrap: the vault key's identity file text), ``S`` status (JSON), ``L`` lock.
Answers start ``K`` (done) or ``E`` (refused: a reason in words).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import struct
import sys
import time
from pathlib import Path

from .. import platform
from ..basics.errors import SendvaultError

SOCKET_NAME = "agent.sock"
LOG_NAME = "agent.log"
DEFAULT_TIMEOUT = 30 * 60
MAX_MESSAGE = 1 << 20
VAULT_KEY_MARK = "# sendvault vault key"


class AgentError(SendvaultError):
    """The agent's directory or socket is not safe to use, or the agent failed."""


# --- where: the runtime directory --------------------------------------------------


def runtime_dir() -> Path:
    # The user's own runtime directory, never another account's (su without -): platform.own_runtime_dir.
    return platform.runtime_dir("sendvault")


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def check_dir(path: Path) -> os.stat_result:
    """The directory's stat, if it is a real directory of ours with mode 0700; else AgentError."""
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise AgentError(f"{path} is not a directory (a link?): the agent will not use it",
                         hint=f"remove {path} and run 'sendvault unlock' again")
    if st.st_uid != platform.own_uid():
        raise AgentError(f"{path} belongs to another user: the agent will not use it",
                         hint=f"remove {path} (or set XDG_RUNTIME_DIR) and run 'sendvault unlock' again")
    if stat.S_IMODE(st.st_mode) & 0o077:
        raise AgentError(f"{path} is open to others (mode {stat.S_IMODE(st.st_mode):o}): the agent will not use it",
                         hint=f"remove {path} and run 'sendvault unlock' again")
    return st


def make_dir() -> Path:
    path = runtime_dir()
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    check_dir(path)
    return path


# --- the client side (every command) ------------------------------------------------


def _send(sock: socket.socket, message: bytes) -> None:
    sock.sendall(struct.pack(">I", len(message)) + message)


def _recv(sock: socket.socket) -> bytes | None:
    head = _recv_exact(sock, 4)
    if head is None:
        return None
    (n,) = struct.unpack(">I", head)
    if n > MAX_MESSAGE:
        return None
    return _recv_exact(sock, n)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(n - got)
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class Agent:
    """A running agent, as a command sees it: ask for recipients, unwrap vault keys, lock."""

    def __init__(self, path: Path):
        self.path = path

    def request(self, message: bytes, timeout: float = 10.0) -> bytes:
        sock = platform.unix_socket()
        try:
            sock.settimeout(timeout)
            sock.connect(str(self.path))
            if platform.peer_uid(sock) != platform.own_uid():
                raise AgentError("the agent's socket is held by another user: not used",
                                 hint="run 'sendvault lock' and 'sendvault unlock' again")
            _send(sock, message)
            answer = _recv(sock)
        except OSError:
            raise AgentError("the agent did not answer", hint="run 'sendvault unlock' again") from None
        finally:
            sock.close()
        if not answer:
            raise AgentError("the agent refused or closed the connection", hint="run 'sendvault unlock' again")
        if answer[:1] != b"K":
            raise AgentError(f"the agent refused: {answer[1:].decode('utf-8', 'replace')}")
        return answer[1:]

    def recipients(self) -> list[str]:
        return self.request(b"R").decode().split()

    def unwrap(self, data: bytes, what: str) -> bytes:
        """The vault key file ``data``, decrypted by the agent (raises ``crypto.NoMatch`` if its key does not open it)."""
        from ..store import crypto

        try:
            return self.request(b"U" + data)
        except AgentError as exc:
            if "no matching key" in str(exc):
                raise crypto.NoMatch(what) from None
            raise

    def status(self) -> dict:
        return json.loads(self.request(b"S"))

    def lock(self) -> None:
        self.request(b"L")


def find() -> Agent | None:
    """The running agent of this user, or None (no socket, or nobody listening there).

    A directory or socket that is not safely ours raises AgentError: a command
    never talks to an agent someone else could have put there.
    """
    path = socket_path()
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        # No socket, but the agent's directory opened up or replaced: the agent may have seen it
        # first and stopped; the officer is told either way.
        if os.path.lexists(path.parent):
            check_dir(path.parent)
        return None
    check_dir(path.parent)
    if not stat.S_ISSOCK(st.st_mode) or st.st_uid != platform.own_uid():
        raise AgentError(f"{path} is not the agent's socket: not used", hint=f"remove {path}")
    return Agent(path)


def alive(agent: Agent) -> bool:
    try:
        agent.status()
        return True
    except AgentError:
        return False


def start(secret_lines: list[str], timeout: float, session: int | None, source: str | None = None) -> dict:
    """Start the agent with the identities ``secret_lines`` (sent over a pipe, never written); its status.

    ``source`` names the identity file they came from (``file_id``): a command given that
    file explicitly may use the agent; given another, it uses that file."""
    import subprocess

    directory = make_dir()
    existing = find()
    if existing is not None:
        if alive(existing):
            raise AgentError("an agent is already running", hint="'sendvault lock' first to unlock with another key")
        os.unlink(existing.path)  # left by an agent that was killed
    argv = [sys.executable, "-m", "sendvault.agent.keyholder", "--timeout", repr(float(timeout))]
    if session:
        argv += ["--session", str(session)]
    if source:
        argv += ["--source", source]
    log = os.open(directory / LOG_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT | platform.NOFOLLOW, 0o600)
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                start_new_session=True, close_fds=True, cwd="/")
    finally:
        os.close(log)
    try:
        proc.stdin.write(("\n".join(secret_lines) + "\n").encode())
        proc.stdin.close()
        ready = proc.stdout.readline()
    finally:
        proc.stdout.close()
    if not ready.startswith(b"ready"):
        proc.wait(timeout=5)
        raise AgentError("the agent could not start", hint=f"see {directory / LOG_NAME}")
    return json.loads(ready[len(b"ready "):])


def file_id(path: Path) -> str | None:
    """Which file ``path`` is (device and inode), to tell the agent's identity file from another; None if absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}"


def session_id() -> int | None:
    """The login session (its leader's pid) the agent ends with; None if it cannot be told."""
    sid = platform.login_session()
    if sid is None:
        return None
    return sid if platform.process_start_time(sid) is not None else None


def parse_timeout(text: str) -> float:
    """'30m', '90s', '2h' or a number of minutes, as seconds (at least 1 second)."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if text and text[-1] in units:
            seconds = float(text[:-1]) * units[text[-1]]
        else:
            seconds = float(text) * 60
    except ValueError:
        seconds = -1
    if not 1 <= seconds <= 24 * 3600:
        from ..basics.errors import UsageError

        raise UsageError("--timeout is a duration from 1s to 24h, e.g. 30m, 90s, 2h")
    return seconds


# --- the agent process --------------------------------------------------------------


def _log(message: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    sys.stderr.write(f"{stamp} sendvault agent [{os.getpid()}]: {message}\n")
    sys.stderr.flush()


class _Server:
    def __init__(self, identities: list, timeout: float, session: int | None, hardened: dict, source: str | None = None):
        self.identities = identities
        self.source = source
        self.timeout = timeout
        self.hardened = hardened
        self.session = session
        self.session_start = platform.process_start_time(session) if session else None
        self.directory = make_dir()
        self.path = self.directory / SOCKET_NAME
        self.sock = platform.unix_socket()
        old = os.umask(0o177)
        try:
            self.sock.bind(str(self.path))
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        self.sock.listen(8)
        self.sock.settimeout(min(1.0, timeout / 4))
        self.dir_id = self._id(self.directory)
        self.sock_id = self._id(self.path)
        self.last_use = time.monotonic()

    @staticmethod
    def _id(path: Path) -> tuple:
        st = os.lstat(path)
        return st.st_dev, st.st_ino, st.st_uid, stat.S_IMODE(st.st_mode), stat.S_IFMT(st.st_mode)

    def forget(self) -> None:
        self.identities.clear()

    def why_stop(self) -> str | None:
        """A reason to stop now (timeout, session ended, socket tampered with), or None."""
        if time.monotonic() - self.last_use > self.timeout:
            return "idle timeout: key forgotten"
        if self.session_start is not None and platform.process_start_time(self.session) != self.session_start:
            return "the login session ended: key forgotten"
        if not self.directory.exists():
            return "the runtime directory was removed (logout?): key forgotten"
        try:
            if self._id(self.directory) != self.dir_id or self._id(self.path) != self.sock_id:
                return "TAMPERING: the agent's socket or directory was replaced or its mode changed; key forgotten, agent stopped"
        except FileNotFoundError:
            return "TAMPERING: the agent's socket was removed; key forgotten, agent stopped"
        return None

    def run(self) -> None:
        reason = None
        while reason is None:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                reason = self.why_stop()
                continue
            reason = self.why_stop()  # checked before answering, not only when idle
            if reason is not None:
                conn.close()
                break
            with conn:
                reason = self.handle(conn)
        self.forget()
        self.sock.close()
        try:
            if self._id(self.path) == self.sock_id:
                os.unlink(self.path)
        except FileNotFoundError:
            pass
        _log(reason)

    def handle(self, conn: socket.socket) -> str | None:
        conn.settimeout(5)
        try:
            uid = platform.peer_uid(conn)
            if uid != platform.own_uid():
                _log(f"refused a connection from uid {uid}")
                _send(conn, b"Ewrong user")
                return None
            message = _recv(conn)
            if not message:
                return None
            kind, body = message[:1], message[1:]
            if kind == b"L":
                _send(conn, b"K")
                return "locked: key forgotten"
            self.last_use = time.monotonic()
            _send(conn, self.answer(kind, body))
        except OSError:
            pass
        return None

    def answer(self, kind: bytes, body: bytes) -> bytes:
        from ..store import crypto

        if kind == b"R":
            return b"K" + "\n".join(str(i.to_public()) for i in self.identities).encode()
        if kind == b"S":
            left = self.timeout - (time.monotonic() - self.last_use)
            return b"K" + json.dumps({"pid": os.getpid(), "idle_timeout_s": self.timeout, "expires_in_s": round(left),
                                      "session": self.session if self.session_start else None, "source": self.source,
                                      **self.hardened}).encode()
        if kind == b"U":
            try:
                plain = crypto.decrypt(body, self.identities, "the file given")
            except crypto.NoMatch:
                return b"Eno matching key"
            except SendvaultError:
                return b"Enot an age file"
            if not plain.startswith(VAULT_KEY_MARK.encode()):
                return b"Eonly sendvault vault keys are unwrapped"
            return b"K" + plain
        return b"Eunknown request"


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="sendvault.agent.keyholder")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    ap.add_argument("--session", type=int)
    ap.add_argument("--source")
    args = ap.parse_args(argv)
    hardened = platform.harden_process()  # before the key is read
    from ..store import crypto

    try:
        pairs = crypto.parse_identities(sys.stdin.read())
    except ValueError:
        _log("no identity given")
        return 1
    sys.stdin.close()
    identities = [p.identity for p in pairs]
    del pairs
    try:
        server = _Server(identities, args.timeout, args.session, hardened, args.source)
    except (OSError, AgentError) as exc:
        _log(f"cannot listen: {exc}")
        return 1
    _log(f"started (idle timeout {args.timeout:.0f} s; mlocked: {hardened['mlocked']}; dumpable: {hardened['dumpable']})")
    status = {"pid": os.getpid(), "socket": str(server.path), "idle_timeout_s": args.timeout,
              "session": server.session if server.session_start else None, **hardened}
    sys.stdout.write("ready " + json.dumps(status) + "\n")
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
