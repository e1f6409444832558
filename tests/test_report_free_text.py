"""Issue 21.3: words typed freely never reach a report, however many cases gave them.

"How they heard about the service" is free text, and so is a locality that is not on the vault's list (a vault with
no list, a list changed since, an edited record). Five families naming the same doctor at the same school once put
"Dr okafor at riverside academy", count 5, in the anonymised report. Every such answer is now counted as "Other
answers": in every format of the report and in the record-level extract.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendvault.statistics import formats as report_formats, periods, report
from sendvault.statistics import extract as report_extract, units as report_units
from sendvault.basics import schema

from conftest import SAMPLE_CASE, make_case, make_key, Env

WHEN = periods.Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31))
TODAY = dt.date(2027, 5, 1)
LISTED = ("North", "South")
# Consonants only: a generated word can never be one of the report's own words ("Total", "North", a title).
WORD = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=12)
NAME = st.builds(lambda a, b: f"Dr {a.title()} at {b.title()} Academy", WORD, WORD)
PLACE = st.builds(lambda a: f"{a.title()} Estate", WORD)


def _record(n: int, heard: str | None, locality: str | None) -> dict:
    """A case of the period as the index summarises it (the parts ``units.unit`` reads)."""
    day = (WHEN.start + dt.timedelta(days=n % 300)).isoformat()
    return {"id": f"C{n:05d}", "created": day + "T10:00:00Z", "created_by": "Ann", "status": "open", "kind": "case",
            "contact": {"date": day, "caller": "parent-carer", "route": "self", "channel": "phone",
                        **({"heard_about": heard} if heard is not None else {})},
            "profile": {"primary_need": "ASD", "age_band": "5-10", "support_level": "advice",
                        **({"locality": locality} if locality is not None else {})}}


def _everything_published(units: list, config: dict) -> str:
    """Every format of the report and of the extract, together."""
    rep = report.build(units, WHEN, config, "Exampleshire SENDIASS", TODAY)
    texts = [report_formats.render(rep, fmt) for fmt in ("csv", "json", "md", "html")]
    extract = report_extract.extract(units, WHEN, report.settings(config)["threshold"])
    texts += [report_formats.render_extract(extract, WHEN, fmt) for fmt in report_formats.EXTRACT_FORMATS]
    schema.validate("report", report_formats.to_json(rep), "the report")  # as `report` checks before writing
    schema.validate("extract", json.loads(report_formats.extract_json(extract, WHEN)), "the extract")
    return "\n".join(texts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.lists(st.tuples(NAME, PLACE, st.integers(5, 40)), min_size=1, max_size=4),
       threshold=st.integers(2, 10))
def test_free_answers_given_by_many_are_never_published(answers, threshold):
    config = {"report": {"threshold": threshold, "allow_extract": True,
                         "cross_tabulations": [{"rows": "locality", "columns": "age_band"}]}}
    records = []
    for name, place, times in answers:
        records += [_record(len(records), name, place) for _ in range(times)]
    records += [_record(len(records), None, "North") for _ in range(12)]  # a listed locality is published
    units = [report_units.unit(r, WHEN, LISTED) for r in records]
    published = _everything_published(units, config).casefold()
    for name, place, _ in answers:
        for word in (*name.split()[1::2], place.split()[0]):  # the generated words, not "Dr", "at", "Academy"
            assert word.casefold() not in published
    rep = report.build(units, WHEN, config, "S", TODAY)
    heard = {c.row: c.count for c in rep.cells() if c.table == "heard_about"}
    assert heard == {report_units.OTHER_ANSWERS: len(records) - 12, "Not recorded": 12, "Total": len(records)}
    where = {c.row: c.count for c in rep.cells() if c.table == "locality"}
    assert where == {"North": 12, report_units.OTHER_ANSWERS: len(records) - 12, "Total": len(records)}


def test_a_destroyed_cases_unlisted_locality_is_other_too():
    stat = {"kind": "case", "anonymous": False, "opened": "2026-05", "contact": {},
            "profile": {"locality": "Riverside Estate"}, "consents": 0, "disclosures": 0}
    assert report_units.unit_from_statistics(stat, LISTED).locality == report_units.OTHER_ANSWERS
    assert report_units.unit_from_statistics({**stat, "profile": {"locality": "South"}}, LISTED).locality == "South"


def test_through_the_command_line_in_every_format(tmp_path):
    """A vault with no list of localities: intake takes any locality, and the report publishes none of them."""
    key = tmp_path / "ann.key"
    env = Env(tmp_path, tmp_path / "vault", key, make_key(key))
    r = env.cli("init", str(env.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", env.recipient,
                "--policy-version", "2025-01")
    assert r.exit_code == 0, r.stderr
    case = copy.deepcopy(SAMPLE_CASE)
    case["contact"]["heard_about"] = "other"  # words are taken only as "other" now (issue 25)
    case["contact"]["heard_about_other"] = "Dr Okafor at Riverside Academy"
    case["profile"] = {**case["profile"], "locality": "Riverside Estate"}
    for _ in range(6):
        make_case(env, case)
    assert env.cli("report-settings", "--allow-extract").exit_code == 0
    today = dt.date.today()
    period = ("--from", f"{today.year - 1}-01-01", "--to", today.isoformat())
    texts = []
    for fmt in ("csv", "json", "md", "html"):
        r = env.cli("report", *period, "--format", fmt)
        assert r.exit_code == 0, r.stderr
        texts.append(r.stdout + r.stderr)
    cells = json.loads(texts[1])["cells"]
    assert {c["row"]: c["count"] for c in cells if c["table"] == "heard_about"} == {"Other answers": 6, "Total": 6}
    for name in ("extract.csv", "extract.json"):
        r = env.cli("report", *period, "--extract", "--out", str(tmp_path / name))
        assert r.exit_code == 0, r.stderr
        texts.append((tmp_path / name).read_text() + r.stderr)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "extract.csv").read_text())))
    assert [row["locality"] for row in rows] == ["Other answers"] * 6
    assert json.loads((tmp_path / "extract.json").read_text())["rows"] == rows
    for text in texts:
        assert "okafor" not in text.casefold() and "riverside" not in text.casefold()
