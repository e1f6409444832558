"""Paper files (R34, issue 24 item 7), through the real command line.

A register in the case of the paper the service holds: where each paper file is
kept, who has it out of the office and since when (a risk assessment required),
and its shredding (managers only). ``today`` lists the paper files an officer has
had out too long, and a manager's those due; the retention plan lists them too.
A purge does not wait for paper: what is needed to find and shred it outlives the
case in a paper register with no personal data, on which 'paper shredded' works.
A family's subject-access cover says that papers are held, and nothing more.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from conftest import (SAMPLE_CASE, Env, assert_no_personal_data, audit_log, clock_moved, core_vault, make_case,
                      one_line_error, show)

from sendvault.store import crypto

LABEL = "Jane Example letters from Example Hill"  # a folder's label may name the family
NOTE = "Sam Example's school reports 2014-03-09"
RISK = "to the Example Hill tribunal hearing; locked bag"

OLD = copy.deepcopy(SAMPLE_CASE)
OLD["contact"] = {**OLD["contact"], "date": "2024-01-02",
                  "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
OLD["child"] = {**OLD["child"], "date_of_birth": "2000-01-01"}  # 25 on 2025-01-01: due
OLD["profile"] = {**OLD["profile"], "age_band": "19-25", "school_phase": "post-16", "locality": "North"}


def ok(env: Env, *args: str, identity: Path | None = None):
    r = env.cli(*args, identity=identity)
    assert r.exit_code == 0, r.stderr
    return r


def papers(env: Env, cid: str) -> dict[int, dict]:
    return {p["number"]: p for p in show(env, cid).get("papers", [])}


def today(env: Env, identity: Path | None = None) -> dict:
    return json.loads(ok(env, "today", "--json", identity=identity).stdout)


def with_paper(env: Env, case: dict | None = None, *extra: str) -> str:
    cid = make_case(env, case)
    r = ok(env, "paper", "add", cid, "--where", "office-cabinet", "--label", LABEL, "--note", NOTE, *extra)
    assert f"paper file 1 of {cid} recorded" in r.stderr
    return cid


# --- the register in the case ------------------------------------------------------------------


def test_add_out_back_move_and_shredded_are_recorded_by_number_only(env: Env):
    cid = with_paper(env)
    ok(env, "paper", "add", cid, "--where", "home-cabinet")
    held = papers(env, cid)
    assert held[1]["where"] == "office-cabinet" and held[1]["label"] == LABEL and "keeper" not in held[1]
    assert held[2]["where"] == "home-cabinet" and held[2]["keeper"] == "Ann"  # whose cabinet: by default yours

    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)
    out = papers(env, cid)[1]["out"]
    assert out["by"] == "Ann" and out["risk_assessment"] == RISK and out["since"].endswith("Z")
    text = ok(env, "show", cid).stdout
    assert "paper file 1" in text and "OUT with Ann" in text and LABEL in text
    ok(env, "paper", "back", cid, "1")
    assert "out" not in papers(env, cid)[1]
    ok(env, "paper", "move", cid, "1", "--where", "archive")
    assert papers(env, cid)[1]["where"] == "archive"
    ok(env, "paper", "shredded", cid, "1")
    gone = papers(env, cid)[1]["shredded"]
    assert gone["by"] == "Ann" and gone["at"].endswith("Z")

    events = [{k: v for k, v in h.items() if k != "at"} for h in show(env, cid)["history"]]
    assert events == [{"by": "Ann", "event": e, "paper": n} for e, n in (
        ("paper-added", 1), ("paper-added", 2), ("paper-out", 1), ("paper-back", 1), ("paper-moved", 1),
        ("paper-shredded", 1))]
    log = audit_log(env)
    assert [(e["command"], e.get("detail")) for e in log if e["command"].startswith("paper")] == [
        ("paper add", "paper 1"), ("paper add", "paper 2"), ("paper out", "paper 1"), ("paper back", "paper 1"),
        ("paper move", "paper 1"), ("paper shredded", "paper 1")]
    dumped = json.dumps(log)
    assert "Jane Example" not in dumped and "tribunal" not in dumped and "Sam Example" not in dumped
    # Nothing more of a shredded paper file; a new one never takes its number.
    assert "was shredded" in one_line_error(env.cli("paper", "out", cid, "1", "--risk-assessment", RISK))
    ok(env, "paper", "add", cid, "--where", "office-cabinet")
    assert sorted(papers(env, cid)) == [1, 2, 3]


def test_out_without_a_risk_assessment_is_refused_and_nothing_is_written(env: Env):
    cid = with_paper(env)
    before = show(env, cid)
    for args in ((), ("--risk-assessment", "  ")):
        r = env.cli("paper", "out", cid, "1", *args)
        assert r.exit_code == 2 and "risk assessment" in one_line_error(r)
    assert show(env, cid)["papers"] == before["papers"]
    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)
    assert "out already" in one_line_error(env.cli("paper", "out", cid, "1", "--risk-assessment", RISK))
    # Moved or shredded only once it is back.
    assert "back first" in one_line_error(env.cli("paper", "move", cid, "1", "--where", "archive"))
    assert "back first" in one_line_error(env.cli("paper", "shredded", cid, "1"))


def test_an_officer_cannot_record_shredding(env: Env):
    cid = with_paper(env)
    bo = env.new_officer("Bo")
    r = env.cli("paper", "shredded", cid, "1", identity=bo)
    assert r.exit_code == 5 and "manager" in one_line_error(r)
    assert "shredded" not in papers(env, cid)[1]
    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK, identity=bo)  # any officer takes one out
    assert papers(env, cid)[1]["out"]["by"] == "Bo"


def test_bad_input_is_one_line_with_no_personal_data(env: Env):
    cid = with_paper(env)
    bo = env.new_officer("Bo")
    cases = [
        (("paper", "out", cid, "7", "--risk-assessment", RISK), "has no paper file 7"),
        (("paper", "back", cid, "x"), "named by its number"),
        (("paper", "back", cid, "0"), "named by its number"),
        (("paper", "back", cid, "1"), "is not out"),
        (("paper", "add", cid, "--where", "Jane Example's car"), "--where is one of office-cabinet"),
        (("paper", "add", cid), "say where it is kept"),
        (("paper", "add", cid, "--where", "office-cabinet", "--officer", "Bo"), "--officer goes with"),
        (("paper", "add", cid, "--where", "home-cabinet", "--officer", "Jane Example"), "no officer"),
        (("paper", "add", cid, "--where", "office-cabinet", "--label", "a\x07b"), "control character"),
        (("paper", "add", cid, "--where", "office-cabinet", "--note", "x" * 501), "keep it to 500"),
        (("paper", "move", cid, "1", "--where", "office-cabinet"), "kept there already"),
        (("paper", "shredded", "K7M3-Q9P2", "1"), "K7M3-Q9P2"),
        (("paper", "add", "not-an-id", "--where", "archive"), "case id"),
        (("paper", "settings", "--out-days", "two weeks"), "--out-days"),
        (("paper", "settings", "--out-days", "0"), "--out-days is 1 to 365"),
        (("paper", "settings", "--archive-months", "-1"), "--archive-months is 0 to 1200"),
    ]
    for args, words in cases:
        r = env.cli(*args)
        line = one_line_error(r)
        assert words in line, (args, line)
        assert_no_personal_data(r.stderr, r.stdout)
    ok(env, "paper", "move", cid, "1", "--where", "home-cabinet", "--officer", "bo")
    assert papers(env, cid)[1]["keeper"] == "Bo"  # as the team spells it
    assert len(papers(env, cid)) == 1


def test_withdrawing_consent_to_keep_personal_details_takes_the_paper_files_words_not_the_files(env: Env):
    cid = with_paper(env)
    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    held = papers(env, cid)[1]
    assert "label" not in held and "note" not in held and held["where"] == "office-cabinet"
    assert held["out"]["by"] == "Ann" and RISK not in json.dumps(held)  # still to be found, brought back, shredded


# --- today ----------------------------------------------------------------------------------------


def test_today_lists_paper_files_out_longer_than_the_limit_for_whoever_has_them(env: Env):
    cid = with_paper(env)
    ok(env, "paper", "add", cid, "--where", "office-cabinet")
    ok(env, "paper", "add", cid, "--where", "office-cabinet")
    bo = env.new_officer("Bo")
    with clock_moved(-dt.timedelta(days=20)):
        ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)
        ok(env, "paper", "out", cid, "3", "--risk-assessment", RISK, identity=bo)
    with clock_moved(-dt.timedelta(days=3)):
        ok(env, "paper", "out", cid, "2", "--risk-assessment", RISK)
    view = today(env)
    assert [(p["id"], p["paper"], p["days"]) for p in view["papers_out"]] == [(cid, 1, 20)]
    assert view["counts"]["papers_out"] == 1 and view["paper_out_days"] == 14
    text = ok(env, "today").stdout
    assert "Paper files out of the office for more than 14 days (1)" in text and f"paper back {cid} 1" in text
    assert LABEL not in text and "tribunal" not in text
    assert [p["paper"] for p in today(env, bo)["papers_out"]] == [3]  # Bo's own, though Ann holds the case
    assert "manager" in one_line_error(env.cli("paper", "settings", "--out-days", "2", identity=bo))
    ok(env, "paper", "settings", "--out-days", "2")
    assert [p["paper"] for p in today(env)["papers_out"]] == [1, 2]
    ok(env, "paper", "back", cid, "1")
    assert [p["paper"] for p in today(env)["papers_out"]] == [2]
    assert json.loads(ok(env, "paper", "settings", "--json").stdout) == {"out_days": 2, "archive_months": 12}


def test_a_managers_today_and_the_retention_plan_list_paper_files_due(env: Env):
    due = with_paper(env, OLD)
    ok(env, "paper", "add", due, "--where", "home-cabinet")
    ok(env, "paper", "shredded", due, "2")
    not_due = with_paper(env)
    bo = env.new_officer("Bo")
    ok(env, "retention", "rules", "set", "--birthday", "25")
    plan = json.loads(ok(env, "retention", "plan", "--json").stdout)
    assert [(p["id"], p["paper"], p["where"]) for p in plan["papers_due"]] == [(due, 1, "office-cabinet")]
    assert plan["papers_due"][0]["due"] == "2025-01-01"
    assert "paper files due for shredding (1" in ok(env, "retention", "plan").stdout
    assert [(p["id"], p["paper"]) for p in today(env)["papers_due"]] == [(due, 1)]
    assert today(env, bo)["papers_due"] == []  # an officer's day: only the paper they have out
    assert not_due not in json.dumps(plan["papers_due"])


def test_a_closed_cases_paper_file_in_the_archive_is_due_the_archive_period_after_closing(env: Env):
    cid = with_paper(env)  # the case itself is kept to the young person's 25th birthday (2039)
    ok(env, "paper", "add", cid, "--where", "archive")
    ok(env, "retention", "rules", "set", "--birthday", "25")
    ok(env, "close", cid, "--outcome", "resolved")
    closed = dt.date.fromisoformat(show(env, cid)["closed"]["date"])
    on = lambda d: json.loads(ok(env, "retention", "plan", "--json", "--on", d.isoformat()).stdout)["papers_due"]  # noqa: E731
    assert on(closed + dt.timedelta(days=360)) == []
    later = on(closed + dt.timedelta(days=370))
    assert [(p["paper"], p["where"]) for p in later] == [(2, "archive")]  # the office's paper file waits for the case
    ok(env, "paper", "settings", "--archive-months", "24")
    assert on(closed + dt.timedelta(days=370)) == []


# --- destruction: the paper register -------------------------------------------------------------


def _register(env: Env, cid: str) -> tuple[bytes, dict]:
    blob = (env.vault / "papers" / f"{cid}.age").read_bytes()
    v = core_vault(env)
    plain = crypto.decrypt(blob, [v.vault_key(v.epoch).identity], "paper register")
    return plain, json.loads(plain)


def test_a_purge_leaves_a_register_with_no_personal_data_and_paper_shredded_works_on_it(env: Env):
    cid = with_paper(env, OLD)
    ok(env, "paper", "add", cid, "--where", "home-cabinet", "--label", LABEL)
    ok(env, "paper", "out", cid, "2", "--risk-assessment", RISK)
    ok(env, "paper", "add", cid, "--where", "archive", "--note", NOTE)
    ok(env, "paper", "shredded", cid, "3")
    ok(env, "retention", "rules", "set", "--birthday", "25")
    r = ok(env, "retention", "purge", "--yes")
    assert not (env.vault / "cases" / f"{cid}.age").exists()

    blob = (env.vault / "papers" / f"{cid}.age").read_bytes()
    assert b"sendvault-papers" not in blob and len(blob) > 1024  # encrypted, padded
    plain, data = _register(env, cid)
    assert_no_personal_data(plain.decode())
    for secret in (LABEL, NOTE, RISK, "tribunal", "Jane", "Sam"):
        assert secret not in plain.decode()
    day = dt.date.today().isoformat()
    assert data["case"] == cid and data["destroyed"] == day
    assert data["papers"] == [{"number": 1, "where": "office-cabinet", "due": "2025-01-01"},
                              {"number": 2, "where": "home-cabinet", "keeper": "Ann", "out": "Ann", "due": "2025-01-01"}]
    assert ok(env, "verify").exit_code == 0
    assert [(p["id"], p["paper"], p["destroyed"]) for p in today(env)["papers_due"]] == [(cid, 1, day), (cid, 2, day)]

    bo = env.new_officer("Bo")
    assert "manager" in one_line_error(env.cli("paper", "shredded", cid, "1", identity=bo))
    assert "no paper file 3" in one_line_error(env.cli("paper", "shredded", cid, "3"))
    ok(env, "paper", "shredded", cid, "1")
    assert "recorded shredded" in one_line_error(env.cli("paper", "shredded", cid, "1"))
    _, data = _register(env, cid)
    assert data["papers"][0] == {"number": 1, "shredded": day, "by": "Ann"}  # only the fact
    assert [p["paper"] for p in json.loads(ok(env, "retention", "plan", "--json").stdout)["papers_due"]] == [2]
    ok(env, "paper", "shredded", cid, "2")
    assert today(env)["papers_due"] == []
    assert ("paper shredded", cid, "paper 2") in [(e["command"], e.get("case"), e.get("detail")) for e in audit_log(env)]
    # Nothing else of the case can be changed: it is gone.
    assert f"no case {cid}" in one_line_error(env.cli("paper", "add", cid, "--where", "archive"))
    assert ok(env, "verify").exit_code == 0


def test_an_erasure_leaves_the_register_too_and_a_case_without_paper_leaves_none(env: Env):
    cid = with_paper(env)
    plain = make_case(env)
    for c in (cid, plain):
        ok(env, "erase", c, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert sorted(p.name for p in (env.vault / "papers").iterdir()) == [f"{cid}.age"]
    _, data = _register(env, cid)
    assert data["papers"] == [{"number": 1, "where": "office-cabinet", "due": dt.date.today().isoformat()}]


def test_verify_refuses_a_register_not_sealed_by_the_vault(env: Env):
    cid = with_paper(env)
    ok(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    v = core_vault(env)
    forged = json.dumps({"format": "sendvault-papers/1", "case": cid, "destroyed": "2026-01-01", "epoch": 1,
                         "seal": "0" * 64, "papers": [{"number": 1, "where": "archive", "due": "2026-01-01"}]})
    (env.vault / "papers" / f"{cid}.age").write_bytes(crypto.encrypt(forged.encode(), [v.vault_key(1).recipient]))
    r = env.cli("verify")
    assert r.exit_code != 0 and f"papers/{cid}.age" in r.stdout + r.stderr
    assert "not sealed" in one_line_error(env.cli("paper", "shredded", cid, "1"))
    # Nor does it stop the plan, or the purge that works from it.
    assert json.loads(ok(env, "retention", "plan", "--json").stdout)["papers_due"] == []
    assert today(env)["papers_due"] == []
    ok(env, "retention", "purge", "--yes")


# --- subject access -------------------------------------------------------------------------------


def test_the_subject_access_cover_says_papers_are_held_and_names_no_place(env: Env, tmp_path: Path):
    cid = with_paper(env)
    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)

    def cover() -> str:
        ok(env, "sar", "request", cid, "--for", "parent")
        target = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}.md"
        ok(env, "sar", cid, "--for", "parent", "--out", str(target), "--format", "md", "--plaintext")
        return target.read_text(encoding="utf-8")

    text = cover()
    assert "| Paper files | We also hold papers on this case: ask to see them" in text  # Markdown escapes the full stop
    for secret in (LABEL, NOTE, RISK, "cabinet", "Cabinet"):
        assert secret not in text
    ok(env, "paper", "back", cid, "1")
    ok(env, "paper", "shredded", cid, "1")
    assert "We also hold papers" not in cover()


# --- sync -------------------------------------------------------------------------------------------


def _two_machines(env: Env) -> Env:
    server = env.tmp / "server.git"
    ok(env, "serve-init", str(server))
    ok(env, "sync", "--remote", str(server))
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient)
    ok(b, "clone", str(server), str(b.vault))
    return b


def test_a_cases_paper_files_changed_on_two_machines_are_merged_by_number(env: Env):
    b = _two_machines(env)
    cid = with_paper(env)
    ok(env, "sync")
    ok(b, "sync")
    ok(env, "paper", "out", cid, "1", "--risk-assessment", RISK)
    ok(env, "paper", "add", cid, "--where", "office-cabinet", "--label", "A's folder")
    with clock_moved(dt.timedelta(seconds=5)):  # not in the same second: two history events, not one
        ok(b, "paper", "add", cid, "--where", "archive", "--label", "B's folder")
    ok(env, "sync")
    ok(b, "sync")
    ok(env, "sync")
    seen = []
    for machine in (env, b):
        held = papers(machine, cid)
        assert held[1]["out"]["risk_assessment"] == RISK
        # Both kept: the one that came in with the merge took the next number (as people do).
        assert sorted((p["where"], p["label"]) for n, p in held.items() if n > 1) == [
            ("archive", "B's folder"), ("office-cabinet", "A's folder")]
        added = [h["paper"] for h in show(machine, cid)["history"] if h["event"] == "paper-added"]
        assert sorted(added) == [1, 2, 3]
        seen.append(held)
    assert seen[0] == seen[1]


def test_sync_carries_the_register_and_merges_shreddings_recorded_on_two_machines(env: Env):
    b = _two_machines(env)
    cid = with_paper(env)
    ok(env, "paper", "add", cid, "--where", "archive")
    ok(env, "erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    ok(env, "sync")
    ok(b, "sync")
    assert [p["paper"] for p in today(b)["papers_due"]] == [1, 2]
    # Two managers record a different paper file each, before either syncs.
    ok(env, "paper", "shredded", cid, "1")
    ok(b, "paper", "shredded", cid, "2")
    ok(env, "sync")
    ok(b, "sync")
    ok(env, "sync")
    for machine in (env, b):
        _, data = _register(machine, cid)
        assert [(p["number"], "shredded" in p) for p in data["papers"]] == [(1, True), (2, True)]
        assert today(machine)["papers_due"] == []
        assert ok(machine, "verify").exit_code == 0


def test_a_write_failing_at_any_step_of_an_erasure_leaves_the_case_whole_or_destroyed_with_its_register(env: Env):
    """A failed write (a full disk) at each step of an erasure in turn: the case is then either whole, with its
    paper files and no register (what preceded the key's shredding is undone), or destroyed with its register
    (a failure after the shredding is finished by the next purge); verify passes every time."""
    from sendvault.store import storage

    n = 0
    while True:
        n += 1
        cid = with_paper(env)
        storage.set_fault(f"any:{n}:ENOSPC")
        try:
            r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
        finally:
            storage.set_fault(None)
        ok(env, "retention", "purge", "--yes")  # finishes a destruction cut short after the key was shredded
        if (env.vault / "cases" / f"{cid}.age").exists():
            assert r.exit_code != 0 and papers(env, cid)[1]["label"] == LABEL
            assert not (env.vault / "papers" / f"{cid}.age").exists()
        else:
            _, data = _register(env, cid)
            assert [p["number"] for p in data["papers"]] == [1]
        assert ok(env, "verify").exit_code == 0
        if r.exit_code == 0:
            break
    assert n > 5  # the fault reached every step of the destruction before it ran through


# --- properties of the rules (pure) -----------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from sendvault.records import retention  # noqa: E402

# Marked, so that no label can be a part of a place's or a date's words by chance.
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30).map(lambda t: "«" + t.strip())
_PAPER = st.fixed_dictionaries({
    "where": st.sampled_from(["office-cabinet", "home-cabinet", "archive"]), "label": _TEXT, "note": _TEXT,
    "out": st.booleans(), "shredded": st.booleans()})


@settings(max_examples=200, deadline=None)
@given(papers_=st.lists(_PAPER, max_size=5), closed=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
       months=st.integers(0, 60), on=st.dates(dt.date(2020, 1, 1), dt.date(2045, 1, 1)))
def test_paper_files_due_say_nothing_personal_and_the_archive_is_never_later_than_the_case(papers_, closed, months, on):
    record = copy.deepcopy(SAMPLE_CASE)
    record.update(id="K7M3-Q9P2", created="2026-11-02T10:00:00Z", status="closed" if closed else "open")
    if closed:
        record["closed"] = {"date": closed.isoformat(), "outcome": "resolved", "by": "Ann"}
    record["papers"] = [{"number": n, "at": "2026-11-02T10:00:00Z", "by": "Ann", "where": p["where"],
                         **({"keeper": "Ann"} if p["where"] == "home-cabinet" else {}), "label": p["label"],
                         "note": p["note"],
                         **({"out": {"by": "Bo", "since": "2026-11-03T10:00:00Z", "risk_assessment": p["note"]}}
                            if p["out"] else {}),
                         **({"shredded": {"by": "Ann", "at": "2026-11-04T10:00:00Z"}} if p["shredded"] else {})}
                        for n, p in enumerate(papers_, 1)]
    config = {"retention": {"rules": [{"rule": "birthday", "age": 25}], "enquiries_months": 12, "fallback_months": 72,
                            "keep_statistics": True, "statistics_locality": True},
              "papers": {"archive_months": months}}
    case_due = retention.due(record, config["retention"]).date
    rows = retention.paper_due_rows(record, config, on)
    for row in rows:
        assert set(row) <= {"id", "paper", "where", "keeper", "out", "due"}
        assert "«" not in json.dumps(row, ensure_ascii=False)  # no label, note or risk assessment
    for p in record["papers"]:
        day = retention.paper_due(record, p, config)
        if p["where"] == "archive" and closed:
            assert day == min(case_due, retention.add_months(closed, months))
        else:
            assert day == case_due
        listed = any(r["paper"] == p["number"] for r in rows)
        assert listed == ("shredded" not in p and day is not None and day <= on)
