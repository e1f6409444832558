"""Issue 25's two gaps: the issues raised and the outcomes are lists a manager extends (added, retired, read with
their words wherever a case is shown), and a destroyed case's statistical record keeps how they heard about the
service (a code only), so past years' tables still add up."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, core_vault, intake_text, make_case, one_line_error, show

ISSUE, ISSUE_WORDS = "mediation", "Disagreement resolution and mediation"
OUTCOME, OUTCOME_WORDS = "mediated", "Settled through mediation"


def case_with(issues: list[str], heard_about: str | None = None, **contact) -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    case["profile"]["issues"] = issues
    if heard_about:
        case["contact"]["heard_about"] = heard_about
    case["contact"].update(contact)
    return case


def added(env: Env) -> None:
    assert env.cli("categories", "add", "issues", ISSUE, ISSUE_WORDS).exit_code == 0
    assert env.cli("categories", "add", "outcome", OUTCOME, OUTCOME_WORDS).exit_code == 0


def report_json(env: Env) -> dict:
    today = dt.date.today()
    r = env.cli("report", "--from", f"{today.year - 1}-01-01", "--to", today.isoformat(), "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def rows(report: dict, table: str) -> set[str]:
    return {c["row"] for c in report["cells"] if c["table"] == table}


def test_a_manager_adds_an_issue_and_an_outcome_and_an_officer_uses_them(env: Env):
    added(env)
    listed = json.loads(env.cli("categories", "show", "--json").stdout)["lists"]
    assert {e["code"]: e["words"] for e in listed["issues"]}[ISSUE] == ISSUE_WORDS
    assert {e["code"]: e["words"] for e in listed["outcome"]}[OUTCOME] == OUTCOME_WORDS
    bo = env.new_officer("Bo")
    cid = make_case(env, case_with([ISSUE, "exclusion"]), identity=bo)
    r = env.cli("close", cid, "--outcome", OUTCOME, identity=bo)
    assert r.exit_code == 0, r.stderr
    record = show(env, cid)
    assert record["profile"]["issues"] == [ISSUE, "exclusion"] and record["closed"]["outcome"] == OUTCOME  # codes
    shown = " ".join(env.cli("show", cid).stdout.split())  # the words, as the list says them
    assert ISSUE_WORDS in shown and "Exclusion or suspension" in shown
    assert f"by Bo: {OUTCOME_WORDS}" in shown and f"closed by Bo: {OUTCOME_WORDS.lower()}" in shown
    # The words of the list pick an outcome as they pick a shipped one.
    other = make_case(env, case_with(["exclusion"]))
    assert env.cli("close", other, "--outcome", "through mediation").exit_code == 0
    assert show(env, other)["closed"]["outcome"] == OUTCOME
    report = report_json(env)
    assert ISSUE_WORDS in rows(report, "issues") and "Exclusion or suspension" in rows(report, "issues")
    assert OUTCOME_WORDS in rows(report, "outcome")
    assert ISSUE not in rows(report, "issues") and OUTCOME not in rows(report, "outcome")


def test_an_officer_cannot_add_or_retire_an_issue_or_an_outcome(env: Env):
    bo = env.new_officer("Bo")
    before = (env.vault / "vault.toml").read_bytes()
    for args in (("add", "issues", ISSUE, ISSUE_WORDS), ("add", "outcome", OUTCOME, OUTCOME_WORDS),
                 ("retire", "issues", "bullying"), ("retire", "outcome", "tribunal")):
        r = env.cli("categories", *args, identity=bo)
        assert r.exit_code == 5 and one_line_error(r) == "sendvault: error: only a manager can do that", r.stderr
    assert (env.vault / "vault.toml").read_bytes() == before


def test_intake_and_close_refuse_a_code_not_on_the_list_with_the_list_in_the_hint(env: Env):
    added(env)
    before = sorted(p.name for p in (env.vault / "cases").rglob("*"))
    for issues in (["made-up"], ["exclusion", "Bullying by Kai Dent"]):
        r = env.cli("intake", "--from", "-", input=intake_text(case_with(issues)))
        assert r.exit_code == 1, r.stderr
        assert "made-up" not in r.stderr and "Kai Dent" not in r.stderr  # what was typed is never quoted back
        hint = [line for line in r.stderr.splitlines() if line.startswith("sendvault: hint:")]
        assert "made-up" not in issues or (hint and f"ehc-needs-assessment" in hint[0] and ISSUE in hint[0]), r.stderr
    assert sorted(p.name for p in (env.vault / "cases").rglob("*")) == before
    cid = make_case(env, case_with(["exclusion"]))
    r = env.cli("close", cid, "--outcome", "not-an-outcome")
    assert r.exit_code != 0 and OUTCOME in r.stderr and "not-an-outcome" not in r.stderr.split("hint")[-1]
    assert show(env, cid)["status"] == "open"


def test_a_retired_code_is_refused_for_new_cases_but_old_cases_keep_it(env: Env):
    added(env)
    old = make_case(env, case_with([ISSUE]))
    assert env.cli("close", old, "--outcome", OUTCOME).exit_code == 0
    assert env.cli("categories", "retire", "issues", ISSUE).exit_code == 0
    assert env.cli("categories", "retire", "outcome", OUTCOME).exit_code == 0
    r = env.cli("intake", "--from", "-", input=intake_text(case_with([ISSUE])))
    assert r.exit_code == 1 and "retired" in r.stderr, r.stderr
    new = make_case(env, case_with(["exclusion"]))
    r = env.cli("close", new, "--outcome", OUTCOME)
    assert r.exit_code == 1 and "retired" in one_line_error(r)
    # The old case keeps its codes, read with the words they were added with; the report still counts them so.
    assert show(env, old)["profile"]["issues"] == [ISSUE] and show(env, old)["closed"]["outcome"] == OUTCOME
    shown = " ".join(env.cli("show", old).stdout.split())
    assert ISSUE_WORDS in shown and OUTCOME_WORDS in shown
    report = report_json(env)
    assert ISSUE_WORDS in rows(report, "issues") and OUTCOME_WORDS in rows(report, "outcome")
    # Retired in force lists, still known: an edit of something else in the old case is not stopped by it.
    from sendvault.records import casework, categories

    vault = core_vault(env)
    original = vault.read_case(old)
    edited = copy.deepcopy(original)
    edited["profile"]["school_phase"] = "primary"
    assert casework.edit_problems(original, edited, vault.config, dt.date.today()) == []
    edited["profile"]["issues"] = ["exclusion", ISSUE]  # an issue added beside the retired one it held: taken
    assert casework.edit_problems(original, edited, vault.config, dt.date.today()) == []
    edited["profile"]["issues"] = [ISSUE, "made-up"]
    in_force = ", ".join(categories.defaults("issues"))  # the shipped ones: the added one is retired
    assert casework.edit_problems(original, edited, vault.config, dt.date.today()) == \
        [f"the issues (entry 2) must be one of: {in_force}"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


def test_copies_shares_and_case_studies_say_the_lists_words(env: Env, out: Path):
    added(env)
    cid = make_case(env, case_with([ISSUE]))
    assert env.cli("close", cid, "--outcome", OUTCOME).exit_code == 0
    assert env.cli("sar", "request", cid, "--for", "parent").exit_code == 0
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "copy.json"), "--format", "json", "--plaintext")
    assert r.exit_code == 0, r.stderr
    copy_text = (out / "copy.json").read_text(encoding="utf-8")
    assert ISSUE_WORDS in copy_text and OUTCOME_WORDS in copy_text
    school = "Thistlecombe Primary School"
    assert env.cli("consent", "grant", cid, "share-information", "--party", school).exit_code == 0
    r = env.cli("share", cid, "--to", school, "--out", str(out / "share.md"), "--plaintext", "--only", "profile",
                "--only", "status")
    assert r.exit_code == 0, r.stderr
    shared = (out / "share.md").read_text(encoding="utf-8")
    assert ISSUE_WORDS in shared and OUTCOME_WORDS in shared
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert f"Issues: {ISSUE_WORDS}" in r.stdout and f"Outcome: {OUTCOME_WORDS}" in r.stdout


def test_the_national_mapping_takes_an_added_outcome(env: Env):
    added(env)
    for _ in range(6):
        cid = make_case(env, case_with([ISSUE]))
        assert env.cli("close", cid, "--outcome", OUTCOME).exit_code == 0
    assert env.cli("categories", "national", "outcome", OUTCOME, "Mediation").exit_code == 0
    today = dt.date.today()
    r = env.cli("report", "--iass", "--from", f"{today.year - 1}-01-01", "--to", today.isoformat())
    assert r.exit_code == 0, r.stderr
    assert "iass_outcome,outcome,Mediation,,,6," in r.stdout


def test_an_extract_names_an_added_outcome_by_its_words(env: Env, out: Path):
    added(env)
    for _ in range(6):
        cid = make_case(env, case_with([ISSUE]))
        assert env.cli("close", cid, "--outcome", OUTCOME).exit_code == 0
    assert env.cli("report-settings", "--allow-extract").exit_code == 0
    today = dt.date.today()
    r = env.cli("report", "--extract", "--from", f"{today.year - 1}-01-01", "--to", today.isoformat(),
                "--out", str(out / "extract.json"))
    assert r.exit_code == 0, r.stderr
    extract = json.loads((out / "extract.json").read_text())
    assert {row["outcome"] for row in extract["rows"]} == {OUTCOME_WORDS}


@pytest.mark.parametrize("n", [30, 45, 120])
def test_the_report_with_added_codes_passes_the_intruders_audit(n):
    """Generated caseloads (as tests/test_categories.py makes them) where a third of the cases hold a service's own
    issue and outcome: the report's tables, under their words, pass the LP audit of tests/test_report_audit.py."""
    import random

    from sendvault.statistics import report
    from test_categories import _generated_units
    from test_report_audit import CROSS, _audit

    today = dt.date(2025, 6, 1)
    config = {"localities": ["North", "South", "East"], "report": {"threshold": 5, "cross_tabulations": CROSS},
              "categories": {
                  "issues": [{"code": ISSUE, "words": ISSUE_WORDS, "added": "2024-01-01", "added_by": "Ann"},
                             {"code": "exclusion", "words": "Exclusion or suspension"}],
                  "outcome": [{"code": OUTCOME, "words": OUTCOME_WORDS, "added": "2024-01-01", "added_by": "Ann"},
                              {"code": "resolved", "words": "Resolved"}]}}
    found, when = _generated_units(n, n + 1, config, today)
    rng = random.Random(n)
    found = [u._replace(issues=tuple(sorted({*u.issues, ISSUE})), outcome=OUTCOME if u.closed else None)
             if rng.random() < 0.34 else u for u in found]
    rep = report.build(found, when, config, "Test SENDIASS", today)
    assert ISSUE_WORDS in {c.row for c in rep.cells() if c.table == "issues"}
    assert OUTCOME_WORDS in {c.row for c in rep.cells() if c.table == "outcome"}
    _audit(rep)


# --- a destroyed case keeps how they heard about the service, as a code -----------------------------


def heard_about_table(report: dict) -> list:
    return sorted((c["row"], str(c["count"]), c["symbol"]) for c in report["cells"] if c["table"] == "heard_about")


def test_a_destroyed_cases_heard_about_code_is_kept_and_counted(env: Env):
    from sendvault.store import destruction

    coded = [make_case(env, case_with([], heard_about="school")) for _ in range(6)]
    other = [make_case(env, case_with([], heard_about="other", heard_about_other="Dr Nadia Quill at the surgery"))
             for _ in range(6)]
    before = report_json(env)
    assert {("A school, college or early-years setting", "6", ""), ("Other answers", "6", "")} <= \
        set(heard_about_table(before))
    for cid in [*coded, *other]:
        r = env.cli("erase", cid, "--yes", "--asked-by", "parent-carer", "--how", "letter")
        assert r.exit_code == 0, r.stderr
    stats = destruction.statistical_records(core_vault(env))
    assert sorted(s["contact"].get("heard_about") for s in stats) == ["other"] * 6 + ["school"] * 6
    assert "Quill" not in json.dumps(stats)  # "other" kept as the code alone, never its words
    assert heard_about_table(report_json(env)) == heard_about_table(before)


def test_words_typed_before_the_list_are_never_kept_by_a_destroyed_case(env: Env):
    """An answer in words (from before the list, not yet mapped) may name someone: the statistical record keeps
    nothing of it, and the report counts the destroyed case's answer as not recorded."""
    from sendvault.store import destruction
    from test_categories import _old_answer_case

    cid = _old_answer_case(env, "smith")  # code-shaped words: kept only if the list has such a code
    r = env.cli("erase", cid, "--yes", "--asked-by", "parent-carer", "--how", "letter")
    assert r.exit_code == 0, r.stderr
    (stats,) = destruction.statistical_records(core_vault(env))
    assert "heard_about" not in stats["contact"] and "smith" not in json.dumps(stats)


def test_a_statistical_record_keeps_only_a_listed_code():
    from sendvault.store import destruction

    record = {**copy.deepcopy(SAMPLE_CASE), "created": "2026-11-02T10:00:00Z", "status": "open"}
    listed = frozenset({"school", "other", "parent-forum"})
    for answer, kept in (("school", "school"), ("parent-forum", "parent-forum"), ("other", "other"),
                         ("smith", None), ("Dr Smith", None), (None, None)):
        record["contact"] = {**SAMPLE_CASE["contact"], **({"heard_about": answer} if answer else {})}
        assert destruction.statistical_record(record, True, listed)["contact"].get("heard_about") == kept, answer
    assert "heard_about" not in destruction.statistical_record(record | {"contact": {"heard_about": "school"}},
                                                                True)["contact"]  # no list given: nothing kept


def test_how_they_heard_and_the_level_are_shown_in_the_lists_words(env: Env, out: Path):
    """show, the history and a share say the words of the vault's lists for how the family heard of the service
    and the intervention level, as for issues and outcomes: a bare code ("parent-forum", "3") says nothing to
    the family reading their copy."""
    assert env.cli("categories", "add", "heard_about", "parent-forum", "A parent carer forum").exit_code == 0
    cid = make_case(env, case_with(["exclusion"], heard_about="parent-forum"))
    assert env.cli("level", cid, "1").exit_code == 0
    assert env.cli("level", cid, "3").exit_code == 0
    shown = " ".join(env.cli("show", cid).stdout.split())
    assert "A parent carer forum" in shown and "Level 3: casework, over a period of time" in shown
    school = "Thistlecombe Primary School"
    assert env.cli("consent", "grant", cid, "share-information", "--party", school).exit_code == 0
    r = env.cli("share", cid, "--to", school, "--out", str(out / "share.md"), "--plaintext", "--only", "first-contact",
                "--only", "profile")
    assert r.exit_code == 0, r.stderr
    shared = " ".join((out / "share.md").read_text(encoding="utf-8").split())
    assert "A parent carer forum" in shared and "Level 3: casework" in shared
    assert "parent-forum" not in shared
