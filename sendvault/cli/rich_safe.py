"""rich's console, made safe for case data: nothing obeyed, nothing cut.

- Every string and every finished line passes through ``terminal_text.safe``.
- Every table column folds a long word instead of ending it in "...".
- A table that cannot fit the width even so (each column needs its longest word)
  is printed one record per block, ``heading: value`` lines, instead of squeezing
  columns to nothing. Piped output with no COLUMNS gets tables at their natural
  width, so a name is not broken across lines in a file.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .terminal_text import UNSAFE, safe


class SafeConsole(Console):
    def __init__(self, *args, natural_width: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.natural_width = natural_width

    def render_str(self, text: str, **kwargs) -> Text:
        return super().render_str(safe(text), **kwargs)

    def render(self, renderable, options=None):
        if isinstance(renderable, Table):  # nested grids too (a panel's rows)
            _fold(renderable)
        for segment in super().render(renderable, options):
            if segment.control or not UNSAFE.search(segment.text):
                yield segment
            else:  # a Text built elsewhere: still shown, never obeyed
                yield Segment(safe(segment.text), segment.style)

    def print(self, *objects, **kwargs) -> None:
        if len(objects) == 1 and isinstance(objects[0], Table) and objects[0].columns:
            self._print_table(objects[0], **kwargs)
        else:
            super().print(*objects, **kwargs)

    def _print_table(self, table: Table, **kwargs) -> None:
        _fold(table)
        needs = Measurement.get(self, self.options.update_width(1_000_000), table)
        width = self.width
        if self.natural_width:
            width = max(width, min(needs.maximum, self.natural_width))
        if needs.minimum > width:
            super().print(as_records(table), **kwargs)
            return
        if needs.maximum > width:
            _share_width(self, table, width, needs.maximum)
        saved = self.width
        self.width = width
        try:
            super().print(table, **kwargs)
        finally:
            self.width = saved


def _share_width(console: Console, table: Table, width: int, natural: int) -> None:
    """Fix each column's width between its longest word and its longest line, so that ``width`` is filled.

    rich narrows the widest columns first, below their longest word ("support_lev" above
    "el"); here every column keeps its longest word whole, and the room left is shared
    in proportion to what each column would use beyond that.
    """
    options = console.options.update_width(1_000_000)
    ranges = []
    for column in table.columns:
        cells = [column.header, *column.cells]
        sizes = [Measurement.get(console, options, cell) for cell in cells]
        ranges.append((max(m.minimum for m in sizes), max(m.maximum for m in sizes)))
    overhead = natural - sum(high for _, high in ranges)  # borders and padding
    room = width - overhead - sum(low for low, _ in ranges)
    slack = [high - low for low, high in ranges]
    total = sum(slack)
    if room < 0 or total == 0:
        return
    extra = [room * s // total for s in slack]
    for i in sorted(range(len(slack)), key=lambda i: -slack[i])[:room - sum(extra)]:  # the remainder, widest first
        extra[i] += 1
    for column, (low, _), more in zip(table.columns, ranges, extra):
        column.width = low + more


def _fold(table: Table) -> None:
    for column in table.columns:
        column.overflow = "fold"


def _text(value) -> Text:
    if isinstance(value, Text):
        return value.copy()
    return Text(safe(str(value)))


def as_records(table: Table) -> Group:
    """The table as one block per row, ``heading: value`` a line: every value whole at any width."""
    parts = []
    if table.title:
        parts.append(_text(table.title))
    columns = table.columns
    rows = zip(*(list(c.cells) for c in columns)) if columns else ()
    for n, cells in enumerate(rows):
        if n or table.title:
            parts.append(Text(""))
        for column, cell in zip(columns, cells):
            line = _text(column.header)
            line.append(": ")
            line.append_text(_text(cell))
            line.overflow = "fold"
            parts.append(line)
    if table.caption:
        parts.append(_text(table.caption))
    return Group(*parts)
