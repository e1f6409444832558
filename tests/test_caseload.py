"""The caseload through the command line: who holds a case (assign, assign --from/--to),
follow-ups (set, done), list --mine/--officer/--follow-up, and the day's view (today).

There is no test clock in the product (an officer must not be able to backdate the
audit trail), so dates are computed from today, and the past is made by running the
real CLI with the vault's clock turned back (``days_ago``), as if on an earlier day.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest

from conftest import (
    VALID_CASE, Env, assert_no_personal_data, audit_log, clock_moved, files_containing, make_case, one_line_error, show,
)
from sendvault.basics.timefmt import utcnow

TODAY = utcnow().date()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def days_ago(n: int):
    """Run the CLI as on the day ``n`` days before today (the vault's clock only)."""
    return clock_moved(-dt.timedelta(days=n))


def cli_ok(env: Env, *args: str, identity=None):
    r = env.cli(*args, identity=identity)
    assert r.exit_code == 0, r.stderr
    return r


def as_json(env: Env, *args: str, identity=None):
    return json.loads(cli_ok(env, *args, "--json", identity=identity).stdout)


def new_case(env: Env, identity=None, ago: int = 0) -> str:
    """A case opened ``ago`` days ago (its first contact that day) by ``identity``'s officer."""
    case = copy.deepcopy(VALID_CASE)
    case["contact"]["date"] = day(-ago)
    case["contact"]["policy_explained"]["date"] = day(-ago)
    if not ago:
        return make_case(env, case, identity=identity)
    with days_ago(ago):
        return make_case(env, case, identity=identity)


def ids_of(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


# --- who holds a case ---------------------------------------------------------------


def test_the_officer_who_takes_the_intake_holds_the_case(env: Env):
    bea = env.new_officer("Bea")
    cid = new_case(env, bea)
    assert show(env, cid)["assigned_to"] == "Bea"
    (row,) = as_json(env, "list")
    assert row["officer"] == "Bea" and row["last_activity"] == day(0)


def test_a_record_from_before_assignments_is_held_by_whoever_opened_it(env: Env):
    from conftest import core_vault

    bea = env.new_officer("Bea")
    cid = new_case(env, bea)
    def as_before(record: dict) -> None:  # as an older sendvault wrote it
        del record["assigned_to"]

    core_vault(env).update_case(cid, as_before, "edit")
    assert "assigned_to" not in show(env, cid)
    assert ids_of(as_json(env, "list", "--mine", identity=bea)) == [cid]
    assert as_json(env, "list")[0]["officer"] == "Bea"
    r = cli_ok(env, "assign", cid, "Ann")
    assert f"case {cid} assigned to Ann (was Bea)" in r.stderr


def test_assign_hands_a_case_on_by_name_in_any_case(env: Env):
    env.new_officer("Bea Lewis")
    cid = new_case(env)
    r = cli_ok(env, "assign", cid.lower(), "bea LEWIS")
    assert r.stderr == f"sendvault: case {cid} assigned to Bea Lewis (was Ann)\n"
    record = show(env, cid)
    assert record["assigned_to"] == "Bea Lewis"
    event = record["history"][-1]
    assert (event["event"], event["from"], event["to"], event["by"]) == ("assigned", "Ann", "Bea Lewis", "Ann")
    assert [(e["command"], e["case"]) for e in audit_log(env) if e["command"] == "assign"] == [("assign", cid)]


def test_assigning_to_the_officer_who_holds_it_changes_nothing(env: Env):
    cid = new_case(env)
    before = show(env, cid)
    r = cli_ok(env, "assign", cid, "ann")
    assert "already held by Ann; nothing changed" in r.stderr
    assert show(env, cid) == before
    assert not [e for e in audit_log(env) if e["command"] == "assign"]


def test_assign_json(env: Env):
    env.new_officer("Bea")
    cid = new_case(env)
    assert as_json(env, "assign", cid, "bea") == {"id": cid, "officer": "Bea", "was": "Ann", "changed": True}


@pytest.mark.parametrize("name, words", [("Nobody Here", "no officer of this vault has that name"),
                                         ("bea", "that officer has left the team")])
def test_assign_to_someone_not_in_the_team_is_a_usage_error(env: Env, name, words):
    env.new_officer("Bea")
    cli_ok(env, "officer", "remove", "Bea")
    cid = new_case(env)
    r = env.cli("assign", cid, name)
    assert r.exit_code == 2
    assert one_line_error(r) == f"sendvault: error: {words}"
    assert name not in r.stderr
    assert show(env, cid)["assigned_to"] == "Ann"


def test_a_leavers_open_cases_move_in_one_step(env: Env):
    bea = env.new_officer("Bea")
    env.new_officer("Cy")
    first, second, closed = new_case(env, bea), new_case(env, bea), new_case(env, bea)
    annes = new_case(env)
    cli_ok(env, "close", closed, "--outcome", "advice-given", identity=bea)
    cli_ok(env, "officer", "remove", "Bea")

    r = cli_ok(env, "assign", "--from", "bea", "--to", "cy", "--dry-run")
    assert r.stdout.split() == sorted([first, second])
    assert "2 open case(s) would move from Bea to Cy" in r.stderr
    assert show(env, first)["assigned_to"] == "Bea"

    r = cli_ok(env, "assign", "--from", "bea", "--to", "cy")
    assert r.stdout.split() == sorted([first, second])
    assert r.stderr == "sendvault: 2 open case(s) moved from Bea to Cy\n"
    assert [show(env, c)["assigned_to"] for c in (first, second, closed, annes)] == ["Cy", "Cy", "Bea", "Ann"]
    moved = [e["case"] for e in audit_log(env) if e["command"] == "assign"]
    assert sorted(moved) == sorted([first, second])  # one entry per case changed, none for the others

    again = cli_ok(env, "assign", "--from", "Bea", "--to", "Cy", "--json")
    assert json.loads(again.stdout) == {"from": "Bea", "to": "Cy", "dry_run": False, "cases": []}
    assert "0 open case(s) moved" in again.stderr


def test_moving_a_caseload_is_for_managers(env: Env):
    bea = env.new_officer("Bea")
    env.new_officer("Cy")
    cid = new_case(env, bea)
    r = env.cli("assign", "--from", "Bea", "--to", "Cy", identity=bea)
    assert r.exit_code == 5
    one_line_error(r)
    assert show(env, cid)["assigned_to"] == "Bea"


@pytest.mark.parametrize("args", [
    ["assign", "K7M3-Q9P2"],
    ["assign", "--from", "Ann"],
    ["assign", "--to", "Ann"],
    ["assign", "K7M3-Q9P2", "Ann", "--from", "Ann", "--to", "Bea"],
    ["assign", "K7M3-Q9P2", "Ann", "--dry-run"],
    ["assign", "--from", "Ann", "--to", "ann"],
    ["assign", "--from", "Nobody", "--to", "Ann"],
    ["assign", "--from", "Ann", "--to", "Nobody"],
    ["assign", "not-an-id", "Ann"],
])
def test_assign_usage_errors(env: Env, args):
    env.new_officer("Bea")
    r = env.cli(*args)
    assert r.exit_code == 2, r.stderr
    one_line_error(r)
    assert "Nobody" not in r.stderr


# --- follow-ups -------------------------------------------------------------------


def test_follow_up_set_then_done_is_kept_in_the_history(env: Env):
    cid = new_case(env)
    r = cli_ok(env, "follow-up", cid, "+2w", "chase LA   for draft plan")
    assert r.stderr == f"sendvault: case {cid}: follow-up on {day(14)} (in 14 days)\n"
    record = show(env, cid)
    assert record["follow_up"]["date"] == day(14) and record["follow_up"]["reason"] == "chase LA for draft plan"
    assert record["follow_up"]["by"] == "Ann"
    assert record["history"][-1] == {**record["history"][-1], "event": "follow-up-set", "due": day(14),
                                     "reason": "chase LA for draft plan"}

    r = cli_ok(env, "follow-up", cid, "tomorrow", "call parent after panel")
    assert f"(replaces the one of {day(14)})" in r.stderr

    r = cli_ok(env, "follow-up", cid, "--done")
    assert r.stderr == f"sendvault: case {cid}: follow-up of {day(1)} done\n"
    record = show(env, cid)
    assert "follow_up" not in record
    events = [(e["event"], e.get("due"), e.get("reason")) for e in record["history"]]
    assert events == [("follow-up-set", day(14), "chase LA for draft plan"),
                      ("follow-up-set", day(1), "call parent after panel"),
                      ("follow-up-done", day(1), "call parent after panel")]
    commands = [e["command"] for e in audit_log(env) if e["case"] == cid and e["command"] != "show"]
    assert commands == ["intake", "follow-up", "follow-up", "follow-up done"]

    r = env.cli("follow-up", cid, "--done")
    assert r.exit_code == 1
    assert one_line_error(r) == f"sendvault: error: case {cid} has no follow-up to mark done"


def test_show_says_who_holds_the_case_and_its_follow_up(env: Env):
    cid = new_case(env, ago=9)
    cli_ok(env, "follow-up", cid, "+3d", "send the tribunal checklist")
    out = cli_ok(env, "show", cid).stdout
    assert re.search(r"Held by +Ann", out) and re.search(rf"Last activity +{day(-9)}", out)
    assert re.search(rf"Follow-up +{day(3)}: send the tribunal checklist", out)


@pytest.mark.parametrize("typed, offset", [
    ("today", 0), ("Tomorrow", 1), ("+3d", 3), ("+1w", 7), ("+2W", 14), (day(30), 30),
])
def test_follow_up_dates(env: Env, typed, offset):
    cid = new_case(env)
    cli_ok(env, "follow-up", cid, typed, "call back")
    assert show(env, cid)["follow_up"]["date"] == day(offset)


@pytest.mark.parametrize("typed", ["02/12/2026", "next week", "2026-02-30", "+3", "-3d", "+1000d", day(-1), "yesterday"])
def test_a_bad_follow_up_date_is_a_usage_error(env: Env, typed):
    cid = new_case(env)
    r = env.cli("follow-up", cid, typed, "call back")
    assert r.exit_code == 2
    line = one_line_error(r)
    assert typed not in r.stderr
    assert "DATE" in line or typed.startswith("-")  # "-3d" is taken for an option
    assert "follow_up" not in show(env, cid)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 121, "call\x1b[2Jback"])
def test_a_bad_reason_is_a_usage_error_that_does_not_repeat_it(env: Env, reason):
    cid = new_case(env)
    r = env.cli("follow-up", cid, "+1w", reason)
    assert r.exit_code == 2
    one_line_error(r)
    if reason.strip():
        assert reason not in r.stderr
    assert "follow_up" not in show(env, cid)


def test_a_reason_of_120_characters_on_several_lines_is_one_line(env: Env):
    cid = new_case(env)
    cli_ok(env, "follow-up", cid, "+1w", "a" * 60 + "\n" + "b" * 59)
    assert show(env, cid)["follow_up"]["reason"] == "a" * 60 + " " + "b" * 59


@pytest.mark.parametrize("args", [["+1w"], [], ["+1w", "call", "--done"], ["--done", "+1w"]])
def test_follow_up_needs_date_and_reason_or_done(env: Env, args):
    cid = new_case(env)
    r = env.cli("follow-up", cid, *args)
    assert r.exit_code == 2
    one_line_error(r)


def test_a_closed_case_gets_no_follow_up(env: Env):
    cid = new_case(env)
    cli_ok(env, "close", cid, "--outcome", "resolved")
    r = env.cli("follow-up", cid, "+1w", "call back")
    assert r.exit_code == 1
    assert one_line_error(r) == f"sendvault: error: case {cid} is closed; a follow-up is for an open case"


def test_an_intake_file_cannot_assign_or_set_a_follow_up(env: Env, ram_dir):
    from conftest import intake_text

    f = ram_dir / "intake.toml"
    f.write_text('assigned_to = "Ann"\n' + intake_text(VALID_CASE))
    r = env.cli("intake", "--from", str(f))
    assert r.exit_code == 1
    assert "  - the officer who holds the case is set by sendvault, not by an intake file" in r.stderr


def test_edit_says_which_command_changes_the_officer(env: Env):
    from sendvault.records.casework import apply_edit
    from sendvault.basics.errors import InvalidRecord

    from conftest import core_vault

    env.new_officer("Bea")
    cid = new_case(env)
    vault = core_vault(env)
    record = vault.read_case(cid)
    with pytest.raises(InvalidRecord) as exc:
        apply_edit(vault, cid, record, {**record, "assigned_to": "Bea"})
    assert exc.value.problems == ["the officer who holds the case cannot be changed with edit (use 'sendvault assign')"]


# --- nothing of a follow-up leaves the vault ------------------------------------------


def test_the_reason_is_only_in_the_encrypted_record(env: Env):
    bea = env.new_officer("Bea")
    cid = new_case(env, bea)
    marker = "Zanzibar-reason-9147"
    cli_ok(env, "follow-up", cid, "today", f"ring {marker}", identity=bea)
    outputs = [cli_ok(env, "today", identity=bea), cli_ok(env, "today", "--json", identity=bea),
               cli_ok(env, "list", "--follow-up"), cli_ok(env, "list", "--follow-up", "--json")]
    assert all(marker in r.stdout for r in outputs)  # shown to the officer...
    assert all(marker not in r.stderr for r in outputs)
    cli_ok(env, "follow-up", cid, "--done", identity=bea)
    cli_ok(env, "assign", cid, "ann")
    entries = audit_log(env)
    assert {"follow-up", "follow-up done", "today", "list", "assign"} <= {e["command"] for e in entries}
    assert marker not in json.dumps(entries) and "ring" not in json.dumps(entries)
    # ...and on disk only inside age-encrypted files.
    assert files_containing(marker.encode(), env.vault, env.tmp) == []


# --- list -------------------------------------------------------------------------


def test_list_mine_and_officer(env: Env):
    bea = env.new_officer("Bea")
    annes, beas, beas_closed = new_case(env), new_case(env, bea), new_case(env, bea)
    cli_ok(env, "close", beas_closed, "--outcome", "resolved", identity=bea)

    assert ids_of(as_json(env, "list", "--mine")) == [annes]
    assert sorted(ids_of(as_json(env, "list", "--mine", identity=bea))) == sorted([beas, beas_closed])
    assert sorted(ids_of(as_json(env, "list", "--officer", "BEA"))) == sorted([beas, beas_closed])
    assert ids_of(as_json(env, "list", "--officer", "bea", "--status", "open")) == [beas]
    assert ids_of(as_json(env, "list", "--mine", "--status", "closed", identity=bea)) == [beas_closed]
    cli_ok(env, "officer", "remove", "Bea")
    assert len(as_json(env, "list", "--officer", "Bea")) == 2  # a leaver's cases can still be listed

    text = cli_ok(env, "list", "--officer", "ann").stdout
    assert annes in text and beas not in text and "officer" in text and "last_activity" in text


@pytest.mark.parametrize("args", [["--mine", "--officer", "Ann"], ["--officer", "Nobody"], ["--status", "done"]])
def test_list_usage_errors(env: Env, args):
    r = env.cli("list", *args)
    assert r.exit_code == 2
    one_line_error(r)
    assert "Nobody" not in r.stderr


def test_list_follow_up_is_what_is_due_within_a_week_oldest_first(env: Env):
    overdue, in_3, today, in_7, in_8, none, closed = (new_case(env, ago=20) for _ in range(7))
    with days_ago(10):
        cli_ok(env, "follow-up", overdue, "+5d", "was due five days ago")
    for cid, when in ((in_3, "+3d"), (today, "today"), (in_7, "+1w"), (in_8, "+8d"), (closed, "+2d")):
        cli_ok(env, "follow-up", cid, when, f"reason of {when}")
    cli_ok(env, "close", closed, "--outcome", "resolved")

    found = as_json(env, "list", "--follow-up")
    assert ids_of(found) == [overdue, today, in_3, in_7]
    assert [(r["follow_up"], r["reason"]) for r in found] == [
        (day(-5), "was due five days ago"), (day(0), "reason of today"), (day(3), "reason of +3d"), (day(7), "reason of +1w")]
    assert all(r["status"] == "open" and r["officer"] == "Ann" for r in found)
    assert ids_of(as_json(env, "list", "--follow-up", "--status", "closed")) == [closed]
    assert ids_of(as_json(env, "list", "--follow-up", "--mine")) == [overdue, today, in_3, in_7]
    assert none not in ids_of(found) and in_8 not in ids_of(found)

    text = cli_ok(env, "list", "--follow-up").stdout
    assert "was due five days ago" in text and text.index(overdue) < text.index(today) < text.index(in_7)


def test_last_activity_is_the_latest_work_on_the_case_not_an_assignment(env: Env):
    env.new_officer("Bea")
    cid = new_case(env, ago=40)
    (row,) = as_json(env, "list")
    assert row["last_activity"] == day(-40) and row["opened"] == day(-40)
    with days_ago(12):
        cli_ok(env, "note", cid, "Spoke to the SENCo")
    with days_ago(5):
        cli_ok(env, "follow-up", cid, "+10d", "check the plan arrived")
    cli_ok(env, "assign", cid, "Bea")
    assert as_json(env, "list")[0]["last_activity"] == day(-12)
    cli_ok(env, "follow-up", cid, "--done")
    assert as_json(env, "list")[0]["last_activity"] == day(0)


def test_list_rows_never_name_the_family(env: Env):
    cid = new_case(env)
    cli_ok(env, "follow-up", cid, "today", "call back")
    for args in (["list"], ["list", "--mine"], ["list", "--follow-up"]):
        r = cli_ok(env, *args)
        assert_no_personal_data(r.stdout, r.stderr)


# --- today ------------------------------------------------------------------------


@pytest.fixture
def beas_day(env: Env):
    """Bea's caseload: one of each thing the day's view sorts, and some it must leave out."""
    bea = env.new_officer("Bea")
    c = {name: new_case(env, bea, ago=60) for name in
         ("overdue", "overdue_older", "today", "in_3", "in_7", "in_9", "quiet", "quieter", "worked", "closed")}
    c["annes"] = new_case(env, ago=60)
    with days_ago(30):
        cli_ok(env, "note", c["quiet"], "Left a message", identity=bea)
        cli_ok(env, "follow-up", c["overdue"], "+28d", "was due two days ago", identity=bea)
        cli_ok(env, "follow-up", c["overdue_older"], "+20d", "was due ten days ago", identity=bea)
        cli_ok(env, "follow-up", c["annes"], "+1d", "Ann's, not Bea's")
    with days_ago(3):
        cli_ok(env, "note", c["worked"], "Meeting booked", identity=bea)
    for name, when in (("today", "today"), ("in_3", "+3d"), ("in_7", "+7d"), ("in_9", "+9d")):
        cli_ok(env, "follow-up", c[name], when, f"due {when}", identity=bea)
    cli_ok(env, "close", c["closed"], "--outcome", "resolved", identity=bea)
    return bea, c


def test_today_shows_my_follow_ups_and_quiet_cases(env: Env, beas_day):
    bea, c = beas_day
    view = as_json(env, "today", identity=bea)
    assert set(view) == {"officer", "date", "quiet_weeks", "overdue", "due_today", "due_this_week", "quiet", "sar_due", "counts",
                         "papers_out", "papers_due", "paper_out_days"}  # paper files: tests/test_papers.py
    assert (view["officer"], view["date"], view["quiet_weeks"]) == ("Bea", day(0), 4)
    assert view["overdue"] == [
        {"id": c["overdue_older"], "due": day(-10), "reason": "was due ten days ago", "last_activity": day(-60)},
        {"id": c["overdue"], "due": day(-2), "reason": "was due two days ago", "last_activity": day(-60)},
    ]
    assert view["due_today"] == [{"id": c["today"], "due": day(0), "reason": "due today", "last_activity": day(-60)}]
    assert ids_of(view["due_this_week"]) == [c["in_3"], c["in_7"]]
    # No follow-up set, no activity for 4 weeks or more: the quietest first. "in_9" has a follow-up: in hand.
    assert view["quiet"] == [
        {"id": c["quieter"], "last_activity": day(-60), "weeks_quiet": 8},
        {"id": c["quiet"], "last_activity": day(-30), "weeks_quiet": 4},
    ]
    assert view["counts"] == {"overdue": 2, "due_today": 1, "due_this_week": 2, "quiet": 2, "sar_due": 0, "open_cases": 9,
                              "papers_out": 0, "papers_due": 0}


def test_today_as_text(env: Env, beas_day):
    bea, c = beas_day
    r = cli_ok(env, "today", identity=bea)
    out = r.stdout
    titles = ["Follow-ups overdue (2)", "Follow-ups due today (1)", "Follow-ups due this week (2)",
              "Quiet for 4 weeks or more (2)"]
    assert [out.index(t) for t in titles] == sorted(out.index(t) for t in titles)
    assert f"  {c['overdue_older']}  due {day(-10)} (10 days ago)  was due ten days ago" in out
    assert f"  {c['today']}  due today" in out
    assert f"  {c['quieter']}  last activity {day(-60)} (8 weeks ago)" in out
    assert out.rstrip().endswith("2 overdue, 1 due today, 2 due this week, 2 quiet; 9 open case(s) held by you")
    for absent in (c["in_9"], c["worked"], c["closed"], c["annes"], "Ann's"):
        assert absent not in out
    assert r.stderr == ""
    assert_no_personal_data(out)


def test_today_quiet_weeks(env: Env, beas_day):
    bea, c = beas_day
    assert ids_of(as_json(env, "today", "--quiet-weeks", "6", identity=bea)["quiet"]) == [c["quieter"]]
    assert as_json(env, "today", "--quiet-weeks", "9", identity=bea)["quiet"] == []
    quiet = ids_of(as_json(env, "today", "--quiet-weeks", "1", identity=bea)["quiet"])
    assert quiet == [c["quieter"], c["quiet"]]  # "worked" had a note 3 days ago


@pytest.mark.parametrize("weeks", ["0", "-1", "four", "1.5", ""])
def test_today_bad_quiet_weeks_is_a_usage_error(env: Env, weeks):
    r = env.cli("today", "--quiet-weeks", weeks)
    assert r.exit_code == 2
    one_line_error(r)


def test_today_with_nothing_to_do(env: Env):
    view = as_json(env, "today")
    assert view["counts"] == {"overdue": 0, "due_today": 0, "due_this_week": 0, "quiet": 0, "sar_due": 0, "open_cases": 0,
                              "papers_out": 0, "papers_due": 0}
    r = cli_ok(env, "today")
    assert r.stdout.strip().endswith("0 overdue, 0 due today, 0 due this week, 0 quiet; 0 open case(s) held by you")
    assert "Follow-ups" not in r.stdout and "Quiet" not in r.stdout


def test_today_is_audited_without_case_details(env: Env, beas_day):
    bea, _ = beas_day
    cli_ok(env, "today", identity=bea)
    (entry,) = [e for e in audit_log(env) if e["command"] == "today"]
    assert entry["officer"] == "Bea" and entry["case"] is None
    assert entry["detail"] == "2 overdue, 1 due today, 2 due this week, 2 quiet, 0 sar due, 9 open cases, 0 papers out, 0 papers due"
