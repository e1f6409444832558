"""The process's surroundings, made safe before any command runs.

A cron job, a service account or a hostile shell may start sendvault with
standard streams closed, no HOME, a terminal that cannot show every letter, or
arguments that are not text. Each is met here once, so no command meets it as
an internal error:

- everything sendvault creates, in the vault or outside it (an identity's
  directories, a copy for a family), is for this user only, whatever the umask;
- core dumps are off: a crash must not write decrypted records to disk (the
  limit is inherited by the editor and git too);
- descriptors 0, 1 and 2 are always open (on /dev/null when the caller closed
  them), so no vault file or pipe is ever opened as a child's standard input or
  output; a closed standard input is remembered, and reading it is refused;
- output that the terminal's encoding cannot show is written as an escape
  (``\\u0141``) instead of failing;
- a terminal width of 0 or nonsense (``COLUMNS=0``) is forgotten, and one too
  narrow to read is widened (the terminal wraps the lines), so that no output,
  help included, is laid out at no width at all;
- an argument holding bytes that are not text in the locale is refused up front.
"""

from __future__ import annotations

import contextlib
import os
import sys

from .. import platform
from ..basics.errors import UsageError
from . import output

STDIN_CLOSED = False
"""Whether standard input was closed when sendvault started (``<&-``)."""


def harden() -> None:
    """Everything above but the arguments' check; safe to call more than once."""
    global STDIN_CLOSED
    os.umask(0o077)
    if platform.SUPPORTED:  # elsewhere the command's first call refuses, in one line (stdout is not ready yet)
        platform.no_core_dumps()
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isdigit() and int(columns) > 0):
        del os.environ["COLUMNS"]
    elif columns is not None and int(columns) < output.MIN_WIDTH:
        os.environ["COLUMNS"] = str(output.MIN_WIDTH)
    closed = _open_standard_fds()
    STDIN_CLOSED = STDIN_CLOSED or 0 in closed or sys.stdin is None
    for fd, name, mode in ((1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is None:  # Python found it closed at start-up: write to /dev/null
            setattr(sys, name, open(fd, mode, encoding="utf-8", errors="backslashreplace", closefd=False))
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def _open_standard_fds() -> set[int]:
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            new = os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one
            if new != fd:
                os.dup2(new, fd)
                os.close(new)
    return closed


def check_arguments(args: list[str]) -> None:
    """Refuse an argument that is not text in the locale's encoding (Python keeps such bytes as surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"an argument is not valid {sys.getfilesystemencoding()} text",
                             hint="type it again, or convert it first (e.g. iconv -f latin1 -t utf-8)") from None
