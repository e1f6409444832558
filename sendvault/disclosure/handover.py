"""Handing a document over: its password, an age file for a recipient's key, and the output file,
written complete or not at all (never over another file, never inside the vault)."""

from __future__ import annotations

import errno
import os
import secrets
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from ..basics.errors import Refused, SendvaultError, UsageError
from ..store import crypto
from ..store.storage import fault_step, fsync_dir

# No 0/o, 1/l/i: nothing that reads or sounds like another over the phone; lower
# case only, so a phone keyboard needs no shift. 31 symbols, 16 of them: 79 bits.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS, PASSWORD_GROUP_SIZE = 4, 4
PASSWORD_BITS = 79  # floor(16 * log2(31)); tests check it


def new_password() -> str:
    """A password to read out by phone: four groups of four ('k7mq-9p2x-...'), dashes included, ~79 bits."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_SIZE))
                    for _ in range(PASSWORD_GROUPS))


def to_age(data: bytes, recipients: list[str]) -> bytes:
    """``data`` encrypted for the given age recipients (binary age format, as ``age -r`` writes it)."""
    if not recipients:
        raise UsageError("an age-encrypted copy needs at least one recipient")
    return crypto.encrypt(data, [crypto.canonical_recipient(r) for r in recipients])  # a clear error for a mistyped one


def is_protected(data: bytes) -> bool:
    """Whether ``data`` is an age file or an encrypted PDF (a PDF whose last trailer names /Encrypt)."""
    if data.startswith(crypto.AGE_MAGIC) or data.startswith(crypto.ARMOR_MAGIC):
        return True
    if data.startswith(b"%PDF-"):
        tail = data[-4096:]
        at = tail.rfind(b"trailer")
        return at >= 0 and b"/Encrypt" in tail[at:]
    return False


class OutputExists(SendvaultError):
    """The output file is there already, and overwriting was not asked for."""


def write_output(path: str | os.PathLike, data: bytes | Callable[[Callable[[bytes], object]], None], *,
                 plaintext: bool = False, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path``: complete or not at all, mode 0600, never over a file unless ``overwrite``.

    A temporary file beside the target is written, fsynced and renamed into place
    (linked, when not overwriting, so an existing file is never replaced even by a
    race); it is removed on any failure, Ctrl-C included. Unprotected data (not an
    age file, not an encrypted PDF) is refused unless ``plaintext`` is set. ``data``
    may be a function given the file's ``write``, for an output made as it is written
    (an export's age stream); what it writes is checked as it starts.
    """
    target = Path(path)
    if isinstance(data, bytes):
        if not plaintext and not is_protected(data):
            raise _unprotected()
        fill = None
    else:
        fill = data
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError("the output file's folder does not exist")
    if not overwrite and (target.exists() or target.is_symlink()):
        raise OutputExists("the output file already exists", hint="choose another name, or give --force to replace it")
    fault_step("open")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sendvault-", suffix=".part", dir=directory)  # 0600
    except OSError as exc:
        raise _not_written(exc) from None
    placed = False
    try:
        with os.fdopen(fd, "wb") as f:
            fault_step("write")
            if fill is None:
                f.write(data)
            else:
                fill(_checked_start(f.write, plaintext))
            f.flush()
            fault_step("fsync")
            os.fsync(f.fileno())
        fault_step("rename")
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_no_replace(tmp, target)
        placed = True
        fsync_dir(directory)
    except BaseException as exc:
        for leftover in (tmp, target) if placed else (tmp,):  # complete or not at all
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise _not_written(exc) from None
        raise
    return target


def write_output_pieces(path: str | os.PathLike, produce, *, overwrite: bool = False) -> Path:
    """``write_output`` for contents too large to hold (a document): ``produce(write)`` writes them a piece at a
    time; complete or not at all, as there. The caller has asked for what it writes (``open --out``)."""
    return write_output(path, produce, plaintext=True, overwrite=overwrite)


def _unprotected() -> Refused:
    return Refused("this output is not encrypted, and unprotected copies are written only on request",
                   hint="give --plaintext to write it unprotected")


def _checked_start(write: Callable[[bytes], object], plaintext: bool) -> Callable[[bytes], object]:
    """``write``, refusing a first piece that is not an age file's start unless ``plaintext``."""
    started = []

    def checked(piece: bytes):
        if not started and piece:
            if not plaintext and not is_protected(piece):
                raise _unprotected()
            started.append(True)
        return write(piece)

    return checked


def _not_written(exc: OSError) -> SendvaultError:
    return SendvaultError(f"the output file could not be written ({exc.strerror or type(exc).__name__}); nothing was written",
                          hint="check the space and permissions where it goes, or choose another place with --out")


def _link_no_replace(tmp: str, target: Path) -> None:
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExists("the output file already exists",
                           hint="choose another name, or give --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links (a FAT memory stick): check, then rename.
        if target.exists() or target.is_symlink():
            raise OutputExists("the output file already exists",
                               hint="choose another name, or give --force to replace it") from None
        os.rename(tmp, target)
        return
    os.unlink(tmp)


def write_folder(path: str | os.PathLike, members: Iterable[tuple[str, bytes]]) -> Path:
    """Write ``members`` (relative name, bytes) as a new folder at ``path``: complete or not at all.

    The files go into a hidden folder beside the target (0700, files 0600), each
    fsynced, which is renamed into place at the end; on any failure, Ctrl-C included,
    it is removed. Only for what was asked for unprotected (``--plaintext``).
    """
    import shutil

    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError("the output folder's parent folder does not exist")
    if target.exists() or target.is_symlink():
        raise OutputExists("the output folder already exists", hint="choose a new name for it")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".sendvault-", suffix=".part", dir=parent)).resolve()  # 0700
    except OSError as exc:
        raise _not_written(exc) from None
    placed = False
    try:
        for name, data in members:
            file = tmp / name
            if tmp not in file.resolve().parents:
                raise SendvaultError("an export member's name leaves its folder")  # names are ours; kept honest
            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fault_step("open")
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                fault_step("write")
                f.write(data)
                f.flush()
                fault_step("fsync")
                os.fsync(f.fileno())
        fault_step("rename")
        os.rename(tmp, target)
        placed = True
        fsync_dir(parent)
    except BaseException as exc:
        shutil.rmtree(target if placed else tmp, ignore_errors=True)  # complete or not at all
        if isinstance(exc, OSError):
            raise _not_written(exc) from None
        raise
    return target
