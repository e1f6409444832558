"""The service's own coded lists (issue 25): managers change them, officers cannot, intake checks them,
old cases keep their meaning; intervention levels with their history; status derived; evaluation at close."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys

import pytest

from conftest import ROOT, SAMPLE_CASE, Env, clock_moved, intake_text, make_case, one_line_error, show


def lists(env: Env) -> dict:
    r = env.cli("categories", "show", "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)["lists"]


def case_with(**contact_profile) -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    for key, value in contact_profile.items():
        section = "contact" if key.startswith("heard_about") else "profile"
        case[section][key] = value
    return case


def test_a_manager_changes_a_list_and_it_is_sealed_and_audited(env: Env):
    assert [e["code"] for e in lists(env)["heard_about"]][:2] == ["school", "health"]  # the shipped defaults
    r = env.cli("categories", "add", "heard_about", "parent-forum", "The parent carer forum")
    assert r.exit_code == 0, r.stderr
    r = env.cli("categories", "retire", "heard_about", "event")
    assert r.exit_code == 0, r.stderr
    entries = {e["code"]: e for e in lists(env)["heard_about"]}
    assert entries["parent-forum"]["words"] == "The parent carer forum" and entries["parent-forum"]["added_by"] == "Ann"
    assert "retired" in entries["event"] and "retired" not in entries["school"]
    # Only what is in force is offered on a day: the day before the change, the new code was not.
    yesterday = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    before = json.loads(env.cli("categories", "show", "heard_about", "--on", yesterday, "--json").stdout)["lists"]
    assert "parent-forum" not in {e["code"] for e in before["heard_about"]}
    audit = env.cli("audit", "show", "--json")
    commands = [e["command"] for e in json.loads(audit.stdout)]
    assert "categories add" in commands and "categories retire" in commands
    # The list is in vault.toml, under the seal: an edit outside sendvault is refused.
    text = (env.vault / "vault.toml").read_text()
    assert "parent-forum" in text
    (env.vault / "vault.toml").write_text(text.replace("The parent carer forum", "Something else"))
    assert env.cli("categories", "show").exit_code != 0


def test_a_code_keeps_its_words(env: Env):
    r = env.cli("categories", "add", "heard_about", "school", "A school newsletter")
    assert r.exit_code != 0
    assert "keeps its words" in one_line_error(r)
    assert lists(env)["heard_about"][0]["words"] == "A school, college or early-years setting"


def test_an_officer_cannot_change_a_list(env: Env):
    bo = env.new_officer("Bo")
    before = (env.vault / "vault.toml").read_bytes()
    for args in (("add", "heard_about", "parent-forum", "The parent carer forum"), ("retire", "heard_about", "event"),
                 ("settings", "--inactive-after", "30")):
        r = env.cli("categories", *args, identity=bo)
        assert r.exit_code == 5, r.stderr
        assert one_line_error(r) == "sendvault: error: only a manager can do that"
    assert (env.vault / "vault.toml").read_bytes() == before
    assert env.cli("categories", "show", identity=bo).exit_code == 0  # reading them is for everyone


def test_intake_refuses_a_code_not_in_the_list_with_the_list_in_the_hint(env: Env):
    before = sorted(p.name for p in (env.vault / "cases").rglob("*"))
    r = env.cli("intake", "--from", "-", input=intake_text(case_with(heard_about="Facebook page of Jane")))
    assert r.exit_code == 1
    assert "Facebook" not in r.stderr  # the answer is never quoted back
    hint = [line for line in r.stderr.splitlines() if line.startswith("sendvault: hint:")]
    assert hint and "school, health, local-authority" in hint[0] and "other" in hint[0]
    r = env.cli("intake", "--from", "-", input=intake_text(case_with(level="7")))
    assert r.exit_code == 1 and "the intervention level must be one of: 1, 2, 3, 4" in r.stderr
    assert sorted(p.name for p in (env.vault / "cases").rglob("*")) == before
    # A retired code is refused too, saying so; "other" with words is taken.
    assert env.cli("categories", "retire", "heard_about", "event").exit_code == 0
    r = env.cli("intake", "--from", "-", input=intake_text(case_with(heard_about="event")))
    assert r.exit_code == 1 and "retired" in r.stderr
    cid = make_case(env, case_with(heard_about="other", heard_about_other="a neighbour", level="2"))
    record = show(env, cid)
    assert record["contact"]["heard_about"] == "other" and record["contact"]["heard_about_other"] == "a neighbour"
    r = env.cli("intake", "--from", "-", input=intake_text(case_with(heard_about="school", heard_about_other="x")))
    assert r.exit_code == 1


def test_old_cases_keep_their_recorded_meaning(env: Env):
    assert env.cli("categories", "add", "heard_about", "parent-forum", "The parent carer forum").exit_code == 0
    cid = make_case(env, case_with(heard_about="parent-forum"))
    assert env.cli("categories", "retire", "heard_about", "parent-forum").exit_code == 0
    # Retired: no longer offered, but the case keeps its code, and the code its words.
    assert show(env, cid)["contact"]["heard_about"] == "parent-forum"
    entry = {e["code"]: e for e in lists(env)["heard_about"]}["parent-forum"]
    assert entry["words"] == "The parent carer forum" and "retired" in entry
    # Bringing it back gives it its own words again, never new ones.
    assert env.cli("categories", "add", "heard_about", "parent-forum", "Another meaning").exit_code != 0
    assert env.cli("categories", "add", "heard_about", "parent-forum", "The parent carer forum").exit_code == 0


def test_a_retired_outcome_is_refused_at_close_and_other_is_never_retired(env: Env):
    # Issues and outcomes take new codes too (tests/test_categories_lists.py).
    assert env.cli("categories", "retire", "outcome", "tribunal").exit_code == 0
    cid = make_case(env)
    r = env.cli("close", cid, "--outcome", "tribunal")
    assert r.exit_code == 1 and "retired" in one_line_error(r)
    assert env.cli("categories", "retire", "heard_about", "other").exit_code == 2  # other is always possible


def test_levels_change_over_time_with_who_and_when(env: Env):
    cid = make_case(env, case_with(level="1"))
    bo = env.new_officer("Bo")
    assert env.cli("level", cid, "2", identity=bo).exit_code == 0
    r = env.cli("level", cid, "9")
    assert r.exit_code == 1 and "1, 2, 3, 4" in r.stderr
    history = json.loads(env.cli("level", cid, "--json").stdout)
    assert [(h["by"], h["level"]) for h in history] == [("Ann", "1"), ("Bo", "2")]
    assert show(env, cid)["profile"]["level"] == "2"


def test_evaluation_and_time_spent_at_close(env: Env):
    cid = make_case(env)
    r = env.cli("close", cid, "--outcome", "resolved", "--evaluation", "met-needs=9")
    assert r.exit_code == 1 and "1 to 5" in r.stderr
    r = env.cli("close", cid, "--outcome", "resolved", "--evaluation", "made-up=3")
    assert r.exit_code == 1 and "met-needs" in r.stderr
    r = env.cli("close", cid, "--outcome", "resolved", "--evaluation", "met-needs=5", "--evaluation", "confident=4",
                "--time-spent", "90")
    assert r.exit_code == 0, r.stderr
    closed = show(env, cid)["closed"]
    assert closed["evaluation"] == {"met-needs": 5, "confident": 4} and closed["time_spent"] == 90


def test_inactive_is_derived_from_the_last_activity(env: Env):
    from sendvault.records import categories

    record = {"status": "open", "created": "2026-01-05T10:00:00Z", "contact": {"date": "2026-01-05"}}
    config = {}
    assert categories.status(record, config, dt.date(2026, 3, 1)) == "open"
    assert categories.status(record, config, dt.date(2026, 4, 7)) == "inactive"  # over 91 days
    assert categories.status({**record, "notes": [{"at": "2026-04-01T09:00:00Z"}]}, config, dt.date(2026, 4, 7)) == "open"
    assert categories.status(record, {"categories": {"inactive_after_days": 200}}, dt.date(2026, 4, 7)) == "open"
    assert categories.status({**record, "status": "closed"}, config, dt.date(2030, 1, 1)) == "closed"
    assert env.cli("categories", "settings", "--inactive-after", "30").exit_code == 0
    assert "30 days" in env.cli("categories", "show", "level").stdout


# --- the report's new tables: under the same disclosure control ----------------------------------------


@pytest.mark.parametrize("n", [30, 45, 120])
@pytest.mark.parametrize("seed", range(3))
def test_the_new_tables_pass_the_intruders_audit_on_generated_caseloads(n, seed):
    """Cases as bench/generate.py makes them (levels, evaluations, codes and old free answers), through
    ``units.unit`` as the report reads the vault; the LP audit of tests/test_report_audit.py on the result."""
    import random

    from sendvault.statistics import periods, report, units
    from test_report_audit import CROSS, _audit

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    today = dt.date(2025, 6, 1)
    rng = random.Random(seed)
    config = {"localities": ["North", "South", "East"], "report": {"threshold": 5, "cross_tabulations": CROSS}}
    when = periods.default_period(today)
    records = []
    for i in range(n):
        contact = when.start + dt.timedelta(days=rng.randrange((when.end - when.start).days))
        record = generate.make_case(rng, contact, today, "2025-01", config["localities"], ["Ann", "Bo"])
        records.append({**record, "id": f"C{i:04d}", "created": contact.isoformat() + "T10:00:00Z", "created_by": "Ann"})
    lists = units.lists_of(config)
    found = [units.unit(r, when, tuple(config["localities"]), lists) for r in records]
    rep = report.build([u for u in found if u is not units.OUTSIDE], when, config, "Test SENDIASS", today)
    names = {t.name for t in rep.tables}
    assert {"level", "status", "outcome", "evaluation_met_needs", "evaluation_confident", "evaluation_recommend"} <= names
    level_rows = {c.row for c in rep.cells() if c.table == "level"}
    assert any(row.startswith("Level 1:") for row in level_rows)
    _audit(rep)


def _generated_units(n: int, seed: int, config: dict, today: dt.date):
    import random

    from sendvault.statistics import periods, units

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    rng = random.Random(seed)
    when = periods.default_period(today)
    found = []
    for i in range(n):
        contact = when.start + dt.timedelta(days=rng.randrange((when.end - when.start).days))
        record = generate.make_case(rng, contact, today, "2025-01", config["localities"], ["Ann", "Bo"])
        record = {**record, "id": f"C{i:04d}", "created": contact.isoformat() + "T10:00:00Z", "created_by": "Ann"}
        found.append(units.unit(record, when, tuple(config["localities"]), units.lists_of(config)))
    return [u for u in found if u is not units.OUTSIDE], when


@pytest.mark.parametrize("n", [30, 45, 120])
def test_the_national_csv_passes_the_intruders_audit(n):
    from sendvault.statistics import national
    from test_report_audit import _audit

    today = dt.date(2025, 6, 1)
    config = {"localities": ["North", "South"], "categories": {"iass": {"outcome": {"tribunal": "Tribunal"}}}}
    found, when = _generated_units(n, n, config, today)
    rep = national.build(found, when, config, "Test SENDIASS", today, 5, "threshold")
    rows = {(c.table, c.row) for c in rep.cells()}
    assert ("iass_level", "Level 1") in rows and ("iass_status", "Closed") in rows
    assert ("iass_outcome", "Tribunal") in rows or ("iass_outcome", "Not mapped") in rows
    assert {t.title for t in rep.tables} >= {"Evaluation question 1", "Evaluation question 2", "Evaluation question 3"}
    assert ("iass_evaluation_met_needs", "Evaluation question 1: score 5") in rows
    _audit(rep)


def test_the_national_csv_through_the_command_line_with_the_mapping_changed(env: Env):
    for _ in range(6):
        make_case(env, case_with(level="4"))
    bo = env.new_officer("Bo")
    assert env.cli("categories", "national", "level", "4", "Level 4 (tribunal)", identity=bo).exit_code == 5
    assert env.cli("categories", "national", "level", "4", "Level 4 (tribunal)").exit_code == 0
    today = dt.date.today()
    r = env.cli("report", "--iass", "--from", f"{today.year - 1}-01-01", "--to", today.isoformat())
    assert r.exit_code == 0, r.stderr
    assert "iass_level,level,Level 4 (tribunal),,,6," in r.stdout
    assert json.loads(env.cli("categories", "show", "level", "--json").stdout)["national"]["level"]["4"] == "Level 4 (tribunal)"
    assert "Intervention Levels (Casework)" in r.stderr  # the source, named
    assert env.cli("report", "--iass", "--extract").exit_code == 2


# --- existing vaults: old free answers mapped to codes ----------------------------------------------


def _old_answer_case(env: Env, words: str) -> str:
    """A case as recorded before the list: heard_about in words (written as an older sendvault wrote it)."""
    cid = make_case(env, case_with(heard_about="other", heard_about_other=words))
    from sendvault.store import crypto
    from sendvault.store.vault import Vault

    vault = Vault.open(env.vault)
    vault.unlock(crypto.load_identity_file(env.key, lambda: ""))

    def back(record: dict) -> None:
        record["contact"]["heard_about"] = words
        del record["contact"]["heard_about_other"]

    vault.update_case(cid, back, "edit")
    return cid


def test_old_answers_are_mapped_after_a_dry_run_that_writes_nothing(env: Env):
    cids = [_old_answer_case(env, w) for w in ("Health visitor", "health  visitor", "Social media", "Mrs Kaur at the GP",
                                               "leaflet")]
    coded = make_case(env, case_with(heard_about="school"))
    before = {cid: show(env, cid)["contact"]["heard_about"] for cid in cids}
    r = env.cli("categories", "map", "heard_about", "--map", "health visitor=health", "--map", "leaflet=event",
                "--dry-run", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == {"mapped": {"event": 1, "health": 2, "social-media": 1}, "left_as_other": 1,
                                    "dry_run": True}
    assert {cid: show(env, cid)["contact"]["heard_about"] for cid in cids} == before  # nothing written
    r = env.cli("categories", "map", "heard_about", "--map", "health visitor=health", "--map", "leaflet=event",
                "--dry-run")
    assert "Kaur" not in r.stdout + r.stderr  # not a terminal: counts only
    bo = env.new_officer("Bo")
    assert env.cli("categories", "map", "heard_about", identity=bo).exit_code == 5
    assert env.cli("categories", "map", "heard_about", "--map", "x=not-a-code").exit_code == 2
    r = env.cli("categories", "map", "heard_about", "--map", "health visitor=health", "--map", "leaflet=event")
    assert r.exit_code == 0, r.stderr
    after = {cid: show(env, cid)["contact"]["heard_about"] for cid in cids}
    assert sorted(after.values()) == ["Mrs Kaur at the GP", "event", "health", "health", "social-media"]
    assert show(env, coded)["contact"]["heard_about"] == "school"
    audit = env.cli("audit", "show", "--json").stdout
    assert "Kaur" not in audit and "visitor" not in audit  # the answers are never in the audit trail
    assert "1 left as other" in audit


def test_an_old_answer_in_words_does_not_stop_an_edit_of_something_else():
    """A case from before the list (heard_about in words, a retired locality) can still be edited (edit checks
    through casework.edit_problems, as tests/test_edit.py drives it on a terminal); a new answer in words cannot."""
    from sendvault.records import casework

    original = copy.deepcopy(SAMPLE_CASE)
    original["contact"]["heard_about"] = "the school newsletter"
    original.update({"created": "2026-11-02T10:00:00Z", "created_by": "Ann", "status": "open"})
    config = {"policy": {"version": "2025-01"}, "localities": ["North"]}
    today = dt.date(2027, 1, 1)
    edited = copy.deepcopy(original)
    edited["profile"]["school_phase"] = "primary"
    assert casework.edit_problems(original, edited, config, today) == []
    edited["contact"]["heard_about"] = "new words"
    assert any("how they heard" in p for p in casework.edit_problems(original, edited, config, today))


def test_list_shows_the_inactive_cases(env: Env):
    quiet = make_case(env)
    with clock_moved(dt.timedelta(days=120)):
        busy = make_case(env)
        rows = json.loads(env.cli("list", "--status", "inactive", "--json").stdout)
        assert [r["id"] for r in rows] == [quiet]
        assert env.cli("note", quiet, "rang the school").exit_code == 0  # activity: open again
        assert json.loads(env.cli("list", "--status", "inactive", "--json").stdout) == []
        assert {r["id"] for r in json.loads(env.cli("list", "--status", "open", "--json").stdout)} == {quiet, busy}


def test_a_destroyed_cases_evaluation_is_kept_in_its_statistics(env: Env):
    """A past year's evaluation tables still add up after its cases are destroyed: the statistical
    record keeps the scores (codes and numbers only), and the report counts them from it."""
    from conftest import core_vault
    from sendvault.store import destruction

    cid = make_case(env)
    assert env.cli("close", cid, "--outcome", "resolved", "--evaluation", "met-needs=5",
                   "--evaluation", "confident=4").exit_code == 0
    before = json.loads(env.cli("report", "--from", "2026-04-01", "--to", "2027-03-31", "--format", "json").stdout)
    r = env.cli("erase", cid, "--yes", "--asked-by", "parent-carer", "--how", "letter")
    assert r.exit_code == 0, r.stderr
    (stats,) = destruction.statistical_records(core_vault(env))
    assert stats["evaluation"] == {"met-needs": 5, "confident": 4}
    after = json.loads(env.cli("report", "--from", "2026-04-01", "--to", "2027-03-31", "--format", "json").stdout)

    def evaluation(report: dict) -> list:
        return sorted((c["row_variable"], c["row"], str(c["count"]), c["symbol"]) for c in report["cells"]
                      if c["row_variable"].startswith("evaluation"))

    assert evaluation(after) == evaluation(before) and evaluation(before)
