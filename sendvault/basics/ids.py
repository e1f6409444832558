"""Opaque case ids: eight random Crockford base32 characters, ``K7M3-Q9P2``.

Nothing about the person can be read from an id. Typing is forgiving: case,
a space or no hyphen (``d8ww v6ax``, ``d8wwv6ax``), the dashes a word processor
puts for a hyphen, and the letters O, I and L for 0, 1 and 1 are accepted.
"""

from __future__ import annotations

import re

from .errors import UsageError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Spaces and hyphens, including the dashes an id pasted from a letter or email may carry.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")


def new_id() -> str:
    import secrets  # here, not at the top: every command reads ids, only intake makes one (start-up)

    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(text: str) -> str:
    """The canonical form of a typed case id, or ``UsageError``."""
    raw = _SEPARATORS.sub("", text.upper()).translate(_CONFUSABLE)
    cid = f"{raw[:4]}-{raw[4:]}"
    if not PATTERN.fullmatch(cid):
        raise UsageError(
            "that is not a case id",
            hint="a case id looks like K7M3-Q9P2; 'sendvault list' shows them",
        )
    return cid


def is_id(text: str) -> bool:
    return bool(PATTERN.fullmatch(text))
