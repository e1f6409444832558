"""The only code that touches the vault's files: safe paths, atomic writes, the lock.

Every write goes to a temporary file in the same directory, is fsynced, renamed
over the target, and the directory is fsynced: a crash leaves the old file or the
new one, never a torn one. Writers are serialised by ``flock`` on a lock file,
which the kernel releases when a process dies, so a killed writer never leaves the
vault locked. Nothing inside the vault is reached through a symlink.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from pathlib import Path

from .errors import SendvaultError, VaultCorrupt

TMP_PREFIX = ".tmp-"


def set_private_umask() -> None:
    # Files the vault creates are for its officers' user only.
    os.umask(0o077)


class Store:
    """A directory whose files are read and written only through this class."""

    def __init__(self, root: Path):
        self.root = root
        self._lock_depth = 0

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
        out = {}
        try:
            with os.scandir(self.path(rel)) as entries:
                for e in entries:
                    try:
                        st = e.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue
                    if stat.S_ISREG(st.st_mode):
                        out[e.name] = (st.st_size, st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            pass
        return out

    def dir_state(self, rel: str) -> tuple[int, int, int] | None:
        """Directory ``rel``'s (inode, mtime_ns, ctime_ns), or None if absent.

        Creating, renaming or unlinking a file in it changes both times; replacing
        the directory changes the inode; setting its times back (``rsync -a``) still
        changes the ctime. The index's quick test that no case file came or went.
        """
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
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise VaultCorrupt(f"{rel} is not a regular file", hint="run 'sendvault verify'")
        with os.fdopen(fd, "rb") as f:
            try:
                return f.read()
            except OSError as exc:
                raise VaultCorrupt(f"cannot read {rel}: {exc.strerror}") from None

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

    def write(self, rel: str, data: bytes, mtime: float | None = None) -> None:
        """Atomically replace ``rel`` with ``data`` (temp file, fsync, rename, fsync dir).

        ``mtime`` sets the file's modification time (a coarse one where the exact
        instant would say too much)."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        replace_file(target, data, f"{TMP_PREFIX}{secrets.token_hex(8)}", mtime)

    def append(self, rel: str, data: bytes) -> None:
        """Append and fsync (for the audit log, whose torn tail the reader tolerates)."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        created = not target.exists()
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(target.parent)

    def truncate(self, rel: str, size: int) -> None:
        fd = os.open(self.path(rel), os.O_WRONLY | os.O_NOFOLLOW)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def remove(self, rel: str) -> None:
        p = self.path(rel)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
            fsync_dir(p.parent)

    def mkdir(self, rel: str) -> None:
        self.path(rel).mkdir(parents=True, exist_ok=True, mode=0o700)

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
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_depth = 1
            yield
        finally:
            self._lock_depth = 0
            os.close(fd)

    @contextlib.contextmanager
    def exclusive(self, rel: str):
        """Hold a second, non-blocking ``flock`` on ``rel`` (one purge at a time); ``BlockingIOError`` if taken."""
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            yield
        finally:
            os.close(fd)

    def shred(self, rel: str) -> None:
        """Overwrite in place, then unlink.

        Unlinking is what destroys (no copy of the key may exist); overwriting first
        is a best effort against recovery from the same disk.
        """
        p = self.path(rel)
        try:
            fd = os.open(p, os.O_WRONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            return
        try:
            size = os.fstat(fd).st_size
            os.write(fd, os.urandom(size))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.unlink(p)
        fsync_dir(p.parent)


def _linked(rel: str) -> VaultCorrupt:
    return VaultCorrupt(
        f"{rel} is a symbolic link; sendvault follows none inside the vault",
        hint="replace the link with the real file, then run 'sendvault verify'",
    )


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(target: Path, data: bytes, tmp_name: str, mtime: float | None = None) -> None:
    """Atomically replace ``target`` with ``data``: a temporary file ``tmp_name`` beside it
    (0600), fsync, rename, fsync the directory. A crash or failure leaves the old file or
    the new one, never a partial one; the temporary file is removed on any failure."""
    tmp = target.parent / tmp_name
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def write_outside(target: Path, data: bytes) -> None:
    """Atomically write a file outside the vault that holds no personal data (a redacted case study).

    The target is refused if it is a symlink.
    """
    target = Path(target)
    if target.is_symlink():
        raise SendvaultError("the output file is a symbolic link; give another path")
    replace_file(target, data, f".{target.name}.{secrets.token_hex(6)}.tmp")
