"""What people type, read forgivingly: yes or no, dates, choices from a list.

Each parse function takes the text as typed and returns the value, or raises
``InvalidAnswer`` with one line in an officer's words that starts with what was
being asked for. A message never repeats what was typed (a date of birth, a name
typed into the wrong question): at most a code from a fixed list, a short
code-like item of a list of choices, or the one number of a date that is wrong
("there is no 13th month", "2017 was not a leap year").

Dates are always read day first, as they are written in England. A two-digit
year is read as the year in the hundred years that end ten years from today
(in 2026: 1937 to 2036), so 12/03/17 is 2017 and 01/06/99 is 1999; a date of
birth or of contact that this puts in the wrong century is then caught by the
intake's own checks (in the future, older than 25).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re

from ..basics.errors import InvalidRecord, UsageError
from .intake import fold


class InvalidAnswer(InvalidRecord, UsageError):
    """A typed answer that cannot be read.

    An ``InvalidRecord`` (``problems[0]`` is the whole line, which today's prompt
    loops print) and a ``UsageError`` (exit 2) when the answer came as an argument.
    """

    def __init__(self, message: str, hint: str | None = None):
        InvalidRecord.__init__(self, message, [f"{message}; {hint}" if hint else message], hint)


# --- yes or no ------------------------------------------------------------------------


def yes_no(text: str) -> bool:
    """True for yes or y, False for no or n (any case, spaces around ignored); anything else raises."""
    answer = text.strip().casefold()
    if answer in ("yes", "y"):
        return True
    if answer in ("no", "n"):
        return False
    raise InvalidAnswer("answer yes or no")


# --- dates ----------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH_WORDS = {**{m.casefold(): i for i, m in enumerate(MONTHS, 1)},
                **{m[:3].casefold(): i for i, m in enumerate(MONTHS, 1)}, "sept": 9}
FORMS = "type the date as 12/03/2017, 12 March 2017 or 2017-03-12"
_DATE_CHARS = re.compile(r"[0-9a-z\s/.,-]+")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
# A two-digit year means the year in the hundred years ending this far ahead of today.
YEARS_AHEAD = 10


def parse_date(text: str, what: str, *, today: dt.date | None = None) -> dt.date:
    """The date typed, day first (12/03/2017, 12-3-17, 12.03.2017, 12 March 2017, 12th Mar 2017, 2017-03-12, today), or raises saying what is wrong.

    ``what`` names the date in messages ("the child's date of birth: there is no
    13th month"); ``today`` (default: the system date) places two-digit years and
    reads "today", "yesterday" and "tomorrow".
    """
    today = today or dt.date.today()
    t = _ORDINAL.sub("", fold(text).strip())
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if t in relative:
        return today + dt.timedelta(days=relative[t])
    if not t or not _DATE_CHARS.fullmatch(t):
        raise InvalidAnswer(f"{what}: {FORMS}")
    tokens = re.findall(r"[0-9]+|[a-z]+", t)
    shape = "".join("n" if tok.isdigit() else "w" for tok in tokens)
    if shape == "nnn" and len(tokens[0]) == 4:
        year, month, day = tokens  # year first is unambiguous only with the year in full
    elif shape == "nnn":
        day, month, year = tokens
    elif shape == "nwn":
        day, word, year = tokens
        if word not in _MONTH_WORDS:
            raise InvalidAnswer(f"{what}: the month is not one I know; type it as a number or a name such as March")
        month = str(_MONTH_WORDS[word])
    elif shape == "wnn" and tokens[0] in _MONTH_WORDS:
        raise InvalidAnswer(f"{what}: put the day first, as in 12 March 2017")
    elif shape == "nn" or (shape in ("nw", "wn") and any(tok in _MONTH_WORDS for tok in tokens)):
        raise InvalidAnswer(f"{what}: give the day, the month and the year, as in 12/03/2017")
    else:
        raise InvalidAnswer(f"{what}: {FORMS}")
    if len(day) > 2 or len(month) > 2:
        raise InvalidAnswer(f"{what}: {FORMS}")
    return _checked(int(day), int(month), _year(year, what, today), what, today)


def _year(token: str, what: str, today: dt.date) -> int:
    if len(token) == 4:
        return int(token)
    if len(token) == 2:
        last = today.year + YEARS_AHEAD
        return last - (last - int(token)) % 100
    raise InvalidAnswer(f"{what}: type the year with four digits, as in 2017")


def _checked(day: int, month: int, year: int, what: str, today: dt.date) -> dt.date:
    if year == 0:
        raise InvalidAnswer(f"{what}: there is no year 0")
    if not 1 <= month <= 12:
        swapped = " (type the day first)" if 1 <= day <= 12 and 1 <= month <= 31 else ""
        raise InvalidAnswer(f"{what}: there is no {_ordinal(month)} month" + swapped)
    if day == 0:
        raise InvalidAnswer(f"{what}: there is no day 0 in a month")
    if day > 31:
        raise InvalidAnswer(f"{what}: no month has {day} days")
    if day > calendar.monthrange(year, month)[1]:
        if month != 2:
            raise InvalidAnswer(f"{what}: {MONTHS[month - 1]} has {calendar.monthrange(year, month)[1]} days")
        if day > 29:
            raise InvalidAnswer(f"{what}: there is no {day} February")
        verb = "was not" if year < today.year else "is not" if year == today.year else "will not be"
        raise InvalidAnswer(f"{what}: {year} {verb} a leap year")
    return dt.date(year, month, day)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(day: dt.date) -> str:
    """A date in words as it is said in England ('12 March 2017'); ``parse_date`` reads it back."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year:04d}"


# --- choices --------------------------------------------------------------------------

# Listed with their descriptions when there are no more options than this.
FEW = 8
_SHOWN = 30
_STOP_WORDS = frozenset({"a", "an", "and", "any", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


def choose(text: str, options: list[str], what: str, descriptions: dict[str, str] | None = None) -> str:
    """The one option meant by ``text``: an exact option (any case), its number in the list, a unique start of one, or words of its description ('autism' finds ASD).

    Raises naming every option that matches when several do, and listing the
    options (without repeating the text) when none does.
    """
    found = _matches(text, options, descriptions)
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidAnswer(f"{what}: '{_shown(text)}' matches: {_listing(found, descriptions)}")
    raise InvalidAnswer(f"{what}: {_none_matches(text, options)}", f"choose one of: {_listing(options, descriptions)}")


def choose_many(text: str, options: list[str], what: str, descriptions: dict[str, str] | None = None) -> list[str]:
    """The options meant by a comma-separated ``text``, each read as ``choose`` reads one, in the order typed, without repeats ('' is none).

    ``what`` is plural ("the issues"). An item that matches nothing, or several
    options, is named (it is a word typed for a code, cut to 30 characters).
    """
    chosen: list[str] = []
    for item in (part.strip() for part in re.split(r"[,;]", text)):
        if not item:
            continue
        if fold(item) == "all" and "all" not in options:
            chosen += options
            continue
        if span := re.fullmatch(r"(\d+)\s*(?:-|to)\s*(\d+)", item):  # "1-18": by their numbers, as listed
            first, last = int(span[1]), int(span[2])
            if not 1 <= first <= last <= len(options):
                raise InvalidAnswer(f"'{_shown(item)}' is not a range of the numbers listed (1 to {len(options)})")
            chosen += options[first - 1:last]
            continue
        found = _matches(item, options, descriptions)
        if not found and " " in item:
            # "ehc-plan exclusion" or "1 3": separate words, each exactly an option or a number
            each = [_matches(word, options, None, exact_only=True) for word in item.split()]
            if all(len(f) == 1 for f in each):
                found = [f[0] for f in each]
                chosen += found
                continue
        if len(found) > 1:
            raise InvalidAnswer(f"'{_shown(item)}' matches more than one of {what}: {_listing(found, descriptions)}")
        if not found:
            suggestion = _suggestion(item, options)
            raise InvalidAnswer(f"'{_shown(item)}' is not one of {what}" + (f" (did you mean {suggestion}?)" if suggestion else ""),
                                f"choose from: {_listing(options, descriptions)}")
        chosen += found
    return list(dict.fromkeys(chosen))


def _key(text: str) -> str:
    # "Face to face", "face_to_face" and "FACE-TO-FACE" are one answer.
    return re.sub(r"[\s_-]+", "-", fold(text).strip()).strip("-")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _matches(text: str, options: list[str], descriptions: dict[str, str] | None, exact_only: bool = False) -> list[str]:
    key = _key(text)
    if not key:
        return []
    exact = [o for o in options if _key(o) == key]
    if exact:
        return exact[:1]
    if key.isdigit() and not any(_key(o)[:1].isdigit() for o in options):  # "5" is an age band's start, not option 5
        return [options[int(key) - 1]] if 1 <= int(key) <= len(options) else []
    if exact_only:
        return []
    starts = [o for o in options if _key(o).startswith(key)]
    if starts:
        return starts
    asked = [w for w in _words(text) if w not in _STOP_WORDS]
    if not asked:
        return []
    found, whole = [], []
    for option in options:
        own = [w for w in _words(option) if w not in _STOP_WORDS]
        described = [w for w in _words((descriptions or {}).get(option, "")) if w not in _STOP_WORDS]
        if all(any(_alike(q, w) for w in own + described) for q in asked):
            found.append(option)
            if any(ws and all(any(_alike(q, w) for q in asked) for w in ws) for ws in (own, described)):
                whole.append(option)  # all of its words were typed: "black caribbean" is BCRB, not MWBC too
    return whole if len(whole) == 1 else found


def _alike(typed: str, word: str) -> bool:
    # A start of the word ("hear"), or the same stem ("autism", "autistic").
    if typed == word or (len(typed) >= 3 and word.startswith(typed)):
        return True
    common = len(_common_prefix(typed, word))
    return common >= max(5, len(typed) - 2)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _suggestion(text: str, options: list[str]) -> str | None:
    keys = {_key(o): o for o in options}
    close = difflib.get_close_matches(_key(text), list(keys), n=1, cutoff=0.75)
    return keys[close[0]] if close else None


def _none_matches(text: str, options: list[str]) -> str:
    suggestion = _suggestion(text, options)
    return "that is not one of the choices" + (f" (did you mean {suggestion}?)" if suggestion else "")


def _listing(options: list[str], descriptions: dict[str, str] | None) -> str:
    if not descriptions or len(options) > FEW:
        return ", ".join(options)
    return ", ".join(
        f"{o} ({descriptions[o]})" if o in descriptions and _key(descriptions[o]) != _key(o) else o for o in options
    )
