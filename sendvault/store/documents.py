"""Documents' files: each one encrypted, a piece at a time, into ``documents/<ID>/<random>.age``.

A document (a letter, a plan, a report, an e-mail's attachment) is kept apart from its
case's record, so attaching one does not make every sync carry the case file again, and
a file of 200 MB costs one piece's memory (``PIECE``), never the file's size.

Each document has its own age X25519 key, made here, whose secret the case record holds
(``documents[].key``): the record is encrypted for the case's key, so shredding that key
(erase, purge) leaves every copy of the document's file unreadable, to every officer and
to the reference ``age`` CLI, and a case re-keyed (a leaver, a withdrawal) needs none of
its documents re-encrypted. The file's name is random: it says nothing of the title, the
content or the kind. See docs/documents.md and docs/vault-format.md.

Also here, because only ``store/`` touches files: the officer's own file read for
attaching (no link followed, no directory, nothing empty or over the limit) and its
removal once the vault's copy has been read back and checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from . import crypto
from .. import platform
from ..basics.errors import SendvaultError, UsageError, VaultCorrupt
from .storage import Store

DIR = "documents"
PIECE = 1 << 20  # read, hashed and encrypted a piece at a time
DEFAULT_LIMIT_MB = 50
MAX_LIMIT_MB = 2000  # what the schema allows: the service's choice, up to a size a laptop still syncs
_BLOB = re.compile(r"^[0-9a-f]{32}$")
BLOB_FILE = re.compile(r"^[0-9a-f]{32}\.age$")


class TooLarge(SendvaultError):
    """A document over the vault's size limit (``[documents] max_mb`` in vault.toml)."""


def new_blob() -> str:
    """A document file's name: random, so it reveals nothing of what the file holds."""
    return secrets.token_hex(16)


def new_key() -> crypto.KeyPair:
    return crypto.generate()


def key_of(secret: str) -> crypto.KeyPair:
    try:
        return crypto.parse_identities(secret)[0]
    except ValueError:
        raise VaultCorrupt("a document's key in the case record is not an age identity") from None


def blob_path(cid: str, blob: str) -> str:
    if not _BLOB.match(blob):
        raise VaultCorrupt("a document's file name in the case record is not one sendvault makes")
    return f"{DIR}/{cid}/{blob}.age"


def limit_bytes(config: dict) -> int:
    """The largest document the vault takes: ``[documents] max_mb`` (50 MB unless the service says)."""
    mb = (config.get("documents") or {}).get("max_mb", DEFAULT_LIMIT_MB)
    return int(mb) * 1024 * 1024


# --- the officer's own file --------------------------------------------------------------


@dataclass
class Source:
    """An officer's file opened for attaching: checked, not yet read."""

    path: Path
    file: BinaryIO
    size: int
    head: bytes  # its first bytes, to tell what it is
    inode: tuple[int, int]

    def close(self) -> None:
        self.file.close()


def open_source(path: Path, label: str, limit: int) -> Source:
    """``path`` opened for reading, or one line saying why not (``label`` names it: never its name, which may be personal)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise UsageError(f"{label} does not exist") from None
    except OSError as exc:
        raise UsageError(f"{label} cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        raise UsageError(f"{label} is a symbolic link; give the file itself",
                         hint="a link may point anywhere, and --remove-original would remove the link, not the file")
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{label} is a directory; attach the files in it one by one")
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"{label} is not a regular file (a device, pipe or socket)")
    if st.st_size == 0:
        raise UsageError(f"{label} is empty; nothing was attached")
    if st.st_size > limit:
        raise TooLarge(f"{label} is {_mb(st.st_size)}, over the vault's limit of {_mb(limit)} per document",
                       hint="a manager can raise it: 'sendvault documents-settings --max-mb N' (docs/documents.md)")
    try:
        fd = os.open(path, os.O_RDONLY | platform.NOFOLLOW | platform.NONBLOCK)
    except OSError as exc:
        raise UsageError(f"{label} cannot be read ({exc.strerror})") from None
    f = os.fdopen(fd, "rb")
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) or not stat.S_ISREG(now.st_mode):
            raise UsageError(f"{label} changed while it was being opened; try again")
        head = f.read(8192)
        f.seek(0)
    except BaseException:
        f.close()
        raise
    return Source(Path(path), f, st.st_size, head, (st.st_dev, st.st_ino))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def remove_original(source: Source) -> None:
    """Delete the officer's file (after the vault's copy was checked): the name, never its blocks (docs/documents.md)."""
    st = os.lstat(source.path)
    if (st.st_dev, st.st_ino) != source.inode:
        raise SendvaultError("the original was replaced while it was attached, so it was not removed",
                             hint="the vault's copy is kept; remove the original yourself")
    os.unlink(source.path)
    with contextlib.suppress(OSError):
        platform.fsync_directory(source.path.parent)


# --- the vault's copies ----------------------------------------------------------------


def _pieces(read: Callable[[int], bytes], limit: int, digest, counted: list[int]) -> Iterator[bytes]:
    while True:
        piece = read(PIECE)
        if not piece:
            return
        counted[0] += len(piece)
        if counted[0] > limit:  # it grew since it was checked
            raise TooLarge(f"the file grew past the vault's limit of {_mb(limit)} while it was read; nothing was attached")
        digest.update(piece)
        yield piece


def store_blob(store: Store, cid: str, blob: str, read: Callable[[int], bytes], recipient: str, limit: int) -> tuple[int, str]:
    """Encrypt what ``read`` gives into the document file ``blob`` of case ``cid``; (size, sha256 of the plaintext).

    Written whole or not at all (a temporary file renamed into place), inside the
    caller's transaction, so a case record that is not written takes the file back.
    """
    digest, counted = hashlib.sha256(), [0]
    store.write(blob_path(cid, blob),
                lambda write: crypto.encrypt_parts(_pieces(read, limit, digest, counted), [recipient], write))
    if counted[0] == 0:
        raise UsageError("the file was emptied while it was read; nothing was attached")
    return counted[0], digest.hexdigest()


def read_blob(store: Store, cid: str, blob: str, key: crypto.KeyPair, write: Callable[[bytes], object]) -> tuple[int, str]:
    """Decrypt document file ``blob`` into ``write`` a piece at a time; (size, sha256) of what was written.

    A damaged file raises ``VaultCorrupt`` after ``write`` may have had part of it: the
    caller removes what it wrote.
    """
    rel = blob_path(cid, blob)
    digest, size = hashlib.sha256(), [0]

    def sink(piece: bytes) -> None:
        digest.update(piece)
        size[0] += len(piece)
        write(piece)

    with store.reader(rel) as f:
        crypto.decrypt_stream(f, [key.identity], sink, rel)
    return size[0], digest.hexdigest()


# --- documents on the server only ---------------------------------------------------------
# A vault cloned without its documents (docs/sync.md, "A new officer's clone") brings a case's
# files from the server when they are first needed. That is sync's (git), which store/ may not
# import: the command line installs sync's fetcher here. Without one (the core used alone, or a
# vault that is not a partial clone) every document is on disk or missing.
_fetcher = None


def install_fetcher(fetcher) -> None:
    """``fetcher.applies(root)``, ``fetcher.fetch(root, case ids or None)`` and ``fetcher.not_here(root)
    -> set of '<ID>/<file name>'``."""
    global _fetcher
    _fetcher = fetcher


def on_demand(store: Store) -> bool:
    """Whether this vault's documents may be on the server only (a partial clone's)."""
    return _fetcher is not None and _fetcher.applies(store.root)


def fetch(store: Store, cids: list[str] | None) -> None:
    """Before reading (or removing) documents' files of ``cids`` (None: every case): those on the server
    only are brought here (one git call), or one line saying they cannot be yet."""
    if _fetcher is not None:
        _fetcher.fetch(store.root, cids)


def is_here(store: Store, cid: str, blob: str) -> bool:
    return store.kind(blob_path(cid, blob)) is not None


def not_fetched(store: Store) -> set[str]:
    """The document files (``<ID>/<name>``) that the vault's git holds but this machine has not fetched yet."""
    return _fetcher.not_here(store.root) if _fetcher is not None else set()


def blobs(store: Store, cid: str) -> list[str]:
    """The names (without ``.age``) of every document file of case ``cid`` on disk."""
    return [n[:-4] for n in store.listdir(f"{DIR}/{cid}") if BLOB_FILE.match(n)]


def clear_strays(store: Store, cid: str, named: set[str]) -> None:
    """Under the writers' lock: every file of ``documents/<ID>/`` no document names shredded (an attach killed
    after writing its file, or part of it, before its record: ciphertext for a key that was never kept)."""
    for name in store.listdir(f"{DIR}/{cid}"):
        if name.removesuffix(".age") not in named and store.kind(f"{DIR}/{cid}/{name}") == "file":
            store.shred(f"{DIR}/{cid}/{name}")


def shred_blob(store: Store, cid: str, blob: str) -> None:
    store.shred(blob_path(cid, blob))
    _drop_dir_if_empty(store, cid)


def shred_all(store: Store, cid: str) -> None:
    """Every file under ``documents/<ID>/`` overwritten and removed (its temporary files too), then the directory."""
    for name in store.listdir(f"{DIR}/{cid}"):
        if store.kind(f"{DIR}/{cid}/{name}") == "file":
            store.shred(f"{DIR}/{cid}/{name}")
    _drop_dir_if_empty(store, cid)


def _drop_dir_if_empty(store: Store, cid: str) -> None:
    if not store.listdir(f"{DIR}/{cid}"):
        store.remove_dir(f"{DIR}/{cid}")


def case_dirs(store: Store) -> list[str]:
    """The names under ``documents/`` (case ids, if nothing foreign was put there)."""
    return store.listdir(DIR)
