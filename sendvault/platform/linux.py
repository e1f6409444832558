"""The platform interface on Linux (see ``__init__``): each call as the kernel and glibc offer it."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import socket

# --- files ------------------------------------------------------------------------------

# Added to os.open's flags: a link as the last component fails (ELOOP) instead of being followed.
NOFOLLOW = os.O_NOFOLLOW
# Added to os.open's flags for reading: a FIFO planted where a file should be does not hang the open.
NONBLOCK = os.O_NONBLOCK


def sync_file_system(path) -> None:
    """Make every write to the file system holding ``path`` durable: syncfs(2), one flush for a batch of
    files (an import) where an fsync of each costs a journal commit each; sync(2) if libc has no syncfs."""
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if not hasattr(libc, "syncfs"):
        os.sync()
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if libc.syncfs(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)


def fsync_directory(path) -> None:
    """Make a rename or unlink in directory ``path`` durable (fsync of the directory itself)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# What flock(2) says on a file system that cannot lock files (some network shares).
NO_LOCK_ERRNOS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})


def lock_exclusive_now(fd: int) -> None:
    """An exclusive lock on the open file ``fd``, released by the kernel when the process dies.

    ``BlockingIOError`` if another process holds it; ``OSError`` with one of
    ``NO_LOCK_ERRNOS`` where the file system cannot lock files.
    """
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


# File systems that keep no owner or modes per file: the mount's options give every file the same.
_NO_PERMISSIONS = {"vfat": "FAT", "msdos": "FAT", "fuse.fusefat": "FAT", "exfat": "exFAT", "fuse.exfat": "exFAT",
                   "ntfs": "NTFS", "ntfs3": "NTFS", "fuseblk": "FAT, exFAT or NTFS through FUSE",
                   "cifs": "a Windows network share", "smb3": "a Windows network share"}


def without_permissions(path) -> str | None:
    """What kind of file system ``path`` is on if it keeps no file permissions (FAT, exFAT...), else None.

    From /proc/self/mountinfo, the mount nearest above ``path``; None where that cannot be read."""
    import re

    real = os.path.realpath(path)
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    best, kind = "", None
    for line in lines:
        left, _, right = line.partition(" - ")
        fields = left.split()
        if len(fields) < 5 or not right:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])  # \040 is a space
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, right.split()[0]
    return _NO_PERMISSIONS.get(kind or "")


def is_read_only_mount(path) -> bool:
    """Whether the file system ``path`` is on is mounted read-only; ``OSError`` if that cannot be told."""
    return bool(os.statvfs(path).f_flag & os.ST_RDONLY)


# --- places -----------------------------------------------------------------------------

# RAM-backed directories every user may write to; earlier versions also kept scratch files there.
SHARED_RAM_DIRS = ("/dev/shm",)


def ram_dir_candidates() -> list[str]:
    """Where to look for a RAM-backed directory to write plaintext to, best first ("" for none)."""
    # Only a runtime directory of our own: never write into another account's (su without -).
    return [*SHARED_RAM_DIRS, own_runtime_dir() or ""]


def is_ram_backed(path: str) -> bool:
    """Whether ``path`` is on a file system kept in memory (tmpfs, ramfs): the mount nearest above it."""
    try:
        with open("/proc/mounts") as f:
            mounts = [line.split() for line in f]
    except OSError:
        return path == "/dev/shm"
    real = os.path.realpath(path)
    best = ("", "")
    for fields in mounts:
        if len(fields) >= 3 and (real == fields[1] or real.startswith(fields[1].rstrip("/") + "/")):
            if len(fields[1]) > len(best[0]):
                best = (fields[1], fields[2])
    return best[1] in ("tmpfs", "ramfs")


def own_runtime_dir() -> str | None:
    """``$XDG_RUNTIME_DIR`` if it is this user's own: a real directory we own, mode 0700; else None.

    After ``su`` without ``-`` it is still the other account's: using it would fail on
    its permissions, or, as root, leave a root-owned directory there that locks its owner out.
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base or not os.path.isabs(base):
        return None
    try:
        st = os.lstat(base)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077:
        return None
    return base


# The variables that say where a program writes for itself (home, configuration, data, state, caches,
# runtime files, temporary files), each with where it goes inside a private directory given instead.
OWN_PLACE_VARIABLES = (("HOME", "home"), ("XDG_CONFIG_HOME", "home/.config"), ("XDG_DATA_HOME", "home/.local/share"),
                       ("XDG_STATE_HOME", "home/.local/state"), ("XDG_CACHE_HOME", "home/.cache"),
                       ("XDG_RUNTIME_DIR", "run"), ("TMPDIR", "tmp"), ("TMP", "tmp"), ("TEMP", "tmp"))


def runtime_dir(name: str) -> Path:
    """A directory of this user's for sockets: ``name`` in the own runtime directory, else ``/tmp/<name>-<uid>``."""
    base = own_runtime_dir()
    if base:
        return Path(base) / name
    return Path("/tmp") / f"{name}-{os.getuid()}"


# --- who we are -------------------------------------------------------------------------


def own_uid() -> int:
    """The real user id: whose files and sockets are ours."""
    return os.getuid()


def effective_uid() -> int:
    """The effective user id: who owns what this process creates."""
    return os.geteuid()


# --- the agent's socket and process -----------------------------------------------------


def unix_socket() -> socket.socket:
    """A new stream socket for a path on the file system (the agent's)."""
    import socket  # here: a command that never meets the agent does not load it

    return socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a connected ``unix_socket``, told by the kernel."""
    import socket
    import struct

    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def no_core_dumps() -> None:
    """No core file for this process or its children: a crash must not write decrypted records to disk."""
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def harden_process() -> dict:
    """Not dumpable, no core, memory locked if allowed. What was achieved: ``dumpable``, ``mlocked``."""
    import ctypes
    import resource

    done = {"dumpable": True, "mlocked": False}
    no_core_dumps()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return done
    PR_SET_DUMPABLE, PR_GET_DUMPABLE, MCL_CURRENT, MCL_FUTURE = 4, 3, 1, 2
    try:
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        done["dumpable"] = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0
    except AttributeError:
        pass
    # mlockall with MCL_FUTURE makes every later allocation fail beyond RLIMIT_MEMLOCK:
    # lock only if the limit leaves room for the interpreter to grow.
    soft, hard = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or hard > soft):
        try:
            resource.setrlimit(resource.RLIMIT_MEMLOCK, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY or soft >= 512 << 20 or _can_lock_any():
        try:
            done["mlocked"] = libc.mlockall(MCL_CURRENT | MCL_FUTURE) == 0
        except AttributeError:
            pass
    return done


def _can_lock_any() -> bool:
    """Whether this process has CAP_IPC_LOCK (no limit on locked memory)."""
    try:
        with open("/proc/self/status") as f:
            caps = next(line for line in f if line.startswith("CapEff:"))
        return bool(int(caps.split()[1], 16) & (1 << 14))
    except (OSError, StopIteration, ValueError):
        return False


def login_session() -> int | None:
    """The login session this process belongs to (its leader's pid); None if it cannot be told."""
    try:
        return os.getsid(0)
    except OSError:
        return None


def process_start_time(pid: int) -> str | None:
    """When process ``pid`` started, in the kernel's ticks since boot; None if there is no such process.

    With the pid, it names one process: a pid reused by a later process has another start time."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


# --- processes and signals --------------------------------------------------------------


def fork() -> int:
    """A copy of this process sharing nothing but what it inherits: 0 in the child, its pid in the parent."""
    return os.fork()


def start_session() -> None:
    """Leave the terminal's session and process group: Ctrl-C and a hang-up there no longer reach us."""
    os.setsid()


def ignore_stop_signals() -> None:
    """Ignore Ctrl-C, a polite stop and a hang-up (a watchdog that must outlive them)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)


def ask_to_stop(pid: int) -> None:
    """Ask process ``pid`` to stop (it may clean up first); ``OSError`` if it cannot be asked."""
    os.kill(pid, signal.SIGTERM)


def check_still_running(pid: int) -> None:
    """Nothing while process ``pid`` exists; ``ProcessLookupError`` (an ``OSError``) once it is gone."""
    os.kill(pid, 0)


def kill_now(pid: int) -> None:
    """Stop process ``pid`` at once, with no chance to clean up; ``ProcessLookupError`` if it is gone."""
    os.kill(pid, signal.SIGKILL)


def on_hangup_or_term(handler: Callable) -> dict:
    """Call ``handler(signum, frame)`` when asked to stop (SIGTERM) or hung up on (SIGHUP).

    Returns the handlers it replaced, for ``restore_signal_handlers``. ``ValueError``
    outside the main thread (where no handler can be set)."""
    old = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        old[sig] = signal.signal(sig, handler)
    return old


def restore_signal_handlers(old: dict) -> None:
    """Put back the handlers ``on_hangup_or_term`` replaced."""
    for sig, handler in old.items():
        signal.signal(sig, handler)
