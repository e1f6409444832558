"""Transactions: what a change replaced, kept so that a failed write puts every file back (part of ``storage``).

Every file a transaction replaces or removes is first hard-linked into ``local/undo/``
(on a file system without hard links, a FAT or exFAT memory stick, copied there and
fsynced instead), every log it appends to has its size noted, so a write that fails (a
full disk, an I/O error, a read-only mount) puts every file back as it was, by renames
that need no space, and is reported as one ``WriteFailed``. Shredding cannot be
undone, so it closes the part of a transaction that can be (see docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from .. import platform
from ..basics.errors import WriteFailed
from .atomic import fault_step
from .shredding import overwrite

UNDO_DIR = "local/undo"  # a transaction's second names for the files it replaces; never synchronised
READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)
# What link(2) says on a file system without hard links (FAT, exFAT, some network shares).
NO_LINK_ERRNOS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS})


def _copy_synced(target: Path, backup: Path) -> None:
    """Copy ``target`` to the new file ``backup`` (0600) and fsync it: an undo copy that a rollback
    renames back must hold the whole file. A failure (a full disk) leaves no backup and is raised."""
    src = os.open(target, os.O_RDONLY | platform.NOFOLLOW | platform.NONBLOCK)
    try:
        fault_step("open")
        dst = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
        try:
            try:
                data = os.read(src, 1 << 20)
                fault_step("write")
                while data:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(dst, view):]
                    data = os.read(src, 1 << 20)
                st = os.fstat(src)
                os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))  # a rollback puts back the coarse time too
                fault_step("fsync")
                os.fsync(dst)
            finally:
                os.close(dst)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(backup)
            raise
    finally:
        os.close(src)


class UndoLog:
    """What the running transaction changed, and how to put each file back (see ``Store.transaction``)."""

    def __init__(self, root: Path):
        self.dir = root / UNDO_DIR
        self.actions: list | None = None  # None: no transaction
        self._ready = False
        self._links = True  # False once link() failed as on a file system without hard links
        self.copies: dict[Path, Path] = {}  # backup -> its target, for the backups that are copies

    def note(self, action: str, target: Path, arg) -> None:
        if self.actions is not None:
            self.actions.append((action, target, arg))

    def keep(self, target: Path) -> None:
        """Remember how to put ``target`` back: a hard link to it (no space needed), a copy where
        the file system has no hard links, or its absence."""
        if self.actions is None:
            return
        if not self._ready:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._ready = True
        backup = self.dir / secrets.token_hex(8)
        try:
            if self._links:
                try:
                    os.link(target, backup, follow_symlinks=False)
                except OSError as exc:
                    if exc.errno not in NO_LINK_ERRNOS:
                        raise
                    self._links = False  # the rest of this command copies at once
            if not self._links:
                _copy_synced(target, backup)
                self.copies[backup] = target
        except FileNotFoundError:
            self.actions.append(("remove", target, None))
        else:
            self.actions.append(("restore", target, backup))

    def shred_copies(self, target: Path) -> None:
        """Overwrite the copies kept of ``target`` (a link shares the shred's overwrite; a copy does not)."""
        for backup, of in list(self.copies.items()):
            if of == target:
                with contextlib.suppress(OSError):
                    overwrite(backup)

    def no_return(self) -> None:
        """What precedes an irreversible step (a shred) stays: the transaction's undo starts afresh."""
        if self.actions is not None:
            _forget(self.actions)
            self.actions[:] = [("began", None, None)]
            self.copies.clear()

    @contextlib.contextmanager
    def transaction(self, clear_stale: bool):
        """``Store.transaction``; ``clear_stale``: the writers' lock is held, so what a killed process kept can go."""
        if self.actions is not None:
            yield
            return
        if clear_stale:
            self.clear_stale()
        self.actions = []
        try:
            yield
        except BaseException as exc:
            undo, self.actions = self.actions, None
            self.copies.clear()
            began, incomplete = _roll_back(undo)
            if isinstance(exc, OSError):
                what = exc.strerror or type(exc).__name__
                if incomplete:
                    raise WriteFailed(f"writing to the vault failed ({what}), and putting back what it began failed too",
                                      hint="check the disk, then run 'sendvault verify'") from None
                if began:
                    raise WriteFailed(f"writing to the vault failed ({what}) after a step that cannot be undone "
                                      "(a key shredded, a merge); run the same command again to finish it",
                                      hint="'sendvault verify' shows what is unfinished") from None
                raise WriteFailed(f"writing to the vault failed ({what}); nothing was changed",
                                  hint=_hint(exc.errno)) from None
            raise
        else:
            undo, self.actions = self.actions, None
            self.copies.clear()
            _forget(undo)

    def other_names(self, st: os.stat_result) -> int:
        """A file's names, less those a transaction keeps in the undo directory (at least 1).

        A change links the file it replaces there until it ends (or, if killed, until the
        next change): that name is sendvault's own, not a hard link someone made."""
        if st.st_nlink == 1:
            return 1
        return max(1, st.st_nlink - self.names_of(st))

    def names_of(self, st: os.stat_result) -> int:
        """How many names in the undo directory the file ``st`` has (rare: only a file with a second name asks)."""
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return 0
        count = 0
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                other = os.lstat(self.dir / name)
                count += (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)
        return count

    def clear_stale(self) -> None:
        """Remove what a killed process's transaction kept (old versions of files, an old key among them).

        Only under the writers' lock: then no other transaction is running.
        """
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.dir / name)


def _roll_back(undo: list) -> tuple[bool, bool]:
    """Put back every file a failed transaction changed, newest first.

    Only renames, unlinks and truncation: none needs free space. Returns whether it had
    passed an irreversible step, and whether something could not be put back.
    """
    began = incomplete = False
    for action, target, arg in reversed(undo):
        try:
            if action == "restore" and os.path.lexists(target) and os.path.samefile(arg, target):
                os.unlink(arg)  # never replaced: rename() between two links of one file does nothing
            elif action == "restore":
                os.replace(arg, target)
            elif action == "remove":
                os.unlink(target)
            elif action == "cut" and arg is None:
                os.unlink(target)
            elif action == "cut":
                os.truncate(target, arg)
            else:
                began = True
            if target is not None:
                platform.fsync_directory(target.parent)
        except FileNotFoundError:
            pass  # a new file that never reached its name
        except OSError:
            incomplete = True
    return began, incomplete


def _forget(undo: list) -> None:
    """A transaction done: its backup links go (a crash first leaves them as temporary files, which verify notes)."""
    for action, _, backup in undo:
        if action == "restore":
            with contextlib.suppress(OSError):
                os.unlink(backup)


def _hint(code: int | None) -> str:
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on the vault's disk, then run the command again"
    if code in READ_ONLY_ERRNOS:
        return "the vault's files or disk cannot be written here; check the permissions or the mount"
    return "check the disk (an I/O error), then run 'sendvault verify'"
