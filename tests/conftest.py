"""Shared fixtures: throw-away keys and vaults, and the real CLI to drive them.

Every test talks to sendvault through its command line (Typer's runner, or a
subprocess where a crash or a second process is the point).
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendvault.store import crypto
from sendvault.cli import app

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "tests" / "hooked.py")]
"""The CLI in a child process, with the test hooks its environment names (tests/hooks.py); a
child that must not have them runs ``python -m sendvault``."""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def make_key(path: Path) -> str:
    """A plain (unprotected) identity file, 0600; returns its recipient."""
    pair = crypto.generate()
    crypto.write_identity_file(path, pair, None)
    return pair.recipient


@dataclass
class Env:
    """A throw-away vault with a manager (Ann) whose key is ``key``."""

    tmp: Path
    vault: Path
    key: Path
    recipient: str
    extra_env: dict = field(default_factory=dict)
    # The officer's identity where sendvault looks by default (XDG_CONFIG_HOME), not given explicitly.
    default_identity: bool = False
    # When the test's vault was made: a file left by the test has its inode changed since (``files_containing``).
    started: float = field(default_factory=lambda: __import__("time").time())

    def use_default_identity(self) -> None:
        """Copy ``key`` to this machine's default place and give no identity explicitly (as an officer at
        their desk); ``key`` is then that copy."""
        import shutil

        config = self.tmp / f"config-{self.vault.name}"
        default = config / "sendvault" / "identity"
        default.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(self.key, default)
        self.key = default
        self.extra_env["XDG_CONFIG_HOME"] = str(config)
        self.default_identity = True

    def env(self, identity: Path | None = None) -> dict:
        given = {} if self.default_identity and identity is None else {"SENDVAULT_IDENTITY": str(identity or self.key)}
        return {
            "SENDVAULT_VAULT": str(self.vault),
            **given,
            "COLUMNS": "200",
            "NO_COLOR": "1",
            **self.extra_env,
        }

    def cli(self, *args: str, identity: Path | None = None, input: str | None = None) -> Result:
        """Run sendvault in-process through Typer's runner."""
        r = CliRunner().invoke(app, list(args), env=self.env(identity), input=input, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    def run(self, *args: str, identity: Path | None = None, input: str | None = None, timeout: float = 120) -> Result:
        """Run sendvault as a real subprocess."""
        p = subprocess.run(
            [*CLI, *args],
            env={**os.environ, **self.env(identity)},
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Result(p.returncode, p.stdout, p.stderr)

    def new_officer(self, name: str, role: str = "officer") -> Path:
        key = self.tmp / f"{name.lower().replace(' ', '-')}.key"
        recipient = make_key(key)
        r = self.cli("officer", "add", name, recipient, "--role", role)
        assert r.exit_code == 0, r.stderr
        return key


@contextlib.contextmanager
def clock_moved(delta):
    """Commands run in this process (``Env.cli``) see the vault's clock moved by ``delta`` (a timedelta).

    The test hook for time: the product has none an officer could reach (no variable, no
    option: the audit trail must not be backdated), so the vault's clock is replaced here,
    in the test's own process, as ``Vault.open`` gives it to every command.
    """
    import datetime as dt

    from sendvault.basics.timefmt import utcnow
    from sendvault.store.vault import Vault

    real = Vault.open.__func__

    def moved(cls, root, now=None):
        return real(cls, root, now=lambda: utcnow() + delta)

    assert isinstance(delta, dt.timedelta)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Vault, "open", classmethod(moved))
        yield


@pytest.fixture(autouse=True)
def no_hooks_left():
    """A test that set a hook in this process (tests/hooks.py) leaves none set for the next."""
    yield
    import hooks

    hooks.reset()


@pytest.fixture
def cheap_scrypt(monkeypatch):
    """New passphrases at scrypt logN 10 (1 ms), here and in the children started through ``CLI``: tests only."""
    from sendvault.store import crypto

    monkeypatch.setattr(crypto, "_test_log_n", 10)
    monkeypatch.setenv("SENDVAULT_INSECURE_TEST_SCRYPT_LOGN", "10")


@pytest.fixture(autouse=True)
def private_runtime_dir(monkeypatch):
    """Each test its own XDG_RUNTIME_DIR (short: a socket path is limited to 108 bytes), so no
    test meets an agent (``sendvault unlock``) another test or the user started."""
    import shutil
    import tempfile

    d = tempfile.mkdtemp(prefix="svrun-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", d)
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)  # an agent left running sees its directory go, and stops


def _init_vault(e: Env) -> None:
    r = e.cli("init", str(e.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", e.recipient,
              "--policy-version", "2025-01", "--locality", "North", "--locality", "South")
    assert r.exit_code == 0, r.stderr


@pytest.fixture(scope="session")
def _template_env(tmp_path_factory) -> Env:
    """The vault every ``env`` starts as, made once a session by ``init`` (whose twenty fsyncs were
    most of a short test's time); the tests about ``init`` itself run it on vaults of their own."""
    d = tmp_path_factory.mktemp("template")
    e = Env(d, d / "vault", d / "ann.key", "")
    e.recipient = make_key(e.key)
    _init_vault(e)
    return e


@pytest.fixture
def env(tmp_path: Path, _template_env: Env) -> Env:
    """A vault as ``init`` leaves it, with Ann its manager: a copy of the session's template (files
    0600 and directories 0700 as init made them, no links shared), this test's own."""
    import shutil

    t = _template_env
    e = Env(tmp_path, tmp_path / "vault", tmp_path / "ann.key", t.recipient)
    shutil.copy(t.key, e.key)
    shutil.copytree(t.vault, e.vault, copy_function=shutil.copy, symlinks=True)
    return e


def one_line_error(r: Result) -> str:
    """Assert the error contract (one error line, optional hint, no traceback); return the error line."""
    assert r.exit_code != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines, "no error printed"
    assert lines[0].startswith("sendvault: error: "), r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    for ln in lines[1:]:
        assert ln.startswith("sendvault: hint: ") or ln.startswith("  - "), r.stderr
    return lines[0]


SAMPLE_CASE = {
    "kind": "case",
    "anonymous": False,
    "record_personal_details": True,
    "contact": {
        "date": "2026-11-02",
        "channel": "phone",
        "route": "self",
        "caller": "parent-carer",
        "parental_responsibility": True,
        "policy_explained": {"version": "2025-01", "date": "2026-11-02", "copy_given": True},
    },
    "person": {"name": "Jane Example", "postcode": "EX1 2NP", "phone": "07700 900123", "email": "jane@example.org"},
    "child": {"name": "Sam Example", "date_of_birth": "2014-03-09", "school": "Example Hill Primary School"},
    "profile": {"age_band": "11-15", "school_phase": "secondary", "sen_stage": "sen-support", "primary_need": "ASD"},
}


# --- Helpers for the vault-core tests (issue 2): cases, files, the reference age CLI ---

import datetime as _dt  # noqa: E402
import json as _json  # noqa: E402
import re as _re  # noqa: E402
import shutil as _shutil  # noqa: E402
import tempfile as _tempfile  # noqa: E402

AGE = _shutil.which("age")
requires_age = pytest.mark.skipif(AGE is None, reason="the reference age CLI is not on PATH (CI installs it: apt-get install age)")

OTHER_CASE = {
    **SAMPLE_CASE,
    "person": {"name": "Kim Other", "postcode": "YO9 8YX", "phone": "07700 900987", "email": "kim@other.example"},
    "child": {"name": "Lee Other", "date_of_birth": "2011-07-21", "school": "Other Vale Academy"},
}

PERSONAL_DATA = [
    "Jane Example", "Sam Example", "EX1 2NP", "07700 900123", "jane@example.org", "Example Hill", "2014-03-09",
    "Kim Other", "Lee Other", "YO9 8YX", "07700 900987", "kim@other.example", "Other Vale", "2011-07-21",
]
"""Every identifying value of SAMPLE_CASE and OTHER_CASE: none may appear in a message or a log."""


def assert_no_personal_data(*texts: str) -> None:
    for text in texts:
        for value in PERSONAL_DATA:
            assert value not in text, f"personal data {value!r} leaked into output"


def _toml_dates(value):
    """SAMPLE_CASE spells dates as strings; an intake file has real TOML dates."""
    if isinstance(value, dict):
        return {k: _toml_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_toml_dates(v) for v in value]
    if isinstance(value, str) and _re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _dt.date.fromisoformat(value)
    return value


def intake_text(case: dict | None = None) -> str:
    import tomli_w

    return tomli_w.dumps(_toml_dates(case or SAMPLE_CASE))


def make_case(env: Env, case: dict | None = None, identity: Path | None = None) -> str:
    """Open a case through ``sendvault intake --from -``; returns its id.

    The intake goes on standard input, never into a file: a test killed between writing
    such a file and removing it (a mutation run stopped at its time limit) left one, with
    its synthetic personal data, in /dev/shm. (``--from FILE`` has tests of its own.)
    """
    import copy

    case = copy.deepcopy(case or SAMPLE_CASE)
    r = env.cli("intake", "--from", "-", identity=identity, input=intake_text(case))
    assert r.exit_code == 0, r.stderr
    cid = r.stdout.strip()
    assert _re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", cid), f"intake printed {r.stdout!r}"
    return cid


def show(env: Env, cid: str, identity: Path | None = None) -> dict:
    """``sendvault show ID --json``, which must succeed."""
    r = env.cli("show", cid, "--json", identity=identity)
    assert r.exit_code == 0, r.stderr
    return _json.loads(r.stdout)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under ``root`` (symlinks not followed): relative path -> bytes, link target or 'dir'."""
    out: dict[str, object] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = ("symlink", os.readlink(p))
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = p.read_bytes()
    return out


def case_file(env: Env, cid: str) -> Path:
    return env.vault / "cases" / f"{cid}.age"


@contextlib.contextmanager
def key_away(env: Env):
    """``env.key`` moved aside for the block (no identity file: only an agent can open the vault), then back."""
    away = env.key.with_name("away.key")
    env.key.rename(away)
    try:
        yield
    finally:
        away.rename(env.key)


def case_key_files(env: Env, cid: str) -> list[Path]:
    return sorted((env.vault / "casekeys").glob(f"{cid}.e*.age"))


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def age_decrypt(data: bytes | Path, identity: bytes | Path) -> subprocess.CompletedProcess:
    """Decrypt with the reference age CLI. An identity given as bytes goes through a
    pipe (``-i -``), so an intermediate key never touches the disk."""
    assert AGE, "age is not on PATH"
    if isinstance(identity, Path):
        args, stdin = ["-i", str(identity)], None
    else:
        args, stdin = ["-i", "-"], identity
    if isinstance(data, Path):
        args.append(str(data))
    else:
        assert stdin is None, "age reads either the identity or the file from stdin, not both"
        stdin = data
    return subprocess.run([AGE, "-d", *args], input=stdin, capture_output=True, timeout=60)


def core_vault(env: Env, key: Path | None = None):
    """The vault opened through the core API (only where no CLI command exists yet)."""
    from sendvault.store.vault import Vault

    v = Vault.open(env.vault)
    v.unlock(crypto.load_identity_file(key or env.key, None))
    return v


PASSPHRASE = "correct horse battery staple"


def spawn(env: Env, *args: str, identity: Path | None = None, timeout: float = 60):
    """sendvault on a real pseudo-terminal (pexpect), for the passphrase prompts."""
    import pexpect

    return pexpect.spawn(
        CLI[0], [*CLI[1:], *args], env={**os.environ, **env.env(identity)},
        cwd=str(env.tmp), encoding="utf-8", timeout=timeout,
    )


def finish(child) -> tuple[int, str]:
    """Wait for a pexpect child to end; returns (exit status, everything it printed since the last expect)."""
    import pexpect

    child.expect(pexpect.EOF)
    out = child.before
    child.close()
    return child.exitstatus, out


@pytest.fixture(scope="session")
def protected_identity(tmp_path_factory) -> tuple[Path, str]:
    """A passphrase-protected identity (PASSPHRASE) and its recipient, made once per session.

    Made by the reference ``age -p`` where it is installed (as the product promises
    to accept, and cheaper: Go picks scrypt logN 18), else in pyrage's format.
    """
    d = tmp_path_factory.mktemp("protected")
    pair = crypto.generate()
    out = d / "pat.key.age"
    if AGE:
        import pexpect

        plain = d / "pat.plain"
        plain.write_text(crypto.identity_file_text(pair, ["test identity"]))
        child = pexpect.spawn(AGE, ["-p", "-o", str(out), str(plain)], encoding="utf-8", timeout=60)
        child.expect("passphrase")
        child.sendline(PASSPHRASE)
        child.expect("onfirm")
        child.sendline(PASSPHRASE)
        child.expect(pexpect.EOF)
        child.close()
        plain.unlink()
        assert child.exitstatus == 0 and out.exists()
    else:
        import pyrage

        out.write_bytes(pyrage.passphrase.encrypt(crypto.identity_file_text(pair, ["test identity"]).encode(), PASSPHRASE))
    out.chmod(0o600)
    return out, pair.recipient


# --- Helpers for the intake and case-work tests (issue 3) ---

VALID_CASE = SAMPLE_CASE
"""SAMPLE_CASE with the age band its date of birth gives (born 2014-03-09, first contact 2026-11-02: 12)."""

ID_RE = _re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def vault_case_files(env: Env) -> list[str]:
    """The names of every case file and case key file: what an intake writes."""
    return sorted(p.name for d in ("cases", "casekeys") for p in (env.vault / d).iterdir())


def case_count(env: Env) -> int:
    return len(list((env.vault / "cases").glob("*.age")))


def audit_log(env: Env) -> list[dict]:
    """``sendvault audit show --json`` (which itself adds an entry after reading)."""
    r = env.cli("audit", "show", "--json")
    assert r.exit_code == 0, r.stderr
    return _json.loads(r.stdout)


def files_containing(marker: bytes, *roots: Path, since: float | None = None) -> list[str]:
    """Every regular file under ``roots`` (symlinks not followed) whose bytes contain ``marker``.

    With ``since``, only files whose inode changed from then on (st_ctime: any write, rename, link
    or chmod sets it, and nothing in user space sets it back), so that a test reads what it could
    have left and not every file of a shared /tmp (hundreds of megabytes on a busy machine)."""
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root, followlinks=False):
            for name in files:
                p = os.path.join(dirpath, name)
                try:
                    st = os.lstat(p)
                    if not stat.S_ISREG(st.st_mode) or (since is not None and st.st_ctime < since):
                        continue
                    with open(p, "rb") as f:
                        if marker in f.read():
                            found.append(p)
                except OSError:
                    continue
    return found


WRITER = ROOT / "tests" / "crash_writer.py"


def case_fields(case: dict | None = None) -> dict:
    """A case's intake fields as the core's create_case takes them (dates as text)."""
    import copy

    return copy.deepcopy(case or SAMPLE_CASE)


@pytest.fixture
def ram_dir():
    """A private temporary directory in RAM (/dev/shm), for files holding (synthetic) personal data."""
    ram = "/dev/shm" if os.path.isdir("/dev/shm") else None
    d = Path(_tempfile.mkdtemp(prefix="sendvault-test-", dir=ram))
    yield d
    _shutil.rmtree(d, ignore_errors=True)


def start_writer(env: Env, fields_file: Path, *extra: str, key: Path | None = None) -> subprocess.Popen:
    """tests/crash_writer.py as a subprocess (stdout: 'ready', then one case id a line)."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(env.vault), str(key or env.key), str(fields_file), *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)]))},
    )


# --- sendvault on a terminal (a pty) without pexpect: stdin and stdout the terminal, stderr a pipe ---

import contextlib as _contextlib  # noqa: E402
import pty as _pty  # noqa: E402
import threading as _threading  # noqa: E402


def tty_start(env: Env, *args: str, extra_env: dict | None = None, **kw) -> subprocess.Popen:
    """sendvault with a terminal (a pty) for standard input and output; stderr a pipe; ``proc.read_terminal()`` its output."""
    master, slave = _pty.openpty()
    proc = subprocess.Popen(
        [*CLI, *args], env={**os.environ, **env.env(), **(extra_env or {})},
        stdin=slave, stdout=slave, stderr=subprocess.PIPE, text=True, **kw,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # the terminal's output, read as it comes so a long one never blocks
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: every process holding the terminal has gone
                return
            if not data:
                return
            chunks.append(data)

    reader = _threading.Thread(target=drain, daemon=True)
    reader.start()

    def read_terminal() -> str:
        reader.join(10)
        with _contextlib.suppress(OSError):
            os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    proc.type_in = lambda text: os.write(master, text.encode())
    proc.read_terminal = read_terminal
    return proc


def tty_run(env: Env, *args: str, input: str | None = None, timeout: float = 120, extra_env: dict | None = None) -> Result:
    """Run sendvault to the end on a terminal, typing ``input`` (the answer to a question)."""
    proc = tty_start(env, *args, extra_env=extra_env)
    if input:
        proc.type_in(input)
    try:
        _, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return Result(proc.returncode, proc.read_terminal(), err)




# --- What `make test` runs apart, one test at a time (the `serial` marker) ---

SERIAL_MODULES = {
    # SIGKILL at moments timed against the machine, or several writers racing on purpose
    "test_crash.py", "test_crash_commands.py", "test_purge_crash.py", "test_concurrency.py",
    "test_sync_leaks.py", "test_filesystems.py",
    # an agent's or an editor's processes and time-outs; plaintext sought in the whole of /tmp and /dev/shm
    "test_agent.py", "test_edit.py", "test_editor_copies.py", "test_hygiene.py",
}
SERIAL_TESTS = {
    # killed at a moment, or what /tmp or /dev/shm gained while it ran, or a time limit
    "test_attach.py": {"test_open_hands_a_ram_copy_to_the_viewer_and_removes_it",
                       "test_killed_mid_attach_leaves_the_case_as_it_was_and_the_next_attach_cleans_up",
                       "test_no_plaintext_left_in_tmp_shm_the_vault_or_home",
                       "test_open_killed_while_the_document_is_shown_leaves_no_copy",
                       "test_shares_and_copies_hold_no_document_in_the_clear"},
    "test_disclosure.py": {"test_no_plaintext_left_on_success_or_refusal", "test_no_plaintext_left_when_killed"},
    "test_export.py": {"test_no_file_is_left_when_interrupted"},
    "test_import.py": {"test_killed_half_way_the_next_run_imports_the_rest_and_duplicates_nothing"},
    "test_sar.py": {"test_no_plaintext_left_when_killed"},
    "test_parallel.py": {"test_a_batch_no_longer_wanted_is_stopped_at_once"},
    "test_terminal_words.py": {"test_unlock_says_how_long_in_words"},
}


def pytest_collection_modifyitems(config, items):
    """Mark ``serial`` what must not share the machine with another test of the suite: a test that
    kills a process at a moment timed against the machine, races writers on purpose, waits against
    a time limit, or reads what appeared anywhere in /tmp or /dev/shm while it ran (another test's
    files would be counted as its own). ``make test`` runs the rest two at a time (pytest-xdist),
    then these alone. A new test of that kind: ``@pytest.mark.serial`` or a row here."""
    for item in items:
        module = item.path.name
        if (module in SERIAL_MODULES or item.originalname in SERIAL_TESTS.get(module, ())
                or item.get_closest_marker("slow")):
            item.add_marker(pytest.mark.serial)
