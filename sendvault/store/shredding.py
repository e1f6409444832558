"""Overwriting before removing, and the key channel's scratch objects a killed sync left (part of ``storage``).

Removing is what destroys (crypto-shredding: no copy of a key may exist); overwriting
first is a best effort against recovery from the same disk.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .. import platform


def overwrite(p: Path) -> None:
    """Overwrite a file in place with random bytes, and fsync."""
    fd = os.open(p, os.O_WRONLY | platform.NOFOLLOW)
    try:
        os.write(fd, os.urandom(os.fstat(fd).st_size))
        os.fsync(fd)
    finally:
        os.close(fd)


# The key channel's git objects while a sync runs (sendvault/sync/exchange.py): inside the vault.
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
    for place in {*platform.SHARED_RAM_DIRS, tempfile.gettempdir()}:
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                if entry.name.startswith(_LEGACY_KEY_OBJECTS) and entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    if st.st_uid == platform.effective_uid() and now - st.st_mtime > _LEGACY_AGE:
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
                    overwrite(p)
            os.unlink(p)
        for name in dirs:
            p = os.path.join(top, name)
            if os.path.islink(p):
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(path)
