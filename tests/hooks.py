"""The test suite's hooks into sendvault, out of the installed product's reach.

A hook is a module-level setting of the product that only tests set (the write-step
fault of ``storage.set_fault``, the cheap scrypt cost of ``crypto.set_test_scrypt_log_n``,
the RAM directory of ``editing``);
the product itself reads no environment variable for them, so nothing on an officer's
machine can weaken a passphrase or skip a key's overwriting.

In the test's own process, a test calls ``install`` (or the setter). A child process gets
them by being started through ``tests/hooked.py`` (``conftest.CLI``), which installs the
hooks named in its environment (``HOOKS``: variable -> setter) and then runs the CLI; a
plain ``python -m sendvault`` ignores those variables (tests/test_hooks.py proves it).
A new hook is a row in ``HOOKS``.
"""

from __future__ import annotations

import os
from typing import Callable, Mapping

from sendvault.store import crypto, storage
from sendvault.records import editing

HOOKS: dict[str, Callable[[str | None], None]] = {
    # STEP:N:ERRNO or count:FILE (see storage.fault_step)
    "SENDVAULT_FAULT": lambda v: storage.set_fault(v or None),
    # new passphrases at this scrypt cost (logN), so a test stays fast
    "SENDVAULT_INSECURE_TEST_SCRYPT_LOGN": lambda v: crypto.set_test_scrypt_log_n(int(v) if v else None),
    # the only place edit may look for a RAM-backed directory (a machine without /dev/shm)
    "SENDVAULT_RAM_DIR": lambda v: setattr(editing, "_test_ram_dir", v),
}


def install(environ: Mapping[str, str] = os.environ) -> None:
    """Set every hook ``environ`` names; the others are left as they are."""
    for name, setter in HOOKS.items():
        if name in environ:
            setter(environ[name])


def reset() -> None:
    for setter in HOOKS.values():
        setter(None)
