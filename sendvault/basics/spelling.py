"""Text as a reader sees it: the one fold that search and redaction share (issue 20).

Two spellings a reader cannot tell apart fold to the same text:

- characters with no glyph of their own are dropped: zero-width space, joiners,
  word joiner, byte-order mark, soft hyphen, bidirectional controls, variation
  selectors, the combining grapheme joiner, Hangul fillers, tags (Unicode's
  Default_Ignorable_Code_Point, and every format character, category Cf);
- compatibility forms become their plain letters (NFKD): full-width 'Ｊａｎｅ',
  ligatures 'ﬁ', superscripts, non-breaking spaces;
- accents go (every combining mark, so NFC 'é' and NFD 'e'+U+0301 are both 'e');
- Latin letters that Unicode does not decompose become their base letters: 'ł' 'l',
  'ø' 'o', 'ı' 'i', 'đ' 'd', 'ħ' 'h', 'ŀ' 'l' (any 'LETTER X WITH ...'), and 'æ' 'ae',
  'œ' 'oe', 'ß' 'ss', 'þ' 'th', 'ð' 'd', 'ŋ' 'ng';
- any script's decimal digits are ASCII digits (a phone number typed in Arabic-Indic digits);
- then case goes (casefold), a curly apostrophe is a straight one, and a Cyrillic or
  Greek letter drawn as a Latin one is that letter ('а' U+0430 is 'a').

``fold`` is what search keys and queries are made of; ``as_read`` is the same text
before its case is folded, with where each of its characters came from, so that
redaction matches what a reader sees and replaces the whole span of the original,
the invisible characters inside it included. Each character's fold is worked out
the first time it is met and kept (a ``str.translate`` table), so folding costs a
translate per text; ASCII text, most of it, is only lower-cased.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) beyond category Cf: invisible in any font.
_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
              (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
              (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
              (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))
_IGNORABLE_STARTS = [a for a, _ in _IGNORABLE]

# Latin letters with no decomposition and no 'LETTER X WITH' name: what an English reader takes them for
# (a capital as a capital and a small letter: 'Æsa' reads as a capitalised word, 'Aesa').
LETTERS = {
    "ı": "i", "ȷ": "j", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ẞ": "SS", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k", "ſ": "s", "ꜳ": "aa", "Ꜳ": "Aa", "ꝏ": "oo", "Ꝏ": "Oo",
    "ƕ": "hv", "Ƕ": "Hv", "ȸ": "db", "ȹ": "qp", "ʣ": "dz", "ʤ": "dz", "ʥ": "dz", "ʦ": "ts", "ʧ": "ts", "ʨ": "tc",
    "ʪ": "ls", "ʫ": "lz",
}
_WITH = re.compile(r"LATIN (SMALL|CAPITAL) LETTER ([A-Z]) WITH .+")


def ignorable(c: str) -> bool:
    """A character a reader does not see: a format character or a default-ignorable one."""
    code = ord(c)
    i = bisect.bisect_right(_IGNORABLE_STARTS, code) - 1
    return (i >= 0 and code <= _IGNORABLE[i][1]) or unicodedata.category(c) == "Cf"


def _base_letter(c: str) -> str | None:
    """'l' for 'ł' (LATIN SMALL LETTER L WITH STROKE), 'L' for 'Ł': a letter Unicode names after its base."""
    m = _WITH.fullmatch(unicodedata.name(c, ""))
    if m is None:
        return None
    return m.group(2).lower() if m.group(1) == "SMALL" else m.group(2)


def _read_char(c: str) -> str:
    """What a reader takes one character for, its case kept ('' for an invisible one or an accent)."""
    if ignorable(c):
        return ""
    if c in LETTERS:
        return LETTERS[c]
    if unicodedata.category(c) == "Nd":
        return str(unicodedata.decimal(c))
    parts = [x for x in unicodedata.normalize("NFKD", c) if not unicodedata.category(x).startswith("M") and not ignorable(x)]
    out = "".join(LETTERS.get(x, x) for x in parts)
    if out.isascii():
        return out
    base = _base_letter(c)  # 'ŀ' is 'l' and a middle dot in NFKD: the letter is what is read
    if base is not None:
        return base
    small = c.lower()
    if small != c and len(small) == 1 and _base_letter(small):  # 'Ɖ', whose small letter is 'ɖ' (D WITH TAIL)
        return _base_letter(small).upper()
    return "".join(x if x.isascii() else (_base_letter(x) or x) for x in out)


# Cyrillic and Greek letters drawn as Latin ones: 'Jаne' typed or pasted with a Cyrillic 'а' reads as 'Jane'.
# Applied after the case is folded, so a capital and its small letter fold alike ('М' and 'м' are 'm', as
# 'M' is): a Cyrillic or Greek name still matches itself in any case, and 'Том' matches 'Tom'.
LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y",
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "y", "χ": "x",
}


def _lower_char(c: str) -> str:
    """One character's case folded, one character for one (text already read: ß and ligatures are gone)."""
    if c in "’‘":  # (not '`': ASCII text is only lower-cased, and must fold as the rest does)
        return "'"
    low = c.casefold()
    if len(low) != 1:
        low = c.lower()
    low = low if len(low) == 1 else c
    return LOOKALIKES.get(low, low)


_UNEVEN: set[str] = set()  # characters read as other than one character: offsets shift after them


class _Table(dict):
    """str.translate's table: each character's mapping, worked out the first time it is met."""

    def __init__(self, make, uneven: bool):
        super().__init__()
        self.make, self.uneven = make, uneven

    def __missing__(self, code: int) -> str:
        c = chr(code)
        self[code] = out = self.make(c)
        if self.uneven and len(out) != 1:
            _UNEVEN.add(c)
        return out


_READ = _Table(_read_char, True)
_LOWER = _Table(_lower_char, False)


def read(text: str) -> str:
    """``text`` as a reader sees it, its case kept: nothing invisible, no accents, plain letters."""
    return text if text.isascii() else text.translate(_READ)


def lower(text: str) -> str:
    """A read text (``read``'s) in lower case, one character for one: offsets are those of ``text``."""
    return text.lower() if text.isascii() else text.translate(_LOWER)


def _latin_char(c: str) -> str:
    low = c.lower()
    latin = LOOKALIKES.get(low) if len(low) == 1 else None
    return c if latin is None else latin.upper() if c.isupper() else latin


_LATIN = _Table(_latin_char, False)


def latin(text: str) -> str:
    """A read text with each Cyrillic or Greek letter drawn as a Latin one made that letter, its case kept, one
    character for one: the shapes redaction looks for by their capitals ("Мill Lane" with a Cyrillic "М" is a
    street)."""
    return text if text.isascii() else text.translate(_LATIN)


def fold(text: str) -> str:
    """The form every search key, query and identifier is matched in: 'Łukasz', 'LUKASZ', 'Lu\u200bkasz' and
    'Łukasz' in NFD are all 'lukasz'; 'Zoë' and 'zoe' are 'zoe'."""
    if text.isascii():
        return text.lower()
    return text.translate(_READ).translate(_LOWER)


class Origin:
    """Where each character of a read text came from in the original: a span of the read text is the
    whole span of the original, every invisible character and accent inside it included."""

    def __init__(self, text: str, starts: list[int]):
        self.text = text
        self.starts = starts  # per character of the read text: its original character's index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span a read span (start < end) stands for, with the invisible characters either side
        (a bidi override left in place would turn the replacement round) and the accents after its last letter."""
        text, s, e = self.text, self.starts[start], self.starts[end - 1] + 1
        while s and ignorable(text[s - 1]) and not unicodedata.category(text[s - 1]).startswith("M"):
            s -= 1  # (a variation selector before the span is the character's before it)
        while e < len(text) and _READ[ord(text[e])] == "":
            e += 1
        return s, e


def as_read(text: str) -> tuple[str, Origin | None]:
    """``read(text)``, and where its characters came from (None: each from the same offset, one for one)."""
    if text.isascii():
        return text, None
    seen = text.translate(_READ)
    if _UNEVEN.isdisjoint(text):
        return seen, None
    starts: list[int] = []
    for i, c in enumerate(text):
        n = len(_READ[ord(c)])
        if n:
            starts += [i] * n
    return seen, Origin(text, starts)
