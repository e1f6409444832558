"""The writers' lock (part of ``storage``): an exclusive lock on a file, taken now or waited for.

The kernel releases it when a process dies, so a killed writer never leaves the
vault locked. ``Store.lock`` and ``Store.exclusive`` hold it.
"""

from __future__ import annotations

import os

from .. import platform
from ..basics.errors import SendvaultError

LOCK_TIMEOUT = float(os.environ.get("SENDVAULT_LOCK_TIMEOUT", "120"))


def try_lock(fd: int) -> None:
    """An exclusive lock now, or ``BlockingIOError``; a file system without locks named in one line."""
    try:
        platform.lock_exclusive_now(fd)
    except BlockingIOError:
        raise
    except OSError as exc:
        if exc.errno not in platform.NO_LOCK_ERRNOS:
            raise
        raise SendvaultError(
            f"the vault's file system cannot lock files ({exc.strerror}); sendvault needs a lock so that two "
            "commands never change the vault at once",
            hint="keep the vault on a local disk, a memory stick, or a network share that supports file locks") from None


def wait_for_lock(fd: int) -> None:
    """Wait for the writers' lock, at most ``SENDVAULT_LOCK_TIMEOUT`` seconds (120 by default), then say so."""
    import time

    deadline = time.monotonic() + LOCK_TIMEOUT
    delay = 0.005
    while True:
        try:
            try_lock(fd)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise SendvaultError(
                    f"the vault is busy: another sendvault command has held it for over {LOCK_TIMEOUT:g} seconds",
                    hint="wait for it to finish (a purge or a key rotation can take a while), then try again") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
