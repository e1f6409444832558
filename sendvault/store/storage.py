"""The only code that touches the vault's files: safe paths, atomic writes, the lock.

Every write goes to a temporary file in the same directory, is fsynced, renamed
over the target, and the directory is fsynced: a crash leaves the old file or the
new one, never a torn one. Writers are serialised by ``flock`` on a lock file,
which the kernel releases when a process dies, so a killed writer never leaves the
vault locked. Nothing inside the vault is reached through a symlink.

A change is a transaction (``Store.transaction``, held by ``Vault.locked``): every
file it replaces or removes is first hard-linked into ``local/undo/`` (on a file
system without hard links, a FAT or exFAT memory stick, copied there and fsynced
instead), every log it appends to has its size noted, so a write that fails (a full
disk, an I/O error, a read-only mount) puts every file back as it was, by renames
that need no space, and is reported as one ``WriteFailed``. Shredding cannot be
undone, so it closes the part of a transaction that can be (see docs/reliability.md).

A fault can make one write step fail, for the fault-injection tests only (``set_fault``,
which only the test suite calls; nothing reads it from the environment); unset, it costs
one comparison per step.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from pathlib import Path
from typing import Callable, Iterator

from ..basics.errors import ReadOnlyVault, SendvaultError, VaultCorrupt, WriteFailed

TMP_PREFIX = ".tmp-"
UNDO_DIR = "local/undo"  # a transaction's second names for the files it replaces; never synchronised
READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)
# What link(2) says on a file system without hard links (FAT, exFAT, some network shares).
NO_LINK_ERRNOS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS})
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


def set_fault(spec: str | None) -> None:
    """Tests only: fail write steps as ``spec`` says (see ``fault_step``; None: none fails).

    The suite calls it in its own process, or in a child through tests/hooked.py."""
    global _FAULT
    _FAULT = spec or None
    _fault_counts.clear()


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
        """The kind of file system the vault is on if it keeps no file permissions (see ``without_permissions``)."""
        return without_permissions(self.root)

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
        parts = rel.split("/")
        if rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise VaultCorrupt(f"refusing unsafe path {rel!r} inside the vault")
        root = os.fspath(self.root)
        d = root
        for part in parts[:-1]:
            d = f"{d}/{part}"
            if os.path.islink(d):
                raise _linked(rel)
        try:
            # O_NONBLOCK: a FIFO planted in the vault must not hang a reader holding the lock.
            fd = os.open(f"{root}/{rel}", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENOENT:
                raise FileNotFoundError(rel) from None
            if exc.errno == errno.ELOOP:
                raise _linked(rel) from None
            raise VaultCorrupt(f"cannot read {rel}: {exc.strerror}") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or self._undo.other_names(st) > 1:
            os.close(fd)
            raise (_hard_linked(rel) if stat.S_ISREG(st.st_mode) else
                   VaultCorrupt(f"{rel} is not a regular file", hint="run 'sendvault verify'"))
        return _read_all(fd, st.st_size, rel)

    def read_tail(self, rel: str, size: int) -> tuple[int, bytes]:
        """The last ``size`` bytes of ``rel`` and the offset they start at; ``FileNotFoundError`` if absent."""
        fd = os.open(self.path(rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            start = max(0, f.seek(0, 2) - size)
            f.seek(start)
            return start, f.read()

    def peek(self, rel: str, size: int) -> bytes:
        """The first ``size`` bytes of ``rel`` (empty if it cannot be read): enough to tell what it is."""
        try:
            fd = os.open(self.path(rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
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
        replace_file(target, data, f"{TMP_PREFIX}{secrets.token_hex(8)}", mtime)

    def append(self, rel: str, data: bytes) -> None:
        """Append and fsync (for the audit log; in a transaction a failure cuts it back to its old size)."""
        target = self._writable(rel)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        created = not target.exists()
        fault_step("open")
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        self._undo.note("cut", target, None if created else os.fstat(fd).st_size)
        try:
            if self._undo.other_names(os.fstat(fd)) > 1:
                raise _hard_linked(rel)
            _write_all(fd, data)
            fault_step("fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(target.parent)

    def truncate(self, rel: str, size: int) -> None:
        fd = os.open(self._writable(rel), os.O_WRONLY | os.O_NOFOLLOW)
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
        if self._undo.actions is not None:
            _forget(self._undo.actions)
            self._undo.actions[:] = [("began", None, None)]
            self._undo.copies.clear()

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
        fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            _flock(fd)
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
        fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            _try_flock(fd)
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
            _overwrite(p)
        os.unlink(p)
        fsync_dir(p.parent)


def _overwrite(p: Path) -> None:
    """Overwrite a file in place with random bytes, and fsync."""
    fd = os.open(p, os.O_WRONLY | os.O_NOFOLLOW)
    try:
        os.write(fd, os.urandom(os.fstat(fd).st_size))
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_synced(target: Path, backup: Path) -> None:
    """Copy ``target`` to the new file ``backup`` (0600) and fsync it: an undo copy that a rollback
    renames back must hold the whole file. A failure (a full disk) leaves no backup and is raised."""
    src = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        fault_step("open")
        dst = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
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


def _hard_linked(rel: str) -> VaultCorrupt:
    return VaultCorrupt(
        f"{rel} has another name (a hard link); sendvault reads and writes no linked file inside the vault",
        hint="remove the other name (find / -samefile shows it), then run 'sendvault verify'",
    )


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
                    _overwrite(backup)

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


def _linked(rel: str) -> VaultCorrupt:
    return VaultCorrupt(
        f"{rel} is a symbolic link; sendvault follows none inside the vault",
        hint="replace the link with the real file, then run 'sendvault verify'",
    )


# The key channel's git objects while a sync runs (sendvault/sync.py): inside the vault.
KEY_OBJECTS = ".git/sendvault-keys"
# Earlier versions put them here, and a killed sync left them behind.
_LEGACY_KEY_OBJECTS = "sendvault-keys-"
_LEGACY_AGE = 3600  # seconds untouched: no sync of those versions was still using it


def discard_key_objects(root: Path) -> None:
    """Shred what a killed sync left of the key channel's objects (in the vault, and where earlier versions put them).

    Called by sync before it makes them, and before any destruction: a destroyed
    case's key must not outlive it there.
    """
    import tempfile
    import time

    if (Path(root) / ".git").is_dir():
        shred_tree(Path(root) / KEY_OBJECTS)
    now = time.time()
    for place in {"/dev/shm", tempfile.gettempdir()}:
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                if entry.name.startswith(_LEGACY_KEY_OBJECTS) and entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    if st.st_uid == os.geteuid() and now - st.st_mtime > _LEGACY_AGE:
                        with contextlib.suppress(OSError):
                            shred_tree(Path(entry.path))


def shred_tree(path: Path) -> None:
    """Overwrite every file under ``path`` in place, then remove the whole tree (nothing followed through a link).

    For scratch directories that held key material (the key channel's git objects):
    like ``Store.shred``, overwriting is a best effort, removing is what counts.
    """
    path = Path(path)
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_dir():
        os.unlink(path)
        return
    for top, dirs, files in os.walk(path, topdown=False):
        for name in files:
            p = os.path.join(top, name)
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(p).st_mode):
                    os.chmod(p, 0o600)  # git makes its objects read-only
                    _overwrite(p)
            os.unlink(p)
        for name in dirs:
            p = os.path.join(top, name)
            if os.path.islink(p):
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(path)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fault_step("dirsync")
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
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
    """``produce(write)``, every piece written whole; one write step for the fault injection, as ``_write_all``."""
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
                fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
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


# File systems that keep no owner or modes per file: the mount's options give every file the same.
_NO_PERMISSIONS = {"vfat": "FAT", "msdos": "FAT", "fuse.fusefat": "FAT", "exfat": "exFAT", "fuse.exfat": "exFAT",
                   "ntfs": "NTFS", "ntfs3": "NTFS", "fuseblk": "FAT, exFAT or NTFS through FUSE",
                   "cifs": "a Windows network share", "smb3": "a Windows network share"}


def without_permissions(path: Path) -> str | None:
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


def _read_only(root: Path) -> bool:
    """Whether the vault cannot be written here: a read-only mount, or a directory we may not write."""
    try:
        if os.statvfs(root).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return os.path.isdir(root) and not os.access(root, os.W_OK)


LOCK_TIMEOUT = float(os.environ.get("SENDVAULT_LOCK_TIMEOUT", "120"))


# What flock(2) says on a file system that cannot lock files (some network shares).
NO_LOCK_ERRNOS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})


def _try_flock(fd: int) -> None:
    """An exclusive ``flock`` now, or ``BlockingIOError``; a file system without locks named in one line."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise
    except OSError as exc:
        if exc.errno not in NO_LOCK_ERRNOS:
            raise
        raise SendvaultError(
            f"the vault's file system cannot lock files ({exc.strerror}); sendvault needs a lock so that two "
            "commands never change the vault at once",
            hint="keep the vault on a local disk, a memory stick, or a network share that supports file locks") from None


def _flock(fd: int) -> None:
    """Wait for the writers' lock, at most ``SENDVAULT_LOCK_TIMEOUT`` seconds (120 by default), then say so."""
    import time

    deadline = time.monotonic() + LOCK_TIMEOUT
    delay = 0.005
    while True:
        try:
            _try_flock(fd)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise SendvaultError(
                    f"the vault is busy: another sendvault command has held it for over {LOCK_TIMEOUT:g} seconds",
                    hint="wait for it to finish (a purge or a key rotation can take a while), then try again") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def replace_file(target: Path, data: bytes | Callable[[Callable[[bytes], None]], None], tmp_name: str,
                 mtime: float | None = None) -> None:
    """Atomically replace ``target`` with ``data``: a temporary file ``tmp_name`` beside it
    (0600), fsync, rename, fsync the directory. A crash or failure leaves the old file or
    the new one, never a partial one; the temporary file is removed on any failure.

    ``data`` may be a function that writes the contents in pieces through the one it is given."""
    tmp = target.parent / tmp_name
    fault_step("open")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        try:
            if callable(data):
                _write_pieces(fd, data)
            else:
                _write_all(fd, data)
            fault_step("fsync")
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
    fsync_dir(target.parent)


def create_file(target: Path, data: bytes, tmp_name: str) -> None:
    """Create ``target`` (0600) whole or not at all, never replacing a file there (FileExistsError).

    Written and fsynced as ``tmp_name`` beside it, then given its name with ``link``,
    which fails if the name is taken: a full disk or a crash leaves no empty or partial
    file to block the next try. Where the file system has no hard links (FAT, some
    shares) a rename does it, after checking the name is free.
    """
    tmp = target.parent / tmp_name
    fault_step("open")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        try:
            _write_all(fd, data)
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
