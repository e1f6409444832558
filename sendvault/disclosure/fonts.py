"""Which installed font prints each character of a PDF that leaves the service, or a refusal.

A family's names and notes may be in any script (Bengali, Chinese, Urdu, Tamil,
Amharic...) or hold an emoji. A PDF shows a character only with a font that has
its glyph; without one a reader sees a box. So before a PDF is laid out, ``plan``
picks, for the document's characters, DejaVu (Latin, Greek, Cyrillic) and then,
script by script, the Noto fonts that have the rest; ``export`` embeds only those,
subsetted to the glyphs used. A character no installed font has is refused
(``NoGlyph``), naming its script and code point, never the text around it.

The fonts are Debian's (``.ci/run`` installs them): fonts-dejavu-core,
fonts-noto-core (every script's Noto Sans, static Regular and Bold),
fonts-noto-cjk (Chinese, Japanese, Korean) and fonts-noto-color-emoji.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..basics.errors import SendvaultError

DEJAVU_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
               Path("/usr/local/share/fonts/dejavu"))
NOTO_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"),
             Path("/usr/share/fonts/noto"), Path("/usr/share/fonts/google-noto"),
             Path("/usr/share/fonts/google-noto-cjk"), Path("/usr/share/fonts/google-noto-color-emoji"))

# Left out of DejaVu so that Noto, whose Arabic has every Urdu, Pashto and Persian letter
# (DejaVu lacks ے) and whose Hebrew is complete, sets the whole word: a word in two fonts
# does not join. The joiners (ZWJ, ZWNJ) go with the script around them.
_NOT_DEJAVU = ((0x0590, 0x05FF), (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB1D, 0xFB4F),
               (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x200C, 0x200D))


@dataclass(frozen=True)
class Face:
    """One font of the plan: its name in the PDF, its files (Regular, Bold) and face in a collection."""

    family: str
    regular: Path
    bold: Path | None = None
    index: int = 0
    unicode_range: frozenset[int] | None = None  # the code points used from it (None: all it has)
    colour: bool = False  # bitmap glyphs (CBDT): fpdf2 cannot take a unicode range for them

    def covers(self) -> frozenset[int]:
        return self.unicode_range if self.unicode_range is not None else cmap(self.regular, self.index)


# The scripts the services' families write first (a character in two fonts goes to the
# first that has it; "" is Noto Sans itself, for the Latin, Greek and Cyrillic letters
# DejaVu lacks), then Chinese and emoji, then every other Noto Sans script installed,
# then symbols (``candidates``).
_FIRST = ("Arabic", "Hebrew", "Bengali", "Devanagari", "Gujarati", "Gurmukhi", "Tamil", "Ethiopic", "Sinhala",
          "Thai", "Telugu", "Kannada", "Malayalam", "Oriya", "Myanmar", "Khmer", "Lao", "Thaana", "Syriac",
          "Adlam", "NKo", "Tifinagh", "Armenian", "Georgian", "")
_LAST = ("Symbols", "Symbols2", "Math")


class FontMissing(SendvaultError):
    """The TrueType font the PDF embeds is not installed."""


class NoGlyph(SendvaultError):
    """A character of the document is in no installed font: the PDF would show a box."""


def _find(name: str, dirs: tuple[Path, ...]) -> Path | None:
    return next((d / name for d in dirs if (d / name).is_file()), None)


@functools.cache
def cmap(path: Path, index: int = 0) -> frozenset[int]:
    """The code points a font file (face ``index`` of a collection) has glyphs for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True, fontNumber=index).getBestCmap())


def dejavu() -> Face:
    regular, bold = _find("DejaVuSans.ttf", DEJAVU_DIRS), _find("DejaVuSans-Bold.ttf", DEJAVU_DIRS)
    if regular is None or bold is None:
        raise FontMissing("the DejaVu fonts that PDF documents embed are not installed",
                          hint="install them: apt-get install fonts-dejavu-core")
    return Face("dejavu", regular, bold, unicode_range=_dejavu_range(regular))


@functools.cache
def _dejavu_range(regular: Path) -> frozenset[int]:
    return frozenset(c for c in cmap(regular) if not any(lo <= c <= hi for lo, hi in _NOT_DEJAVU))


def _noto(name: str) -> Face | None:
    regular = _find(f"NotoSans{name}-Regular.ttf", NOTO_DIRS)
    if regular is None:
        return None
    return Face(f"noto{name.lower()}", regular, _find(f"NotoSans{name}-Bold.ttf", NOTO_DIRS))


@functools.cache
def _script_faces() -> tuple[tuple[Face, ...], tuple[Face, ...]]:
    """The Noto Sans fonts of ``_FIRST`` installed, and those of every other script installed."""
    rest: list[str] = []
    for d in NOTO_DIRS:
        for p in sorted(d.glob("NotoSans*-Regular.ttf")) if d.is_dir() else ():
            name = p.name[len("NotoSans"):-len("-Regular.ttf")]
            if name not in _FIRST and name not in _LAST and name not in rest and not name.startswith(("Mono", "Display")):
                rest.append(name)
    return (tuple(f for f in map(_noto, _FIRST) if f is not None),
            tuple(f for f in map(_noto, rest) if f is not None))


def _cjk(chinese: str) -> Face | None:
    regular = _find("NotoSansCJK-Regular.ttc", NOTO_DIRS)
    if regular is None:
        return None
    # The collection's faces: 0 JP, 1 KR, 2 SC (Simplified), 3 TC (Traditional).
    index = 3 if chinese == "traditional" else 2
    return Face("notocjk", regular, _find("NotoSansCJK-Bold.ttc", NOTO_DIRS), index)


def _emoji() -> Face | None:
    path = _find("NotoColorEmoji.ttf", NOTO_DIRS)
    return Face("notoemoji", path, colour=True) if path else None


def chinese_form(chars: Iterable[str]) -> str:
    """'traditional' when more of the Han characters are written only in Traditional Chinese (Big5, not GB2312).

    Both faces have every character; they differ in how some are drawn, and a Hong Kong
    family's name drawn in the mainland's forms is a misspelling to them.
    """
    simplified = traditional = 0
    for c in chars:
        if unicodedata.name(c, "").startswith("CJK UNIFIED"):
            gb, big5 = _encodes(c, "gb2312"), _encodes(c, "big5")
            simplified += gb and not big5
            traditional += big5 and not gb
    return "traditional" if traditional > simplified else "simplified"


def _encodes(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def candidates(chars: Iterable[str] = ()) -> tuple[Face, ...]:
    """Every fallback font installed, in the order a character goes to the first that has it.

    The families' scripts, Chinese and emoji come before the other scripts, so that a
    document in them reads no more fonts than it uses (a font's table of characters
    takes ~20 ms to read).
    """
    first, rest = _script_faces()
    faces = [*first, _cjk(chinese_form(chars)), _emoji(), *rest, *map(_noto, _LAST)]
    return tuple(f for f in faces if f is not None)


def needs_no_glyph(c: str) -> bool:
    """Characters a reader never sees: line breaks, joiners, direction marks, variation selectors."""
    return c in "\n" or unicodedata.category(c) in ("Cf", "Cc") or 0xFE00 <= ord(c) <= 0xFE0F \
        or 0xE0100 <= ord(c) <= 0xE01EF


@dataclass(frozen=True)
class Plan:
    """The fonts a document needs: DejaVu first, then each fallback that has a character the others lack."""

    primary: Face
    fallbacks: tuple[Face, ...]


def plan(texts: Iterable[str]) -> Plan:
    """The fonts for ``texts``; ``NoGlyph`` names every character (script and code point) no font has."""
    chars = {c for t in texts for c in t}
    primary = dejavu()
    covered = primary.covers()
    missing = {c for c in chars if ord(c) not in covered and not needs_no_glyph(c)
               and not unicodedata.category(c).startswith("Z")}  # a space no font has becomes a plain one
    unseen = {ord(c) for c in chars if needs_no_glyph(c)}
    chosen = []
    for face in candidates(chars) if missing else ():
        has = {c for c in missing if ord(c) in face.covers()}
        if has:
            # Only the characters it sets (and the joiners it has) are read from it: Chinese's
            # table of 44,000 characters is otherwise read in full, a second for every PDF.
            used = frozenset(map(ord, has)) | (unseen & face.covers())
            chosen.append(dataclasses.replace(face, unicode_range=used))
            missing -= has
        if not missing:
            break
    if missing:
        raise _refusal(missing)
    return Plan(primary, tuple(chosen))


def describe(c: str) -> str:
    """A character as 'U+0995 (Bengali)': its code point and its script, nothing of the text around it."""
    from fontTools import unicodedata as ucd

    category = unicodedata.category(c)
    if category == "Co":
        what = "a private-use character"
    elif category == "Cn":
        what = "unassigned in Unicode"
    elif _is_emoji(c):
        what = "emoji"
    else:
        code = ucd.script(c)
        what = {"Zyyy": "a symbol", "Zinh": "a combining mark"}.get(code) or ucd.script_name(code, code).replace("_", " ")
        what = what if what.startswith("a ") else f"{what} script"
    return f"U+{ord(c):04X} ({what})"


def _is_emoji(c: str) -> bool:
    return 0x1F000 <= ord(c) <= 0x1FAFF or 0x2600 <= ord(c) <= 0x27BF


def _refusal(missing: set[str]) -> NoGlyph:
    shown = sorted(missing)[:3]
    more = f" and {len(missing) - len(shown)} more" if len(missing) > len(shown) else ""
    which = ", ".join(describe(c) for c in shown) + more
    absent = [p for p, f in (("fonts-noto-core", _noto("Arabic")), ("fonts-noto-cjk", _cjk("simplified")),
                             ("fonts-noto-color-emoji", _emoji())) if f is None]
    hint = (f"install the fonts sendvault prints with: apt-get install {' '.join(absent)}" if absent else
            "no font sendvault uses has it: change that text in the case (sendvault edit), for example to "
            "a spelling in another script, and make the copy again")
    noun = "a character" if len(missing) == 1 else f"{len(missing)} characters"
    return NoGlyph(f"the PDF cannot show {noun} of this case, {which}: no installed font has it; "
                   "nothing was written", hint=hint)
