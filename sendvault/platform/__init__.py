"""Every call specific to the operating system, behind one interface.

File flags and locks, the kind of file system, the RAM-backed directory for editing,
the user's own runtime directory, the agent's socket and its peer, hardening a process,
starting and stopping processes, and the signals that ask us to stop. The rest of
sendvault calls only the names below; ``tests/test_architecture.py`` checks that no
other module makes one of these calls itself. Only Linux is implemented (``linux.py``);
docs/architecture.md ("What a port would need") says what macOS and Windows would take.

May import: ``basics`` only.
"""

from __future__ import annotations

import sys

# The interface: every implementation binds each of these names.
INTERFACE = (
    # files
    "NOFOLLOW", "NONBLOCK", "fsync_directory", "sync_file_system", "lock_exclusive_now", "NO_LOCK_ERRNOS",
    "without_permissions", "is_read_only_mount",
    # places
    "SHARED_RAM_DIRS", "ram_dir_candidates", "is_ram_backed", "own_runtime_dir", "runtime_dir", "OWN_PLACE_VARIABLES",
    # who we are
    "own_uid", "effective_uid",
    # the agent's socket and process
    "unix_socket", "peer_uid", "harden_process", "no_core_dumps", "login_session", "process_start_time",
    # processes and signals
    "fork", "start_session", "ignore_stop_signals", "ask_to_stop", "check_still_running", "kill_now",
    "on_hangup_or_term", "restore_signal_handlers",
)

# Whether this system has an implementation. Elsewhere sendvault imports, prints its help and
# refuses in one line at the first call of the interface.
SUPPORTED = sys.platform.startswith("linux")

if SUPPORTED:
    from .linux import (
        NO_LOCK_ERRNOS,
        NOFOLLOW,
        NONBLOCK,
        OWN_PLACE_VARIABLES,
        SHARED_RAM_DIRS,
        ask_to_stop,
        check_still_running,
        effective_uid,
        fork,
        fsync_directory,
        harden_process,
        ignore_stop_signals,
        is_ram_backed,
        is_read_only_mount,
        kill_now,
        lock_exclusive_now,
        login_session,
        no_core_dumps,
        on_hangup_or_term,
        own_runtime_dir,
        own_uid,
        peer_uid,
        process_start_time,
        ram_dir_candidates,
        restore_signal_handlers,
        runtime_dir,
        start_session,
        sync_file_system,
        unix_socket,
        without_permissions,
    )
else:
    def __getattr__(name: str):
        # Importing sendvault works anywhere (so --help and the error handling do); the first
        # call that needs the system refuses in one line instead of failing somewhere deeper.
        if name in INTERFACE:
            from ..basics.errors import SendvaultError

            raise SendvaultError(f"sendvault runs on Linux only for now (this system is {sys.platform})",
                                 hint="docs/architecture.md says what a port to macOS or Windows would need")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
