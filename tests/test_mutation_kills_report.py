"""What mutation testing of the report's disclosure control found untested (docs/reliability.md, "Mutation
testing"): the suppression that stops the statistics singling anyone out (statistics/suppression.py), the
ONS style's rounding (lp_audit.round5) and free answers never published (units._coded).

Through `sendvault report` where a whole report shows the decision; where it is a property of the
suppression over any table (which cells a rule hides, that nothing is hidden for nothing), hypothesis
drives the functions themselves over small tables no caseload could be counted to on demand."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sendvault.statistics import lp_audit

from conftest import SAMPLE_CASE, Env, make_case

PERIOD = ("--from", "2026-01-01", "--to", "2026-12-31")


def _heard(env: Env, answer: str, times: int, words: str | None = None) -> None:
    case = copy.deepcopy(SAMPLE_CASE)
    case["contact"]["heard_about"] = answer
    if words is not None:
        case["contact"]["heard_about_other"] = words
    for _ in range(times):
        make_case(env, case)


def _cells(env: Env, table: str, *settings_args: str) -> dict[str, dict]:
    if settings_args:
        r = env.cli("report-settings", *settings_args)
        assert r.exit_code == 0, r.stderr
    r = env.cli("report", *PERIOD, "--json")
    assert r.exit_code == 0, r.stderr
    return {c["row"]: c for c in json.loads(r.stdout)["cells"] if c["table"] == table and not c["column"]}


# --- free answers: units._coded ----------------------------------------------------------------------


def test_a_code_of_the_list_is_published_as_itself_and_words_only_as_other(env: Env):
    """_coded 3-7: a code of the service's list counted as "Not recorded" (the test of an empty answer
    turned round), as "Other answers" (the test of the list dropped or turned round), or the intern of
    nothing (a crash); and the answer "other", whose words the officer typed, published under a row of
    its own (every answer taken as listed). Issue 21.3: words are never a row of the report."""
    _heard(env, "school", 6)
    _heard(env, "health", 5)
    _heard(env, "other", 5, "Dr Okafor at Riverside Academy")
    rows = {row: c["count"] for row, c in _cells(env, "heard_about").items()}
    school = next(r for r in rows if r.lower().startswith("a school"))
    health = next(r for r in rows if r.lower().startswith("a health"))
    assert rows == {school: 6, health: 5, "Other answers": 5, "Total": 16}


# --- the ONS style's rounding: lp_audit.round5 ---------------------------------------------------------


@given(st.integers(0, 10_000))
def test_the_ons_rounding_is_to_the_nearest_five(n):
    """round5 2-6 (another multiple, another offset, another divisor): the intruder's audit takes a
    rounded count to be within 2 of the truth, which holds only if it is the nearest multiple of 5."""
    shown = lp_audit.round5(n)
    assert shown % 5 == 0 and abs(shown - n) <= 2


def test_the_ons_style_publishes_counts_rounded_to_five(env: Env):
    """round5, through the command line: 12 and 13 cases (neither below 10, so neither hidden) are
    published as 10 and 15, and their total of 25 as 25."""
    for need, times in (("ASD", 12), ("SLCN", 13)):
        case = copy.deepcopy(SAMPLE_CASE)
        case["profile"]["primary_need"] = need
        for _ in range(times):
            make_case(env, case)
    cells = _cells(env, "primary_need", "--style", "ons")
    shown = {row.split(":")[0]: c["count"] for row, c in cells.items()}
    assert shown == {"ASD": 10, "SLCN": 15, "Total": 25}
