"""The only door to the vault's files: safe paths, atomic writes, transactions, shredding, the lock.

``Store`` reads and writes a directory's files; nothing inside the vault is reached
through a symlink or a second name. Its parts, each a module of ``store``: ``atomic``
(a file written whole or not at all, and the test suite's write-step faults), ``undo``
(a change is a transaction: a write that fails puts every file back), ``shredding``
(overwritten before removed) and ``locking`` (the writers' lock, which the kernel releases
when a process dies, so a killed writer never leaves the vault locked). The rest of
sendvault imports what it needs of them from here.

A change is a transaction (``Store.transaction``, held by ``Vault.locked``), reported as
one ``WriteFailed`` if a write fails; shredding cannot be undone, so it closes the part
of a transaction that can be (see docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Callable, Iterator

from .. import platform
from ..basics.errors import ReadOnlyVault, VaultCorrupt
from .atomic import TMP_PREFIX, fault_step, fsync_dir, replace_file, sync_files, write_all
from .locking import try_lock, wait_for_lock
from .shredding import overwrite
from .undo import UndoLog

# What the rest of sendvault takes of storage's parts, named here so that ``storage`` stays its one door.
from .atomic import STEPS, create_file, set_fault, write_outside  # noqa: F401
from .shredding import KEY_OBJECTS, discard_key_objects  # noqa: F401


def unmake_vault(root: Path, created: bool) -> None:
    """Remove what an ``init`` cut short had made: a vault half made is no vault.

    ``created``: the directory itself was made by that ``init`` (else it was empty before)."""
    import shutil

    if created:
        shutil.rmtree(root, ignore_errors=True)
        return
    for child in list(root.iterdir()) if root.is_dir() else []:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                child.unlink()


def set_private_umask() -> None:
    # Files the vault creates are for its officers' user only.
    os.umask(0o077)


def _read_all(fd: int, size: int, rel: str) -> bytes:
    """Every byte of the open file ``fd`` (then closed), ``size`` long when it was stat'ed.

    ``os.read`` straight into bytes: a file object around the descriptor cost as much
    as the read itself, twice per case when a whole vault is read.
    """
    try:
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:  # it grew meanwhile (a write in place): read on to the end
            chunks.append(os.read(fd, 1 << 16))
    except OSError as exc:
        raise VaultCorrupt(f"cannot read {rel}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


class Store:
    """A directory whose files are read and written only through this class."""

    def __init__(self, root: Path):
        self.root = root
        self._lock_depth = 0
        self._undo = UndoLog(root)
        self.read_only = _read_only(root)
        self._unsynced: list[Path] | None = None  # in ``deferred_sync``: the files written, to sync at its end

    # --- paths ---------------------------------------------------------------

    def path(self, rel: str) -> Path:
        """``rel`` under the root, refusing ``..``, absolute paths and symlinked components."""
        parts = rel.split("/")
        if rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise VaultCorrupt(f"refusing unsafe path {rel!r} inside the vault")
        p = self.root
        for part in parts:
            p = p / part
            if p.is_symlink():
                raise _linked(rel)
        return p

    def exists(self, rel: str) -> bool:
        return self.path(rel).exists()

    def listdir(self, rel: str) -> list[str]:
        try:
            return sorted(os.listdir(self.path(rel)))
        except FileNotFoundError:
            return []

    def stats(self, rel: str) -> dict[str, tuple[int, int, int]]:
        """Every regular file in directory ``rel``: name -> (size, mtime_ns, inode), links not followed.

        What the index compares to notice a file changed by another process or replaced by a sync.
        """
        return dict(self.scan(rel))

    def figures(self, rel: str) -> tuple[int, int, int] | None:
        """``rel``'s (size, mtime_ns, inode) as ``stats`` gives them, or None if it is not a regular file."""
        try:
            st = os.lstat(f"{self.root}/{rel}")
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino) if stat.S_ISREG(st.st_mode) else None

    def scan(self, rel: str) -> Iterator[tuple[str, tuple[int, int, int]]]:
        """``stats`` a file at a time: 100,000 files' names and figures are never all in memory at once."""
        return _scan(self.path(rel))

    def entries(self, skip: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
        """Everything under the root but the top-level names in ``skip``: (path, st_mode, names), links not followed.

        ``names`` counts a file's names outside the undo directory (see ``_other_names``)."""
        found = []
        for dirpath, dirs, files in os.walk(self.root):
            rel_dir = os.path.relpath(dirpath, self.root)
            if rel_dir == ".":
                dirs[:] = [d for d in dirs if d not in skip]
                files = [f for f in files if f not in skip]
            for name in dirs + files:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                with contextlib.suppress(FileNotFoundError):
                    st = os.lstat(os.path.join(dirpath, name))
                    found.append((rel, st.st_mode, self._undo.other_names(st) if stat.S_ISREG(st.st_mode) else st.st_nlink))
        return found

    def without_permissions(self) -> str | None:
        """The kind of file system the vault is on if it keeps no file permissions (FAT, exFAT...), else None."""
        return platform.without_permissions(self.root)

    def dir_state(self, rel: str) -> tuple[int, int, int] | None:
        """Directory ``rel``'s (inode, mtime_ns, ctime_ns), or None if absent: a file created, renamed or
        unlinked in it changes both times, even ``rsync -a`` setting them back changes the ctime."""
        try:
            st = os.lstat(self.path(rel))
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns)

    def top_level(self) -> list[str]:
        """The names at the vault's root."""
        return sorted(os.listdir(self.root))

    def kind(self, rel: str) -> str | None:
        """"link", "dir", "file" (anything else counts as a file) or None; links not followed."""
        try:
            mode = os.lstat(os.path.join(self.root, rel)).st_mode
        except FileNotFoundError:
            return None
        return "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "file"

    # --- reading -------------------------------------------------------------

    def read(self, rel: str) -> bytes:
        """The bytes of ``rel``; ``FileNotFoundError`` if absent.

        The hot path of every bulk read: string paths, an ``lstat`` for each directory
        above the file only, and ``O_NOFOLLOW`` refusing a linked file itself.
        """
        fd, size = _open_regular(self.root, self._undo, rel)
        return _read_all(fd, size, rel)

    @contextlib.contextmanager
    def reader(self, rel: str):
        """``rel`` open for reading a piece at a time (a document too large to read whole), refused as ``read`` refuses."""
        fd, _size = _open_regular(self.root, self._undo, rel)
        with os.fdopen(fd, "rb") as f:
            yield f

    def read_tail(self, rel: str, size: int) -> tuple[int, bytes]:
        """The last ``size`` bytes of ``rel`` and the offset they start at; ``FileNotFoundError`` if absent."""
        fd = os.open(self.path(rel), os.O_RDONLY | platform.NOFOLLOW | platform.NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            start = max(0, f.seek(0, 2) - size)
            f.seek(start)
            return start, f.read()

    def peek(self, rel: str, size: int) -> bytes:
        """The first ``size`` bytes of ``rel`` (empty if it cannot be read): enough to tell what it is."""
        try:
            fd = os.open(self.path(rel), os.O_RDONLY | platform.NOFOLLOW | platform.NONBLOCK)
        except OSError:
            return b""
        with os.fdopen(fd, "rb") as f:
            try:
                return f.read(size)
            except OSError:
                return b""

    # --- writing -------------------------------------------------------------

    def write(self, rel: str, data: bytes | Callable[[Callable[[bytes], None]], None], mtime: float | None = None) -> None:
        """Atomically replace ``rel`` with ``data`` (temp file, fsync, rename, fsync dir).

        ``data`` may be a function writing the contents a piece at a time through the
        one it is given (a file too large to hold twice): nothing is renamed into place
        unless it returns. ``mtime`` sets the file's modification time (a coarse one
        where the exact instant would say too much)."""
        target = self._writable(rel)
        with contextlib.suppress(FileNotFoundError):
            if self._undo.other_names(os.lstat(target)) > 1:  # the other name would keep the old contents
                raise _hard_linked(rel)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._undo.keep(target)
        replace_file(target, data, f"{TMP_PREFIX}{secrets.token_hex(8)}", mtime, durable=self._unsynced is None)
        if self._unsynced is not None:
            self._unsynced.append(target)

    def append(self, rel: str, data: bytes) -> None:
        """Append and fsync (for the audit log; in a transaction a failure cuts it back to its old size)."""
        target = self._writable(rel)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        created = not target.exists()
        fault_step("open")
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | platform.NOFOLLOW, 0o600)
        self._undo.note("cut", target, None if created else os.fstat(fd).st_size)
        try:
            if self._undo.other_names(os.fstat(fd)) > 1:
                raise _hard_linked(rel)
            write_all(fd, data)
            fault_step("fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(target.parent)

    def truncate(self, rel: str, size: int) -> None:
        fd = os.open(self._writable(rel), os.O_WRONLY | platform.NOFOLLOW)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def remove(self, rel: str) -> None:
        p = self._writable(rel)
        if not os.path.lexists(p):
            return
        self._undo.keep(p)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
            fsync_dir(p.parent)

    def remove_dir(self, rel: str) -> None:
        """Remove the empty directory ``rel`` (nothing if it is absent or not empty)."""
        p = self._writable(rel)
        with contextlib.suppress(FileNotFoundError, OSError):
            os.rmdir(p)
            fsync_dir(p.parent)

    def mkdir(self, rel: str) -> None:
        self._writable(rel).mkdir(parents=True, exist_ok=True, mode=0o700)

    def _writable(self, rel: str) -> Path:
        if self.read_only:
            raise ReadOnlyVault("this vault is read-only here (a read-only mount or copy): it can be read, not changed",
                                hint="work on a writable copy of the vault")
        return self.path(rel)

    # --- transactions --------------------------------------------------------

    def transaction(self):
        """Make the writes in this block all happen or, if one fails, none (re-entrant).

        An ``OSError`` of a write becomes one ``WriteFailed`` after every file is put back.
        """
        return self._undo.transaction(clear_stale=bool(self._lock_depth) and not self.read_only)

    def point_of_no_return(self) -> None:
        """Say that something irreversible outside this class happened (a git merge): see ``_no_return``."""
        self._no_return()

    def _no_return(self) -> None:
        """What precedes an irreversible step (a shred) stays: the transaction's undo starts afresh."""
        self._undo.no_return()

    # --- the lock ------------------------------------------------------------

    @property
    def lock_depth(self) -> int:
        """How many ``lock`` blocks of this Store are open (0: the lock is not held)."""
        return self._lock_depth

    @contextlib.contextmanager
    def lock(self, rel: str):
        """Hold an exclusive ``flock`` on ``rel`` (released by the kernel if we die).

        Re-entrant within one Store: a second flock on a new descriptor of the same
        file would wait for ourselves.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        if self.read_only:
            # Nothing is written through a read-only vault, so its readers need no lock.
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
            return
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(p, os.O_RDWR | os.O_CREAT | platform.NOFOLLOW, 0o600)
        try:
            wait_for_lock(fd)
            self._lock_depth = 1
            yield
        finally:
            self._lock_depth = 0
            os.close(fd)

    @contextlib.contextmanager
    def exclusive(self, rel: str):
        """Hold a second, non-blocking ``flock`` on ``rel`` (one purge at a time); ``BlockingIOError`` if taken."""
        p = self._writable(rel)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(p, os.O_RDWR | os.O_CREAT | platform.NOFOLLOW, 0o600)
        try:
            try_lock(fd)
            yield
        finally:
            os.close(fd)

    def shred(self, rel: str) -> None:
        """Overwrite in place, then unlink.

        Unlinking is what destroys (no copy of the key may exist); overwriting first
        is a best effort against recovery from the same disk, so its failure does not stop
        the unlinking. Irreversible: ends what a transaction can undo.
        """
        p = self._writable(rel)
        if not os.path.lexists(p):
            return
        self._undo.shred_copies(p)
        self._no_return()
        with contextlib.suppress(OSError):
            fault_step("shred")  # one step: its failure is tolerated by design
            overwrite(p)
        os.unlink(p)
        fsync_dir(p.parent)


def _open_regular(root_path: Path, undo: UndoLog, rel: str) -> tuple[int, int]:
    """A descriptor of the regular file ``rel`` and its size: no link of either kind, no FIFO."""
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise VaultCorrupt(f"refusing unsafe path {rel!r} inside the vault")
    root = os.fspath(root_path)
    d = root
    for part in parts[:-1]:
        d = f"{d}/{part}"
        if os.path.islink(d):
            raise _linked(rel)
    try:
        # O_NONBLOCK: a FIFO planted in the vault must not hang a reader holding the lock.
        fd = os.open(f"{root}/{rel}", os.O_RDONLY | platform.NOFOLLOW | platform.NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise FileNotFoundError(rel) from None
        if exc.errno == errno.ELOOP:
            raise _linked(rel) from None
        raise VaultCorrupt(f"cannot read {rel}: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or undo.other_names(st) > 1:
        os.close(fd)
        raise (_hard_linked(rel) if stat.S_ISREG(st.st_mode) else
               VaultCorrupt(f"{rel} is not a regular file", hint="run 'sendvault verify'"))
    return fd, st.st_size


def _linked(rel: str) -> VaultCorrupt:
    return VaultCorrupt(
        f"{rel} is a symbolic link; sendvault follows none inside the vault",
        hint="replace the link with the real file, then run 'sendvault verify'",
    )


def _scan(path: Path) -> Iterator[tuple[str, tuple[int, int, int]]]:
    try:
        with os.scandir(path) as entries:
            for e in entries:
                try:
                    st = e.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    yield e.name, (st.st_size, st.st_mtime_ns, st.st_ino)
    except FileNotFoundError:
        pass



@contextlib.contextmanager
def deferred_sync(store: Store):
    """``store``'s writes in this block are made durable together at its end, not one by one.

    For a batch of new files (an import: two files a case) whose loss before the end
    the caller can undo (``store/batch.py``): the sync of a file and of its directory
    is most of a write's time. The sync is made even if the block fails, so what a
    transaction puts back or leaves is on disk as it says.
    """
    if store._unsynced is not None:
        yield
        return
    store._unsynced = []
    try:
        yield
    finally:
        written, store._unsynced = store._unsynced, None
        if written:
            sync_files(store.root)

def _hard_linked(rel: str) -> VaultCorrupt:
    return VaultCorrupt(
        f"{rel} has another name (a hard link); sendvault reads and writes no linked file inside the vault",
        hint="remove the other name (find / -samefile shows it), then run 'sendvault verify'",
    )


def _read_only(root: Path) -> bool:
    """Whether the vault cannot be written here: a read-only mount, or a directory we may not write."""
    try:
        if platform.is_read_only_mount(root):
            return True
    except OSError:
        return False
    return os.path.isdir(root) and not os.access(root, os.W_OK)

