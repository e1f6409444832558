"""The intruder's audit (R27): what the published cells give away of each hidden one.

Linear programming (HiGHS, through highspy) over every group bounds each hidden cell
from the published cells, as an intruder would; ``suppression`` hides more wherever a
range is narrower than the threshold. ``round5`` is the ONS style's rounding, which the
intruder knows too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tables import Group, Key


def round5(n: int) -> int:
    return 5 * ((n + 2) // 5)


def feasible_ranges(counts: dict[Key, int], groups: list[Group], hidden: set[Key],
                    rounded: bool = False, only: set[Key] | None = None) -> dict[Key, tuple[float, float]]:
    """What an intruder can work out: each hidden cell's (lowest, highest) by linear programming (HiGHS).

    Shown cells are fixed (or, ``rounded``, known to within 2), hidden ones only non-negative; every group's
    whole equals the sum of its parts. ``only``: solve for these hidden cells alone.

    One model for the whole audit: for each hidden cell only the objective changes (its own count, minimised
    then maximised), so HiGHS starts each solve from the last one's basis instead of from nothing.
    """
    wanted = sorted(hidden if only is None else hidden & only, key=repr)
    if not wanted:
        return {}
    import highspy

    inf = highspy.kHighsInf
    keys = sorted(counts, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    lower, upper = [], []
    for k in keys:
        n = counts[k]
        if k in hidden:
            lower.append(0.0)
            upper.append(inf)
        elif rounded and n > 0:
            shown = round5(n)
            lower.append(float(max(0, shown - 2)))
            upper.append(float(shown + 2))
        else:
            lower.append(float(n))
            upper.append(float(n))
    starts, columns, values = [], [], []
    for g in groups:  # whole - sum(parts) = 0
        row: dict[int, float] = {index[g.whole]: 1.0}
        for p in g.parts:
            row[index[p]] = row.get(index[p], 0.0) - 1.0
        starts.append(len(columns))
        for j, v in row.items():
            if v:
                columns.append(j)
                values.append(v)
    lp = _quiet_highs(highspy)
    lp.addCols(len(keys), [0.0] * len(keys), lower, upper, 0, [], [], [])
    lp.addRows(len(groups), [0.0] * len(groups), [0.0] * len(groups), len(columns), starts, columns, values)
    optimal = highspy.HighsModelStatus.kOptimal
    out = {}
    for k in wanted:
        j = index[k]
        lp.changeColCost(j, 1.0)
        lp.changeObjectiveSense(highspy.ObjSense.kMinimize)
        lp.run()
        low = lp.getInfo().objective_function_value if lp.getModelStatus() == optimal else 0.0
        lp.changeObjectiveSense(highspy.ObjSense.kMaximize)
        lp.run()
        high = lp.getInfo().objective_function_value if lp.getModelStatus() == optimal else float("inf")
        lp.changeColCost(j, 0.0)
        out[k] = (low, high)
    return out


def _quiet_highs(highspy):
    """A HiGHS model that prints nothing: its banner would land in the report's own output (CSV, JSON) on
    stdout. ``Highs()`` prints it on setting its callbacks, before a caller could turn output off, hence the
    option set first."""

    class Quiet(highspy.Highs):
        def enableCallbacks(self):
            self.setOptionValue("output_flag", False)
            super().enableCallbacks()

    lp = Quiet()
    lp.setOptionValue("output_flag", False)
    lp.setOptionValue("threads", 1)  # small, serial solves: no thread pool of HiGHS's own left in the process
    return lp

