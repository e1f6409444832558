"""The report's period: the dates and months of a case that fall in it, and the default reporting year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..basics.errors import UsageError


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        # Compared with every case's dates: the bounds as text made once, not once a comparison.
        object.__setattr__(self, "_first", self.start.isoformat())
        object.__setattr__(self, "_last", self.end.isoformat())

    def holds(self, value: str | None) -> bool:
        """Whether a date (YYYY-MM-DD) or a month (YYYY-MM, a destroyed case's) falls in the period."""
        if not value:
            return False
        if len(value) == 7:
            return self._first[:7] <= value <= self._last[:7]
        return self._first <= value[:10] <= self._last

    def before(self, value: str) -> bool:
        return value < self._first[:7] if len(value) == 7 else value[:10] < self._first

    def counts(self, opened: str, closed: str | None, dates) -> bool:
        """Whether a case opened, closed (or not) and with these other ``dates`` (consents, shares, breaches,
        subject-access requests; ``units._dates``) adds to any count of the period's report (``report.build``):
        a contact, a case carried over or closed, a consent, share, breach or request received or answered."""
        first, last = self._first, self._last
        if first <= opened[:10] <= last if len(opened) != 7 else first[:7] <= opened <= last[:7]:
            return True  # a contact of the period
        if closed and (first <= closed[:10] <= last if len(closed) != 7 else first[:7] <= closed <= last[:7]):
            return True  # closed in it
        if opened and self.before(opened) and not (closed and self.before(closed)):
            return True  # carried over into it
        return any(self.holds(d) for d in dates)


def default_period(today: dt.date, start_month: int = 4) -> Period:
    """The last complete reporting year (April to March unless configured) before ``today``."""
    year = today.year if today.month >= start_month else today.year - 1
    start = dt.date(year - 1, start_month, 1)
    return Period(start, dt.date(year, start_month, 1) - dt.timedelta(days=1))


def period(start: dt.date | None, end: dt.date | None, today: dt.date, start_month: int = 4) -> Period:
    if start is None and end is None:
        return default_period(today, start_month)
    if start is None or end is None:
        raise UsageError("give both --from and --to, or neither (the last complete year)")
    if end < start:
        raise UsageError("--to is before --from")
    return Period(start, end)

