"""The clock and how instants are written (UTC, to the second)."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def local_date(t: dt.datetime) -> dt.date:
    """The calendar date where the officer is (this machine's time zone): "today" for people.

    Instants are stored in UTC, but a follow-up due "today" or a contact dated today
    means the day in England, which is an hour ahead of UTC all summer.
    """
    return t.astimezone().date()


def instant(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(text: str) -> dt.datetime:
    """An instant as ``instant`` writes it (fractions of a second allowed), aware, in UTC."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def duration_words(seconds: float) -> str:
    """A length of time as people say it: '20 seconds', '30 minutes', '8 hours', '1 hour 30 minutes'."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second")) if n]
    return " ".join(parts) or "0 seconds"
