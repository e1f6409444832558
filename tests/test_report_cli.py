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
    from sendvault.basics import schema

    assert [e.message for e in schema.full_validator("report").iter_errors(data)] == []  # vault-schema/report.schema.json
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


def _need_counts(env) -> dict[str, str]:
    r = env.cli("report", *PERIOD, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    return {row["row"].split(":")[0]: row["count"] for row in csv.DictReader(io.StringIO(r.stdout))
            if row["table"] == "primary_need"}


def test_destroyed_cases_still_count(vault):
    """Cases erased or purged leave their anonymous statistics record, which the report counts."""
    before = _need_counts(vault)
    assert before["ASD"] == "6" and before["Total"] == "12", before
    ids = [make_case(vault, _case("ASD", "11-15")) for _ in range(4)]
    for cid in ids:
        r = vault.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
        assert r.exit_code == 0, r.stderr
    listed = {row["id"] for row in json.loads(vault.cli("list", "--json").stdout)}
    assert not listed & set(ids) and len(listed) == 12  # destroyed: only their statistics are left
    counts = _need_counts(vault)
    assert counts["ASD"] == "10" and counts["Total"] == "16", counts


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


def _activity(env, *period: str) -> dict:
    r = env.cli("report", *period, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    return {row["row"]: row["count"] or row["symbol"] for row in csv.DictReader(io.StringIO(r.stdout))
            if row["table"] == "activity"}


def test_subject_access_requests_are_counted_in_totals_never_per_case(vault, tmp_path):
    import datetime as dt

    today = dt.date.today()
    period = ("--from", f"{today.year - 1}-01-01", "--to", today.isoformat())
    assert vault.cli("report-settings", "--threshold", "2").exit_code == 0  # counts of 1 hidden, 2 shown
    cids = [r["id"] for r in json.loads(vault.cli("list", "--json").stdout)][:2]
    late, on_time = (today - dt.timedelta(days=60)).strftime("%d/%m/%Y"), today.strftime("%d/%m/%Y")
    out = tmp_path / "copies"
    out.mkdir()
    for cid, received in zip(cids, (late, on_time)):
        assert vault.cli("sar", "request", cid, "--for", "parent", "--received", received).exit_code == 0
        r = vault.cli("sar", cid, "--for", "parent", "--out", str(out / f"{cid}.json"), "--format", "json", "--plaintext")
        assert r.exit_code == 0, r.stderr
    counts = _activity(vault, *period)
    assert counts["Subject-access requests received"] == "2"
    assert counts["Subject-access requests answered"] == "2"
    assert counts["of which answered after the one-month deadline"] == "[c]"  # 1: hidden like any small count
    r = vault.cli("report", *period, "--format", "csv")
    assert not any(cid in r.stdout for cid in cids)


def test_an_erased_case_still_counts_through_its_statistical_record(vault):
    def new_contacts() -> str:
        r = vault.cli("report", *PERIOD, "--format", "csv")
        return next(row["count"] for row in csv.DictReader(io.StringIO(r.stdout))
                    if row["table"] == "caseload" and row["row"] == "New contacts and cases")

    assert new_contacts() == "12"
    cid = json.loads(vault.cli("list", "--json").stdout)[0]["id"]
    assert vault.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    assert len(json.loads(vault.cli("list", "--json").stdout)) == 11
    assert new_contacts() == "12"
    r = vault.cli("report", *PERIOD, "--json")
    assert cid not in r.stdout


def test_a_progress_bar_on_a_terminal_when_many_cases_are_read(tmp_path):
    """600 cases, no index yet: on a terminal a bar on stderr; through a pipe one line and no bar."""
    import os
    import subprocess
    import sys

    import pexpect

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    vault_dir = tmp_path / "v"
    generate.generate(vault_dir, 600, 3)
    env = {**os.environ, "SENDVAULT_VAULT": str(vault_dir), "SENDVAULT_IDENTITY": str(generate.default_identity(vault_dir)),
           "COLUMNS": "100"}
    child = pexpect.spawn(sys.executable, ["-m", "sendvault", "report", "--format", "csv", "--out", str(tmp_path / "r.csv")],
                          env=env, encoding="utf-8", timeout=120)
    child.expect("updating the index")  # the bar's label, drawn while the cases are read
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and (tmp_path / "r.csv").exists()
    import shutil

    shutil.rmtree(vault_dir / "local" / "index")  # no index: every case is read again
    p = subprocess.run([sys.executable, "-m", "sendvault", "report", "--format", "csv"], env=env, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0 and "reading 600 new or changed case(s)" in p.stderr and "━" not in p.stderr
    # The index current: stdout is the CSV alone and stderr empty (the solver of the audit, which ran as cells are
    # hidden, prints nothing of its own, not even its banner, on either stream).
    p = subprocess.run([sys.executable, "-m", "sendvault", "report", "--format", "csv"], env=env, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert p.stdout.startswith("table,row_variable,row,column_variable,column,count,symbol\n") and "[c]" in p.stdout
    assert list(csv.DictReader(io.StringIO(p.stdout)))[-1]["table"] == "breaches"


def test_distinct_service_users_count_a_returning_family_once(vault):
    def users() -> dict:
        r = vault.cli("report", *PERIOD, "--format", "csv")
        assert r.exit_code == 0, r.stderr
        return {row["row"]: row["count"] or row["symbol"] for row in csv.DictReader(io.StringIO(r.stdout))
                if row["table"] == "service_users"}

    assert vault.cli("report-settings", "--threshold", "2").exit_code == 0
    # The fixture's 12 cases are one family's: 1 parent and 1 child, hidden as any count below the threshold.
    assert users() == {"Parents and carers": "[c]", "Children and young people": "[c]", "Professionals": "0"}
    family = vault_case_ids(vault)  # the fixture's family's cases, before the others
    for i, name in enumerate(("Kim Other", "Lee Other")):
        case = _case("ASD", "11-15")
        case["person"] = {**case["person"], "name": name, "postcode": f"EX{i + 3} 1AA"}
        case["child"] = {**case["child"], "name": f"Child {name}", "date_of_birth": f"2013-0{i + 1}-01"}
        make_case(vault, case)
    assert users() == {"Parents and carers": "3", "Children and young people": "3", "Professionals": "0"}
    # Everyone in the case counts (issue 23): a second parent, twice over a professional (counted once).
    cid = family[-1]  # one of the family's (the list's last case could be one of the others: its order is the ids')
    for name, role, extra in (("Max Other", "parent-carer", ["--postcode", "EX9 1AA"]),
                              ("Pat Lee", "professional", ["--email", "pat@school.example"]),
                              ("Pat Lee", "professional", ["--email", "pat@school.example"])):
        r = vault.cli("person", "add", cid, "--role", role, "--name", name, *extra)
        assert r.exit_code == 0, r.stderr
    assert users() == {"Parents and carers": "4", "Children and young people": "3", "Professionals": "[c]"}
    # Erased, the case's statistical record keeps how many others it held, by group and nothing else, so its
    # second parent and its professional still count (as new people: nothing is kept to know them again).
    r = vault.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    from sendvault.store import destruction
    from conftest import core_vault

    [stat] = [s for s in destruction.statistical_records(core_vault(vault)) if "others" in s]
    assert stat["others"] == {"parents": 1, "professionals": 2}
    assert not {"Max Other", "Pat Lee", "pat@school.example", "EX9 1AA"} & set(json.dumps(stat).split('"'))
    # The case was one of the family's: its caller and child count once more (the family's other cases still
    # count them once), its second parent once, its professional twice (told apart no longer).
    assert users() == {"Parents and carers": "5", "Children and young people": "4", "Professionals": "2"}


def test_the_same_report_and_plan_from_a_rebuilt_a_partly_stale_and_a_current_index(vault):
    """A rebuild computes each case's unit in the readers; a current index decodes it from its shard:
    the same report either way, and with one case changed (read afresh, the rest from the shards)."""
    import shutil

    assert vault.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0").exit_code == 0

    def outputs() -> tuple[str, str]:
        report = vault.cli("report", *PERIOD, "--format", "csv")
        plan = vault.cli("retention", "plan", "--json")
        assert report.exit_code == 0 and plan.exit_code == 0, (report.stderr, plan.stderr)
        return report.stdout, plan.stdout

    shutil.rmtree(vault.vault / "local" / "index", ignore_errors=True)
    rebuilt = outputs()
    assert outputs() == rebuilt  # from the index's shards
    cid = vault.cli("list", "--json")
    cid = json.loads(cid.stdout)[0]["id"]
    assert vault.cli("close", cid, "--outcome", "resolved").exit_code == 0
    partly = outputs()
    assert partly != rebuilt  # the change is seen (a closed case, its outcome counted)
    shutil.rmtree(vault.vault / "local" / "index")
    assert outputs() == partly


def test_a_family_read_by_several_reader_processes_still_counts_once(vault, monkeypatch):
    """On a big vault the cases are read by several processes at once: one family's cases, whichever process read
    each, still make one parent and one child (each process once made its own salt, and counted them again)."""
    from sendvault.store import index_format

    assert vault.cli("report-settings", "--threshold", "2").exit_code == 0
    monkeypatch.setenv("SENDVAULT_WORKERS", "4")
    r = vault.cli("report", *PERIOD, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    users = {row["row"]: row["count"] or row["symbol"] for row in csv.DictReader(io.StringIO(r.stdout))
             if row["table"] == "service_users"}
    assert users == {"Parents and carers": "[c]", "Children and young people": "[c]", "Professionals": "0"}
    ids = [row["id"] for row in json.loads(vault.cli("list", "--json").stdout)]
    assert len(ids) == 12
    assert len({index_format.shard_of(c) for c in ids}) > 1  # the 12 cases were in more than one process's share


def test_extract_honours_format_and_json_and_refuses_the_rest(vault, tmp_path):
    """Issue 21.8: --format and --json act on the extract (they were ignored: CSV written into x.json)."""
    assert vault.cli("report-settings", "--allow-extract").exit_code == 0
    wanted = None
    for args, name in ((("--json",), "a.json"), (("--format", "json"), "b.data"), ((), "c.json"),
                       (("--format", "csv"), "d.json")):
        r = vault.cli("report", *PERIOD, "--extract", *args, "--out", str(tmp_path / name))
        assert r.exit_code == 0, r.stderr
        text = (tmp_path / name).read_text()
        if args == ("--format", "csv"):
            assert [dict(row) for row in csv.DictReader(io.StringIO(text))] == wanted  # the format said wins
            continue
        data = json.loads(text)
        assert data["k"] == 5 and data["from"] == "2026-01-01" and set(data["generalised"]) == {
            "age_band", "locality", "primary_need", "ethnic_group"}
        assert data["left_out"] + len(data["rows"]) == 12 and data["rows"]
        wanted = wanted or data["rows"]
        assert data["rows"] == wanted
    for args, name in ((("--format", "md"), "e.md"), (("--format", "html"), "f.html"), ((), "g.md"),
                       (("--json", "--format", "csv"), "h.csv"), (("--format", "table"), "i.csv")):
        r = vault.cli("report", *PERIOD, "--extract", *args, "--out", str(tmp_path / name))
        assert "--format" in one_line_error(r) and r.exit_code == 2 and not (tmp_path / name).exists()
    r = vault.cli("report", *PERIOD, "--extract", "--json")
    assert "--out" in one_line_error(r) and r.stdout == ""


def vault_case_ids(env) -> list[str]:
    r = env.cli("list", "--json")
    assert r.exit_code == 0, r.stderr
    return [c["id"] for c in json.loads(r.stdout)]
