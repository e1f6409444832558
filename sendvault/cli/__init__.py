"""The command line: a thin layer that parses options, calls the core and prints.

All user-facing error text goes through ``report`` in ``output.py``: one line
``sendvault: error: ...``, an optional ``sendvault: hint: ...``, never a traceback
and never a value typed by a user (it may be personal data).
"""

from .app import app, main

__all__ = ["app", "main"]
