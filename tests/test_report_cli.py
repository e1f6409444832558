"""Issue 10: `sendvault report` on a real throw-away vault."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest

from conftest import SAMPLE_CASE, assert_no_personal_data, make_case, one_line_error

PERIOD = ("--from", "2026-01-01", "--to", "2026-12-31")


def _case(need: str, band: str, locality: str = "North") -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    case["profile"] = {**case["profile"], "primary_need": need, "age_band": band, "locality": locality}
    return case


@pytest.fixture
def vault(env):
    for _ in range(6):
        make_case(env, _case("ASD", "11-15"))
    for _ in range(5):
        make_case(env, _case("SLCN", "11-15"))
    make_case(env, _case("HI", "11-15", "South"))  # one of a kind: must never show
    return env


def test_tidy_csv_hides_small_counts_and_their_complements(vault):
    r = vault.cli("report", *PERIOD, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["table", "row_variable", "row", "column_variable", "column", "count", "symbol"]
    need = {row["row"]: row for row in rows if row["table"] == "primary_need"}
    assert need["ASD: Autistic Spectrum Disorder"]["count"] == "6"
    assert need["HI: Hearing Impairment"]["count"] == "" and need["HI: Hearing Impairment"]["symbol"] == "[c]"
    # Hidden too, the smallest other count, or HI = 12 - 6 - 5.
    assert need["SLCN: Speech, Language and Communication Needs"]["symbol"] == "[c]"
    assert need["Total"]["count"] == "12" and need["Total"]["column"] == ""
    locality = {row["row"]: row for row in rows if row["table"] == "locality"}
    assert locality["South"]["symbol"] == "[c]" and locality["North"]["symbol"] == "[c]"  # else South = 12 - 11
    assert all(row["symbol"] in ("", "[c]") and (row["count"] == "") == (row["symbol"] == "[c]") for row in rows)
    assert_no_personal_data(r.stdout, r.stderr)


def test_configured_cross_tabulation_and_json(vault):
    r = vault.cli("report-settings", "--cross", "primary_need:age_band", "--threshold", "3")
    assert r.exit_code == 0, r.stderr
    r = vault.cli("report", *PERIOD, "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["method"]["threshold"] == 3
    cells = [c for c in data["cells"] if c["table"] == "primary_need_by_age_band"]
    assert {c["column"] for c in cells} == {"Aged 11 to 15", "Total"}
    grand = next(c for c in cells if c["row"] == "Total" and c["column"] == "Total")
    assert grand["count"] == 12


def test_html_is_self_contained(vault, tmp_path):
    out = tmp_path / "report.html"
    r = vault.cli("report", *PERIOD, "--out", str(out))
    assert r.exit_code == 0, r.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "Test SENDIASS" in page and "[c]" in page
    for forbidden in ("<script", "src=", "href=", "@import", "url("):
        assert forbidden not in page
    assert_no_personal_data(page)


def test_markdown_and_table(vault):
    r = vault.cli("report", *PERIOD, "--format", "md")
    assert r.exit_code == 0 and "| Total | 12 |" in r.stdout and "\\[c\\]" in r.stdout
    r = vault.cli("report", *PERIOD, "--format", "table")
    assert r.exit_code == 0 and "Primary need" in r.stdout and "[c]" in r.stdout


def test_destroyed_cases_still_count(vault):
    from sendvault import report

    units = [report.unit_from_statistics({"kind": "case", "anonymous": False, "opened": "2026-05", "contact": {},
                                          "profile": {"primary_need": "ASD"}, "consents": 1, "disclosures": 0})]
    import datetime as dt

    rep = report.build(units, report.Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31)), {}, "S", dt.date(2027, 4, 2))
    assert next(c for c in rep.cells() if c.table == "primary_need" and c.row == "Total").count == 1


def test_bad_options_are_one_line_errors(vault, tmp_path):
    assert "--from" in one_line_error(vault.cli("report", "--from", "2026-01-01"))
    assert "--format" in one_line_error(vault.cli("report", "--format", "pdf"))
    assert "--to is before --from" in one_line_error(vault.cli("report", "--from", "2026-02-01", "--to", "2026-01-01"))
    assert "--format" in one_line_error(vault.cli("report", *PERIOD, "--out", str(tmp_path / "r.txt")))
    assert "style" in one_line_error(vault.cli("report-settings", "--style", "loose"))


def test_an_officer_cannot_change_the_settings(vault):
    key = vault.new_officer("Bea")
    r = vault.cli("report-settings", "--threshold", "3", identity=key)
    assert r.exit_code == 5


def test_extract_is_refused_unless_allowed_then_k_anonymous(vault, tmp_path):
    out = tmp_path / "extract.csv"
    r = vault.cli("report", *PERIOD, "--extract", "--out", str(out))
    assert r.exit_code == 5 and not out.exists()
    assert vault.cli("report-settings", "--allow-extract").exit_code == 0
    r = vault.cli("report", *PERIOD, "--extract", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    combos = {}
    for row in rows:
        combo = (row["age_band"], row["locality"], row["primary_need"], row["ethnic_group"])
        combos[combo] = combos.get(combo, 0) + 1
    assert rows and min(combos.values()) >= 5
    assert_no_personal_data(out.read_text(), r.stderr)
