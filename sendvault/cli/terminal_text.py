"""Text made inert for a terminal: what a record holds is shown, never obeyed.

A name or a note may hold an escape sequence (``ESC[2J`` clears the screen,
``ESC[8m`` hides what follows), a right-to-left override that reorders a line,
or bytes that were never text. Everything sendvault prints passes through
``safe``, which shows each such character as a visible escape instead.
"""

from __future__ import annotations

import re

# C0 controls except newline and tab, DEL, C1 controls (\x9b is a CSI on some
# terminals), the bidirectional embeddings, overrides and isolates, and lone
# surrogates (bytes that were not text, which no encoder can write).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not text, kept by Python as a surrogate
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``, ``\\u202e``)."""
    return UNSAFE.sub(_visible, text)
