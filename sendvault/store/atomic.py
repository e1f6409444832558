"""Files written whole or not at all, and the test suite's write-step faults (part of ``storage``).

Every write goes to a temporary file in the same directory, is fsynced, renamed
over the target, and the directory is fsynced: a crash leaves the old file or the
new one, never a torn one.

A fault can make one write step fail, for the fault-injection tests only (``set_fault``,
which only the test suite calls; nothing reads it from the environment); unset, it costs
one comparison per step.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import Callable

from .. import platform
from ..basics.errors import SendvaultError

TMP_PREFIX = ".tmp-"
_FAULT: str | None = None  # set only by the test suite (set_fault)
_fault_counts: dict[str, int] = {}
STEPS = ("open", "write", "fsync", "rename", "dirsync", "shred")


def fault_step(step: str) -> None:
    """Count one write step (one of ``STEPS``); fail it if the test suite's fault says so (``set_fault``).

    ``STEP:N:ERRNO`` fails the Nth step of kind STEP (``any`` counts every
    kind; N ``*`` fails them all) with ERRNO (ENOSPC, EIO, ...); ``count:PATH`` appends each
    step's kind to PATH instead, so a test can learn how many steps a command takes.
    """
    if _FAULT is None:
        return
    kind, _, rest = _FAULT.partition(":")
    if kind == "count":
        with open(rest, "a") as f:
            f.write(step + "\n")
        return
    nth, _, name = rest.partition(":")
    if kind not in ("any", step):
        return
    _fault_counts[kind] = _fault_counts.get(kind, 0) + 1
    if nth == "*" or _fault_counts[kind] == int(nth):
        code = getattr(errno, name)
        raise OSError(code, os.strerror(code))


def set_fault(spec: str | None) -> None:
    """Tests only: fail write steps as ``spec`` says (see ``fault_step``; None: none fails).

    The suite calls it in its own process, or in a child through tests/hooked.py."""
    global _FAULT
    _FAULT = spec or None
    _fault_counts.clear()


def fsync_dir(path: Path) -> None:
    fault_step("dirsync")
    platform.fsync_directory(path)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte (``os.write`` may write fewer); an injected fault writes half first, as a full disk does."""
    try:
        fault_step("write")
    except OSError:
        os.write(fd, data[: len(data) // 2])
        raise
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_pieces(fd: int, produce: Callable[[Callable[[bytes], None]], None]) -> None:
    """``produce(write)``, every piece written whole; one write step for the fault injection, as ``write_all``."""
    fault: OSError | None = None
    try:
        fault_step("write")
    except OSError as exc:
        fault = exc

    def write(piece: bytes) -> None:
        if fault is not None:  # the first piece half written, as a full disk does
            os.write(fd, piece[: len(piece) // 2])
            raise fault
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view):]

    produce(write)
    if fault is not None:
        raise fault


def replace_file(target: Path, data: bytes | Callable[[Callable[[bytes], None]], None], tmp_name: str,
                 mtime: float | None = None, durable: bool = True) -> None:
    """Atomically replace ``target`` with ``data``: a temporary file ``tmp_name`` beside it
    (0600), fsync, rename, fsync the directory. A crash or failure leaves the old file or
    the new one, never a partial one; the temporary file is removed on any failure.

    ``data`` may be a function that writes the contents in pieces through the one it is given.
    Not ``durable``: neither fsync is made here; the caller syncs the file and its directory
    later, before anything depends on it (a batch of new cases: ``storage.deferred_sync``)."""
    tmp = target.parent / tmp_name
    fault_step("open")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
    try:
        try:
            if callable(data):
                _write_pieces(fd, data)
            else:
                write_all(fd, data)
            fault_step("fsync")
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        fault_step("rename")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(target.parent)


def sync_files(root: Path) -> None:
    """Make the files written under ``root`` without a sync durable, data and names, in one flush of
    its file system (an fsync of each file and directory measured 3 ms each here: most of an import)."""
    fault_step("fsync")
    platform.sync_file_system(root)


def create_file(target: Path, data: bytes, tmp_name: str) -> None:
    """Create ``target`` (0600) whole or not at all, never replacing a file there (FileExistsError).

    Written and fsynced as ``tmp_name`` beside it, then given its name with ``link``,
    which fails if the name is taken: a full disk or a crash leaves no empty or partial
    file to block the next try. Where the file system has no hard links (FAT, some
    shares) a rename does it, after checking the name is free.
    """
    tmp = target.parent / tmp_name
    fault_step("open")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
    try:
        try:
            write_all(fd, data)
            fault_step("fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        fault_step("rename")
        try:
            os.link(tmp, target, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
                raise
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
            os.rename(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    fsync_dir(target.parent)


def write_outside(target: Path, data: bytes) -> None:
    """Atomically write a file outside the vault that holds no personal data (a redacted case study).

    The target is refused if it is a symlink.
    """
    target = Path(target)
    if target.is_symlink():
        raise SendvaultError("the output file is a symbolic link; give another path")
    try:
        replace_file(target, data, f".{target.name}.{secrets.token_hex(6)}.tmp")
    except OSError as exc:
        raise SendvaultError(f"the output file could not be written ({exc.strerror or type(exc).__name__})",
                             hint="check the space and permissions where it goes, or choose another place") from None
