"""Editing plaintext in $EDITOR without leaving it on disk (R24).

The plaintext lives in a private directory on a RAM-backed filesystem (/dev/shm).
It is overwritten and removed on every path: normal exit, an error, SIGTERM or
SIGHUP (turned into an exception so ``finally`` runs), and even SIGKILL: a small
watchdog process, forked before the file is written, waits on a pipe that closes
when sendvault dies, then stops the editor and removes the directory.

Whatever the editor is, and whatever it is called, it cannot keep a copy where we
do not look: it runs with HOME, the XDG directories, TMPDIR and its working
directory all inside that private directory (so its own rc files, undo, backup,
swap, history and viminfo land there and are shredded with it), with the
variables that would load another configuration removed, and without core dumps.
An editor recognised by its resolved program (``editor`` and ``vim.basic`` are
vim) also gets the flags that stop it writing swap, undo, backup and viminfo at
all. An editor that hands the file to a running server (emacsclient) is refused:
the server would keep the text. No editor starts without a terminal.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .. import platform
from ..basics.errors import SendvaultError

_test_ram_dir: str | None = None
"""Set only by the test suite (tests/hooks.py), to be searched instead of the usual places: a machine
without /dev/shm. Never read from the environment; a RAM-backed directory is required all the same."""


def ram_dir() -> Path | None:
    """A RAM-backed directory we may write to, or None."""
    override = _test_ram_dir
    candidates = [override] if override is not None else platform.ram_dir_candidates()
    for c in candidates:
        if c and os.path.isdir(c) and os.access(c, os.W_OK) and platform.is_ram_backed(c):
            return Path(c)
    return None


# Programs by the name their file resolves to ("editor" -> vim.basic -> "vim"), before any ".suffix".
VI_FAMILY = {"vi", "vim", "nvim", "view", "rvim", "rview", "ex", "gvim", "vimdiff"}
NANO_FAMILY = {"nano", "rnano"}
EDITOR_SERVERS = {"emacsclient", "gnuclient", "gnudoit"}
_VI_SETTINGS = "silent! set noundofile nobackup nowritebackup noswapfile"

# Variables that would load a configuration from outside the private directory, or reach a running editor.
_FOREIGN_VARIABLES = ("VIMINIT", "EXINIT", "GVIMINIT", "MYVIMRC", "MYGVIMRC", "VIMRUNTIME_USER", "NVIM", "NVIM_LISTEN_ADDRESS",
                      "NVIM_APPNAME", "EMACS_SERVER_FILE", "EMACS_SOCKET_NAME", "ALTERNATE_EDITOR", "NANORC")


def editor_program(name: str) -> str:
    """What an editor is, from the file its command resolves to: ``/usr/bin/editor`` -> ``vim``."""
    return os.path.basename(os.path.realpath(name)).split(".")[0].lower()


# With no EDITOR set, the first of these that is installed: editors a newcomer can use without
# knowing their commands (each shows its keys on screen), vi only where there is nothing else.
EASY_EDITORS = ("nano", "micro", "pico", "mcedit", "ne")


def default_editor() -> str:
    """The editor to use when the officer set none: an easy one where installed, else vi."""
    return next((name for name in EASY_EDITORS if shutil.which(name)), "vi")


def editor_command() -> list[str]:
    """The editor to run, as an argument list whose program is an absolute path, with its no-copies flags."""
    try:
        cmd = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or default_editor())
    except ValueError:
        cmd = []
    found = shutil.which(cmd[0]) if cmd else None
    if found is None:
        raise SendvaultError("cannot start the editor", hint="set EDITOR to an editor on this machine, e.g. EDITOR=nano")
    cmd[0] = os.path.abspath(found)  # the editor runs in the private directory, not here
    program = editor_program(found)
    if program in EDITOR_SERVERS:
        raise SendvaultError("the editor hands the file to a running editor, which would keep a copy of the record",
                             hint="set EDITOR to an editor that runs on its own, e.g. EDITOR=nano or EDITOR='emacs -nw'")
    if program in VI_FAMILY:
        # No swap file, no viminfo/shada, no undo or backup file, before and after any vimrc.
        cmd += ["-n", "-i", "NONE", "--cmd", _VI_SETTINGS, "-c", _VI_SETTINGS]
    elif program in NANO_FAMILY:
        cmd += ["--ignorercfiles"]  # no nanorc may turn on backups or a history log elsewhere
    return cmd


def editor_environment(private: Path) -> dict[str, str]:
    """The editor's environment: every place it may write for itself is under ``private``."""
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_VARIABLES}
    for variable, sub in platform.OWN_PLACE_VARIABLES:
        where = private / sub
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[variable] = str(where)
    return env


def has_terminal() -> bool:
    """Whether the editor would draw on a terminal and read its keys from one (not a log, not a pipe)."""
    try:
        return os.isatty(0) and os.isatty(1)
    except OSError:
        return False


def shred_tree(path: Path) -> None:
    """Overwrite every file under ``path``, then remove it all."""
    if not path.exists():
        return
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(dirpath, name)
            with contextlib.suppress(OSError):
                size = os.lstat(p).st_size
                fd = os.open(p, os.O_WRONLY | platform.NOFOLLOW)
                try:
                    os.write(fd, b"\0" * size)
                    os.fsync(fd)
                finally:
                    os.close(fd)
    shutil.rmtree(path, ignore_errors=True)


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwind so the plaintext is removed."""


def _raise_signalled(signum, frame):
    raise _Signalled(signum)


class EditSession:
    """A private plaintext file for ``$EDITOR``, removed on every way out.

    ``allow_disk``: the user insisted on editing without a RAM-backed directory;
    the file is then overwritten and removed, which is weaker on disk.
    """

    def __init__(self, allow_disk: bool = False, suffix: str = ".toml"):
        base = ram_dir()
        if base is None and not allow_disk:
            raise SendvaultError(
                "there is no RAM-backed directory (/dev/shm) here, so the plaintext would touch the disk",
                hint="run it on a machine with /dev/shm, or pass --insecure-tmp to edit on disk (overwritten and removed after)",
            )
        self.dir = Path(tempfile.mkdtemp(prefix="sendvault-", dir=str(base) if base else None))
        os.chmod(self.dir, 0o700)
        self.file = self.dir / f"edit{suffix}"
        self._watch_pid, self._watch_fd = _start_watchdog(self.dir)
        self._old_handlers = {}

    def __enter__(self) -> "EditSession":
        self._old_handlers.update(platform.on_hangup_or_term(_raise_signalled))
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            shred_tree(self.dir)
        finally:
            platform.restore_signal_handlers(self._old_handlers)
            os.close(self._watch_fd)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._watch_pid, 0)
        if exc_type is _Signalled:
            raise SendvaultError("stopped by a signal; the plaintext copy was removed and nothing was saved")
        return False

    def write(self, text: str) -> None:
        fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | platform.NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)

    def read(self) -> str:
        with open(self.file, encoding="utf-8") as f:
            return f.read()

    def run_editor(self) -> int:
        """Run the editor on the file; Ctrl-C belongs to the editor meanwhile (as git does)."""
        if not has_terminal():  # it would draw the record into a log or a pipe
            raise SendvaultError("an editor needs a terminal and there is none; nothing was shown")
        cmd = editor_command()
        private = self.dir / "editor"
        try:
            proc = subprocess.Popen([*cmd, str(self.file)], env=editor_environment(private), cwd=private)
        except OSError:
            raise SendvaultError("cannot start the editor", hint="set EDITOR to an editor on this machine, e.g. EDITOR=nano") from None
        os.write(self._watch_fd, f"editor {proc.pid}\n".encode())
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            code = proc.wait()
            # Reaped: its pid may be reused, so the watchdog must no longer signal it.
            os.write(self._watch_fd, b"done\n")
            return code
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=2)
            os.write(self._watch_fd, b"done\n")
            raise
        finally:
            signal.signal(signal.SIGINT, old)


def desktop_viewer() -> list[str] | None:
    """The desktop's opener (xdg-open), if there is a desktop to show a document on; else None."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    found = shutil.which("xdg-open")
    return [os.path.abspath(found)] if found else None


class ViewSession(EditSession):
    """A decrypted document in a private RAM-backed directory for the desktop's viewer, removed on every way
    out (the watchdog too, if we are killed). There is no ``--insecure-tmp`` here: without RAM, ``--out``."""

    def __init__(self, name: str):
        if ram_dir() is None:
            raise SendvaultError("there is no RAM-backed directory (/dev/shm) here, so the document would touch the disk",
                                 hint="write a copy where you choose with --out FILE (and delete it after)")
        super().__init__(suffix="")
        self.file = self.dir / name

    def fill(self, produce) -> None:
        """``produce(write)`` writes the plaintext into the file, a piece at a time."""
        fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as f:
            produce(f.write)

    def show(self, viewer: list[str]) -> int:
        """Hand the file to ``viewer``; its exit code (most openers return once the viewer has the file)."""
        try:
            return subprocess.run([*viewer, str(self.file)], stdin=subprocess.DEVNULL, cwd=self.dir).returncode
        except OSError:
            raise SendvaultError("the desktop's viewer could not be started",
                                 hint="write a copy with --out FILE and open it yourself (then delete it)") from None


def _start_watchdog(directory: Path) -> tuple[int, int]:
    """Fork a process that removes ``directory`` once our end of a pipe closes (we exited or died)."""
    r, w = os.pipe()
    pid = platform.fork()
    if pid == 0:  # the watchdog
        try:
            os.close(w)
            platform.start_session()  # Ctrl-C on the terminal must not stop it
            platform.ignore_stop_signals()
            # Release the caller's stdout/stderr so nobody waits on us for output.
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            buf = b""
            while chunk := os.read(r, 256):
                buf += chunk
            editor = None
            for line in buf.decode(errors="replace").splitlines():
                if line.startswith("editor "):
                    editor = int(line.split()[1])
                elif line == "done":
                    editor = None
            if editor is not None:  # sendvault died with the editor still open
                _stop(editor)
            shred_tree(directory)
        finally:
            os._exit(0)
    os.close(r)
    return pid, w


def _stop(pid: int) -> None:
    """Ask an orphaned editor to stop, and give it a moment (it may write a swap file we must remove)."""
    import time

    with contextlib.suppress(OSError):
        platform.ask_to_stop(pid)
        for _ in range(40):
            time.sleep(0.05)
            platform.check_still_running(pid)  # gone: nothing more to do
        platform.kill_now(pid)
